/* wc-run — simulate Wilson–Cowan nodes and write their trajectories as a wc-stream.
 *
 * One node on the reference defaults, -n N identical independent nodes, or one node per
 * row of a parameter table (--params).  Stimuli, OU noise, four integrators; output
 * streams out block by block in constant memory.  The model: wc-model(7). */
#include "wc_cli.h"
#include "wckit/wc_clock.h"
#include "wckit/wc_err.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_matfile.h"
#include "wckit/wc_net.h"
#include "wckit/wc_num.h"
#include "wckit/wc_params.h"
#include "wckit/wc_rng.h"
#include "wckit/wc_sim.h"
#include "wckit/wc_stim.h"
#include "wckit/wc_stream.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define MAX_STIM 64
#define MAX_NODES 100000000LL

enum {
    OPT_DT = WC_OPT_TOOL_BASE, OPT_PARAMS, OPT_STIM, OPT_NOISE_E,
    OPT_NOISE_I, OPT_NOISE_TAU, OPT_METHOD, OPT_EVERY, OPT_SKIP, OPT_VARS
};

typedef struct {
    wc_cli cli;
    double T, dt, skip;
    long long nodes, every, threads;
    unsigned long long seed;
    int method, rec_E, rec_I, vars_set;
    const char *table;
    wc_cli_model model;          /* -x, -p, --param-file, --convention; --noise-* */
    wc_cli_net nw;               /* network: --conn, --dist, -k, --speed ... */
    char **labels;               /* region labels of --conn, when they fit as column names */
    size_t nlabels;
    wc_stim *stims[MAX_STIM];
    int nstim;
} run_opts;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: wc-run [options]\n"
            "Simulate Wilson-Cowan nodes; write t, rE, rI as a wc-stream (wc-run(1), wc-model(7)).\n\n"
            "Run:\n"
            "  -T, --duration MS        simulated time [100]\n"
            "      --dt MS              time step [0.1]\n"
            "      --method M           expeuler, euler, heun (rk2) or rk4 [expeuler]\n"
            "  -n, --nodes N            N independent identical nodes [1]\n"
            "      --params FILE        one node per row of a table whose columns are parameter names\n"
            "  -t, --threads N          worker threads (output does not depend on it) [auto]\n"
            "Network (wc-model(7) NETWORKS; wc-conn(1) makes and inspects connectomes):\n"
            "      --conn FILE          weights C[i][j], to i from j: text, CSV, .npy, wc-stream,\n"
            "                           FILE.msgpack:KEY, a TVB zip or a shipped connectome (hcp80);\n"
            "                           one node per row, output t rE0 .. rE{N-1} (or region labels)\n");
    wc_cli_usage_net(out);
    wc_cli_usage_model(out, 1);
    fprintf(out,
            "Input:\n"
            "      --stim SPEC          add a stimulus, e.g. 'E:pulse(100,110,2)', 'E:step(200,1)',\n"
            "                           'E:ramp(0,1000,0,2)', 'I:sine(0.5,10)', 'E:const(1)',\n"
            "                           'E[0-3,7]:file(drive.tsv,col)'; repeat to add up\n"
            "      --noise-E SIGMA      OU noise intensity on E (= -p sigma_E=SIGMA) [0]\n"
            "      --noise-I SIGMA      OU noise intensity on I (= -p sigma_I=SIGMA) [0]\n"
            "      --noise-tau MS       OU time constant (= -p noise_tau=MS) [10]\n"
            "  -s, --seed INT           noise seed [0]\n"
            "Output:\n"
            "      --every K            record every K-th step [1]\n"
            "      --skip MS            drop rows before MS (transient) [0]\n"
            "      --vars LIST          rE, rI or rE,rI [rE,rI; rE for a network]\n");
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    {"duration", required_argument, 0, 'T'},
    {"dt", required_argument, 0, OPT_DT},
    {"method", required_argument, 0, OPT_METHOD},
    {"nodes", required_argument, 0, 'n'},
    {"params", required_argument, 0, OPT_PARAMS},
    {"threads", required_argument, 0, 't'},
    WC_CLI_MODEL_LONGOPTS,
    WC_CLI_MODEL_PARAM_LONGOPT,
    {"stim", required_argument, 0, OPT_STIM},
    {"noise-E", required_argument, 0, OPT_NOISE_E},
    {"noise-I", required_argument, 0, OPT_NOISE_I},
    {"noise-tau", required_argument, 0, OPT_NOISE_TAU},
    {"seed", required_argument, 0, 's'},
    {"every", required_argument, 0, OPT_EVERY},
    {"skip", required_argument, 0, OPT_SKIP},
    {"vars", required_argument, 0, OPT_VARS},
    WC_CLI_NET_LONGOPTS,
    {0, 0, 0, 0},
};

