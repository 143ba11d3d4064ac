/* wc-bold — neural activity to BOLD: the Balloon–Windkessel model of each channel of a
 * wc-stream, stepped on the stream's own sampling interval, streamed, sampled every TR
 * seconds (wc-bold(1)). */
#include "wc_cli.h"
#include "wckit/wc_bold.h"
#include "wckit/wc_err.h"
#include "wckit/wc_num.h"
#include "wckit/wc_series.h"
#include "wckit/wc_stream.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_TR = WC_OPT_TOOL_BASE, OPT_SCALE, OPT_SKIP };

#define BLOCK 4096

typedef struct {
    wc_cli cli;
    const char *input, *vars;
    int transpose;
    double dt, tr, scale, skip;
} bold_opts;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: wc-bold [options] [FILE]\n"
            "Turn neural activity (each channel of a wc-stream) into a BOLD signal with the\n"
            "Balloon-Windkessel model, sampled every TR seconds (wc-bold(1)).\n\n"
            "Input (FILE or - : standard input):\n");
    wc_cli_usage_series(out);
    fprintf(out,
            "BOLD:\n"
            "      --tr S               sampling interval of the output, seconds [0.72]\n"
            "      --scale X            the model's input is X times the activity [1]\n"
            "      --skip S             drop output samples before S seconds (the hemodynamic\n"
            "                           transient from rest) [0]\n");
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    WC_CLI_SERIES_LONGOPTS,
    {"tr", required_argument, 0, OPT_TR},
    {"scale", required_argument, 0, OPT_SCALE},
    {"skip", required_argument, 0, OPT_SKIP},
    {0, 0, 0, 0},
};

static void parse_args(bold_opts *o, int argc, char **argv)
{
    *o = (bold_opts){.tr = 0.72, .scale = 1};
    wc_cli_init(&o->cli, "wc-bold", argc, argv, usage);
    int c;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS, longopts, NULL)) != -1) {
        switch (c) {
        case OPT_TR: o->tr = wc_cli_positive("--tr", optarg); break;
        case OPT_SCALE: o->scale = wc_cli_double("--scale", optarg); break;
        case OPT_SKIP: o->skip = wc_cli_nonneg("--skip", optarg); break;
        default:
            if (!wc_cli_series_option(c, optarg, &o->vars, &o->transpose, &o->dt) && !wc_cli_option(&o->cli, c, optarg))
                wc_usage("unhandled option");
        }
    }
    if (argc - optind > 1) wc_usage("one input at a time (got %d)", argc - optind);
    o->input = optind < argc ? argv[optind] : NULL;
    wc_cli_need_input(&o->cli, o->input);
}

static wc_hdr *make_header(const bold_opts *o, wc_series *s, const wc_bold_params *bp, double dt_ms)
{
    wc_hdr *h = wc_series_derived_hdr(s);
    if (!h) wc_die("out of memory");
    wc_cli_provenance(&o->cli, h);
    wc_hdr_add(h, "bold.model", "balloon-windkessel (Friston 2003, forward Euler)");
    wc_hdr_add_num(h, "bold.kappa", bp->kappa);
    wc_hdr_add_num(h, "bold.gamma", bp->gamma);
    wc_hdr_add_num(h, "bold.tau", bp->tau);
    wc_hdr_add_num(h, "bold.alpha", bp->alpha);
    wc_hdr_add_num(h, "bold.rho", bp->rho);
    wc_hdr_add_num(h, "bold.V0", bp->V0);
    wc_hdr_add_num(h, "bold.scale", o->scale);
    wc_hdr_add_num(h, "bold.dt", dt_ms / 1000);
    wc_hdr_add_num(h, "tr", o->tr);
    wc_hdr_add_num(h, "skip", o->skip);
    wc_hdr_add(h, "unit.t", "s");
    size_t n = wc_series_nsel(s);
    const char **cols = malloc((n + 1) * sizeof *cols);
    if (!cols) wc_die("out of memory");
    cols[0] = "t";
    for (size_t k = 0; k < n; k++) cols[k + 1] = wc_series_name(s, k);
    if (wc_hdr_set_cols(h, n + 1, cols) < 0) wc_die("%s", wc_errmsg());
    free(cols);
    return h;
}

/* Step the model sample by sample and write the signal every TR: output sample k is the
 * state after the step that ends nearest to k TR (the samples' times as the input's
 * sampling grid gives them, from its first sample). */
static void run(const bold_opts *o, wc_series *s, const char *name, double dt_ms, wc_hdr *h)
{
    size_t n = wc_series_nsel(s);
    wc_bold_params bp;
    wc_bold_params_init(&bp);
    wc_bold *b = wc_bold_new(n, &bp, dt_ms / 1000);
    if (!b) wc_die("%s", wc_errmsg());
    double *x = malloc(BLOCK * n * sizeof *x), *row = malloc((n + 1) * sizeof *row);
    if (!x || !row) wc_die("out of memory for %zu channels", n);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    double per_tr = o->tr * 1000 / dt_ms;   /* steps per output sample */
    long long next = 0, written = 0;        /* output sample index */
    long got;
    while ((got = wc_series_read(s, x, NULL, BLOCK)) > 0) {
        for (long r = 0; r < got;) {
            long long due = llround((double)next * per_tr) - wc_bold_steps(b);
            long m = due < 1 ? 1 : due < got - r ? (long)due : got - r;
            if (wc_bold_run(b, x + r * n, (size_t)m, n, o->scale) < 0) wc_die("%s: %s", name, wc_errmsg());
            r += m;
            if (wc_bold_steps(b) < llround((double)next * per_tr)) continue;
            row[0] = (double)next * o->tr;
            next++;
            if (row[0] < o->skip - 1e-9 * o->tr) continue;
            wc_bold_signal(b, row + 1);
            wc_cli_write_rows(&o->cli, w, row, 1);
            written++;
        }
    }
    if (got < 0) wc_die("%s: %s", name, wc_errmsg());
    wc_cli_close_output(&o->cli, w);
    wc_info("%s: %lld steps of %g ms, %zu channels, %lld samples every %g s", name, wc_bold_steps(b), dt_ms, n, written,
            o->tr);
    if (written == 0) wc_warn("%s: no output sample (the input is shorter than --skip or TR)", name);
    free(x), free(row);
    wc_bold_free(b);
}

int main(int argc, char **argv)
{
    bold_opts o;
    parse_args(&o, argc, argv);
    double dt;
    const char *name;
    wc_series *s = wc_cli_open_series(o.input, o.transpose, o.vars, o.dt, &dt, &name);
    if (!(dt > 0)) wc_die("%s: unknown sampling interval: give --dt MS", name);
    if (o.tr * 1000 < dt) wc_usage("--tr %g s is shorter than the input's sampling interval (%g ms)", o.tr, dt);
    wc_bold_params bp;
    wc_bold_params_init(&bp);
    wc_hdr *h = make_header(&o, s, &bp, dt);
    run(&o, s, name, dt, h);
    wc_hdr_free(h);
    wc_series_close(s);
    wc_cli_finish();
    return 0;
}
