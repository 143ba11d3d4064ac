/* wc-conn — inspect, convert and make connectomes (the C and D matrices of wc-run's
 * network mode: wc-model(7), NETWORKS; wc-conn(1), FORMATS).
 *
 *   info       N, edges, density, weights, symmetry; with --dist lengths and delays
 *   norm       divide by the largest weight or by row sums
 *   threshold  keep the strongest edges
 *   convert    between text, CSV, .npy, braintools msgpack and wc-streams (and from TVB
 *              zips and shipped connectomes)
 *   gen        a synthetic connectome by the exponential distance rule
 *
 * The file formats live in lib/wc_matrix, the arithmetic in lib/wc_conn; this file only
 * parses the command line and says what happened. */
#include "wc_cli.h"
#include "wckit/wc_conn.h"
#include "wckit/wc_err.h"
#include "wckit/wc_matfile.h"
#include "wckit/wc_num.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum sub { SUB_INFO, SUB_NORM, SUB_THRESHOLD, SUB_CONVERT, SUB_GEN, NSUB };

enum {
    OPT_DIST = WC_OPT_TOOL_BASE, OPT_SPEED, OPT_DT, OPT_BY, OPT_KEEP, OPT_MIN, OPT_LAMBDA, OPT_DENSITY,
    OPT_DIST_OUT
};

typedef struct {
    wc_cli cli;
    int sub;
    const char *input;       /* CONN */
    const char *dist;        /* info --dist */
    const char *dist_out;    /* gen --dist-out */
    double speed, dt;
    int by;                  /* norm --by */
    double keep, min;        /* threshold: --keep F or --min W (NaN: not given) */
    int format;              /* -F, or resolved from -O / the -o name */
    wc_conn_gen_opts gen;
    int have_n;
} conn_opts;

static void run_info(const conn_opts *o);
static void run_norm(const conn_opts *o);
static void run_threshold(const conn_opts *o);
static void run_convert(const conn_opts *o);
static void run_gen(const conn_opts *o);

static const struct {
    const char *name;
    void (*run)(const conn_opts *);
} SUBS[NSUB] = {
    {"info", run_info},       {"norm", run_norm}, {"threshold", run_threshold},
    {"convert", run_convert}, {"gen", run_gen},
};

static void usage(FILE *out)
{
    wc_conn_gen_opts g;
    wc_conn_gen_opts_init(&g);
    fprintf(out,
            "Usage: wc-conn COMMAND [options] [CONN]\n"
            "Inspect, convert and make connectomes (wc-conn(1)).\n\n"
            "Commands:\n"
            "  info [--dist D] CONN     size, edges, density, weights, symmetry; lengths and delays\n"
            "  norm [--by M] CONN       normalise the weights\n"
            "  threshold --keep F CONN  keep the strongest edges (or --min W)\n"
            "  convert CONN             write CONN in another format\n"
            "  gen -n N                 a synthetic connectome (exponential distance rule)\n"
            "CONN: text or CSV matrix, wc-stream, .npy, FILE.msgpack[:KEY], a TVB zip (FILE.zip,\n"
            "FILE.zip:tract_lengths) or a shipped connectome (hcp80, hcp80:Dmat, hcp80:FC);\n"
            "- is stdin (text).\n\n"
            "info:\n"
            "      --dist FILE          fibre lengths in mm: report lengths and delays of the edges\n"
            "                           [those of a TVB zip or shipped connectome]\n"
            "      --speed M/S          conduction speed, m/s = mm/ms [2]\n"
            "      --dt MS              time step for delays in steps, ceil(delay/dt) [0.1]\n"
            "norm:\n"
            "      --by M               max (largest |w| becomes 1), rowsum (rows sum to 1) or none [max]\n"
            "threshold:\n"
            "      --keep F             keep the strongest fraction F of the edges (ties at the cut stay)\n"
            "      --min W              keep the edges with |w| >= W\n"
            "gen:\n"
            "  -n, --nodes N            number of nodes\n"
            "  -s, --seed INT           random seed [0]\n"
            "      --lambda MM          length scale of the distance rule w = exp(-d/lambda) [%g]\n"
            "      --density F          keep the strongest fraction F of the edges [%g]\n"
            "      --dist-out FILE      write the lengths (mm) to FILE too\n"
            "                           (--speed and --dt set the delays reported with -v)\n"
            "Output of norm, threshold, convert and gen:\n"
            "  -F, --format F           text, csv, npy, msgpack or stream [from the -o name, else text];\n"
            "                           -O t, z, b, u mean a wc-stream of that type, -O n npy\n",
            g.lambda, g.density);
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    {"dist", required_argument, 0, OPT_DIST},
    {"speed", required_argument, 0, OPT_SPEED},
    {"dt", required_argument, 0, OPT_DT},
    {"by", required_argument, 0, OPT_BY},
    {"keep", required_argument, 0, OPT_KEEP},
    {"min", required_argument, 0, OPT_MIN},
    {"nodes", required_argument, 0, 'n'},
    {"seed", required_argument, 0, 's'},
    {"lambda", required_argument, 0, OPT_LAMBDA},
    {"density", required_argument, 0, OPT_DENSITY},
    {"dist-out", required_argument, 0, OPT_DIST_OUT},
    {"format", required_argument, 0, 'F'},
    {0, 0, 0, 0},
};

