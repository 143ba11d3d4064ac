/* wc_range.h — the one range grammar of wckit's tools.
 *
 *   A:B        an interval (a window or a continuation range), A < B
 *   A:B:STEP   the points A, A+STEP, ... below B, as numpy.arange(A, B, STEP): B is
 *              excluded, and the count is computed robustly, so 0:5.5:0.05 is exactly
 *              110 points (not 111, as (5.5 - 0)/0.05 rounds to 110.00000000000001)
 *   A:B/N      N points from A to B, both ends included, as numpy.linspace(A, B, N)
 *   X          a single number, one point (where points are asked for)
 *
 * STEP may be negative (then A > B).  Point i is A + i*STEP, or A + i*(B-A)/(N-1) with
 * the last point exactly B, as numpy computes them. */
#ifndef WC_RANGE_H
#define WC_RANGE_H

#ifdef __cplusplus
extern "C" {
#endif

enum wc_range_kind { WC_RANGE_SPAN, WC_RANGE_ARANGE, WC_RANGE_LINSPACE, WC_RANGE_ONE };

/** What a caller accepts (flags of wc_range_parse). */
enum { WC_RANGE_ACCEPT_SPAN = 1, WC_RANGE_ACCEPT_POINTS = 2 };

/** Most points a range may have (2^31 - 1). */
#define WC_RANGE_MAX_POINTS 2147483647LL

typedef struct {
    int kind;
    double lo, hi;     /* A and B (for WC_RANGE_ONE both are X) */
    double step;       /* WC_RANGE_ARANGE: STEP; WC_RANGE_LINSPACE: (B-A)/(N-1) or 0 */
    long long n;       /* points (0 for an interval) */
} wc_range;

/** Parse text into r.  accept: WC_RANGE_ACCEPT_SPAN for an interval A:B (A < B), and/or
 *  WC_RANGE_ACCEPT_POINTS for a set of points (A:B:STEP, A:B/N, X).  Every number must
 *  be finite; a STEP of 0 or of the wrong sign, N < 1, an empty arange and more than
 *  WC_RANGE_MAX_POINTS points are errors.
 *  @return 0, or -1 with wc_errmsg() saying what is wrong and what is expected. */
int wc_range_parse(const char *text, int accept, wc_range *r);

/** Point i (0 <= i < r->n) of a set of points. */
double wc_range_value(const wc_range *r, long long i);

#ifdef __cplusplus
}
#endif
#endif
