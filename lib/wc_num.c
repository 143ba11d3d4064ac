/* wc_num.c — strict number parsing and shortest round-trip formatting (see wc_num.h).
 *
 * wc_num_fmt sits on the hot path of every TSV writer.  Its result is defined as the
 * first of "%.15g", "%.16g", "%.17g" that strtod reads back exactly, but computing it
 * that way costs three snprintf and up to three strtod calls per number.  Instead:
 *  - for 1e-6 <= |x| < 1e15 (what simulations produce) the 15-, 16- and 17-digit
 *    roundings come from exact 128-bit integer arithmetic, ties to even as printf does;
 *  - elsewhere snprintf prints 17 digits once and shorter ones are rounded from that
 *    text, unless the dropped tail is an ambiguous "50..";
 *  - each candidate is checked with one exact multiplication or division (Clinger's
 *    fast path) when that is exact, else with strtod.
 * The text is byte-identical to the simple definition; tests/unit/test_num.c compares
 * the two on many random doubles. */
#include "wckit/wc_num.h"
#include "wckit/wc_err.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Quote at most this much of a bad input in error messages. */
#define QUOTE_MAX 200

/* ---- parsing ---- */

static int bad_text(const char *s)
{
    return s[0] == '\0' || isspace((unsigned char)s[0]);
}

int wc_num_parse_double(const char *s, double *out)
{
    char *end;
    if (bad_text(s))
        return wc_seterr("not a number: '%.*s'", QUOTE_MAX, s);
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0')
        return wc_seterr("not a number: '%.*s'", QUOTE_MAX, s);
    /* ERANGE also flags underflow to a subnormal or zero, which is fine. */
    if (errno == ERANGE && fabs(v) > 1.0)
        return wc_seterr("number out of range: '%.*s'", QUOTE_MAX, s);
    *out = v;
    return 0;
}

int wc_num_parse_finite(const char *s, double *out)
{
    double v = 0;
    if (wc_num_parse_double(s, &v) < 0)
        return -1;
    if (!isfinite(v))
        return wc_seterr("not a finite number: '%.*s'", QUOTE_MAX, s);
    *out = v;
    return 0;
}

static long long suffix_mult(char c)
{
    switch (c) {
    case 'k': return 1000LL;
    case 'M': return 1000000LL;
    case 'G': return 1000000000LL;
    default: return 0;
    }
}

int wc_num_parse_int(const char *s, long long *out)
{
    char *end;
    if (bad_text(s))
        return wc_seterr("not an integer: '%.*s'", QUOTE_MAX, s);
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (end == s)
        return wc_seterr("not an integer: '%.*s'", QUOTE_MAX, s);
    if (errno == ERANGE)
        return wc_seterr("integer out of range: '%.*s'", QUOTE_MAX, s);
    if (*end != '\0') {
        long long m = suffix_mult(*end);
        if (m == 0 || end[1] != '\0')
            return wc_seterr("not an integer: '%.*s'", QUOTE_MAX, s);
        if (v > LLONG_MAX / m || v < LLONG_MIN / m)
            return wc_seterr("integer out of range: '%.*s'", QUOTE_MAX, s);
        v *= m;
    }
    *out = v;
    return 0;
}

/* ---- formatting ---- */

/* Exactly representable powers of ten, for the exact round-trip check. */
static const double pow10_exact[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

__extension__ typedef unsigned __int128 u128;

static const uint64_t pow10_u64[20] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
    100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
    10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
    100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL
};

static const char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* Write the decimal digits of v ending just before end, two at a time (this is most
 * of the cost of formatting); return the start. */
