/* wc_pac.c — pseudo-arclength continuation (see wc_pac_internal.h). */
#include "wc_pac_internal.h"

#include "wckit/wc_err.h"

#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int wc_pac_init_solver(wc_pac *c, size_t n, wc_pac_eval eval, wc_pac_solve solve, void *ctx)
{
    memset(c, 0, sizeof *c);
    c->n = n, c->eval = eval, c->solve = solve, c->ctx = ctx;
    c->tol = 1e-11, c->ftol = 1e-11, c->maxit = 8, c->fast_iters = 2, c->hmin = 1e-8, c->hmax = 0.1, c->min_cos = 0.9;
    c->A = malloc((solve ? n : n * n) * sizeof *c->A);
    c->b = malloc(n * sizeof *c->b);
    c->xp = malloc(n * sizeof *c->xp);
    c->x1 = malloc(n * sizeof *c->x1);
    c->t1 = malloc(n * sizeof *c->t1);
    c->t2 = malloc(n * sizeof *c->t2);
    c->ipiv = malloc(n * sizeof *c->ipiv);
    if (!c->A || !c->b || !c->xp || !c->x1 || !c->t1 || !c->t2 || !c->ipiv) {
        wc_pac_free(c);
        return wc_seterr("out of memory for a continuation of %zu unknowns", n), -1;
    }
    return 0;
}

int wc_pac_init(wc_pac *c, size_t n, wc_pac_eval eval, void *ctx)
{
    return wc_pac_init_solver(c, n, eval, NULL, ctx);
}

void wc_pac_free(wc_pac *c)
{
    free(c->A), free(c->b), free(c->xp), free(c->x1), free(c->t1), free(c->t2), free(c->ipiv);
    c->A = c->b = c->xp = c->x1 = c->t1 = c->t2 = NULL;
    c->ipiv = NULL;
}

static double norm_inf(const double *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++) m = fmax(m, fabs(v[i]));
    return m;
}

/* Solve the bordered system: rows 0..n-2 from eval's J (already in c->A), last row t. */
static int solve_bordered(wc_pac *c, const double *t)
{
    size_t n = c->n;
    if (c->solve) return c->solve(c->ctx, t, c->b);
    memcpy(c->A + (n - 1) * n, t, n * sizeof *t);
    lapack_int info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, (lapack_int)n, 1, c->A, (lapack_int)n, c->ipiv, c->b, 1);
    if (info != 0) return wc_seterr("singular continuation system (LAPACKE_dgesv info %d)", (int)info), -1;
    return 0;
}

int wc_pac_correct(wc_pac *c, double *x, const double *t, const double *anchor)
{
    size_t n = c->n;
    for (int it = 1; it <= c->maxit; it++) {
        if (c->eval(c->ctx, x, c->b, c->A) < 0) return -1;
        double s = 0;
        for (size_t i = 0; i < n; i++) s += t[i] * (x[i] - anchor[i]);
        c->b[n - 1] = s;
        double fres = norm_inf(c->b, n - 1);
        if (!isfinite(fres)) return wc_seterr("the equations are not finite"), -1;
        for (size_t i = 0; i < n; i++) c->b[i] = -c->b[i];
        if (solve_bordered(c, t) < 0) return -1;
        for (size_t i = 0; i < n; i++) x[i] += c->b[i];
        double dx = norm_inf(c->b, n);
        c->last_iters = it;
        if (dx <= c->tol * fmax(1.0, norm_inf(x, n)) && fres <= c->ftol * 1e3) {
            if (c->eval(c->ctx, x, c->b, NULL) < 0) return -1;
            if (norm_inf(c->b, n - 1) <= c->ftol) return 0;
        }
        if (!isfinite(dx)) break;
    }
    return wc_seterr("Newton did not converge in %d iterations", c->maxit), -1;
}

