/* wc-fc — functional connectivity (wc-fc(1), DESCRIPTION) of the channels of a stream: the
 * Pearson correlation matrix (or covariance, or Fisher z), accumulated online in blocks
 * of samples in memory independent of the run's length; sliding-window FC and its FCD
 * matrix; the fit to empirical data (correlation of the FCs' upper triangles, KS
 * distance of the FCD distributions) and to a structural connectome.
 *
 * The numerics live in lib/wc_fc, the reading of channels in lib/wc_series; this file
 * parses the command line, turns durations into samples and writes the result. */
#include "wc_cli.h"
#include "wckit/wc_err.h"
#include "wckit/wc_fc.h"
#include "wckit/wc_fcd.h"
#include "wckit/wc_matfile.h"
#include "wckit/wc_num.h"
#include "wckit/wc_series.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Fewer channels than this are accumulated on one thread: too little work per row. */
#define THREADS_NMIN 16

enum {
    OPT_SKIP = WC_OPT_TOOL_BASE, OPT_EVERY, OPT_COV, OPT_FISHER_Z,
    OPT_WINDOW, OPT_STEP, OPT_FCD_HIST, OPT_COMPARE, OPT_COMPARE_FCD, OPT_COMPARE_TS,
    OPT_COMPARE_TRANSPOSE, OPT_COMPARE_DT, OPT_SC, OPT_SUMMARY, OPT_NO_HEADER
};

typedef struct {
    wc_cli cli;
    const char *input, *vars;
    int transpose, kind, summary, no_header;
    double dt;
    wc_cli_span skip, window, step;
    long long every, hist_bins;
    const char *compare, *compare_fcd, *compare_ts, *sc;
    int compare_transpose;
    double compare_dt;
    int threads;
} fc_opts;

/* What one pass over a series gives. */
typedef struct {
    size_t n;
    long long samples;        /* used (after --skip and --every) */
    double dt, t0;            /* ms per sample used (0: unknown); time of the first */
    double skip_t;            /* --skip in ms: drop the samples with t < skip_t (else NaN) */
    size_t skip, window, step;/* --skip in samples; windows in samples */
    long long skipped;        /* samples dropped by --skip */
    double *fc;               /* n x n */
    wc_fcd *fcd;              /* NULL without --window */
    double *fcdm;             /* K x K */
    size_t nwin;
} fc_result;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: wc-fc [options] [FILE]\n"
            "Functional connectivity of the channels of a wc-stream or table (wc-fc(1)): the N x N\n"
            "Pearson correlation matrix, sliding-window FC (FCD), fit to empirical FC, FCD and SC.\n"
            "FILE '-' or none: standard input.  SPAN: ms, or with a unit: 250ms, 60s, 30samples.\n\n"
            "Input:\n");
    wc_cli_usage_series(out);
    fprintf(out,
            "      --skip SPAN          drop the samples before t = SPAN (a transient), or the first\n"
            "                           K with Ksamples [0]\n"
            "      --every K            use every K-th sample after --skip [1]\n"
            "Matrix:\n"
            "      --cov                covariance (ddof 1, numpy.cov) instead of correlation\n"
            "      --fisher-z           arctanh of the correlations (diagonal 0)\n"
            "FCD (sliding windows):\n"
            "      --window SPAN        FC in windows of SPAN; write the FCD matrix of the windows\n"
            "      --step SPAN          between window starts (needed with --window)\n"
            "      --fcd-hist BINS      write the histogram of the FCD values (BINS bins on [-1, 1])\n"
            "Fit (reported with --summary):\n"
            "      --compare FILE       empirical FC, any matrix format (hcp80:FC shipped): fc_corr\n"
            "      --compare-fcd FILE   empirical FCD matrix: ks (with --window)\n"
            "      --compare-ts FILE    empirical time series: fc_corr of its FC, ks of its FCD\n"
            "      --compare-transpose  the --compare-ts table has the channels in rows\n"
            "      --compare-dt MS      sampling interval of the --compare-ts series\n"
            "      --sc FILE            structural connectome: sc_corr\n"
            "      --summary            one line (n samples fc_mean ...) instead of the matrix\n"
            "      --no-header          with --summary: the line without the names line\n"
            "  -t, --threads N          accumulate on N threads (same results)\n"
            "                           [CPUs, at most %d; 1 when reading a pipe]\n",
            WC_FC_LANES);
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    WC_CLI_SERIES_LONGOPTS,
    {"skip", required_argument, 0, OPT_SKIP},
    {"every", required_argument, 0, OPT_EVERY},
    {"cov", no_argument, 0, OPT_COV},
    {"fisher-z", no_argument, 0, OPT_FISHER_Z},
    {"window", required_argument, 0, OPT_WINDOW},
    {"step", required_argument, 0, OPT_STEP},
    {"fcd-hist", required_argument, 0, OPT_FCD_HIST},
    {"compare", required_argument, 0, OPT_COMPARE},
    {"compare-fcd", required_argument, 0, OPT_COMPARE_FCD},
    {"compare-ts", required_argument, 0, OPT_COMPARE_TS},
    {"compare-transpose", no_argument, 0, OPT_COMPARE_TRANSPOSE},
    {"compare-dt", required_argument, 0, OPT_COMPARE_DT},
    {"sc", required_argument, 0, OPT_SC},
    {"summary", no_argument, 0, OPT_SUMMARY},
    {"no-header", no_argument, 0, OPT_NO_HEADER},
    {"threads", required_argument, 0, 't'},
    {0, 0, 0, 0},
};

