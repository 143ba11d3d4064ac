/* wc_series.c — channels over time from streams and tables (see wc_series.h). */
#include "wckit/wc_series.h"
#include "wckit/wc_err.h"
#include "wckit/wc_params.h"
#include "wckit/wc_num.h"
#include "wckit/wc_stream.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A transposed table is read whole: refuse more than this many values (2 GB). */
#define TRANSPOSED_MAX (1u << 28)

struct wc_series {
    wc_stream_reader *r;
    wc_hdr *hdr;          /* transposed: the channel names; else NULL (the reader's) */
    size_t ncols;         /* columns of a row (stream) or channels (transposed) */
    long tcol;            /* stream: index of t, or -1 */
    size_t *sel, nsel;    /* selected columns / channels */
    double *row;          /* one input row */
    double *ahead;        /* rows read ahead by wc_series_dt */
    size_t nahead, ahead_used;
    double dt;            /* ms per sample, 0 if unknown */
    long long k;          /* samples taken from the input (skipped ones too) */
    int skipping;         /* a --skip still dropping samples */
    double skip_from;     /* drop samples with t below this, or ... */
    long long skip_n;     /* ... the first skip_n samples (when >= 0) */
    long long skipped;    /* samples dropped so far */
    double *all;          /* transposed: ncols x nsamples */
    size_t nsamples;
};

static const wc_hdr *hdr_of(const wc_series *s) { return s->hdr ? s->hdr : wc_stream_reader_hdr(s->r); }

/* Rows of the table become channels; every row must have the same length.  A wc-stream
 * or a table with a t column has samples in its rows: transposed, t would be a sample. */
static int load_transposed(wc_series *s)
{
    const wc_hdr *in = wc_stream_reader_hdr(s->r);
    int stream = wc_stream_reader_is_stream(s->r);
    if (stream || wc_hdr_find_col(in, "t") >= 0)
        return wc_seterr("%s has samples in its rows, not channels: --transpose is for plain tables whose rows "
                         "are channels (BOLD)", stream ? "a wc-stream" : "a table with a t column");
    size_t len = wc_hdr_ncols(in), cap = 16, n = 0;
    int got;
    s->all = malloc(cap * len * sizeof *s->all);
    if (!s->all) return wc_seterr("out of memory");
    while ((got = wc_stream_reader_next(s->r, s->all + n * len)) > 0) {
        if (++n == cap) {
            if (cap * 2 * len > TRANSPOSED_MAX) return wc_seterr("more than %u values to transpose", TRANSPOSED_MAX);
            double *more = realloc(s->all, cap * 2 * len * sizeof *more);
            if (!more) return wc_seterr("out of memory");
            s->all = more;
            cap *= 2;
        }
    }
    if (got < 0) return -1;
    if (n == 0) return wc_seterr("no rows to take as channels");
    s->ncols = n;
    s->nsamples = len;
    if (!(s->hdr = wc_hdr_dup(in))) return wc_seterr("out of memory");
    char name[32];
    wc_hdr_set_cols(s->hdr, 0, NULL);
    for (size_t c = 0; c < n; c++) {
        snprintf(name, sizeof name, "ch%zu", c);
        if (wc_hdr_add_col(s->hdr, name) < 0) return wc_seterr("out of memory");
    }
    return 0;
}

wc_series *wc_series_open(const char *path, int transpose)
{
    wc_series *s = calloc(1, sizeof *s);
    if (!s) {
        wc_seterr("out of memory");
        return NULL;
    }
    s->tcol = -1;
    if (!(s->r = wc_stream_reader_open(path && strcmp(path, "-") != 0 ? path : NULL))) {
        free(s);
        return NULL;
    }
    int rc = 0;
    if (transpose) rc = load_transposed(s);
    else {
        s->ncols = wc_hdr_ncols(wc_stream_reader_hdr(s->r));
        s->tcol = wc_hdr_find_col(wc_stream_reader_hdr(s->r), "t");
        if (!(s->row = malloc((s->ncols ? s->ncols : 1) * sizeof *s->row))) rc = wc_seterr("out of memory");
    }
    if (rc < 0) {
        wc_series_close(s);
        return NULL;
    }
    return s;
}

void wc_series_close(wc_series *s)
{
    if (!s) return;
    if (s->r) wc_stream_reader_close(s->r);
    wc_hdr_free(s->hdr);
    free(s->sel);
    free(s->row);
    free(s->ahead);
    free(s->all);
    free(s);
}

