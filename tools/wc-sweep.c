/* wc-sweep — brute-force dynamics over a parameter grid: every point integrated from
 * several initial conditions until it settles, its distinct attractors (fixed points and
 * cycles) and its regime; hysteresis walks; sharded runs and their merge (wc-sweep(1)). */
#include "wc_cli.h"
#include "wckit/wc_err.h"
#include "wckit/wc_grid.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_num.h"
#include "wckit/wc_params.h"
#include "wckit/wc_rng.h"
#include "wckit/wc_settle.h"
#include "wckit/wc_stream.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { WHAT_ATTRACTORS, WHAT_REGIMES };
static const char *const what_names[] = {"attractors", "regimes"};
enum { WALK_NONE, WALK_UP, WALK_DOWN, WALK_BOTH };
static const char *const walk_names[] = {"up", "down", "both"};

enum {
    OPT_GRID = WC_OPT_TOOL_BASE, OPT_PARAMS, OPT_ICS, OPT_IC, OPT_RANDOM_ICS, OPT_RAW, OPT_CONTINUE, OPT_WHAT,
    OPT_NOISE_E, OPT_NOISE_I, OPT_NOISE_TAU
};

#define MAX_ICS 1024
#define MAX_GRID_ARGS 8

typedef struct {
    wc_cli cli;
    wc_cli_model model;
    const char *grid_args[MAX_GRID_ARGS];
    int ngrid;
    const char *table;             /* --params */
    wc_cli_runs runs;              /* -T, --transient, --dt, ..., --shard, --merge */
    int what, walk, random_ics;
    long long nics;
    double ics[MAX_ICS][2];        /* --ic */
    int nic_given;
    unsigned long long seed;
} sweep_opts;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: wc-sweep --grid NAME=RANGE [--grid ...] [options]\n"
            "       wc-sweep --merge PART... [-o FILE]\n"
            "Integrate one Wilson-Cowan node at every point of a parameter grid from several initial\n"
            "conditions until it settles; write each point's distinct attractors (fixed points, cycles)\n"
            "or its regime (wc-sweep(1)).\n\n"
            "Grid:\n"
            "      --grid NAME=RANGE    an axis: a parameter over A:B:STEP (numpy.arange), A:B/N\n"
            "                           (numpy.linspace) or one value X; up to 3, the first slowest\n"
            "      --params FILE        or one point per row of a table of parameters ('-': stdin)\n"
            "Starts:\n"
            "      --ics K              initial conditions per point: rest, a high state, then\n"
            "                           spread points (Halton) [6]\n"
            "      --random-ics         the spread points uniform random (seeded by --seed) instead\n"
            "      --ic RE,RI           an initial condition of one's own (repeatable; replaces --ics)\n"
            "      --raw                the reference's diagram: one run from the parameters' rE0, rI0,\n"
            "                           min/max over the whole run, transient included\n"
            "      --continue-state D   hysteresis on a 1-D grid: up, down or both, each point starting\n"
            "                           where the previous one ended\n"
            "      --noise-E SIGMA, --noise-I SIGMA, --noise-tau MS\n"
            "                           OU noise (= -p sigma_E=, sigma_I=, noise_tau=) [off]\n"
            "  -s, --seed INT           seed of the noise and of --random-ics [0]\n"
            "Output:\n"
            "      --what W             attractors (a row per attractor) or regimes (a row per point)\n"
            "                           [attractors]\n");
    wc_cli_usage_runs(out);
    wc_cli_usage_model(out, 1);
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    WC_CLI_MODEL_LONGOPTS,
    WC_CLI_MODEL_PARAM_LONGOPT,
    {"grid", required_argument, 0, OPT_GRID},
    WC_CLI_RUNS_LONGOPTS,
    {"params", required_argument, 0, OPT_PARAMS},
    {"ics", required_argument, 0, OPT_ICS},
    {"random-ics", no_argument, 0, OPT_RANDOM_ICS},
    {"ic", required_argument, 0, OPT_IC},
    {"raw", no_argument, 0, OPT_RAW},
    {"continue-state", required_argument, 0, OPT_CONTINUE},
    {"noise-E", required_argument, 0, OPT_NOISE_E},
    {"noise-I", required_argument, 0, OPT_NOISE_I},
    {"noise-tau", required_argument, 0, OPT_NOISE_TAU},
    {"seed", required_argument, 0, 's'},
    {"what", required_argument, 0, OPT_WHAT},
    {0, 0, 0, 0},
};

