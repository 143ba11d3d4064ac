/* wc_cont2.c — two-parameter continuation of fold and Hopf curves of equilibria of one
 * node, with their codimension-two points (see wc_cont.h).
 *
 * A curve is followed by the pseudo-arclength engine (wc_pac) in x = (rE, rI, par, par2)
 * on the minimal augmented systems of a planar vector field:
 *
 *     fold:  f(x) = 0,  det J(x) = 0          Hopf:  f(x) = 0,  tr J(x) = 0
 *
 * whose Jacobian rows come from the analytic derivatives: d(det J)/dx_k = tr(adj(J)
 * dJ/dx_k), d(tr J)/dx_k = tr(dJ/dx_k), with dJ/dx_k from the model's second derivatives
 * and dJ/dpar from wc_eq_djac_dpar.  Both systems are regular at the codimension-two
 * points, so a curve passes through them:
 *
 *  - cusp (fold curve): the quadratic coefficient a changes sign (a root, not the pole
 *    that a = p.B(q,q)/2 with p.q = 1 has at a Bogdanov-Takens point);
 *  - Bogdanov-Takens (fold curve): tr J changes sign; (Hopf curve): det J does;
 *  - Bautin (Hopf curve): l1 changes sign where det J > 0.
 *
 * Past a Bogdanov-Takens point tr J = 0 with det J < 0 is a neutral saddle, no Hopf
 * point; the Hopf curve is continued through it (as MatCont does), its points marked with
 * omega = 0 and coef = NaN, because beyond it the curve may meet a second Bogdanov-Takens
 * point and become a Hopf curve again. */
#include "wckit/wc_cont.h"

#include "wc_cont_internal.h"
#include "wc_pac_internal.h"
#include "wckit/wc_err.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Locating codimension-two points and bounds, in arclength. */
#define LOCATE_TOL 1e-11

typedef struct {
    wc_params p;          /* scratch: the model with par and par2 set */
    int par, par2;
    int hopf;             /* the second equation: tr J (Hopf) or det J (fold) */
} curve_problem;

static void set_pars(curve_problem *e, const double *x)
{
    e->p.v[e->par] = x[2];
    e->p.v[e->par2] = x[3];
}

static double det2(const double J[2][2]) { return J[0][0] * J[1][1] - J[0][1] * J[1][0]; }

/* The derivative of the second equation along dJ: tr(adj(J) dJ) for det J, tr dJ for tr J. */
static double dtest(const curve_problem *e, const double J[2][2], const double dJ[2][2])
{
    if (e->hopf) return dJ[0][0] + dJ[1][1];
    return J[1][1] * dJ[0][0] - J[0][1] * dJ[1][0] - J[1][0] * dJ[0][1] + J[0][0] * dJ[1][1];
}

/* x = (rE, rI, par, par2): F = (f, det J or tr J), J = its 3 x 4 Jacobian. */
static int curve_eval(void *ctx, const double *x, double *F, double *J)
{
    curve_problem *e = ctx;
    double Jx[2][2], dJ[2][2], fp[2][2];
    set_pars(e, x);
    wc_eq_rhs(&e->p, x, F);
    wc_eq_jac(&e->p, x, Jx);
    F[2] = e->hopf ? Jx[0][0] + Jx[1][1] : det2(Jx);
    if (!J) return 0;
    wc_eq_dpar(&e->p, e->par, x, fp[0]);
    wc_eq_dpar(&e->p, e->par2, x, fp[1]);
    for (int i = 0; i < 2; i++) J[4 * i] = Jx[i][0], J[4 * i + 1] = Jx[i][1], J[4 * i + 2] = fp[0][i], J[4 * i + 3] = fp[1][i];
    for (int k = 0; k < 4; k++) {
        if (k < 2) wc_eq_djac_dx(&e->p, x, k, dJ);
        else wc_eq_djac_dpar(&e->p, k == 2 ? e->par : e->par2, x, dJ);
        J[8 + k] = dtest(e, Jx, dJ);
    }
    return 0;
}

/* ---- test functions on the curve ---- */

static void jac_at(curve_problem *e, const double *x, double J[2][2])
{
    set_pars(e, x);
    wc_eq_jac(&e->p, x, J);
}

static double test_det(void *ctx, const double *x, const double *t)
{
    double J[2][2];
    jac_at(ctx, x, J);
    return det2(J);
}

static double test_trace(void *ctx, const double *x, const double *t)
{
    double J[2][2];
    jac_at(ctx, x, J);
    return J[0][0] + J[1][1];
}

