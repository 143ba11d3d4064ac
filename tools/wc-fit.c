/* wc-fit — fit a whole-brain network's parameters to empirical FC (and FCD) by
 * derivative-free optimisation with NLopt (wc-fit(1)).  Every evaluation is a network
 * point scored as wc-explore scores a grid point (wc_explore_point), written as one row
 * as it happens; the search, its threads and its resumption are the library's
 * (wc_fit.h).  This file parses the command line, maps the fitted names onto a point's
 * configuration and writes the rows, the summary and the best point. */
#include "wc_cli.h"
#include "wckit/wc_err.h"
#include "wckit/wc_explore.h"
#include "wckit/wc_fit.h"
#include "wckit/wc_grid.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_matfile.h"
#include "wckit/wc_net.h"
#include "wckit/wc_num.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    OPT_FIT = WC_OPT_TOOL_BASE, OPT_ALGO, OPT_MAXEVAL, OPT_GLOBAL_EVALS, OPT_FTOL, OPT_OBJECTIVE, OPT_REPEATS,
    OPT_RESUME, OPT_SAVE_BEST, OPT_NO_TIMING
};

/* The terms of a row: raw scores, each present when its data is. */
enum { T_FC, T_FCD, T_SC, NTERMS };
static const char *const term_names[NTERMS] = {"fc_corr", "fcd_ks", "sc_corr"};

typedef struct {
    wc_cli cli;
    wc_cli_point pt;
    wc_fit_opts fit;
    int var[WC_FIT_MAX_DIM];          /* what each fitted parameter sets (wc_explore_var) */
    const char *fit_args[WC_FIT_MAX_DIM];
    const char *algo, *resume, *save_best;
    double w[NTERMS];                 /* objective weights: fc, fcd, sc */
    long long threads;
    int timing;
} fit_opts;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: wc-fit --fit NAME=LO:HI[:log] [--fit ...] [options]\n"
            "Fit a network of Wilson-Cowan nodes to empirical data: minimise an objective of its FC\n"
            "(and FCD) over bounded parameters with NLopt, a global method then a local one, every\n"
            "evaluation a network run scored as wc-explore scores a point.  Writes one row per\n"
            "evaluation as it happens (wc-fit(1)).\n\n"
            "Fit:\n"
            "      --fit NAME=LO:HI[:log]  a parameter and its bounds: k, speed, sigma (OU noise on E\n"
            "                           and I) or a model parameter; :log searches log10 (LO > 0)\n"
            "      --algo G+L           the global method then the local one, or one of them: global\n"
            "                           crs2, esch, isres, direct; local bobyqa, neldermead, sbplx,\n"
            "                           cobyla, praxis; or NLopt's names (GN_..., LN_...) [crs2+bobyqa]\n"
            "      --maxeval N          evaluations in all [200]\n"
            "      --global-evals N     of which the global method may use [3/4 of --maxeval]\n"
            "      --ftol F             the local method stops when f changes by less than F relative [1e-4]\n"
            "      --objective W        weights: fc=A,fcd=B,sc=C for A (1 - fc_corr) + B fcd_ks +\n"
            "                           C (1 - sc_corr) [fc=1]\n"
            "      --repeats R          average R noise seeds per point [1]\n"
            "  -t, --threads N          evaluations at once (the result does not depend on it) [CPUs]\n"
            "      --resume LOG         reuse the evaluations of LOG (this fit's output, maybe cut short\n"
            "                           by a kill) and go on: the same output as a run never stopped\n"
            "      --save-best PREFIX   write PREFIX.fc.npy (the best point's FC, its first seed) and\n"
            "                           PREFIX.sh (the wc-run | wc-fc pipeline that gives it)\n"
            "      --no-timing          no seconds column (the output then does not depend on the machine)\n");
    wc_cli_usage_point(out, 60000);
    wc_cli_usage_model(out, 1);
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    WC_CLI_POINT_LONGOPTS,
    {"fit", required_argument, 0, OPT_FIT},
    {"algo", required_argument, 0, OPT_ALGO},
    {"maxeval", required_argument, 0, OPT_MAXEVAL},
    {"global-evals", required_argument, 0, OPT_GLOBAL_EVALS},
    {"ftol", required_argument, 0, OPT_FTOL},
    {"objective", required_argument, 0, OPT_OBJECTIVE},
    {"repeats", required_argument, 0, OPT_REPEATS},
    {"threads", required_argument, 0, 't'},
    {"resume", required_argument, 0, OPT_RESUME},
    {"save-best", required_argument, 0, OPT_SAVE_BEST},
    {"no-timing", no_argument, 0, OPT_NO_TIMING},
    {0, 0, 0, 0},
};

