/* wc_kernel_avx512.c — the step kernels for AVX-512F CPUs, 8 nodes per vector (built
 * with -mavx512f -mfma; -ffp-contract=off keeps our own arithmetic unfused). */
#include <immintrin.h>
#include <sleef.h>

#define KNAME(x) x##_avx512
#define KL 8
#define VEXP(v) ((vd)Sleef_expd8_u10avx512f((__m512d)(v)))
#define VEXPM1(v) ((vd)Sleef_expm1d8_u10avx512f((__m512d)(v)))
#define VANY_GT(v, c) (_mm512_cmp_pd_mask((__m512d)(v), _mm512_set1_pd(c), _CMP_GT_OQ) != 0)
#define VLOG(v) ((vd)Sleef_logd8_u10avx512f((__m512d)(v)))
#define VSQRT(v) ((vd)_mm512_sqrt_pd((__m512d)(v)))
#define VSINCOS(v, s, c)                                              \
    do {                                                              \
        Sleef___m512d_2 sc_ = Sleef_sincosd8_u35avx512f((__m512d)(v)); \
        s = (vd)sc_.x;                                                \
        c = (vd)sc_.y;                                                \
    } while (0)
#define VMULU32(a, b) ((vu)_mm512_mul_epu32((__m512i)(a), (__m512i)(b)))
#include "wc_kernel_body_internal.h"