static void parse_vars(run_opts *o, const char *arg)
{
    char buf[64];
    if (snprintf(buf, sizeof buf, "%s", arg) >= (int)sizeof buf) wc_usage("--vars: too long");
    o->rec_E = o->rec_I = 0;
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (strcmp(t, "rE") == 0) o->rec_E = 1;
        else if (strcmp(t, "rI") == 0) o->rec_I = 1;
        else wc_usage("--vars: unknown variable '%s' (rE, rI)", t);
    }
    if (!o->rec_E && !o->rec_I) wc_usage("--vars: nothing selected");
}

static void parse_option(run_opts *o, int c, const char *arg)
{
    switch (c) {
    case 'T': o->T = wc_cli_nonneg("--duration", arg); break;
    case OPT_DT: o->dt = wc_cli_positive("--dt", arg); break;
    case OPT_METHOD:
        if ((o->method = wc_integrate_method_parse(arg)) < 0) wc_usage("--method: unknown method '%s' (expeuler, euler, heun, rk4)", arg);
        break;
    case 'n': o->nodes = wc_cli_count("--nodes", arg, 1, MAX_NODES); break;
    case OPT_PARAMS: o->table = arg; break;
    case 't': o->threads = wc_cli_count("--threads", arg, 1, 256); break;
    case OPT_STIM:
        if (o->nstim == MAX_STIM) wc_usage("more than %d stimuli", MAX_STIM);
        if (!(o->stims[o->nstim++] = wc_stim_parse(arg))) wc_usage("--stim: %s", wc_errmsg());
        break;
    case OPT_NOISE_E: wc_cli_model_set(&o->model, WC_P_SIGMA_E, arg); break;
    case OPT_NOISE_I: wc_cli_model_set(&o->model, WC_P_SIGMA_I, arg); break;
    case OPT_NOISE_TAU: wc_cli_model_set(&o->model, WC_P_NOISE_TAU, arg); break;
    case 's': o->seed = wc_cli_seed("--seed", arg); break;
    case OPT_EVERY: o->every = wc_cli_count("--every", arg, 1, 1LL << 50); break;
    case OPT_SKIP: o->skip = wc_cli_nonneg("--skip", arg); break;
    case OPT_VARS: parse_vars(o, arg); o->vars_set = 1; break;
    default:
        if (!wc_cli_net_option(&o->nw, c, arg) && !wc_cli_model_option(&o->model, c, arg) && !wc_cli_option(&o->cli, c, arg)) wc_usage("unhandled option");
    }
}

static void parse_args(run_opts *o, int argc, char **argv)
{
    *o = (run_opts){.T = 100, .dt = 0.1, .every = 1, .nodes = 0, .rec_E = 1, .rec_I = 1};
    wc_cli_net_init(&o->nw);
    wc_cli_init(&o->cli, "wc-run", argc, argv, usage);
    int c;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS WC_CLI_MODEL_SHORTOPTS WC_CLI_NET_SHORTOPTS "T:n:t:s:", longopts, NULL)) != -1)
        parse_option(o, c, optarg);
    if (optind < argc) wc_usage("unexpected argument '%s'", argv[optind]);
    if (o->nodes && o->table) wc_usage("use either --nodes or --params, not both");
    if (o->nw.conn && o->nodes) wc_usage("--nodes: a network has as many nodes as --conn has rows");
    if (o->nw.net_only && !o->nw.conn) wc_usage("%s needs --conn (a network option)", o->nw.net_only);
    wc_cli_net_args(&o->nw);
    if (o->nw.conn && !o->vars_set) o->rec_I = 0;   /* a network records rE unless asked */
}

/* One parameter set per row of the table; *skip gets the columns it sets. */
static wc_params *load_table(run_opts *o, const wc_params *base, size_t *n, unsigned long *skip)
{
    wc_params *p = wc_params_read_table(o->table, base, o->model.conv, (size_t)MAX_NODES, n, skip);
    if (!p) wc_die("%s: %s", o->table && strcmp(o->table, "-") != 0 ? o->table : "stdin", wc_errmsg());
    return p;
}

