/* wc_bold.c — the Balloon–Windkessel model (see wc_bold.h). */
#include "wckit/wc_bold.h"

#include "wckit/wc_err.h"
#include "wckit/wc_integrate.h"
#include "wc_kernels_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct wc_bold {
    wc_bold_params p;
    wc_bold_vars x;            /* the state; one allocation from x.s */
    wc_bold_coef coef;
    long long steps;
};

void wc_bold_params_init(wc_bold_params *p)
{
    *p = (wc_bold_params){.kappa = 0.65, .gamma = 0.41, .tau = 0.98, .alpha = 0.32, .rho = 0.34, .V0 = 0.02};
    p->k1 = 7 * p->rho, p->k2 = 2, p->k3 = 2 * p->rho - 0.2;
}

static double extraction(const wc_bold_params *p, double f) { return 1 - pow(1 - p->rho, 1 / f); }

static double signal(const wc_bold_params *p, double v, double q)
{
    return p->V0 * (p->k1 * (1 - q) + p->k2 * (1 - q / v) + p->k3 * (1 - v));
}

int wc_bold_steady(const wc_bold_params *p, double z, double *f, double *v, double *q, double *y)
{
    double ff = 1 + z / p->gamma;
    if (!(ff > 0)) return wc_seterr("no steady flow for an input of %g (at most -gamma = %g)", z, -p->gamma), -1;
    double vv = pow(ff, p->alpha), qq = vv * extraction(p, ff) / p->rho;
    if (f) *f = ff;
    if (v) *v = vv;
    if (q) *q = qq;
    if (y) *y = signal(p, vv, qq);
    return 0;
}

wc_bold *wc_bold_new(size_t n, const wc_bold_params *p, double dt)
{
    if (n == 0) return wc_seterr("no channels"), NULL;
    if (!(dt > 0) || !isfinite(dt)) return wc_seterr("the step must be > 0 s (got %g)", dt), NULL;
    if (!(p->kappa > 0 && p->gamma > 0 && p->tau > 0 && p->alpha > 0 && p->rho > 0 && p->rho < 1 && p->V0 > 0))
        return wc_seterr("hemodynamic parameters out of range (kappa, gamma, tau, alpha, V0 > 0; 0 < rho < 1)"), NULL;
    if (n > ((size_t)-1) / (6 * sizeof(double)) - WC_LANES) return wc_seterr("too many channels (%zu)", n), NULL;
    size_t np = wc_integrate_padded(n);
    wc_bold *b = calloc(1, sizeof *b);
    double *mem = malloc(6 * np * sizeof *mem);
    if (!b || !mem) {
        free(b), free(mem);
        return wc_seterr("out of memory for %zu channels", n), NULL;
    }
    b->p = *p;
    b->x = (wc_bold_vars){.n = n, .s = mem, .f = mem + np, .v = mem + 2 * np, .q = mem + 3 * np, .vpow = mem + 4 * np,
                          .e = mem + 5 * np};
    for (size_t i = 0; i < np; i++) b->x.s[i] = 0, b->x.f[i] = b->x.v[i] = b->x.q[i] = 1;
    b->coef = (wc_bold_coef){.dt = dt, .kappa = p->kappa, .gamma = p->gamma, .ia = 1 / p->alpha, .itau = 1 / p->tau,
                             .irho = 1 / p->rho, .lnr = log(1 - p->rho)};
    return b;
}

void wc_bold_free(wc_bold *b)
{
    if (!b) return;
    free(b->x.s);
    free(b);
}

int wc_bold_run(wc_bold *b, const double *z, size_t nsteps, size_t stride, double scale)
{
    long long bad = wc_bold_kernel(&b->coef, &b->x, z, nsteps, stride, scale);
    b->steps += bad < 0 ? (long long)nsteps : bad + 1;
    if (bad >= 0) return wc_seterr("the hemodynamic state left its domain at step %lld (flow, volume or "
                                   "deoxyhaemoglobin not positive): is the input scaled for it?", b->steps), -1;
    return 0;
}

int wc_bold_step(wc_bold *b, const double *z) { return wc_bold_run(b, z, 1, b->x.n, 1); }

void wc_bold_signal(const wc_bold *b, double *y)
{
    for (size_t i = 0; i < b->x.n; i++) y[i] = signal(&b->p, b->x.v[i], b->x.q[i]);
}

long long wc_bold_steps(const wc_bold *b) { return b->steps; }
