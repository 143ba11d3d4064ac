/* wc_explore.h — one point of a network parameter exploration (wc-explore(1)): simulate a
 * delay-coupled network (wc_sim.h, wc_net.h), optionally turn its activity into BOLD
 * (wc_bold.h), accumulate the functional connectivity and the FCD windows online
 * (wc_fc.h, wc_fcd.h), and score them against empirical data and the structure.
 *
 * The run is what "wc-run --conn ... | [wc-bold |] wc-fc --compare ... --sc ... --summary"
 * computes, in one process and without the stream in between:
 *   - without BOLD, the rE of every node at every recorded step (steps k >= transient/dt
 *     with k % every == 0, as wc-run --skip --every) goes into the FC accumulator and
 *     the FCD windows;
 *   - with BOLD, every step from t = 0 (the initial state included, as wc-bold reads
 *     wc-run's rows) drives the Balloon–Windkessel model with z = bold_scale * rE, and
 *     the signal is sampled every TR: sample m (time m TR) is the state after the step
 *     that ends nearest to m TR, and samples before the transient are dropped.
 * Memory is O(n^2 + window n + windows (n^2 + windows)) whatever the duration: no
 * activity is kept beyond the current block of steps (and the FCD's window ring). */
#ifndef WC_EXPLORE_H
#define WC_EXPLORE_H

#include <stddef.h>
#include <stdint.h>
#include "wc_matrix.h"
#include "wc_net.h"
#include "wc_params.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    /* the network */
    const wc_matrix *C;          /* weights, to i from j (n x n) */
    const wc_matrix *D;          /* fibre lengths in mm, or NULL: no delays */
    wc_net_opts net;             /* k, speed, coupling, delay, keep_self (net.dt is set from dt) */
    wc_net_history_spec history; /* pseudo-history before t = 0 */
    wc_params p;                 /* every node's parameters (sigma_E, sigma_I: the OU noise) */
    int method;                  /* enum wc_method */
    double dt, T, transient;     /* step, duration, transient (ms) */
    long long every;             /* without BOLD: use every K-th step [1] */
    uint64_t seed;               /* noise and history seed */
    /* BOLD */
    int bold;                    /* through the Balloon–Windkessel model */
    double tr;                   /* its sampling interval, seconds */
    double bold_scale;           /* its input is bold_scale * rE [1] */
    /* FCD: windows of window samples every step samples (window 0: none) */
    size_t window, step;
    /* what to score against (each may be NULL) */
    const double *fc_emp;        /* empirical FC, n x n */
    const double *fcd_emp;       /* empirical FCD matrix, fcd_emp_k x fcd_emp_k */
    size_t fcd_emp_k;
} wc_explore_cfg;

/** What happened to a point. */
enum wc_explore_status {
    WC_EXPLORE_OK = 0,
    WC_EXPLORE_BLOWUP,           /* the simulation left its bounds */
    WC_EXPLORE_BOLD_DOMAIN,      /* the hemodynamic state left its domain (input too large) */
    WC_EXPLORE_FEW_SAMPLES,      /* fewer than 2 samples (or windows) after the transient */
    WC_EXPLORE_CONSTANT          /* every channel constant: no correlation */
};

typedef struct {
    int status;                  /* enum wc_explore_status; the scores are NaN unless OK */
    long long samples;           /* samples in the FC */
    size_t windows;              /* FCD windows */
    double fc_mean;              /* mean of the FC's strict upper triangle */
    double fc_corr;              /* correlation of the upper triangles of FC and fc_emp */
    double sc_corr;              /* ... of FC and C */
    double fcd_mean;             /* mean of the FCD matrix's upper triangle */
    double fcd_ks;               /* KS distance of the FCD values and fcd_emp's */
    double *fc;                  /* if not NULL (n x n, the caller's): the FC */
} wc_explore_result;

/** Defaults: the model's parameters, k = 1, v = 2 m/s, diffusive, ceil delays, uniform
 *  history, expeuler, dt 0.1 ms, T 1000 ms, no transient, every 1, seed 0, no BOLD,
 *  TR 0.72 s, scale 1, no FCD, nothing to score against. */
void wc_explore_cfg_init(wc_explore_cfg *c);

/** Check c before any work: C square with n >= 3, D (if any) its size, dt > 0, T >
 *  transient >= 0, TR not shorter than dt, window >= 2 and step >= 1 (or window 0),
 *  fcd_emp_k >= 2 when fcd_emp is given, and the network buildable (speed, lengths,
 *  delays).  @return 0, or -1 with wc_errmsg() saying what is wrong. */
int wc_explore_check(const wc_explore_cfg *c);

/** The seed of grid point index under the sweep's seed: a 64-bit mix (splitmix64) of
 *  both, cut to 53 bits so that it is exact as a double and "wc-run -s" takes it. */
uint64_t wc_explore_seed(uint64_t seed, long long index);

/** What a point can vary besides the model's parameters (whose ids are enum
 *  wc_params_id): the global coupling, the conduction speed, and sigma, the OU noise on
 *  E and I both. */
enum { WC_EXPLORE_VAR_K = 1000, WC_EXPLORE_VAR_SPEED, WC_EXPLORE_VAR_SIGMA };
/** The variable called name: k, speed, sigma, or a model parameter read in convention
 *  conv.  @return its id, or -1 with wc_errmsg() set. */
int wc_explore_var(const char *name, int conv);
/** Its name (a model parameter's in our convention). */
const char *wc_explore_var_name(int var);
/** Set variable var of c to v (sigma: sigma_E and sigma_I). */
void wc_explore_set(wc_explore_cfg *c, int var, double v);

/** The fit objective of a point's scores: w[0] (1 - fc_corr) + w[1] fcd_ks +
 *  w[2] (1 - sc_corr), terms of weight 0 left out (even when NaN); NaN when the point
 *  failed (status not OK) or a weighted term is NaN. */
double wc_explore_objective(const wc_explore_result *r, const double w[3]);

/** Run one point on the calling thread.  @return 0 with r filled (r->status says
 *  whether the scores mean anything; a point that blew up is no error of the sweep),
 *  or -1 with wc_errmsg() set (out of memory, a bad configuration). */
int wc_explore_point(const wc_explore_cfg *c, wc_explore_result *r);

#ifdef __cplusplus
}
#endif
#endif
