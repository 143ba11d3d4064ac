/* wc-basin — basins of attraction: a grid of initial conditions at fixed parameters, each
 * integrated until it settles and labelled by the attractor it reaches; the attractors
 * and their shares; the basin boundary refined by bisection (wc-basin(1)). */
#include "wc_cli.h"
#include "wckit/wc_err.h"
#include "wckit/wc_grid.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_num.h"
#include "wckit/wc_params.h"
#include "wckit/wc_phase.h"
#include "wckit/wc_settle.h"
#include "wckit/wc_stream.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { WHAT_CELLS, WHAT_ATTRACTORS, WHAT_BOUNDARY };
static const char *const what_names[] = {"cells", "attractors", "boundary"};

enum { OPT_RE = WC_OPT_TOOL_BASE, OPT_RI, OPT_REFINE, OPT_WHAT };

typedef struct {
    wc_cli cli;
    wc_cli_model model;
    wc_cli_runs runs;              /* -T, --transient, --dt, ..., --shard, --merge */
    const char *rE, *rI;
    int what;
    long long refine;
} basin_opts;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: wc-basin [--rE A:B/N] [--rI A:B/N] [options]\n"
            "       wc-basin --merge PART... [-o FILE]\n"
            "Integrate one Wilson-Cowan node from every initial condition of a grid until it settles,\n"
            "and label each by the attractor it reaches (wc-basin(1)).\n\n"
            "Grid of initial conditions (the range grammar: A:B/N as numpy.linspace, A:B:STEP):\n"
            "      --rE RANGE           initial rE [0:1/40]\n"
            "      --rI RANGE           initial rI [0:0.8/40]\n"
            "Output:\n"
            "      --what W             cells (a row per start), attractors (the attractors and their\n"
            "                           shares) or boundary (the basin boundary) [cells]\n"
            "      --refine LEVELS      boundary: bisect each grid edge between two basins LEVELS times [8]\n");
    wc_cli_usage_runs(out);
    wc_cli_usage_model(out, 1);
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    WC_CLI_MODEL_LONGOPTS,
    WC_CLI_MODEL_PARAM_LONGOPT,
    {"rE", required_argument, 0, OPT_RE},
    {"rI", required_argument, 0, OPT_RI},
    WC_CLI_RUNS_LONGOPTS,
    {"what", required_argument, 0, OPT_WHAT},
    {"refine", required_argument, 0, OPT_REFINE},
    {0, 0, 0, 0},
};

static void parse_option(basin_opts *o, int c, const char *arg)
{
    switch (c) {
    case OPT_RE: o->rE = arg; break;
    case OPT_RI: o->rI = arg; break;
    case OPT_WHAT: o->what = wc_cli_choice("--what", arg, what_names, 3); break;
    case OPT_REFINE: o->refine = wc_cli_count("--refine", arg, 1, 40); break;
    default:
        if (!wc_cli_runs_option(&o->runs, c, arg) && !wc_cli_model_option(&o->model, c, arg) && !wc_cli_option(&o->cli, c, arg))
            wc_usage("unhandled option");
    }
}

static void parse_args(basin_opts *o, int argc, char **argv)
{
    *o = (basin_opts){.rE = "0:1/40", .rI = "0:0.8/40"};
    wc_cli_runs_init(&o->runs);
    wc_cli_init(&o->cli, "wc-basin", argc, argv, usage);
    int c, refine_set = 0;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS WC_CLI_MODEL_SHORTOPTS WC_CLI_RUNS_SHORTOPTS, longopts, NULL)) != -1) {
        parse_option(o, c, optarg);
        refine_set |= c == OPT_REFINE;
    }
    wc_cli_runs_args(&o->runs, argc, argv, optind);
    if (o->runs.merge) return;
    if (refine_set && o->what != WHAT_BOUNDARY) wc_usage("--refine goes with --what boundary");
    if (!o->refine) o->refine = 8;
    if (o->runs.sharded && o->what != WHAT_CELLS) wc_usage("--shard splits the cells: only --what cells can be sharded");
}

/* ---- the grid of starts: rI0 the slow axis, rE0 the fast one (gnuplot's scans) ---- */

typedef struct {
    wc_grid g;
    wc_params base;
    long long begin, end;
    wc_phase_fixed *fp;       /* the model's fixed points: the labels of fixed-point attractors */
    long nfp;
} basin_run;