const wc_hdr *wc_series_hdr(const wc_series *s) { return hdr_of(s); }
wc_hdr *wc_series_derived_hdr(const wc_series *s)
{
    wc_hdr *h = wc_hdr_dup(hdr_of(s));
    if (!h) return NULL;
    /* the columns' units go; the parameters' (unit.tau_E) stay with their param.* lines */
    for (size_t i = 0; i < wc_hdr_nkeys(h);)
        if (strncmp(wc_hdr_key(h, i), "unit.", 5) == 0 && wc_params_lookup(wc_hdr_key(h, i) + 5, WC_CONV_WC) < 0) {
            char *key = strdup(wc_hdr_key(h, i));
            if (!key) {
                wc_hdr_free(h);
                return NULL;
            }
            wc_hdr_del(h, key);
            free(key);
        } else i++;
    wc_hdr_del(h, "nrows");
    wc_hdr_del(h, "dt");
    wc_hdr_del(h, "every");
    return h;
}

size_t wc_series_nsel(const wc_series *s) { return s->nsel; }
const char *wc_series_name(const wc_series *s, size_t k) { return wc_hdr_col(hdr_of(s), s->sel[k]); }

/* name is prefix followed by one or more digits */
static int numbered(const char *name, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(name, prefix, n) != 0 || !name[n]) return 0;
    for (const char *p = name + n; *p; p++)
        if (!isdigit((unsigned char)*p)) return 0;
    return 1;
}

/* Add the columns that item names: itself, or the numbered columns of a prefix. */
static size_t add_item(wc_series *s, const char *item)
{
    const wc_hdr *h = hdr_of(s);
    long exact = wc_hdr_find_col(h, item);
    if (exact >= 0) {
        s->sel[s->nsel++] = (size_t)exact;
        return 1;
    }
    size_t added = 0;
    for (size_t c = 0; c < wc_hdr_ncols(h); c++)
        if (numbered(wc_hdr_col(h, c), item)) s->sel[s->nsel++] = c, added++;
    return added;
}

long wc_series_select(wc_series *s, const char *vars)
{
    const wc_hdr *h = hdr_of(s);
    size_t cap = wc_hdr_ncols(h) + 1;
    for (const char *p = vars; p && *p; p++) cap += *p == ',' ? wc_hdr_ncols(h) : 0;
    free(s->sel);
    s->nsel = 0;
    if (!(s->sel = malloc(cap * sizeof *s->sel))) return wc_seterr("out of memory");
    if (!vars) {
        for (size_t c = 0; c < wc_hdr_ncols(h); c++)   /* a network's rE0, rE1, ... */
            if (numbered(wc_hdr_col(h, c), "rE")) s->sel[s->nsel++] = c;
        if (s->nsel == 0 && !add_item(s, "rE"))
            for (size_t c = 0; c < wc_hdr_ncols(h); c++)
                if ((long)c != s->tcol) s->sel[s->nsel++] = c;
    } else {
        char *copy = strdup(vars), *save = NULL;
        if (!copy) return wc_seterr("out of memory");
        for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save))
            if (!add_item(s, item)) {
                wc_seterr("no column '%s' (nor %s0, %s1, ...)", item, item, item);
                free(copy);
                return -1;
            }
        free(copy);
    }
    if (s->nsel == 0) return wc_seterr("no columns to analyse");
    return (long)s->nsel;
}

/* The next input row into s->row (read-ahead rows first).  @return 1, 0 at end, -1. */
static int next_row(wc_series *s)
{
    if (s->ahead_used < s->nahead) {
        memcpy(s->row, s->ahead + s->ahead_used++ * s->ncols, s->ncols * sizeof *s->row);
        return 1;
    }
    return wc_stream_reader_next(s->r, s->row);
}

/* The t step from the first two rows, which are kept for reading, into *step: 0 when
 * there are fewer.  @return 0, or -1 (wc_errmsg) when they cannot be read or t does not
 * increase. */
static int dt_from_t(wc_series *s, double *step)
{
    int got = 1;
    *step = 0;
    if (!(s->ahead = malloc(2 * s->ncols * sizeof *s->ahead))) return wc_seterr("out of memory");
    while (s->nahead < 2 && (got = wc_stream_reader_next(s->r, s->ahead + s->nahead * s->ncols)) > 0) s->nahead++;
    if (got < 0) return -1;
    if (s->nahead < 2) return 0;
    double t0 = s->ahead[(size_t)s->tcol], t1 = s->ahead[s->ncols + (size_t)s->tcol];
    if (!isfinite(t0) || !isfinite(t1)) return wc_seterr("t is not finite (%g, then %g)", t0, t1);
    if (!(t1 > t0)) return wc_seterr("t is not increasing (%.17g, then %.17g)", t0, t1);
    *step = t1 - t0;
    return 0;
}

