/* wc_sim.h — the simulation engine: Wilson–Cowan nodes, independent or coupled through a
 * network with delays (wc_net.h), with stimuli and OU noise, stepped in blocks
 * (optionally on several threads) and handed out as rows.
 *
 * A step n goes from t_n to t_{n+1} (wc-model(7), INTEGRATORS): stimuli are evaluated at t_n, then
 * the OU noise of E and of I is advanced and its new value added to the inputs, then
 * every node is stepped.  Row k holds the state after k steps, labelled t_k; row 0 is
 * the initial state.  The inputs of node i are summed in one fixed order
 * (I_E + stimuli in the order given + noise), and each node's random numbers come from
 * its own Philox counter, so the rows do not depend on the number of threads.
 *
 * A run that blows up stops: when a state becomes NaN or infinite, or |rE| or |rI| exceeds
 * WC_SIM_BOUND (wc-model(7): the activities of the model stay near [0, 1]), wc_sim_run emits
 * the rows before that state, none after, and returns -1 with a message naming the step,
 * its time, the variable and (for more than one node) the node.  The states are checked
 * after every block of steps; a block that ends out of bounds is stepped again from its
 * start, one step at a time, to find the first state out of bounds. */
#ifndef WC_SIM_H
#define WC_SIM_H

#include <stddef.h>
#include <stdint.h>
#include "wc_hdr.h"
#include "wc_net.h"
#include "wc_params.h"
#include "wc_stim.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The bound on |rE| and |rI| beyond which a run is taken to have blown up. */
#define WC_SIM_BOUND WC_PARAMS_STATE_BOUND
#define WC_SIM_BOUND_TEXT WC_PARAMS_STATE_BOUND_TEXT

/** Where a run stopped on a state out of bounds. */
typedef struct {
    long long step;          /* the state after this many steps (row k = step), or -1: none */
    double t;                /* its time t_k, ms */
    size_t node;             /* the node (0 for a single node) */
    int pop;                 /* WC_POP_E or WC_POP_I */
    double value;            /* the value found: NaN, +-inf or beyond +-WC_SIM_BOUND */
} wc_sim_fault;

typedef struct {
    size_t n;                /* number of nodes */
    const wc_params *p;      /* n per-node parameter sets (rE0/rI0 give the start) */
    int method;              /* enum wc_method */
    double dt;               /* step, ms */
    long long nsteps;        /* steps to take */
    long long every;         /* record states k with k % every == 0 ... */
    long long first;         /* ... and k >= first */
    uint64_t seed;           /* noise seed */
    wc_stim **stims;         /* stimuli, added in this order */
    size_t nstim;
    int rec_E, rec_I;        /* which populations go into rows */
    int threads;             /* worker threads (>= 1) */
    /* Network (wc-model(7), NETWORKS), or NULL for independent nodes: the coupling is added to the
     * E input after stimuli and noise.  history: wc_net_history_len(net) x n values of
     * pseudo-history, oldest first (wc_net_history_values). */
    const wc_net *net;
    const double *history;
    /* Receives recorded rows, nrows x ncols doubles with ncols = wc_sim_ncols();
     * columns: t, then rE of nodes 0..n-1 (if rec_E), then rI of nodes 0..n-1 (if rec_I).
     * Return 0, or -1 to stop the run with an error. */
    int (*emit)(void *ctx, const double *rows, size_t nrows);
    /* Called after each block with the steps done (may be NULL). */
    void (*progress)(void *ctx, long long done, long long total);
    void *ctx;
    /* If not NULL: step = -1 on return, unless the run stopped on a state out of bounds. */
    wc_sim_fault *fault;
} wc_sim_cfg;

/** Columns per row. */
size_t wc_sim_ncols(const wc_sim_cfg *c);
/** Name the columns of the rows in h (replacing its column names): t, then rE and rI
 *  for one node, rE0 .. rE{n-1} and rI0 .. rI{n-1} for several, as recorded.  With
 *  labels (c->n region names, or NULL) and one population recorded, the node columns
 *  take the labels instead, when each can name a column (not empty, not "t", no blanks
 *  or commas) and no two are the same; why they could not is logged (WC_LOG_INFO).
 *  @return 1 when the labels name the columns, 0 when not, -1 when out of memory. */
int wc_sim_columns(const wc_sim_cfg *c, wc_hdr *h, const char *const *labels);
/** Rows the run will emit. */
long long wc_sim_nrows(const wc_sim_cfg *c);
/** Run the simulation.  @return 0, or -1 with wc_errmsg() set. */
int wc_sim_run(const wc_sim_cfg *c);

#ifdef __cplusplus
}
#endif
#endif
