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
    static const char *const names[] = {"fold", "hopf", "cusp", "bogdanov-takens", "bautin", "fold-of-cycles",
                                        "branch-point"};
    return type >= 0 && type <= WC_SP_BRANCH ? names[type] : "?";
}

const char *wc_cont_end_name(int end)
{
    static const char *const names[] = {"range", "window", "loop", "max-points", "failed", "period", "hopf"};
    return end >= 0 && end <= WC_END_HOPF ? names[end] : "?";
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

/* ---- equilibrium branches ---- */

typedef struct {
    const wc_cont_opts *o;
    wc_params p;          /* scratch: o->p with the parameter set */
} eq_problem;

/* x = (rE, rI, par): F = f (2 rows), J = [df/dx | df/dpar]. */
static int eq_eval(void *ctx, const double *x, double *F, double *J)
{
    eq_problem *e = ctx;
    e->p.v[e->o->par] = x[2];
    wc_eq_rhs(&e->p, x, F);
    if (J) {
        double Jx[2][2], fp[2];
        wc_eq_jac(&e->p, x, Jx);
        wc_eq_dpar(&e->p, e->o->par, x, fp);
        J[0] = Jx[0][0], J[1] = Jx[0][1], J[2] = fp[0];
        J[3] = Jx[1][0], J[4] = Jx[1][1], J[5] = fp[1];
    }
    return 0;
}

static void eq_jac_at(eq_problem *e, const double *x, double Jx[2][2])
{
    e->p.v[e->o->par] = x[2];
    wc_eq_jac(&e->p, x, Jx);
}

static double test_det(void *ctx, const double *x, const double *t)
{
    double J[2][2];
    eq_jac_at(ctx, x, J);
    return J[0][0] * J[1][1] - J[0][1] * J[1][0];
}

static double test_trace(void *ctx, const double *x, const double *t)
{
    double J[2][2];
    eq_jac_at(ctx, x, J);
    return J[0][0] + J[1][1];
}

/* The range and the window (when set) as a box on (rE, rI, par), for wc_pac_leave:
 * bounds 0..3 are the window's, 4 and 5 the range's. */
static void eq_box(const wc_cont_opts *o, double lo[3], double hi[3])
{
    lo[0] = lo[1] = -INFINITY, hi[0] = hi[1] = INFINITY;
    lo[2] = o->lo, hi[2] = o->hi;
    if (o->win.rE_lo < o->win.rE_hi)
        lo[0] = o->win.rE_lo, hi[0] = o->win.rE_hi, lo[1] = o->win.rI_lo, hi[1] = o->win.rI_hi;
}

typedef struct {
    wc_cont_branch *b;
    size_t cap;
    wc_cont_special **sp;
    size_t *nsp, spcap;
    int id;
} branch_out;

static int push_point(branch_out *out, eq_problem *e, const double *x)
{
    wc_cont_branch *b = out->b;
    if (b->npt == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 256;
        wc_cont_point *v = realloc(b->pt, cap * sizeof *v);
        if (!v) return wc_seterr("out of memory"), -1;
        b->pt = v, out->cap = cap;
    }
    wc_cont_point *pt = &b->pt[b->npt];
    double J[2][2];
    eq_jac_at(e, x, J);
    pt->rE = x[0], pt->rI = x[1], pt->par = x[2];
    if (wc_phase_linearise(J, &pt->lin) < 0) return -1;
    b->npt++;
    return 0;
}

static int push_special(branch_out *out, const wc_cont_special *s)
{
    if (*out->nsp == out->spcap || !*out->sp) {
        size_t cap = out->spcap > *out->nsp ? out->spcap : *out->nsp + 16;
        wc_cont_special *v = realloc(*out->sp, cap * sizeof *v);
        if (!v) return wc_seterr("out of memory"), -1;
        *out->sp = v, out->spcap = cap;
    }
    (*out->sp)[(*out->nsp)++] = *s;
    return 0;
}

/* A fold, branch point or Hopf between the last two points (xa, ta) and (xb, tb):
 * located.  det J changes sign at a fold (where the branch turns: the tangent's parameter
 * component changes sign too) and at a branch point (where it does not). */
static int find_special(wc_pac *c, eq_problem *e, branch_out *out, const double *xa, const double *ta, const double *xb,
                        const double *tb)
{
    double h = ta[0] * (xb[0] - xa[0]) + ta[1] * (xb[1] - xa[1]) + ta[2] * (xb[2] - xa[2]);
    double da = test_det(e, xa, ta), db = test_det(e, xb, ta), x[3], t[3];
    if ((da < 0) != (db < 0)) {
        int turned = (ta[2] < 0) != (tb[2] < 0);
        int rc = wc_pac_locate(c, xa, ta, da, h, db, test_det, e, 1e-12, x, t);
        if (rc < 0 && turned) return -1;
        if (rc < 0)   /* the Newton system is singular at a branch point: the chord is as good as it gets */
            for (int i = 0; i < 3; i++) x[i] = xa[i] + da / (da - db) * (xb[i] - xa[i]);
        e->p.v[e->o->par] = x[2];
        wc_cont_special s = {.type = turned ? WC_SP_FOLD : WC_SP_BRANCH, .branch = out->id, .after = out->b->npt - 1,
                             .par = x[2], .rE = x[0], .rI = x[1]};
        if (turned) s.coef = wc_cont_fold_coef(&e->p, x[0], x[1]);
        if (push_special(out, &s) < 0) return -1;
    }
    double ra = test_trace(e, xa, ta), rb = test_trace(e, xb, ta);
    if ((ra < 0) != (rb < 0)) {
        if (wc_pac_locate(c, xa, ta, ra, h, rb, test_trace, e, 1e-12, x, t) < 0) return -1;
        if (test_det(e, x, t) > 0) {   /* trace 0 with det < 0 is a neutral saddle: no Hopf */
            e->p.v[e->o->par] = x[2];
            wc_cont_special s = {.type = WC_SP_HOPF, .branch = out->id, .after = out->b->npt - 1, .par = x[2],
                                 .rE = x[0], .rI = x[1]};
            s.coef = wc_cont_lyapunov(&e->p, x[0], x[1], &s.omega);
            if (push_special(out, &s) < 0) return -1;
        }
    }
    return 0;
}

static void where(char *buf, size_t n, const wc_cont_opts *o, const double *x)
{
    snprintf(buf, n, "%s = %.10g, rE = %.10g, rI = %.10g", wc_params_name(o->par), x[2], x[0], x[1]);
}

/* Follow one branch from x0 (an equilibrium), along increasing (dir > 0) or decreasing
 * parameter. */
static int trace_branch(const wc_cont_opts *o, const double x0[3], double dir, branch_out *out)
{
    eq_problem e = {o, o->p};
    wc_pac c;
    if (wc_pac_init(&c, 3, eq_eval, &e) < 0) return -1;
    /* the smallest step scales with the range, but stays well below the largest (a huge range) */
    c.hmax = o->hmax, c.hmin = fmin(1e-9 * (1 + fabs(o->hi - o->lo)), 1e-3 * o->hmax);
    double x[3] = {x0[0], x0[1], x0[2]}, t[3], xa[3], ta[3], h = o->h0, used, xe[3], te[3], lo[3], hi[3];
    wc_cont_branch *b = out->b;
    char at[200];
    int rc = -1;
    eq_box(o, lo, hi);
    if (wc_pac_tangent(&c, x, NULL, t) < 0) goto done;
    if (dir * t[2] < 0) t[0] = -t[0], t[1] = -t[1], t[2] = -t[2];
    if (push_point(out, &e, x) < 0) goto done;
    for (;;) {
        if (b->npt >= o->max_points) {
            b->end = WC_END_POINTS;
            where(at, sizeof at, o, x);
            snprintf(b->why, sizeof b->why, "stopped after %zu points at %s", b->npt, at);
            break;
        }
        memcpy(xa, x, sizeof x), memcpy(ta, t, sizeof t);
        if (wc_pac_step(&c, x, t, &h, &used) < 0) {
            b->end = WC_END_FAILED;
            where(at, sizeof at, o, xa);
            snprintf(b->why, sizeof b->why, "the corrector failed at %s: %s", at, wc_errmsg());
            break;
        }
        int k = wc_pac_leave(&c, lo, hi, xa, ta, x, used, 1e-13, xe, te);
        if (k == -2) goto done;
        if (k >= 0) memcpy(x, xe, sizeof x);
        if (find_special(&c, &e, out, xa, ta, x, t) < 0) goto done;
        if (push_point(out, &e, x) < 0) goto done;
        if (k >= 0) {
            b->end = k >= 4 ? WC_END_RANGE : WC_END_WINDOW;
            where(at, sizeof at, o, x);
            snprintf(b->why, sizeof b->why, "%s at %s", k >= 4 ? "reached the end of the range" : "left the window", at);
            break;
        }
        double d = fabs(x[0] - x0[0]) + fabs(x[1] - x0[1]) + fabs(x[2] - x0[2]);
        if (b->npt > 10 && d < 0.5 * fabs(used)) {
            b->end = WC_END_LOOP;
            snprintf(b->why, sizeof b->why, "closed on itself after %zu points", b->npt);
            break;
        }
    }
    rc = 0;
done:
    wc_pac_free(&c);
    return rc;
}

void wc_cont_branches_free(wc_cont_branch *b, size_t n)
{
    for (size_t k = 0; b && k < n; k++) free(b[k].pt);
    free(b);
}

/* Is (x) within tol of a segment of a branch already traced? */
static int on_branch(const wc_cont_branch *b, size_t nb, const double x[3], double tol)
{
    for (size_t k = 0; k < nb; k++)
        for (size_t i = 0; i < b[k].npt; i++) {
            const wc_cont_point *a = &b[k].pt[i];
            double d0[3] = {x[0] - a->rE, x[1] - a->rI, x[2] - a->par};
            if (fabs(d0[0]) + fabs(d0[1]) + fabs(d0[2]) <= tol) return 1;
            if (i + 1 == b[k].npt) continue;
            const wc_cont_point *c = &b[k].pt[i + 1];
            double s[3] = {c->rE - a->rE, c->rI - a->rI, c->par - a->par}, ss = s[0] * s[0] + s[1] * s[1] + s[2] * s[2];
            double u = ss > 0 ? (d0[0] * s[0] + d0[1] * s[1] + d0[2] * s[2]) / ss : 0;
            if (u <= 0 || u >= 1) continue;
            double e[3] = {d0[0] - u * s[0], d0[1] - u * s[1], d0[2] - u * s[2]};
            /* the chord lies off the curve by O(h^2 kappa): compare with the segment's length too */
            if (sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]) <= tol + 1e-3 * sqrt(ss)) return 1;
        }
    return 0;
}