static char *utoa_rev(char *end, uint64_t v)
{
    while (v >= 100) {
        end -= 2;
        memcpy(end, digit_pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        end -= 2;
        memcpy(end, digit_pairs + 2 * v, 2);
    } else {
        *--end = (char)('0' + v);
    }
    return end;
}

static size_t fmt_special(char *buf, double x)
{
    const char *s = isnan(x) ? "nan" : isinf(x) ? (x < 0 ? "-inf" : "inf")
                  : (signbit(x) ? "-0" : "0");
    size_t n = strlen(s);
    memcpy(buf, s, n + 1);
    return n;
}

/* Integers below 10^15 print as their digits under "%.15g" too, so this is exact. */
static size_t fmt_integer(char *buf, double x)
{
    char tmp[24], *end = tmp + sizeof tmp;
    char *p = utoa_rev(end, (uint64_t)fabs(x));
    size_t n = 0;
    if (x < 0)
        buf[n++] = '-';
    memcpy(buf + n, p, (size_t)(end - p));
    n += (size_t)(end - p);
    buf[n] = '\0';
    return n;
}

/* A decimal candidate: the nd-digit integer q times 10^(e - nd + 1), so that e is the
 * exponent "%e" would print.  Kept as an integer; only the winner becomes text. */
typedef struct {
    uint64_t q;
    int nd, e;
} decimal;

/* m * 10^k for 0 <= k <= 22 and m < 2^53: below 2^127, so exact. */
static u128 mul_pow10(uint64_t m, int k)
{
    u128 n = (u128)m * pow10_u64[k > 19 ? 19 : k];
    return k > 19 ? n * pow10_u64[k - 19] : n;
}

/* Write x = m * 2^-s and its decimal exponent e (10^e <= x < 10^(e+1)) when the exact
 * path applies: x normal, 1e-6 <= x < 1e15.  @return 1 if it does. */
static int exact_setup(double ax, uint64_t *m, int *s, int *e)
{
    if (ax < 1e-6 || ax >= 1e15)
        return 0;
    uint64_t u;
    memcpy(&u, &ax, sizeof u);
    int b = (int)(u >> 52) - 1022;      /* ax = m * 2^(b - 53), m has 53 bits */
    *m = (u & ((1ULL << 52) - 1)) | (1ULL << 52);
    *s = 53 - b;
    *e = (int)floor((b - 1) * 0.30102999566398120);     /* log10(2^(b-1)), may be 1 low */
    for (;;) {
        if (*e < -6 || *e > 14)
            return 0;
        uint64_t q = (uint64_t)(mul_pow10(*m, 16 - *e) >> *s);
        if (q >= pow10_u64[17])
            (*e)++;
        else if (q < pow10_u64[16])
            (*e)--;
        else
            return 1;
    }
}

/* Carry out of the top digit: 99..9 rounded up to 100..0. */
static void carry(decimal *d)
{
    if (d->q == pow10_u64[d->nd]) {
        d->q = pow10_u64[d->nd - 1];
        d->e++;
    }
}

/* x = m * 2^-s (decimal exponent e) rounded to p digits, ties to even as printf does. */
static void round_exact(decimal *d, uint64_t m, int s, int e, int p)
{
    u128 n = mul_pow10(m, p - 1 - e);
    uint64_t q = (uint64_t)(n >> s);
    u128 rem = n - ((u128)q << s), half = (u128)1 << (s - 1);
    if (rem > half || (rem == half && (q & 1)))
        q++;
    d->q = q;
    d->nd = p;
    d->e = e;
    carry(d);
}

/* ax rounded to p digits by snprintf ("d.ddde+XX"). */
static void round_printf(decimal *d, double ax, int p)
{
    char s[40], *t = s;
    snprintf(s, sizeof s, "%.*e", p - 1, ax);
    d->q = 0;
    for (; *t != 'e'; t++)
        if (*t != '.')
            d->q = d->q * 10 + (uint64_t)(*t - '0');
    d->nd = p;
    d->e = atoi(t + 1);
}

/* The 17-digit d rounded to p (< 17) digits as printf would; -1 when the dropped tail is
 * exactly "50..", where 17 digits no longer tell which way the true value lies. */
static int round_digits(decimal *out, const decimal *d17, int p)
{
    uint64_t div = pow10_u64[17 - p], rem = d17->q % div, half = div / 2;
    if (rem == half)
        return -1;
    out->q = d17->q / div + (rem > half);
    out->nd = p;
    out->e = d17->e;
    carry(out);
    return 0;
}

/* Does d read back as exactly ax (positive, finite)? */
static int roundtrip(const decimal *d, double ax)
{
    int k = d->e - (d->nd - 1);
    if (d->q <= (1ULL << 53) && k >= -22 && k <= 22) {
        /* Both operands are exact, so one IEEE operation rounds correctly, as strtod. */
        double v = k >= 0 ? (double)d->q * pow10_exact[k] : (double)d->q / pow10_exact[-k];
        return v == ax;
    }
    char s[48];
    snprintf(s, sizeof s, "%llue%d", (unsigned long long)d->q, k);
    return strtod(s, NULL) == ax;
}

/* The first of the 15-, 16- and 17-digit roundings of ax that reads back as ax. */
static void shortest(decimal *d, double ax)
{
    uint64_t m;
    int s, e;
    if (exact_setup(ax, &m, &s, &e)) {
        for (int p = 15; p <= 16; p++) {
            round_exact(d, m, s, e, p);
            if (roundtrip(d, ax))
                return;
        }
        round_exact(d, m, s, e, 17);
        return;
    }
    decimal d17;
    round_printf(&d17, ax, 17);
    for (int p = 15; p <= 16; p++) {
        if (round_digits(d, &d17, p) < 0)
            round_printf(d, ax, p);
        if (roundtrip(d, ax))
            return;
    }
    *d = d17;
}

/* Render d the way "%.<nd>g" does: trailing zeros dropped, exponent form when the
 * exponent is below -4 or at least the precision.  @return the length. */
static size_t render(char *buf, const decimal *d)
{
    char dg[20];
    int nd = d->nd, e = d->e;
    utoa_rev(dg + nd, d->q);
    while (nd > 1 && dg[nd - 1] == '0')
        nd--;
    size_t n = 0;
    if (e < -4 || e >= d->nd) {
        buf[n++] = dg[0];
        if (nd > 1)
            buf[n++] = '.';
        memcpy(buf + n, dg + 1, (size_t)(nd - 1));
        n += (size_t)(nd - 1);
        n += (size_t)sprintf(buf + n, "e%c%02d", e < 0 ? '-' : '+', abs(e));
        return n;
    }
    if (e < 0) {
        memcpy(buf, "0.0000", (size_t)(1 - e));
        n = (size_t)(1 - e);
    }
    for (int i = 0; i < nd || i <= e; i++) {
        if (i == e + 1 && e >= 0)
            buf[n++] = '.';
        buf[n++] = i < nd ? dg[i] : '0';
    }
    buf[n] = '\0';
    return n;
}

static size_t fmt_shortest(char *buf, double x)
{
    if (!isfinite(x) || x == 0)
        return fmt_special(buf, x);
    double ax = fabs(x);
    if (ax < 1e15 && ax == (double)(int64_t)ax)
        return fmt_integer(buf, x);
    decimal d;
    shortest(&d, ax);
    size_t n = 0;
    if (x < 0)
        buf[n++] = '-';
    return n + render(buf + n, &d);
}

size_t wc_num_fmt(char *buf, double x, int prec)
{
    if (prec <= 0)
        return fmt_shortest(buf, x);
    if (!isfinite(x))
        return fmt_special(buf, x);
    if (prec > 17)
        prec = 17;
    return (size_t)snprintf(buf, WC_NUM_BUFSZ, "%.*g", prec, x);
}
