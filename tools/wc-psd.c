/* wc-psd — power spectral density of each channel of a stream or table by Welch's method
 * (as scipy.signal.welch: periodic window, per-segment detrend, one-sided density in
 * (input unit)^2/Hz), on FFTW real-to-complex plans made once.  Streams are taken a
 * block of samples at a time: each segment is transformed as soon as it is complete,
 * so memory does not grow with the length of the input.  The output is a wc-stream
 * f, then one PSD column per channel (or their mean), or with --peak a table of the
 * peak frequency and the band powers of each channel. */
#include "wc_cli.h"
#include "wckit/wc_err.h"
#include "wckit/wc_num.h"
#include "wckit/wc_psd.h"
#include "wckit/wc_series.h"
#include "wckit/wc_stream.h"

#include <fftw3.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum {
    OPT_SKIP = WC_OPT_TOOL_BASE, OPT_NPERSEG, OPT_OVERLAP, OPT_WINDOW,
    OPT_DETREND, OPT_FMAX, OPT_MEAN, OPT_PEAK, OPT_NO_HEADER
};

/* Samples read per block: about 64 k values, whatever the number of channels. */
#define BLOCK_VALUES 65536

typedef struct {
    wc_cli cli;
    const char *input, *vars;
    int transpose, mean, peak, no_header, window, detrend;
    double dt, skip, fmax, overlap;
    long long nperseg, noverlap;
} psd_opts;

/* What the input gave: the channels, the rate, the spectra. */
typedef struct {
    const char *name;       /* input name for messages */
    wc_series *s;
    size_t nch;             /* channels analysed */
    double dt, fs, df;      /* ms, Hz, Hz */
    long long samples;      /* samples read after --skip */
    long long segments;
    size_t nfreq;           /* one-sided bins */
    double *psd;            /* nch x nfreq (1 x nfreq with --mean) */
} psd_run;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: wc-psd [options] [FILE]\n"
            "Power spectral density of each channel by Welch's method, as scipy.signal.welch\n"
            "(wc-psd(1)).  Output: f (Hz), then one PSD column per channel ((unit)^2/Hz).\n\n"
            "Input:\n");
    wc_cli_usage_series(out);
    fprintf(out,
            "      --skip MS            drop the samples before MS (a transient) [0]\n"
            "Welch:\n"
            "      --nperseg N          samples per segment [256]\n"
            "      --overlap F          overlap of segments, a fraction of N, 0 <= F < 1 [0.5]\n"
            "      --window W           hann, hamming (periodic) or boxcar [hann]\n"
            "      --detrend D          none, constant or linear, per segment [constant]\n"
            "      --fmax HZ            only the frequencies <= HZ [all, up to fs/2]\n"
            "Output:\n"
            "      --mean               one column psd: the mean over the channels\n"
            "      --peak               a table instead: per channel f_peak, p_peak and the band powers\n"
            "                           delta [1,4) theta [4,8) alpha [8,13) beta [13,30) gamma [30,100) Hz\n"
            "      --no-header          text rows only, no header lines\n");
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    WC_CLI_SERIES_LONGOPTS,
    {"skip", required_argument, 0, OPT_SKIP},
    {"nperseg", required_argument, 0, OPT_NPERSEG},
    {"overlap", required_argument, 0, OPT_OVERLAP},
    {"window", required_argument, 0, OPT_WINDOW},
    {"detrend", required_argument, 0, OPT_DETREND},
    {"fmax", required_argument, 0, OPT_FMAX},
    {"mean", no_argument, 0, OPT_MEAN},
    {"peak", no_argument, 0, OPT_PEAK},
    {"no-header", no_argument, 0, OPT_NO_HEADER},
    {0, 0, 0, 0},
};

