/* wc_settle.h — many independent trajectories of one node, each integrated until it
 * settles, and what it settled on: a fixed point or a cycle (wc-sweep(1), wc-basin(1)).
 *
 * Trajectories are stepped in blocks with the vector kernels of wc_integrate.h
 * (structure of arrays, the widest SIMD the CPU has), on a team of threads; results do
 * not depend on the thread count, on the block size or on which trajectories share a
 * block: each trajectory's arithmetic is its own.
 *
 * A run is transient + observe ms (steps of dt, rounded as wc_clock_steps).  Every 50
 * steps each trajectory is tested: when max(|f_E|, |f_I|) < tol at its state (the
 * right-hand side, 1/ms) it has settled on a fixed point; it stops there (early_stop)
 * and is polished by Newton on the analytic Jacobian to max |f| <= 1e-12 (as
 * wc_phase_newton; the state is kept if Newton fails or lands farther than 1e-3 away).
 * The others run the full time and are observed after the transient (raw: over the
 * whole run): the states after each step (not the initial one) give min, max and
 * mean of rE and rI.  The first half of the observation gives rE's extremes and so the
 * mid level (min + max)/2; in the second half, upward crossings of that level are timed
 * by linear interpolation between steps, and the period is the mean interval between the
 * first and the last crossing (at least two crossings).  Memory is O(1) per trajectory.
 *
 * Classification at the end of a trajectory:
 *   fixed  it settled (at a test, or max |f| < tol at the end), or its observed rE and
 *          rI moved by no more than 1e-9 (1 + |max|);
 *   cycle  it is not fixed, rE crossed its mid level upwards at least twice in the second
 *          half, and the second half's rE amplitude is at least 0.99 times the first
 *          half's (a still decaying oscillation is no cycle; raw runs skip this test, as
 *          their first half holds the transient);
 *   other  anything else: a slow approach not finished in time, a decaying oscillation,
 *          or a state that left the bound |r| <= 1e6 (the method unstable at this dt:
 *          rE, rI then hold the values found, the extremes and means are NaN).
 *
 * With noise (sigma_E, sigma_I or mu_E, mu_I of a trajectory's parameters not 0, as
 * wc_sim) that trajectory never stops early: its inputs are I_E/I_I plus OU processes
 * stepped exactly as wc_sim does (OU of E, then of I, their new values added to the same
 * step's inputs), with the normals of wc_rng_normals at index gid (the low 32 bits) and
 * the step number: trajectory j with gid j is node j of a wc_sim run with the same seed,
 * bit for bit.  Its kind then describes the noisy signal (crossings of the mid level
 * make a "cycle"); the extremes, means and period are the useful figures. */
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
    double transient;     /* ms run before observing [1000].  Measured (exp-Euler, dt 0.1,
                           * tol 1e-9): wc72's cycles converge within 100 ms (periods to
                           * 1e-5, extremes to 1e-6); fixed points of the defaults and of
                           * wc72 over I_E = 0:5.5:0.05 from 6 starts settle within 300 ms;
                           * the slowest relaxation is near a fold: at the defaults' fold
                           * (I_E = 0.28335) 300 ms at 1e-3 from it, 765 ms at 1e-4, 1.9 s at
                           * 1e-5.  So a default run (2 s) settles to about 1e-5 from a fold.
                           * A trajectory stopped early does not depend on it. */
    double observe;       /* ms observed after the transient [1000], at least 2 steps */
    double tol;           /* settled on a fixed point when max |f| < tol (1/ms) [1e-9] */
    int early_stop;       /* stop a trajectory once settled on a fixed point [1]; with 0
                           * every trajectory runs the whole time (t_settle is still found) */
    int raw;              /* observe the whole run, the transient included (the reference's
                           * min/max over a run from rest) [0] */
    uint64_t seed;        /* noise seed [0] */
    int threads;          /* worker threads, 1..256 [1] */
    size_t block;         /* trajectories stepped together, rounded up to a multiple of
                           * WC_LANES, at most 65536; 0: the default, 256 or fewer so
                           * that each thread gets at least 4 blocks */
    void (*progress)(void *ctx, long long done, long long total);  /* trajectories done; from
                           * the calling thread, at most 10 times a second and once at
                           * the end; may be NULL */
    void *ctx;
} wc_settle_opts;