#define S(x) (1u << (x))
#define WRITERS (S(SUB_NORM) | S(SUB_THRESHOLD) | S(SUB_CONVERT) | S(SUB_GEN))

/* Which commands take which of their own options. */
static const struct {
    int opt;
    const char *name;
    unsigned subs;
} OPT_SUBS[] = {
    {OPT_DIST, "--dist", S(SUB_INFO)},          {OPT_SPEED, "--speed", S(SUB_INFO) | S(SUB_GEN)},
    {OPT_DT, "--dt", S(SUB_INFO) | S(SUB_GEN)}, {OPT_BY, "--by", S(SUB_NORM)},
    {OPT_KEEP, "--keep", S(SUB_THRESHOLD)},     {OPT_MIN, "--min", S(SUB_THRESHOLD)},
    {'n', "--nodes", S(SUB_GEN)},               {'s', "--seed", S(SUB_GEN)},
    {OPT_LAMBDA, "--lambda", S(SUB_GEN)},       {OPT_DENSITY, "--density", S(SUB_GEN)},
    {OPT_DIST_OUT, "--dist-out", S(SUB_GEN)},   {'F', "--format", WRITERS},
};

static void check_applies(int sub, int opt)
{
    for (size_t k = 0; k < sizeof OPT_SUBS / sizeof *OPT_SUBS; k++)
        if (OPT_SUBS[k].opt == opt && !(OPT_SUBS[k].subs & S(sub)))
            wc_usage("%s is not an option of '%s'", OPT_SUBS[k].name, SUBS[sub].name);
}

static double fraction(const char *opt, const char *arg)
{
    double f = wc_cli_double(opt, arg);
    if (!(f >= 0 && f <= 1)) wc_usage("%s must be between 0 and 1 (got %s)", opt, arg);
    return f;
}

static void parse_option(conn_opts *o, int c, const char *arg)
{
    check_applies(o->sub, c);
    switch (c) {
    case OPT_DIST: o->dist = arg; break;
    case OPT_SPEED: o->speed = wc_cli_positive("--speed", arg); break;
    case OPT_DT: o->dt = wc_cli_positive("--dt", arg); break;
    case OPT_BY:
        if ((o->by = wc_conn_norm_parse(arg)) < 0) wc_usage("--by: '%s' is not max, rowsum or none", arg);
        break;
    case OPT_KEEP: o->keep = fraction("--keep", arg); break;
    case OPT_MIN: o->min = wc_cli_nonneg("--min", arg); break;
    case 'n': o->gen.n = (size_t)wc_cli_count("--nodes", arg, 2, 1LL << 17), o->have_n = 1; break;
    case 's': o->gen.seed = wc_cli_seed("--seed", arg); break;
    case OPT_LAMBDA: o->gen.lambda = wc_cli_positive("--lambda", arg); break;
    case OPT_DENSITY: o->gen.density = fraction("--density", arg); break;
    case OPT_DIST_OUT:
        if (!*arg) wc_usage("--dist-out: empty file name");
        o->dist_out = arg;
        break;
    case 'F':
        if ((o->format = wc_matfile_format_parse(arg)) < 0)
            wc_usage("-F: unknown format '%s' (text, csv, npy, msgpack, stream)", arg);
        break;
    default:
        if (!wc_cli_option(&o->cli, c, arg)) wc_usage("unhandled option");
    }
}

/* The output format from -F, -O and the -o name, in that order; text by default. */
static void resolve_format(conn_opts *o)
{
    int otype = o->cli.otype;
    if (o->sub == SUB_INFO) {
        wc_cli_text_table(&o->cli, "info table");
        return;
    }
    if (otype) {
        int implied = otype == WC_OUT_NPY ? WC_MAT_NPY : WC_MAT_STREAM;
        if (o->format && o->format != implied)
            wc_usage("-O%c writes %s, but -F says %s", otype, wc_matfile_format_name(implied),
                     wc_matfile_format_name(o->format));
        o->format = implied;
    }
    const char *out = o->cli.output;
    if (!o->format && out && strcmp(out, "-") != 0 && (o->format = wc_matfile_format_from_path(out)) < 0)
        wc_usage("-o %s: cannot tell the format from the name; use -F (text, csv, npy, msgpack, stream)",
                 out);
    if (!o->format) o->format = WC_MAT_TEXT;
}

