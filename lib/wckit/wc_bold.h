/* wc_bold.h — the Balloon–Windkessel hemodynamic model: neural activity to a BOLD signal
 * (wc-bold(1)), after Friston et al. 2000 and 2003, with the standard parameters as
 * neurolib and The Virtual Brain use them.
 *
 * For each channel, with z(t) the neural input (the activity, times a scale) and time in
 * seconds:
 *
 *   ds/dt = z - kappa s - gamma (f - 1)          vasodilatory signal
 *   df/dt = s                                    blood inflow
 *   tau dv/dt = f - v^(1/alpha)                  blood volume
 *   tau dq/dt = f E(f)/rho - v^(1/alpha) q / v   deoxyhaemoglobin, E(f) = 1 - (1 - rho)^(1/f)
 *   y = V0 (k1 (1 - q) + k2 (1 - q/v) + k3 (1 - v))
 *
 * kappa = 0.65 /s, gamma = 0.41 /s, tau = 0.98 s, alpha = 0.32, rho = 0.34, V0 = 0.02,
 * k1 = 7 rho, k2 = 2, k3 = 2 rho - 0.2 (Friston 2003's coefficients for 1.5 T), at rest
 * s = 0, f = v = q = 1, y = 0.  Stepped by forward Euler on the simulation's step (as
 * neurolib), the input held over the step; v^(1/alpha) = exp(log(v)/alpha) and
 * (1 - rho)^(1/f) = exp(log(1 - rho)/f), by SLEEF's vector exp and log. */
#ifndef WC_BOLD_H
#define WC_BOLD_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    double kappa, gamma, tau, alpha, rho, V0, k1, k2, k3;
} wc_bold_params;

/** The standard parameters above. */
void wc_bold_params_init(wc_bold_params *p);
/** The steady state of a constant input z: f = 1 + z/gamma, v = f^alpha,
 *  q = v E(f)/rho, s = 0; *y the signal there.  @return 0, or -1 if z <= -gamma (no
 *  positive flow). */
int wc_bold_steady(const wc_bold_params *p, double z, double *f, double *v, double *q, double *y);

typedef struct wc_bold wc_bold;

/** n channels at rest, stepped by dt seconds.  @return the state, or NULL (wc_errmsg:
 *  n = 0, dt not > 0, parameters not positive where they must be, out of memory). */
wc_bold *wc_bold_new(size_t n, const wc_bold_params *p, double dt);
void wc_bold_free(wc_bold *b);
/** One step with inputs z[0..n-1] held over it.  @return 0, or -1 if a state left its
 *  domain (f, v or q not positive: an input far too large or negative). */
int wc_bold_step(wc_bold *b, const double *z);
/** nsteps steps; step k's inputs are scale * z[k stride + i], i < n (rows of a block, say,
 *  stride >= n).  Vectorised: the exp and log are SLEEF's (1 ulp), so the result may differ
 *  from a libm loop in the last bits.  @return 0, or -1 as wc_bold_step, the state
 *  then after the step that left the domain. */
int wc_bold_run(wc_bold *b, const double *z, size_t nsteps, size_t stride, double scale);
/** The BOLD signal of every channel now. */
void wc_bold_signal(const wc_bold *b, double *y);
/** Steps taken so far. */
long long wc_bold_steps(const wc_bold *b);

#ifdef __cplusplus
}
#endif
#endif
