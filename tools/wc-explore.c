/* wc-explore — a network parameter sweep (wc-explore(1)): at every point of a grid over the
 * global coupling k, the conduction speed, the OU noise sigma and any model parameter,
 * simulate the network, optionally through BOLD, compute its FC (and FCD) online and
 * score it against an empirical FC (and FCD) and the structural connectome; one row per
 * point.  The work of a point is the library's (wc_explore.h); this file parses the
 * command line, runs the points on threads and writes the rows in grid order, under the
 * sharding contract of every grid tool (wc_grid.h). */
#include "wc_cli.h"
#include "wckit/wc_err.h"
#include "wckit/wc_explore.h"
#include "wckit/wc_grid.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_matfile.h"
#include "wckit/wc_num.h"
#include "wckit/wc_params.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

enum { OPT_GRID = WC_OPT_TOOL_BASE, OPT_SAVE_FC };

#define MAX_GRID_ARGS 8
/* The grid's own quantities besides the model parameters (wc_grid_set_extras), in the
 * order of wc_explore's: extra x is wc_explore_set's variable WC_EXPLORE_VAR_K + x. */
enum { X_K, X_SPEED, X_SIGMA, NEXTRA };
_Static_assert(WC_EXPLORE_VAR_SIGMA - WC_EXPLORE_VAR_K == X_SIGMA && WC_EXPLORE_VAR_SPEED - WC_EXPLORE_VAR_K == X_SPEED,
               "extras in wc_explore's order");

typedef struct {
    wc_cli cli;
    wc_cli_point pt;             /* the run, network, model, BOLD and scores */
    wc_cli_runs runs;            /* -t, --shard, --count, --hash, --merge, --force */
    const char *grid_args[MAX_GRID_ARGS];
    int ngrid;
    const char *save_fc;
} explore_opts;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: wc-explore --grid NAME=RANGE [--grid ...] [options]\n"
            "       wc-explore --merge PART... [-o FILE]\n"
            "At every point of a grid, simulate a network of Wilson-Cowan nodes, optionally through\n"
            "BOLD, and score its FC (and FCD) against empirical data and the connectome: one row per\n"
            "point (wc-explore(1)).  SPAN: ms, or with a unit: 250ms, 60s, 30samples.\n\n"
            "Grid:\n"
            "      --grid NAME=RANGE    an axis: k, speed, sigma (OU noise on E and I) or a model\n"
            "                           parameter, over A:B:STEP, A:B/N or X; up to 3, the first slowest\n");
    wc_cli_usage_point(out, 60000);
    fprintf(out,
            "Output:\n"
            "      --save-fc DIR        write each point's FC to DIR/fc_INDEX.npy\n"
            "  -t, --threads N          points computed at once (output does not depend on it) [CPUs]\n");
    wc_cli_usage_shards(out);
    wc_cli_usage_model(out, 1);
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    WC_CLI_POINT_LONGOPTS,
    WC_CLI_SHARD_LONGOPTS,
    {"grid", required_argument, 0, OPT_GRID},
    {"threads", required_argument, 0, 't'},
    {"save-fc", required_argument, 0, OPT_SAVE_FC},
    {0, 0, 0, 0},
};

static void parse_option(explore_opts *o, int c, const char *arg)
{
    switch (c) {
    case OPT_GRID:
        if (o->ngrid == MAX_GRID_ARGS) wc_usage("--grid: too many axes");
        o->grid_args[o->ngrid++] = arg;
        break;
    case OPT_SAVE_FC: o->save_fc = arg; break;
    default:
        if (!wc_cli_point_option(&o->pt, c, arg) && !wc_cli_runs_option(&o->runs, c, arg) &&
            !wc_cli_option(&o->cli, c, arg))
            wc_usage("unhandled option");
    }
}

static void parse_args(explore_opts *o, int argc, char **argv)
{
    *o = (explore_opts){0};
    wc_cli_point_init(&o->pt, 60000);
    wc_cli_runs_init(&o->runs);
    wc_cli_init(&o->cli, "wc-explore", argc, argv, usage);
    int c;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS WC_CLI_POINT_SHORTOPTS "t:", longopts, NULL)) != -1)
        parse_option(o, c, optarg);
    wc_cli_runs_args(&o->runs, argc, argv, optind);
    if (o->runs.merge) return;
    if (!o->ngrid) wc_usage("no grid: give --grid NAME=RANGE (up to 3; k, speed, sigma or a model parameter)");
    wc_cli_point_args(&o->pt);
}

