/* wc_pac_internal.h — pseudo-arclength continuation of a solution curve (private).
 *
 * The one continuation engine behind equilibria, fold and Hopf curves and limit cycles
 * (wc_cont.c, wc_cont2.c, wc_cycle.c): the curve F(x) = 0 with F: R^n -> R^(n-1), the
 * last unknown usually the parameter.  A step predicts along the unit tangent t and
 * corrects with Newton on the bordered system
 *
 *     [ F(x)              ]        [ J(x) ]
 *     [ t . (x - x_pred)  ] = 0,   [ t^T  ] dx = -residual          (LAPACKE_dgesv)
 *
 * with step-length control from the Newton iteration count and the turn of the tangent.
 * The bordered system is dense by default; a problem with structure (limit cycles: the
 * collocation blocks, condensed interval by interval) brings its own solver
 * (wc_pac_init_solver).
 * Special points are located by wc_pac_locate: the root of a test function along the
 * curve, by a safeguarded secant on the arclength. */
#ifndef WC_PAC_INTERNAL_H
#define WC_PAC_INTERNAL_H

#include <stddef.h>

/** F(x) (n-1 values) and, when J is not NULL, its Jacobian ((n-1) x n, row-major).
 *  @return 0, or -1 with wc_errmsg() set (the step is then rejected). */
typedef int (*wc_pac_eval)(void *ctx, const double *x, double *F, double *J);

/** A problem's own solver of the bordered system [J(x); t^T] y = b, J being the Jacobian
 *  of the last eval call made with J != NULL; b (n values) is overwritten with y.
 *  @return 0, or -1 with wc_errmsg() set (a singular system). */
typedef int (*wc_pac_solve)(void *ctx, const double *t, double *b);

typedef struct {
    size_t n;
    wc_pac_eval eval;
    wc_pac_solve solve;  /* NULL: dense, LAPACKE_dgesv */
    void *ctx;
    double tol;        /* Newton converged: |dx|_inf <= tol and |F|_inf <= ftol */
    double ftol;
    int maxit;         /* Newton iterations per step */
    int fast_iters;    /* a correction in at most this many iterations lengthens the next step */
    double hmin, hmax; /* step-length bounds */
    double min_cos;    /* largest turn of the tangent per step: cos of the angle [0.9] */
    double *A, *b, *xp, *x1, *t1, *t2; /* scratch: (n x n) (n with a solver), then n each */
    int *ipiv;
    int last_iters;    /* Newton iterations of the last correction */
} wc_pac;

/** Set up c for n unknowns with defaults (tol 1e-11, ftol 1e-11, maxit 8, fast_iters 2,
 *  hmin 1e-8, hmax 0.1, min_cos 0.9).  @return 0 or -1 (out of memory). */
int wc_pac_init(wc_pac *c, size_t n, wc_pac_eval eval, void *ctx);
/** The same with the problem's own linear solver: no n x n matrix is allocated, and the
 *  J that eval receives is only a flag (non-NULL: compute the Jacobian and keep it for
 *  the next solve; nothing may be written through it). */
int wc_pac_init_solver(wc_pac *c, size_t n, wc_pac_eval eval, wc_pac_solve solve, void *ctx);
void wc_pac_free(wc_pac *c);

/** Newton from x on F = 0 and t . (x - anchor) = 0.  @return 0 converged, -1 not. */
int wc_pac_correct(wc_pac *c, double *x, const double *t, const double *anchor);

/** The unit tangent at x: the null vector of J(x), oriented so that t . t_prev > 0
 *  (t_prev NULL: so that its last component is >= 0).  @return 0 or -1. */
int wc_pac_tangent(wc_pac *c, const double *x, const double *t_prev, double *t);

/** One step from (x, t) with step *h (its sign gives the direction along t): predict,
 *  correct (a correction larger than |h|/2 is a jump to another part of the curve and
 *  fails), halving *h down to hmin on failure; on success x and t move to the new point
 *  and *h is adapted for the next step (*used gets the step taken).
 *  @return 0, or -1 with wc_errmsg() saying why (no convergence at the smallest step). */
int wc_pac_step(wc_pac *c, double *x, double *t, double *h, double *used);

/** A test function on the curve (x, t). */
typedef double (*wc_pac_test)(void *ctx, const double *x, const double *t);

/** The root of test between the point (xa, ta), where it is fa, and the point at step hb
 *  from it (where it is fb, of the other sign): the curve is parametrised by s, the
 *  point whose projection on ta is s (so x(0) = xa), and s is found to |ds| <= stol.
 *  x and t get the point and its tangent.  @return 0 or -1 (a correction failed). */
int wc_pac_locate(wc_pac *c, const double *xa, const double *ta, double fa, double hb, double fb, wc_pac_test test,
                  void *tctx, double stol, double *x, double *t);

/** Where the curve leaves the box lo <= x <= hi (componentwise; an infinite or NaN bound
 *  is none): the bound that the step from (xa, ta) to xb (xb outside, at step h along
 *  ta) crossed first, located on the curve by wc_pac_locate to stol.  x and t get the
 *  point on the bound.  @return the bound, 2 i for lo[i] and 2 i + 1 for hi[i]; -1 if xb
 *  is inside the box; -2 if a correction failed (wc_errmsg). */
int wc_pac_leave(wc_pac *c, const double *lo, const double *hi, const double *xa, const double *ta, const double *xb,
                 double h, double stol, double *x, double *t);

#endif