/** Fill o with the defaults in brackets above. */
void wc_settle_opts_init(wc_settle_opts *o);

enum wc_settle_kind { WC_SETTLE_FIXED, WC_SETTLE_CYCLE, WC_SETTLE_OTHER };

/** "fixed", "cycle" or "other" (NULL for another code). */
const char *wc_settle_kind_name(int kind);

typedef struct {
    int kind;             /* enum wc_settle_kind */
    double rE, rI;        /* the fixed point (polished), or the final state */
    double rE_min, rE_max, rE_mean, rI_min, rI_max, rI_mean;   /* over the observation; a
                           * fixed point: the point itself (raw: the run's, the rest of
                           * the run after an early stop taken at the point) */
    double period;        /* a cycle's mean period, ms (else 0) */
    double t_settle;      /* ms at which it was found settled on its fixed point (the start
                           * of the last stretch of passed tests; a multiple of 50 dt),
                           * else the run's end */
} wc_settle_result;

/** Run n trajectories: trajectory j has parameters p[pidx ? pidx[j] : j] (their rE0, rI0
 *  are not used), starts at (rE0[j], rI0[j]) and, with noise, draws with index
 *  gid ? gid[j] : j.  out[j] gets its result.  @return 0, or -1 with wc_errmsg() (bad
 *  options, a parameter out of range, a start not finite or beyond 1e6, out of memory). */
int wc_settle_run(const wc_settle_opts *o, size_t n, const wc_params *p, const size_t *pidx,
                  const double *rE0, const double *rI0, const uint64_t *gid, wc_settle_result *out);

/* ---- attractors ---- */

/** A distinct attractor among trajectories' results. */
typedef struct {
    int kind;             /* WC_SETTLE_FIXED, WC_SETTLE_CYCLE or WC_SETTLE_OTHER (all the
                           * results of kind other, as one entry) */
    double rE, rI;        /* fixed point; a cycle or other: the means rE_mean, rI_mean */
    double rE_min, rE_max, rE_mean, rI_min, rI_max, rI_mean;   /* a member's (other: the
                           * extremes over all members, the mean of their means) */
    double period;
    long count;           /* trajectories that reached it */
} wc_attractor;

/** The distinct attractors among results r[0..n-1], meant for the trajectories of one
 *  parameter set: fixed points closer than tol in rE and in rI are one; cycles whose
 *  periods agree to cycle_rtol relative and whose four extremes agree to cycle_rtol
 *  times their amplitude are one (phase-independent).  Each attractor takes the values
 *  of its member that sorts first (lowest rE, rI; a cycle: period, extremes), so the
 *  answer does not depend on the order of the results.  Sorted: fixed points by rE (then
 *  rI), then cycles by period, then other.  label (may be NULL) gets each result's
 *  attractor.  Suggested: tol 1e-6 (polished fixed points agree to about 1e-12),
 *  cycle_rtol 1e-3 (extremes sampled every dt).
 *  @return the number of attractors written to out (at most n), or -1 (out of memory). */
long wc_attractors(const wc_settle_result *r, size_t n, double tol, double cycle_rtol, wc_attractor *out,
                   int *label);

/** Regimes, by the attractors found (fixed points counted apart from cycles). */
enum wc_regime {
    WC_REGIME_FIXED,          /* 0 "fixed": one fixed point */
    WC_REGIME_BISTABLE,       /* 1 "bistable": two fixed points */
    WC_REGIME_TRISTABLE,      /* 2 "tristable": three or more fixed points */
    WC_REGIME_CYCLE,          /* 3 "cycle": one cycle */
    WC_REGIME_CYCLE_FIXED,    /* 4 "cycle+fixed": one cycle and one fixed point */
    WC_REGIME_CYCLE_BISTABLE, /* 5 "cycle+bistable": one cycle and two or more fixed points */
    WC_REGIME_CYCLES,         /* 6 "cycles": two or more cycles (and any fixed points) */
    WC_REGIME_OTHER,          /* 7 "other": some trajectory did not settle, or none given */
    WC_NREGIME
};

/** The regime of attractors a[0..n-1] (as wc_attractors gives them), as a code of
 *  enum wc_regime, for a regime map drawn "with image". */
int wc_regime(const wc_attractor *a, size_t n);
/** The word for a regime code, or NULL for a code out of range. */
const char *wc_regime_name(int code);

#ifdef __cplusplus
}
#endif
#endif