/* ---- the grid ---- */

static int check_speed(double v) { return v > 0 ? 0 : wc_seterr("speed must be > 0 (m/s)"); }
static int check_sigma(double v) { return v >= 0 ? 0 : wc_seterr("sigma must be >= 0"); }
static const wc_grid_extra extras[NEXTRA] = {{"k", NULL}, {"speed", check_speed}, {"sigma", check_sigma}};

typedef struct {
    wc_grid g;
    wc_params base;
    long long begin, end;        /* this run's block */
    const wc_explore_cfg *cfg;   /* the base configuration of every point (the options') */
} plan;

static void build_grid(const explore_opts *o, plan *pl)
{
    wc_cli_model_params(&o->pt.model, &pl->base);
    wc_grid_init(&pl->g);
    if (wc_grid_set_extras(&pl->g, extras, NEXTRA) < 0) wc_die("%s", wc_errmsg());
    int sigma = 0, sigma_EI = 0;
    for (int k = 0; k < o->ngrid; k++) {
        if (wc_grid_add_axis(&pl->g, o->grid_args[k], o->pt.model.conv) < 0) wc_usage("--grid: %s", wc_errmsg());
        int par = pl->g.axis[pl->g.naxes - 1].par;
        sigma |= par == WC_GRID_EXTRA + X_SIGMA, sigma_EI |= par == WC_P_SIGMA_E || par == WC_P_SIGMA_I;
    }
    if (sigma && sigma_EI) wc_usage("--grid: sigma sets sigma_E and sigma_I: not with an axis on either");
    wc_cli_runs_block(&o->runs, &pl->g, "points", &pl->begin, &pl->end);
}

/* Everything the points need, loaded and checked before any work. */
static void make_plan(explore_opts *o, plan *pl)
{
    build_grid(o, pl);
    wc_cli_point_load(&o->pt);
    const wc_explore_cfg *c = pl->cfg = &o->pt.cfg;
    /* every point's network must build: check the extremes of the speed axis */
    for (size_t a = 0; a < pl->g.naxes; a++) {
        const wc_grid_axis *ax = &pl->g.axis[a];
        for (long long e = 0; e < 2; e++) {
            wc_explore_cfg t = *c;
            double v = wc_range_value(&ax->r, e ? ax->r.n - 1 : 0);
            if (ax->par >= WC_GRID_EXTRA) wc_explore_set(&t, WC_EXPLORE_VAR_K + (ax->par - WC_GRID_EXTRA), v);
            if (wc_explore_check(&t) < 0) wc_die("%s", wc_errmsg());
        }
    }
    if (!pl->g.naxes && wc_explore_check(c) < 0) wc_die("%s", wc_errmsg());
    struct stat st;
    if (o->save_fc && mkdir(o->save_fc, 0777) < 0 && errno != EEXIST) wc_die("--save-fc: %s: %s", o->save_fc, strerror(errno));
    if (o->save_fc && (stat(o->save_fc, &st) < 0 || !S_ISDIR(st.st_mode))) wc_die("--save-fc: %s: not a directory", o->save_fc);
}

/* Point i's configuration: the base with the grid's values. */
static void point_cfg(const plan *pl, long long i, wc_explore_cfg *c)
{
    *c = *pl->cfg;
    wc_grid_point(&pl->g, i, &pl->base, &c->p, NULL);
    for (size_t x = 0; x < NEXTRA; x++) {
        double v = wc_grid_extra_value(&pl->g, i, x, NAN);
        if (!isnan(v)) wc_explore_set(c, WC_EXPLORE_VAR_K + (int)x, v);
    }
    c->seed = wc_explore_seed(pl->cfg->seed, i);
}

/* ---- output ---- */

static const char *const score_cols[] = {"seed", "status", "samples", "fc_mean", "fc_corr", "sc_corr",
                                         "windows", "fcd_mean", "fcd_ks"};

static size_t nscore_cols(const plan *pl) { return pl->cfg->window ? 9 : 6; }