static void build(const basin_opts *o, basin_run *br)
{
    wc_cli_model_params(&o->model, &br->base);
    if ((br->base.sigma_E > 0 || br->base.sigma_I > 0))
        wc_usage("a basin of attraction is defined without noise: sigma_E and sigma_I must be 0");
    wc_grid_init(&br->g);
    char spec[160];
    snprintf(spec, sizeof spec, "rI0=%s", o->rI);
    if (wc_grid_add_axis(&br->g, spec, WC_CONV_WC) < 0) wc_usage("--rI: %s", wc_errmsg());
    snprintf(spec, sizeof spec, "rE0=%s", o->rE);
    if (wc_grid_add_axis(&br->g, spec, WC_CONV_WC) < 0) wc_usage("--rE: %s", wc_errmsg());
    wc_cli_runs_block(&o->runs, &br->g, "starts", &br->begin, &br->end);
    /* every fixed point the model can have, and those the starts may reach outside it */
    wc_phase_window w;
    wc_phase_window_auto(&br->base, &w);
    const wc_range *rI = &br->g.axis[0].r, *rE = &br->g.axis[1].r;
    w.rE_lo = fmin(w.rE_lo, fmin(rE->lo, rE->hi)), w.rE_hi = fmax(w.rE_hi, fmax(rE->lo, rE->hi));
    w.rI_lo = fmin(w.rI_lo, fmin(rI->lo, rI->hi)), w.rI_hi = fmax(w.rI_hi, fmax(rI->lo, rI->hi));
    if ((br->nfp = wc_phase_fixed_points(&br->base, &w, &br->fp)) < 0) wc_die("%s", wc_errmsg());
}

/* The label of a trajectory's end: a fixed point's index among the model's fixed points
 * (the same in every shard), nfp for any cycle, -1 for neither. */
static int label_of(const basin_run *br, const wc_settle_result *r)
{
    if (r->kind == WC_SETTLE_CYCLE) return (int)br->nfp;
    if (r->kind != WC_SETTLE_FIXED) return -1;
    for (long k = 0; k < br->nfp; k++)
        if (fabs(br->fp[k].rE - r->rE) + fabs(br->fp[k].rI - r->rI) < 1e-6) return (int)k;
    return -1;
}

/* Settle n starts (rE0[k], rI0[k]) at the base parameters. */
static wc_settle_result *settle(const basin_opts *o, const basin_run *br, size_t n, const double *rE0, const double *rI0,
                                wc_cli_progress *prog)
{
    wc_settle_result *res = malloc((n ? n : 1) * sizeof *res);
    size_t *pidx = calloc(n ? n : 1, sizeof *pidx);
    if (!res || !pidx) wc_die("out of memory for %zu starts", n);
    wc_settle_opts so;
    wc_cli_runs_settle(&o->runs, n, prog, &so);
    if (wc_settle_run(&so, n, &br->base, pidx, rE0, rI0, NULL, res) < 0) wc_die("%s", wc_errmsg());
    free(pidx);
    return res;
}

/* The block's starts, settled. */
static wc_settle_result *settle_block(const basin_opts *o, const basin_run *br, double **rE0, double **rI0)
{
    size_t n = (size_t)(br->end - br->begin);
    *rE0 = malloc((n ? n : 1) * sizeof **rE0), *rI0 = malloc((n ? n : 1) * sizeof **rI0);
    if (!*rE0 || !*rI0) wc_die("out of memory for %zu starts", n);
    for (size_t i = 0; i < n; i++) {
        wc_params p;
        wc_grid_point(&br->g, br->begin + (long long)i, &br->base, &p, NULL);
        (*rE0)[i] = p.rE0, (*rI0)[i] = p.rI0;
    }
    wc_cli_progress prog;
    wc_cli_progress_start(&prog, "starts");
    wc_settle_result *res = settle(o, br, n, *rE0, *rI0, &prog);
    double secs = wc_cli_progress_end(&prog);
    wc_info("%zu starts settled in %.3f s (%.3g per second)", n, secs, secs > 0 ? (double)n / secs : 0);
    return res;
}

/* ---- output ---- */

