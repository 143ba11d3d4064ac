/* wc_cont.h — numerical continuation of the equilibria of one node in a parameter:
 * branches with their stability, fold and Hopf points (the Hopf's frequency and first
 * Lyapunov coefficient), and two-parameter curves of folds and Hopf points with their
 * codimension-two points (wc-cont(1)).  Limit cycles: wc_cycle.h.
 *
 * Any model parameter can be continued (enum wc_params_id).  Branches are followed by
 * pseudo-arclength continuation in (rE, rI, parameter) with step control, around folds;
 * Newton systems and eigenvalues go through LAPACKE. */
#ifndef WC_CONT_H
#define WC_CONT_H

#include <stddef.h>
#include "wc_params.h"
#include "wc_phase.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Kinds of special point. */
enum wc_cont_type {
    WC_SP_FOLD,          /* "fold": saddle-node of equilibria (one zero eigenvalue) */
    WC_SP_HOPF,          /* "hopf": a pair +-i omega */
    WC_SP_CUSP,          /* "cusp": on a fold curve, the quadratic coefficient vanishes */
    WC_SP_BT,            /* "bogdanov-takens": on a fold curve, a double zero eigenvalue */
    WC_SP_BAUTIN,        /* "bautin": on a Hopf curve, the first Lyapunov coefficient vanishes */
    WC_SP_CYCLE_FOLD,    /* "fold-of-cycles": a limit-cycle branch turns */
    WC_SP_BRANCH         /* "branch-point": another branch of equilibria crosses (det J
                          * changes sign but the branch does not turn: transcritical or
                          * pitchfork, e.g. at the origin, an equilibrium for every wEE
                          * when the inputs are 0); located only as well as the singular
                          * Newton system allows (about 1e-6) */
};
/** The word for a type: "fold", "hopf", "cusp", "bogdanov-takens", "bautin", "fold-of-cycles",
 *  "branch-point". */
const char *wc_cont_type_name(int type);

/** What is continued, where, and how. */
typedef struct {
    wc_params p;          /* the model; the continued parameter's value here is ignored */
    int par;              /* the parameter continued (enum wc_params_id) */
    double lo, hi;        /* its range; a branch ends where it leaves it */
    wc_phase_window win;  /* a branch ends where the state leaves this window */
    double h0, hmax;      /* first and largest step, arclength in (rE, rI, par) */
    size_t max_points;    /* most points per branch */
    const double *starts; /* more parameter values to start branches from (every fixed
                           * point there, followed both ways): isolas, or a branch that
                           * reaches neither end of the range */
    size_t nstarts;
} wc_cont_opts;

/** Defaults: window wc_phase_window_auto(p) widened to hold the whole range's fixed
 *  points, h0 = 1e-3 (hi - lo) (at most 0.01), hmax = 0.01 (hi - lo) (at most 0.05),
 *  max_points 100000. */
void wc_cont_opts_init(wc_cont_opts *o, const wc_params *p, int par, double lo, double hi);

/** A point of an equilibrium branch. */
typedef struct {
    double par, rE, rI;
    wc_phase_lin lin;
} wc_cont_point;

/** A special point. */
typedef struct {
    int type;             /* enum wc_cont_type */
    int branch;           /* the branch (or curve) it lies on */
    size_t after;         /* it lies between that branch's points after and after + 1 */
    double par, par2;     /* the parameter(s) (par2: two-parameter curves, else 0) */
    double rE, rI;
    double omega;         /* Hopf and Bautin: the eigenvalues' imaginary part, rad/ms (else 0) */
    double coef;          /* Hopf and Bautin: the first Lyapunov coefficient l1 (< 0:
                           * supercritical, > 0: subcritical; ~0 at a Bautin point); fold and
                           * cusp: the quadratic normal-form coefficient a = p.B(q, q)/2 (~0
                           * at a cusp); else 0 */
    double period;        /* fold of cycles: the period, ms (else 0) */
} wc_cont_special;

/** How a branch or curve ended. */
enum wc_cont_end {
    WC_END_RANGE,         /* "range": the parameter left its range */
    WC_END_WINDOW,        /* "window": the state left the window */
    WC_END_LOOP,          /* "loop": the branch closed on itself */
    WC_END_POINTS,        /* "max-points": max_points reached */
    WC_END_FAILED,        /* "failed": the corrector failed at the smallest step */
    WC_END_PERIOD,        /* "period": a cycle branch's period exceeded its bound (wc_cycle.h) */
    WC_END_HOPF           /* "hopf": a cycle branch shrank to an equilibrium, at a Hopf point */
};
const char *wc_cont_end_name(int end);

typedef struct {
    wc_cont_point *pt;
    size_t npt;
    int end;              /* enum wc_cont_end */
    char why[256];        /* how it ended, in words, with where */
} wc_cont_branch;