static wc_hdr *make_header(const explore_opts *o, const plan *pl, uint64_t hash)
{
    wc_hdr *h = wc_hdr_new();
    if (!h) wc_die("out of memory");
    wc_cli_provenance(&o->cli, h);
    wc_cli_point_hdr(&o->pt, h);
    for (size_t k = 0; k < pl->g.naxes; k++) {   /* an axis says it: no single value */
        int par = pl->g.axis[k].par;
        if (par == WC_GRID_EXTRA + X_K) wc_hdr_del(h, "k");
        if (par == WC_GRID_EXTRA + X_SPEED) wc_hdr_del(h, "speed");
    }
    unsigned long skip = 0;
    for (size_t k = 0; k < pl->g.naxes; k++) {
        int par = pl->g.axis[k].par;
        if (par < WC_GRID_EXTRA) skip |= 1UL << par;
        if (par == WC_GRID_EXTRA + X_SIGMA) skip |= 1UL << WC_P_SIGMA_E | 1UL << WC_P_SIGMA_I;
    }
    wc_params_to_hdr(&pl->base, h, skip);
    if (wc_grid_hdr(&pl->g, hash, o->runs.sharded ? &o->runs.shard : NULL, h) < 0) wc_die("%s", wc_errmsg());
    for (int s = 0; s <= WC_EXPLORE_CONSTANT; s++) {
        static const char *const names[] = {"ok", "blew-up", "bold-domain", "few-samples", "constant"};
        char key[32];
        snprintf(key, sizeof key, "status.%d", s);
        wc_hdr_add(h, key, "%s", names[s]);
    }
    wc_hdr_add(h, "nrows", "%lld", pl->end - pl->begin);
    const char *names[1 + WC_GRID_MAX_AXES + 9];
    size_t k = 0, na = wc_grid_ncols(&pl->g);
    names[k++] = "index";
    for (size_t a = 0; a < na; a++) names[k++] = wc_grid_col(&pl->g, a);
    for (size_t j = 0; j < nscore_cols(pl); j++) names[k++] = score_cols[j];
    if (wc_hdr_set_cols(h, k, names) < 0) wc_die("%s", wc_errmsg());
    return h;
}

static void write_row(const explore_opts *o, const plan *pl, wc_stream_writer *w, long long i, const wc_explore_cfg *c,
                      const wc_explore_result *r)
{
    double row[1 + WC_GRID_MAX_AXES + 9], vals[WC_GRID_MAX_AXES];
    wc_params p;
    wc_grid_point(&pl->g, i, &pl->base, &p, vals);
    size_t k = 0, na = wc_grid_ncols(&pl->g);
    row[k++] = (double)i;
    for (size_t a = 0; a < na; a++) row[k++] = vals[a];
    double sc[9] = {(double)c->seed, r->status, (double)r->samples, r->fc_mean, r->fc_corr, r->sc_corr,
                    (double)r->windows, r->fcd_mean, r->fcd_ks};
    memcpy(row + k, sc, nscore_cols(pl) * sizeof *sc);
    wc_cli_write_rows(&o->cli, w, row, 1);
}

static void save_fc(const explore_opts *o, const plan *pl, long long i, double *fc)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/fc_%lld.npy", o->save_fc, i) >= sizeof path) wc_die("--save-fc: path too long");
    wc_matrix m = {.n = pl->cfg->C->n, .a = fc};
    if (wc_matfile_save(path, wc_matfile_format_parse("npy"), &m, NULL) < 0) wc_die("--save-fc: %s: %s", path, wc_errmsg());
}

/* ---- running: workers take points in order, at most RING ahead of the writer ---- */

#define RING_PER_THREAD 4

static const char *const status_text[] = {"", "the run blew up", "the BOLD state left its domain",
                                          "fewer than 2 samples (or FCD windows)", "every node is constant"};

typedef struct {
    wc_explore_cfg cfg;
    wc_explore_result res;
    int done, rc;
    char err[256];
} slot;

typedef struct {
    const plan *pl;
    slot *ring;
    size_t nring;
    long long next, written;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->next < p->pl->end && p->next >= p->written + (long long)p->nring) pthread_cond_wait(&p->work, &p->mu);
        if (p->next >= p->pl->end) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        long long i = p->next++;
        pthread_mutex_unlock(&p->mu);
        slot *s = &p->ring[(size_t)(i - p->pl->begin) % p->nring];
        point_cfg(p->pl, i, &s->cfg);
        s->rc = wc_explore_point(&s->cfg, &s->res);
        if (s->rc < 0) snprintf(s->err, sizeof s->err, "%s", wc_errmsg());
        pthread_mutex_lock(&p->mu);
        s->done = 1;
        pthread_cond_broadcast(&p->done);
        pthread_mutex_unlock(&p->mu);
    }
}

