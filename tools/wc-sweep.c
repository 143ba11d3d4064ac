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
    OPT_GRID = WC_OPT_TOOL_BASE, OPT_PARAMS, OPT_DT, OPT_METHOD, OPT_TRANSIENT, OPT_ICS, OPT_IC, OPT_RANDOM_ICS, OPT_RAW,
    OPT_CONTINUE, OPT_TOL, OPT_NO_STOP, OPT_SHARD, OPT_COUNT, OPT_MERGE, OPT_FORCE, OPT_WHAT, OPT_NOISE_E,
    OPT_NOISE_I, OPT_NOISE_TAU
};

#define MAX_ICS 1024
#define MAX_GRID_ARGS 8

typedef struct {
    wc_cli cli;
    wc_cli_model model;
    const char *grid_args[MAX_GRID_ARGS];
    int ngrid;
    const char *table;             /* --params */
    int what, walk, raw, random_ics, count, merge, force, no_stop;
    long long nics, threads;
    double ics[MAX_ICS][2];        /* --ic */
    int nic_given;
    double T, transient, dt, tol;
    int T_set, transient_set, method;
    unsigned long long seed;
    wc_shard shard;
    int sharded;
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
            "      --force              allow grids of more than 1e7 points\n"
            "Runs:\n"
            "  -T, --duration MS        observed time after the transient [1000]\n"
            "      --transient MS       time discarded first [1000]\n"
            "      --dt MS              time step [0.1]\n"
            "      --method M           expeuler, euler, heun or rk4 [expeuler]\n"
            "      --ics K              initial conditions per point: rest, a high state, then\n"
            "                           spread points (Halton) [6]\n"
            "      --random-ics         the spread points uniform random (seeded by --seed) instead\n"
            "      --ic RE,RI           an initial condition of one's own (repeatable; replaces --ics)\n"
            "      --tol F              settled on a fixed point when |drE/dt|, |drI/dt| < F (1/ms) [1e-9]\n"
            "      --no-early-stop      run every trajectory the whole time\n"
            "      --raw                the reference's diagram: one run from the parameters' rE0, rI0,\n"
            "                           min/max over the whole run, transient included\n"
            "      --continue-state D   hysteresis on a 1-D grid: up, down or both, each point starting\n"
            "                           where the previous one ended\n"
            "      --noise-E SIGMA, --noise-I SIGMA, --noise-tau MS\n"
            "                           OU noise (= -p sigma_E=, sigma_I=, noise_tau=) [off]\n"
            "  -s, --seed INT           seed of the noise and of --random-ics [0]\n"
            "  -t, --threads N          worker threads (output does not depend on it) [auto]\n"
            "Output:\n"
            "      --what W             attractors (a row per attractor) or regimes (a row per point)\n"
            "                           [attractors]\n"
            "      --shard K/N          only part K of N of the grid (0 <= K < N)\n"
            "      --count              print the number of grid points and exit\n"
            "      --merge              merge the parts named as arguments into one output\n");
    wc_cli_usage_model(out, 1);
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    WC_CLI_MODEL_LONGOPTS,
    WC_CLI_MODEL_PARAM_LONGOPT,
    {"grid", required_argument, 0, OPT_GRID},
    {"params", required_argument, 0, OPT_PARAMS},
    {"force", no_argument, 0, OPT_FORCE},
    {"duration", required_argument, 0, 'T'},
    {"transient", required_argument, 0, OPT_TRANSIENT},
    {"dt", required_argument, 0, OPT_DT},
    {"method", required_argument, 0, OPT_METHOD},
    {"ics", required_argument, 0, OPT_ICS},
    {"random-ics", no_argument, 0, OPT_RANDOM_ICS},
    {"ic", required_argument, 0, OPT_IC},
    {"tol", required_argument, 0, OPT_TOL},
    {"no-early-stop", no_argument, 0, OPT_NO_STOP},
    {"raw", no_argument, 0, OPT_RAW},
    {"continue-state", required_argument, 0, OPT_CONTINUE},
    {"noise-E", required_argument, 0, OPT_NOISE_E},
    {"noise-I", required_argument, 0, OPT_NOISE_I},
    {"noise-tau", required_argument, 0, OPT_NOISE_TAU},
    {"seed", required_argument, 0, 's'},
    {"threads", required_argument, 0, 't'},
    {"what", required_argument, 0, OPT_WHAT},
    {"shard", required_argument, 0, OPT_SHARD},
    {"count", no_argument, 0, OPT_COUNT},
    {"merge", no_argument, 0, OPT_MERGE},
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
    case OPT_FORCE: o->force = 1; break;
    case 'T': o->T = wc_cli_positive("--duration", arg), o->T_set = 1; break;
    case OPT_TRANSIENT: o->transient = wc_cli_nonneg("--transient", arg), o->transient_set = 1; break;
    case OPT_DT: o->dt = wc_cli_positive("--dt", arg); break;
    case OPT_METHOD:
        if ((o->method = wc_integrate_method_parse(arg)) < 0) wc_usage("--method: unknown method '%s' (expeuler, euler, heun, rk4)", arg);
        break;
    case OPT_ICS: o->nics = wc_cli_count("--ics", arg, 1, MAX_ICS); break;
    case OPT_RANDOM_ICS: o->random_ics = 1; break;
    case OPT_IC: parse_ic(o, arg); break;
    case OPT_TOL: o->tol = wc_cli_positive("--tol", arg); break;
    case OPT_NO_STOP: o->no_stop = 1; break;
    case OPT_RAW: o->raw = 1; break;
    case OPT_CONTINUE: o->walk = 1 + wc_cli_choice("--continue-state", arg, walk_names, 3); break;
    case OPT_NOISE_E: wc_cli_model_set(&o->model, WC_P_SIGMA_E, arg); break;
    case OPT_NOISE_I: wc_cli_model_set(&o->model, WC_P_SIGMA_I, arg); break;
    case OPT_NOISE_TAU: wc_cli_model_set(&o->model, WC_P_NOISE_TAU, arg); break;
    case 's': o->seed = (unsigned long long)wc_cli_count("--seed", arg, 0, (1LL << 62)); break;
    case 't': o->threads = wc_cli_count("--threads", arg, 1, 256); break;
    case OPT_WHAT: o->what = wc_cli_choice("--what", arg, what_names, 2); break;
    case OPT_SHARD:
        if (wc_shard_parse(arg, &o->shard) < 0) wc_usage("--shard: %s", wc_errmsg());
        o->sharded = 1;
        break;
    case OPT_COUNT: o->count = 1; break;
    case OPT_MERGE: o->merge = 1; break;
    default:
        if (!wc_cli_model_option(&o->model, c, arg) && !wc_cli_option(&o->cli, c, arg)) wc_usage("unhandled option");
    }
}

