/* wc_kernel_body.h — the vector step kernels, included once per instruction set by
 * wc_kernel_avx512.c, wc_kernel_avx2.c and wc_kernel_sse2.c.  The includer defines:
 *   KNAME(x)   suffixes a symbol (x_avx2)
 *   KL         lanes per vector (4 or 8; WC_LANES is a multiple of it)
 *   VEXP(v), VEXPM1(v)  vector exp and expm1 of a vd
 * Arithmetic uses GCC vector extensions, so the same text compiles to AVX or SSE2.
 * The formulas are model.md §2 term by term; keep them in the order written there. */
#include <stddef.h>
#include <string.h>
#include "wc_integrate.h"

typedef double vd __attribute__((vector_size(KL * 8)));
typedef long long vl __attribute__((vector_size(KL * 8)));
_Static_assert(WC_LANES % KL == 0, "node padding must be a multiple of the vector width");

static inline __attribute__((always_inline)) vd KNAME(ld)(const double *p) { vd v; memcpy(&v, p, sizeof v); return v; }
static inline __attribute__((always_inline)) void KNAME(st)(double *p, vd v) { memcpy(p, &v, sizeof v); }
static inline __attribute__((always_inline)) vd KNAME(splat)(double x) { vd z = {0}; return z + x; }

/* mask ? a : b, with mask lanes all-ones or zero (as vector comparisons give). */
static inline __attribute__((always_inline)) vd KNAME(sel)(vl mask, vd a, vd b)
{
    return (vd)((mask & (vl)a) | (~mask & (vl)b));
}

static inline __attribute__((always_inline)) vd KNAME(vabs)(vd x)
{
    vl nosign = {0};
    nosign += 0x7fffffffffffffffLL;
    return (vd)((vl)x & nosign);
}

/* Per-lane parameters of nodes i..i+3. */
typedef struct {
    vd inv_tau_E, inv_tau_I, a_E, a_I, theta_E, theta_I, wEE, wEI, wIE, wII, r, FE0, FI0;
    vd dt, IE, II;   /* step and the inputs held over it */
} KNAME(lanes);

static inline __attribute__((always_inline)) void KNAME(load_lanes)(const wc_soa *s, size_t i, KNAME(lanes) *q)
{
    q->inv_tau_E = KNAME(ld)(s->inv_tau_E + i); q->inv_tau_I = KNAME(ld)(s->inv_tau_I + i);
    q->a_E = KNAME(ld)(s->a_E + i); q->a_I = KNAME(ld)(s->a_I + i);
    q->theta_E = KNAME(ld)(s->theta_E + i); q->theta_I = KNAME(ld)(s->theta_I + i);
    q->wEE = KNAME(ld)(s->wEE + i); q->wEI = KNAME(ld)(s->wEI + i);
    q->wIE = KNAME(ld)(s->wIE + i); q->wII = KNAME(ld)(s->wII + i);
    q->r = KNAME(ld)(s->r + i);
    q->FE0 = KNAME(ld)(s->FE0 + i); q->FI0 = KNAME(ld)(s->FI0 + i);
}

/* logistic(a (x - theta)) */
static inline __attribute__((always_inline)) vd KNAME(logistic)(vd x, vd a, vd theta)
{
    const vd one = KNAME(splat)(1.0);
    return one / (one + VEXP(-(a * (x - theta))));
}

/* Right-hand side; also returns the logistic values and F for the Jacobian. */
static inline __attribute__((always_inline)) void KNAME(rhs)(const KNAME(lanes) *q, vd rE, vd rI, vd IE, vd II,
                               vd *fE, vd *fI, vd *sE, vd *sI, vd *FE, vd *FI)
{
    const vd one = KNAME(splat)(1.0);
    *sE = KNAME(logistic)(q->wEE * rE - q->wEI * rI + IE, q->a_E, q->theta_E);
    *sI = KNAME(logistic)(q->wIE * rE - q->wII * rI + II, q->a_I, q->theta_I);
    *FE = *sE - q->FE0;
    *FI = *sI - q->FI0;
    *fE = (-rE + (one - q->r * rE) * *FE) * q->inv_tau_E;
    *fI = (-rI + (one - q->r * rI) * *FI) * q->inv_tau_I;
}

/* 1 when any lane of a comparison mask is set. */
static inline __attribute__((always_inline)) int KNAME(any)(vl mask)
{
    long long bits = 0;
    for (int k = 0; k < KL; k++) bits |= mask[k];
    return bits != 0;
}

/* phi(z) = expm1(z)/z.  For |z| <= 1/2, which covers dt*J at the usual steps, its Taylor
 * series sum z^k/(k+1)! to k = 13 (the first omitted term is below 5e-17 relative), with
 * no call and no division; lanes beyond that use SLEEF's expm1.  For |z| <= 1e-8 the
 * series equals model.md's 1 + z/2 + z^2/6 to the last bit.  The series is summed as
 * even(z^2) + z odd(z^2), two short independent Horner chains, for E and I together:
 * four chains the CPU overlaps instead of one long dependent one. */
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
#define PHI_HORNER7(w, a, b, c, d, e, f, g) \
    ((((((PHI_C(g) * (w) + PHI_C(f)) * (w) + PHI_C(e)) * (w) + PHI_C(d)) * (w) + PHI_C(c)) * (w) + PHI_C(b)) * (w) + PHI_C(a))

