/* wc_stats.h — one-pass statistics of a signal over time, in bounded memory: count, min,
 * max, mean, sd, time of the maximum, and the transient-response metrics of the
 * reference tutorial (wc-model(7), TRANSIENT METRICS): latency (the first time the
 * signal exceeds a fraction of its peak), steady state (mean of the last K samples)
 * and overshoot % = (peak - steady) / steady * 100.  NaN samples are ignored. */
#ifndef WC_STATS_H
#define WC_STATS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wc_stats wc_stats;

/** The summary of the samples added so far (NaN where there are none). */
typedef struct {
    long long n;
    double min, max, mean, sd;   /* sd with ddof 0 */
    double t_max;                /* time of the first maximum */
    double latency;              /* first time the signal exceeds frac * max */
    double steady;               /* mean of the last steady_n samples */
    double overshoot;            /* (max - steady) / steady * 100 */
} wc_stats_summary;

/** A new accumulator: steady state over the last steady_n (>= 1) samples, latency at
 *  the fraction frac (0..1) of the peak.  NULL with wc_errmsg() set when out of memory. */
wc_stats *wc_stats_new(long long steady_n, double frac);
/** Add the sample x at time t.  @return 0, or -1 when out of memory. */
int wc_stats_add(wc_stats *s, double t, double x);
/** The summary so far. */
void wc_stats_get(const wc_stats *s, wc_stats_summary *out);
void wc_stats_free(wc_stats *s);

#ifdef __cplusplus
}
#endif
#endif
