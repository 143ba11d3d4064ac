/* wc-nullcline — the phase plane of one node: nullclines, fixed points with their
 * stability, the vector field and the saddles' separatrices, as tables for gnuplot
 * (wc-nullcline(1)); with --network, the stability of a network's fixed points. */
#include "wc_cli.h"
#include "wckit/wc_err.h"
#include "wckit/wc_matfile.h"
#include "wckit/wc_model.h"
#include "wckit/wc_net.h"
#include "wckit/wc_netlin.h"
#include "wckit/wc_num.h"
#include "wckit/wc_params.h"
#include "wckit/wc_phase.h"
#include "wckit/wc_range.h"
#include "wckit/wc_stream.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { WHAT_NULLCLINES, WHAT_FIXED, WHAT_FIELD, WHAT_SEPARATRIX };
static const char *const what_names[] = {"nullclines", "fixed", "field", "separatrix"};

enum {
    OPT_WHAT = WC_OPT_TOOL_BASE, OPT_RE, OPT_RI, OPT_POINTS, OPT_FIELD, OPT_SEP_POINTS, OPT_NETWORK, OPT_CONN,
    OPT_COUPLING, OPT_SELF, OPT_NO_SELF
};

typedef struct {
    wc_cli cli;
    wc_cli_model model;
    int what, what_set;
    const char *rE, *rI;           /* --rE, --rI as given */
    long long points, sep_points;
    long long nx, ny;
    int network;                   /* --network */
    const char *conn, *k;          /* --conn, -k as given */
    wc_net_opts net;               /* coupling, keep_self */
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
            "      --sep-points N       most points per separatrix branch [20000]\n"
            "Network (no delays: wc-nullcline(1) NETWORK):\n"
            "      --network            the stability of a network's fixed points, one from each fixed\n"
            "                           point of the node, over -k\n"
            "      --conn FILE          weights C[i][j], to i from j (any wc-run --conn: hcp80, .npy ...)\n"
            "  -k, --coupling-strength K|A:B/N|A:B:STEP\n"
            "                           global coupling, one value or a range [1]\n"
            "      --coupling C         diffusive or additive [diffusive]\n"
            "      --self, --no-self    keep the diagonal of C, or zero it [--no-self]\n");
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
    {"network", no_argument, 0, OPT_NETWORK},
    {"conn", required_argument, 0, OPT_CONN},
    {"coupling-strength", required_argument, 0, 'k'},
    {"coupling", required_argument, 0, OPT_COUPLING},
    {"self", no_argument, 0, OPT_SELF},
    {"no-self", no_argument, 0, OPT_NO_SELF},
    {0, 0, 0, 0},
};

/* "NX,NY" or "N" (both). */
static void parse_grid(nc_opts *o, const char *arg)
{
    const char *comma = strchr(arg, ',');
    if (!comma) {
        o->nx = o->ny = wc_cli_count("--field N", arg, 2, 100000);
        return;
    }
    char buf[64];
    if ((size_t)(comma - arg) >= sizeof buf) wc_usage("--field: '%s' is not NX,NY", arg);
    memcpy(buf, arg, (size_t)(comma - arg));
    buf[comma - arg] = 0;
    o->nx = wc_cli_count("--field NX", buf, 2, 100000);
    o->ny = wc_cli_count("--field NY", comma + 1, 2, 100000);
    if (o->nx * o->ny > 100000000LL) wc_usage("--field: %lld x %lld points is too many", o->nx, o->ny);
}

static void parse_args(nc_opts *o, int argc, char **argv)
{
    *o = (nc_opts){.points = 2000, .sep_points = 20000, .nx = 20, .ny = 20, .net = {.k = 1}};
    wc_cli_init(&o->cli, "wc-nullcline", argc, argv, usage);
    int c, field_set = 0;
    const char *net_only = NULL;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS WC_CLI_MODEL_SHORTOPTS "k:", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_WHAT: o->what = wc_cli_choice("--what", optarg, what_names, 4), o->what_set = 1; break;
        case OPT_RE: o->rE = optarg; break;
        case OPT_RI: o->rI = optarg; break;
        case OPT_POINTS: o->points = wc_cli_count("--points", optarg, 16, 100000000); break;
        case OPT_FIELD: parse_grid(o, optarg), field_set = 1; break;
        case OPT_SEP_POINTS: o->sep_points = wc_cli_count("--sep-points", optarg, 3, 100000000); break;
        case OPT_NETWORK: o->network = 1; break;
        case OPT_CONN: o->conn = optarg, net_only = "--conn"; break;
        case 'k': o->k = optarg, net_only = "--coupling-strength"; break;
        case OPT_COUPLING:
            if ((o->net.coupling = wc_net_coupling_parse(optarg)) < 0)
                wc_usage("--coupling: '%s' is not diffusive or additive", optarg);
            net_only = "--coupling";
            break;
        case OPT_SELF: o->net.keep_self = 1, net_only = "--self"; break;
        case OPT_NO_SELF: o->net.keep_self = 0, net_only = "--no-self"; break;
        default:
            if (!wc_cli_model_option(&o->model, c, optarg) && !wc_cli_option(&o->cli, c, optarg))
                wc_usage("unhandled option");
        }
    }
    if (optind < argc) wc_usage("unexpected argument '%s'", argv[optind]);
    if (net_only && !o->network) wc_usage("%s goes with --network", net_only);
    if (o->network && !o->conn) wc_usage("--network needs --conn FILE");
    if (o->network && (o->what_set || field_set)) wc_usage("--network writes its own table: no --what or --field");
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
    wc_hdr_add(h, "what", "%s", o->network ? "network" : what_names[o->what]);
    wc_cli_hdr_span(h, "window.rE", w->rE_lo, w->rE_hi);
    wc_cli_hdr_span(h, "window.rI", w->rI_lo, w->rI_hi);
    wc_cli_model_hdr(&o->model, h);
    wc_params_to_hdr(p, h, 0);
    return h;
}

