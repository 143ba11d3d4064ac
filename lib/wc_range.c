/* wc_range.c — the range grammar A:B, A:B:STEP, A:B/N, X (see wc_range.h). */
#include "wckit/wc_range.h"

#include "wckit/wc_err.h"
#include "wckit/wc_num.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Parse the number in text[0..len) into *x. */
static int parse_part(const char *text, size_t len, const char *what, double *x)
{
    char buf[128];
    if (len == 0 || len >= sizeof buf) return wc_seterr("range '%s': %s is %s", text, what, len ? "too long" : "missing"), -1;
    memcpy(buf, text, len);
    buf[len] = 0;
    if (wc_num_parse_finite(buf, x) < 0) return wc_seterr("range: %s '%s' is not a finite number", what, buf), -1;
    return 0;
}

/* The count of numpy.arange(a, b, step), robust to rounding: a quotient within a few
 * ulps above an integer counts as that integer (0:5.5:0.05 has 110 points). */
static long long arange_count(double a, double b, double step)
{
    double q = (b - a) / step;
    double nearest = nearbyint(q);
    if (fabs(q - nearest) <= 8 * 2.220446049250313e-16 * fmax(1.0, fabs(q))) q = nearest;
    double n = ceil(q);
    return n < 0 ? 0 : n > (double)WC_RANGE_MAX_POINTS ? WC_RANGE_MAX_POINTS + 1 : (long long)n;
}

static const char *expected(int accept)
{
    if (accept == WC_RANGE_ACCEPT_SPAN) return "LO:HI";
    if (accept == WC_RANGE_ACCEPT_POINTS) return "A:B:STEP, A:B/N or a number";
    return "LO:HI, A:B:STEP, A:B/N or a number";
}

static int parse_points(const char *text, const char *c1, int accept, wc_range *r)
{
    const char *c2 = strchr(c1 + 1, ':'), *slash = strchr(c1 + 1, '/');
    if (c2 && slash) return wc_seterr("range '%s': use A:B:STEP or A:B/N, not both", text), -1;
    const char *end_b = c2 ? c2 : slash;
    if (parse_part(text, (size_t)(c1 - text), "start", &r->lo) < 0 ||
        parse_part(c1 + 1, (size_t)(end_b - c1 - 1), "end", &r->hi) < 0)
        return -1;
    if (c2) {
        if (strchr(c2 + 1, ':')) return wc_seterr("range '%s': too many ':' (expected %s)", text, expected(accept)), -1;
        if (parse_part(c2 + 1, strlen(c2 + 1), "step", &r->step) < 0) return -1;
        if (r->step == 0) return wc_seterr("range '%s': the step is 0", text), -1;
        r->kind = WC_RANGE_ARANGE;
        r->n = arange_count(r->lo, r->hi, r->step);
        if (r->n == 0) return wc_seterr("range '%s': no points (the step goes away from the end)", text), -1;
    }
    else {
        long long n;
        if (wc_num_parse_int(slash + 1, &n) < 0 || n < 1)
            return wc_seterr("range '%s': N after '/' must be a whole number >= 1", text), -1;
        r->kind = WC_RANGE_LINSPACE;
        r->n = n;
        r->step = n > 1 ? (r->hi - r->lo) / (double)(n - 1) : 0;
    }
    if (r->n > WC_RANGE_MAX_POINTS) return wc_seterr("range '%s': more than %lld points", text, WC_RANGE_MAX_POINTS), -1;
    return 0;
}

int wc_range_parse(const char *text, int accept, wc_range *r)
{
    memset(r, 0, sizeof *r);
    const char *c1 = strchr(text, ':');
    if (!c1) {
        if (!(accept & WC_RANGE_ACCEPT_POINTS))
            return wc_seterr("'%s' is not a range (expected %s)", text, expected(accept)), -1;
        if (wc_num_parse_finite(text, &r->lo) < 0) return wc_seterr("range '%s': not a finite number", text), -1;
        r->hi = r->lo;
        r->kind = WC_RANGE_ONE;
        r->n = 1;
        return 0;
    }
    if (strchr(c1 + 1, ':') || strchr(c1 + 1, '/')) {
        if (!(accept & WC_RANGE_ACCEPT_POINTS))
            return wc_seterr("range '%s': expected %s", text, expected(accept)), -1;
        return parse_points(text, c1, accept, r);
    }
    if (!(accept & WC_RANGE_ACCEPT_SPAN))
        return wc_seterr("range '%s': expected %s", text, expected(accept)), -1;
    if (parse_part(text, (size_t)(c1 - text), "LO", &r->lo) < 0 || parse_part(c1 + 1, strlen(c1 + 1), "HI", &r->hi) < 0)
        return -1;
    if (!(r->lo < r->hi)) return wc_seterr("range '%s': LO must be below HI", text), -1;
    r->kind = WC_RANGE_SPAN;
    return 0;
}

double wc_range_value(const wc_range *r, long long i)
{
    if (r->kind == WC_RANGE_LINSPACE && i == r->n - 1) return r->hi;
    return r->lo + (double)i * r->step;
}