static void parse_args(psd_opts *o, int argc, char **argv)
{
    *o = (psd_opts){.nperseg = 256, .overlap = 0.5, .fmax = INFINITY, .window = WC_WIN_HANN,
                    .detrend = WC_DETREND_CONSTANT};
    wc_cli_init(&o->cli, "wc-psd", argc, argv, usage);
    int c;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS, longopts, NULL)) != -1) {
        switch (c) {
        case OPT_SKIP: o->skip = wc_cli_nonneg("--skip", optarg); break;
        case OPT_NPERSEG: o->nperseg = wc_cli_count("--nperseg", optarg, 2, 1LL << 24); break;
        case OPT_OVERLAP:
            o->overlap = wc_cli_double("--overlap", optarg);
            if (!(o->overlap >= 0 && o->overlap < 1)) wc_usage("--overlap must be >= 0 and < 1 (a fraction of --nperseg; got %s)", optarg);
            break;
        case OPT_WINDOW:
            if ((o->window = wc_psd_window_parse(optarg)) < 0) wc_usage("--window: unknown window '%s' (hann, hamming or boxcar)", optarg);
            break;
        case OPT_DETREND:
            if ((o->detrend = wc_psd_detrend_parse(optarg)) < 0) wc_usage("--detrend: unknown type '%s' (none, constant or linear)", optarg);
            break;
        case OPT_FMAX: o->fmax = wc_cli_nonneg("--fmax", optarg); break;
        case OPT_MEAN: o->mean = 1; break;
        case OPT_PEAK: o->peak = 1; break;
        case OPT_NO_HEADER: o->no_header = 1; break;
        default:
            if (!wc_cli_series_option(c, optarg, &o->vars, &o->transpose, &o->dt) && !wc_cli_option(&o->cli, c, optarg))
                wc_usage("unhandled option");
        }
    }
    if (argc - optind > 1) wc_usage("one input at a time (got %d)", argc - optind);
    o->input = optind < argc ? argv[optind] : NULL;
    wc_cli_need_input(&o->cli, o->input);
    /* scipy's noverlap = nperseg // 2 is the default 0.5; the small slack keeps 0.3 x 10 at 3 */
    o->noverlap = (long long)floor(o->overlap * (double)o->nperseg + 1e-9);
    if (o->noverlap >= o->nperseg) o->noverlap = o->nperseg - 1;
    int type = wc_cli_otype(&o->cli);
    if (o->peak) wc_cli_text_table(&o->cli, "--peak table");
    else if (o->no_header && type != WC_OUT_TSV && type != WC_OUT_TSVGZ)
        wc_usage("--no-header: only for text output (-Ot or -Oz)");
    else o->cli.wopts.no_header = o->no_header;
}

/* Open the input, select the channels, find the sampling interval. */
static void open_input(const psd_opts *o, psd_run *r)
{
    r->s = wc_cli_open_series(o->input, o->transpose, o->vars, o->dt, &r->dt, &r->name);
    r->nch = wc_series_nsel(r->s);
    if (!(r->dt > 0))
        wc_die("%s: sampling interval unknown (no dt in the header, no t column); give --dt MS", r->name);
    r->fs = 1000.0 / r->dt; /* dt in ms, rates in Hz */
    r->df = r->fs / (double)o->nperseg;
}

/* Read every sample (after --skip) into the Welch accumulator, block by block. */
/* Samples held until the first segment is complete: the estimator, whose buffers are
 * nperseg long, is made only then, so a --nperseg far beyond the input fails after
 * reading what there is instead of allocating for it up front. */
typedef struct {
    double *x;
    size_t n, cap;   /* samples held, room */
} pending;

static void hold(pending *p, const double *x, size_t n, size_t nch)
{
    if (n == 0) return;
    if (p->n + n > p->cap) {
        size_t cap = p->cap ? p->cap : 1024;
        while (cap < p->n + n) cap *= 2;
        double *more = realloc(p->x, cap * nch * sizeof *more);
        if (!more) wc_die("out of memory for %zu samples of %zu channels", cap, nch);
        p->x = more, p->cap = cap;
    }
    memcpy(p->x + p->n * nch, x, n * nch * sizeof *x);
    p->n += n;
}

static wc_psd_welch *start_welch(const psd_opts *o, psd_run *r, pending *p)
{
    wc_psd_welch *w = wc_psd_welch_new(r->nch, (size_t)o->nperseg, (size_t)o->noverlap, o->window, o->detrend);
    if (!w) wc_die("%s: %s", r->name, wc_errmsg());
    wc_psd_welch_push(w, p->x, p->n);
    free(p->x);
    *p = (pending){0};
    return w;
}