/* "RE,RI" */
static void parse_ic(sweep_opts *o, const char *arg)
{
    if (o->nic_given == MAX_ICS) wc_usage("--ic: more than %d initial conditions", MAX_ICS);
    const char *comma = strchr(arg, ',');
    char buf[64];
    if (!comma || (size_t)(comma - arg) >= sizeof buf) wc_usage("--ic: '%s' is not RE,RI", arg);
    memcpy(buf, arg, (size_t)(comma - arg));
    buf[comma - arg] = 0;
    double *ic = o->ics[o->nic_given++];
    if (wc_num_parse_finite(buf, &ic[0]) < 0 || wc_num_parse_finite(comma + 1, &ic[1]) < 0)
        wc_usage("--ic: '%s' is not RE,RI (two finite numbers)", arg);
    if (fabs(ic[0]) > WC_PARAMS_STATE_BOUND || fabs(ic[1]) > WC_PARAMS_STATE_BOUND)
        wc_usage("--ic: '%s': states must be within +-%s", arg, WC_PARAMS_STATE_BOUND_TEXT);
}

static void parse_option(sweep_opts *o, int c, const char *arg)
{
    switch (c) {
    case OPT_GRID:
        if (o->ngrid == MAX_GRID_ARGS) wc_usage("--grid: too many axes");
        o->grid_args[o->ngrid++] = arg;
        break;
    case OPT_PARAMS: o->table = arg; break;
    case OPT_ICS: o->nics = wc_cli_count("--ics", arg, 1, MAX_ICS); break;
    case OPT_RANDOM_ICS: o->random_ics = 1; break;
    case OPT_IC: parse_ic(o, arg); break;
    case OPT_RAW: o->runs.settle.raw = 1; break;
    case OPT_CONTINUE: o->walk = 1 + wc_cli_choice("--continue-state", arg, walk_names, 3); break;
    case OPT_NOISE_E: wc_cli_model_set(&o->model, WC_P_SIGMA_E, arg); break;
    case OPT_NOISE_I: wc_cli_model_set(&o->model, WC_P_SIGMA_I, arg); break;
    case OPT_NOISE_TAU: wc_cli_model_set(&o->model, WC_P_NOISE_TAU, arg); break;
    case 's': o->seed = o->runs.settle.seed = wc_cli_seed("--seed", arg); break;
    case OPT_WHAT: o->what = wc_cli_choice("--what", arg, what_names, 2); break;
    default:
        if (!wc_cli_runs_option(&o->runs, c, arg) && !wc_cli_model_option(&o->model, c, arg) && !wc_cli_option(&o->cli, c, arg))
            wc_usage("unhandled option");
    }
}

static void parse_args(sweep_opts *o, int argc, char **argv)
{
    *o = (sweep_opts){.nics = 6};
    wc_cli_runs_init(&o->runs);
    wc_cli_init(&o->cli, "wc-sweep", argc, argv, usage);
    int c;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS WC_CLI_MODEL_SHORTOPTS WC_CLI_RUNS_SHORTOPTS "s:", longopts, NULL)) != -1)
        parse_option(o, c, optarg);
    wc_cli_runs_args(&o->runs, argc, argv, optind);
    if (o->runs.merge) return;
    if (!o->ngrid && !o->table) wc_usage("no grid: give --grid NAME=RANGE (up to 3) or --params FILE");
    if (o->ngrid && o->table) wc_usage("use either --grid or --params, not both");
    if (o->walk && o->ngrid != 1) wc_usage("--continue-state walks a 1-D grid: give exactly one --grid");
    if (o->walk && o->runs.sharded) wc_usage("--continue-state walks the grid in order: it cannot be sharded");
    if (o->walk && o->what == WHAT_REGIMES) wc_usage("--continue-state writes attractor rows: no --what regimes");
    if (o->runs.settle.raw && (o->walk || o->nic_given)) wc_usage("--raw runs once from rE0, rI0: no --continue-state or --ic");
    if (o->runs.settle.raw && o->what == WHAT_REGIMES) wc_usage("--raw keeps the whole run: no --what regimes");
}

/* ---- initial conditions ---- */

/* The radical inverse of i in base b (the Halton sequence). */
static double halton(unsigned long i, unsigned b)
{
    double f = 1, r = 0;
    for (; i > 0; i /= b) f /= b, r += f * (double)(i % b);
    return r;
}

/* The starts of every point: --ic, or rest, a high state, then spread points in
 * [0, 1] x [0, 1] (Halton in bases 2 and 3, or seeded uniform). */
