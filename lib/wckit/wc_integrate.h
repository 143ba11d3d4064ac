/* wc_integrate.h — time stepping of many independent Wilson–Cowan nodes
 * (wc-model(7), INTEGRATORS).
 *
 * Nodes are held as a structure of arrays padded to a multiple of WC_LANES, and a step
 * is computed 8 or 4 nodes at a time with SLEEF's vector exp/expm1 (AVX-512, AVX2 or SSE2,
 * the widest the CPU has).  Every node goes through the same vector code whatever its
 * position, so results do not depend on how nodes are split between threads. */
#ifndef WC_INTEGRATE_H
#define WC_INTEGRATE_H

#include <stddef.h>
#include "wc_params.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Nodes are padded to a multiple of this; every kernel's vector width divides it. */
#define WC_LANES 8

enum wc_method { WC_EXPEULER, WC_EULER, WC_HEUN, WC_RK4, WC_NMETHOD };

/** Parse "expeuler", "euler", "heun" (alias "rk2") or "rk4"; -1 if unknown. */
int wc_integrate_method_parse(const char *s);
/** Canonical name of a method. */
const char *wc_integrate_method_name(int method);
/** Order of convergence of a method (1, 1, 2, 4). */
int wc_integrate_method_order(int method);

/** Per-node model parameters as a structure of arrays of length cap. */
typedef struct {
    size_t n, cap;
    double *inv_tau_E, *inv_tau_I;   /* 1/tau: no division per step */
    double *a_E, *a_I, *theta_E, *theta_I;
    double *wEE, *wEI, *wIE, *wII, *r;
    double *FE0, *FI0;               /* logistic(-a theta): the offsets that make F(0) = 0 */
    double *mem;                     /* the one allocation behind all arrays */
} wc_soa;

/** Round n up to a multiple of WC_LANES. */
size_t wc_integrate_padded(size_t n);
/** Fill s from p[0..n-1] (padding lanes copy node 0).  @return 0 or -1 (out of memory). */
int wc_integrate_init(wc_soa *s, const wc_params *p, size_t n);
void wc_integrate_free(wc_soa *s);

/** Advance nodes [i0, i1) by one step dt (ms) with the given method.  i0 and i1 are
 *  multiples of WC_LANES (i1 <= s->cap).  rE, rI are updated in place; inE, inI are the
 *  total external inputs of each node held over the step (I_E/I_I + stimulus + noise +
 *  coupling; the kernel adds nothing).  All arrays have at least i1 elements. */
void wc_integrate_step(const wc_soa *s, int method, double dt, size_t i0, size_t i1,
             double *rE, double *rI, const double *inE, const double *inI);

/** Enter and leave the stepping loop's floating-point mode: subnormal results and inputs
 *  are taken as zero (x86 FTZ/DAZ, this thread only).  A node relaxing to rest decays
 *  toward 0 and would otherwise spend most of its time on subnormal numbers, which the
 *  CPU handles about 100 times slower; values below 2.2e-308 change nothing else.
 *  Returns the previous mode, to hand back to wc_integrate_fp_leave. */
unsigned wc_integrate_fp_enter(void);
void wc_integrate_fp_leave(unsigned saved);

/** Which vector code wc_integrate_step uses: "avx512", "avx2" or "sse2".  WC_SIMD=avx2 or
 *  WC_SIMD=sse2 in the environment caps it, for testing and comparison. */
const char *wc_integrate_simd_name(void);

#ifdef __cplusplus
}
#endif
#endif