/* The region labels of --conn (wc_sim_columns names the columns by them when it can),
 * when there is one per node. */
static void load_labels(run_opts *o, size_t n)
{
    char **v;
    long got = wc_matfile_labels(o->nw.conn, &v);
    if (got < 0) wc_die("%s: %s", o->nw.conn, wc_errmsg());
    if (got > 0 && (size_t)got != n) {
        wc_info("%s: region labels not used as column names (not one per node)", o->nw.conn);
        wc_matfile_labels_free(v, (size_t)got);
        return;
    }
    o->labels = got > 0 ? v : NULL;
    o->nlabels = (size_t)got;
}

/* The network of --conn/--dist, and its pseudo-history. */
static void load_network(run_opts *o, wc_net *net, double **history)
{
    wc_matrix C, D;
    int have_D;
    wc_cli_net_load(&o->nw, &C, &D, &have_D);
    load_labels(o, C.n);
    o->nw.net.dt = o->dt;
    if (wc_net_build(net, &C, have_D ? &D : NULL, &o->nw.net) < 0) wc_die("%s: %s", have_D ? o->nw.dist : o->nw.conn, wc_errmsg());
    wc_matrix_free(&C);
    if (have_D) wc_matrix_free(&D);
    if (!(*history = wc_net_history_values(&o->nw.history, net->n, wc_net_history_len(net), o->seed))) wc_die("%s", wc_errmsg());
}

static void network_header(wc_hdr *h, const run_opts *o, const wc_net *net)
{
    wc_cli_net_hdr(&o->nw, h);
    wc_hdr_add(h, "edges", "%zu", net->nedge);
    wc_hdr_add(h, "lags", "%u..%u", net->lag_min, net->lag_max);
}

static wc_hdr *make_header(const run_opts *o, const wc_sim_cfg *cfg, const wc_params *base, unsigned long skip)
{
    wc_hdr *h = wc_hdr_new();
    wc_cli_provenance(&o->cli, h);
    wc_hdr_add(h, "model", "wilson-cowan");
    wc_hdr_add(h, "integrator", "%s", wc_integrate_method_name(o->method));
    wc_hdr_add_num(h, "dt", o->dt);
    wc_hdr_add_num(h, "duration", o->T);
    wc_hdr_add(h, "steps", "%lld", cfg->nsteps);
    wc_hdr_add(h, "every", "%lld", o->every);
    wc_hdr_add_num(h, "skip", o->skip);
    wc_hdr_add(h, "seed", "%llu", o->seed);
    wc_hdr_add(h, "noise.normals", "%s", WC_RNG_NORMALS);
    wc_hdr_add(h, "nodes", "%zu", cfg->n);
    wc_cli_model_hdr(&o->model, h);
    if (o->table) wc_hdr_add(h, "param-table", "%s", o->table);
    if (cfg->net) network_header(h, o, cfg->net);
    wc_params_to_hdr(base, h, skip);
    for (int k = 0; k < o->nstim; k++) wc_hdr_add(h, "stim", "%s", wc_stim_spec(o->stims[k]));
    wc_hdr_add(h, "nrows", "%lld", wc_sim_nrows(cfg));
    wc_hdr_add(h, "unit.t", "ms");
    if (wc_sim_columns(cfg, h, (const char *const *)o->labels) < 0) wc_die("%s", wc_errmsg());
    return h;
}

typedef struct {
    run_opts *o;
    wc_stream_writer *w;
    wc_cli_progress prog;
} run_ctx;

static int emit_rows(void *ctx, const double *rows, size_t n)
{
    run_ctx *c = ctx;
    wc_cli_write_rows(&c->o->cli, c->w, rows, n);
    return 0;
}

static void show_progress(void *ctx, long long done, long long total)
{
    run_ctx *c = ctx;
    wc_cli_progress_show(&c->prog, done, total);
}

static void report(run_ctx *c, const wc_sim_cfg *cfg)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double s = wc_cli_progress_end(&c->prog), work = (double)cfg->nsteps * (double)cfg->n, ns = work > 0 ? 1e9 * s / work : 0;
    wc_info("%lld steps x %zu node%s (%s, %s), %.3f s, %.1f ns per node-step, %d thread%s, peak RSS %.1f MB",
            cfg->nsteps, cfg->n, cfg->n == 1 ? "" : "s", wc_integrate_method_name(cfg->method), wc_integrate_simd_name(), s, ns,
            cfg->threads, cfg->threads > 1 ? "s" : "", ru.ru_maxrss / 1024.0);
    if (cfg->net && cfg->net->nedge)
        wc_info("%zu connections, %.3f ns per connection-step", cfg->net->nedge,
                1e9 * s / ((double)cfg->nsteps * (double)cfg->net->nedge));
}

