/* wc_kernel_body.h — the vector step kernels, included once per instruction set by
 * wc_kernel_avx2.c and wc_kernel_sse2.c.  The includer defines:
 *   KNAME(x)   suffixes a symbol (x_avx2)
 *   VEXP(v), VEXPM1(v)  vector exp and expm1 of a v4d
 * Arithmetic uses GCC vector extensions, so the same text compiles to AVX or SSE2.
 * The formulas are model.md §2 term by term; keep them in the order written there. */
#include <stddef.h>
#include <string.h>
#include "wc_integrate.h"

typedef double v4d __attribute__((vector_size(32)));
typedef long long v4l __attribute__((vector_size(32)));

static inline __attribute__((always_inline)) v4d KNAME(ld)(const double *p) { v4d v; memcpy(&v, p, sizeof v); return v; }
static inline __attribute__((always_inline)) void KNAME(st)(double *p, v4d v) { memcpy(p, &v, sizeof v); }
static inline __attribute__((always_inline)) v4d KNAME(splat)(double x) { return (v4d){x, x, x, x}; }

/* mask ? a : b, with mask lanes all-ones or zero (as vector comparisons give). */
static inline __attribute__((always_inline)) v4d KNAME(sel)(v4l mask, v4d a, v4d b)
{
    return (v4d)((mask & (v4l)a) | (~mask & (v4l)b));
}

static inline __attribute__((always_inline)) v4d KNAME(vabs)(v4d x)
{
    const v4l nosign = {0x7fffffffffffffffLL, 0x7fffffffffffffffLL, 0x7fffffffffffffffLL, 0x7fffffffffffffffLL};
    return (v4d)((v4l)x & nosign);
}

/* Per-lane parameters of nodes i..i+3. */
typedef struct {
    v4d tau_E, tau_I, a_E, a_I, theta_E, theta_I, wEE, wEI, wIE, wII, r, FE0, FI0;
    v4d dt, IE, II;   /* step and the inputs held over it */
} KNAME(lanes);

static inline __attribute__((always_inline)) void KNAME(load_lanes)(const wc_soa *s, size_t i, KNAME(lanes) *q)
{
    q->tau_E = KNAME(ld)(s->tau_E + i); q->tau_I = KNAME(ld)(s->tau_I + i);
    q->a_E = KNAME(ld)(s->a_E + i); q->a_I = KNAME(ld)(s->a_I + i);
    q->theta_E = KNAME(ld)(s->theta_E + i); q->theta_I = KNAME(ld)(s->theta_I + i);
    q->wEE = KNAME(ld)(s->wEE + i); q->wEI = KNAME(ld)(s->wEI + i);
    q->wIE = KNAME(ld)(s->wIE + i); q->wII = KNAME(ld)(s->wII + i);
    q->r = KNAME(ld)(s->r + i);
    q->FE0 = KNAME(ld)(s->FE0 + i); q->FI0 = KNAME(ld)(s->FI0 + i);
}

/* logistic(a (x - theta)) */
static inline __attribute__((always_inline)) v4d KNAME(logistic)(v4d x, v4d a, v4d theta)
{
    const v4d one = KNAME(splat)(1.0);
    return one / (one + VEXP(-(a * (x - theta))));
}

/* Right-hand side; also returns the logistic values and F for the Jacobian. */
static inline __attribute__((always_inline)) void KNAME(rhs)(const KNAME(lanes) *q, v4d rE, v4d rI, v4d IE, v4d II,
                               v4d *fE, v4d *fI, v4d *sE, v4d *sI, v4d *FE, v4d *FI)
{
    const v4d one = KNAME(splat)(1.0);
    *sE = KNAME(logistic)(q->wEE * rE - q->wEI * rI + IE, q->a_E, q->theta_E);
    *sI = KNAME(logistic)(q->wIE * rE - q->wII * rI + II, q->a_I, q->theta_I);
    *FE = *sE - q->FE0;
    *FI = *sI - q->FI0;
    *fE = (-rE + (one - q->r * rE) * *FE) / q->tau_E;
    *fI = (-rI + (one - q->r * rI) * *FI) / q->tau_I;
}

/* phi(z) = expm1(z)/z, with its Taylor polynomial for |z| <= 1e-8 */
static inline __attribute__((always_inline)) v4d KNAME(phi)(v4d z)
{
    const v4d one = KNAME(splat)(1.0);
    v4d taylor = one + z / KNAME(splat)(2.0) + z * z / KNAME(splat)(6.0);
    v4l big = KNAME(vabs)(z) > KNAME(splat)(1e-8);
    return KNAME(sel)(big, VEXPM1(z) / z, taylor);
}

