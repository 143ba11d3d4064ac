/* wc_phase.c — nullclines, fixed points, stability and separatrices of one node
 * (see wc_phase.h). */
#include "wckit/wc_phase.h"

#include "wckit/wc_err.h"
#include "wckit/wc_model.h"

#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- linearisation ---- */

const char *wc_phase_kind_name(int kind)
{
    static const char *const names[] = {"stable-node", "unstable-node", "stable-focus", "unstable-focus",
                                        "saddle", "centre-like", "degenerate"};
    return kind >= 0 && kind <= WC_FP_DEGENERATE ? names[kind] : "?";
}

/* A real eigenvector of unit length, its largest component positive (deterministic). */
static void orient(double v[2])
{
    double n = hypot(v[0], v[1]);
    if (n > 0) v[0] /= n, v[1] /= n;
    if ((fabs(v[0]) >= fabs(v[1]) ? v[0] : v[1]) < 0) v[0] = -v[0], v[1] = -v[1];
}

static int classify(const wc_phase_lin *l)
{
    double scale = l->J[0][0] * l->J[0][0] + l->J[0][1] * l->J[0][1] + l->J[1][0] * l->J[1][0] + l->J[1][1] * l->J[1][1];
    if (fabs(l->det) <= 1e-12 * (scale + 1)) return WC_FP_DEGENERATE;
    if (l->det < 0) return WC_FP_SADDLE;
    if (fabs(l->tr) <= 1e-9 * (fabs(l->det) + 1)) return WC_FP_CENTRE;
    if (l->im[0] != 0) return l->tr < 0 ? WC_FP_STABLE_FOCUS : WC_FP_UNSTABLE_FOCUS;
    return l->tr < 0 ? WC_FP_STABLE_NODE : WC_FP_UNSTABLE_NODE;
}

int wc_phase_linearise(const double J[2][2], wc_phase_lin *out)
{
    memset(out, 0, sizeof *out);
    memcpy(out->J, J, sizeof out->J);
    double a[4] = {J[0][0], J[0][1], J[1][0], J[1][1]}, wr[2], wi[2], vr[4], vl[1];
    for (int k = 0; k < 4; k++)
        if (!isfinite(a[k])) return wc_seterr("the Jacobian is not finite"), -1;
    out->tr = J[0][0] + J[1][1];
    out->det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
    lapack_int info = LAPACKE_dgeev(LAPACK_ROW_MAJOR, 'N', 'V', 2, a, 2, wr, wi, vl, 1, vr, 2);
    if (info != 0) return wc_seterr("LAPACKE_dgeev failed (info %d)", (int)info), -1;
    if (wi[0] != 0) {   /* a pair, the one with im > 0 first; vr columns: real, imaginary part */
        int s = wi[0] > 0 ? 1 : -1;
        out->re[0] = out->re[1] = wr[0];
        out->im[0] = s * wi[0], out->im[1] = -s * wi[0];
        out->vec[0][0] = vr[0], out->vec[0][1] = vr[2];
        out->vec[1][0] = s * vr[1], out->vec[1][1] = s * vr[3];
    }
    else {
        int big = wr[1] > wr[0];
        out->re[0] = wr[big], out->re[1] = wr[!big];
        out->vec[0][0] = vr[big], out->vec[0][1] = vr[2 + big];
        out->vec[1][0] = vr[!big], out->vec[1][1] = vr[2 + !big];
        orient(out->vec[0]);
        orient(out->vec[1]);
    }
    out->kind = classify(out);
    out->stable = out->re[0] < 0;
    return 0;
}

/* ---- the model at constant input ---- */

static void rhs(const wc_params *p, double rE, double rI, double f[2])
{
    wc_model_rhs(p, rE, rI, p->I_E, p->I_I, &f[0], &f[1]);
}

