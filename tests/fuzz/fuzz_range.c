/* fuzz_range.c — the range grammar (lib/wc_range.c: A:B, A:B:STEP, A:B/N, X) under each
 * set of accepted forms.  An accepted set of points has 1 to 2^31-1 of them, finite
 * ends and steps, and its first and last points finite and within [A, B] (either way
 * round); an interval has A < B, both finite. */
#include "fuzz.h"
#include "wckit/wc_range.h"

#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fz_str(data, size);
    static const int accept[] = {WC_RANGE_ACCEPT_SPAN, WC_RANGE_ACCEPT_POINTS,
                                 WC_RANGE_ACCEPT_SPAN | WC_RANGE_ACCEPT_POINTS};
    for (int k = 0; k < 3; k++) {
        wc_range r;
        fz_clear();
        if (wc_range_parse(s, accept[k], &r) < 0) {
            fz_failed("wc_range_parse");
            continue;
        }
        FZ_CHECK(isfinite(r.lo) && isfinite(r.hi) && isfinite(r.step), "'%s': %g %g %g", s, r.lo, r.hi, r.step);
        if (r.kind == WC_RANGE_SPAN) {
            FZ_CHECK(accept[k] & WC_RANGE_ACCEPT_SPAN, "'%s': a span where none is accepted", s);
            FZ_CHECK(r.lo < r.hi && r.n == 0, "'%s': span %g %g n %lld", s, r.lo, r.hi, r.n);
            continue;
        }
        FZ_CHECK(accept[k] & WC_RANGE_ACCEPT_POINTS, "'%s': points where none are accepted", s);
        FZ_CHECK(r.n >= 1 && r.n <= WC_RANGE_MAX_POINTS, "'%s': %lld points", s, r.n);
        double lo = fmin(r.lo, r.hi), hi = fmax(r.lo, r.hi);
        long long at[] = {0, r.n / 2, r.n - 1};
        for (int j = 0; j < 3; j++) {
            double v = wc_range_value(&r, at[j]);
            FZ_CHECK(isfinite(v), "'%s': point %lld is %g", s, at[j], v);
            /* arange stops before B; a rounding ulp either way is fine */
            FZ_CHECK(v >= lo - 1e-9 * fabs(lo) - 1e-300 && v <= hi + 1e-9 * fabs(hi) + 1e-300,
                     "'%s': point %lld is %.17g, outside [%.17g, %.17g]", s, at[j], v, lo, hi);
        }
    }
    free(s);
    return 0;
}
