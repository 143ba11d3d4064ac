/* test_bold.c — the Balloon–Windkessel model (lib/wc_bold.c): rest, the steady state of
 * a constant input, the linear regime's symmetry, bad arguments. */
#include "tap.h"
#include "wckit/wc_bold.h"
#include "wckit/wc_err.h"

#include <stdlib.h>

int main(void)
{
    wc_bold_params p;
    wc_bold_params_init(&p);
    OK(p.kappa == 0.65 && p.gamma == 0.41 && p.tau == 0.98 && p.alpha == 0.32 && p.rho == 0.34 && p.V0 == 0.02 &&
           close_to(p.k1, 2.38, 1e-15, 0) && p.k2 == 2 && close_to(p.k3, 0.48, 1e-15, 0),
       "the standard parameters (Friston 2003)");
    wc_bold *b = wc_bold_new(3, &p, 1e-3);
    double y[3], z[3] = {0, 0.2, -0.2};
    wc_bold_signal(b, y);
    OK(y[0] == 0 && y[1] == 0 && y[2] == 0, "at rest the signal is 0");
    for (int k = 0; k < 300000; k++) wc_bold_step(b, z);
    wc_bold_signal(b, y);
    double want[3];
    for (int i = 0; i < 3; i++) wc_bold_steady(&p, z[i], NULL, NULL, NULL, &want[i]);
    NEAR(y[0], 0, 1e-15, 0, "no input: stays at rest");
    NEAR(y[1], want[1], 1e-10, 0, "input 0.2: the analytic steady state after 300 s");
    NEAR(y[2], want[2], 1e-10, 0, "input -0.2: the analytic steady state");
    OK(y[1] > 0 && y[2] < 0, "more input, more signal (%g, %g)", y[1], y[2]);
    OK(wc_bold_steps(b) == 300000, "steps counted");
    wc_bold_free(b);
    OK(wc_bold_steady(&p, -0.41, NULL, NULL, NULL, NULL) < 0 && *wc_errmsg(), "no steady flow at z <= -gamma: %s", wc_errmsg());
    OK(!wc_bold_new(0, &p, 1e-3), "no channels: %s", wc_errmsg());
    OK(!wc_bold_new(2, &p, 0), "a step of 0: %s", wc_errmsg());
    wc_bold_params bad = p;
    bad.rho = 1.5;
    OK(!wc_bold_new(2, &bad, 1e-3), "rho out of (0, 1): %s", wc_errmsg());
    b = wc_bold_new(1, &p, 1e-3);
    double big = -1e4;
    int rc = 0;
    for (int k = 0; k < 1000 && rc == 0; k++) rc = wc_bold_step(b, &big);
    OK(rc < 0 && strstr(wc_errmsg(), "left its domain"), "a huge negative input breaks it, and says so: %s", wc_errmsg());
    wc_bold_free(b);
    return tap_done();
}
