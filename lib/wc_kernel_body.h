/* wc_kernel_body.h — the vector step kernels, included once per instruction set by
 * wc_kernel_avx512.c, wc_kernel_avx2.c and wc_kernel_sse2.c.  The includer defines:
 *   KNAME(x)   suffixes a symbol (x_avx2)
 *   KL         lanes per vector (4 or 8; WC_LANES is a multiple of it)
 *   VEXP(v), VEXPM1(v)  vector exp and expm1 of a vd
 *   VANY_GT(v, c)       nonzero when any lane of v is greater than the constant c
 * Arithmetic uses GCC vector extensions, so the same text compiles to AVX-512, AVX or SSE2.
 * The formulas are model.md §2 term by term; keep them in the order written there. */
#include <stddef.h>
#include <string.h>
#include "wc_integrate.h"

/* Everything here is inlined into the one exported function per instruction set. */
#define KINLINE static inline __attribute__((always_inline))

typedef double vd __attribute__((vector_size(KL * 8)));
typedef long long vl __attribute__((vector_size(KL * 8)));
_Static_assert(WC_LANES % KL == 0, "node padding must be a multiple of the vector width");

KINLINE vd KNAME(ld)(const double *p) { vd v; memcpy(&v, p, sizeof v); return v; }
KINLINE void KNAME(st)(double *p, vd v) { memcpy(p, &v, sizeof v); }
KINLINE vd KNAME(splat)(double x) { vd z = {0}; return z + x; }

/* mask ? a : b, with mask lanes all-ones or zero (as vector comparisons give). */
KINLINE vd KNAME(sel)(vl mask, vd a, vd b)
{
    return (vd)((mask & (vl)a) | (~mask & (vl)b));
}

KINLINE vd KNAME(vabs)(vd x)
{
    vl nosign = {0};
    nosign += 0x7fffffffffffffffLL;
    return (vd)((vl)x & nosign);
}

/* Where the parameters of nodes i..i+KL-1 are, the step and the inputs held over it.
 * Parameters are loaded where they are used (P(name)), not gathered up front: values
 * kept in registers would have to be spilled around every SLEEF call anyway. */
typedef struct {
    const wc_soa *s;
    size_t i;
    vd dt, IE, II;
} KNAME(lanes);

#define P(name) KNAME(ld)(q->s->name + q->i)

/* logistic(a (x - theta)) */
KINLINE vd KNAME(logistic)(vd x, vd a, vd theta)
{
    const vd one = KNAME(splat)(1.0);
    return one / (one + VEXP(-(a * (x - theta))));
}

/* Right-hand side; also returns the logistic values and F for the Jacobian. */
KINLINE void KNAME(rhs)(const KNAME(lanes) *q, vd rE, vd rI, vd *fE, vd *fI, vd *sE, vd *sI, vd *FE, vd *FI)
{
    const vd one = KNAME(splat)(1.0);
    *sE = KNAME(logistic)(P(wEE) * rE - P(wEI) * rI + q->IE, P(a_E), P(theta_E));
    *sI = KNAME(logistic)(P(wIE) * rE - P(wII) * rI + q->II, P(a_I), P(theta_I));
    *FE = *sE - P(FE0);
    *FI = *sI - P(FI0);
    *fE = (-rE + (one - P(r) * rE) * *FE) * P(inv_tau_E);
    *fI = (-rI + (one - P(r) * rI) * *FI) * P(inv_tau_I);
}

/* phi(z) = expm1(z)/z.  For |z| <= 1/2, which covers dt*J at the usual steps, its Taylor
 * series sum z^k/(k+1)! to k = 13 (the first omitted term is below 5e-17 relative), with
 * no call and no division; lanes beyond that use SLEEF's expm1.  For |z| <= 1e-8 the
 * series equals model.md's 1 + z/2 + z^2/6 to the last bit.  The series is summed as
 * even(z^2) + z odd(z^2), each part by Estrin's scheme, for E and I together: short
 * independent chains the CPU overlaps instead of one long dependent one. */
#define PHI_C(k) (1.0 / PHI_F##k)
#define PHI_F0 1.0
#define PHI_F1 2.0
#define PHI_F2 6.0
#define PHI_F3 24.0
#define PHI_F4 120.0
#define PHI_F5 720.0
#define PHI_F6 5040.0
#define PHI_F7 40320.0
#define PHI_F8 362880.0
#define PHI_F9 3628800.0
#define PHI_F10 39916800.0
#define PHI_F11 479001600.0
#define PHI_F12 6227020800.0
#define PHI_F13 87178291200.0
/* c_a + c_b w + c_c w^2 + ... + c_g w^6 by Estrin's scheme: depth 4 instead of Horner's 6
 * (w2 = w^2, w4 = w^4 computed once). */
#define PHI_POLY7(w, w2, w4, a, b, c, d, e, f, g)                                              \
    ((PHI_C(a) + PHI_C(b) * (w)) + (w2) * (PHI_C(c) + PHI_C(d) * (w))                          \
     + (w4) * ((PHI_C(e) + PHI_C(f) * (w)) + (w2) * PHI_C(g)))

/* Lanes with |z| > 1/2 get expm1(z)/z instead of the series. */
KINLINE vd KNAME(phi_far)(vd z, vd near)
{
    vl far = KNAME(vabs)(z) > KNAME(splat)(0.5);
    return KNAME(sel)(far, VEXPM1(z) / z, near);
}