static void parse_args(fc_opts *o, int argc, char **argv)
{
    *o = (fc_opts){.kind = WC_FC_CORR, .every = 1};   /* threads 0: auto_threads() */
    wc_cli_init(&o->cli, "wc-fc", argc, argv, usage);
    int c, cov = 0, z = 0;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS "t:", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_SKIP: o->skip = wc_cli_span_parse("--skip", optarg); break;
        case OPT_EVERY: o->every = wc_cli_count("--every", optarg, 1, 1LL << 40); break;
        case OPT_COV: cov = 1, o->kind = WC_FC_COV; break;
        case OPT_FISHER_Z: z = 1, o->kind = WC_FC_FISHER_Z; break;
        case OPT_WINDOW: o->window = wc_cli_span_parse("--window", optarg); break;
        case OPT_STEP: o->step = wc_cli_span_parse("--step", optarg); break;
        case OPT_FCD_HIST: o->hist_bins = wc_cli_count("--fcd-hist", optarg, 1, 1 << 24); break;
        case OPT_COMPARE: o->compare = optarg; break;
        case OPT_COMPARE_FCD: o->compare_fcd = optarg; break;
        case OPT_COMPARE_TS: o->compare_ts = optarg; break;
        case OPT_COMPARE_TRANSPOSE: o->compare_transpose = 1; break;
        case OPT_COMPARE_DT: o->compare_dt = wc_cli_positive("--compare-dt", optarg); break;
        case OPT_SC: o->sc = optarg; break;
        case OPT_SUMMARY: o->summary = 1; break;
        case OPT_NO_HEADER: o->no_header = 1; break;
        case 't': o->threads = (int)wc_cli_count("--threads", optarg, 1, 1024); break;
        default:
            if (!wc_cli_series_option(c, optarg, &o->vars, &o->transpose, &o->dt) && !wc_cli_option(&o->cli, c, optarg))
                wc_usage("unhandled option");
        }
    }
    if (cov && z) wc_usage("--cov and --fisher-z exclude each other");
    if (o->window.unit && !o->step.unit) wc_usage("--window needs --step (the distance between window starts)");
    if (o->step.unit && !o->window.unit) wc_usage("--step needs --window");
    if (!o->window.unit && (o->hist_bins || o->compare_fcd))
        wc_usage("%s needs --window", o->hist_bins ? "--fcd-hist" : "--compare-fcd");
    if (!o->compare_ts && (o->compare_transpose || o->compare_dt > 0))
        wc_usage("--compare-transpose and --compare-dt go with --compare-ts");
    if (o->summary && o->hist_bins) wc_usage("--summary and --fcd-hist exclude each other");
    if (!o->summary && o->no_header) wc_usage("--no-header goes with --summary");
    if (o->summary) wc_cli_text_table(&o->cli, "summary");
    if (argc - optind > 1) wc_usage("one input at a time (got %d)", argc - optind);
    o->input = optind < argc ? argv[optind] : NULL;
    wc_cli_need_input(&o->cli, o->input);
}

