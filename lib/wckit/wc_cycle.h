/* wc_cycle.h — limit cycles of one node: the branch of periodic orbits born at a Hopf
 * point, continued in a parameter by orthogonal collocation (as AUTO and MatCont: NTST
 * mesh intervals, NCOL Gauss points each, an integral phase condition), with the period,
 * the extremes of rE and rI, the Floquet multipliers and stability, and folds of cycles
 * located (wc-cont(1) --cycles).  The collocation systems go through LAPACKE.
 *
 * The method.  A cycle is u(t), t in [0, 1] (time over the period T), with u' = T f(u),
 * u(0) = u(1); on each mesh interval u is a polynomial of degree NCOL, collocated at the
 * Gauss-Legendre points.  The phase is fixed by the integral condition
 * int <u(t), u_prev'(t)> dt = 0 against the previous cycle of the branch.  The unknowns
 * are the polynomials' node values, log T and the parameter; steps are pseudo-arclength
 * steps in (u in the L2 norm over one period, log T, parameter), so that a branch whose
 * period grows without bound (towards a homoclinic orbit, or a saddle-node on the cycle)
 * is followed in geometric steps of the period.  The mesh moves after every step to
 * equidistribute the error (de Boor's criterion, as AUTO).  Each Newton system is
 * condensed interval by interval to the mesh points (small LAPACKE_dgesv solves), then
 * solved dense (LAPACKE_dgesv).
 *
 * The first cycle is rE, rI = x0 + amp0 (Re v cos 2 pi t - Im v sin 2 pi t) corrected,
 * x0 the Hopf point, v the eigenvector of i omega scaled to v_E = 1: its rE swings by
 * about +-amp0 around x0, its period is close to 2 pi / omega.  The branch is followed
 * from there in the direction of growing amplitude; the Hopf point itself (amplitude 0)
 * is not one of the cycles. */
#ifndef WC_CYCLE_H
#define WC_CYCLE_H

#include <stddef.h>
#include "wc_cont.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t ntst, ncol;    /* mesh intervals [40] (2..1000) and collocation points per
                           * interval [4] (2..7) */
    size_t max_points;    /* most cycles on the branch [2000] */
    double h0, hmax;      /* first and largest continuation step [1e-3, 0.1], arclength in
                           * (u in the L2 norm over one period, log period, parameter) */
    double amp0;          /* amplitude of the first cycle off the Hopf (in rE) [1e-3] */
    double period_max;    /* the branch ends when the period exceeds it (a homoclinic
                           * orbit is near) [1e4 ms] */
} wc_cycle_opts;

/** Fill co with the defaults in brackets above. */
void wc_cycle_opts_init(wc_cycle_opts *co);

/** One cycle of the branch. */
typedef struct {
    double par, period;             /* the parameter, the period (ms) */
    double rE_min, rE_max, rI_min, rI_max;   /* extremes over the cycle (the collocation
                                     * polynomials sampled, the best polished by Newton) */
    double mult_re[2], mult_im[2];  /* Floquet multipliers: [0] the trivial one (~1),
                                     * [1] the other (see below) */
    int stable;                     /* |mult[1]| < 1 */
} wc_cycle_point;

/* The Floquet multipliers: the monodromy matrix M comes from integrating X' = J(u(t)) X,
 * X(0) = I, over the period along the collocation polynomials (Dormand-Prince 5(4) with
 * error control, re-orthonormalised by QR), its eigenvalues from LAPACKE_dgeev; the one
 * closest to 1 is mult[0], and mult[1] = det M / mult[0] with det M from the QR factors
 * (accurate even when mult[1] is tiny).  A cycle passing close to a saddle makes |M|
 * huge and its eigenvalue 1 ill-conditioned: once |X(t)| exceeds 1e5 the multipliers are
 * taken as exactly 1 and exp(integral of tr J over the period) (in two dimensions one
 * multiplier is 1 and their product is det M: Liouville's formula). */

typedef struct {
    wc_cycle_point *pt;
    size_t npt;
    size_t nprof;         /* samples per stored profile (0: none kept) */
    double *prof;         /* npt x nprof x 3 (t, rE, rI) over one period, when kept:
                           * cycle k's sample i at prof[3 (k nprof + i)], t = i T / nprof ms */
    int end;              /* enum wc_cont_end: WC_END_RANGE (the parameter reached lo or hi;
                           * the last cycle lies on the bound), WC_END_PERIOD (the period
                           * reached period_max; the last cycle has that period),
                           * WC_END_HOPF (the cycle shrank back to an equilibrium, at another
                           * Hopf point), WC_END_POINTS, WC_END_FAILED (the corrector
                           * failed: why says where and why; the cycles so far are kept) */
    char why[256];        /* how it ended, in words, with where */
} wc_cycle_branch;

/** The cycle branch from Hopf point hopf (of a wc_cont_equilibria run with options o:
 *  type WC_SP_HOPF, omega > 0, (rE, rI) an equilibrium at par whose Jacobian has trace 0
 *  and sqrt(det) = omega), continued in o->par within o->lo..o->hi; co NULL means the
 *  defaults.  Folds of cycles (turning points of the parameter along the branch, located
 *  to 1e-10 in arclength) are appended to *sp (realloc'ed, *nsp updated) as
 *  WC_SP_CYCLE_FOLD with branch = branch_id, after = the index of the cycle before it,
 *  par, period, and rE, rI = the state where that cycle's rE is largest.  With nprof > 0
 *  each cycle's profile is kept at nprof equally spaced times.
 *  @return 0, or -1 (wc_errmsg; b is then empty): bad options (ntst, ncol, steps,
 *  amp0, period_max), a point that is no Hopf point, out of memory.  A branch that ends
 *  early is no error (b->end, b->why). */
int wc_cycle_from_hopf(const wc_cont_opts *o, const wc_cycle_opts *co, const wc_cont_special *hopf, int branch_id,
                       size_t nprof, wc_cycle_branch *b, wc_cont_special **sp, size_t *nsp);
/** Free the arrays of b (not b itself). */
void wc_cycle_branch_free(wc_cycle_branch *b);

#ifdef __cplusplus
}
#endif
#endif