static void parse_args(sweep_opts *o, int argc, char **argv)
{
    wc_settle_opts d;
    wc_settle_opts_init(&d);
    *o = (sweep_opts){.nics = 6, .T = d.observe, .transient = d.transient, .dt = d.dt, .tol = d.tol, .method = d.method};
    wc_cli_init(&o->cli, "wc-sweep", argc, argv, usage);
    int c;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS WC_CLI_MODEL_SHORTOPTS "T:s:t:", longopts, NULL)) != -1)
        parse_option(o, c, optarg);
    if (o->merge) {
        if (optind >= argc) wc_usage("--merge needs the parts as arguments");
        return;
    }
    if (optind < argc) wc_usage("unexpected argument '%s'", argv[optind]);
    if (!o->ngrid && !o->table) wc_usage("no grid: give --grid NAME=RANGE (up to 3) or --params FILE");
    if (o->ngrid && o->table) wc_usage("use either --grid or --params, not both");
    if (o->walk && o->ngrid != 1) wc_usage("--continue-state walks a 1-D grid: give exactly one --grid");
    if (o->walk && o->sharded) wc_usage("--continue-state walks the grid in order: it cannot be sharded");
    if (o->walk && o->what == WHAT_REGIMES) wc_usage("--continue-state writes attractor rows: no --what regimes");
    if (o->raw && (o->walk || o->nic_given)) wc_usage("--raw runs once from rE0, rI0: no --continue-state or --ic");
    if (o->raw && o->what == WHAT_REGIMES) wc_usage("--raw keeps the whole run: no --what regimes");
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
    if (gr->g.npoints > WC_GRID_CAP && !o->force)
        wc_usage("the grid has %lld points, more than %lld: shard it, or say --force", gr->g.npoints, WC_GRID_CAP);
    gr->begin = 0, gr->end = gr->g.npoints;
    if (o->sharded) wc_shard_range(&o->shard, gr->g.npoints, &gr->begin, &gr->end);
}