/* The fold coefficient a (fold curve) or l1 (Hopf curve, det J > 0; else NaN). */
static double test_coef(void *ctx, const double *x, const double *t)
{
    curve_problem *e = ctx;
    set_pars(e, x);
    if (!e->hopf) return wc_cont_fold_coef(&e->p, x[0], x[1]);
    return test_det(e, x, t) > 0 ? wc_cont_lyapunov(&e->p, x[0], x[1], NULL) : NAN;
}

/* The curve's point at x. */
static void curve_point(curve_problem *e, const double *x, wc_cont2_point *pt)
{
    double det = test_det(e, x, NULL);
    pt->rE = x[0], pt->rI = x[1], pt->par = x[2], pt->par2 = x[3];
    pt->omega = e->hopf && det > 0 ? sqrt(det) : 0;
    pt->coef = test_coef(e, x, NULL);
}

/* ---- output ---- */

typedef struct {
    wc_cont2_curve *c;
    size_t cap;
    int id;               /* the curve's number in the special points */
    wc_cont_special **sp;
    size_t *nsp;
} curve_out;

static int push_point(curve_out *out, const wc_cont2_point *pt)
{
    wc_cont2_curve *c = out->c;
    if (c->npt == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 256;
        wc_cont2_point *v = realloc(c->pt, cap * sizeof *v);
        if (!v) return wc_seterr("out of memory"), -1;
        c->pt = v, out->cap = cap;
    }
    c->pt[c->npt++] = *pt;
    return 0;
}

/* Append s to *sp unless a point of its type is there already at the same place (a
 * Bogdanov-Takens point met by both a fold and a Hopf curve is one point). */
static int push_special(curve_out *out, const wc_cont_special *s)
{
    for (size_t k = 0; k < *out->nsp; k++) {
        const wc_cont_special *o = &(*out->sp)[k];
        double d = fabs(o->par - s->par) + fabs(o->par2 - s->par2) + fabs(o->rE - s->rE) + fabs(o->rI - s->rI);
        if (o->type == s->type && d <= 1e-6 * (1 + fabs(s->par) + fabs(s->par2))) return 0;
    }
    wc_cont_special *v = realloc(*out->sp, (*out->nsp + 1) * sizeof *v);
    if (!v) return wc_seterr("out of memory"), -1;
    *out->sp = v;
    v[(*out->nsp)++] = *s;
    return 0;
}

static int add_special(curve_out *out, curve_problem *e, int type, const double *x)
{
    wc_cont2_point pt;
    curve_point(e, x, &pt);
    wc_cont_special s = {.type = type, .branch = out->id, .after = out->c->npt - 1, .par = x[2], .par2 = x[3],
                         .rE = x[0], .rI = x[1]};
    if (type == WC_SP_CUSP || type == WC_SP_BAUTIN) s.omega = pt.omega, s.coef = pt.coef;
    return push_special(out, &s);
}

/* A root of test between (xa, ta) where it is fa and xb where it is fb, located; with
 * root_only, a change of sign through a pole (|test| grows towards it) is none.
 * @return 1 found (x), 0 none, -1 failure. */
static int locate(wc_pac *c, curve_problem *e, wc_pac_test test, const double *xa, const double *ta, double fa,
                  const double *xb, double fb, int root_only, double *x)
{
    if (!isfinite(fa) || !isfinite(fb) || (fa < 0) == (fb < 0)) return 0;
    double h = 0, t[4];
    for (int i = 0; i < 4; i++) h += ta[i] * (xb[i] - xa[i]);
    if (wc_pac_locate(c, xa, ta, fa, h, fb, test, e, LOCATE_TOL, x, t) < 0) return -1;
    double f = test(e, x, t);
    return !root_only || fabs(f) <= fmin(fabs(fa), fabs(fb)) ? 1 : 0;
}

/* The codimension-two points between the points a (at xa, ta) and b (at xb).
 * @return 0, -1 (out of memory) or -2 (a point could not be located: wc_errmsg). */
