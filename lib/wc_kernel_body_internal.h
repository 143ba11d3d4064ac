/* wc_kernel_body.h — the vector step kernels, included once per instruction set by
 * wc_kernel_avx512.c, wc_kernel_avx2.c and wc_kernel_sse2.c.  The includer defines:
 *   KNAME(x)   suffixes a symbol (x_avx2)
 *   KL         lanes per vector (4 or 8; WC_LANES is a multiple of it)
 *   VEXP(v), VEXPM1(v)  vector exp and expm1 of a vd
 *   VANY_GT(v, c)       nonzero when any lane of v is greater than the constant c
 *   VLOG(v), VSQRT(v), VSINCOS(v, s, c)   log, sqrt, and sin and cos into s and c
 *   VMULU32(a, b)       lane-wise product of the low 32 bits of two vectors of uint64
 * Arithmetic uses GCC vector extensions, so the same text compiles to AVX-512, AVX or SSE2.
 * The formulas are wc-model(7), INTEGRATORS, term by term; keep them in the order written there. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "wckit/wc_integrate.h"
#include "wc_kernels_internal.h"
#include "wckit/wc_net.h"

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
 * series equals wc-model(7)'s 1 + z/2 + z^2/6 to the last bit.  The series is summed as
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

static void KNAME(wc_integrate_step)(const wc_soa *s, int method, double dt, size_t i0, size_t i1,
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

/* ---- network coupling (wc_net.h) ---- */

/* Up to four vectors of block sums kept in registers over all taps, in tap order. */
#define KCHUNK(M)                                                      \
    do {                                                               \
        vd a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};                     \
        for (size_t t = 0; t < ntap; t++) {                            \
            const double *p = h + off[t] + o;                          \
            vd wt = KNAME(splat)(w[t]);                                \
            a0 += wt * KNAME(ld)(p);                                   \
            if (M > 1) a1 += wt * KNAME(ld)(p + KL);                   \
            if (M > 2) a2 += wt * KNAME(ld)(p + 2 * KL);               \
            if (M > 3) a3 += wt * KNAME(ld)(p + 3 * KL);               \
        }                                                              \
        KNAME(st)(out + o, a0);                                        \
        if (M > 1) KNAME(st)(out + o + KL, a1);                        \
        if (M > 2) KNAME(st)(out + o + 2 * KL, a2);                    \
        if (M > 3) KNAME(st)(out + o + 3 * KL, a3);                    \
    } while (0)

static void KNAME(wc_net_couple)(const double *h, const size_t *off, const double *w, size_t ntap, size_t len, double *out)
{
    size_t nvec = (len + KL - 1) / KL;
    for (size_t v = 0; v < nvec; v += 4) {
        size_t o = v * KL;
        switch (nvec - v) {
        case 1: KCHUNK(1); break;
        case 2: KCHUNK(2); break;
        case 3: KCHUNK(3); break;
        default: KCHUNK(4); break;
        }
    }
}
#undef KCHUNK

/* ---- normal random numbers (wc_rng.h): Philox4x32-10 on KL counters at once ---- */

typedef unsigned long long vu __attribute__((vector_size(KL * 8)));

KINLINE vu KNAME(usplat)(unsigned long long x) { vu z = {0}; return z + x; }

/* Each lane holds one 32-bit word of a counter in the low half of a 64-bit lane, so a
 * 32 x 32 -> 64-bit product is one lane-wise multiply.  Two sets of counters go through
 * the rounds together: each round's multiplies wait on the previous round, and a second
 * independent chain fills that latency. */
KINLINE void KNAME(philox_round)(vu c[4], vu k0, vu k1)
{
    const vu lo32 = KNAME(usplat)(0xffffffffu), m0 = KNAME(usplat)(0xD2511F53u), m1 = KNAME(usplat)(0xCD9E8D57u);
    vu p0 = VMULU32(c[0], m0), p1 = VMULU32(c[2], m1);
    vu n0 = (p1 >> 32) ^ c[1] ^ k0, n2 = (p0 >> 32) ^ c[3] ^ k1;
    c[0] = n0;
    c[1] = p1 & lo32;
    c[2] = n2;
    c[3] = p0 & lo32;
}