/* The command word, then getopt over the rest (argv[1] stands in as its argv[0]). */
static void parse_args(conn_opts *o, int argc, char **argv)
{
    *o = (conn_opts){.speed = 2.0, .dt = 0.1, .by = WC_NORM_MAX, .keep = NAN, .min = NAN};
    wc_conn_gen_opts_init(&o->gen);
    wc_cli_init(&o->cli, "wc-conn", argc, argv, usage);
    if (argc < 2) wc_usage("no command (info, norm, threshold, convert or gen)");
    const char *word = argv[1];
    if (word[0] == '-') {   /* wc-conn --help, wc-conn --version */
        int c = getopt_long(argc, argv, "+" WC_CLI_SHORTOPTS, longopts, NULL);
        if (c == 'h' || c == WC_OPT_VERSION || c == '?' || c == ':') wc_cli_option(&o->cli, c, optarg);
        wc_usage("the command comes first: wc-conn COMMAND [options]");
    }
    for (o->sub = 0; o->sub < NSUB && strcmp(word, SUBS[o->sub].name) != 0; o->sub++) {}
    if (o->sub == NSUB) wc_usage("unknown command '%s' (info, norm, threshold, convert or gen)", word);
    argv[1] = argv[0];   /* getopt's messages then start "wc-conn: " */
    int c;
    while ((c = getopt_long(argc - 1, argv + 1, WC_CLI_SHORTOPTS "F:n:s:", longopts, NULL)) != -1)
        parse_option(o, c, optarg);
    argv[1] = (char *)word;   /* the provenance line shows the command as typed */
    int nargs = argc - 1 - optind, want = o->sub == SUB_GEN ? 0 : 1;
    if (nargs != want)
        wc_usage("'%s' takes %s (got %d)", word, want ? "one connectome file" : "no file argument", nargs);
    o->input = want ? argv[1 + optind] : NULL;
    if (want) wc_cli_need_input(&o->cli, o->input);
    if (o->sub == SUB_THRESHOLD && isnan(o->keep) == isnan(o->min))
        wc_usage("threshold: give --keep F or --min W");
    if (o->sub == SUB_GEN && !o->have_n) wc_usage("gen: give the number of nodes with -n N");
    resolve_format(o);
}

/* ---- reading and writing ---- */

static const char *shown(const char *path) { return path && strcmp(path, "-") != 0 ? path : "stdin"; }

static void load(const char *path, wc_matrix *m)
{
    if (wc_matfile_load(path, m) < 0) wc_die("%s: %s", shown(path), wc_errmsg());
}

/* Write m to path in format (WC_MAT_AUTO: from the name, else as the main output). */
static void save(const conn_opts *o, const char *path, int format, const wc_matrix *m, const char *key)
{
    if (format == WC_MAT_AUTO && (format = wc_matfile_format_from_path(path)) < 0) format = o->format;
    wc_hdr *h = wc_hdr_new();
    if (!h) wc_die("out of memory");
    wc_cli_provenance(&o->cli, h);
    int otype = o->cli.otype != WC_OUT_NPY ? o->cli.otype : 0;
    wc_matfile_opts so = {.hdr = h, .otype = otype, .precision = o->cli.wopts.precision, .key = key};
    if (wc_matfile_save(path, format, m, &so) < 0)
        wc_die("%s: %s", path && strcmp(path, "-") != 0 ? path : "stdout", wc_errmsg());
    wc_hdr_free(h);
}

/* ---- info ---- */

/* One "key<TAB>value" line: an integer when count >= 0, else x. */
static void kv(const conn_opts *o, wc_stream_writer *w, const char *key, long long count, double x)
{
    char label[64 + 24];
    if (count >= 0) snprintf(label, sizeof label, "%s\t%lld", key, count);
    wc_cli_write_cells(&o->cli, w, count >= 0 ? label : key, &x, count >= 0 ? 0 : 1);
}