/* "fc=1,fcd=0.5,sc=0" */
static void parse_objective(fit_opts *o, const char *arg)
{
    o->w[T_FC] = o->w[T_FCD] = o->w[T_SC] = 0;
    char *s = strdup(arg), *save = NULL;
    if (!s) wc_die("out of memory");
    for (char *tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq) wc_usage("--objective: '%s' is not NAME=WEIGHT (fc, fcd, sc)", tok);
        *eq = 0;
        int t = strcmp(tok, "fc") == 0 ? T_FC : strcmp(tok, "fcd") == 0 ? T_FCD : strcmp(tok, "sc") == 0 ? T_SC : -1;
        if (t < 0) wc_usage("--objective: unknown term '%s' (fc, fcd, sc)", tok);
        o->w[t] = wc_cli_nonneg("--objective", eq + 1);
    }
    free(s);
    if (o->w[T_FC] + o->w[T_FCD] + o->w[T_SC] <= 0) wc_usage("--objective: every weight is 0");
}

/* "NAME=LO:HI[:log]" */
static void parse_fit(fit_opts *o, size_t i, const char *arg)
{
    char name[64], lo[64], hi[64], scale[16] = "";
    const char *eq = strchr(arg, '=');
    if (!eq || (size_t)(eq - arg) >= sizeof name) wc_usage("--fit: '%s' is not NAME=LO:HI[:log]", arg);
    memcpy(name, arg, (size_t)(eq - arg)), name[eq - arg] = 0;
    int n = sscanf(eq + 1, "%63[^:]:%63[^:]:%15s", lo, hi, scale);
    if (n < 2 || (n == 3 && strcmp(scale, "log") != 0)) wc_usage("--fit: '%s' is not NAME=LO:HI[:log]", arg);
    if ((o->var[i] = wc_explore_var(name, o->pt.model.conv)) < 0) wc_usage("--fit: %s", wc_errmsg());
    for (size_t j = 0; j < i; j++)
        if (o->var[j] == o->var[i]) wc_usage("--fit: %s given twice", name);
    o->fit.lo[i] = wc_cli_double("--fit", lo), o->fit.hi[i] = wc_cli_double("--fit", hi);
    o->fit.logscale[i] = n == 3;
    if (!(o->fit.lo[i] < o->fit.hi[i])) wc_usage("--fit: %s: the bounds %s:%s are empty or inverted", name, lo, hi);
    if (o->fit.logscale[i] && !(o->fit.lo[i] > 0)) wc_usage("--fit: %s: a log scale needs LO > 0", name);
    if (o->var[i] == WC_EXPLORE_VAR_SPEED && !(o->fit.lo[i] > 0)) wc_usage("--fit: speed must be > 0 (m/s)");
    if (o->var[i] == WC_EXPLORE_VAR_SIGMA && o->fit.lo[i] < 0) wc_usage("--fit: sigma must be >= 0");
    for (int e = 0; e < 2 && o->var[i] < WC_NPARAM; e++)   /* a model parameter: both bounds in its range */
        if (wc_params_check(o->var[i], e ? o->fit.hi[i] : o->fit.lo[i]) < 0) wc_usage("--fit: %s", wc_errmsg());
}