int wc_pac_tangent(wc_pac *c, const double *x, const double *t_prev, double *t)
{
    size_t n = c->n;
    double *guess = c->t1;
    if (t_prev) memcpy(guess, t_prev, n * sizeof *guess);
    if (c->eval(c->ctx, x, c->b, c->A) < 0) return -1;
    if (!t_prev) {
        /* No previous tangent: border with the unit vector that makes the matrix best
         * conditioned, trying each in turn from the last (the parameter). */
        for (size_t k = n; k-- > 0;) {
            if (k != n - 1 && c->eval(c->ctx, x, c->b, c->A) < 0) return -1;
            memset(guess, 0, n * sizeof *guess);
            guess[k] = 1;
            memset(c->b, 0, n * sizeof *c->b);
            c->b[n - 1] = 1;
            if (solve_bordered(c, guess) == 0) break;
            if (k == 0) return -1;
        }
    }
    else {
        memset(c->b, 0, n * sizeof *c->b);
        c->b[n - 1] = 1;
        if (solve_bordered(c, guess) < 0) return -1;
    }
    double norm = 0;
    for (size_t i = 0; i < n; i++) norm += c->b[i] * c->b[i];
    norm = sqrt(norm);
    if (!(norm > 0) || !isfinite(norm)) return wc_seterr("no tangent: the curve is singular here"), -1;
    double dot = 0;
    for (size_t i = 0; i < n; i++) dot += c->b[i] * (t_prev ? t_prev[i] : (i == n - 1));
    double sign = dot < 0 ? -1.0 : 1.0;
    for (size_t i = 0; i < n; i++) t[i] = sign * c->b[i] / norm;
    return 0;
}

/* Did the corrector land far from the predictor?  Within a turn of the tangent that
 * min_cos allows the curve stays within about |h| sin(angle / 2) of the prediction; a
 * correction much larger than that has jumped to another part of the curve (past a
 * fold, typically), where the hyperplane through the prediction meets it again. */
static int jumped(const wc_pac *c, const double *x, double h)
{
    double d = 0;
    for (size_t i = 0; i < c->n; i++) d += (x[i] - c->xp[i]) * (x[i] - c->xp[i]);
    return sqrt(d) > 0.5 * fabs(h);
}

int wc_pac_step(wc_pac *c, double *x, double *t, double *h, double *used)
{
    size_t n = c->n;
    double *xn = c->x1, *tn = c->t2;
    while (fabs(*h) >= c->hmin) {
        for (size_t i = 0; i < n; i++) xn[i] = c->xp[i] = x[i] + *h * t[i];
        double cosang = -1;
        if (wc_pac_correct(c, xn, t, c->xp) == 0 && wc_pac_tangent(c, xn, t, tn) == 0 && !jumped(c, xn, *h)) {
            cosang = 0;
            for (size_t i = 0; i < n; i++) cosang += tn[i] * t[i];
        }
        if (cosang >= c->min_cos) {
            int iters = c->last_iters;
            memcpy(x, xn, n * sizeof *x);
            memcpy(t, tn, n * sizeof *t);
            *used = *h;
            double grow = iters <= c->fast_iters ? 1.5 : iters <= c->fast_iters + 2 ? 1.0 : 0.6;
            if (cosang < 0.99) grow = fmin(grow, 0.7);
            *h = copysign(fmin(fabs(*h) * grow, c->hmax), *h);
            return 0;
        }
        *h *= 0.5;
    }
    return wc_seterr("no convergence even at the smallest step (%g)", c->hmin), -1;
}

/* The secant on the projection s: fast, but it needs the hyperplane through xa + s ta
 * to meet the curve near the bracket, which a sharp turn inside the step can prevent. */
static int locate_secant(wc_pac *c, const double *xa, const double *ta, double fa, double hb, double fb,
                         wc_pac_test test, void *tctx, double stol, double *x, double *t)
{
    size_t n = c->n;
    double sa = 0, sb = hb, *anchor = c->t2;
    int side = 0;
    for (int it = 0; it < 200; it++) {
        /* Illinois-modified regula falsi, bisection when it stalls outside the bracket */
        double s = (sa * fb - sb * fa) / (fb - fa);
        if (!(s > fmin(sa, sb) && s < fmax(sa, sb))) s = 0.5 * (sa + sb);
        for (size_t i = 0; i < n; i++) anchor[i] = x[i] = xa[i] + s * ta[i];
        if (wc_pac_correct(c, x, ta, anchor) < 0 || wc_pac_tangent(c, x, ta, t) < 0) return -1;
        double f = test(tctx, x, t);
        if (fabs(sb - sa) <= stol || f == 0) return 0;
        if ((f < 0) == (fa < 0)) {
            sa = s, fa = f;
            if (side == -1) fb *= 0.5;
            side = -1;
        }
        else {
            sb = s, fb = f;
            if (side == 1) fa *= 0.5;
            side = 1;
        }
        if (fabs(sb - sa) <= stol) return 0;
    }
    return 0;   /* 200 iterations of a bracketing method: as close as it gets */
}