static const char *shown(const char *path) { return path && strcmp(path, "-") != 0 ? path : "stdin"; }

/* A span in samples: ms / dt rounded to the nearest. */
static size_t to_samples(const char *opt, wc_cli_span sp, double dt, const char *name, const char *dtopt)
{
    if (sp.unit == WC_SPAN_SAMPLES) return (size_t)llround(sp.v);
    if (sp.unit == WC_SPAN_NONE) return 0;
    if (!(dt > 0))
        wc_usage("%s: %s in ms needs the sampling interval (no dt in the header, no t column): "
                 "give %s MS, or the span in samples (e.g. 30samples)", name, opt, dtopt);
    return (size_t)llround(sp.v / dt);
}

/* Open a series, select its channels, find its sampling interval. */
/* The blocks are too small for OpenBLAS's own threads to pay, and its idle pool threads
 * spin (sched_yield) for 2^28 cycles, about 0.1 s, after starting: the whole life of a
 * short wc-fc, taking a core from the threads here or from the program writing into the
 * pipe.  So BLAS runs on the calling thread and the pool is stopped with the function
 * OpenBLAS itself calls before a fork (a later threaded call starts it again).
 * @return the thread count to restore. */
extern int blas_thread_shutdown_(void) __attribute__((weak));
static int quiet_blas(void)
{
    int n = openblas_get_num_threads();
    openblas_set_num_threads(1);
    if (blas_thread_shutdown_) blas_thread_shutdown_();
    return n;
}

/* Read every sample of s (dropping skip, keeping every every-th), accumulate the FC and
 * the windows; r->skip/window/step are set by the caller. */
static void analyse(wc_series *s, const char *name, int kind, long long every, int threads, fc_result *r)
{
    enum { TMAX = 512 };   /* rows asked for at once (at most a chunk) */
    size_t n = wc_series_nsel(s);
    wc_fc_acc *acc = wc_fc_acc_new(n);
    double *t = malloc(TMAX * sizeof *t);
    if (!acc || !t) wc_die("out of memory");
    if (threads > 1 && n >= THREADS_NMIN && wc_fc_acc_threads(acc, threads) < 0)
        wc_warn("%s; computing on one thread", wc_errmsg());
    int blas_threads = quiet_blas();
    if (r->window && !(r->fcd = wc_fcd_new(n, r->window, r->step, kind))) wc_die("%s: %s", name, wc_errmsg());
    long long k = 0;   /* samples after the skip */
    long got;
    if (wc_series_skip(s, r->skip_t, isnan(r->skip_t) && r->skip ? (long long)r->skip : -1) < 0)
        wc_die("%s: --skip: %s", name, wc_errmsg());
    r->n = n, r->t0 = NAN;
    for (;;) {
        /* read straight into the accumulator's chunk; drop decimated rows in place */
        size_t room;
        double *x = wc_fc_acc_space(acc, &room);
        if ((got = wc_series_read(s, x, t, room < TMAX ? room : TMAX)) <= 0) break;
        size_t kept = 0;
        for (long i = 0; i < got; i++) {
            if (k++ % every) continue;
            if (isnan(r->t0)) r->t0 = t[i];
            if (kept != (size_t)i) memcpy(x + kept * n, x + (size_t)i * n, n * sizeof *x);
            kept++;
        }
        if (r->fcd && wc_fcd_add(r->fcd, x, kept) < 0) wc_die("%s: %s", name, wc_errmsg());
        wc_fc_acc_commit(acc, kept);
    }
    if (got < 0) wc_die("%s: %s", name, wc_errmsg());
    r->skipped = wc_series_skipped(s);
    r->samples = wc_fc_acc_count(acc);
    if (r->samples < 2)
        wc_die("%s: %lld sample%s%s: at least 2 are needed", name, r->samples, r->samples == 1 ? "" : "s",
               r->skipped ? " after --skip" : "");
    if (!(r->fc = malloc(n * n * sizeof *r->fc))) wc_die("out of memory");
    size_t nconst;
    if (wc_fc_acc_result(acc, kind, r->fc, &nconst) < 0) wc_die("%s: %s", name, wc_errmsg());
    if (nconst == n && n > 0 && kind != WC_FC_COV)
        wc_die("%s: every channel is constant (zero variance): no correlation to compute", name);
    if (nconst) wc_info("%s: %zu constant channel%s (correlation 0)", name, nconst, nconst == 1 ? "" : "s");
    if (r->fcd) {
        if (r->window > (size_t)r->samples)
            wc_die("%s: --window is %zu samples, longer than the %lld samples read", name, r->window, r->samples);
        r->nwin = wc_fcd_nwindows(r->fcd);
        openblas_set_num_threads(blas_threads);   /* the FCD matrix: one product, K x K */
        if (!(r->fcdm = malloc(r->nwin * r->nwin * sizeof *r->fcdm))) wc_die("out of memory");
        if (wc_fcd_matrix(r->fcd, r->fcdm) < 0) wc_die("%s: %s", name, wc_errmsg());
    }
    wc_fc_acc_free(acc);
    free(t);
}