/* A run that blew up gets a hint: the step, or the method, is usually to blame.  The
 * progress line, if any, is cleared first. */
static void run_failed(run_ctx *c, const wc_sim_fault *f)
{
    const run_opts *o = c->o;
    wc_cli_progress_end(&c->prog);
    if (f->step <= 0) wc_die("%s", wc_errmsg());
    char dt[WC_NUM_BUFSZ];
    wc_num_fmt(dt, o->dt, 0);
    wc_die("the run blew up: %s; try a smaller --dt (%s now) or another --method (%s now)", wc_errmsg(), dt,
           wc_integrate_method_name(o->method));
}

/* Threads pay off from a few hundred independent nodes.  A network runs on one thread
 * unless asked: every block each thread reads the history the others just wrote, and on
 * the 2-core development machine that traffic cost more than the second core gave
 * (hcp80: 0.06 to 0.14 s on 2 threads, 0.08 s on one; N = 1000: 0.17 to 0.40 s vs 0.28). */
static int auto_threads(size_t n, const wc_net *net)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (net || n < 256 || cpus < 2) return 1;
    return cpus > 8 ? 8 : (int)cpus;
}

int main(int argc, char **argv)
{
    run_opts o;
    parse_args(&o, argc, argv);
    wc_params base, *nodes = &base;
    unsigned long skip = 0;
    size_t n = o.nodes ? (size_t)o.nodes : 1;
    wc_net net = {0}, *netp = NULL;
    double *history = NULL;
    wc_cli_model_params(&o.model, &base);
    if (o.nw.conn) {
        load_network(&o, &net, &history);
        netp = &net;
        n = net.n;
    }
    for (int k = 0; k < o.nstim; k++)
        if (wc_stim_open(o.stims[k]) < 0) wc_die("%s", wc_errmsg());
    if (o.table) {
        size_t want = n;
        nodes = load_table(&o, &base, &n, &skip);
        if (netp && n != want) wc_die("%s: %zu rows for a network of %zu nodes", o.table, n, want);
    }
    else if (n > 1) {
        if (!(nodes = malloc(n * sizeof *nodes))) wc_die("out of memory for %zu nodes", n);
        for (size_t i = 0; i < n; i++) nodes[i] = base;
    }
    wc_clock clk;
    wc_clock_init(&clk, o.dt);
    wc_sim_cfg cfg = {.n = n, .p = nodes, .method = o.method, .dt = o.dt, .nsteps = wc_cli_steps(o.T, o.dt),
                      .every = o.every, .first = wc_clock_steps(&clk, o.skip), .seed = o.seed,
                      .stims = o.stims, .nstim = (size_t)o.nstim, .rec_E = o.rec_E, .rec_I = o.rec_I,
                      .threads = o.threads ? (int)o.threads : auto_threads(n, netp),
                      .net = netp, .history = history};
    for (int k = 0; k < o.nstim; k++)
        if (wc_stim_check_nodes(o.stims[k], n) < 0) wc_usage("--stim: %s", wc_errmsg());
    if (o.skip > o.T) wc_warn("--skip %g is beyond --duration %g: no rows", o.skip, o.T);
    wc_hdr *h = make_header(&o, &cfg, &base, skip);
    run_ctx ctx = {.o = &o};
    wc_cli_progress_start(&ctx.prog, "steps");
    ctx.w = wc_cli_open_output(&o.cli, h);
    wc_hdr_free(h);   /* written: a run that fails from here on holds no block of it */
    cfg.emit = emit_rows;
    cfg.progress = show_progress;
    cfg.ctx = &ctx;
    wc_sim_fault fault;
    cfg.fault = &fault;
    if (wc_sim_run(&cfg) < 0) run_failed(&ctx, &fault);
    wc_cli_close_output(&o.cli, ctx.w);
    report(&ctx, &cfg);
    for (int k = 0; k < o.nstim; k++) wc_stim_free(o.stims[k]);
    if (nodes != &base) free(nodes);
    wc_net_free(&net);
    wc_matfile_labels_free(o.labels, o.nlabels);
    wc_cli_net_free(&o.nw);
    free(history);
    wc_cli_finish();
    return 0;
}