KINLINE void KNAME(philox1)(vu a[4], uint32_t k0, uint32_t k1)
{
    for (int round = 0; round < 10; round++) {
        KNAME(philox_round)(a, KNAME(usplat)(k0), KNAME(usplat)(k1));
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
}

KINLINE void KNAME(philox2)(vu a[4], vu b[4], uint32_t k0, uint32_t k1)
{
    for (int round = 0; round < 10; round++) {
        vu v0 = KNAME(usplat)(k0), v1 = KNAME(usplat)(k1);
        KNAME(philox_round)(a, v0, v1);
        KNAME(philox_round)(b, v0, v1);
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
}

/* An integer below 2^52 as a double, exactly: its bits under the exponent of 2^52. */
KINLINE vd KNAME(u52_to_double)(vu x)
{
    const vu magic = KNAME(usplat)(0x4330000000000000ULL);
    return (vd)(x | magic) - KNAME(splat)(0x1p52);
}

/* A 32-bit word w (low half of a lane) as the uniform (w + 1/2) 2^-32: exact. */
KINLINE vd KNAME(open01)(vu w)
{
    return (KNAME(u52_to_double)(w) + KNAME(splat)(0.5)) * KNAME(splat)(0x1p-32);
}

/* Counters of KL consecutive indices from i on, for block m (= step div 2). */
KINLINE void KNAME(counters)(vu c[4], uint64_t m, uint32_t stream, size_t i)
{
    static const unsigned long long iota[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    vu idx;
    memcpy(&idx, iota, sizeof idx);   /* a constant load, not lanes built through memory */
    idx = (idx + (unsigned long long)i) & KNAME(usplat)(0xffffffffu);
    c[0] = KNAME(usplat)((uint32_t)m);
    c[1] = KNAME(usplat)((uint32_t)(m >> 32));
    c[2] = idx;
    c[3] = KNAME(usplat)(stream);
    _Static_assert(KL <= 8, "iota has 8 lanes");
}

/* Box–Muller on the words of up to NBM (radius word, angle word) pairs at once, in passes:
 * the logs, then the sines and cosines.  SLEEF's calls are opaque and clobber every
 * vector register; calls one after another with no work between them overlap better. */
#define NBM 8
typedef struct {
    vd u0[NBM], u1[NBM];
    double *z0[NBM], *z1[NBM];
    int n;
} KNAME(bm);

KINLINE void KNAME(bm_add)(KNAME(bm) *q, vu wr, vu wa, double *z0, double *z1)
{
    q->u0[q->n] = KNAME(open01)(wr), q->u1[q->n] = KNAME(open01)(wa);
    q->z0[q->n] = z0, q->z1[q->n] = z1;
    q->n++;
}

static void KNAME(bm_flush)(KNAME(bm) *q)
{
    vd rad[NBM];
    for (int k = 0; k < q->n; k++) rad[k] = VLOG(q->u0[k]);
    for (int k = 0; k < q->n; k++) {
        vd sn, cs;
        VSINCOS(KNAME(splat)(2.0 * M_PI) * q->u1[k], sn, cs);
        vd r = VSQRT(KNAME(splat)(-2.0) * rad[k]);
        KNAME(st)(q->z0[k], r * cs);
        KNAME(st)(q->z1[k], r * sn);
    }
    q->n = 0;
}

/* Both steps of a block, or one (z0 or z0next NULL): step (even) from words 0 and 1,
 * step + 1 from words 2 and 3. */
KINLINE void KNAME(box_muller2)(KNAME(bm) *q, const vu c[4], size_t i, double *z0, double *z1, double *z0n, double *z1n)
{
    if (z0) KNAME(bm_add)(q, c[0], c[1], z0 + i, z1 + i);
    if (z0n) KNAME(bm_add)(q, c[2], c[3], z0n + i, z1n + i);
    if (q->n > NBM - 4) KNAME(bm_flush)(q);
}

static void KNAME(wc_normals)(uint64_t seed, uint32_t stream, uint64_t step, size_t i0, size_t i1, double *z0,
                              double *z1, double *z0n, double *z1n)
{
    uint64_t m = step >> 1;
    KNAME(bm) q = {.n = 0};
    size_t i = i0;
    for (; i + KL < i1; i += 2 * KL) {   /* two vectors: two independent chains of rounds */
        vu a[4], b[4];
        KNAME(counters)(a, m, stream, i);
        KNAME(counters)(b, m, stream, i + KL);
        KNAME(philox2)(a, b, (uint32_t)seed, (uint32_t)(seed >> 32));
        KNAME(box_muller2)(&q, a, i, z0, z1, z0n, z1n);
        KNAME(box_muller2)(&q, b, i + KL, z0, z1, z0n, z1n);
    }
    if (i < i1) {   /* one vector left */
        vu a[4];
        KNAME(counters)(a, m, stream, i);
        KNAME(philox1)(a, (uint32_t)seed, (uint32_t)(seed >> 32));
        KNAME(box_muller2)(&q, a, i, z0, z1, z0n, z1n);
    }
    if (q.n) KNAME(bm_flush)(&q);
}
#undef NBM

/* OU noise (wc_rng.h): the formula of wc_rng_ou_next, lane by lane. */
static void KNAME(wc_rng_ou_step)(const double *mu, const double *decay, const double *kick, size_t i0, size_t i1,
                       const double *z, double *x, double *in)
{
    for (size_t i = i0; i < i1; i += KL) {
        vd xi = KNAME(ld)(x + i), a = KNAME(ld)(decay + i) * (KNAME(ld)(mu + i) - xi), b = KNAME(ld)(kick + i) * KNAME(ld)(z + i);
        xi = xi + a + b;
        KNAME(st)(x + i, xi);
        KNAME(st)(in + i, KNAME(ld)(in + i) + xi);
    }
}

/* ---- the Balloon–Windkessel model (wc_bold.h): the equations there, forward Euler ---- */

/* The inputs of channels i..i+KL-1 at one step, lanes beyond n zero. */
KINLINE vd KNAME(bold_input)(const double *z, size_t i, size_t n)
{
    if (i + KL <= n) return KNAME(ld)(z + i);
    double t[KL] = {0};
    memcpy(t, z + i, (n - i) * sizeof *t);
    return KNAME(ld)(t);
}

/* Steps outside, channels inside; per step a pass of each transcendental over all channels
 * (into vp and e), then the update: loops with few live values, no spills around the calls. */
static long long KNAME(wc_bold_step)(const wc_bold_coef *c, const wc_bold_vars *x, const double *z, size_t nsteps,
                                     size_t stride, double scale)
{
    size_t n = x->n;
    double *s = x->s, *f = x->f, *v = x->v, *q = x->q, *vp = x->vpow, *e = x->e;
    const vd one = KNAME(splat)(1.0), zero = {0}, dt = KNAME(splat)(c->dt), kappa = KNAME(splat)(c->kappa),
             gamma = KNAME(splat)(c->gamma), ia = KNAME(splat)(c->ia), itau = KNAME(splat)(c->itau),
             irho = KNAME(splat)(c->irho), lnr = KNAME(splat)(c->lnr), sc = KNAME(splat)(scale);
    static const long long iota[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    for (size_t k = 0; k < nsteps; k++) {
        const double *zk = z + k * stride;
        for (size_t i = 0; i < n; i += KL) KNAME(st)(vp + i, VEXP(ia * VLOG(KNAME(ld)(v + i))));
        for (size_t i = 0; i < n; i += KL) KNAME(st)(e + i, one - VEXP(lnr / KNAME(ld)(f + i)));
        vl bad = {0};
        for (size_t i = 0; i < n; i += KL) {
            vd si = KNAME(ld)(s + i), fi = KNAME(ld)(f + i), vi = KNAME(ld)(v + i), qi = KNAME(ld)(q + i);
            vd vpow = KNAME(ld)(vp + i);
            vd ds = sc * KNAME(bold_input)(zk, i, n) - kappa * si - gamma * (fi - one);
            vd df = si;
            vd dv = (fi - vpow) * itau;
            vd dq = (fi * KNAME(ld)(e + i) * irho - vpow * qi / vi) * itau;
            si = si + dt * ds, fi = fi + dt * df, vi = vi + dt * dv, qi = qi + dt * dq;
            KNAME(st)(s + i, si), KNAME(st)(f + i, fi), KNAME(st)(v + i, vi), KNAME(st)(q + i, qi);
            vl out = ~((fi > zero) & (vi > zero) & (qi > zero));
            if (i + KL > n) {
                vl lane;
                memcpy(&lane, iota, sizeof lane);
                out &= lane < (long long)(n - i);
            }
            bad |= out;
        }
        for (int l = 0; l < KL; l++)
            if (bad[l]) return (long long)k;
    }
    return -1;
}

const wc_kernels KNAME(wc_kernels) = {.step = KNAME(wc_integrate_step), .couple = KNAME(wc_net_couple),
                                      .normals = KNAME(wc_normals), .ou_step = KNAME(wc_rng_ou_step),
                                      .bold = KNAME(wc_bold_step)};

#undef KLOOP
#undef KINLINE
#undef P