/* Samples from spans, for a series with sampling interval dt. */
static void plan(const fc_opts *o, fc_result *r, double dt, long long every, int main_input, const char *name)
{
    const char *dtopt = main_input ? "--dt" : "--compare-dt";
    r->dt = dt > 0 ? dt * (double)every : 0;
    r->skip_t = NAN;
    if (main_input && o->skip.unit == WC_SPAN_SAMPLES) r->skip = (size_t)llround(o->skip.v);
    else if (main_input && o->skip.unit == WC_SPAN_MS && o->skip.v > 0) {
        if (!(dt > 0)) to_samples("--skip", o->skip, dt, name, dtopt);   /* says why */
        r->skip_t = o->skip.v;
    }
    if (!o->window.unit) return;
    r->window = to_samples("--window", o->window, r->dt, name, dtopt);
    r->step = to_samples("--step", o->step, r->dt, name, dtopt);
    if (r->window < 2) wc_usage("%s: --window is %zu samples; at least 2 are needed", name, r->window);
    if (r->step < 1) wc_usage("%s: --step is 0 samples", name);
}

static void result_free(fc_result *r)
{
    free(r->fc), free(r->fcdm);
    wc_fcd_free(r->fcd);
}

/* ---- fit ---- */

typedef struct {
    double fc_corr, sc_corr, ks;
} fit;

/* The references: read (and --compare-ts opened and planned) before the input is
 * analysed, so that a bad one fails at once, not after a long input. */
typedef struct {
    wc_matrix fc, sc, fcd;     /* n = 0: not given */
    wc_series *ts;             /* --compare-ts, or NULL */
    const char *ts_name;
    fc_result ts_r;
} refs;

static void load_matrix(const char *path, wc_matrix *m)
{
    if (wc_matfile_load(path, m) < 0) wc_die("%s: %s", shown(path), wc_errmsg());
}

static void load_refs(const fc_opts *o, refs *e)
{
    *e = (refs){0};
    if (o->compare) load_matrix(o->compare, &e->fc);
    if (o->sc) load_matrix(o->sc, &e->sc);
    if (o->compare_fcd) {
        load_matrix(o->compare_fcd, &e->fcd);
        if (e->fcd.n < 2) wc_die("%s: an FCD matrix needs at least 2 windows", shown(o->compare_fcd));
    }
    if (o->compare_ts) {
        double dt;
        e->ts = wc_cli_open_series(o->compare_ts, o->compare_transpose, NULL, o->compare_dt, &dt, &e->ts_name);
        plan(o, &e->ts_r, dt, 1, 0, e->ts_name);
    }
}

