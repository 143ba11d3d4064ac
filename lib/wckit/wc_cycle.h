/* wc_cycle.h — limit cycles of one node: the branch of periodic orbits born at a Hopf
 * point, continued in a parameter by orthogonal collocation (as AUTO and MatCont: NTST
 * mesh intervals, NCOL Gauss points each, an integral phase condition), with the period,
 * the extremes of rE and rI, the Floquet multipliers and stability, and folds of cycles
 * located (wc-cont(1) --cycles).  The collocation systems go through LAPACKE. */
#ifndef WC_CYCLE_H
#define WC_CYCLE_H

#include <stddef.h>
#include "wc_cont.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t ntst, ncol;    /* mesh intervals [40] and collocation points per interval [4] */
    size_t max_points;    /* most cycles on the branch [2000] */
    double h0, hmax;      /* first and largest continuation step [1e-3, 0.1] */
    double amp0;          /* amplitude of the first cycle off the Hopf (in rE) [1e-3] */
    double period_max;    /* the branch ends when the period exceeds it (a homoclinic
                           * orbit is near) [1e4 ms] */
} wc_cycle_opts;

void wc_cycle_opts_init(wc_cycle_opts *co);

/** One cycle of the branch. */
typedef struct {
    double par, period;
    double rE_min, rE_max, rI_min, rI_max;
    double mult_re[2], mult_im[2];  /* Floquet multipliers: [0] the trivial one (~1),
                                     * [1] the other (exp of the integral of tr J) */
    int stable;                     /* |mult[1]| < 1 */
} wc_cycle_point;

typedef struct {
    wc_cycle_point *pt;
    size_t npt;
    size_t nprof;         /* samples per stored profile (0: none kept) */
    double *prof;         /* npt x nprof x 3 (t, rE, rI) over one period, when kept */
    int end;              /* enum wc_cont_end */
    char why[256];
} wc_cycle_branch;

/** The cycle branch from Hopf point hopf (of a wc_cont_equilibria run with options o),
 *  continued in o->par within o->lo..o->hi.  Folds of cycles are appended to *sp
 *  (type WC_SP_CYCLE_FOLD, branch = branch_id, with the period).  With nprof > 0 each
 *  cycle's profile is kept at nprof equally spaced times.
 *  @return 0, or -1 (wc_errmsg); a branch that ends early is no error (b->end, b->why). */
int wc_cycle_from_hopf(const wc_cont_opts *o, const wc_cycle_opts *co, const wc_cont_special *hopf, int branch_id,
                       size_t nprof, wc_cycle_branch *b, wc_cont_special **sp, size_t *nsp);
void wc_cycle_branch_free(wc_cycle_branch *b);

#ifdef __cplusplus
}
#endif
#endif
