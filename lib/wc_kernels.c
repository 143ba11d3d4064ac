/* wc_kernels.c — the choice of vector kernel and the entry points that call through it
 * (private module of libwc).  It picks the widest instruction set the CPU runs, once,
 * and implements the public functions declared in wc_integrate.h (wc_integrate_step, the FP mode,
 * wc_integrate_simd_name), wc_net.h (wc_net_couple) and wc_rng.h (wc_rng_normals, wc_rng_ou_step), and
 * wc_bold.c's step (wc_bold_kernel), whose
 * bodies are in wc_kernel_body_internal.h, compiled once per instruction set. */
#include "wc_kernels_internal.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_net.h"
#include "wckit/wc_rng.h"

#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define MXCSR_FTZ_DAZ 0x8040u
#endif

enum simd { SIMD_UNKNOWN, SIMD_SSE2, SIMD_AVX2, SIMD_AVX512 };

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

unsigned wc_integrate_fp_enter(void)
{
#ifdef MXCSR_FTZ_DAZ
    unsigned saved = _mm_getcsr();
    _mm_setcsr(saved | MXCSR_FTZ_DAZ);
    return saved;
#else
    return 0;
#endif
}

void wc_integrate_fp_leave(unsigned saved)
{
#ifdef MXCSR_FTZ_DAZ
    _mm_setcsr(saved);
#else
    (void)saved;
#endif
}

const char *wc_integrate_simd_name(void)
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

void wc_integrate_step(const wc_soa *s, int method, double dt, size_t i0, size_t i1,
             double *rE, double *rI, const double *inE, const double *inI)
{
    kernels()->step(s, method, dt, i0, i1, rE, rI, inE, inI);
}

void wc_net_couple(const double *h, const size_t *off, const double *w, size_t ntap, size_t len, double *out)
{
    kernels()->couple(h, off, w, ntap, len, out);
}

void wc_rng_normals(uint64_t seed, uint32_t stream, uint64_t step, size_t i0, size_t i1, double *z0, double *z1)
{
    if (step & 1) kernels()->normals(seed, stream, step - 1, i0, i1, NULL, NULL, z0, z1);
    else kernels()->normals(seed, stream, step, i0, i1, z0, z1, NULL, NULL);
}

void wc_rng_normals_pair(uint64_t seed, uint32_t stream, uint64_t step, size_t i0, size_t i1, double *z0, double *z1,
                         double *z0next, double *z1next)
{
    kernels()->normals(seed, stream, step & ~(uint64_t)1, i0, i1, z0, z1, z0next, z1next);
}

void wc_rng_ou_step(const double *mu, const double *decay, const double *kick, size_t i0, size_t i1,
                const double *z, double *x, double *in)
{
    kernels()->ou_step(mu, decay, kick, i0, i1, z, x, in);
}

long long wc_bold_kernel(const wc_bold_coef *c, const wc_bold_vars *x, const double *z, size_t nsteps, size_t stride,
                         double scale)
{
    return kernels()->bold(c, x, z, nsteps, stride, scale);
}
