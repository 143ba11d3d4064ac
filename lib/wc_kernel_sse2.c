/* wc_kernel_sse2.c — the step kernels for any x86-64 CPU (SSE2): each 4-lane vector is
 * handled as two 2-lane halves by SLEEF's SSE2 functions. */
#include <emmintrin.h>
#include <sleef.h>

typedef double v2d_sse __attribute__((vector_size(16)));
typedef double vd_sse __attribute__((vector_size(32)));

static inline __attribute__((always_inline)) vd_sse apply2(__m128d (*fn)(__m128d), vd_sse x)
{
    v2d_sse lo = {x[0], x[1]}, hi = {x[2], x[3]};
    v2d_sse a = (v2d_sse)fn((__m128d)lo), b = (v2d_sse)fn((__m128d)hi);
    return (vd_sse){a[0], a[1], b[0], b[1]};
}

#define KNAME(x) x##_sse2
#define KL 4

#define VEXP(v) apply2(Sleef_expd2_u10sse2, (v))
#define VEXPM1(v) apply2(Sleef_expm1d2_u10sse2, (v))
static inline __attribute__((always_inline)) int any_gt(vd_sse x, double c)
{
    __m128d lo = {x[0], x[1]}, hi = {x[2], x[3]}, cc = _mm_set1_pd(c);
    return _mm_movemask_pd(_mm_cmpgt_pd(lo, cc)) | _mm_movemask_pd(_mm_cmpgt_pd(hi, cc));
}
#define VANY_GT(v, c) any_gt((v), (c))
#define VLOG(v) apply2(Sleef_logd2_u10sse2, (v))
#define VSQRT(v) apply2(_mm_sqrt_pd, (v))
static inline __attribute__((always_inline)) void sincos2(vd_sse x, vd_sse *s, vd_sse *c)
{
    Sleef___m128d_2 a = Sleef_sincosd2_u35sse2((__m128d){x[0], x[1]}), b = Sleef_sincosd2_u35sse2((__m128d){x[2], x[3]});
    *s = (vd_sse){a.x[0], a.x[1], b.x[0], b.x[1]};
    *c = (vd_sse){a.y[0], a.y[1], b.y[0], b.y[1]};
}
#define VSINCOS(v, s, c) sincos2((v), &(s), &(c))
/* lane-wise (a mod 2^32) * (b mod 2^32): 32-bit factors, exact in 64 bits */
#define VMULU32(a, b) (((a) & 0xffffffffULL) * ((b) & 0xffffffffULL))
#include "wc_kernel_body_internal.h"