static void parse_algo(fit_opts *o, const char *arg)
{
    static char buf[128];
    if (strlen(arg) >= sizeof buf) wc_usage("--algo: too long");
    strcpy(buf, arg);
    char *plus = strchr(buf, '+');
    if (plus) *plus = 0;
    const char *parts[2] = {buf, plus ? plus + 1 : NULL};
    o->fit.global = o->fit.local = NULL;
    for (int k = 0; k < 2 && parts[k]; k++) {
        int global;
        if (wc_fit_algorithm(parts[k], &global) < 0) wc_usage("--algo: %s", wc_errmsg());
        if (plus && global != (k == 0)) wc_usage("--algo: give the global method first, then the local one (G+L)");
        if (global) o->fit.global = parts[k];
        else o->fit.local = parts[k];
    }
}

static void parse_args(fit_opts *o, int argc, char **argv)
{
    *o = (fit_opts){.algo = "crs2+bobyqa", .w = {1, 0, 0}, .timing = 1};
    wc_fit_opts_init(&o->fit);
    o->fit.maxeval = 200;
    wc_cli_point_init(&o->pt, 60000);
    wc_cli_init(&o->cli, "wc-fit", argc, argv, usage);
    int c;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS WC_CLI_POINT_SHORTOPTS "t:", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_FIT:
            if (o->fit.dim == WC_FIT_MAX_DIM) wc_usage("--fit: at most %d parameters", WC_FIT_MAX_DIM);
            o->fit_args[o->fit.dim++] = optarg;
            break;
        case OPT_ALGO: o->algo = optarg; break;
        case OPT_MAXEVAL: o->fit.maxeval = wc_cli_count("--maxeval", optarg, 1, 1LL << 30); break;
        case OPT_GLOBAL_EVALS: o->fit.global_evals = wc_cli_count("--global-evals", optarg, 0, 1LL << 30); break;
        case OPT_FTOL: o->fit.ftol = wc_cli_nonneg("--ftol", optarg); break;
        case OPT_OBJECTIVE: parse_objective(o, optarg); break;
        case OPT_REPEATS: o->fit.repeats = (int)wc_cli_count("--repeats", optarg, 1, 1000); break;
        case 't': o->threads = wc_cli_count("--threads", optarg, 1, 256); break;
        case OPT_RESUME: o->resume = optarg; break;
        case OPT_SAVE_BEST: o->save_best = optarg; break;
        case OPT_NO_TIMING: o->timing = 0; break;
        default:
            if (!wc_cli_point_option(&o->pt, c, optarg) && !wc_cli_option(&o->cli, c, optarg)) wc_usage("unhandled option");
        }
    }
    if (optind < argc) wc_usage("unexpected argument '%s'", argv[optind]);
    if (!o->fit.dim) wc_usage("nothing to fit: give --fit NAME=LO:HI (k, speed, sigma or a model parameter)");
    wc_cli_point_args(&o->pt);
    for (size_t i = 0; i < o->fit.dim; i++) parse_fit(o, i, o->fit_args[i]);
    parse_algo(o, o->algo);
    if (o->fit.global && o->fit.local && o->fit.global_evals < 0) o->fit.global_evals = o->fit.maxeval * 3 / 4;
    if (o->fit.global_evals > o->fit.maxeval) wc_usage("--global-evals %lld is more than --maxeval %lld", o->fit.global_evals, o->fit.maxeval);
    if (o->w[T_FC] > 0 && !o->pt.fc_emp) wc_usage("the objective's fc term needs --fc-emp (or --conn hcp80)");
    if (o->w[T_FCD] > 0 && !o->pt.fcd_emp) wc_usage("the objective's fcd term needs --fcd-emp and --window");
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    o->fit.threads = o->threads ? (int)o->threads : cpus < 1 ? 1 : cpus > 64 ? 64 : (int)cpus;
    o->fit.seed = o->pt.seed;
}

/* ---- an evaluation ---- */

static int present(const fit_opts *o, int t)
{
    return t == T_FC ? o->pt.have_fc : t == T_FCD ? o->pt.have_fcd : 1;
}

/* Evaluation k's repeat r: the point's configuration and seed. */
static void eval_cfg(const fit_opts *o, long long k, int r, const double *x, wc_explore_cfg *c)
{
    *c = o->pt.cfg;
    for (size_t i = 0; i < o->fit.dim; i++) wc_explore_set(c, o->var[i], x[i]);
    c->seed = wc_explore_seed(o->pt.seed, k * o->fit.repeats + r);
}