static void estimate(const psd_opts *o, psd_run *r)
{
    wc_psd_welch *w = NULL;
    pending first = {0};
    size_t block = BLOCK_VALUES / r->nch ? BLOCK_VALUES / r->nch : 1;
    double *x = malloc(block * r->nch * sizeof *x);
    if (!x) wc_die("out of memory");
    if (wc_series_skip(r->s, o->skip, -1) < 0) wc_die("%s: --skip: %s", r->name, wc_errmsg());
    long got;
    while ((got = wc_series_read(r->s, x, NULL, block)) > 0) {
        if (w) wc_psd_welch_push(w, x, (size_t)got);
        else {
            hold(&first, x, (size_t)got, r->nch);
            if (first.n >= (size_t)o->nperseg) w = start_welch(o, r, &first);
        }
    }
    if (got < 0) wc_die("%s: %s", r->name, wc_errmsg());
    if (!w && first.n == 0) wc_die("%s: no samples%s", r->name, o->skip > 0 ? " after --skip" : "");
    if (!w) wc_die("%s: fewer samples (%zu) than --nperseg (%lld)", r->name, first.n, o->nperseg);
    r->samples = wc_psd_welch_samples(w);
    r->segments = wc_psd_welch_segments(w);
    r->nfreq = wc_psd_welch_nfreq(w);
    if (!(r->psd = malloc(r->nch * r->nfreq * sizeof *r->psd))) wc_die("out of memory");
    if (wc_psd_welch_density(w, r->fs, r->psd) < 0) wc_die("%s: %s", r->name, wc_errmsg());
    wc_psd_welch_free(w);
    free(x);
}

/* --mean: the channels' spectra averaged bin by bin into the first row. */
static void average(psd_run *r)
{
    for (size_t k = 0; k < r->nfreq; k++) {
        double sum = 0;
        for (size_t c = 0; c < r->nch; c++) sum += r->psd[c * r->nfreq + k];
        r->psd[k] = sum / (double)r->nch;
    }
}

/* Bins with f <= --fmax. */
static size_t kept_bins(const psd_opts *o, const psd_run *r)
{
    size_t n = 0;
    while (n < r->nfreq && (double)n * r->df <= o->fmax) n++;
    return n;
}

/* The input's keys (provenance travels on) without those that described its rows, then
 * ours.  unit.psd is the square of the first channel's unit per Hz. */
static wc_hdr *output_header(const psd_opts *o, const psd_run *r)
{
    const wc_hdr *in = wc_series_hdr(r->s);
    char *key = malloc(strlen(wc_series_name(r->s, 0)) + 6);
    if (!key) wc_die("out of memory");
    sprintf(key, "unit.%s", wc_series_name(r->s, 0));
    const char *u = wc_hdr_get(in, key);
    char *unit = u && strcmp(u, "1") != 0 ? strdup(u) : NULL;
    free(key);
    wc_hdr *h = wc_series_derived_hdr(r->s);   /* the rows are frequencies now */
    if (!h) wc_die("out of memory");
    wc_cli_provenance(&o->cli, h);
    wc_hdr_add_num(h, "psd.fs", r->fs);
    wc_hdr_add(h, "psd.nperseg", "%lld", o->nperseg);
    wc_hdr_add(h, "psd.noverlap", "%lld", o->noverlap);
    wc_hdr_add(h, "psd.window", "%s", wc_psd_window_name(o->window));
    wc_hdr_add(h, "psd.detrend", "%s", wc_psd_detrend_name(o->detrend));
    wc_hdr_add(h, "psd.samples", "%lld", r->samples);
    wc_hdr_add(h, "psd.segments", "%lld", r->segments);
    if (o->skip > 0) wc_hdr_add_num(h, "psd.skip", o->skip);
    if (isfinite(o->fmax)) wc_hdr_add_num(h, "psd.fmax", o->fmax);
    if (o->mean) wc_hdr_add(h, "psd.mean", "%zu", r->nch);
    wc_hdr_add(h, "unit.f", "Hz");
    if (unit) wc_hdr_add(h, "unit.psd", "(%s)^2/Hz", unit);
    else wc_hdr_add(h, "unit.psd", "1/Hz");
    free(unit);
    return h;
}