static void check_size(const char *path, const wc_matrix *m, size_t want, const char *what)
{
    if (m->n != want)
        wc_die("%s: %zu x %zu, but the FC is %zu x %zu (%s)", shown(path), m->n, m->n, want, want, what);
}

static fit compare(const fc_opts *o, refs *e, const fc_result *r)
{
    fit f = {NAN, NAN, NAN};
    if (o->compare) check_size(o->compare, &e->fc, r->n, "--compare");
    if (o->sc) check_size(o->sc, &e->sc, r->n, "--sc");
    if ((o->compare || o->compare_ts || o->sc) && r->n < 3)
        wc_warn("%zu channels: a correlation of upper triangles needs at least 3 (it is nan)", r->n);
    if (o->compare) f.fc_corr = wc_fc_matrix_corr(r->fc, e->fc.a, r->n);
    if (o->sc) f.sc_corr = wc_fc_matrix_corr(r->fc, e->sc.a, r->n);
    if (o->compare_fcd) f.ks = wc_fcd_ks(r->fcdm, r->nwin, e->fcd.a, e->fcd.n);
    if (e->ts) {
        fc_result *x = &e->ts_r;
        analyse(e->ts, e->ts_name, o->kind, 1, o->threads, x);
        wc_series_close(e->ts);
        if (x->n != r->n) wc_die("%s: %zu channels, but the input has %zu", e->ts_name, x->n, r->n);
        if (!o->compare) f.fc_corr = wc_fc_matrix_corr(r->fc, x->fc, r->n);
        if (r->fcd && !o->compare_fcd) f.ks = wc_fcd_ks(r->fcdm, r->nwin, x->fcdm, x->nwin);
        result_free(x);
    }
    wc_matrix_free(&e->fc), wc_matrix_free(&e->sc), wc_matrix_free(&e->fcd);
    return f;
}

/* ---- output ---- */

/* A tab and x in the output's precision. */
static void put(char *line, size_t *len, const fc_opts *o, double x)
{
    line[(*len)++] = '\t';
    *len += wc_num_fmt(line + *len, x, o->cli.wopts.precision);
}

/* Names line and one line of numbers: n samples fc_mean [windows fcd_mean] [fits]. */
static void write_summary(const fc_opts *o, const fc_result *r, const fit *f)
{
    char names[256] = "# n\tsamples\tfc_mean", line[16 * WC_NUM_BUFSZ];
    size_t len = (size_t)snprintf(line, sizeof line, "%zu\t%lld", r->n, r->samples);
    put(line, &len, o, wc_fc_upper_mean(r->fc, r->n));
    if (r->fcd) {
        strcat(names, "\twindows\tfcd_mean");
        len += (size_t)snprintf(line + len, sizeof line - len, "\t%zu", r->nwin);
        put(line, &len, o, wc_fc_upper_mean(r->fcdm, r->nwin));
    }
    if (o->compare || o->compare_ts) strcat(names, "\tfc_corr"), put(line, &len, o, f->fc_corr);
    if (o->sc) strcat(names, "\tsc_corr"), put(line, &len, o, f->sc_corr);
    if (r->fcd && (o->compare_fcd || o->compare_ts)) strcat(names, "\tks"), put(line, &len, o, f->ks);
    strcat(names, "\n");
    strcpy(line + len, "\n");
    wc_stream_writer *w = wc_cli_open_output(&o->cli, NULL);
    if (!o->no_header) wc_cli_write_text(&o->cli, w, names);
    wc_cli_write_text(&o->cli, w, line);
    wc_cli_close_output(&o->cli, w);
}

