/* wc_num.h — strict number parsing and shortest round-trip number formatting. */
#ifndef WC_NUM_H
#define WC_NUM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest text wc_num_fmt() writes, including the terminating NUL. */
#define WC_NUM_BUFSZ 32

/** Parse a whole string as a double (strtod rules: "1e-3", "nan", "inf" accepted).
 *  Leading/trailing blanks, empty text, trailing junk and overflow are errors.
 *  @return 0 on success, -1 on error (wc_errmsg says why). */
int wc_num_parse_double(const char *s, double *out);

/** As wc_num_parse_double, but NaN and infinities are errors too. */
int wc_num_parse_finite(const char *s, double *out);

/** Parse a whole string as a signed integer; a suffix k, M or G multiplies by 1e3,
 *  1e6, 1e9 ("1M" = 1000000).  @return 0 on success, -1 on error or overflow. */
int wc_num_parse_int(const char *s, long long *out);

/** Write x into buf (WC_NUM_BUFSZ bytes) as "%.<prec>g" for prec 1..17 (larger is
 *  17), or, for prec <= 0, in the shortest "%.Ng" form (N = 15, 16 or 17) that strtod
 *  reads back exactly; NaN and infinities as "nan", "inf", "-inf".
 *  @return the length written. */
size_t wc_num_fmt(char *buf, double x, int prec);

#ifdef __cplusplus
}
#endif
#endif
