/* wc_cont.c — continuation of equilibria in one parameter, fold and Hopf points
 * (see wc_cont.h). */
#include "wckit/wc_cont.h"

#include "wc_cont_internal.h"
#include "wc_pac_internal.h"
#include "wckit/wc_err.h"
#include "wckit/wc_model.h"

#include <complex.h>
#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *wc_cont_type_name(int type)
{
    static const char *const names[] = {"fold", "hopf", "cusp", "bogdanov-takens", "bautin", "fold-of-cycles"};
    return type >= 0 && type <= WC_SP_CYCLE_FOLD ? names[type] : "?";
}

const char *wc_cont_end_name(int end)
{
    static const char *const names[] = {"range", "window", "loop", "max-points", "failed"};
    return end >= 0 && end <= WC_END_FAILED ? names[end] : "?";
}

void wc_cont_opts_init(wc_cont_opts *o, const wc_params *p, int par, double lo, double hi)
{
    memset(o, 0, sizeof *o);
    o->p = *p, o->par = par, o->lo = lo, o->hi = hi;
    wc_params q = *p;
    for (int k = 0; k <= 8; k++) {   /* the window moves with a, theta and r: take the union */
        wc_phase_window w;
        q.v[par] = lo + (hi - lo) * k / 8.0;
        wc_phase_window_auto(&q, &w);
        if (k == 0) o->win = w;
        o->win.rE_lo = fmin(o->win.rE_lo, w.rE_lo), o->win.rE_hi = fmax(o->win.rE_hi, w.rE_hi);
        o->win.rI_lo = fmin(o->win.rI_lo, w.rI_lo), o->win.rI_hi = fmax(o->win.rI_hi, w.rI_hi);
    }
    o->h0 = fmin(1e-3 * (hi - lo), 0.01);
    o->hmax = fmin(0.01 * (hi - lo), 0.05);
    o->max_points = 100000;
}

/* ---- normal-form coefficients ---- */

typedef double complex cplx;

/* B(u, v) and C(u, v, w) for complex vectors, by multilinearity from the real forms. */
static void cB(const wc_params *p, const double x[2], const cplx u[2], const cplx v[2], cplx out[2])
{
    double ur[2] = {creal(u[0]), creal(u[1])}, ui[2] = {cimag(u[0]), cimag(u[1])};
    double vr[2] = {creal(v[0]), creal(v[1])}, vi[2] = {cimag(v[0]), cimag(v[1])};
    double rr[2], ii[2], ri[2], ir[2];
    wc_model_deriv2(p, x[0], x[1], p->I_E, p->I_I, ur, vr, rr);
    wc_model_deriv2(p, x[0], x[1], p->I_E, p->I_I, ui, vi, ii);
    wc_model_deriv2(p, x[0], x[1], p->I_E, p->I_I, ur, vi, ri);
    wc_model_deriv2(p, x[0], x[1], p->I_E, p->I_I, ui, vr, ir);
    for (int k = 0; k < 2; k++) out[k] = (rr[k] - ii[k]) + I * (ri[k] + ir[k]);
}

static void cC(const wc_params *p, const double x[2], const cplx u[2], const cplx v[2], const cplx w[2], cplx out[2])
{
    static const cplx ipow[4] = {1, I, -1, -I};
    out[0] = out[1] = 0;
    for (int m = 0; m < 8; m++) {   /* bit k of m: take the imaginary part of argument k */
        double a[2], b[2], c[2], r[2];
        for (int k = 0; k < 2; k++) {
            a[k] = m & 1 ? cimag(u[k]) : creal(u[k]);
            b[k] = m & 2 ? cimag(v[k]) : creal(v[k]);
            c[k] = m & 4 ? cimag(w[k]) : creal(w[k]);
        }
        wc_model_deriv3(p, x[0], x[1], p->I_E, p->I_I, a, b, c, r);
        cplx f = ipow[(m & 1) + ((m >> 1) & 1) + ((m >> 2) & 1)];
        out[0] += f * r[0], out[1] += f * r[1];
    }
}