int wc_phase_newton(const wc_params *p, double *rE, double *rI)
{
    double x[2] = {*rE, *rI}, f[2];
    for (int it = 0; it < 60; it++) {
        rhs(p, x[0], x[1], f);
        if (!isfinite(f[0]) || !isfinite(f[1])) break;
        if (fmax(fabs(f[0]), fabs(f[1])) <= 1e-12 && it > 0) {
            *rE = x[0], *rI = x[1];
            return 0;
        }
        double J[2][2], a[4];
        lapack_int ipiv[2];
        wc_model_jacobian(p, x[0], x[1], p->I_E, p->I_I, J);
        a[0] = J[0][0], a[1] = J[0][1], a[2] = J[1][0], a[3] = J[1][1];
        double b[2] = {-f[0], -f[1]};
        if (LAPACKE_dgesv(LAPACK_ROW_MAJOR, 2, 1, a, 2, ipiv, b, 1) != 0) return wc_seterr("singular Jacobian"), -1;
        x[0] += b[0], x[1] += b[1];
        if (fabs(b[0]) + fabs(b[1]) < 1e-15 * (1 + fabs(x[0]) + fabs(x[1]))) {
            rhs(p, x[0], x[1], f);
            if (fmax(fabs(f[0]), fabs(f[1])) <= 1e-12) {
                *rE = x[0], *rI = x[1];
                return 0;
            }
        }
    }
    return wc_seterr("Newton did not converge"), -1;
}

/* ---- the nullclines as explicit curves ----
 * Population X's nullcline: x = (1 - r x) F_X(s), s = w_own x + w_other y + I.  Solved
 * for the other population's activity y through the inverse sigmoid when w_other != 0;
 * else it is a set of lines x = const at the roots of a function of x alone. */

typedef struct {
    const wc_params *p;
    int pop;              /* 0: E-nullcline (x = rE, y = rI), 1: I-nullcline (x = rI, y = rE) */
    double a, theta, w_own, w_other, in, r;
} nullcline;

static nullcline nullcline_of(const wc_params *p, int pop)
{
    if (pop == 0) return (nullcline){p, 0, p->a_E, p->theta_E, p->wEE, -p->wEI, p->I_E, p->r};
    return (nullcline){p, 1, p->a_I, p->theta_I, -p->wII, p->wIE, p->I_I, p->r};
}

/* The other activity y on the nullcline at own activity x (NaN where there is none). */
static double nullcline_y(const nullcline *n, double x)
{
    double den = 1.0 - n->r * x;
    if (den == 0) return NAN;
    double F = x / den, off = wc_model_logistic(-n->a * n->theta), z = F + off;
    if (!(z > 0 && z < 1)) return NAN;
    double s = n->theta + (log(z) - log1p(-z)) / n->a;
    return (s - n->w_own * x - n->in) / n->w_other;
}

/* The nullcline equation at own activity x when w_other = 0 (then y does not enter). */
static double nullcline_lone(const nullcline *n, double x)
{
    return -x + (1.0 - n->r * x) * wc_model_sigmoid(n->w_own * x + n->in, n->a, n->theta);
}

/* Bisection to the last bit on a sign change of g in [a, b] (g(a) g(b) < 0). */
static double bisect(double (*g)(const void *, double), const void *ctx, double a, double b, double ga)
{
    for (int it = 0; it < 200; it++) {
        double m = 0.5 * (a + b);
        if (m <= fmin(a, b) || m >= fmax(a, b)) break;
        double gm = g(ctx, m);
        if (gm == 0) return m;
        if ((gm < 0) == (ga < 0)) a = m, ga = gm;
        else b = m;
    }
    return 0.5 * (a + b);
}

/* Window bounds in the nullcline's own (x) and other (y) coordinates. */
static void own_other(const nullcline *n, const wc_phase_window *w, double xr[2], double yr[2])
{
    double e[2] = {w->rE_lo, w->rE_hi}, i[2] = {w->rI_lo, w->rI_hi};
    memcpy(xr, n->pop == 0 ? e : i, sizeof e);
    memcpy(yr, n->pop == 0 ? i : e, sizeof e);
}

/* ---- the window that holds every fixed point ---- */

static void fixed_range(double a, double theta, double r, double out[2])
{
    double off = wc_model_logistic(-a * theta), Fmin = -off, Fmax = 1 - off;
    out[0] = 1 + r * Fmin > 1e-3 ? Fmin / (1 + r * Fmin) : -1.0;
    out[1] = Fmax / (1 + r * Fmax);
}

void wc_phase_window_auto(const wc_params *p, wc_phase_window *w)
{
    double e[2], i[2];
    fixed_range(p->a_E, p->theta_E, p->r, e);
    fixed_range(p->a_I, p->theta_I, p->r, i);
    double pe = 0.05 * (e[1] - e[0]), pi = 0.05 * (i[1] - i[0]);
    *w = (wc_phase_window){e[0] - pe, e[1] + pe, i[0] - pi, i[1] + pi};
}