/* The spectra as a wc-stream: f, then a column per channel (or psd). */
static void write_spectra(const psd_opts *o, const psd_run *r)
{
    size_t ncol = o->mean ? 1 : r->nch, nrow = kept_bins(o, r);
    wc_hdr *h = output_header(o, r);
    wc_hdr_set_cols(h, 0, NULL);
    wc_hdr_add_col(h, "f");
    for (size_t c = 0; c < ncol; c++)
        if (wc_hdr_add_col(h, o->mean ? "psd" : wc_series_name(r->s, c)) < 0) wc_die("out of memory");
    wc_hdr_set(h, "nrows", "%zu", nrow);
    double *rows = malloc(nrow * (ncol + 1) * sizeof *rows);
    if (!rows) wc_die("out of memory");
    for (size_t k = 0; k < nrow; k++) {
        rows[k * (ncol + 1)] = (double)k * r->df;
        for (size_t c = 0; c < ncol; c++) rows[k * (ncol + 1) + 1 + c] = r->psd[c * r->nfreq + k];
    }
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    wc_cli_write_rows(&o->cli, w, rows, nrow);
    wc_cli_close_output(&o->cli, w);
    free(rows);
    wc_hdr_free(h);
}

/* --peak: one line per channel (or "mean"): the highest bin above 0 Hz (up to --fmax)
 * and the power of each band. */
static void write_peaks(const psd_opts *o, const psd_run *r)
{
    wc_stream_writer *w = wc_cli_open_output(&o->cli, NULL);
    if (!o->no_header) {
        wc_hdr *h = output_header(o, r);
        for (int b = 0; b < WC_NBANDS; b++) {
            char key[32];
            snprintf(key, sizeof key, "psd.band.%s", wc_psd_bands[b].name);
            wc_hdr_add(h, key, "%g %g", wc_psd_bands[b].lo, wc_psd_bands[b].hi);
        }
        char *text = wc_hdr_text(h, 0, NULL);
        if (!text) wc_die("out of memory");
        wc_cli_write_text(&o->cli, w, text);
        free(text);
        wc_hdr_free(h);
        wc_cli_write_text(&o->cli, w, "# column\tf_peak\tp_peak");
        for (int b = 0; b < WC_NBANDS; b++) wc_cli_write_text(&o->cli, w, "\t"), wc_cli_write_text(&o->cli, w, wc_psd_bands[b].name);
        wc_cli_write_text(&o->cli, w, "\n");
    }
    size_t nrow = o->mean ? 1 : r->nch, search = kept_bins(o, r);
    char empty[64] = "";   /* bands narrower than the bins have no power to show */
    int nempty = 0;
    for (int b = 0; b < WC_NBANDS; b++)
        if (isnan(wc_psd_band(r->psd, r->nfreq, r->df, wc_psd_bands[b].lo, wc_psd_bands[b].hi)))
            snprintf(empty + strlen(empty), sizeof empty - strlen(empty), "%s%s", nempty++ ? " " : "", wc_psd_bands[b].name);
    if (nempty)
        wc_warn("%s: no frequency bin in band%s %s at %g Hz spacing (nan); a longer --nperseg resolves it", r->name,
                nempty > 1 ? "s" : "", empty, r->df);
    for (size_t c = 0; c < nrow; c++) {
        const double *p = r->psd + c * r->nfreq;
        size_t k = wc_psd_peak(p, search);
        double v[2 + WC_NBANDS] = {search >= 2 ? (double)k * r->df : NAN, search >= 2 ? p[k] : NAN};
        for (int b = 0; b < WC_NBANDS; b++) v[2 + b] = wc_psd_band(p, r->nfreq, r->df, wc_psd_bands[b].lo, wc_psd_bands[b].hi);
        wc_cli_write_cells(&o->cli, w, o->mean ? "mean" : wc_series_name(r->s, c), v, 2 + WC_NBANDS);
    }
    wc_cli_close_output(&o->cli, w);
}

int main(int argc, char **argv)
{
    psd_opts o;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    parse_args(&o, argc, argv);
    psd_run r = {0};
    open_input(&o, &r);
    estimate(&o, &r);
    if (o.mean) average(&r);
    if (o.peak) write_peaks(&o, &r);
    else write_spectra(&o, &r);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    wc_info("%s: %lld samples x %zu channels, %lld segments of %lld (fs %g Hz), %.3f s, peak RSS %.1f MB", r.name,
            r.samples, r.nch, r.segments, o.nperseg, r.fs, wc_cli_seconds_since(&t0), ru.ru_maxrss / 1024.0);
    free(r.psd);
    wc_series_close(r.s);
    fftw_cleanup();
    wc_cli_finish();
    return 0;
}