static void run_info(const conn_opts *o)
{
    wc_matrix c, d = {0};
    wc_conn_stats s;
    wc_conn_delays dl;
    char *found = NULL;   /* the lengths that come with a TVB zip or a shipped connectome */
    load(o->input, &c);
    wc_conn_stats_compute(&c, &s);
    if (!o->dist && wc_matfile_lengths_source(o->input, &found) < 0) wc_die("%s: %s", shown(o->input), wc_errmsg());
    const char *dist = o->dist ? o->dist : found;
    if (dist) {
        load(dist, &d);
        if (wc_conn_delays_compute(&c, &d, o->speed, o->dt, &dl) < 0) wc_die("%s: %s", dist, wc_errmsg());
    }
    wc_hdr *h = wc_hdr_new();
    if (!h) wc_die("out of memory");
    wc_cli_provenance(&o->cli, h);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, NULL);
    char *text = wc_hdr_text(h, 0, NULL);
    if (!text) wc_die("out of memory");
    wc_cli_write_text(&o->cli, w, text);
    free(text);
    wc_cli_write_text(&o->cli, w, "# key\tvalue\n");
    kv(o, w, "n", (long long)s.n, 0);
    kv(o, w, "edges", (long long)s.edges, 0);
    kv(o, w, "density", -1, s.density);
    kv(o, w, "weight_min", -1, s.w_min);
    kv(o, w, "weight_max", -1, s.w_max);
    kv(o, w, "weight_mean", -1, s.w_mean);
    kv(o, w, "negative", (long long)s.negative, 0);
    kv(o, w, "rowsum_min", -1, s.rowsum_min);
    kv(o, w, "rowsum_max", -1, s.rowsum_max);
    kv(o, w, "symmetric", s.asym_max == 0, 0);
    kv(o, w, "asymmetry_max", -1, s.asym_max);
    kv(o, w, "diag_nonzero", (long long)s.diag_nonzero, 0);
    if (dist) {
        kv(o, w, "speed", -1, o->speed);
        kv(o, w, "dt", -1, o->dt);
        kv(o, w, "length_min_mm", -1, dl.len_min);
        kv(o, w, "length_max_mm", -1, dl.len_max);
        kv(o, w, "length_mean_mm", -1, dl.len_mean);
        kv(o, w, "delay_min_ms", -1, dl.delay_min);
        kv(o, w, "delay_max_ms", -1, dl.delay_max);
        kv(o, w, "delay_min_steps", -1, dl.steps_min);
        kv(o, w, "delay_max_steps", -1, dl.steps_max);
    }
    wc_cli_close_output(&o->cli, w);
    wc_hdr_free(h);
    wc_matrix_free(&c);
    wc_matrix_free(&d);
    free(found);
}

/* ---- norm, threshold, convert ---- */

static void run_norm(const conn_opts *o)
{
    wc_matrix c;
    size_t zero = 0;
    load(o->input, &c);
    if (wc_conn_norm(&c, o->by, &zero) < 0) wc_die("%s: %s", shown(o->input), wc_errmsg());
    if (zero) wc_warn("%s: %zu rows sum to 0 and are left as they are", shown(o->input), zero);
    save(o, o->cli.output, o->format, &c, NULL);
    wc_matrix_free(&c);
}

static void run_threshold(const conn_opts *o)
{
    wc_matrix c;
    wc_conn_stats before;
    load(o->input, &c);
    wc_conn_stats_compute(&c, &before);
    double cut = isnan(o->keep) ? o->min : wc_conn_keep_cut(&c, o->keep);
    if (isnan(cut)) wc_die("out of memory");
    size_t kept = wc_conn_threshold(&c, cut);
    wc_info("%s: kept %zu of %zu edges (|w| >= %g)", shown(o->input), kept, before.edges, cut);
    save(o, o->cli.output, o->format, &c, NULL);
    wc_matrix_free(&c);
}

static void run_convert(const conn_opts *o)
{
    wc_matrix c;
    load(o->input, &c);
    save(o, o->cli.output, o->format, &c, NULL);
    wc_info("%s: %zu x %zu written as %s", shown(o->input), c.n, c.n, wc_matfile_format_name(o->format));
    wc_matrix_free(&c);
}

/* ---- gen ---- */

static void run_gen(const conn_opts *o)
{
    wc_matrix c, d;
    if (wc_conn_gen(&o->gen, &c, &d, NULL) < 0) wc_die("gen: %s", wc_errmsg());
    save(o, o->cli.output, o->format, &c, NULL);
    if (o->dist_out) save(o, o->dist_out, WC_MAT_AUTO, &d, "Dmat");
    wc_conn_stats s;
    wc_conn_delays dl;
    wc_conn_stats_compute(&c, &s);
    if (wc_conn_delays_compute(&c, &d, o->speed, o->dt, &dl) == 0)
        wc_info("%zu nodes, %zu edges; lengths %.3g-%.3g mm; "
                "delays at %g m/s %.3g-%.3g ms, %.0f-%.0f steps of %g ms",
                s.n, s.edges, dl.len_min, dl.len_max, o->speed, dl.delay_min, dl.delay_max, dl.steps_min,
                dl.steps_max, o->dt);
    wc_matrix_free(&c);
    wc_matrix_free(&d);
}

int main(int argc, char **argv)
{
    conn_opts o;
    parse_args(&o, argc, argv);
    SUBS[o.sub].run(&o);
    wc_cli_finish();
    return 0;
}