/* ---- fixed points ---- */

typedef struct {
    wc_phase_fixed *v;
    size_t n, cap;
    const wc_params *p;
    const wc_phase_window *w;
} fixed_set;

static int inside(const wc_phase_window *w, double rE, double rI, double slack)
{
    double se = slack * (w->rE_hi - w->rE_lo), si = slack * (w->rI_hi - w->rI_lo);
    return rE >= w->rE_lo - se && rE <= w->rE_hi + se && rI >= w->rI_lo - si && rI <= w->rI_hi + si;
}

/* Polish (rE, rI) and keep it if it is a new fixed point inside the window. */
static int add_fixed(fixed_set *s, double rE, double rI)
{
    if (!isfinite(rE) || !isfinite(rI) || wc_phase_newton(s->p, &rE, &rI) < 0 || !inside(s->w, rE, rI, 1e-12)) return 0;
    for (size_t k = 0; k < s->n; k++)
        if (fabs(s->v[k].rE - rE) + fabs(s->v[k].rI - rI) <= 1e-8 * (1 + fabs(rE) + fabs(rI))) return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        wc_phase_fixed *v = realloc(s->v, cap * sizeof *v);
        if (!v) return wc_seterr("out of memory"), -1;
        s->v = v, s->cap = cap;
    }
    wc_phase_fixed *f = &s->v[s->n];
    double J[2][2], fv[2];
    f->rE = rE, f->rI = rI;
    rhs(s->p, rE, rI, fv);
    f->fE = fv[0], f->fI = fv[1];
    wc_model_jacobian(s->p, rE, rI, s->p->I_E, s->p->I_I, J);
    if (wc_phase_linearise(J, &f->lin) < 0) return -1;
    s->n++;
    return 0;
}

/* The I equation along the E-nullcline, as a function of rE. */
static double fI_on_nullcline(const void *ctx, double x)
{
    const nullcline *n = ctx;
    double f[2], y = nullcline_y(n, x);
    if (!isfinite(y)) return NAN;
    rhs(n->p, x, y, f);
    return f[1];
}

static double lone_fn(const void *ctx, double x) { return nullcline_lone(ctx, x); }

/* The E-nullcline parametrised by its sigmoid's input s = wEE rE - wEI rI + I_E:
 * rE = F/(1 + r F) with F = F_E(s), rI from s.  Near saturation, where rE hardly moves
 * while rI runs off, a scan in s resolves what a scan in rE cannot. */
static int nullcline_at_input(const nullcline *n, double s, double *x, double *y)
{
    double F = wc_model_sigmoid(s, n->a, n->theta), den = 1 + n->r * F;
    if (!(den > 0)) return -1;
    *x = F / den;
    *y = (s - n->w_own * *x - n->in) / n->w_other;
    return 0;
}

static double fI_by_input(const void *ctx, double s)
{
    const nullcline *n = ctx;
    double x, y, f[2];
    if (nullcline_at_input(n, s, &x, &y) < 0) return NAN;
    rhs(n->p, x, y, f);
    return f[1];
}

/* The I equation on the vertical line rE = x0 (when wEI = 0), as a function of rI. */
typedef struct {
    const wc_params *p;
    double x0;
} vline;
static double fI_on_vline(const void *ctx, double y)
{
    const vline *v = ctx;
    double f[2];
    rhs(v->p, v->x0, y, f);
    return f[1];
}

#define SCAN 4096

/* Roots of g on [lo, hi]: sign changes on a scan, bisected; local minima of |g| are
 * passed on too (a tangency does not change sign).  found(x) gets each. */
static int scan_roots(double (*g)(const void *, double), const void *ctx, double lo, double hi,
                      int (*found)(void *, double), void *fctx)
{
    double xp = lo, gp = g(ctx, lo), gpp = NAN;
    for (int i = 1; i <= SCAN; i++) {
        double x = i == SCAN ? hi : lo + (hi - lo) * i / SCAN, gx = g(ctx, x);
        if (isfinite(gp) && isfinite(gx)) {
            if (gp == 0 && found(fctx, xp) < 0) return -1;
            if ((gp < 0) != (gx < 0) && gx != 0 && gp != 0 && found(fctx, bisect(g, ctx, xp, x, gp)) < 0) return -1;
            if (isfinite(gpp) && fabs(gp) < fabs(gpp) && fabs(gp) < fabs(gx) && (gp < 0) == (gx < 0) &&
                (gp < 0) == (gpp < 0) && found(fctx, xp) < 0)
                return -1;
        }
        if (i == SCAN && gx == 0 && found(fctx, x) < 0) return -1;
        gpp = gp, xp = x, gp = gx;
    }
    return 0;
}

