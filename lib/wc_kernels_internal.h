/* wc_kernels_internal.h — the vector kernels of one instruction set, as a table (private to
 * libwc).  wc_kernel_body_internal.h fills one per set; wc_kernels.c picks the widest the CPU
 * runs, once, and the public entry points (wc_integrate_step, wc_net_couple, wc_rng_normals,
 * wc_rng_ou_step) call through it. */
#ifndef WC_KERNELS_H
#define WC_KERNELS_H

#include <stddef.h>
#include <stdint.h>
#include "wckit/wc_integrate.h"

/* The Balloon–Windkessel step's constants (wc_bold.c): dt in s, 1/alpha, 1/tau, 1/rho and
 * log(1 - rho), so E(f) = 1 - exp(log(1 - rho) / f). */
typedef struct {
    double dt, kappa, gamma, ia, itau, irho, lnr;
} wc_bold_coef;

/* Its n channels' state, and room for one step's v^(1/alpha) and E(f); each array padded
 * to a multiple of WC_LANES. */
typedef struct {
    size_t n;
    double *s, *f, *v, *q, *vpow, *e;
} wc_bold_vars;

typedef struct {
    void (*step)(const wc_soa *, int, double, size_t, size_t, double *, double *, const double *, const double *);
    void (*couple)(const double *, const size_t *, const double *, size_t, size_t, double *);
    void (*normals)(uint64_t, uint32_t, uint64_t, size_t, size_t, double *, double *, double *, double *);
    void (*ou_step)(const double *, const double *, const double *, size_t, size_t, const double *, double *,
                    double *);
    long long (*bold)(const wc_bold_coef *, const wc_bold_vars *, const double *, size_t, size_t, double);
} wc_kernels;

extern const wc_kernels wc_kernels_avx512, wc_kernels_avx2, wc_kernels_sse2;

/* nsteps Euler steps of the Balloon–Windkessel model; step k's input to channel i is
 * scale * z[k stride + i].  @return the first step (from 0) after which a channel's f, v or q
 * is not positive, or -1. */
long long wc_bold_kernel(const wc_bold_coef *c, const wc_bold_vars *x, const double *z, size_t nsteps, size_t stride,
                         double scale);

#endif