static size_t initial_conditions(const sweep_opts *o, double (*ic)[2])
{
    if (o->nic_given) {
        memcpy(ic, o->ics, (size_t)o->nic_given * sizeof *ic);
        return (size_t)o->nic_given;
    }
    size_t k = (size_t)o->nics;
    for (size_t i = 0; i < k; i++) {
        if (i == 0) ic[i][0] = 0, ic[i][1] = 0;
        else if (i == 1) ic[i][0] = 1, ic[i][1] = 0.5;
        else if (o->random_ics) wc_rng_uniform2(o->seed, WC_STREAM_INIT, (uint32_t)i, 0, ic[i]);
        else ic[i][0] = halton(i - 1, 2), ic[i][1] = halton(i - 1, 3);
    }
    return k;
}

/* ---- the grid ---- */

typedef struct {
    wc_grid g;
    wc_params base, *table;
    size_t ntable;
    long long begin, end;   /* this run's block */
} grid_run;

static void build_grid(const sweep_opts *o, grid_run *gr)
{
    wc_cli_model_params(&o->model, &gr->base);
    wc_grid_init(&gr->g);
    for (int k = 0; k < o->ngrid; k++)
        if (wc_grid_add_axis(&gr->g, o->grid_args[k], o->model.conv) < 0) wc_usage("--grid: %s", wc_errmsg());
    if (o->table) {
        unsigned long cols;
        gr->table = wc_params_read_table(o->table, &gr->base, o->model.conv, (size_t)WC_GRID_CAP, &gr->ntable, &cols);
        if (!gr->table) wc_die("%s: %s", strcmp(o->table, "-") ? o->table : "stdin", wc_errmsg());
        wc_grid_set_table(&gr->g, gr->table, gr->ntable, cols);
    }
    wc_cli_runs_block(&o->runs, &gr->g, "points", &gr->begin, &gr->end);
}

/* Everything but the grid that changes the rows, for the grid hash. */
static char *options_text(const sweep_opts *o, const wc_params *base, double (*ic)[2], size_t nic)
{
    size_t cap = 4096 + nic * 64;
    char *s = malloc(cap), num[WC_NUM_BUFSZ];
    if (!s) wc_die("out of memory");
    const wc_settle_opts *so = &o->runs.settle;
    int len = snprintf(s, cap, "what=%s walk=%d raw=%d T=%a transient=%a dt=%a tol=%a method=%d stop=%d seed=%llu ics=",
                       what_names[o->what], o->walk, so->raw, so->observe, so->transient, so->dt, so->tol, so->method,
                       so->early_stop, o->seed);
    for (size_t i = 0; i < nic; i++) len += snprintf(s + len, cap - (size_t)len, "%a,%a;", ic[i][0], ic[i][1]);
    for (int k = 0; k < WC_NPARAM; k++) {
        wc_num_fmt(num, base->v[k], 0);
        len += snprintf(s + len, cap - (size_t)len, " %s=%s", wc_params_name(k), num);
    }
    return s;
}

/* ---- running ---- */

/* All trajectories of the block at once: point i's start j is trajectory (i - begin) K + j. */
static wc_settle_result *run_block(const sweep_opts *o, const grid_run *gr, double (*ic)[2], size_t nic, wc_cli_progress *prog)
{
    size_t npts = (size_t)(gr->end - gr->begin), n = npts * nic;
    wc_params *p = malloc((npts ? npts : 1) * sizeof *p);
    size_t *pidx = malloc((n ? n : 1) * sizeof *pidx);
    double *rE0 = malloc((n ? n : 1) * sizeof *rE0), *rI0 = malloc((n ? n : 1) * sizeof *rI0);
    uint64_t *gid = malloc((n ? n : 1) * sizeof *gid);
    wc_settle_result *res = malloc((n ? n : 1) * sizeof *res);
    if (!p || !pidx || !rE0 || !rI0 || !gid || !res) wc_die("out of memory for %zu trajectories", n);
    for (size_t i = 0; i < npts; i++) {
        wc_grid_point(&gr->g, gr->begin + (long long)i, &gr->base, &p[i], NULL);
        for (size_t j = 0; j < nic; j++) {
            size_t t = i * nic + j;
            pidx[t] = i;
            rE0[t] = o->runs.settle.raw ? p[i].rE0 : ic[j][0];
            rI0[t] = o->runs.settle.raw ? p[i].rI0 : ic[j][1];
            gid[t] = (uint64_t)(gr->begin + (long long)i) * nic + j;
        }
    }
    wc_settle_opts so;
    wc_cli_runs_settle(&o->runs, n, prog, &so);
    if (wc_settle_run(&so, n, p, pidx, rE0, rI0, gid, res) < 0) wc_die("%s", wc_errmsg());
    free(p), free(pidx), free(rE0), free(rI0), free(gid);
    return res;
}

