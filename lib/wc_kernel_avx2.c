/* wc_kernel_avx2.c — the step kernels for AVX2+FMA CPUs (built with -mavx2 -mfma;
 * -ffp-contract=off keeps our own arithmetic unfused, so only SLEEF uses FMA). */
#include <immintrin.h>
#include <sleef.h>

#define KNAME(x) x##_avx2
#define KL 4

#define VEXP(v) ((vd)Sleef_expd4_u10avx2((__m256d)(v)))
#define VEXPM1(v) ((vd)Sleef_expm1d4_u10avx2((__m256d)(v)))
#define VANY_GT(v, c) (_mm256_movemask_pd(_mm256_cmp_pd((__m256d)(v), _mm256_set1_pd(c), _CMP_GT_OQ)) != 0)
#define VLOG(v) ((vd)Sleef_logd4_u10avx2((__m256d)(v)))
#define VSQRT(v) ((vd)_mm256_sqrt_pd((__m256d)(v)))
#define VSINCOS(v, s, c)                                             \
    do {                                                             \
        Sleef___m256d_2 sc_ = Sleef_sincosd4_u35avx2((__m256d)(v));  \
        s = (vd)sc_.x;                                               \
        c = (vd)sc_.y;                                               \
    } while (0)
#define VMULU32(a, b) ((vu)_mm256_mul_epu32((__m256i)(a), (__m256i)(b)))
#include "wc_kernel_body_internal.h"
