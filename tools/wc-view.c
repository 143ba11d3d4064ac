/* wc-view — show, convert and cut wc-streams: any of the four encodings (or a plain
 * table) in, any output type out, with column selection, a time window and decimation.
 * Streams row by row in constant memory. */
#include "wc_cli.h"
#include "wckit/wc_err.h"
#include "wckit/wc_num.h"
#include "wckit/wc_stream.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_TMIN = WC_OPT_TOOL_BASE, OPT_TMAX, OPT_EVERY, OPT_NO_HEADER };

typedef struct {
    wc_cli cli;
    const char *input, *columns;
    int header_only, no_header;
    double tmin, tmax;
    long long every;
} view_opts;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: wc-view [options] [FILE]\n"
            "Show or convert a wc-stream (binary or TSV, gzip or not) or a plain table (wc-view(1)).\n"
            "FILE '-' or none: standard input.\n\n"
            "  -H, --header-only        print the header only\n"
            "      --no-header          TSV rows only, no header lines\n"
            "  -c, --columns LIST       keep these columns, by name, in this order (e.g. t,rE)\n"
            "      --tmin MS            drop rows with t < MS (needs a t column)\n"
            "      --tmax MS            drop rows with t > MS (needs a t column)\n"
            "      --every K            keep every K-th row (after the time window) [1]\n");
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    {"header-only", no_argument, 0, 'H'},
    {"no-header", no_argument, 0, OPT_NO_HEADER},
    {"columns", required_argument, 0, 'c'},
    {"tmin", required_argument, 0, OPT_TMIN},
    {"tmax", required_argument, 0, OPT_TMAX},
    {"every", required_argument, 0, OPT_EVERY},
    {0, 0, 0, 0},
};

static void parse_args(view_opts *o, int argc, char **argv)
{
    *o = (view_opts){.tmin = -INFINITY, .tmax = INFINITY, .every = 1};
    wc_cli_init(&o->cli, "wc-view", argc, argv, usage);
    int c;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS "Hc:", longopts, NULL)) != -1) {
        switch (c) {
        case 'H': o->header_only = 1; break;
        case OPT_NO_HEADER: o->no_header = 1; break;
        case 'c': o->columns = optarg; break;
        case OPT_TMIN: o->tmin = wc_cli_double("--tmin", optarg); break;
        case OPT_TMAX: o->tmax = wc_cli_double("--tmax", optarg); break;
        case OPT_EVERY: o->every = wc_cli_count("--every", optarg, 1, 1LL << 50); break;
        default:
            if (!wc_cli_option(&o->cli, c, optarg)) wc_usage("unhandled option");
        }
    }
    if (argc - optind > 1) wc_usage("one input at a time (got %d)", argc - optind);
    o->input = optind < argc ? argv[optind] : NULL;
    wc_cli_need_input(&o->cli, o->input);
    o->cli.wopts.no_header = o->no_header;
}

/* A wc-run stream's sampling interval is dt times every; keeping every K-th row
 * multiplies every by K, so tools that read the interval from the header (wc-psd,
 * wc-fc) see the rows' real spacing. */
static void keep_sampling_interval(wc_hdr *h, long long k)
{
    const char *every = wc_hdr_get(h, "every");
    long long e = 1;
    if (!wc_hdr_get(h, "dt") || (every && (wc_num_parse_int(every, &e) < 0 || e < 1))) return;
    wc_hdr_set(h, "every", "%lld", e * k);
}

static wc_hdr *output_header(const view_opts *o, const wc_hdr *in, const long *idx, size_t n, int filtered)
{
    wc_hdr *h = wc_hdr_dup(in);
    const char **names = malloc(n * sizeof *names);
    if (!h || !names) wc_die("out of memory");
    for (size_t c = 0; c < n; c++) names[c] = wc_hdr_col(in, idx[c]);
    if (wc_hdr_set_cols(h, n, names) < 0) wc_die("out of memory");
    free(names);
    if (filtered) wc_hdr_del(h, "nrows");
    if (o->every > 1) keep_sampling_interval(h, o->every);
    wc_cli_provenance(&o->cli, h);
    return h;
}

int main(int argc, char **argv)
{
    view_opts o;
    parse_args(&o, argc, argv);
    const char *name;
    wc_stream_reader *r = wc_cli_open_input(o.input, &name);
    const wc_hdr *in = wc_stream_reader_hdr(r);
    if (o.header_only) {
        char *text = wc_hdr_text(in, 1, NULL);
        if (!text) wc_die("out of memory");
        fputs(text, stdout);
        free(text);
        wc_stream_reader_close(r);
        wc_cli_finish();
        return 0;
    }
    long tcol = wc_hdr_find_col(in, "t");
    int windowed = isfinite(o.tmin) || isfinite(o.tmax);
    if (windowed && tcol < 0) wc_usage("%s: --tmin/--tmax need a 't' column", name);
    size_t nout, nin = wc_hdr_ncols(in);
    long *idx = wc_cli_columns(in, o.columns, NULL, name, &nout);
    wc_hdr *h = output_header(&o, in, idx, nout, windowed || o.every > 1);
    wc_stream_writer *w = wc_cli_open_output(&o.cli, h);
    double *row = malloc(nin * sizeof *row), *out = malloc(nout * sizeof *out);
    if (!row || !out) wc_die("out of memory");
    long long kept = 0;
    int rc;
    while ((rc = wc_stream_reader_next(r, row)) > 0) {
        if (windowed && !(row[tcol] >= o.tmin && row[tcol] <= o.tmax)) continue;
        if (kept++ % o.every) continue;
        for (size_t c = 0; c < nout; c++) out[c] = row[idx[c]];
        wc_cli_write_rows(&o.cli, w, out, 1);
    }
    if (rc < 0) wc_die("%s: %s", name, wc_errmsg());
    wc_cli_close_output(&o.cli, w);
    wc_info("%s: %lld rows read, %lld written, %zu of %zu columns", name, wc_stream_reader_nrows(r),
            (kept + o.every - 1) / o.every, nout, nin);
    wc_stream_reader_close(r);
    free(row), free(out), free(idx);
    wc_hdr_free(h);
    wc_cli_finish();
    return 0;
}