/** All equilibrium branches in the range: each started from a fixed point at either end
 *  of the range (or in between, from extra start values, e.g. a Hopf's) not already on
 *  a branch, and followed inwards.  The special points of all branches go to *sp (fold
 *  and Hopf, located to 1e-10 in arclength; each Hopf with omega and l1).
 *  @return the number of branches (*out malloc'ed), or -1 (wc_errmsg). */
long wc_cont_equilibria(const wc_cont_opts *o, wc_cont_branch **out, wc_cont_special **sp, size_t *nsp);
void wc_cont_branches_free(wc_cont_branch *b, size_t n);

/** The first Lyapunov coefficient at a Hopf point (rE, rI) of p (Kuznetsov's formula
 *  with the model's analytic second and third derivatives, wc_model_deriv2/3);
 *  *omega gets the frequency.  @return l1, or NaN if the Jacobian has no imaginary pair. */
double wc_cont_lyapunov(const wc_params *p, double rE, double rI, double *omega);

/** The quadratic coefficient a = p.B(q, q)/2 at a fold (q: null vector of J, p: of J^T,
 *  p.q = 1); it vanishes at a cusp.  NaN if J has no zero eigenvalue to within 1e-6. */
double wc_cont_fold_coef(const wc_params *p, double rE, double rI);

/* ---- two-parameter curves (wc_cont2.c) ---- */

/** A point of a fold or Hopf curve. */
typedef struct {
    double par, par2, rE, rI;
    double omega;         /* Hopf curve: sqrt(det J), the frequency (0 past a Bogdanov-Takens
                           * point, where the curve is one of neutral saddles); fold curve: 0 */
    double coef;          /* fold curve: a (it has a pole at a Bogdanov-Takens point);
                           * Hopf curve: l1 (NaN past a Bogdanov-Takens point) */
} wc_cont2_point;

typedef struct {
    int type;             /* WC_SP_FOLD or WC_SP_HOPF: what the curve is made of */
    wc_cont2_point *pt;
    size_t npt;
    int end;              /* enum wc_cont_end */
    char why[256];        /* how it ended, in words, with where */
} wc_cont2_curve;

/** The curve of folds (start->type WC_SP_FOLD) or Hopf points (WC_SP_HOPF) through the
 *  special point start of a one-parameter continuation in o->par, continued in o->par and
 *  par2 in both directions.  par2's value at start is o->p.v[par2].  The curve is
 *  followed by pseudo-arclength continuation in (rE, rI, par, par2) on f = 0 and det J = 0
 *  (folds) or tr J = 0 (Hopf points), with steps o->h0 up to o->hmax (arclength in those
 *  four unknowns); a half ends where par leaves o->lo..o->hi, par2 leaves lo2..hi2 or the
 *  state leaves o->win (an empty window: none), with its last point on that bound, after
 *  o->max_points points, or where the corrector fails or a point cannot be located
 *  (WC_END_FAILED; why says where).  A Hopf curve is continued through a Bogdanov-Takens point into
 *  neutral saddles (tr J = 0, det J < 0: omega 0, coef NaN), where it may meet a second
 *  Bogdanov-Takens point and be a Hopf curve again.
 *
 *  out[0] and out[1] get the two halves, each beginning at start (corrected onto the
 *  curve), out[0] the one along which par2 grows at start; a closed curve is all in
 *  out[0] (end WC_END_LOOP) and out[1] holds its start only.  Codimension-two points are located to
 *  1e-11 in arclength and appended to *sp (realloc'ed, *nsp updated) with branch =
 *  curve_id for out[0] and curve_id + 1 for out[1], after = the point of that half they
 *  follow, par and par2:
 *    WC_SP_CUSP    on a fold curve, where a changes sign (coef = a, ~0);
 *    WC_SP_BT      on a fold curve where tr J changes sign, on a Hopf curve where det J
 *                  does (omega = coef = 0);
 *    WC_SP_BAUTIN  on a Hopf curve where l1 changes sign (omega, coef = l1, ~0).
 *  A point already in *sp (the same type at the same place to 1e-6) is not added again,
 *  so a Bogdanov-Takens point met by a fold and a Hopf curve appears once when both
 *  append to the same list.
 *  @return 0, or -1 (wc_errmsg: a start that is no fold or Hopf point, par2 == o->par,
 *  an empty range, a start outside the ranges); out is then empty and *nsp as it was. */
int wc_cont2_curve_from(const wc_cont_opts *o, int par2, double lo2, double hi2, const wc_cont_special *start,
                        int curve_id, wc_cont2_curve out[2], wc_cont_special **sp, size_t *nsp);
/** Free a curve's points (c itself is the caller's). */
void wc_cont2_curve_free(wc_cont2_curve *c);

#ifdef __cplusplus
}
#endif
#endif