/* ---- output ---- */

static wc_hdr *make_header(const sweep_opts *o, const grid_run *gr, uint64_t hash, size_t nic)
{
    wc_hdr *h = wc_hdr_new();
    if (!h) wc_die("out of memory");
    wc_cli_provenance(&o->cli, h);
    wc_hdr_add(h, "model", "wilson-cowan");
    wc_hdr_add(h, "what", "%s", o->walk ? "hysteresis" : what_names[o->what]);
    wc_cli_runs_hdr(&o->runs, h);
    if (o->runs.settle.raw) wc_hdr_add(h, "raw", "yes");
    if (o->walk) wc_hdr_add(h, "continue-state", "%s", walk_names[o->walk - 1]);
    wc_hdr_add(h, "ics", "%zu", nic);
    wc_hdr_add(h, "seed", "%llu", o->seed);
    wc_hdr_add(h, "noise.normals", "%s", WC_RNG_NORMALS);
    wc_cli_model_hdr(&o->model, h);
    unsigned long skip = 0;
    for (size_t k = 0; k < gr->g.naxes; k++) skip |= 1UL << gr->g.axis[k].par;
    skip |= gr->g.table_cols;
    wc_params_to_hdr(&gr->base, h, skip);
    if (wc_grid_hdr(&gr->g, hash, o->runs.sharded ? &o->runs.shard : NULL, h) < 0) wc_die("%s", wc_errmsg());
    for (int c = 0; c < 8; c++) {
        char key[32];
        snprintf(key, sizeof key, "regime.%d", c);
        wc_hdr_add(h, key, "%s", wc_regime_name(c));
    }
    wc_hdr_add(h, "kind.0", "fixed");
    wc_hdr_add(h, "kind.1", "cycle");
    wc_hdr_add(h, "kind.2", "other");
    return h;
}

/* The columns: index, the grid's, then what is written per row. */
static void set_columns(wc_hdr *h, const grid_run *gr, const char *const *cols, size_t n)
{
    const char *names[WC_NPARAM + 32];
    size_t k = 0, na = wc_grid_ncols(&gr->g);
    names[k++] = "index";
    for (size_t a = 0; a < na; a++) names[k++] = wc_grid_col(&gr->g, a);
    for (size_t c = 0; c < n; c++) names[k++] = cols[c];
    if (wc_hdr_set_cols(h, k, names) < 0) wc_die("%s", wc_errmsg());
}

static const char *const attr_cols[] = {"attractor", "kind",    "count",   "rE_min", "rE_max", "rE_mean", "rI_min",
                                        "rI_max",    "rI_mean", "period", "freq_Hz", "regime", "attractors"};
#define NATTR_COLS 13

/* One row per attractor: index, grid values, then the attractor. */
static void write_attractor_rows(const sweep_opts *o, wc_stream_writer *w, const grid_run *gr, long long gi,
                                 const wc_attractor *a, size_t na, int regime, double extra)
{
    double row[1 + WC_NPARAM + NATTR_COLS + 1], vals[WC_NPARAM];
    wc_params p;
    wc_grid_point(&gr->g, gi, &gr->base, &p, vals);
    size_t nv = wc_grid_ncols(&gr->g);
    for (size_t k = 0; k < na; k++) {
        size_t c = 0;
        row[c++] = (double)gi;
        for (size_t v = 0; v < nv; v++) row[c++] = vals[v];
        if (o->walk) row[c++] = extra;
        double freq = a[k].period > 0 ? 1000 / a[k].period : 0;
        double tail[NATTR_COLS] = {(double)k, a[k].kind, (double)a[k].count, a[k].rE_min, a[k].rE_max, a[k].rE_mean,
                                   a[k].rI_min, a[k].rI_max, a[k].rI_mean, a[k].period, freq, regime, (double)na};
        memcpy(row + c, tail, sizeof tail);
        wc_cli_write_rows(&o->cli, w, row, 1);
    }
}

static void write_regime_row(const sweep_opts *o, wc_stream_writer *w, const grid_run *gr, long long gi,
                             const wc_attractor *a, size_t na, int regime)
{
    double row[1 + WC_NPARAM + 3], vals[WC_NPARAM];
    wc_params p;
    wc_grid_point(&gr->g, gi, &gr->base, &p, vals);
    size_t c = 0, nv = wc_grid_ncols(&gr->g), nfix = 0, ncyc = 0;
    for (size_t k = 0; k < na; k++) nfix += a[k].kind == WC_SETTLE_FIXED, ncyc += a[k].kind == WC_SETTLE_CYCLE;
    row[c++] = (double)gi;
    for (size_t v = 0; v < nv; v++) row[c++] = vals[v];
    row[c++] = regime, row[c++] = (double)nfix, row[c++] = (double)ncyc;
    wc_cli_write_rows(&o->cli, w, row, 1);
}