typedef struct {
    wc_cont_branch *v;
    size_t n, cap;
    branch_out out;
} branch_list;

static int new_branch(branch_list *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 4;
        wc_cont_branch *v = realloc(l->v, cap * sizeof *v);
        if (!v) return wc_seterr("out of memory"), -1;
        l->v = v, l->cap = cap;
    }
    memset(&l->v[l->n], 0, sizeof *l->v);
    l->out.b = &l->v[l->n];
    l->out.cap = 0;
    l->out.id = (int)l->n;
    l->n++;
    return 0;
}

/* Every fixed point at parameter value par, followed in the directions asked (dir: +1,
 * -1 or 0 for both) unless already on a branch. */
static int start_at(const wc_cont_opts *o, double par, int dir, branch_list *l)
{
    wc_params p = o->p;
    p.v[o->par] = par;
    wc_phase_fixed *fp;
    long n = wc_phase_fixed_points(&p, &o->win, &fp);
    if (n < 0) return -1;
    int rc = 0;
    for (long i = 0; i < n && rc == 0; i++) {
        double x[3] = {fp[i].rE, fp[i].rI, par};
        for (int d = -1; d <= 1 && rc == 0; d += 2) {
            if ((dir && d != dir) || on_branch(l->v, l->n, x, 1e-7)) continue;
            rc = new_branch(l) < 0 || trace_branch(o, x, d, &l->out) < 0 ? -1 : 0;
        }
    }
    free(fp);
    return rc;
}

