/* wc_kernels_internal.h — the vector kernels of one instruction set, as a table (private to
 * libwc).  wc_kernel_body_internal.h fills one per set; wc_kernels.c picks the widest the CPU
 * runs, once, and the public entry points (wc_integrate_step, wc_net_couple, wc_rng_normals,
 * wc_rng_ou_step) call through it. */
#ifndef WC_KERNELS_H
#define WC_KERNELS_H

#include <stddef.h>
#include <stdint.h>
#include "wckit/wc_integrate.h"

typedef struct {
    void (*step)(const wc_soa *, int, double, size_t, size_t, double *, double *, const double *, const double *);
    void (*couple)(const double *, const size_t *, const double *, size_t, size_t, double *);
    void (*normals)(uint64_t, uint32_t, uint64_t, size_t, size_t, double *, double *);
    void (*ou_step)(const double *, const double *, const double *, size_t, size_t, const double *, double *,
                    double *);
} wc_kernels;

extern const wc_kernels wc_kernels_avx512, wc_kernels_avx2, wc_kernels_sse2;

#endif
