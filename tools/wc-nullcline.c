/* wc-nullcline — the phase plane of one node: nullclines, fixed points with their
 * stability, the vector field and the saddles' separatrices, as tables for gnuplot
 * (wc-nullcline(1)); with --network, the stability of a network's fixed points. */
#include "wc_cli.h"
#include "wckit/wc_err.h"
#include "wckit/wc_model.h"
#include "wckit/wc_num.h"
#include "wckit/wc_params.h"
#include "wckit/wc_phase.h"
#include "wckit/wc_range.h"
#include "wckit/wc_stream.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { WHAT_NULLCLINES, WHAT_FIXED, WHAT_FIELD, WHAT_SEPARATRIX };
static const char *const what_names[] = {"nullclines", "fixed", "field", "separatrix"};

enum { OPT_WHAT = WC_OPT_TOOL_BASE, OPT_RE, OPT_RI, OPT_POINTS, OPT_FIELD, OPT_SEP_POINTS };

typedef struct {
    wc_cli cli;
    wc_cli_model model;
    int what, what_set;
    const char *rE, *rI;           /* --rE, --rI as given */
    long long points, sep_points;
    long long nx, ny;
} nc_opts;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: wc-nullcline [options]\n"
            "The phase plane of one Wilson-Cowan node at constant input: nullclines, fixed points and\n"
            "their stability, the vector field, separatrices (wc-nullcline(1), wc-model(7)).\n\n"
            "What:\n"
            "      --what W             nullclines, fixed, field or separatrix [nullclines]\n"
            "Window:\n"
            "      --rE LO:HI           rE range [one that holds every fixed point the model can have]\n"
            "      --rI LO:HI           rI range [likewise]\n"
            "Resolution:\n"
            "      --points N           points along the nullclines, in all [2000]\n"
            "      --field NX[,NY]      vector field grid (implies --what field) [20,20]\n"
            "      --sep-points N       most points per separatrix branch [20000]\n");
    wc_cli_usage_model(out, 1);
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    WC_CLI_MODEL_LONGOPTS,
    WC_CLI_MODEL_PARAM_LONGOPT,
    {"what", required_argument, 0, OPT_WHAT},
    {"rE", required_argument, 0, OPT_RE},
    {"rI", required_argument, 0, OPT_RI},
    {"points", required_argument, 0, OPT_POINTS},
    {"field", required_argument, 0, OPT_FIELD},
    {"sep-points", required_argument, 0, OPT_SEP_POINTS},
    {0, 0, 0, 0},
};

static int parse_what(const char *arg)
{
    for (int k = 0; k < (int)(sizeof what_names / sizeof *what_names); k++)
        if (strcmp(arg, what_names[k]) == 0) return k;
    wc_usage("--what: '%s' is not nullclines, fixed, field or separatrix", arg);
}

/* "NX,NY" or "N" (both). */
static void parse_grid(nc_opts *o, const char *arg)
{
    const char *comma = strchr(arg, ',');
    if (!comma) {
        o->nx = o->ny = wc_cli_count("--field", arg, 2, 100000);
        return;
    }
    char buf[64];
    if ((size_t)(comma - arg) >= sizeof buf) wc_usage("--field: '%s' is not NX,NY", arg);
    memcpy(buf, arg, (size_t)(comma - arg));
    buf[comma - arg] = 0;
    o->nx = wc_cli_count("--field", buf, 2, 100000);
    o->ny = wc_cli_count("--field", comma + 1, 2, 100000);
    if (o->nx * o->ny > 100000000LL) wc_usage("--field: %lld x %lld points is too many", o->nx, o->ny);
}

static void parse_args(nc_opts *o, int argc, char **argv)
{
    *o = (nc_opts){.points = 2000, .sep_points = 20000, .nx = 20, .ny = 20};
    wc_cli_init(&o->cli, "wc-nullcline", argc, argv, usage);
    int c, field_set = 0;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS WC_CLI_MODEL_SHORTOPTS, longopts, NULL)) != -1) {
        switch (c) {
        case OPT_WHAT: o->what = parse_what(optarg), o->what_set = 1; break;
        case OPT_RE: o->rE = optarg; break;
        case OPT_RI: o->rI = optarg; break;
        case OPT_POINTS: o->points = wc_cli_count("--points", optarg, 16, 100000000); break;
        case OPT_FIELD: parse_grid(o, optarg), field_set = 1; break;
        case OPT_SEP_POINTS: o->sep_points = wc_cli_count("--sep-points", optarg, 3, 100000000); break;
        default:
            if (!wc_cli_model_option(&o->model, c, optarg) && !wc_cli_option(&o->cli, c, optarg))
                wc_usage("unhandled option");
        }
    }
    if (optind < argc) wc_usage("unexpected argument '%s'", argv[optind]);
    if (field_set && !o->what_set) o->what = WHAT_FIELD;
    if (field_set && o->what != WHAT_FIELD) wc_usage("--field goes with --what field");
    if (o->what == WHAT_FIXED) wc_cli_text_table(&o->cli, "fixed-point table");
}