static int find_special(wc_pac *c, curve_problem *e, curve_out *out, const double *xa, const double *ta,
                        const wc_cont2_point *a, const double *xb, const wc_cont2_point *b)
{
    double x[4];
    wc_pac_test bt_test = e->hopf ? test_det : test_trace;
    int type = WC_SP_BT, k = locate(c, e, bt_test, xa, ta, bt_test(e, xa, ta), xb, bt_test(e, xb, ta), 0, x);
    if (k == 0) {   /* not where a Bogdanov-Takens point is: a and l1 have a pole there */
        type = e->hopf ? WC_SP_BAUTIN : WC_SP_CUSP;
        k = locate(c, e, test_coef, xa, ta, a->coef, xb, b->coef, 1, x);
    }
    if (k < 0) return wc_seterr("a %s point could not be located: %s", wc_cont_type_name(type), wc_errmsg()), -2;
    return k ? add_special(out, e, type, x) : 0;
}

static void where(char *buf, size_t n, const curve_problem *e, const double *x)
{
    snprintf(buf, n, "%s = %.10g, %s = %.10g, rE = %.10g, rI = %.10g", wc_params_name(e->par), x[2],
             wc_params_name(e->par2), x[3], x[0], x[1]);
}

/* How the curve ended at x on bound k of the box (wc_pac_leave). */
static void ended(wc_cont2_curve *cv, const curve_problem *e, int k, const double *x)
{
    char at[160];
    where(at, sizeof at, e, x);
    cv->end = k >= 4 ? WC_END_RANGE : WC_END_WINDOW;
    if (k >= 4)
        snprintf(cv->why, sizeof cv->why, "reached the end of %s's range at %s", wc_params_name(k >= 6 ? e->par2 : e->par),
                 at);
    else
        snprintf(cv->why, sizeof cv->why, "left the window at %s", at);
}

typedef struct {
    const wc_cont_opts *o;
    double lo[4], hi[4];  /* the window, par's and par2's ranges */
} curve_span;

/* Follow the curve from x0 (on it, tangent t0) along dir * t0. */
static int trace_half(wc_pac *c, curve_problem *e, const curve_span *span, const double x0[4], const double t0[4],
                      double dir, curve_out *out)
{
    const wc_cont_opts *o = span->o;
    wc_cont2_curve *cv = out->c;
    double x[4], t[4], xa[4], ta[4], xe[4], te[4], h = o->h0, used;
    wc_cont2_point a, b;
    char at[160];
    for (int i = 0; i < 4; i++) x[i] = x0[i], t[i] = dir * t0[i];
    curve_point(e, x, &a);
    if (push_point(out, &a) < 0) return -1;
    for (;;) {
        if (cv->npt >= o->max_points) {
            cv->end = WC_END_POINTS;
            where(at, sizeof at, e, x);
            snprintf(cv->why, sizeof cv->why, "stopped after %zu points at %s", cv->npt, at);
            return 0;
        }
        memcpy(xa, x, sizeof x), memcpy(ta, t, sizeof t);
        if (wc_pac_step(c, x, t, &h, &used) < 0) {
            cv->end = WC_END_FAILED;
            where(at, sizeof at, e, xa);
            snprintf(cv->why, sizeof cv->why, "the corrector failed at %s: %s", at, wc_errmsg());
            return 0;
        }
        int k = wc_pac_leave(c, span->lo, span->hi, xa, ta, x, used, LOCATE_TOL, xe, te), rc = 0;
        if (k >= 0) memcpy(x, xe, sizeof x);
        if (k == -2) wc_seterr("the end on a bound could not be located: %s", wc_errmsg());
        else curve_point(e, x, &b), rc = find_special(c, e, out, xa, ta, &a, x, &b);
        if (k == -2 || rc == -2) {   /* the curve so far stands; the half ends here */
            cv->end = WC_END_FAILED;
            where(at, sizeof at, e, xa);
            snprintf(cv->why, sizeof cv->why, "stopped after %s: %s", at, wc_errmsg());
            return 0;
        }
        if (rc < 0 || push_point(out, &b) < 0) return -1;
        a = b;
        if (k >= 0) {
            ended(cv, e, k, x);
            return 0;
        }
        double d = fabs(x[0] - x0[0]) + fabs(x[1] - x0[1]) + fabs(x[2] - x0[2]) + fabs(x[3] - x0[3]);
        if (cv->npt > 10 && d < 0.5 * fabs(used)) {
            cv->end = WC_END_LOOP;
            snprintf(cv->why, sizeof cv->why, "closed on itself after %zu points", cv->npt);
            return 0;
        }
    }
}

