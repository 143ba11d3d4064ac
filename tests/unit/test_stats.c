/* test_stats.c — wc_stats: one-pass statistics and transient metrics against a plain
 * two-pass computation over the whole signal, known answers, and extreme values. */
#include "tap.h"
#include "wckit/wc_stats.h"

#include <math.h>
#include <stdlib.h>

/* The definitions, computed with every sample in memory. */
static void reference(const double *t, const double *x, long n, long k, double frac, wc_stats_summary *r)
{
    double sum = 0, mx = -INFINITY, mn = INFINITY;
    long imax = 0;
    for (long i = 0; i < n; i++) {
        sum += x[i];
        if (x[i] > mx) mx = x[i], imax = i;
        if (x[i] < mn) mn = x[i];
    }
    double mean = sum / (double)n, ss = 0, st = 0;
    for (long i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
    long m = n < k ? n : k;
    for (long i = n - m; i < n; i++) st += x[i];
    r->n = n, r->min = mn, r->max = mx, r->mean = mean, r->sd = sqrt(ss / (double)n);
    r->t_max = t[imax];
    r->latency = NAN;
    for (long i = 0; i < n; i++)
        if (x[i] > frac * mx) { r->latency = t[i]; break; }
    r->steady = st / (double)m;
    r->overshoot = (mx - r->steady) / r->steady * 100;
}

static int same(double a, double b) { return close_to(a, b, 1e-12, 1e-12) || (isnan(a) && isnan(b)); }

static void check_signal(const char *label, const double *t, const double *x, long n, long k, double frac)
{
    wc_stats *s = wc_stats_new(k, frac);
    for (long i = 0; i < n; i++) wc_stats_add(s, t[i], x[i]);
    wc_stats_summary got, want;
    wc_stats_get(s, &got);
    reference(t, x, n, k, frac, &want);
    OK(got.n == want.n && same(got.min, want.min) && same(got.max, want.max) && same(got.mean, want.mean)
           && same(got.sd, want.sd),
       "%s: n, min, max, mean, sd", label);
    OK(same(got.t_max, want.t_max) && same(got.latency, want.latency), "%s: t_max %g, latency %g (want %g)",
       label, got.t_max, got.latency, want.latency);
    OK(same(got.steady, want.steady) && same(got.overshoot, want.overshoot), "%s: steady %g, overshoot %g",
       label, got.steady, got.overshoot);
    wc_stats_free(s);
}

int main(void)
{
    enum { N = 5000 };
    double *t = malloc(N * sizeof *t), *x = malloc(N * sizeof *x);
    /* a damped step response: rises, overshoots, settles */
    for (long i = 0; i < N; i++) t[i] = 0.1 * (double)i, x[i] = 1 - exp(-t[i] / 20) * cos(t[i] / 15);
    check_signal("damped step", t, x, N, 100, 0.1);
    check_signal("damped step, latency at 0.5, steady over 1000", t, x, N, 1000, 0.5);
    /* noise with several new maxima late: the latency records must be pruned right */
    srand(3);
    for (long i = 0; i < N; i++) x[i] = (double)rand() / RAND_MAX * (1 + (double)i / N);
    check_signal("rising noise", t, x, N, 100, 0.9);
    check_signal("fewer samples than the steady window", t, x, 50, 100, 0.1);

    /* known answers: a pulse 0 0 1 1 0.5 0.5 */
    double tp[] = {0, 1, 2, 3, 4, 5}, xp[] = {0, 0, 1, 1, 0.5, 0.5};
    wc_stats *s = wc_stats_new(2, 0.1);
    for (int i = 0; i < 6; i++) wc_stats_add(s, tp[i], xp[i]);
    wc_stats_add(s, 6, NAN);   /* ignored */
    wc_stats_summary r;
    wc_stats_get(s, &r);
    OK(r.n == 6 && r.max == 1 && r.t_max == 2 && r.latency == 2 && r.steady == 0.5 && r.overshoot == 100,
       "pulse: peak 1 at 2, latency 2, steady 0.5, overshoot 100 %%");
    wc_stats_free(s);

    /* values near the largest double: the steady state stays finite as the mean does */
    s = wc_stats_new(100, 0.1);
    for (int i = 0; i < 200; i++) wc_stats_add(s, i, 1.5e308);
    wc_stats_get(s, &r);
    OK(isfinite(r.mean) && isfinite(r.steady) && fabs(r.steady - 1.5e308) <= 1e-12 * 1.5e308 && r.overshoot == 0,
       "values of 1.5e308: steady %g, mean %g (finite)", r.steady, r.mean);
    wc_stats_free(s);

    /* of both signs (the differences overflow): mean 1e308/3, sd sqrt(8/9) 1e308 (tests/bad) */
    s = wc_stats_new(100, 0.1);
    wc_stats_add(s, 0, 1e308), wc_stats_add(s, 1, 1e308), wc_stats_add(s, 2, -1e308);
    wc_stats_get(s, &r);
    OK(fabs(r.mean - 1e308 / 3) <= 1e-15 * 1e308 && fabs(r.sd - sqrt(8.0 / 9) * 1e308) <= 1e-15 * 1e308 &&
       fabs(r.steady - 1e308 / 3) <= 1e-15 * 1e308, "1e308, 1e308, -1e308: mean %g, sd %g, steady %g", r.mean, r.sd, r.steady);
    wc_stats_free(s);

    /* infinities: the mean as numpy's (inf; NaN for both signs), the sd NaN */
    s = wc_stats_new(100, 0.1);
    wc_stats_add(s, 0, 1), wc_stats_add(s, 1, INFINITY), wc_stats_add(s, 2, 3);
    wc_stats_get(s, &r);
    OK(r.n == 3 && r.mean == INFINITY && isnan(r.sd) && r.steady == INFINITY && r.max == INFINITY,
       "1, inf, 3: mean %g, sd %g, steady %g", r.mean, r.sd, r.steady);
    wc_stats_add(s, 3, -INFINITY);
    wc_stats_get(s, &r);
    OK(isnan(r.mean) && isnan(r.steady) && r.min == -INFINITY, "and -inf: mean %g, steady %g", r.mean, r.steady);
    wc_stats_free(s);

    s = wc_stats_new(10, 0.1);
    wc_stats_get(s, &r);
    OK(r.n == 0 && isnan(r.min) && isnan(r.steady) && isnan(r.latency), "no samples: NaN everywhere");
    wc_stats_free(s);
    OK(wc_stats_new(0, 0.1) == NULL, "steady window 0 refused");
    free(t), free(x);
    return tap_done();
}
