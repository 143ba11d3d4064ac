/* test_num.c — strict number parsing and shortest round-trip formatting (lib/wc_num.c).
 * wc_num_fmt is checked against the plain definition ("%.15g", "%.16g", "%.17g",
 * first that strtod reads back) on many random doubles, byte for byte. */
#include "tap.h"
#include "wckit/wc_num.h"
#include "wckit/wc_err.h"

#include <float.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* splitmix64: enough for test inputs, and the same on every run. */
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double rnd_unit(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }

static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* The definition wc_num_fmt must match. */
static size_t ref_fmt(char *buf, double x)
{
    if (isnan(x))
        return (size_t)sprintf(buf, "nan");
    if (isinf(x))
        return (size_t)sprintf(buf, x < 0 ? "-inf" : "inf");
    int n = 0;
    for (int p = 15; p <= 17; p++) {
        n = snprintf(buf, WC_NUM_BUFSZ, "%.*g", p, x);
        if (same_bits(strtod(buf, NULL), x))
            break;
    }
    return (size_t)n;
}

static void test_parse_double(void)
{
    static const struct { const char *s; double v; } good[] = {
        { "1", 1 }, { "-2.5", -2.5 }, { "1e-3", 1e-3 }, { "+7", 7 }, { "0x1p3", 8 },
        { "1e-310", 1e-310 }, { "1e-400", 0 }, { "1.7976931348623157e308", DBL_MAX },
    };
    static const char *bad[] = { "", " 1", "1 ", "\t1", "1\n", "abc", "1x", "1,5", "--1",
                                 "1e", "e5", "1e999", "-1e999", "." };
    double v;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        OK(wc_num_parse_double(good[i].s, &v) == 0 && v == good[i].v, "parse_double '%s'", good[i].s);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        OK(wc_num_parse_double(bad[i], &v) < 0, "parse_double rejects bad[%zu]", i);
    OK(wc_num_parse_double("nan", &v) == 0 && isnan(v), "parse_double nan");
    OK(wc_num_parse_double("-inf", &v) == 0 && isinf(v) && v < 0, "parse_double -inf");
    wc_num_parse_double("abc", &v);
    OK(strcmp(wc_errmsg(), "not a number: 'abc'") == 0, "message quotes the text: %s", wc_errmsg());
    wc_num_parse_double("1e999", &v);
    OK(strstr(wc_errmsg(), "'1e999'") != NULL, "overflow message: %s", wc_errmsg());
    OK(wc_num_parse_finite("1.5", &v) == 0 && v == 1.5, "parse_finite 1.5");
    wc_num_parse_double("6.02214076e23", &v);
    NEAR(v, 6.02214076e23, 0, 1e-15, "parse_double 6.02214076e23");
    OK(wc_num_parse_finite("nan", &v) < 0 && wc_num_parse_finite("inf", &v) < 0, "parse_finite rejects nan/inf");
    OK(wc_num_parse_finite("x", &v) < 0, "parse_finite rejects x");
}

static void test_parse_int(void)
{
    static const struct { const char *s; long long v; } good[] = {
        { "42", 42 }, { "-7", -7 }, { "0", 0 }, { "1k", 1000 }, { "1M", 1000000 },
        { "2G", 2000000000LL }, { "-3k", -3000 }, { "10G", 10000000000LL },
        { "9223372036854775807", LLONG_MAX }, { "-9223372036854775808", LLONG_MIN },
        { "9223372036854775k", 9223372036854775000LL },
    };
    static const char *bad[] = { "", " 1", "1 ", "1.5", "1K", "1m", "1kk", "k", "0x10", "1e3",
                                 "9223372036854775808", "9223372036854776k", "9999999999G",
                                 "-9999999999G", "abc" };
    long long v;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        OK(wc_num_parse_int(good[i].s, &v) == 0 && v == good[i].v, "parse_int '%s' = %lld", good[i].s, v);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        OK(wc_num_parse_int(bad[i], &v) < 0, "parse_int rejects '%s' (%s)", bad[i], wc_errmsg());
    wc_num_parse_int("1.5", &v);
    OK(strcmp(wc_errmsg(), "not an integer: '1.5'") == 0, "int message: %s", wc_errmsg());
}

static void check_fmt(double x, const char *want)
{
    char buf[WC_NUM_BUFSZ];
    size_t n = wc_num_fmt(buf, x, 0);
    OK(strcmp(buf, want) == 0 && n == strlen(want), "fmt %.17g -> '%s' (got '%s')", x, want, buf);
}