static int evaluate(void *ctx, long long k, int r, const double *x, double *f, double *terms)
{
    const fit_opts *o = ctx;
    wc_explore_cfg c;
    eval_cfg(o, k, r, x, &c);
    wc_explore_result res = {0};
    if (wc_explore_check(&c) < 0 || wc_explore_point(&c, &res) < 0) return -1;
    *f = wc_explore_objective(&res, o->w);
    terms[T_FC] = res.fc_corr, terms[T_FCD] = res.fcd_ks, terms[T_SC] = res.sc_corr;
    return 0;
}

/* ---- the output: one row per evaluation ---- */

typedef struct {
    const fit_opts *o;
    wc_stream_writer *w;
    size_t ncols;
    wc_cli_progress prog;
} out;

static char *fit_text(const fit_opts *o)
{
    char *pt = wc_cli_point_text(&o->pt);
    size_t cap = strlen(pt) + 4096;
    char *s = malloc(cap);
    if (!s) wc_die("out of memory");
    int len = snprintf(s, cap, "%s fit 1 algo=%s/%s maxeval=%lld global=%lld ftol=%a repeats=%d w=%a,%a,%a", pt,
                       o->fit.global ? o->fit.global : "", o->fit.local ? o->fit.local : "", o->fit.maxeval,
                       o->fit.global_evals, o->fit.ftol, o->fit.repeats, o->w[0], o->w[1], o->w[2]);
    for (size_t i = 0; i < o->fit.dim && len < (int)cap; i++)
        len += snprintf(s + len, cap - (size_t)len, " %s=%a:%a:%d", wc_explore_var_name(o->var[i]), o->fit.lo[i],
                        o->fit.hi[i], o->fit.logscale[i]);
    free(pt);
    return s;
}

static wc_hdr *make_header(const fit_opts *o, uint64_t hash)
{
    wc_hdr *h = wc_hdr_new();
    if (!h) wc_die("out of memory");
    wc_cli_provenance(&o->cli, h);
    wc_cli_point_hdr(&o->pt, h);
    unsigned long skip = 0;
    for (size_t i = 0; i < o->fit.dim; i++) {
        int v = o->var[i];
        char key[64], lo[WC_NUM_BUFSZ], hi[WC_NUM_BUFSZ];
        if (v == WC_EXPLORE_VAR_K) wc_hdr_del(h, "k");
        if (v == WC_EXPLORE_VAR_SPEED) wc_hdr_del(h, "speed");
        if (v == WC_EXPLORE_VAR_SIGMA) skip |= 1UL << WC_P_SIGMA_E | 1UL << WC_P_SIGMA_I;
        else if (v < WC_NPARAM) skip |= 1UL << v;
        snprintf(key, sizeof key, "fit.%s", wc_explore_var_name(v));
        wc_num_fmt(lo, o->fit.lo[i], 0), wc_num_fmt(hi, o->fit.hi[i], 0);
        wc_hdr_add(h, key, "%s:%s%s", lo, hi, o->fit.logscale[i] ? ":log" : "");
    }
    wc_params_to_hdr(&o->pt.cfg.p, h, skip);
    wc_hdr_add(h, "fit.algo", "%s%s%s", o->fit.global ? o->fit.global : "", o->fit.global && o->fit.local ? "+" : "",
               o->fit.local ? o->fit.local : "");
    wc_hdr_add(h, "fit.maxeval", "%lld", o->fit.maxeval);
    if (o->fit.global && o->fit.local)
        wc_hdr_add(h, "fit.global-evals", "%lld", o->fit.global_evals);
    wc_hdr_add_num(h, "fit.ftol", o->fit.ftol);
    wc_hdr_add(h, "fit.repeats", "%d", o->fit.repeats);
    char a[WC_NUM_BUFSZ], b[WC_NUM_BUFSZ], c[WC_NUM_BUFSZ];
    wc_num_fmt(a, o->w[T_FC], 0), wc_num_fmt(b, o->w[T_FCD], 0), wc_num_fmt(c, o->w[T_SC], 0);
    wc_hdr_add(h, "fit.objective", "%s (1 - fc_corr) + %s fcd_ks + %s (1 - sc_corr)", a, b, c);
    wc_hdr_add(h, "fit.seeds", "evaluation k, repeat r: wc_explore_seed(seed, k repeats + r)");
    wc_hdr_add(h, "fit.hash", "%016llx", (unsigned long long)hash);
    const char *names[4 + WC_FIT_MAX_DIM + NTERMS + 2];
    size_t k = 0;
    names[k++] = "index", names[k++] = "phase", names[k++] = "seed";
    for (size_t i = 0; i < o->fit.dim; i++) names[k++] = wc_explore_var_name(o->var[i]);
    names[k++] = "objective";
    for (int t = 0; t < NTERMS; t++)
        if (present(o, t)) names[k++] = term_names[t];
    names[k++] = "failed";
    if (o->timing) names[k++] = "seconds";
    if (wc_hdr_set_cols(h, k, names) < 0) wc_die("%s", wc_errmsg());
    return h;
}

