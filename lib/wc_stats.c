/* wc_stats.c — one-pass statistics and transient metrics (see wckit/wc_stats.h).
 *
 * The latency needs the peak, known only at the end: the running maxima that could still
 * be the first sample above frac * peak are kept (each new maximum drops the records at
 * or below frac times itself), so memory stays small for any signal that rises. */
#include "wckit/wc_stats.h"
#include "wckit/wc_err.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct wc_stats {
    long long n, steady_n;
    double frac;
    double min, max, t_max;
    long long nfin, npinf, nminf;   /* finite samples (those in mean, m2), +inf and -inf ones */
    double unit, mean, m2;          /* mean and m2 in units of unit (1, or 2^600) */
    double *last;            /* ring of the last steady_n values */
    double *rec_v, *rec_t;   /* prefix-maximum records still able to decide the latency */
    size_t rec_head, rec_len, rec_cap;
};

wc_stats *wc_stats_new(long long steady_n, double frac)
{
    wc_stats *s = calloc(1, sizeof *s);
    if (!s || steady_n < 1 || !(s->last = malloc((size_t)steady_n * sizeof *s->last))) {
        free(s);
        wc_seterr(steady_n < 1 ? "steady-state window must be >= 1 sample" : "out of memory");
        return NULL;
    }
    s->steady_n = steady_n;
    s->frac = frac;
    s->min = INFINITY;
    s->max = -INFINITY;
    s->t_max = NAN;
    s->unit = 1;
    return s;
}

void wc_stats_free(wc_stats *s)
{
    if (!s) return;
    free(s->last);
    free(s->rec_v);
    free(s->rec_t);
    free(s);
}

static int grow_records(wc_stats *s)
{
    if (s->rec_head > 0) {
        memmove(s->rec_v, s->rec_v + s->rec_head, s->rec_len * sizeof(double));
        memmove(s->rec_t, s->rec_t + s->rec_head, s->rec_len * sizeof(double));
        s->rec_head = 0;
    }
    if (s->rec_len < s->rec_cap) return 0;
    size_t cap = s->rec_cap ? 2 * s->rec_cap : 16;
    double *v = realloc(s->rec_v, cap * sizeof(double));
    if (v) s->rec_v = v;
    double *t = v ? realloc(s->rec_t, cap * sizeof(double)) : NULL;
    if (t) s->rec_t = t;
    if (!v || !t) return wc_seterr("out of memory");
    s->rec_cap = cap;
    return 0;
}

/* A new running maximum: drop records that can no longer be the first to exceed
 * frac * peak (peak >= this maximum), then append this one. */
static int add_record(wc_stats *s, double x, double t)
{
    while (s->rec_len > 0 && s->rec_v[s->rec_head] <= s->frac * x) s->rec_head++, s->rec_len--;
    if (s->rec_head + s->rec_len == s->rec_cap && grow_records(s) < 0) return -1;
    s->rec_v[s->rec_head + s->rec_len] = x;
    s->rec_t[s->rec_head + s->rec_len] = t;
    s->rec_len++;
    return 0;
}

/* Welford's update over the finite samples.  Values beyond 2^500 would overflow the
 * differences and their squares: from the first one on, mean and m2 are kept in units
 * of 2^600 (a power of two: exact), so both stay finite up to the largest double. */
static void welford(wc_stats *s, double x)
{
    if (fabs(x) > 0x1p500 && s->unit == 1) {
        s->unit = 0x1p600;
        s->mean *= 0x1p-600;
        s->m2 *= 0x1p-600;
        s->m2 *= 0x1p-600;   /* 2^-1200 is below the smallest double */
    }
    x /= s->unit;
    s->nfin++;
    double d = x - s->mean;
    s->mean += d / (double)s->nfin;
    s->m2 += d * (x - s->mean);
}

int wc_stats_add(wc_stats *s, double t, double x)
{
    if (isnan(x)) return 0;
    s->last[s->n % s->steady_n] = x;
    s->n++;
    if (isinf(x)) x > 0 ? s->npinf++ : s->nminf++;
    else welford(s, x);
    if (x < s->min) s->min = x;
    if (x > s->max) {
        s->max = x;
        s->t_max = t;
        return add_record(s, x, t);
    }
    return 0;
}

/* The mean of the values, as numpy's: +-inf when infinities of one sign are among them,
 * NaN when of both. */
static double mean_with_inf(double finite_mean, long long npinf, long long nminf)
{
    return npinf && nminf ? NAN : npinf ? INFINITY : nminf ? -INFINITY : finite_mean;
}

/* The mean of the last values: their sum over their count, or, when the sum overflows
 * (values near the largest double), a running mean in units of 2^600, which stays finite
 * (and exact for equal values). */
static double steady_state(const wc_stats *s)
{
    long long m = s->n < s->steady_n ? s->n : s->steady_n, npinf = 0, nminf = 0;
    double sum = 0, mean = 0;
    for (long long i = 0; i < m; i++) sum += s->last[i];
    if (isfinite(sum) || !m) return m ? sum / (double)m : NAN;
    for (long long i = 0; i < m; i++) {
        double v = s->last[i];
        if (isinf(v)) v > 0 ? npinf++ : nminf++;
        else mean += (v * 0x1p-600 - mean) / (double)(i + 1);
    }
    return mean_with_inf(mean * 0x1p600, npinf, nminf);
}

static double latency(const wc_stats *s)
{
    for (size_t i = 0; i < s->rec_len; i++)
        if (s->rec_v[s->rec_head + i] > s->frac * s->max) return s->rec_t[s->rec_head + i];
    return NAN;
}

void wc_stats_get(const wc_stats *s, wc_stats_summary *out)
{
    int any = s->n > 0;
    out->n = s->n;
    out->min = any ? s->min : NAN;
    out->max = any ? s->max : NAN;
    out->mean = any ? mean_with_inf(s->mean * s->unit, s->npinf, s->nminf) : NAN;
    out->sd = any && !s->npinf && !s->nminf ? sqrt(s->m2 / (double)s->nfin) * s->unit : NAN;
    out->t_max = s->t_max;
    out->latency = latency(s);
    out->steady = steady_state(s);
    out->overshoot = (out->max - out->steady) / out->steady * 100.0;
}