/* The fallback: walk from xa in short steps along the curve to the one where the test
 * changes sign, and locate inside that (shorter, so straighter) step. */
static int locate_walk(wc_pac *c, const double *xa, const double *ta, double fa, double hb, wc_pac_test test,
                       void *tctx, double stol, double *x, double *t, int depth)
{
    size_t n = c->n;
    double *xs = malloc(4 * n * sizeof *xs);
    if (!xs) return wc_seterr("out of memory"), -1;
    double *ts = xs + n, *xo = xs + 2 * n, *to = xs + 3 * n, left = fabs(hb), sub = fabs(hb) / 8, used;
    memcpy(xs, xa, n * sizeof *xs), memcpy(ts, ta, n * sizeof *ts);
    int rc = -1;
    while (left > 0) {
        double h = copysign(fmin(sub, left), hb), hsave = c->hmin;
        memcpy(xo, xs, n * sizeof *xo), memcpy(to, ts, n * sizeof *to);
        c->hmin = fabs(h) * 0.999;   /* one try at exactly this step */
        int ok = wc_pac_step(c, xs, ts, &h, &used);
        c->hmin = hsave;
        if (ok < 0) break;
        left -= fabs(used);
        double f = test(tctx, xs, ts);
        if ((f < 0) != (fa < 0)) {
            double hh = 0;
            for (size_t i = 0; i < n; i++) hh += to[i] * (xs[i] - xo[i]);
            rc = locate_secant(c, xo, to, test(tctx, xo, to), hh, f, test, tctx, stol, x, t);
            if (rc < 0 && depth < 3) rc = locate_walk(c, xo, to, test(tctx, xo, to), hh, test, tctx, stol, x, t, depth + 1);
            break;
        }
    }
    free(xs);
    if (rc < 0) wc_seterr("could not locate the point in a step of %g", hb);
    return rc;
}

int wc_pac_locate(wc_pac *c, const double *xa, const double *ta, double fa, double hb, double fb, wc_pac_test test,
                  void *tctx, double stol, double *x, double *t)
{
    if (locate_secant(c, xa, ta, fa, hb, fb, test, tctx, stol, x, t) == 0) return 0;
    return locate_walk(c, xa, ta, fa, hb, test, tctx, stol, x, t, 0);
}

/* The distance of x outside bound k of the box (> 0: outside; -inf or NaN: no bound). */
typedef struct {
    const double *lo, *hi;
    int k;
} box_bound;

static double box_outside(const box_bound *b, const double *x)
{
    size_t i = (size_t)b->k / 2;
    return b->k & 1 ? x[i] - b->hi[i] : b->lo[i] - x[i];
}

static double test_box(void *ctx, const double *x, const double *t) { return box_outside(ctx, x); }

int wc_pac_leave(wc_pac *c, const double *lo, const double *hi, const double *xa, const double *ta, const double *xb,
                 double h, double stol, double *x, double *t)
{
    box_bound b = {lo, hi, -1};
    double first = INFINITY, fa = 0, fb = 0;
    for (int k = 0; k < 2 * (int)c->n; k++) {
        box_bound e = {lo, hi, k};
        double eb = box_outside(&e, xb), ea = fmin(box_outside(&e, xa), 0);
        if (!(eb > 0)) continue;
        /* the bound met first along the step, by linear interpolation */
        double frac = ea / (ea - eb);
        if (frac < first) first = frac, b.k = k, fa = ea, fb = eb;
    }
    if (b.k < 0) return -1;
    if (fa >= 0) fa = -1e-300;   /* started on the bound */
    return wc_pac_locate(c, xa, ta, fa, h, fb, test_box, &b, stol, x, t) < 0 ? -2 : b.k;
}
