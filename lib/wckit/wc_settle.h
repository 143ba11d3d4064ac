/* wc_settle.h — many independent trajectories of one node, each integrated until it
 * settles, and what it settled on: a fixed point or a cycle (wc-sweep(1), wc-basin(1)).
 *
 * Trajectories are stepped in blocks with the vector kernels of wc_integrate.h
 * (structure of arrays, the widest SIMD the CPU has), on a team of threads; results do
 * not depend on the thread count or on how trajectories are split.  A trajectory that
 * has settled on a fixed point (max |f| below a tolerance) stops early and is polished
 * by Newton (wc_phase_newton); the others run the full time and are observed after the
 * transient: extremes, means, and the period from upward crossings of the mid level,
 * refined by linear interpolation.  With noise (sigma_E or sigma_I > 0) nothing stops
 * early; the noise of trajectory g is drawn with index g in the Philox counter, so it
 * does not depend on sharding or threads. */
#ifndef WC_SETTLE_H
#define WC_SETTLE_H

#include <stddef.h>
#include <stdint.h>
#include "wc_params.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    int method;           /* enum wc_method [WC_EXPEULER] */
    double dt;            /* ms [0.1] */
    double transient;     /* ms run before observing [documented default] */
    double observe;       /* ms observed after the transient */
    double tol;           /* settled on a fixed point when max |f| < tol (1/ms) [1e-9] */
    int early_stop;       /* stop a trajectory once settled on a fixed point [1] */
    int raw;              /* observe the whole run, the transient included (the reference's
                           * min/max over a run from rest) [0] */
    uint64_t seed;        /* noise seed */
    int threads;          /* worker threads [1] */
    void (*progress)(void *ctx, long long done, long long total);  /* may be NULL */
    void *ctx;
} wc_settle_opts;

void wc_settle_opts_init(wc_settle_opts *o);

enum wc_settle_kind { WC_SETTLE_FIXED, WC_SETTLE_CYCLE, WC_SETTLE_OTHER };

typedef struct {
    int kind;             /* enum wc_settle_kind: OTHER = neither at the end (slow, noisy) */
    double rE, rI;        /* the fixed point (polished), or the final state */
    double rE_min, rE_max, rE_mean, rI_min, rI_max, rI_mean;   /* over the observation */
    double period;        /* a cycle's mean period, ms (else 0) */
    double t_settle;      /* ms at which it settled on its fixed point (else the run's end) */
} wc_settle_result;

/** Run n trajectories: trajectory j has parameters p[pidx ? pidx[j] : j], starts at
 *  (rE0[j], rI0[j]) and, with noise, draws with index gid ? gid[j] : j.  out[j] gets its
 *  result.  @return 0, or -1 with wc_errmsg() (bad options, out of memory, no threads). */
int wc_settle_run(const wc_settle_opts *o, size_t n, const wc_params *p, const size_t *pidx, const double *rE0,
                  const double *rI0, const uint64_t *gid, wc_settle_result *out);

/* ---- attractors ---- */

/** A distinct attractor among trajectories' results. */
typedef struct {
    int kind;             /* WC_SETTLE_FIXED or WC_SETTLE_CYCLE (or OTHER) */
    double rE, rI;        /* fixed point; a cycle: its rE-max point's state is not kept */
    double rE_min, rE_max, rE_mean, rI_min, rI_max, rI_mean;
    double period;
    long count;           /* trajectories that reached it */
} wc_attractor;

/** The distinct attractors among results r[0..n-1]: fixed points closer than tol (in
 *  rE and rI) are one, cycles whose period agrees to tol relative and whose extremes
 *  agree to tol are one (phase-independent).  label (may be NULL) gets each result's
 *  attractor.  Attractors are sorted: fixed points by rE, then cycles by period.
 *  @return the number of attractors written to out (at most n). */
size_t wc_attractors(const wc_settle_result *r, size_t n, double tol, wc_attractor *out, int *label);

/** The regime of a set of attractors, as a code (for a regime map drawn "with image")
 *  and a word: "fixed", "bistable", "tristable", "cycle", "cycle+fixed",
 *  "cycle+bistable", "cycles", "other" (some trajectory did not settle). */
int wc_regime(const wc_attractor *a, size_t n);
const char *wc_regime_name(int code);

#ifdef __cplusplus
}
#endif
#endif