static int record(void *ctx, const wc_fit_eval *e)
{
    out *w = ctx;
    const fit_opts *o = w->o;
    double row[4 + WC_FIT_MAX_DIM + NTERMS + 2];
    size_t k = 0;
    row[k++] = (double)e->index, row[k++] = e->phase;
    row[k++] = (double)wc_explore_seed(o->pt.seed, e->index * o->fit.repeats);
    for (size_t i = 0; i < o->fit.dim; i++) row[k++] = e->x[i];
    row[k++] = e->f;
    for (int t = 0; t < NTERMS; t++)
        if (present(o, t)) row[k++] = e->terms[t];
    row[k++] = e->failed;
    if (o->timing) row[k++] = e->seconds;
    wc_cli_write_rows(&o->cli, w->w, row, 1);
    wc_cli_flush_output(&o->cli, w->w);
    wc_cli_progress_show(&w->prog, e->index + 1, o->fit.maxeval);
    return 0;
}

/* ---- resuming ---- */

/* The rows of a previous run's output: the same fit (its hash), every complete row. */
static wc_fit_eval *read_log(const fit_opts *o, const char *path, uint64_t hash, size_t *n)
{
    wc_stream_reader *r = wc_stream_reader_open(path);
    if (!r) wc_die("--resume: %s: %s", path, wc_errmsg());
    const wc_hdr *h = wc_stream_reader_hdr(r);
    const char *have = wc_hdr_get(h, "fit.hash");
    char want[32];
    snprintf(want, sizeof want, "%016llx", (unsigned long long)hash);
    if (!have) wc_die("--resume: %s is not the output of wc-fit (no fit.hash)", path);
    if (strcmp(have, want) != 0)
        wc_die("--resume: %s is the output of another fit (fit.hash %s, not %s: other options, data or bounds)", path,
               have, want);
    size_t nc = wc_hdr_ncols(h), cap = 0;
    int has_time = nc > 0 && strcmp(wc_hdr_col(h, nc - 1), "seconds") == 0;
    wc_fit_eval *ev = NULL;
    double *row = malloc(nc * sizeof *row);
    if (!row) wc_die("out of memory");
    *n = 0;
    long got;
    while ((got = wc_stream_reader_next(r, row)) == 1) {
        if (*n == cap && !(ev = realloc(ev, (cap = cap ? 2 * cap : 256) * sizeof *ev))) wc_die("out of memory");
        wc_fit_eval *e = &ev[*n];
        *e = (wc_fit_eval){.index = (long long)row[0], .phase = (int)row[1]};
        size_t k = 3;
        for (size_t i = 0; i < o->fit.dim; i++) e->x[i] = row[k++];
        e->f = row[k++];
        for (int t = 0; t < NTERMS; t++) e->terms[t] = present(o, t) ? row[k++] : NAN;
        e->failed = (int)row[k++];
        e->seconds = has_time ? row[k] : 0;
        if (e->index != (long long)*n) wc_die("--resume: %s: row %zu has index %lld", path, *n + 1, e->index);
        (*n)++;
    }
    /* a log cut short by a kill: the reader stops at its cut last line ("truncated input") */
    if (got < 0) wc_warn("--resume: %s: %s: resuming after its %zu complete rows", path, wc_errmsg(), *n);
    free(row);
    wc_stream_reader_close(r);
    return ev;
}