/* The window: --rE/--rI, else the one that holds every fixed point. */
static void window(const nc_opts *o, const wc_params *p, wc_phase_window *w)
{
    wc_phase_window_auto(p, w);
    wc_range r;
    if (o->rE) wc_cli_range("--rE", o->rE, WC_RANGE_ACCEPT_SPAN, &r), w->rE_lo = r.lo, w->rE_hi = r.hi;
    if (o->rI) wc_cli_range("--rI", o->rI, WC_RANGE_ACCEPT_SPAN, &r), w->rI_lo = r.lo, w->rI_hi = r.hi;
}

static wc_hdr *make_header(const nc_opts *o, const wc_params *p, const wc_phase_window *w)
{
    wc_hdr *h = wc_hdr_new();
    if (!h) wc_die("out of memory");
    wc_cli_provenance(&o->cli, h);
    wc_hdr_add(h, "model", "wilson-cowan");
    wc_hdr_add(h, "what", "%s", what_names[o->what]);
    char a[WC_NUM_BUFSZ], b[WC_NUM_BUFSZ];
    wc_num_fmt(a, w->rE_lo, 0), wc_num_fmt(b, w->rE_hi, 0);
    wc_hdr_add(h, "window.rE", "%s:%s", a, b);
    wc_num_fmt(a, w->rI_lo, 0), wc_num_fmt(b, w->rI_hi, 0);
    wc_hdr_add(h, "window.rI", "%s:%s", a, b);
    wc_cli_model_hdr(&o->model, h);
    wc_params_to_hdr(p, h, 0);
    return h;
}

/* Two blank lines between blocks of a text output (gnuplot's index); nothing in binary. */
static void block_break(const nc_opts *o, wc_stream_writer *w)
{
    int t = wc_cli_otype(&o->cli);
    if (t == WC_OUT_TSV || t == WC_OUT_TSVGZ) wc_cli_write_text(&o->cli, w, "\n\n");
}

static void write_curve(const nc_opts *o, wc_stream_writer *w, double id, double branch, const wc_phase_curve *c,
                        int *blocks)
{
    if ((*blocks)++) block_break(o, w);
    for (size_t i = 0; i < c->n; i++) {
        double row[4] = {id, branch, c->rE[i], c->rI[i]};
        wc_cli_write_rows(&o->cli, w, row, 1);
    }
}

static void write_nullclines(const nc_opts *o, const wc_params *p, const wc_phase_window *win, wc_hdr *h)
{
    wc_phase_curve *c[2];
    long n[2];
    for (int k = 0; k < 2; k++)
        if ((n[k] = wc_phase_nullcline(p, k, win, (size_t)o->points / 2, &c[k])) < 0) wc_die("%s", wc_errmsg());
    wc_hdr_add(h, "branches.E", "%ld", n[0]);
    wc_hdr_add(h, "branches.I", "%ld", n[1]);
    static const char *const cols[] = {"nullcline", "branch", "rE", "rI"};
    wc_hdr_set_cols(h, 4, cols);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    int blocks = 0;
    for (int k = 0; k < 2; k++)
        for (long b = 0; b < n[k]; b++) write_curve(o, w, k, (double)b, &c[k][b], &blocks);
    wc_cli_close_output(&o->cli, w);
    wc_info("E-nullcline: %ld branch%s, I-nullcline: %ld", n[0], n[0] == 1 ? "" : "es", n[1]);
    for (int k = 0; k < 2; k++) wc_phase_curves_free(c[k], (size_t)n[k]);
}

static long fixed_points(const wc_params *p, const wc_phase_window *win, wc_phase_fixed **fp)
{
    long n = wc_phase_fixed_points(p, win, fp);
    if (n < 0) wc_die("%s", wc_errmsg());
    return n;
}