/* A branch point lies on two branches and is found from each, once located to full
 * precision (on the branch that is regular there) and once only on the chord: keep the
 * one where det J is smallest. */
static void merge_branch_points(const wc_cont_opts *o, wc_cont_special *sp, size_t *nsp, size_t first)
{
    for (size_t i = first; i < *nsp; i++)
        for (size_t j = i + 1; j < *nsp; j++) {
            wc_cont_special *a = &sp[i], *b = &sp[j];
            if (a->type != WC_SP_BRANCH || b->type != WC_SP_BRANCH) continue;
            double d = fabs(a->par - b->par) + fabs(a->rE - b->rE) + fabs(a->rI - b->rI);
            if (d > 1e-4 * (1 + fabs(a->par))) continue;
            eq_problem e = {o, o->p};
            double xa[3] = {a->rE, a->rI, a->par}, xb[3] = {b->rE, b->rI, b->par};
            if (fabs(test_det(&e, xb, NULL)) < fabs(test_det(&e, xa, NULL))) *a = *b;
            memmove(b, b + 1, (*nsp - j - 1) * sizeof *b);
            (*nsp)--, j--;
        }
}

long wc_cont_equilibria(const wc_cont_opts *o, wc_cont_branch **out, wc_cont_special **sp, size_t *nsp)
{
    size_t first = *nsp;
    *out = NULL;
    if (!(o->lo < o->hi)) return wc_seterr("empty parameter range"), -1;
    if (o->par < 0 || o->par >= WC_NPARAM) return wc_seterr("no such parameter"), -1;
    if (wc_params_check(o->par, o->lo) < 0 || wc_params_check(o->par, o->hi) < 0) return -1;
    branch_list l = {0};
    l.out.sp = sp, l.out.nsp = nsp, l.out.spcap = *nsp;
    int rc = start_at(o, o->lo, 1, &l);
    if (rc == 0) rc = start_at(o, o->hi, -1, &l);
    for (size_t k = 0; rc == 0 && k < o->nstarts; k++)
        if (o->starts[k] > o->lo && o->starts[k] < o->hi) rc = start_at(o, o->starts[k], 0, &l);
    if (rc < 0) {
        wc_cont_branches_free(l.v, l.n);
        return -1;
    }
    merge_branch_points(o, *sp, nsp, first);
    *out = l.v;
    return (long)l.n;
}
