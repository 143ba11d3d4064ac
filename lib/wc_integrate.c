/* wc_integrate.c — method names, the structure-of-arrays node store and the choice
 * of vector kernel (see wc_integrate.h). */
#include "wc_integrate.h"
#include "wc_kernels.h"
#include "wc_err.h"
#include "wc_model.h"
#include "wc_rng.h"

#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define MXCSR_FTZ_DAZ 0x8040u
#endif

static const char *const method_names[WC_NMETHOD] = {"expeuler", "euler", "heun", "rk4"};
static const int method_orders[WC_NMETHOD] = {1, 1, 2, 4};

int wc_method_parse(const char *s)
{
    for (int m = 0; m < WC_NMETHOD; m++)
        if (strcmp(s, method_names[m]) == 0) return m;
    if (strcmp(s, "rk2") == 0) return WC_HEUN;
    return -1;
}

const char *wc_method_name(int m) { return method_names[m]; }
int wc_method_order(int m) { return method_orders[m]; }

size_t wc_padded(size_t n) { return (n + WC_LANES - 1) / WC_LANES * WC_LANES; }

#define SOA_NARRAYS 13

enum simd { SIMD_UNKNOWN, SIMD_SSE2, SIMD_AVX2, SIMD_AVX512 };
static enum simd pick_simd(void);

int wc_soa_init(wc_soa *s, const wc_params *p, size_t n)
{
    pick_simd(); /* settle the kernel choice here, before any stepping thread reads it */
    memset(s, 0, sizeof *s);
    s->n = n;
    s->cap = wc_padded(n > 0 ? n : 1);
    s->mem = aligned_alloc(64, SOA_NARRAYS * s->cap * sizeof(double));
    if (!s->mem) return wc_seterr("out of memory for %zu nodes", n);
    double **arr[SOA_NARRAYS] = {&s->inv_tau_E, &s->inv_tau_I, &s->a_E, &s->a_I, &s->theta_E, &s->theta_I,
                                 &s->wEE, &s->wEI, &s->wIE, &s->wII, &s->r, &s->FE0, &s->FI0};
    for (int k = 0; k < SOA_NARRAYS; k++) *arr[k] = s->mem + k * s->cap;
    for (size_t i = 0; i < s->cap; i++) {
        const wc_params *q = &p[i < n ? i : 0];
        s->inv_tau_E[i] = 1.0 / q->tau_E;
        s->inv_tau_I[i] = 1.0 / q->tau_I;
        s->a_E[i] = q->a_E; s->a_I[i] = q->a_I;
        s->theta_E[i] = q->theta_E; s->theta_I[i] = q->theta_I;
        s->wEE[i] = q->wEE; s->wEI[i] = q->wEI; s->wIE[i] = q->wIE; s->wII[i] = q->wII;
        s->r[i] = q->r;
        s->FE0[i] = wc_logistic(-q->a_E * q->theta_E);
        s->FI0[i] = wc_logistic(-q->a_I * q->theta_I);
    }
    return 0;
}

void wc_soa_free(wc_soa *s)
{
    free(s->mem);
    memset(s, 0, sizeof *s);
}

static enum simd simd_level = SIMD_UNKNOWN;

/* The widest vector code this CPU runs, capped by WC_SIMD. */
static enum simd pick_simd(void)
{
    if (simd_level == SIMD_UNKNOWN) {
        const char *cap = getenv("WC_SIMD");
        __builtin_cpu_init();
        enum simd best = SIMD_SSE2;
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) best = SIMD_AVX2;
        if (best == SIMD_AVX2 && __builtin_cpu_supports("avx512f")) best = SIMD_AVX512;
        if (cap && strcmp(cap, "sse2") == 0) best = SIMD_SSE2;
        if (cap && strcmp(cap, "avx2") == 0 && best > SIMD_AVX2) best = SIMD_AVX2;
        simd_level = best;
    }
    return simd_level;
}

unsigned wc_fp_enter(void)
{
#ifdef MXCSR_FTZ_DAZ
    unsigned saved = _mm_getcsr();
    _mm_setcsr(saved | MXCSR_FTZ_DAZ);
    return saved;
#else
    return 0;
#endif
}

void wc_fp_leave(unsigned saved)
{
#ifdef MXCSR_FTZ_DAZ
    _mm_setcsr(saved);
#else
    (void)saved;
#endif
}

const char *wc_simd_name(void)
{
    static const char *const names[] = {"?", "sse2", "avx2", "avx512"};
    return names[pick_simd()];
}

/* The kernels of the chosen instruction set. */
static const wc_kernels *kernels(void)
{
    static const wc_kernels *const by_level[] = {NULL, &wc_kernels_sse2, &wc_kernels_avx2, &wc_kernels_avx512};
    return by_level[pick_simd()];
}

void wc_step(const wc_soa *s, int method, double dt, size_t i0, size_t i1,
             double *rE, double *rI, const double *inE, const double *inI)
{
    kernels()->step(s, method, dt, i0, i1, rE, rI, inE, inI);
}

void wc_couple(const double *h, const size_t *off, const double *w, size_t ntap, size_t len, double *out)
{
    kernels()->couple(h, off, w, ntap, len, out);
}

void wc_rng_normals(uint64_t seed, uint32_t stream, uint64_t step, size_t i0, size_t i1, double *z0, double *z1)
{
    kernels()->normals(seed, stream, step, i0, i1, z0, z1);
}

void wc_ou_step(const double *mu, const double *decay, const double *kick, size_t i0, size_t i1,
                const double *z, double *x, double *in)
{
    kernels()->ou_step(mu, decay, kick, i0, i1, z, x, in);
}