static void write_fixed(const nc_opts *o, const wc_params *p, const wc_phase_window *win, wc_hdr *h)
{
    wc_phase_fixed *fp;
    long n = fixed_points(p, win, &fp);
    wc_hdr_add(h, "fixed-points", "%ld", n);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, NULL);
    char *text = wc_hdr_text(h, 0, NULL);
    if (!text) wc_die("out of memory");
    wc_cli_write_text(&o->cli, w, text);
    free(text);
    wc_cli_write_text(&o->cli, w,
                      "# kind\trE\trI\tstable\tre1\tim1\tre2\tim2\ttr\tdet\tv1E\tv1I\tv2E\tv2I\tfE\tfI\n");
    for (long i = 0; i < n; i++) {
        const wc_phase_fixed *f = &fp[i];
        const wc_phase_lin *l = &f->lin;
        double v[] = {f->rE, f->rI, l->stable, l->re[0], l->im[0], l->re[1], l->im[1], l->tr, l->det,
                      l->vec[0][0], l->vec[0][1], l->vec[1][0], l->vec[1][1], f->fE, f->fI};
        wc_cli_write_cells(&o->cli, w, wc_phase_kind_name(l->kind), v, sizeof v / sizeof *v);
    }
    wc_cli_close_output(&o->cli, w);
    wc_info("%ld fixed point%s in the window", n, n == 1 ? "" : "s");
    free(fp);
}

/* Arrows of 0.8 cells, in the flow's direction, for gnuplot's "with vectors". */
static void write_field(const nc_opts *o, const wc_params *p, const wc_phase_window *win, wc_hdr *h)
{
    wc_hdr_add(h, "field", "%lldx%lld", o->nx, o->ny);
    static const char *const cols[] = {"rE", "rI", "drE", "drI", "speed", "dx", "dy"};
    wc_hdr_set_cols(h, 7, cols);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    double ce = (win->rE_hi - win->rE_lo) / (double)(o->nx - 1), ci = (win->rI_hi - win->rI_lo) / (double)(o->ny - 1);
    for (long long j = 0; j < o->ny; j++) {
        if (j) block_break(o, w);
        for (long long i = 0; i < o->nx; i++) {
            double rE = i == o->nx - 1 ? win->rE_hi : win->rE_lo + (double)i * ce;
            double rI = j == o->ny - 1 ? win->rI_hi : win->rI_lo + (double)j * ci, f[2];
            wc_model_rhs(p, rE, rI, p->I_E, p->I_I, &f[0], &f[1]);
            double u = f[0] / ce, v = f[1] / ci, n = hypot(u, v), s = n > 0 ? 0.8 / n : 0;
            double row[7] = {rE, rI, f[0], f[1], hypot(f[0], f[1]), s * u * ce, s * v * ci};
            wc_cli_write_rows(&o->cli, w, row, 1);
        }
    }
    wc_cli_close_output(&o->cli, w);
}

static void write_separatrix(const nc_opts *o, const wc_params *p, const wc_phase_window *win, wc_hdr *h)
{
    wc_phase_fixed *fp;
    long n = fixed_points(p, win, &fp), saddles = 0;
    static const char *const cols[] = {"saddle", "branch", "rE", "rI"};
    for (long i = 0; i < n; i++) saddles += fp[i].lin.kind == WC_FP_SADDLE;
    wc_hdr_add(h, "saddles", "%ld", saddles);
    wc_hdr_set_cols(h, 4, cols);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    int blocks = 0;
    for (long i = 0; i < n; i++) {
        if (fp[i].lin.kind != WC_FP_SADDLE) continue;
        wc_phase_curve s[2];
        if (wc_phase_separatrix(p, &fp[i], win, (size_t)o->sep_points, s) < 0) wc_die("%s", wc_errmsg());
        for (int b = 0; b < 2; b++) write_curve(o, w, (double)i, b, &s[b], &blocks);
        for (int b = 0; b < 2; b++) free(s[b].rE), free(s[b].rI);
    }
    wc_cli_close_output(&o->cli, w);
    if (!saddles) wc_info("no saddle in the window: no separatrix");
    free(fp);
}

int main(int argc, char **argv)
{
    nc_opts o;
    parse_args(&o, argc, argv);
    wc_cli_blas_serial();
    wc_params p;
    wc_cli_model_params(&o.model, &p);
    wc_phase_window win;
    window(&o, &p, &win);
    wc_hdr *h = make_header(&o, &p, &win);
    switch (o.what) {
    case WHAT_NULLCLINES: write_nullclines(&o, &p, &win, h); break;
    case WHAT_FIXED: write_fixed(&o, &p, &win, h); break;
    case WHAT_FIELD: write_field(&o, &p, &win, h); break;
    default: write_separatrix(&o, &p, &win, h);
    }
    wc_hdr_free(h);
    wc_cli_finish();
    return 0;
}