/* The block's points: attractors from their trajectories, then a row (or rows) each. */
static void sweep(const sweep_opts *o, const grid_run *gr, double (*ic)[2], size_t nic, wc_hdr *h)
{
    if (o->what == WHAT_REGIMES) {
        static const char *const cols[] = {"regime", "fixed", "cycles"};
        set_columns(h, gr, cols, 3);
    }
    else set_columns(h, gr, attr_cols, NATTR_COLS);
    wc_cli_progress prog;
    wc_cli_progress_start(&prog, "trajectories");
    wc_settle_result *res = run_block(o, gr, ic, nic, &prog);
    double secs = wc_cli_progress_end(&prog);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    wc_attractor a[MAX_ICS];
    long long npts = gr->end - gr->begin;
    for (long long i = 0; i < npts; i++) {
        size_t na = (size_t)wc_attractors(res + (size_t)i * nic, nic, 1e-6, 1e-3, a, NULL);
        int regime = wc_regime(a, na);
        if (o->what == WHAT_REGIMES) write_regime_row(o, w, gr, gr->begin + i, a, na, regime);
        else write_attractor_rows(o, w, gr, gr->begin + i, a, na, regime, 0);
    }
    wc_cli_close_output(&o->cli, w);
    wc_info("%lld points x %zu starts in %.3f s (%.3g points/s)", npts, nic, secs, secs > 0 ? (double)npts / secs : 0);
    free(res);
}

/* Hysteresis: each point starts where the previous one ended, up the grid, down, or both. */
static void walk(const sweep_opts *o, const grid_run *gr, double (*ic)[2], wc_hdr *h)
{
    static const char *const cols[] = {"direction"};
    const char *names[1 + NATTR_COLS];
    names[0] = cols[0];
    memcpy(names + 1, attr_cols, sizeof attr_cols);
    set_columns(h, gr, names, 1 + NATTR_COLS);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    wc_settle_opts so;
    wc_cli_runs_settle(&o->runs, 1, NULL, &so);
    long long m = gr->g.npoints;
    for (int dir = 0; dir < 2; dir++) {
        if ((dir == 0 && o->walk == WALK_DOWN) || (dir == 1 && o->walk == WALK_UP)) continue;
        double x[2] = {ic[0][0], ic[0][1]};
        if (dir == 1 && o->walk == WALK_BOTH) wc_cli_blank_lines(&o->cli, w, 2);
        for (long long s = 0; s < m; s++) {
            long long gi = dir == 0 ? s : m - 1 - s;
            wc_params p;
            wc_grid_point(&gr->g, gi, &gr->base, &p, NULL);
            wc_settle_result r;
            uint64_t id = (uint64_t)gi * 2 + (uint64_t)dir;
            if (wc_settle_run(&so, 1, &p, NULL, &x[0], &x[1], &id, &r) < 0) wc_die("%s", wc_errmsg());
            wc_attractor a;
            size_t na = (size_t)wc_attractors(&r, 1, 1e-6, 1e-3, &a, NULL);
            write_attractor_rows(o, w, gr, gi, &a, na, wc_regime(&a, na), dir);
            x[0] = r.rE, x[1] = r.rI;
        }
    }
    wc_cli_close_output(&o->cli, w);
}

int main(int argc, char **argv)
{
    sweep_opts o;
    parse_args(&o, argc, argv);
    wc_cli_runs_merge_and_exit(&o.runs, &o.cli, argc, argv, optind);
    grid_run gr = {0};
    build_grid(&o, &gr);
    wc_cli_runs_count_and_exit(&o.runs, gr.g.npoints);
    double(*ic)[2] = malloc(MAX_ICS * sizeof *ic);
    if (!ic) wc_die("out of memory");
    size_t nic = o.runs.settle.raw ? 1 : initial_conditions(&o, ic);
    char *opts = options_text(&o, &gr.base, ic, nic);
    uint64_t hash = wc_grid_hash(&gr.g, opts);
    wc_cli_runs_hash_and_exit(&o.runs, hash);
    wc_hdr *h = make_header(&o, &gr, hash, nic);
    if (o.walk) walk(&o, &gr, ic, h);
    else sweep(&o, &gr, ic, nic, h);
    wc_hdr_free(h);
    free(opts), free(ic), free(gr.table);
    wc_cli_finish();
    return 0;
}
