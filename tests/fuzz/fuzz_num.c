/* fuzz_num.c — numbers (lib/wc_num.c): the input as text through the strict parsers
 * (a parsed value must also be what strtod/strtoll read), and its first 8 bytes as a
 * double through the formatter, which must equal its simple definition (the first of
 * "%.15g", "%.16g", "%.17g" that reads back exactly; "%.<p>g" for a precision p) and
 * read back to the same double. */
#include "fuzz.h"
#include "wckit/wc_num.h"

#include <math.h>

/* The definition wc_num_fmt(x, 0) must match byte for byte (as tests/unit/test_num.c). */
static void ref_fmt(char *buf, double x)
{
    if (isnan(x)) {
        strcpy(buf, "nan");
        return;
    }
    if (isinf(x)) {
        strcpy(buf, x < 0 ? "-inf" : "inf");
        return;
    }
    for (int p = 15; p <= 17; p++) {
        snprintf(buf, WC_NUM_BUFSZ, "%.*g", p, x);
        if (strtod(buf, NULL) == x || p == 17) return;
    }
}

static void formats(double x)
{
    char got[WC_NUM_BUFSZ + 8], want[WC_NUM_BUFSZ + 8];
    size_t n = wc_num_fmt(got, x, 0);
    ref_fmt(want, x);
    FZ_CHECK(n == strlen(got) && n < WC_NUM_BUFSZ, "length %zu of '%s'", n, got);
    FZ_CHECK(!strcmp(got, want), "%a: '%s', the definition gives '%s'", x, got, want);
    if (isfinite(x)) {
        double back;
        FZ_CHECK(wc_num_parse_double(got, &back) == 0 && (back == x || (x == 0 && back == 0)) &&
                 signbit(back) == signbit(x), "'%s' does not read back as %a", got, x);
    }
    for (int p = 1; p <= 18; p += 4) {
        n = wc_num_fmt(got, x, p);
        if (isfinite(x)) snprintf(want, sizeof want, "%.*g", p > 17 ? 17 : p, x);
        else ref_fmt(want, x);
        FZ_CHECK(n == strlen(got) && !strcmp(got, want), "%a at %d: '%s', want '%s'", x, p, got, want);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fz_str(data, size);
    double d, f;
    long long i;
    fz_clear();
    if (wc_num_parse_double(s, &d) == 0) {
        char *end;
        double v = strtod(s, &end);
        FZ_CHECK(*end == '\0' && (v == d || (isnan(v) && isnan(d))), "'%s' parsed as %a, strtod says %a", s, d, v);
        FZ_CHECK(!isinf(d) || strpbrk(s, "iI"), "'%s' overflowed to %g", s, d);
        formats(d);
    } else {
        fz_failed("wc_num_parse_double");
    }
    fz_clear();
    if (wc_num_parse_finite(s, &f) == 0) FZ_CHECK(isfinite(f) && f == d, "'%s' finite as %a", s, f);
    else fz_failed("wc_num_parse_finite");
    fz_clear();
    if (wc_num_parse_int(s, &i) == 0) {
        size_t n = strlen(s);
        char last = n ? s[n - 1] : 0;
        long long mult = last == 'k' ? 1000 : last == 'M' ? 1000000 : last == 'G' ? 1000000000 : 1;
        FZ_CHECK(strtoll(s, NULL, 10) * mult == i, "'%s' read as %lld", s, i);
    } else {
        fz_failed("wc_num_parse_int");
    }
    free(s);
    if (size >= 8) {
        double x;
        memcpy(&x, data, 8);
        formats(x);
    }
    return 0;
}
