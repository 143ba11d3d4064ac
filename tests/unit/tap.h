/* tap.h — a tiny test harness for libwc unit tests.
 * Each check prints "ok - name" or "not ok - name: detail"; tests/run.sh counts them.
 * main() ends with "return tap_done();" (exit 1 if anything failed). */
#ifndef TAP_H
#define TAP_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int tap_failed, tap_count;

#define OK(cond, ...) tap_ok(!!(cond), #cond, __VA_ARGS__)

static void tap_ok(int pass, const char *expr, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#include <stdarg.h>
static void tap_ok(int pass, const char *expr, const char *fmt, ...)
{
    va_list ap;
    tap_count++;
    printf(pass ? "ok - " : "not ok - ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    if (!pass) { printf("  [%s]", expr); tap_failed++; }
    putchar('\n');
    fflush(stdout);
}

/* |a - b| <= atol + rtol*|b|, NaN equal to NaN. */
static inline int close_to(double a, double b, double atol, double rtol)
{
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    if (isinf(a) || isinf(b)) return a == b;
    return fabs(a - b) <= atol + rtol * fabs(b);
}

#define NEAR(a, b, atol, rtol, name) \
    tap_ok(close_to((a), (b), (atol), (rtol)), #a " ~ " #b, "%s (%.17g vs %.17g)", (name), (double)(a), (double)(b))

static inline int tap_done(void) { return tap_failed ? 1 : 0; }

#endif