static inline __attribute__((always_inline)) void KNAME(expeuler)(const KNAME(lanes) *q, v4d *rE, v4d *rI)
{
    const v4d dt = q->dt, IE = q->IE, II = q->II;
    const v4d one = KNAME(splat)(1.0);
    v4d fE, fI, sE, sI, FE, FI;
    KNAME(rhs)(q, *rE, *rI, IE, II, &fE, &fI, &sE, &sI, &FE, &FI);
    v4d JE = (-one - q->r * FE + (one - q->r * *rE) * q->a_E * sE * (one - sE) * q->wEE) / q->tau_E;
    v4d JI = (-one - q->r * FI - (one - q->r * *rI) * q->a_I * sI * (one - sI) * q->wII) / q->tau_I;
    *rE = *rE + dt * KNAME(phi)(dt * JE) * fE;
    *rI = *rI + dt * KNAME(phi)(dt * JI) * fI;
}

static inline __attribute__((always_inline)) void KNAME(f)(const KNAME(lanes) *q, v4d rE, v4d rI, v4d IE, v4d II, v4d *fE, v4d *fI)
{
    v4d sE, sI, FE, FI;
    KNAME(rhs)(q, rE, rI, IE, II, fE, fI, &sE, &sI, &FE, &FI);
}

static inline __attribute__((always_inline)) void KNAME(euler)(const KNAME(lanes) *q, v4d *rE, v4d *rI)
{
    const v4d dt = q->dt, IE = q->IE, II = q->II;
    v4d fE, fI;
    KNAME(f)(q, *rE, *rI, IE, II, &fE, &fI);
    *rE = *rE + dt * fE;
    *rI = *rI + dt * fI;
}

/* Heun (brainmass "rk2"): k1 = f(y), k2 = f(y + dt k1), y + dt/2 (k1 + k2) */
static inline __attribute__((always_inline)) void KNAME(heun)(const KNAME(lanes) *q, v4d *rE, v4d *rI)
{
    const v4d dt = q->dt, IE = q->IE, II = q->II;
    v4d aE, aI, bE, bI;
    KNAME(f)(q, *rE, *rI, IE, II, &aE, &aI);
    KNAME(f)(q, *rE + dt * aE, *rI + dt * aI, IE, II, &bE, &bI);
    v4d half = dt / KNAME(splat)(2.0);
    *rE = *rE + half * (aE + bE);
    *rI = *rI + half * (aI + bI);
}

static inline __attribute__((always_inline)) void KNAME(rk4)(const KNAME(lanes) *q, v4d *rE, v4d *rI)
{
    const v4d dt = q->dt, IE = q->IE, II = q->II;
    const v4d two = KNAME(splat)(2.0);
    v4d h = dt / two;
    v4d k1E, k1I, k2E, k2I, k3E, k3I, k4E, k4I;
    KNAME(f)(q, *rE, *rI, IE, II, &k1E, &k1I);
    KNAME(f)(q, *rE + h * k1E, *rI + h * k1I, IE, II, &k2E, &k2I);
    KNAME(f)(q, *rE + h * k2E, *rI + h * k2I, IE, II, &k3E, &k3I);
    KNAME(f)(q, *rE + dt * k3E, *rI + dt * k3I, IE, II, &k4E, &k4I);
    v4d sixth = dt / KNAME(splat)(6.0);
    *rE = *rE + sixth * (k1E + two * k2E + two * k3E + k4E);
    *rI = *rI + sixth * (k1I + two * k2I + two * k3I + k4I);
}

/* One loop per method, so the method test is not inside the hot loop. */
#define KLOOP(METHOD)                                                        \
    for (size_t i = i0; i < i1; i += WC_LANES) {                             \
        KNAME(lanes) q;                                                      \
        KNAME(load_lanes)(s, i, &q);                                         \
        v4d e = KNAME(ld)(rE + i), v = KNAME(ld)(rI + i);                    \
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
    v4d vdt = KNAME(splat)(dt);
    switch (method) {
    case WC_EULER: KLOOP(KNAME(euler)); break;
    case WC_HEUN: KLOOP(KNAME(heun)); break;
    case WC_RK4: KLOOP(KNAME(rk4)); break;
    default: KLOOP(KNAME(expeuler)); break;
    }
}
#undef KLOOP
