/* test_bold.c — the Balloon–Windkessel model (lib/wc_bold.c): rest, the steady state of
 * a constant input, the linear regime's symmetry, the vector kernel against a plain libm
 * loop (channels beyond a whole vector included), blocks against single steps, bad arguments. */
#include "tap.h"
#include "wckit/wc_bold.h"
#include "wckit/wc_err.h"

#include <math.h>
#include <stdlib.h>

/* The equations of wc_bold.h, written out with libm's pow: nsteps rows of n inputs. */
static void plain_loop(const wc_bold_params *p, double dt, size_t n, const double *z, size_t nsteps, size_t stride,
                       double scale, double *y)
{
    double s[16], f[16], v[16], q[16];
    for (size_t i = 0; i < n; i++) s[i] = 0, f[i] = v[i] = q[i] = 1;
    for (size_t k = 0; k < nsteps; k++)
        for (size_t i = 0; i < n; i++) {
            double vp = pow(v[i], 1 / p->alpha), e = 1 - pow(1 - p->rho, 1 / f[i]);
            double ds = scale * z[k * stride + i] - p->kappa * s[i] - p->gamma * (f[i] - 1), df = s[i];
            double dv = (f[i] - vp) / p->tau, dq = (f[i] * e / p->rho - vp * q[i] / v[i]) / p->tau;
            s[i] += dt * ds, f[i] += dt * df, v[i] += dt * dv, q[i] += dt * dq;
        }
    for (size_t i = 0; i < n; i++)
        y[i] = p->V0 * (p->k1 * (1 - q[i]) + p->k2 * (1 - q[i] / v[i]) + p->k3 * (1 - v[i]));
}

/* 11 channels (a whole vector and a part), 20000 steps of 1 ms of rough input, as rows of 13. */
static void vector_kernel(const wc_bold_params *p)
{
    enum { N = 11, STRIDE = 13, STEPS = 20000 };
    double *z = malloc(STEPS * STRIDE * sizeof *z), y[N], want[N], one[N];
    unsigned long long x = 42;
    for (size_t k = 0; k < (size_t)STEPS * STRIDE; k++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        z[k] = (double)(x >> 11) * 0x1p-53 * (1 + (double)(k % STRIDE));   /* 0 to 13 */
    }
    plain_loop(p, 1e-3, N, z, STEPS, STRIDE, 0.25, want);
    wc_bold *b = wc_bold_new(N, p, 1e-3);
    OK(wc_bold_run(b, z, 7, STRIDE, 0.25) == 0 && wc_bold_run(b, z + 7 * STRIDE, STEPS - 7, STRIDE, 0.25) == 0,
       "two blocks of rows run");
    OK(wc_bold_steps(b) == STEPS, "their steps counted");
    wc_bold_signal(b, y);
    double worst = 0;
    for (int i = 0; i < N; i++) worst = fmax(worst, fabs(y[i] - want[i]));
    OK(worst < 1e-12 && fabs(want[N - 1]) > 1e-3, "equal to a plain libm loop to %.1e (< 1e-12) on every channel", worst);
    wc_bold *c = wc_bold_new(N, p, 1e-3);
    for (size_t k = 0; k < STEPS; k++) {
        for (int i = 0; i < N; i++) one[i] = 0.25 * z[k * STRIDE + i];
        wc_bold_step(c, one);
    }
    wc_bold_signal(c, one);
    int same = 1;
    for (int i = 0; i < N; i++) same &= one[i] == y[i];
    OK(same, "step by step equals blocks of rows, to the bit");
    wc_bold_free(b), wc_bold_free(c);
    /* the last channel (a partial vector's lane) leaves the domain at the step the single steps say */
    for (size_t k = 0; k < (size_t)STEPS * STRIDE; k++) z[k] = k % STRIDE == N - 1 ? -1e4 : 0.1;
    b = wc_bold_new(N, p, 1e-3), c = wc_bold_new(N, p, 1e-3);
    int rc = wc_bold_run(b, z, STEPS, STRIDE, 1);
    long long at = wc_bold_steps(b);
    for (size_t k = 0; k < STEPS && wc_bold_step(c, z + k * STRIDE) == 0; k++) continue;
    OK(rc < 0 && at > 1 && at < STEPS && at == wc_bold_steps(c), "a partial vector's lane leaves the domain at step %lld, "
       "as single steps say (%lld)", at, wc_bold_steps(c));
    wc_bold_free(b), wc_bold_free(c);
    free(z);
}

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
    vector_kernel(&p);
    return tap_done();
}