static int auto_threads(long long npoints)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    long t = cpus < 1 ? 1 : cpus > 64 ? 64 : cpus;
    return (int)(npoints < t ? (npoints > 0 ? npoints : 1) : t);
}

static void explore(const explore_opts *o, const plan *pl, wc_hdr *h)
{
    int nt = o->runs.threads ? (int)o->runs.threads : auto_threads(pl->end - pl->begin);
    pool p = {.pl = pl, .nring = (size_t)nt * RING_PER_THREAD, .next = pl->begin, .written = pl->begin};
    size_t n = pl->cfg->C->n;
    p.ring = calloc(p.nring, sizeof *p.ring);
    double *fcs = o->save_fc ? malloc(p.nring * n * n * sizeof *fcs) : NULL;
    pthread_t *tid = malloc((size_t)nt * sizeof *tid);
    if (!p.ring || !tid || (o->save_fc && !fcs)) wc_die("out of memory");
    for (size_t k = 0; k < p.nring; k++) p.ring[k].res.fc = fcs ? fcs + k * n * n : NULL;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    wc_cli_progress prog;
    wc_cli_progress_start(&prog, "points");
    for (int t = 0; t < nt; t++)
        if (pthread_create(&tid[t], NULL, worker, &p) != 0) wc_die("cannot start %d threads", nt);
    for (long long i = pl->begin; i < pl->end; i++) {
        slot *s = &p.ring[(size_t)(i - pl->begin) % p.nring];
        pthread_mutex_lock(&p.mu);
        while (!s->done) pthread_cond_wait(&p.done, &p.mu);
        pthread_mutex_unlock(&p.mu);
        if (s->rc < 0) wc_die("point %lld: %s", i, s->err);
        if (s->res.status != WC_EXPLORE_OK) wc_warn("point %lld: %s: its scores are nan", i, status_text[s->res.status]);
        write_row(o, pl, w, i, &s->cfg, &s->res);
        if (o->save_fc && s->res.status == WC_EXPLORE_OK) save_fc(o, pl, i, s->res.fc);
        pthread_mutex_lock(&p.mu);
        s->done = 0;
        p.written = i + 1;
        pthread_cond_broadcast(&p.work);
        pthread_mutex_unlock(&p.mu);
        wc_cli_progress_show(&prog, i + 1 - pl->begin, pl->end - pl->begin);
    }
    for (int t = 0; t < nt; t++) pthread_join(tid[t], NULL);
    double secs = wc_cli_progress_end(&prog);
    wc_cli_close_output(&o->cli, w);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    long long np = pl->end - pl->begin;
    wc_info("%lld points on %d thread%s in %.3f s (%.3g points/hour), peak RSS %.1f MB", np, nt, nt == 1 ? "" : "s", secs,
            secs > 0 ? 3600 * (double)np / secs : 0, ru.ru_maxrss / 1024.0);
    free(p.ring), free(fcs), free(tid);
}

int main(int argc, char **argv)
{
    explore_opts o;
    parse_args(&o, argc, argv);
    wc_cli_runs_merge_and_exit(&o.runs, &o.cli, argc, argv, optind);
    plan pl = {0};
    if (o.runs.count) {
        build_grid(&o, &pl);
        wc_cli_runs_count_and_exit(&o.runs, pl.g.npoints);
    }
    wc_cli_blas_serial();   /* points run in parallel; each one's BLAS calls on its own thread */
    make_plan(&o, &pl);
    char *opts = wc_cli_point_text(&o.pt);   /* everything but the grid that changes the rows */
    uint64_t hash = wc_grid_hash(&pl.g, opts);
    wc_cli_runs_hash_and_exit(&o.runs, hash);
    wc_hdr *h = make_header(&o, &pl, hash);
    explore(&o, &pl, h);
    wc_hdr_free(h);
    free(opts);
    wc_cli_point_free(&o.pt);
    wc_cli_finish();
    return 0;
}