/* ---- the best point ---- */

static void save_best(const fit_opts *o, const wc_fit_eval *b)
{
    wc_explore_cfg c;
    eval_cfg(o, b->index, 0, b->x, &c);
    size_t n = c.C->n;
    wc_explore_result res = {.fc = malloc(n * n * sizeof(double))};
    if (!res.fc) wc_die("out of memory");
    if (wc_explore_point(&c, &res) < 0) wc_die("--save-best: %s", wc_errmsg());
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s.fc.npy", o->save_best) >= sizeof path) wc_die("--save-best: name too long");
    wc_matrix m = {.n = n, .a = res.fc};
    if (wc_matfile_save(path, wc_matfile_format_parse("npy"), &m, NULL) < 0) wc_die("--save-best: %s: %s", path, wc_errmsg());
    free(res.fc);
    /* the pipeline that gives it: composed in memory, then written as any output is
     * (under a temporary name, renamed when complete) */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) wc_die("out of memory");
    char num[WC_NUM_BUFSZ], hist[4096];
    fprintf(f, "#!/bin/sh\n# the best point of a wc-fit run (evaluation %lld, objective ", b->index);
    wc_num_fmt(num, b->f, 0);
    fprintf(f, "%s): its first repeat's FC is %s.fc.npy\nwc-run --conn '%s'", num, o->save_best, o->pt.nw.conn);
    if (o->pt.nw.dist) fprintf(f, " --dist '%s'", o->pt.nw.dist);
    else if (!c.D) fprintf(f, " --no-dist");
    wc_num_fmt(num, c.net.k, 0), fprintf(f, " -k %s", num);
    wc_num_fmt(num, c.net.speed, 0), fprintf(f, " --speed %s", num);
    wc_net_history_text(&c.history, hist, sizeof hist);
    fprintf(f, " --coupling %s --delay %s --history '%s' --%s", wc_net_coupling_name(c.net.coupling),
            wc_net_delay_name(c.net.delay), hist, c.net.keep_self ? "self" : "no-self");
    fprintf(f, " \\\n    -p ");
    for (int k = 0; k < WC_NPARAM; k++) {
        wc_num_fmt(num, c.p.v[k], 0);
        fprintf(f, "%s%s=%s", k ? "," : "", wc_params_name(k), num);
    }
    fprintf(f, " \\\n    --method %s", wc_integrate_method_name(c.method));
    wc_num_fmt(num, c.dt, 0), fprintf(f, " --dt %s", num);
    wc_num_fmt(num, c.T, 0), fprintf(f, " -T %s", num);
    fprintf(f, " -s %llu", (unsigned long long)c.seed);
    if (!c.bold) {
        wc_num_fmt(num, c.transient, 0), fprintf(f, " --skip %s --every %lld", num, c.every);
    }
    fprintf(f, " -Ou |\n");
    if (c.bold) {
        wc_num_fmt(num, c.tr, 0), fprintf(f, "wc-bold --tr %s", num);
        wc_num_fmt(num, c.bold_scale, 0), fprintf(f, " --scale %s", num);
        wc_num_fmt(num, c.transient / 1000, 0), fprintf(f, " --skip %s -Ou |\n", num);
    }
    fprintf(f, "wc-fc --sc '%s'%s%s%s", o->pt.nw.conn, o->pt.fc_emp ? " --compare '" : "", o->pt.fc_emp ? o->pt.fc_emp : "",
            o->pt.fc_emp ? "'" : "");
    if (c.window) fprintf(f, " --window %zusamples --step %zusamples", c.window, c.step);
    if (o->pt.fcd_emp) fprintf(f, " --compare-fcd '%s'", o->pt.fcd_emp);
    fprintf(f, " --summary \"$@\"\n");
    if (ferror(f) | fclose(f)) wc_die("out of memory");
    snprintf(path, sizeof path, "%s.sh", o->save_best);
    wc_cli sh = o->cli;
    sh.output = path;
    sh.otype = WC_OUT_TSV;
    wc_cli_text_table(&sh, "script");
    wc_stream_writer *w = wc_cli_open_output(&sh, NULL);
    wc_cli_write_text(&sh, w, text);
    wc_cli_close_output(&sh, w);
    free(text);
}