typedef struct {
    fixed_set *s;
    const nullcline *n;
} root_ctx;

static int found_on_nullcline(void *ctx, double x)
{
    root_ctx *c = ctx;
    return add_fixed(c->s, x, nullcline_y(c->n, x));
}

static int found_by_input(void *ctx, double s)
{
    root_ctx *c = ctx;
    double x, y;
    return nullcline_at_input(c->n, s, &x, &y) < 0 ? 0 : add_fixed(c->s, x, y);
}

/* The input s over the window's corners. */
static void input_span(const nullcline *n, const wc_phase_window *w, double span[2])
{
    span[0] = INFINITY, span[1] = -INFINITY;
    for (int k = 0; k < 4; k++) {
        double rE = k & 1 ? w->rE_hi : w->rE_lo, rI = k & 2 ? w->rI_hi : w->rI_lo;
        double s = n->w_own * rE + n->w_other * rI + n->in;
        span[0] = fmin(span[0], s), span[1] = fmax(span[1], s);
    }
}

static int found_on_vline(void *ctx, double y)
{
    root_ctx *c = ctx;
    const vline *v = (const vline *)c->n;
    return add_fixed(c->s, v->x0, y);
}

/* wEI = 0: the E-nullcline is vertical lines; scan each for the I equation. */
static int found_vline(void *ctx, double x0)
{
    root_ctx *c = ctx;
    vline v = {c->s->p, x0};
    root_ctx inner = {c->s, (const nullcline *)&v};
    return scan_roots(fI_on_vline, &v, c->s->w->rI_lo, c->s->w->rI_hi, found_on_vline, &inner);
}

static int by_rE(const void *a, const void *b)
{
    const wc_phase_fixed *x = a, *y = b;
    return x->rE < y->rE ? -1 : x->rE > y->rE ? 1 : x->rI < y->rI ? -1 : x->rI > y->rI;
}

static int check_window(const wc_phase_window *w)
{
    if (!(w->rE_lo < w->rE_hi) || !(w->rI_lo < w->rI_hi)) return wc_seterr("empty window"), -1;
    return 0;
}

long wc_phase_fixed_points(const wc_params *p, const wc_phase_window *w, wc_phase_fixed **out)
{
    *out = NULL;
    if (check_window(w) < 0) return -1;
    fixed_set s = {.p = p, .w = w};
    nullcline n = nullcline_of(p, 0);
    root_ctx c = {&s, &n};
    int rc;
    if (n.w_other != 0) {   /* two scans, in rE and in the sigmoid's input: the union of their roots */
        double span[2];
        input_span(&n, w, span);
        rc = scan_roots(fI_on_nullcline, &n, w->rE_lo, w->rE_hi, found_on_nullcline, &c);
        if (rc == 0) rc = scan_roots(fI_by_input, &n, span[0], span[1], found_by_input, &c);
    }
    else
        rc = scan_roots(lone_fn, &n, w->rE_lo, w->rE_hi, found_vline, &c);
    if (rc < 0) {
        free(s.v);
        return -1;
    }
    if (s.n) qsort(s.v, s.n, sizeof *s.v, by_rE);
    *out = s.v;
    return (long)s.n;
}

/* ---- nullcline polylines ---- */

void wc_phase_curves_free(wc_phase_curve *c, size_t n)
{
    for (size_t k = 0; c && k < n; k++) free(c[k].rE), free(c[k].rI);
    free(c);
}

typedef struct {
    wc_phase_curve *v;
    size_t n, cap;
    size_t pcap;          /* capacity of the last curve's arrays */
} curve_set;

static int curve_new(curve_set *s)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 4;
        wc_phase_curve *v = realloc(s->v, cap * sizeof *v);
        if (!v) return wc_seterr("out of memory"), -1;
        s->v = v, s->cap = cap;
    }
    s->v[s->n++] = (wc_phase_curve){0};
    s->pcap = 0;
    return 0;
}

