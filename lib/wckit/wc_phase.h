/* wc_phase.h — the phase plane of one node: nullclines, fixed points and their
 * stability, the vector field and the saddles' stable manifolds (wc-nullcline(1)).
 *
 * Inputs are constant: I_E and I_I of the parameters.  The nullclines are explicit
 * through the inverse sigmoid: drE/dt = 0 gives rI as a function of rE (when wEI != 0;
 * else vertical lines at the roots of a function of rE alone), drI/dt = 0 gives rE as a
 * function of rI (when wIE != 0; else horizontal lines).  Fixed points are the roots of
 * the I equation along the E-nullcline, bracketed on two fine scans (4096 intervals in rE,
 * and as many in the E sigmoid's input, which resolves the saturated end where rE hardly
 * moves) and polished by Newton on the analytic Jacobian (wc_model_jacobian);
 * eigenvalues come from LAPACKE_dgeev. */
#ifndef WC_PHASE_H
#define WC_PHASE_H

#include <stddef.h>
#include "wc_params.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A rectangle of the (rE, rI) plane. */
typedef struct {
    double rE_lo, rE_hi, rI_lo, rI_hi;
} wc_phase_window;

/** The window that holds every fixed point p can have (whatever the inputs): rE and rI
 *  within the range of x = (1 - r x) F(.) solved for x, padded by 5 %. */
void wc_phase_window_auto(const wc_params *p, wc_phase_window *w);

/** Kinds of fixed point, from the trace and determinant of the Jacobian. */
enum wc_phase_kind {
    WC_FP_STABLE_NODE, WC_FP_UNSTABLE_NODE, WC_FP_STABLE_FOCUS, WC_FP_UNSTABLE_FOCUS,
    WC_FP_SADDLE, WC_FP_CENTRE, WC_FP_DEGENERATE
};
/** "stable-node", "unstable-node", "stable-focus", "unstable-focus", "saddle",
 *  "centre-like", "degenerate". */
const char *wc_phase_kind_name(int kind);

/** A 2x2 Jacobian and what it says. */
typedef struct {
    double J[2][2];
    double tr, det;
    double re[2], im[2];  /* eigenvalues, the larger real part first (a pair: im[0] > 0) */
    double vec[2][2];     /* real eigenvalues: vec[k] the unit eigenvector of eigenvalue k;
                           * a complex pair: vec[0] + i vec[1] the eigenvector of re[0] + i im[0] */
    int kind;             /* enum wc_phase_kind */
    int stable;           /* both real parts < 0 */
} wc_phase_lin;

/** Eigen-decomposition (LAPACKE_dgeev) and classification of J.  Centre-like: |tr| <=
 *  1e-9 (|det| + 1) with det > 0; degenerate: |det| <= 1e-12 (|J|^2 + 1).
 *  @return 0, or -1 if LAPACK failed or J is not finite. */
int wc_phase_linearise(const double J[2][2], wc_phase_lin *out);

typedef struct {
    double rE, rI;
    double fE, fI;        /* the right-hand side there (|f| < 1e-12 when polished) */
    wc_phase_lin lin;
} wc_phase_fixed;

/** Newton on the analytic Jacobian from (*rE, *rI), to |f| <= 1e-12 (inf-norm, 1/ms).
 *  @return 0, or -1 (singular Jacobian, no convergence in 60 iterations). */
int wc_phase_newton(const wc_params *p, double *rE, double *rI);

/** Every fixed point in window w, sorted by rE, each polished, de-duplicated and
 *  linearised.  @return the count (*out malloc'ed, NULL for none), or -1 (wc_errmsg). */
long wc_phase_fixed_points(const wc_params *p, const wc_phase_window *w, wc_phase_fixed **out);

/** A polyline: n points (x[i], y[i]) = (rE, rI). */
typedef struct {
    size_t n;
    double *rE, *rI;
} wc_phase_curve;

void wc_phase_curves_free(wc_phase_curve *c, size_t n);

/** The E-nullcline (which = 0) or the I-nullcline (which = 1) inside window w, as
 *  separate ordered branches (*out malloc'ed; a branch never joins two pieces), with
 *  about npoints points in all (more where the curve bends).
 *  @return the number of branches (0 if the nullcline misses the window), or -1. */
long wc_phase_nullcline(const wc_params *p, int which, const wc_phase_window *w, size_t npoints, wc_phase_curve **out);

/** The stable manifold of saddle s: two branches, each traced backwards in time from
 *  s +- eps v_s along the stable eigenvector (RK4 in arclength) until it leaves window w,
 *  or the flow all but stops (an unstable fixed point attracts it backwards), or after
 *  max_points points (it may wind round an unstable cycle).
 *  out[0] starts along +v_s, out[1] along -v_s; each begins at the saddle.
 *  @return 0, or -1 (s is no saddle, out of memory). */
int wc_phase_separatrix(const wc_params *p, const wc_phase_fixed *s, const wc_phase_window *w, size_t max_points,
                        wc_phase_curve out[2]);

#ifdef __cplusplus
}
#endif
#endif