/* PREFIX.fc.npy and PREFIX.sh go into PREFIX's directory: one that is not there fails
 * now, not after the fit. */
static void check_save_best(const char *prefix)
{
    const char *slash = strrchr(prefix, '/');
    char *dir = slash ? strndup(prefix, (size_t)(slash - prefix) + 1) : strdup(".");
    struct stat st;
    if (!dir) wc_die("out of memory");
    if (stat(dir, &st) < 0) wc_die("--save-best: %s: %s", dir, strerror(errno));
    if (!S_ISDIR(st.st_mode)) wc_die("--save-best: %s: not a directory", dir);
    free(dir);
}

/* ---- main ---- */

static void summary(const fit_opts *o, const wc_fit_result *r)
{
    char line[1024], num[WC_NUM_BUFSZ];
    int len = 0;
    for (size_t i = 0; i < o->fit.dim; i++) {
        wc_num_fmt(num, r->best.x[i], 0);
        len += snprintf(line + len, sizeof line - (size_t)len, "%s%s=%s", i ? " " : "", wc_explore_var_name(o->var[i]), num);
    }
    wc_num_fmt(num, r->best.f, 0);
    fflush(stdout);
    fprintf(stderr, "%s: best %s: objective %s at evaluation %lld of %lld (%lld computed here, %lld speculative ones "
            "unused)\n", wc_progname, line, num, r->best.index, r->evals, r->computed, r->wasted);
}

int main(int argc, char **argv)
{
    fit_opts o;
    parse_args(&o, argc, argv);
    wc_cli_blas_serial();   /* evaluations run in parallel; each one's BLAS calls on its own thread */
    wc_cli_point_load(&o.pt);
    for (size_t i = 0; i < o.fit.dim; i++)   /* every network in the box must build */
        for (int e = 0; e < 2; e++) {
            wc_explore_cfg c = o.pt.cfg;
            wc_explore_set(&c, o.var[i], e ? o.fit.hi[i] : o.fit.lo[i]);
            if (wc_explore_check(&c) < 0) wc_die("%s", wc_errmsg());
        }
    o.fit.nterms = NTERMS, o.fit.fn = evaluate, o.fit.ctx = &o;
    if (wc_fit_check(&o.fit) < 0) wc_usage("%s", wc_errmsg());
    if (o.save_best) check_save_best(o.save_best);
    char *text = fit_text(&o);
    wc_grid none;
    wc_grid_init(&none);
    uint64_t hash = wc_grid_hash(&none, text);
    wc_fit_eval *known = NULL;
    if (o.resume) known = read_log(&o, o.resume, hash, &o.fit.nknown);
    o.fit.known = known;
    wc_hdr *h = make_header(&o, hash);
    out w = {.o = &o};
    w.w = wc_cli_open_output(&o.cli, h);
    wc_cli_progress_start(&w.prog, "evaluations");
    o.fit.record = record, o.fit.record_ctx = &w;
    wc_fit_result res;
    if (wc_fit_run(&o.fit, &res) < 0) wc_die("%s", wc_errmsg());
    wc_cli_progress_end(&w.prog);
    wc_cli_close_output(&o.cli, w.w);
    if (res.best.index < 0) wc_die("no evaluation succeeded (every run blew up or was constant): see the rows");
    if (wc_verbosity > 0) summary(&o, &res);
    if (o.save_best) save_best(&o, &res.best);
    wc_hdr_free(h);
    free(text), free(known);
    wc_cli_point_free(&o.pt);
    wc_cli_finish();
    return 0;
}
