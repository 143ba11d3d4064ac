/* wc_net.h — delay-coupled networks of Wilson–Cowan nodes (wc-model(7), NETWORKS).
 *
 * A network is a list of taps per target node: (source j, lag in steps, weight).  With
 * ceil or round delays an edge is one tap; with linear interpolation it is two, the
 * weights (1 - f) C_ij and f C_ij at lags s0 and s0 + 1.  Zero weights make no tap.
 *
 * The history of every source node is kept time-contiguous in a ring of R slots stored
 * twice (slot k and k + R hold the same value, plus the start of a third copy), so a
 * window starting anywhere in the ring is one contiguous array.  A tap of lag s reads,
 * for the next s + 1 steps, only values already in the history: so the coupling of a
 * block of B steps is computed at once, as B-long contiguous multiply-adds per tap
 * (wc_net_couple), and the nodes are then stepped B times.  Taps shorter than the block go
 * in classes summed every B/2 or B/4 steps, the shortest step by step.  The block and
 * the classes, and so the order of every sum, depend on the network only: results do
 * not depend on the run's length, its blocks or the thread count. */
#ifndef WC_NET_H
#define WC_NET_H

#include <stddef.h>
#include <stdint.h>
#include "wc_matrix.h"

#ifdef __cplusplus
extern "C" {
#endif

enum wc_net_coupling { WC_DIFFUSIVE, WC_ADDITIVE };
enum wc_net_delay { WC_DELAY_CEIL, WC_DELAY_ROUND, WC_DELAY_LINEAR };
enum wc_net_history { WC_HIST_UNIFORM, WC_HIST_CONST, WC_HIST_FILE };

/* Longest coupling block, in steps; blocks are at least WC_NET_BLOCK_MIN steps. */
#define WC_NET_BLOCK_MAX 64
#define WC_NET_BLOCK_MIN 32
/* Vector classes of taps (see wc_net_build). */
#define WC_NET_CLASSES 3

typedef struct {
    size_t n;            /* nodes */
    size_t ntap;         /* taps (= nonzero edges, twice that for interpolated ones) */
    size_t *first;       /* n + 1: taps of target i are first[i] .. first[i+1]-1 */
    uint32_t *src;       /* ntap source nodes, ascending within a target */
    uint32_t *lag;       /* ntap lags in steps */
    double *w;           /* ntap weights */
    double *rowsum;      /* n: sum_j C_ij (diffusive coupling subtracts rowsum_i rE_i) */
    double k;            /* global coupling */
    int coupling;        /* enum wc_net_coupling */
    int delay;           /* enum wc_net_delay */
    uint32_t lag_min, lag_max;   /* over taps; 0, 0 without taps */
    size_t nedge;        /* nonzero off-diagonal (or kept diagonal) weights */
    double tau_max;      /* longest delay, ms */
    /* The coupling block and the tap classes.  A tap of lag s reads, for the next s + 1
     * steps, only history written before them.  Class c < nclass holds the taps with
     * s + 1 >= block >> c, whose sums for block >> c steps are computed at once; class
     * WC_NET_CLASSES the shorter taps, summed step by step.  A target's taps are ordered
     * by class, in source order within one: class c of target i is taps
     * cls[i][c] .. cls[i][c+1]-1 (cls[i][WC_NET_CLASSES + 1] = first[i+1]). */
    size_t block;        /* lag_min + 1 in whole vectors, within [BLOCK_MIN, BLOCK_MAX] */
    int nclass;          /* vector classes that hold taps (>= 1) */
    int stepwise;        /* some taps are summed step by step */
    size_t *cls;         /* n x (WC_NET_CLASSES + 2) */
} wc_net;

/** Length in steps of tap class c. */
static inline size_t wc_net_class_len(const wc_net *net, int c) { return net->block >> c; }
/** Where target i's classes start (WC_NET_CLASSES + 2 entries). */
static inline const size_t *wc_net_classes(const wc_net *net, size_t i)
{
    return net->cls + i * (WC_NET_CLASSES + 2);
}

typedef struct {
    double k, speed, dt;     /* global coupling, m/s (= mm/ms), step ms */
    int coupling, delay;     /* enum wc_net_coupling, enum wc_net_delay */
    int keep_self;           /* keep the diagonal of C (zeroed by default, as brainmass) */
} wc_net_opts;

/** Parse "diffusive"/"additive" and "ceil"/"round"/"linear"; -1 if unknown. */
int wc_net_coupling_parse(const char *s);
int wc_net_delay_parse(const char *s);
const char *wc_net_coupling_name(int c);
const char *wc_net_delay_name(int d);

/** Lengths D fit weights C: the same size, none negative (wc_net_build checks it too; a
 *  caller that loads them can say which file is wrong).  @return 0, or -1 with
 *  wc_errmsg() set. */
int wc_net_check_lengths(const wc_matrix *C, const wc_matrix *D);
/** Build the taps from weights C and lengths D (mm; NULL: no delays), its block and tap
 *  classes.  Checks that the
 *  sizes match, lengths are non-negative, the speed positive and the delays fit in
 *  2^31 steps.  @return 0, or -1 with wc_errmsg() set. */
int wc_net_build(wc_net *net, const wc_matrix *C, const wc_matrix *D, const wc_net_opts *o);
void wc_net_free(wc_net *net);

/** out[b] = sum over taps t < ntap of w[t] * h[off[t] + b], for b < len rounded up to a
 *  multiple of WC_LANES (out holds that many); taps summed in order.  Vector code. */
void wc_net_couple(const double *h, const size_t *off, const double *w, size_t ntap, size_t len, double *out);

/** Steps of pseudo-history the network reads before the run: lag_max + 1 slots. */
size_t wc_net_history_len(const wc_net *net);

/** Pseudo-history: how the slots before the run are filled (wc-model(7), NETWORKS, History). */
typedef struct {
    int kind;                /* enum wc_net_history */
    double lo, hi;           /* uniform:LO:HI (default 0, 0.05) */
    double value;            /* const:X */
    const char *path;        /* FILE */
} wc_net_history_spec;

/** Parse "uniform:LO:HI", "uniform", "const:X" or a file name.  @return 0 or -1. */
int wc_net_history_parse(wc_net_history_spec *h, const char *s);
/** The spec as text, for the header. */
void wc_net_history_text(const wc_net_history_spec *h, char *buf, size_t size);

/** Pseudo-history values, len x n, row m = slot m of the ring (oldest first; the last
 *  row is the value read with zero lag at step 0).  uniform: i.i.d. draws from the
 *  Philox stream WC_STREAM_HISTORY with counter (slot, node); const: the value; FILE: the
 *  last len rows of a table whose columns are rE0..rE{n-1} (or exactly n columns, after
 *  an optional t).  @return a malloc'd array, or NULL with wc_errmsg() set. */
double *wc_net_history_values(const wc_net_history_spec *h, size_t n, size_t len, uint64_t seed);

#ifdef __cplusplus
}
#endif
#endif
