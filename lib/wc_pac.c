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

int wc_pac_step(wc_pac *c, double *x, double *t, double *h, double *used)
{
    size_t n = c->n;
    double *xn = c->x1, *tn = c->t2;
    while (fabs(*h) >= c->hmin) {
        for (size_t i = 0; i < n; i++) xn[i] = c->xp[i] = x[i] + *h * t[i];
        double cosang = -1;
        if (wc_pac_correct(c, xn, t, c->xp) == 0 && wc_pac_tangent(c, xn, t, tn) == 0) {
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

int wc_pac_locate(wc_pac *c, const double *xa, const double *ta, double fa, double hb, double fb, wc_pac_test test,
                  void *tctx, double stol, double *x, double *t)
{
    size_t n = c->n;
    double sa = 0, sb = hb, *anchor = malloc(n * sizeof *anchor);
    if (!anchor) return wc_seterr("out of memory"), -1;
    int side = 0, rc = -1;
    for (int it = 0; it < 200; it++) {
        /* Illinois-modified regula falsi, bisection when it stalls outside the bracket */
        double s = (sa * fb - sb * fa) / (fb - fa);
        if (!(s > fmin(sa, sb) && s < fmax(sa, sb))) s = 0.5 * (sa + sb);
        for (size_t i = 0; i < n; i++) anchor[i] = x[i] = xa[i] + s * ta[i];
        if (wc_pac_correct(c, x, ta, anchor) < 0 || wc_pac_tangent(c, x, ta, t) < 0) goto done;
        double f = test(tctx, x, t);
        if (fabs(sb - sa) <= stol || f == 0) { rc = 0; goto done; }
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
        if (fabs(sb - sa) <= stol) { rc = 0; goto done; }
    }
    rc = 0;   /* 200 iterations of a bracketing method: as close as it gets */
done:
    free(anchor);
    return rc;
}