/* The input's key lines (provenance), ours, and the column names. */
static wc_hdr *output_header(const fc_opts *o, wc_series *s, const fc_result *r)
{
    wc_hdr *h = wc_series_derived_hdr(s);   /* rows are channels (or windows) now */
    if (!h) wc_die("out of memory");
    wc_cli_provenance(&o->cli, h);
    wc_hdr_set(h, "fc.kind", "%s", wc_fc_kind_name(o->kind));
    wc_hdr_set(h, "fc.samples", "%lld", r->samples);
    if (!isnan(r->skip_t)) wc_hdr_set_num(h, "fc.skip", r->skip_t);
    wc_hdr_set(h, "fc.skip-samples", "%lld", r->skipped);
    wc_hdr_set(h, "fc.every", "%lld", o->every);
    if (r->dt > 0) wc_hdr_set_num(h, "fc.dt", r->dt);
    if (isfinite(r->t0) && (r->dt > 0 || wc_hdr_find_col(wc_series_hdr(s), "t") >= 0)) wc_hdr_set_num(h, "fc.t0", r->t0);
    char name[32];
    if (r->fcd) {
        wc_hdr_set(h, "fcd.windows", "%zu", r->nwin);
        wc_hdr_set(h, "fcd.window-samples", "%zu", r->window);
        wc_hdr_set(h, "fcd.step-samples", "%zu", r->step);
        if (r->dt > 0) wc_hdr_set_num(h, "fcd.window", (double)r->window * r->dt), wc_hdr_set_num(h, "fcd.step", (double)r->step * r->dt);
    }
    wc_hdr_set_cols(h, 0, NULL);
    if (o->hist_bins) {
        wc_hdr_set(h, "fcd.bins", "%lld", o->hist_bins);
        const char *cols[] = {"fcd", "count", "density"};
        if (wc_hdr_set_cols(h, 3, cols) < 0) wc_die("out of memory");
    } else if (r->fcd) {
        for (size_t k = 0; k < r->nwin; k++)
            if (snprintf(name, sizeof name, "w%zu", k), wc_hdr_add_col(h, name) < 0) wc_die("out of memory");
    } else {
        for (size_t k = 0; k < r->n; k++)
            if (wc_hdr_add_col(h, wc_series_name(s, k)) < 0) wc_die("out of memory");
    }
    return h;
}

static void write_matrix(const fc_opts *o, wc_series *s, const fc_result *r)
{
    wc_hdr *h = output_header(o, s, r);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    if (o->hist_bins) {
        double *rows = malloc((size_t)o->hist_bins * 3 * sizeof *rows);
        if (!rows || wc_fcd_hist(r->fcdm, r->nwin, (size_t)o->hist_bins, rows) < 0) wc_die("out of memory");
        wc_cli_write_rows(&o->cli, w, rows, (size_t)o->hist_bins);
        free(rows);
    } else if (r->fcd) {
        wc_cli_write_rows(&o->cli, w, r->fcdm, r->nwin);
    } else {
        wc_cli_write_rows(&o->cli, w, r->fc, r->n);
    }
    wc_cli_close_output(&o->cli, w);
    wc_hdr_free(h);
}

/* From a pipe the writer sets the pace and one thread keeps up with it (80 channels:
 * wc-fc takes a third of a core behind wc-run); more threads would only take CPU from
 * the writer.  From a file, every CPU. */
static int auto_threads(const char *input)
{
    struct stat st;
    int from_pipe = !input || strcmp(input, "-") == 0 ? fstat(0, &st) == 0 && S_ISFIFO(st.st_mode)
                                                      : stat(input, &st) == 0 && S_ISFIFO(st.st_mode);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return from_pipe || cpus < 1 ? 1 : cpus > WC_FC_LANES ? WC_FC_LANES : (int)cpus;
}

int main(int argc, char **argv)
{
    fc_opts o;
    parse_args(&o, argc, argv);
    const char *name;
    if (!o.threads) o.threads = auto_threads(o.input);
    double dt;
    wc_series *s = wc_cli_open_series(o.input, o.transpose, o.vars, o.dt, &dt, &name);
    fc_result r = {0};
    plan(&o, &r, dt, o.every, 1, name);
    refs e;
    load_refs(&o, &e);
    analyse(s, name, o.kind, o.every, o.threads, &r);
    fit f = compare(&o, &e, &r);   /* every input is read before any output is opened */
    if (o.summary) write_summary(&o, &r, &f);
    else write_matrix(&o, s, &r);
    wc_info("%s: %zu channels, %lld samples%s", name, r.n, r.samples, r.fcd ? ", FCD computed" : "");
    result_free(&r);
    wc_series_close(s);
    wc_cli_finish();
    return 0;
}