double wc_series_dt(wc_series *s, double dt_ms)
{
    const wc_hdr *h = hdr_of(s);
    const char *dt = wc_hdr_get(h, "dt"), *every = wc_hdr_get(h, "every");
    double a, b = 1;
    if (dt_ms > 0) s->dt = dt_ms;
    else if (dt && wc_num_parse_finite(dt, &a) == 0 && a > 0 && (!every || wc_num_parse_finite(every, &b) == 0) && b >= 1)
        s->dt = a * b;
    else if (s->tcol >= 0 && !s->all && dt_from_t(s, &s->dt) < 0)
        return -1;
    return s->dt;
}

int wc_series_skip(wc_series *s, double t_ms, long long nsamples)
{
    if (nsamples < 0 && !(t_ms > 0)) return 0;
    if (nsamples < 0 && !(s->dt > 0)) return wc_seterr("skipping by time needs the sampling interval");
    s->skipping = 1;
    s->skip_n = nsamples;
    s->skip_from = t_ms - 1e-6 * s->dt;   /* the t of a sample at t_ms may carry rounding */
    return 0;
}

long long wc_series_skipped(const wc_series *s) { return s->skipped; }

/* Is the sample at time tt one that --skip drops? */
static int skipped(wc_series *s, double tt)
{
    if (!s->skipping) return 0;
    if (s->skip_n >= 0 ? s->skipped < s->skip_n : tt < s->skip_from) {
        s->skipped++;
        return 1;
    }
    s->skipping = 0;
    return 0;
}

/* Does x[0..n) hold a NaN or an infinity?  Those have every exponent bit set, and then
 * adding 1 to the exponent carries into bit 63: three integer operations a value, no
 * branch, four independent chains (a quick look before check_finite says which). */
static int any_nonfinite(const double *x, size_t n)
{
    const uint64_t exp = 0x7ff0000000000000u, one = 0x0010000000000000u;
    uint64_t h0 = 0, h1 = 0, h2 = 0, h3 = 0, u[4];
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        memcpy(u, x + i, sizeof u);
        h0 |= (u[0] & exp) + one, h1 |= (u[1] & exp) + one, h2 |= (u[2] & exp) + one, h3 |= (u[3] & exp) + one;
    }
    for (; i < n; i++) {
        memcpy(u, x + i, sizeof *u);
        h0 |= (u[0] & exp) + one;
    }
    return ((h0 | h1 | h2 | h3) >> 63) != 0;
}

/* Refuse sample number k (from 1), dst, when it has a NaN or infinite value: nothing the
 * analyses compute from it would mean anything. */
static int check_finite(const wc_series *s, const double *dst, long long k)
{
    for (size_t c = 0; c < s->nsel; c++)
        if (!isfinite(dst[c]))
            return wc_seterr("channel %zu has NaN or infinite values: %s is %g in sample %lld", c + 1,
                             wc_series_name(s, c), dst[c], k);
    return 0;
}

long wc_series_read(wc_series *s, double *x, double *t, size_t max)
{
    size_t n = 0;
    while (n < max) {
        double *dst = x + n * s->nsel, tt;
        if (s->all) {
            if ((size_t)s->k >= s->nsamples) break;
            for (size_t c = 0; c < s->nsel; c++) dst[c] = s->all[s->sel[c] * s->nsamples + (size_t)s->k];
            tt = (double)s->k * s->dt;
        } else {
            int got = next_row(s);
            if (got < 0) return -1;
            if (got == 0) break;
            for (size_t c = 0; c < s->nsel; c++) dst[c] = s->row[s->sel[c]];
            tt = s->tcol >= 0 ? s->row[s->tcol] : (double)s->k * s->dt;
        }
        s->k++;
        if (skipped(s, tt)) continue;
        if (t) t[n] = tt;
        n++;
    }
    /* the samples kept are the last n taken: sample s->k - n + 1 + r is row r */
    if (any_nonfinite(x, n * s->nsel))
        for (size_t r = 0; r < n; r++)
            if (check_finite(s, x + r * s->nsel, s->k - (long long)n + 1 + (long long)r) < 0) return -1;
    return (long)n;
}