/* Everything but the grid that changes the rows, for the grid hash. */
static char *options_text(const sweep_opts *o, const wc_params *base, double (*ic)[2], size_t nic)
{
    size_t cap = 4096 + nic * 64;
    char *s = malloc(cap), num[WC_NUM_BUFSZ];
    if (!s) wc_die("out of memory");
    int len = snprintf(s, cap, "what=%s walk=%d raw=%d T=%a transient=%a dt=%a tol=%a method=%d stop=%d seed=%llu ics=",
                       what_names[o->what], o->walk, o->raw, o->T, o->transient, o->dt, o->tol, o->method, !o->no_stop,
                       o->seed);
    for (size_t i = 0; i < nic; i++) len += snprintf(s + len, cap - (size_t)len, "%a,%a;", ic[i][0], ic[i][1]);
    for (int k = 0; k < WC_NPARAM; k++) {
        wc_num_fmt(num, base->v[k], 0);
        len += snprintf(s + len, cap - (size_t)len, " %s=%s", wc_params_name(k), num);
    }
    return s;
}

/* ---- running ---- */

/* Threads pay off from a few hundred trajectories, as in wc-run. */
static int auto_threads(const sweep_opts *o, size_t n)
{
    if (o->threads) return (int)o->threads;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 256 || cpus < 2) return 1;
    return cpus > 8 ? 8 : (int)cpus;
}

static void settle_opts(const sweep_opts *o, size_t n, wc_cli_progress *prog, wc_settle_opts *so)
{
    wc_settle_opts_init(so);
    so->method = o->method, so->dt = o->dt, so->transient = o->transient, so->observe = o->T, so->tol = o->tol;
    so->early_stop = !o->no_stop, so->raw = o->raw, so->seed = o->seed, so->threads = auto_threads(o, n);
    so->progress = wc_cli_progress_show, so->ctx = prog;
}

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
            rE0[t] = o->raw ? p[i].rE0 : ic[j][0];
            rI0[t] = o->raw ? p[i].rI0 : ic[j][1];
            gid[t] = (uint64_t)(gr->begin + (long long)i) * nic + j;
        }
    }
    wc_settle_opts so;
    settle_opts(o, n, prog, &so);
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
    wc_hdr_add(h, "integrator", "%s", wc_integrate_method_name(o->method));
    wc_hdr_add_num(h, "dt", o->dt);
    wc_hdr_add_num(h, "transient", o->transient);
    wc_hdr_add_num(h, "duration", o->T);
    wc_hdr_add_num(h, "tol", o->tol);
    wc_hdr_add(h, "early-stop", "%s", o->no_stop ? "no" : "yes");
    if (o->raw) wc_hdr_add(h, "raw", "yes");
    if (o->walk) wc_hdr_add(h, "continue-state", "%s", walk_names[o->walk - 1]);
    wc_hdr_add(h, "ics", "%zu", nic);
    wc_hdr_add(h, "seed", "%llu", o->seed);
    wc_cli_model_hdr(&o->model, h);
    unsigned long skip = 0;
    for (size_t k = 0; k < gr->g.naxes; k++) skip |= 1UL << gr->g.axis[k].par;
    skip |= gr->g.table_cols;
    wc_params_to_hdr(&gr->base, h, skip);
    if (wc_grid_hdr(&gr->g, hash, o->sharded ? &o->shard : NULL, h) < 0) wc_die("%s", wc_errmsg());
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
    settle_opts(o, 1, NULL, &so);
    so.progress = NULL;
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
    if (o.merge) {
        wc_cli_merge(&o.cli, argv + optind, (size_t)(argc - optind));
        wc_cli_finish();
        return 0;
    }
    grid_run gr;
    build_grid(&o, &gr);
    if (o.count) {
        printf("%lld\n", gr.g.npoints);
        wc_cli_finish();
        return 0;
    }
    double(*ic)[2] = malloc(MAX_ICS * sizeof *ic);
    if (!ic) wc_die("out of memory");
    size_t nic = o.raw ? 1 : initial_conditions(&o, ic);
    char *opts = options_text(&o, &gr.base, ic, nic);
    wc_hdr *h = make_header(&o, &gr, wc_grid_hash(&gr.g, opts), nic);
    if (o.walk) walk(&o, &gr, ic, h);
    else sweep(&o, &gr, ic, nic, h);
    wc_hdr_free(h);
    free(opts), free(ic), free(gr.table);
    wc_cli_finish();
    return 0;
}
