/* wc-stats — per-column statistics of a stream, in one pass and bounded memory:
 * count, min, max, mean, sd, time of the maximum, and the reference's transient-response
 * metrics (wc_stats.h): latency (first time the signal exceeds 10 % of its peak),
 * steady state (mean of the last 100 samples) and overshoot % = (peak - steady)/steady*100.
 * One output row per input column, as a vnlog/TSV table. */
#include "wc_cli.h"
#include "wckit/wc_err.h"
#include "wckit/wc_num.h"
#include "wckit/wc_stats.h"
#include "wckit/wc_stream.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_STEADY_N = WC_OPT_TOOL_BASE, OPT_LATENCY_FRAC, OPT_TMIN, OPT_TMAX, OPT_NO_HEADER };

typedef struct {
    wc_cli cli;
    const char *input, *columns;
    long long steady_n;
    double frac, tmin, tmax;
    int no_header;
} stats_opts;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: wc-stats [options] [FILE]\n"
            "Per-column statistics of a wc-stream or table, one row per column (wc-stats(1)).\n"
            "Output columns: column n min max mean sd t_max latency steady overshoot.\n\n"
            "  -c, --columns LIST       only these columns [all but t]\n"
            "      --steady-n K         steady state = mean of the last K samples [100]\n"
            "      --latency-frac F     latency = first time the signal exceeds F * peak [0.1]\n"
            "      --tmin MS            ignore rows with t < MS\n"
            "      --tmax MS            ignore rows with t > MS\n"
            "      --no-header          rows only\n");
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    {"columns", required_argument, 0, 'c'},
    {"steady-n", required_argument, 0, OPT_STEADY_N},
    {"latency-frac", required_argument, 0, OPT_LATENCY_FRAC},
    {"tmin", required_argument, 0, OPT_TMIN},
    {"tmax", required_argument, 0, OPT_TMAX},
    {"no-header", no_argument, 0, OPT_NO_HEADER},
    {0, 0, 0, 0},
};

static void parse_args(stats_opts *o, int argc, char **argv)
{
    *o = (stats_opts){.steady_n = 100, .frac = 0.1, .tmin = -INFINITY, .tmax = INFINITY};
    wc_cli_init(&o->cli, "wc-stats", argc, argv, usage);
    int c;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS "c:", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': o->columns = optarg; break;
        case OPT_STEADY_N: o->steady_n = wc_cli_count("--steady-n", optarg, 1, 1LL << 26); break;
        case OPT_LATENCY_FRAC:
            o->frac = wc_cli_double("--latency-frac", optarg);
            if (o->frac < 0 || o->frac > 1) wc_usage("--latency-frac must be between 0 and 1 (got %s)", optarg);
            break;
        case OPT_TMIN: o->tmin = wc_cli_double("--tmin", optarg); break;
        case OPT_TMAX: o->tmax = wc_cli_double("--tmax", optarg); break;
        case OPT_NO_HEADER: o->no_header = 1; break;
        default:
            if (!wc_cli_option(&o->cli, c, optarg)) wc_usage("unhandled option");
        }
    }
    wc_cli_text_table(&o->cli, "statistics table");
    if (argc - optind > 1) wc_usage("one input at a time (got %d)", argc - optind);
    o->input = optind < argc ? argv[optind] : NULL;
    wc_cli_need_input(&o->cli, o->input);
}

/* One output row: the column name, then the numbers. */
static void print_row(const stats_opts *o, wc_stream_writer *w, const char *name, const wc_stats *st)
{
    wc_stats_summary s;
    wc_stats_get(st, &s);
    double vals[] = {s.min, s.max, s.mean, s.sd, s.t_max, s.latency, s.steady, s.overshoot};
    char *label = malloc(strlen(name) + 24);
    if (!label) wc_die("out of memory");
    sprintf(label, "%s\t%lld", name, s.n);   /* the count as an integer, whatever --precision says */
    wc_cli_write_cells(&o->cli, w, label, vals, sizeof vals / sizeof *vals);
    free(label);
}

/* The table header: the input's key lines (provenance travels on), ours, the names.
 * No "## wc-stream" line: the first column is text, so this is a plain vnlog table. */
static void print_header(const stats_opts *o, wc_stream_writer *w, const wc_hdr *in)
{
    wc_hdr *h = wc_hdr_dup(in);
    if (!h) wc_die("out of memory");
    wc_hdr_del(h, "nrows");
    wc_cli_provenance(&o->cli, h);
    wc_hdr_add(h, "stats.steady-n", "%lld", o->steady_n);
    wc_hdr_add_num(h, "stats.latency-frac", o->frac);
    char *text = wc_hdr_text(h, 0, NULL);
    if (!text) wc_die("out of memory");
    wc_cli_write_text(&o->cli, w, text);
    free(text);
    wc_cli_write_text(&o->cli, w, "# column\tn\tmin\tmax\tmean\tsd\tt_max\tlatency\tsteady\tovershoot\n");
    wc_hdr_free(h);
}

/* Summarise the chosen columns of the input, row by row, in bounded memory. */
static wc_stats **summarise(const stats_opts *o, wc_stream_reader *r, const char *name, const long *idx, size_t n)
{
    const wc_hdr *in = wc_stream_reader_hdr(r);
    long tcol = wc_hdr_find_col(in, "t");
    if (tcol < 0 && (isfinite(o->tmin) || isfinite(o->tmax))) wc_usage("%s: --tmin/--tmax need a 't' column", name);
    double *row = malloc(wc_hdr_ncols(in) * sizeof *row);
    wc_stats **st = malloc(n * sizeof *st);
    if (!row || !st) wc_die("out of memory");
    for (size_t c = 0; c < n; c++)
        if (!(st[c] = wc_stats_new(o->steady_n, o->frac))) wc_die("%s", wc_errmsg());
    int rc;
    for (long long k = 0; (rc = wc_stream_reader_next(r, row)) > 0; k++) {
        double t = tcol >= 0 ? row[tcol] : (double)k;
        if (!(t >= o->tmin && t <= o->tmax)) continue; /* also drops rows whose t is NaN */
        for (size_t c = 0; c < n; c++)
            if (wc_stats_add(st[c], t, row[idx[c]]) < 0) wc_die("%s", wc_errmsg());
    }
    if (rc < 0) wc_die("%s: %s", name, wc_errmsg());
    free(row);
    return st;
}

int main(int argc, char **argv)
{
    stats_opts o;
    parse_args(&o, argc, argv);
    const char *name;
    wc_stream_reader *r = wc_cli_open_input(o.input, &name);
    const wc_hdr *in = wc_stream_reader_hdr(r);
    size_t n;
    long *idx = wc_cli_columns(in, o.columns, "t", name, &n);
    if (n == 0) wc_die("%s: no data columns", name);
    wc_stats **st = summarise(&o, r, name, idx, n);
    wc_stream_writer *w = wc_cli_open_output(&o.cli, NULL);
    if (!o.no_header) print_header(&o, w, in);
    for (size_t c = 0; c < n; c++) print_row(&o, w, wc_hdr_col(in, idx[c]), st[c]);
    wc_cli_close_output(&o.cli, w);
    wc_info("%s: %lld rows, %zu columns summarised", name, wc_stream_reader_nrows(r), n);
    for (size_t c = 0; c < n; c++) wc_stats_free(st[c]);
    free(st), free(idx);
    wc_stream_reader_close(r);
    wc_cli_finish();
    return 0;
}