static void test_fmt_fixed(void)
{
    check_fmt(0.1, "0.1");
    check_fmt(100, "100");
    check_fmt(-5, "-5");
    check_fmt(0.3, "0.3");
    check_fmt(1e300, "1e+300");
    check_fmt(-0.0, "-0");
    check_fmt(0.0, "0");
    check_fmt(NAN, "nan");
    check_fmt(-NAN, "nan");
    check_fmt(INFINITY, "inf");
    check_fmt(-INFINITY, "-inf");
    check_fmt(1.0 / 3, "0.3333333333333333");
    check_fmt(2.0 / 3, "0.6666666666666666");
    check_fmt(0.1 + 0.2, "0.30000000000000004");
    check_fmt(1e-5, "1e-05");
    check_fmt(1e-4, "0.0001");
    check_fmt(123456789012345.0, "123456789012345");
    check_fmt(1e15, "1e+15");
    check_fmt(9007199254740992.0, "9007199254740992");
    check_fmt(1.5e-310, "1.50000000000002e-310");
    check_fmt(DBL_MAX, "1.7976931348623157e+308");
    check_fmt(-DBL_MIN, "-2.2250738585072014e-308");
    /* The 15-digit rule keeps 15 digits even where a subnormal has fewer bits. */
    check_fmt(5e-324, "4.94065645841247e-324");
    char buf[WC_NUM_BUFSZ];
    wc_num_fmt(buf, 5e-324, 0);
    OK(same_bits(strtod(buf, NULL), 5e-324), "5e-324 reads back exactly");
    wc_num_fmt(buf, 3.14159, 3);
    OK(strcmp(buf, "3.14") == 0, "prec 3: %s", buf);
    wc_num_fmt(buf, -NAN, 5);
    OK(strcmp(buf, "nan") == 0, "prec nan: %s", buf);
    wc_num_fmt(buf, -INFINITY, 5);
    OK(strcmp(buf, "-inf") == 0, "prec -inf: %s", buf);
}

/* One random test input: raw bit patterns cover every exponent, the others the values
 * simulations and hand-written tables produce. */
static double random_double(int kind)
{
    switch (kind) {
    case 0: {
        uint64_t u = rnd();
        double x;
        memcpy(&x, &u, sizeof x);
        return isfinite(x) ? x : 1.0;
    }
    case 1: return rnd_unit();
    case 2: return (rnd_unit() - 0.5) * pow(10, (int)(rnd() % 41) - 20);
    case 3: return (double)(int64_t)(rnd() % 2000001 - 1000000) / pow(10, (int)(rnd() % 8));
    case 4: return (double)(int64_t)(rnd() >> (rnd() % 64)) * (rnd() & 1 ? 1 : -1);
    case 5: return nextafter((double)(rnd() % 1000) / 8, rnd() & 1 ? 1e9 : -1e9);
    /* 16-17 significant digits ending in 5, exactly: decimal ties for printf to break */
    case 6: return (double)(rnd() % 100000000000000ULL) + (double)(rnd() % 8) / 8 + 0.0625;
    default: return ((double)(rnd() % 10000000000ULL) + 0.5) / pow(2, (int)(rnd() % 30));
    }
}

static void test_fmt_random(long n)
{
    long mismatch = 0, lossy = 0, longest = 0;
    char got[WC_NUM_BUFSZ], want[WC_NUM_BUFSZ];
    for (long i = 0; i < n; i++) {
        double x = random_double((int)(i % 8));
        size_t len = wc_num_fmt(got, x, 0);
        ref_fmt(want, x);
        if (strcmp(got, want) != 0 || len != strlen(got)) {
            if (mismatch++ < 5)
                printf("# mismatch: %.17g got '%s' want '%s'\n", x, got, want);
        }
        if (!same_bits(strtod(got, NULL), x))
            lossy++;
        if ((long)len > longest)
            longest = (long)len;
    }
    OK(mismatch == 0, "%ld random doubles formatted as the %%.15g/16g/17g rule (%ld differ)", n, mismatch);
    OK(lossy == 0, "%ld random doubles read back bit-exactly (%ld did not)", n, lossy);
    OK(longest < WC_NUM_BUFSZ, "longest text %ld < WC_NUM_BUFSZ", longest);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Not a pass/fail check: prints ns per number for the record. */
static void time_fmt(long n)
{
    double *x = malloc((size_t)n * sizeof *x), sink = 0;
    char buf[WC_NUM_BUFSZ];
    for (long i = 0; i < n; i++)
        x[i] = rnd_unit() * 100 - 50;
    double t0 = now();
    for (long i = 0; i < n; i++)
        sink += (double)wc_num_fmt(buf, x[i], 0);
    double t1 = now();
    for (long i = 0; i < n; i++)
        sink += (double)ref_fmt(buf, x[i]);
    double t2 = now();
    printf("# wc_num_fmt %.0f ns/number, plain %%.15g/16g/17g loop %.0f ns/number (%g)\n",
           1e9 * (t1 - t0) / (double)n, 1e9 * (t2 - t1) / (double)n, sink > 0 ? 1.0 : 0.0);
    free(x);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 600000;
    test_parse_double();
    test_parse_int();
    test_fmt_fixed();
    test_fmt_random(n);
    time_fmt(n / 6 + 1);
    return tap_done();
}