/* <a, b> = conj(a) . b */
static cplx dot(const cplx a[2], const cplx b[2]) { return conj(a[0]) * b[0] + conj(a[1]) * b[1]; }

double wc_cont_lyapunov(const wc_params *p, double rE, double rI, double *omega)
{
    double x[2] = {rE, rI}, A[2][2], At[2][2];
    wc_phase_lin la, lt;
    wc_eq_jac(p, x, A);
    At[0][0] = A[0][0], At[0][1] = A[1][0], At[1][0] = A[0][1], At[1][1] = A[1][1];
    if (omega) *omega = NAN;
    if (wc_phase_linearise(A, &la) < 0 || wc_phase_linearise(At, &lt) < 0 || !(la.im[0] > 0)) return NAN;
    double w = la.im[0];
    if (omega) *omega = w;
    /* q: A q = i w q (|q| = 1); p: A^T p = -i w p with <p, q> = 1 */
    cplx q[2] = {la.vec[0][0] + I * la.vec[1][0], la.vec[0][1] + I * la.vec[1][1]};
    cplx pv[2] = {lt.vec[0][0] - I * lt.vec[1][0], lt.vec[0][1] - I * lt.vec[1][1]};
    cplx c = dot(pv, q);
    pv[0] /= conj(c), pv[1] /= conj(c);
    cplx qb[2] = {conj(q[0]), conj(q[1])}, Bqqb[2], Bqq[2], Cqqqb[2], t1[2], t2[2];
    cB(p, x, q, qb, Bqqb);
    cB(p, x, q, q, Bqq);
    cC(p, x, q, q, qb, Cqqqb);
    /* s = A^{-1} B(q, q-bar) (real), r = (2 i w - A)^{-1} B(q, q) */
    double a[4] = {A[0][0], A[0][1], A[1][0], A[1][1]}, s[2] = {creal(Bqqb[0]), creal(Bqqb[1])};
    lapack_int ipiv[2];
    if (LAPACKE_dgesv(LAPACK_ROW_MAJOR, 2, 1, a, 2, ipiv, s, 1) != 0) return NAN;
    lapack_complex_double m[4] = {2 * I * w - A[0][0], -A[0][1], -A[1][0], 2 * I * w - A[1][1]}, r[2] = {Bqq[0], Bqq[1]};
    if (LAPACKE_zgesv(LAPACK_ROW_MAJOR, 2, 1, m, 2, ipiv, r, 1) != 0) return NAN;
    cplx sc[2] = {s[0], s[1]}, rc[2] = {r[0], r[1]};
    cB(p, x, q, sc, t1);
    cB(p, x, qb, rc, t2);
    return creal(dot(pv, Cqqqb) - 2.0 * dot(pv, t1) + dot(pv, t2)) / (2 * w);
}

double wc_cont_fold_coef(const wc_params *p, double rE, double rI)
{
    double x[2] = {rE, rI}, A[2][2], At[2][2];
    wc_phase_lin la, lt;
    wc_eq_jac(p, x, A);
    At[0][0] = A[0][0], At[0][1] = A[1][0], At[1][0] = A[0][1], At[1][1] = A[1][1];
    if (wc_phase_linearise(A, &la) < 0 || wc_phase_linearise(At, &lt) < 0 || la.im[0] != 0) return NAN;
    int kq = fabs(la.re[0]) <= fabs(la.re[1]) ? 0 : 1, kp = fabs(lt.re[0]) <= fabs(lt.re[1]) ? 0 : 1;
    double scale = fabs(la.re[0]) + fabs(la.re[1]) + 1;
    if (fabs(la.re[kq]) > 1e-6 * scale) return NAN;
    const double *q = la.vec[kq];
    double pv[2] = {lt.vec[kp][0], lt.vec[kp][1]}, pq = pv[0] * q[0] + pv[1] * q[1], B[2];
    if (pq == 0) return NAN;
    wc_model_deriv2(p, rE, rI, p->I_E, p->I_I, q, q, B);
    return 0.5 * (pv[0] * B[0] + pv[1] * B[1]) / pq;
}