/* The grid hash: the grid, and every option that changes the rows. */
static uint64_t grid_hash(const basin_opts *o, const basin_run *br)
{
    char opts[512];
    const wc_settle_opts *so = &o->runs.settle;
    snprintf(opts, sizeof opts, "what=%s T=%a transient=%a dt=%a tol=%a method=%d stop=%d refine=%lld", what_names[o->what],
             so->observe, so->transient, so->dt, so->tol, so->method, so->early_stop, o->refine);
    for (int k = 0; k < WC_NPARAM; k++) {
        size_t len = strlen(opts);
        snprintf(opts + len, sizeof opts - len, " %a", br->base.v[k]);
    }
    return wc_grid_hash(&br->g, opts);
}

static wc_hdr *make_header(const basin_opts *o, const basin_run *br, uint64_t hash)
{
    wc_hdr *h = wc_hdr_new();
    if (!h) wc_die("out of memory");
    wc_cli_provenance(&o->cli, h);
    wc_hdr_add(h, "model", "wilson-cowan");
    wc_hdr_add(h, "what", "%s", what_names[o->what]);
    wc_cli_runs_hdr(&o->runs, h);
    wc_cli_model_hdr(&o->model, h);
    wc_params_to_hdr(&br->base, h, (1UL << WC_P_RE0) | (1UL << WC_P_RI0));
    if (wc_grid_hdr(&br->g, hash, o->runs.sharded ? &o->runs.shard : NULL, h) < 0) wc_die("%s", wc_errmsg());
    for (long k = 0; k < br->nfp; k++) {   /* what the labels stand for */
        char key[32], a[WC_NUM_BUFSZ], b[WC_NUM_BUFSZ];
        snprintf(key, sizeof key, "label.%ld", k);
        wc_num_fmt(a, br->fp[k].rE, 0), wc_num_fmt(b, br->fp[k].rI, 0);
        wc_hdr_add(h, key, "fixed %s %s %s", a, b, wc_phase_kind_name(br->fp[k].lin.kind));
    }
    char key[32];
    snprintf(key, sizeof key, "label.%ld", br->nfp);
    wc_hdr_add(h, key, "cycle");
    wc_hdr_add(h, "label.-1", "unsettled");
    return h;
}

static void write_cells(const basin_opts *o, const basin_run *br, wc_hdr *h)
{
    static const char *const cols[] = {"index", "rE0", "rI0", "label", "kind", "rE", "rI", "period", "t_settle"};
    if (wc_hdr_set_cols(h, 9, cols) < 0) wc_die("%s", wc_errmsg());
    double *rE0, *rI0;
    wc_settle_result *res = settle_block(o, br, &rE0, &rI0);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    for (long long i = 0; i < br->end - br->begin; i++) {
        const wc_settle_result *r = &res[i];
        double row[9] = {(double)(br->begin + i), rE0[i], rI0[i], label_of(br, r), r->kind, r->rE, r->rI, r->period,
                         r->t_settle};
        wc_cli_write_rows(&o->cli, w, row, 1);
    }
    wc_cli_close_output(&o->cli, w);
    free(res), free(rE0), free(rI0);
}

static void write_attractors(const basin_opts *o, const basin_run *br, wc_hdr *h)
{
    static const char *const cols[] = {"label", "kind", "count", "share", "rE", "rI", "rE_min", "rE_max", "period"};
    if (wc_hdr_set_cols(h, 9, cols) < 0) wc_die("%s", wc_errmsg());
    double *rE0, *rI0;
    wc_settle_result *res = settle_block(o, br, &rE0, &rI0);
    size_t n = (size_t)(br->end - br->begin);
    wc_attractor *a = malloc((n ? n : 1) * sizeof *a);
    if (!a) wc_die("out of memory");
    long nal = wc_attractors(res, n, 1e-6, 1e-3, a, NULL);
    if (nal < 0) wc_die("%s", wc_errmsg());
    size_t na = (size_t)nal;
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    for (size_t k = 0; k < na; k++) {
        wc_settle_result r = {.kind = a[k].kind, .rE = a[k].rE, .rI = a[k].rI};
        double row[9] = {label_of(br, &r), a[k].kind, (double)a[k].count, (double)a[k].count / (double)n, a[k].rE, a[k].rI,
                         a[k].rE_min, a[k].rE_max, a[k].period};
        wc_cli_write_rows(&o->cli, w, row, 1);
    }
    wc_cli_close_output(&o->cli, w);
    if (na < 2) wc_warn("one attractor: the whole grid is one basin");
    free(a), free(res), free(rE0), free(rI0);
}