static int curve_add(curve_set *s, double rE, double rI)
{
    wc_phase_curve *c = &s->v[s->n - 1];
    if (c->n == s->pcap) {
        size_t cap = s->pcap ? 2 * s->pcap : 64;
        double *e = realloc(c->rE, cap * sizeof *e);
        if (!e) return wc_seterr("out of memory"), -1;
        c->rE = e;
        double *i = realloc(c->rI, cap * sizeof *i);
        if (!i) return wc_seterr("out of memory"), -1;
        c->rI = i, s->pcap = cap;
    }
    c->rE[c->n] = rE, c->rI[c->n] = rI, c->n++;
    return 0;
}

typedef struct {
    const nullcline *n;
    double xr[2], yr[2];
    double seg;           /* longest segment, in window-normalised units */
    curve_set *out;
} tracer;

static int in_view(const tracer *t, double x, double *y)
{
    *y = nullcline_y(t->n, x);
    return isfinite(*y) && *y >= t->yr[0] && *y <= t->yr[1];
}

static int emit(tracer *t, double x, double y)
{
    return t->n->pop == 0 ? curve_add(t->out, x, y) : curve_add(t->out, y, x);
}

/* Points between (x0, y0) and (x1, y1) (both on the curve, in view), halving the
 * interval where the segment is long; x1 itself is emitted last. */
static int refine(tracer *t, double x0, double y0, double x1, double y1, int depth)
{
    double dx = (x1 - x0) / (t->xr[1] - t->xr[0]), dy = (y1 - y0) / (t->yr[1] - t->yr[0]), ym;
    double xm = 0.5 * (x0 + x1);
    if (depth < 12 && hypot(dx, dy) > t->seg && in_view(t, xm, &ym))
        return refine(t, x0, y0, xm, ym, depth + 1) < 0 ? -1 : refine(t, xm, ym, x1, y1, depth + 1);
    return emit(t, x1, y1);
}

/* The edge of the view between x_in (in view) and x_out (not): bisection. */
static double view_edge(const tracer *t, double x_in, double x_out)
{
    double y;
    for (int it = 0; it < 100; it++) {
        double m = 0.5 * (x_in + x_out);
        if (m == x_in || m == x_out) break;
        if (in_view(t, m, &y)) x_in = m;
        else x_out = m;
    }
    return x_in;
}

static int trace_graph(tracer *t, size_t npoints)
{
    size_t m = npoints < 16 ? 16 : npoints;
    double xprev = t->xr[0], yprev = 0;
    int prev_in = in_view(t, xprev, &yprev);
    t->seg = 2.0 / (double)m;
    if (prev_in && (curve_new(t->out) < 0 || emit(t, xprev, yprev) < 0)) return -1;
    for (size_t i = 1; i < m; i++) {
        double x = i == m - 1 ? t->xr[1] : t->xr[0] + (t->xr[1] - t->xr[0]) * (double)i / (double)(m - 1), y;
        int now_in = in_view(t, x, &y);
        if (now_in && !prev_in) {
            double xe = view_edge(t, x, xprev), ye;
            in_view(t, xe, &ye);
            if (curve_new(t->out) < 0 || emit(t, xe, ye) < 0 || refine(t, xe, ye, x, y, 0) < 0) return -1;
        }
        else if (now_in && refine(t, xprev, yprev, x, y, 0) < 0) return -1;
        else if (!now_in && prev_in) {
            double xe = view_edge(t, xprev, x), ye;
            in_view(t, xe, &ye);
            if (refine(t, xprev, yprev, xe, ye, 0) < 0) return -1;
        }
        xprev = x, yprev = y, prev_in = now_in;
    }
    return 0;
}

/* w_other = 0: a line x = x0 across the window at each root. */
static int found_line(void *ctx, double x0)
{
    tracer *t = ctx;
    if (curve_new(t->out) < 0) return -1;
    for (int k = 0; k <= 64; k++)
        if (emit(t, x0, t->yr[0] + (t->yr[1] - t->yr[0]) * k / 64.0) < 0) return -1;
    return 0;
}