KINLINE void KNAME(phi2)(vd zE, vd zI, vd *pE, vd *pI)
{
    vd wE = zE * zE, wI = zI * zI, wE2 = wE * wE, wI2 = wI * wI, wE4 = wE2 * wE2, wI4 = wI2 * wI2;
    vd evE = PHI_POLY7(wE, wE2, wE4, 0, 2, 4, 6, 8, 10, 12), odE = PHI_POLY7(wE, wE2, wE4, 1, 3, 5, 7, 9, 11, 13);
    vd evI = PHI_POLY7(wI, wI2, wI4, 0, 2, 4, 6, 8, 10, 12), odI = PHI_POLY7(wI, wI2, wI4, 1, 3, 5, 7, 9, 11, 13);
    *pE = evE + zE * odE;
    *pI = evI + zI * odI;
    /* one cheap test for the rare step that needs the fallback */
    if (VANY_GT(KNAME(vabs)(zE), 0.5) | VANY_GT(KNAME(vabs)(zI), 0.5)) {
        *pE = KNAME(phi_far)(zE, *pE);
        *pI = KNAME(phi_far)(zI, *pI);
    }
}

KINLINE void KNAME(expeuler)(const KNAME(lanes) *q, vd *rE, vd *rI)
{
    const vd dt = q->dt;
    const vd one = KNAME(splat)(1.0);
    vd fE, fI, sE, sI, FE, FI;
    KNAME(rhs)(q, *rE, *rI, &fE, &fI, &sE, &sI, &FE, &FI);
    vd JE = (-one - P(r) * FE + (one - P(r) * *rE) * P(a_E) * sE * (one - sE) * P(wEE)) * P(inv_tau_E);
    vd JI = (-one - P(r) * FI - (one - P(r) * *rI) * P(a_I) * sI * (one - sI) * P(wII)) * P(inv_tau_I);
    vd phE, phI;
    KNAME(phi2)(dt * JE, dt * JI, &phE, &phI);
    *rE = *rE + dt * phE * fE;
    *rI = *rI + dt * phI * fI;
}

KINLINE void KNAME(f)(const KNAME(lanes) *q, vd rE, vd rI, vd *fE, vd *fI)
{
    vd sE, sI, FE, FI;
    KNAME(rhs)(q, rE, rI, fE, fI, &sE, &sI, &FE, &FI);
}

KINLINE void KNAME(euler)(const KNAME(lanes) *q, vd *rE, vd *rI)
{
    const vd dt = q->dt;
    vd fE, fI;
    KNAME(f)(q, *rE, *rI, &fE, &fI);
    *rE = *rE + dt * fE;
    *rI = *rI + dt * fI;
}

/* Heun (brainmass "rk2"): k1 = f(y), k2 = f(y + dt k1), y + dt/2 (k1 + k2) */
KINLINE void KNAME(heun)(const KNAME(lanes) *q, vd *rE, vd *rI)
{
    const vd dt = q->dt;
    vd aE, aI, bE, bI;
    KNAME(f)(q, *rE, *rI, &aE, &aI);
    KNAME(f)(q, *rE + dt * aE, *rI + dt * aI, &bE, &bI);
    vd half = dt / KNAME(splat)(2.0);
    *rE = *rE + half * (aE + bE);
    *rI = *rI + half * (aI + bI);
}

KINLINE void KNAME(rk4)(const KNAME(lanes) *q, vd *rE, vd *rI)
{
    const vd dt = q->dt;
    const vd two = KNAME(splat)(2.0);
    vd h = dt / two;
    vd k1E, k1I, k2E, k2I, k3E, k3I, k4E, k4I;
    KNAME(f)(q, *rE, *rI, &k1E, &k1I);
    KNAME(f)(q, *rE + h * k1E, *rI + h * k1I, &k2E, &k2I);
    KNAME(f)(q, *rE + h * k2E, *rI + h * k2I, &k3E, &k3I);
    KNAME(f)(q, *rE + dt * k3E, *rI + dt * k3I, &k4E, &k4I);
    vd sixth = dt / KNAME(splat)(6.0);
    *rE = *rE + sixth * (k1E + two * k2E + two * k3E + k4E);
    *rI = *rI + sixth * (k1I + two * k2I + two * k3I + k4I);
}

/* One loop per method, so the method test is not inside the hot loop. */
#define KLOOP(METHOD)                                                        \
    for (size_t i = i0; i < i1; i += KL) {                                   \
        KNAME(lanes) q = {.s = s, .i = i, .dt = vdt,                         \
                          .IE = KNAME(ld)(inE + i), .II = KNAME(ld)(inI + i)};   \
        vd e = KNAME(ld)(rE + i), v = KNAME(ld)(rI + i);                     \
        METHOD(&q, &e, &v);                                                  \
        KNAME(st)(rE + i, e);                                                \
        KNAME(st)(rI + i, v);                                                \
    }

void KNAME(wc_step)(const wc_soa *s, int method, double dt, size_t i0, size_t i1,
                    double *rE, double *rI, const double *inE, const double *inI)
{
    vd vdt = KNAME(splat)(dt);
    switch (method) {
    case WC_EULER: KLOOP(KNAME(euler)); break;
    case WC_HEUN: KLOOP(KNAME(heun)); break;
    case WC_RK4: KLOOP(KNAME(rk4)); break;
    default: KLOOP(KNAME(expeuler)); break;
    }
}
#undef KLOOP
#undef KINLINE
#undef P