static inline __attribute__((always_inline)) vd KNAME(phi_far)(vd z, vd near)
{
    vl far = KNAME(vabs)(z) > KNAME(splat)(0.5);
    return KNAME(any)(far) ? KNAME(sel)(far, VEXPM1(z) / z, near) : near;
}

static inline __attribute__((always_inline)) void KNAME(phi2)(vd zE, vd zI, vd *pE, vd *pI)
{
    vd wE = zE * zE, wI = zI * zI;
    vd evE = PHI_HORNER7(wE, 0, 2, 4, 6, 8, 10, 12), odE = PHI_HORNER7(wE, 1, 3, 5, 7, 9, 11, 13);
    vd evI = PHI_HORNER7(wI, 0, 2, 4, 6, 8, 10, 12), odI = PHI_HORNER7(wI, 1, 3, 5, 7, 9, 11, 13);
    *pE = KNAME(phi_far)(zE, evE + zE * odE);
    *pI = KNAME(phi_far)(zI, evI + zI * odI);
}

static inline __attribute__((always_inline)) void KNAME(expeuler)(const KNAME(lanes) *q, vd *rE, vd *rI)
{
    const vd dt = q->dt, IE = q->IE, II = q->II;
    const vd one = KNAME(splat)(1.0);
    vd fE, fI, sE, sI, FE, FI;
    KNAME(rhs)(q, *rE, *rI, IE, II, &fE, &fI, &sE, &sI, &FE, &FI);
    vd JE = (-one - q->r * FE + (one - q->r * *rE) * q->a_E * sE * (one - sE) * q->wEE) * q->inv_tau_E;
    vd JI = (-one - q->r * FI - (one - q->r * *rI) * q->a_I * sI * (one - sI) * q->wII) * q->inv_tau_I;
    vd phE, phI;
    KNAME(phi2)(dt * JE, dt * JI, &phE, &phI);
    *rE = *rE + dt * phE * fE;
    *rI = *rI + dt * phI * fI;
}

static inline __attribute__((always_inline)) void KNAME(f)(const KNAME(lanes) *q, vd rE, vd rI, vd IE, vd II, vd *fE, vd *fI)
{
    vd sE, sI, FE, FI;
    KNAME(rhs)(q, rE, rI, IE, II, fE, fI, &sE, &sI, &FE, &FI);
}

static inline __attribute__((always_inline)) void KNAME(euler)(const KNAME(lanes) *q, vd *rE, vd *rI)
{
    const vd dt = q->dt, IE = q->IE, II = q->II;
    vd fE, fI;
    KNAME(f)(q, *rE, *rI, IE, II, &fE, &fI);
    *rE = *rE + dt * fE;
    *rI = *rI + dt * fI;
}

/* Heun (brainmass "rk2"): k1 = f(y), k2 = f(y + dt k1), y + dt/2 (k1 + k2) */
static inline __attribute__((always_inline)) void KNAME(heun)(const KNAME(lanes) *q, vd *rE, vd *rI)
{
    const vd dt = q->dt, IE = q->IE, II = q->II;
    vd aE, aI, bE, bI;
    KNAME(f)(q, *rE, *rI, IE, II, &aE, &aI);
    KNAME(f)(q, *rE + dt * aE, *rI + dt * aI, IE, II, &bE, &bI);
    vd half = dt / KNAME(splat)(2.0);
    *rE = *rE + half * (aE + bE);
    *rI = *rI + half * (aI + bI);
}

static inline __attribute__((always_inline)) void KNAME(rk4)(const KNAME(lanes) *q, vd *rE, vd *rI)
{
    const vd dt = q->dt, IE = q->IE, II = q->II;
    const vd two = KNAME(splat)(2.0);
    vd h = dt / two;
    vd k1E, k1I, k2E, k2I, k3E, k3I, k4E, k4I;
    KNAME(f)(q, *rE, *rI, IE, II, &k1E, &k1I);
    KNAME(f)(q, *rE + h * k1E, *rI + h * k1I, IE, II, &k2E, &k2I);
    KNAME(f)(q, *rE + h * k2E, *rI + h * k2I, IE, II, &k3E, &k3I);
    KNAME(f)(q, *rE + dt * k3E, *rI + dt * k3I, IE, II, &k4E, &k4I);
    vd sixth = dt / KNAME(splat)(6.0);
    *rE = *rE + sixth * (k1E + two * k2E + two * k3E + k4E);
    *rI = *rI + sixth * (k1I + two * k2I + two * k3I + k4I);
}

/* One loop per method, so the method test is not inside the hot loop. */
#define KLOOP(METHOD)                                                        \
    for (size_t i = i0; i < i1; i += KL) {                                   \
        KNAME(lanes) q;                                                      \
        KNAME(load_lanes)(s, i, &q);                                         \
        vd e = KNAME(ld)(rE + i), v = KNAME(ld)(rI + i);                    \
        q.dt = vdt;                                                          \
        q.IE = KNAME(ld)(inE + i);                                           \
        q.II = KNAME(ld)(inI + i);                                           \
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