long wc_phase_nullcline(const wc_params *p, int which, const wc_phase_window *w, size_t npoints, wc_phase_curve **out)
{
    *out = NULL;
    if (check_window(w) < 0) return -1;
    nullcline n = nullcline_of(p, which ? 1 : 0);
    curve_set s = {0};
    tracer t = {.n = &n, .out = &s};
    own_other(&n, w, t.xr, t.yr);
    int rc = n.w_other != 0 ? trace_graph(&t, npoints) : scan_roots(lone_fn, &n, t.xr[0], t.xr[1], found_line, &t);
    if (rc < 0) {
        wc_phase_curves_free(s.v, s.n);
        return -1;
    }
    *out = s.v;
    return (long)s.n;
}

/* ---- separatrices ---- */

/* The backward flow's unit direction in window-normalised coordinates, mapped back. */
static int back_dir(const wc_params *p, const double sc[2], const double x[2], double d[2])
{
    double f[2];
    rhs(p, x[0], x[1], f);
    double u = -f[0] / sc[0], v = -f[1] / sc[1], n = hypot(u, v);
    if (!(n > 0) || !isfinite(n)) return -1;
    d[0] = u / n * sc[0], d[1] = v / n * sc[1];
    return 0;
}

static int trace_separatrix(const wc_params *p, const wc_phase_fixed *s, const wc_phase_window *w, double sign,
                            size_t max_points, curve_set *cs)
{
    double sc[2] = {w->rE_hi - w->rE_lo, w->rI_hi - w->rI_lo}, ds = 1.0 / 1000;
    const double *v = s->lin.vec[1];
    double x[2] = {s->rE + sign * 1e-7 * sc[0] * v[0], s->rI + sign * 1e-7 * sc[1] * v[1]};
    if (curve_new(cs) < 0 || curve_add(cs, s->rE, s->rI) < 0 || curve_add(cs, x[0], x[1]) < 0) return -1;
    for (size_t k = 2; k < max_points; k++) {
        double k1[2], k2[2], k3[2], k4[2], y[2];
        if (back_dir(p, sc, x, k1) < 0) break;
        y[0] = x[0] + 0.5 * ds * k1[0], y[1] = x[1] + 0.5 * ds * k1[1];
        if (back_dir(p, sc, y, k2) < 0) break;
        y[0] = x[0] + 0.5 * ds * k2[0], y[1] = x[1] + 0.5 * ds * k2[1];
        if (back_dir(p, sc, y, k3) < 0) break;
        y[0] = x[0] + ds * k3[0], y[1] = x[1] + ds * k3[1];
        if (back_dir(p, sc, y, k4) < 0) break;
        double nx[2] = {x[0] + ds / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]),
                        x[1] + ds / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])};
        double f[2];
        rhs(p, nx[0], nx[1], f);
        if (!inside(w, nx[0], nx[1], 0)) {   /* end on the window's edge */
            double lo = 0, hi = 1;
            for (int it = 0; it < 60; it++) {
                double m = 0.5 * (lo + hi);
                if (inside(w, x[0] + m * (nx[0] - x[0]), x[1] + m * (nx[1] - x[1]), 0)) lo = m;
                else hi = m;
            }
            return curve_add(cs, x[0] + lo * (nx[0] - x[0]), x[1] + lo * (nx[1] - x[1]));
        }
        if (curve_add(cs, nx[0], nx[1]) < 0) return -1;
        /* an unstable equilibrium attracts backwards: stop when the flow has all but stopped */
        if (hypot(f[0] / sc[0], f[1] / sc[1]) < 1e-9) break;
        x[0] = nx[0], x[1] = nx[1];
    }
    return 0;
}

int wc_phase_separatrix(const wc_params *p, const wc_phase_fixed *s, const wc_phase_window *w, size_t max_points,
                        wc_phase_curve out[2])
{
    memset(out, 0, 2 * sizeof *out);
    if (s->lin.kind != WC_FP_SADDLE) return wc_seterr("(%g, %g) is not a saddle", s->rE, s->rI), -1;
    if (check_window(w) < 0) return -1;
    curve_set cs = {0};
    if (max_points < 3) max_points = 3;
    if (trace_separatrix(p, s, w, 1.0, max_points, &cs) < 0 || trace_separatrix(p, s, w, -1.0, max_points, &cs) < 0) {
        wc_phase_curves_free(cs.v, cs.n);
        return -1;
    }
    out[0] = cs.v[0], out[1] = cs.v[1];
    free(cs.v);
    return 0;
}