static void write_curve(const nc_opts *o, wc_stream_writer *w, double id, double branch, const wc_phase_curve *c,
                        int *blocks)
{
    if ((*blocks)++) wc_cli_blank_lines(&o->cli, w, 2);
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
    if (n[0] + n[1] == 0) wc_warn("neither nullcline crosses the window (--rE, --rI)");
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
    if (n == 0) wc_warn("no fixed point in the window (--rE, --rI)");
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
        if (j) wc_cli_blank_lines(&o->cli, w, 1);
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
    if (!saddles) wc_warn("no saddle in the window: no separatrix");
    free(fp);
}

/* ---- --network: the stability of the network's fixed points, without delays ---- */

/* The k values: -k as one value or a range. */
static double *k_values(const nc_opts *o, size_t *n)
{
    wc_range r;
    wc_cli_range("--coupling-strength", o->k ? o->k : "1", WC_RANGE_ACCEPT_POINTS, &r);
    if (r.n > 1000000) wc_usage("--coupling-strength: %lld values is too many (at most 1e6)", r.n);
    double *k = malloc((size_t)r.n * sizeof *k);
    if (!k) wc_die("out of memory");
    for (long long i = 0; i < r.n; i++) k[i] = wc_range_value(&r, i);
    *n = (size_t)r.n;
    return k;
}

static void write_network(const nc_opts *o, const wc_params *p, const wc_phase_window *win, wc_hdr *h)
{
    wc_matrix C;
    if (wc_matfile_load(o->conn, &C) < 0) wc_die("%s: %s", o->conn, wc_errmsg());
    size_t nk;
    double *ks = k_values(o, &nk);
    wc_phase_fixed *fp;
    long n = fixed_points(p, win, &fp);
    if (n == 0) wc_warn("the node has no fixed point in the window: nothing to analyse");
    wc_netlin_summary *rows = malloc((n ? (size_t)n : 1) * nk * sizeof *rows);
    wc_netlin_loss *loss = malloc((n ? (size_t)n : 1) * sizeof *loss);
    if (!rows || !loss) wc_die("out of memory");
    for (long i = 0; i < n; i++)
        if (wc_netlin_scan(p, &C, &o->net, fp[i].rE, fp[i].rI, ks, nk, rows + (size_t)i * nk, &loss[i]) < 0)
            wc_die("%s: %s", o->conn, wc_errmsg());
    wc_hdr_add(h, "conn", "%s", o->conn);
    wc_hdr_add(h, "nodes", "%zu", C.n);
    wc_hdr_add(h, "coupling", "%s", wc_net_coupling_name(o->net.coupling));
    wc_hdr_add(h, "self", "%s", o->net.keep_self ? "kept" : "zeroed");
    wc_hdr_add(h, "delays", "ignored");
    char key[64], k1[WC_NUM_BUFSZ];
    for (long i = 0; i < n; i++) {   /* where each fixed point first loses its stability as k grows */
        snprintf(key, sizeof key, "destabilises.fp%ld", i);
        if (loss[i].kind == WC_NETLIN_LOSS_NONE) wc_hdr_add(h, key, "none");
        else {
            wc_num_fmt(k1, loss[i].k, 12);
            wc_hdr_add(h, key, "%s %s", k1, wc_netlin_loss_name(loss[i].kind));
        }
    }
    static const char *const cols[] = {"fp", "k", "found", "rE", "rI", "spread", "re_max", "im_max", "freq_Hz",
                                       "unstable", "stable"};
    wc_hdr_set_cols(h, 11, cols);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    for (long i = 0; i < n; i++) {
        if (i) wc_cli_blank_lines(&o->cli, w, 2);
        for (size_t j = 0; j < nk; j++) {
            const wc_netlin_summary *s = &rows[(size_t)i * nk + j];
            double row[11] = {(double)i, s->k, s->found, s->rE_mean, s->rI_mean, s->spread, s->re_max, s->im_max,
                              s->im_max * 1000 / (2 * M_PI), (double)s->n_unstable, s->stable};
            wc_cli_write_rows(&o->cli, w, row, 1);
        }
        if (loss[i].kind != WC_NETLIN_LOSS_NONE)
            wc_info("fixed point %ld (%s, rE = %g): stability lost at k = %.10g (%s)", i, wc_phase_kind_name(fp[i].lin.kind),
                    fp[i].rE, loss[i].k, wc_netlin_loss_name(loss[i].kind));
    }
    wc_cli_close_output(&o->cli, w);
    free(rows), free(loss), free(ks), free(fp);
    wc_matrix_free(&C);
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
    if (o.network) write_network(&o, &p, &win, h);
    else switch (o.what) {
    case WHAT_NULLCLINES: write_nullclines(&o, &p, &win, h); break;
    case WHAT_FIXED: write_fixed(&o, &p, &win, h); break;
    case WHAT_FIELD: write_field(&o, &p, &win, h); break;
    default: write_separatrix(&o, &p, &win, h);
    }
    wc_hdr_free(h);
    wc_cli_finish();
    return 0;
}
