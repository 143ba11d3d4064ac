/* wc_series.h — time series for the analysis tools (wc-fc, wc-psd): the channels of a
 * wc-stream or plain table, read a block of samples at a time in constant memory; or,
 * with transpose, a plain table whose rows are the channels and whose columns are the
 * samples (BOLD files with regions in rows), read whole.
 *
 * A sample is a row of the selected channels; samples come with their time: the t
 * column when there is one, else first + k * dt. */
#ifndef WC_SERIES_H
#define WC_SERIES_H

#include <stddef.h>
#include "wc_hdr.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wc_series wc_series;

/** Open path (NULL or "-": stdin).  @return NULL with wc_errmsg() set on error. */
wc_series *wc_series_open(const char *path, int transpose);
void wc_series_close(wc_series *s);

/** The input's header (keys and column names; with transpose, channels ch0, ch1, ...). */
const wc_hdr *wc_series_hdr(const wc_series *s);

/** A copy of the input's header for a tool whose output rows are not the input's
 *  samples (a matrix, a spectrum): provenance and parameters stay, the keys describing
 *  the rows go (nrows, dt, every, unit.*).  NULL when out of memory. */
wc_hdr *wc_series_derived_hdr(const wc_series *s);

/** Select channels: vars is a comma-separated list of column names or prefixes: a name
 *  selects that column; a prefix such as "rE" selects every column named rE followed
 *  by digits, in order.  vars NULL: the columns rE0, rE1, ... if there are any, else
 *  rE, else every column but t.  @return the number selected, or -1 with wc_errmsg() set (no such column,
 *  nothing left). */
long wc_series_select(wc_series *s, const char *vars);
size_t wc_series_nsel(const wc_series *s);
/** Name of the k-th selected channel. */
const char *wc_series_name(const wc_series *s, size_t k);

/** Sampling interval in ms: dt_ms if > 0, else the header's dt times its every (a
 *  wc-run stream), else the step of the t column read from the first two samples,
 *  else 0 (unknown); -1 with wc_errmsg() set when those rows cannot be read or their t
 *  does not increase (never a valid interval: every other result is > 0, or 0).  Call
 *  after select, before reading. */
double wc_series_dt(wc_series *s, double dt_ms);

/** Drop the samples before t_ms (a transient; t as wc_series_read gives it, with a
 *  tolerance of 1e-6 sampling intervals), or, when nsamples >= 0, the first nsamples
 *  samples.  Call after wc_series_dt (skipping by time needs the interval), before
 *  reading.  @return 0, or -1 with wc_errmsg() set. */
int wc_series_skip(wc_series *s, double t_ms, long long nsamples);
/** Samples dropped by wc_series_skip so far. */
long long wc_series_skipped(const wc_series *s);

/** Read up to max samples of the selected channels into x (max x nsel, row-major) and
 *  their times into t (may be NULL).  @return samples read, 0 at the end, -1 with
 *  wc_errmsg() set on error (a bad cell, a truncated stream, a NaN or infinite value in
 *  a selected channel: "channel 1 has NaN or infinite values: rE0 is nan in sample 7",
 *  channels and samples counted from 1, the skipped ones too, which are not checked). */
long wc_series_read(wc_series *s, double *x, double *t, size_t max);

#ifdef __cplusplus
}
#endif
#endif