/* The boundary: on every grid edge whose two starts reach different attractors, bisect
 * the segment between them o->refine times (the midpoints of one level settled at once). */
static void write_boundary(const basin_opts *o, const basin_run *br, wc_hdr *h)
{
    static const char *const cols[] = {"edge", "rE", "rI", "width", "label_a", "label_b"};
    if (wc_hdr_set_cols(h, 6, cols) < 0) wc_die("%s", wc_errmsg());
    double *rE0, *rI0;
    wc_settle_result *res = settle_block(o, br, &rE0, &rI0);
    long long nE = br->g.axis[1].r.n, nI = br->g.axis[0].r.n;
    size_t cap = (size_t)(2 * nE * nI), ne = 0;
    double(*a)[2] = malloc((cap ? cap : 1) * sizeof *a), (*b)[2] = malloc((cap ? cap : 1) * sizeof *b);
    int *la = malloc((cap ? cap : 1) * sizeof *la), *lb = malloc((cap ? cap : 1) * sizeof *lb);
    if (!a || !b || !la || !lb) wc_die("out of memory");
    for (long long i = 0; i < nI; i++)
        for (long long j = 0; j < nE; j++) {
            long long c = i * nE + j, nb[2] = {j + 1 < nE ? c + 1 : -1, i + 1 < nI ? c + nE : -1};
            for (int d = 0; d < 2; d++) {
                if (nb[d] < 0) continue;
                int l0 = label_of(br, &res[c]), l1 = label_of(br, &res[nb[d]]);
                if (l0 == l1) continue;
                a[ne][0] = rE0[c], a[ne][1] = rI0[c], b[ne][0] = rE0[nb[d]], b[ne][1] = rI0[nb[d]];
                la[ne] = l0, lb[ne] = l1, ne++;
            }
        }
    double *mE = malloc((ne ? ne : 1) * sizeof *mE), *mI = malloc((ne ? ne : 1) * sizeof *mI);
    if (!mE || !mI) wc_die("out of memory");
    for (long long lev = 0; lev < o->refine && ne; lev++) {
        for (size_t k = 0; k < ne; k++) mE[k] = 0.5 * (a[k][0] + b[k][0]), mI[k] = 0.5 * (a[k][1] + b[k][1]);
        wc_settle_result *m = settle(o, br, ne, mE, mI, NULL);
        for (size_t k = 0; k < ne; k++) {
            int l = label_of(br, &m[k]);
            if (l == la[k]) a[k][0] = mE[k], a[k][1] = mI[k];
            else b[k][0] = mE[k], b[k][1] = mI[k], lb[k] = l;
        }
        free(m);
    }
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    for (size_t k = 0; k < ne; k++) {
        double row[6] = {(double)k, 0.5 * (a[k][0] + b[k][0]), 0.5 * (a[k][1] + b[k][1]),
                         hypot(a[k][0] - b[k][0], a[k][1] - b[k][1]), la[k], lb[k]};
        wc_cli_write_rows(&o->cli, w, row, 1);
    }
    wc_cli_close_output(&o->cli, w);
    free(a), free(b), free(la), free(lb), free(mE), free(mI), free(res), free(rE0), free(rI0);
}

int main(int argc, char **argv)
{
    basin_opts o;
    parse_args(&o, argc, argv);
    wc_cli_runs_merge_and_exit(&o.runs, &o.cli, argc, argv, optind);
    basin_run br;
    build(&o, &br);
    wc_cli_runs_count_and_exit(&o.runs, br.g.npoints);
    uint64_t hash = grid_hash(&o, &br);
    wc_cli_runs_hash_and_exit(&o.runs, hash);
    wc_hdr *h = make_header(&o, &br, hash);
    switch (o.what) {
    case WHAT_CELLS: write_cells(&o, &br, h); break;
    case WHAT_ATTRACTORS: write_attractors(&o, &br, h); break;
    default: write_boundary(&o, &br, h);
    }
    wc_hdr_free(h);
    free(br.fp);
    wc_cli_finish();
    return 0;
}
