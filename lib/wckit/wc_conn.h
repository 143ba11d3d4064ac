/* wc_conn.h — connectome arithmetic for wc-conn(1): summary statistics, delays,
 * normalisation, thresholding and synthetic connectomes (wc-model(7), NETWORKS).
 *
 * Conventions as the simulator's: C[i][j] is the weight to node i from node j, the
 * diagonal is ignored by the model, an edge is a nonzero off-diagonal weight, D holds
 * lengths in mm, a speed in m/s is mm/ms, and a delay of tau ms is ceil(tau / dt) steps.
 * Everything here is pure computation on wc_matrix values: no I/O. */
#ifndef WC_CONN_H
#define WC_CONN_H

#include <stddef.h>
#include <stdint.h>
#include "wc_matrix.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Summary of a weight matrix. */
typedef struct {
    size_t n;
    size_t edges;          /* nonzero off-diagonal entries (each direction counts) */
    double density;        /* edges / (n (n - 1)); NaN for n = 1 */
    double w_min, w_max, w_mean;   /* over the edges; NaN without edges */
    size_t negative;       /* edges with a negative weight */
    double rowsum_min, rowsum_max; /* sum_j C[i][j] over j != i */
    double asym_max;       /* max |C[i][j] - C[j][i]| */
    size_t diag_nonzero;   /* nonzero diagonal entries (the model ignores them) */
} wc_conn_stats;

void wc_conn_stats_compute(const wc_matrix *c, wc_conn_stats *s);

/** Lengths and delays over the edges of C (pairs that couple). */
typedef struct {
    size_t edges;
    double len_min, len_max, len_mean;   /* mm; NaN without edges */
    double delay_min, delay_max;         /* ms */
    double steps_min, steps_max;         /* ceil(delay / dt) */
} wc_conn_delays;

/** Delays of the edges of c with lengths d at speed (m/s) and step dt (ms).
 *  @return 0, or -1 (sizes differ, a negative or non-finite length on an edge). */
int wc_conn_delays_compute(const wc_matrix *c, const wc_matrix *d, double speed, double dt,
                           wc_conn_delays *s);

enum wc_conn_norm { WC_NORM_NONE, WC_NORM_MAX, WC_NORM_ROWSUM };

/** "none", "max", "rowsum" -> enum wc_conn_norm; -1 if unknown. */
int wc_conn_norm_parse(const char *s);

/** Normalise c in place: max divides everything by the largest |C[i][j]|; rowsum
 *  divides each row by its sum (diagonal included), leaving rows that sum to 0 as
 *  they are and counting them in *zero_rows (may be NULL).
 *  @return 0, or -1 when max finds only zeros. */
int wc_conn_norm(wc_matrix *c, int by, size_t *zero_rows);

/** The cut that keeps the strongest fraction f (0..1) of the edges of c: the
 *  ceil(f E)-th largest |weight| among its E edges (+inf when that is none). */
double wc_conn_keep_cut(const wc_matrix *c, double f);

/** Set off-diagonal entries with |w| < cut to 0 (equal ones stay, so a symmetric
 *  matrix stays symmetric); the diagonal is left alone.  @return the edges kept. */
size_t wc_conn_threshold(wc_matrix *c, double cut);

/** Parameters of a synthetic connectome. */
typedef struct {
    size_t n;            /* nodes */
    uint64_t seed;
    double lambda;       /* length scale of the exponential distance rule, mm [10] */
    double density;      /* fraction of the edges kept, the strongest [1] */
    double axes[3];      /* ellipsoid diameters left-right, front-back, up-down, mm [140 170 120] */
    double sep;          /* minimum node distance as a multiple of (V/n)^(1/3) [0.3] */
} wc_conn_gen_opts;

void wc_conn_gen_opts_init(wc_conn_gen_opts *o);

/** Random node positions in the ellipsoid (Philox, stream WC_CONN_STREAM; no two
 *  closer than sep (V/n)^(1/3)), Euclidean lengths in d, weights in c by the exponential
 *  distance rule w = exp(-(d - d_min) / lambda) (the largest weight is 1), the strongest
 *  fraction kept (wc_conn_keep_cut), zero diagonal.  Only IEEE-754 arithmetic and
 *  sqrt, so the same options give the same bits on every machine.  pos, if not NULL,
 *  gets 3 n coordinates (mm, centre 0).  @return 0, or -1 with wc_errmsg() set. */
int wc_conn_gen(const wc_conn_gen_opts *o, wc_matrix *c, wc_matrix *d, double *pos);

/** Random stream of wc_conn_gen (apart from the simulator's streams). */
#define WC_CONN_STREAM 0x636f6e6eu

/** exp(x) from + - * / only (no libm), within 2 ulp, and so the same bits everywhere. */
double wc_conn_exp(double x);

#ifdef __cplusplus
}
#endif
#endif