static int check_args(const wc_cont_opts *o, int par2, double lo2, double hi2, const wc_cont_special *start)
{
    if (!start || (start->type != WC_SP_FOLD && start->type != WC_SP_HOPF))
        return wc_seterr("a fold or Hopf curve starts at a fold or a Hopf point (the start is %s)",
                         start ? wc_cont_type_name(start->type) : "missing");
    if (o->par < 0 || o->par >= WC_NPARAM || par2 < 0 || par2 >= WC_NPARAM) return wc_seterr("no such parameter");
    if (par2 == o->par) return wc_seterr("the second parameter is the first (%s)", wc_params_name(par2));
    if (!(o->lo < o->hi)) return wc_seterr("empty range of %s", wc_params_name(o->par));
    if (!(lo2 < hi2)) return wc_seterr("empty range of %s", wc_params_name(par2));
    if (wc_params_check(o->par, o->lo) < 0 || wc_params_check(o->par, o->hi) < 0 || wc_params_check(par2, lo2) < 0 ||
        wc_params_check(par2, hi2) < 0)
        return -1;
    double v2 = o->p.v[par2];
    if (!(start->par >= o->lo && start->par <= o->hi) || !(v2 >= lo2 && v2 <= hi2))
        return wc_seterr("the start point (%s = %g, %s = %g) is outside the ranges", wc_params_name(o->par), start->par,
                         wc_params_name(par2), v2);
    return 0;
}

void wc_cont2_curve_free(wc_cont2_curve *c)
{
    if (!c) return;
    free(c->pt);
    c->pt = NULL, c->npt = 0;
}

/* The start on the curve (corrected) and its tangent, along increasing par2. */
static int start_on_curve(wc_pac *c, curve_problem *e, const wc_cont_special *start, double x[4], double t[4])
{
    double x0[4] = {start->rE, start->rI, start->par, e->p.v[e->par2]};
    memcpy(x, x0, sizeof x0);
    if (wc_pac_tangent(c, x, NULL, t) < 0 || wc_pac_correct(c, x, t, x0) < 0 || wc_pac_tangent(c, x, NULL, t) < 0)
        return wc_seterr("no %s curve through %s = %g, %s = %g: %s", e->hopf ? "Hopf" : "fold", wc_params_name(e->par),
                         x0[2], wc_params_name(e->par2), x0[3], wc_errmsg());
    if (e->hopf && !(test_det(e, x, t) > 0))
        return wc_seterr("the start point (%s = %g) is no Hopf point: det J <= 0", wc_params_name(e->par), x0[2]);
    return 0;
}

int wc_cont2_curve_from(const wc_cont_opts *o, int par2, double lo2, double hi2, const wc_cont_special *start,
                        int curve_id, wc_cont2_curve out[2], wc_cont_special **sp, size_t *nsp)
{
    memset(out, 0, 2 * sizeof *out);
    if (check_args(o, par2, lo2, hi2, start) < 0) return -1;
    curve_problem e = {o->p, o->par, par2, start->type == WC_SP_HOPF};
    curve_span span = {o, {-INFINITY, -INFINITY, o->lo, lo2}, {INFINITY, INFINITY, o->hi, hi2}};
    if (o->win.rE_lo < o->win.rE_hi)
        span.lo[0] = o->win.rE_lo, span.hi[0] = o->win.rE_hi, span.lo[1] = o->win.rI_lo, span.hi[1] = o->win.rI_hi;
    wc_pac c;
    if (wc_pac_init(&c, 4, curve_eval, &e) < 0) return -1;
    c.hmax = o->hmax, c.hmin = fmin(1e-9 * (1 + fmax(o->hi - o->lo, hi2 - lo2)), 1e-3 * o->hmax);   /* as wc_cont.c's */
    size_t nsp0 = *nsp;
    double x0[4], t0[4];
    int rc = start_on_curve(&c, &e, start, x0, t0);
    for (int k = 0; k < 2 && rc == 0; k++) {
        curve_out co = {&out[k], 0, curve_id + k, sp, nsp};
        out[k].type = start->type;
        if (k == 1 && out[0].end == WC_END_LOOP) {   /* out[0] is the whole closed curve */
            wc_cont2_point pt;
            curve_point(&e, x0, &pt);
            out[1].end = WC_END_LOOP;
            snprintf(out[1].why, sizeof out[1].why, "the curve is closed: the other half holds it all");
            rc = push_point(&co, &pt);
            break;
        }
        rc = trace_half(&c, &e, &span, x0, t0, k ? -1.0 : 1.0, &co);
    }
    wc_pac_free(&c);
    if (rc < 0) {
        wc_cont2_curve_free(&out[0]), wc_cont2_curve_free(&out[1]);
        *nsp = nsp0;
    }
    return rc;
}
