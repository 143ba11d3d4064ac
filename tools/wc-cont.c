/* wc-cont — numerical continuation of one node's equilibria in a parameter: branches
 * with stability, fold and Hopf points, limit-cycle branches from the Hopf points, and
 * two-parameter curves of folds and Hopf points with their codimension-two points, as
 * tables for gnuplot (wc-cont(1)). */
#include "wc_cli.h"
#include "wckit/wc_cont.h"
#include "wckit/wc_cycle.h"
#include "wckit/wc_err.h"
#include "wckit/wc_num.h"
#include "wckit/wc_params.h"
#include "wckit/wc_range.h"
#include "wckit/wc_stream.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { WHAT_BRANCH, WHAT_SPECIAL, WHAT_CYCLES, WHAT_PROFILES, WHAT_CURVES };
static const char *const what_names[] = {"branch", "special", "cycles", "profiles", "curves"};

enum {
    OPT_PARAM = WC_OPT_TOOL_BASE, OPT_RANGE, OPT_PARAM2, OPT_RANGE2, OPT_WHAT, OPT_CYCLES, OPT_RE, OPT_RI, OPT_STEP,
    OPT_MAX_STEP, OPT_MAX_POINTS, OPT_START, OPT_NTST, OPT_NCOL, OPT_PERIOD_MAX, OPT_PROFILE_POINTS
};

#define MAX_STARTS 1000

typedef struct {
    wc_cli cli;
    wc_cli_model model;
    const char *par_name, *par2_name, *range, *range2, *rE, *rI;
    int par, par2, what, cycles;
    double step, max_step, period_max;
    long long max_points, ntst, ncol, profile_points;
    double starts[MAX_STARTS];
    size_t nstarts;
} cont_opts;

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: wc-cont --param NAME --range LO:HI [options]\n"
            "Continue the equilibria of one Wilson-Cowan node in a parameter: branches and their\n"
            "stability, folds and Hopf points, limit cycles, two-parameter fold and Hopf curves\n"
            "(wc-cont(1), wc-model(7)).\n\n"
            "Continuation:\n"
            "      --param NAME         the parameter continued (any model parameter: I_E, wEE, theta_E ...)\n"
            "      --range LO:HI        its range\n"
            "      --start A[:B/N]      also start from every equilibrium at these values (isolas) [none]\n"
            "      --rE LO:HI, --rI LO:HI\n"
            "                           a branch ends where the state leaves this window\n"
            "                           [one that holds every fixed point over the range]\n"
            "      --step H             first step, arclength in (rE, rI, parameter) [1e-3 of the range, <= 0.01]\n"
            "      --max-step H         largest step [1e-2 of the range, <= 0.05]\n"
            "      --max-points N       most points per branch [100000]\n"
            "Output:\n"
            "      --what W             branch: the equilibria; special: folds, Hopf points (and the\n"
            "                           points below); cycles: limit cycles from each Hopf; profiles:\n"
            "                           those cycles' shapes; curves: two-parameter curves [branch]\n"
            "Limit cycles (--what cycles or profiles, or --cycles):\n"
            "      --cycles             continue the cycles too (their folds join the special points)\n"
            "      --ntst N             collocation mesh intervals [40]\n"
            "      --ncol N             collocation points per interval [4]\n"
            "      --period-max MS      end a cycle branch when its period exceeds MS [10000]\n"
            "      --profile-points N   samples per cycle for --what profiles [200]\n"
            "Two parameters (--what curves, or special points with --param2):\n"
            "      --param2 NAME        the second parameter of fold and Hopf curves\n"
            "      --range2 LO:HI       its range\n");
    wc_cli_usage_model(out, 0);
    wc_cli_usage_common(out);
}

static const struct option longopts[] = {
    WC_CLI_LONGOPTS,
    WC_CLI_MODEL_LONGOPTS,
    {"param", required_argument, 0, OPT_PARAM},
    {"range", required_argument, 0, OPT_RANGE},
    {"param2", required_argument, 0, OPT_PARAM2},
    {"range2", required_argument, 0, OPT_RANGE2},
    {"what", required_argument, 0, OPT_WHAT},
    {"cycles", no_argument, 0, OPT_CYCLES},
    {"rE", required_argument, 0, OPT_RE},
    {"rI", required_argument, 0, OPT_RI},
    {"step", required_argument, 0, OPT_STEP},
    {"max-step", required_argument, 0, OPT_MAX_STEP},
    {"max-points", required_argument, 0, OPT_MAX_POINTS},
    {"start", required_argument, 0, OPT_START},
    {"ntst", required_argument, 0, OPT_NTST},
    {"ncol", required_argument, 0, OPT_NCOL},
    {"period-max", required_argument, 0, OPT_PERIOD_MAX},
    {"profile-points", required_argument, 0, OPT_PROFILE_POINTS},
    {0, 0, 0, 0},
};

static void add_starts(cont_opts *o, const char *arg)
{
    wc_range r;
    wc_cli_range("--start", arg, WC_RANGE_ACCEPT_POINTS, &r);
    if ((long long)o->nstarts + r.n > MAX_STARTS) wc_usage("--start: more than %d start values", MAX_STARTS);
    for (long long i = 0; i < r.n; i++) o->starts[o->nstarts++] = wc_range_value(&r, i);
}

/* A parameter name (in the --convention in force) for opt, or exit 2. */
static int param_id(const cont_opts *o, const char *opt, const char *name)
{
    if (strchr(name, '=')) wc_usage("%s names the parameter to continue; set values with -p %s", opt, name);
    int id = wc_params_lookup(name, o->model.conv);
    if (id < 0) wc_usage("%s: '%s' is not a model parameter (wc-cont --list-params lists them)", opt, name);
    return id;
}

static void parse_option(cont_opts *o, int c, const char *arg)
{
    switch (c) {
    case OPT_PARAM: o->par_name = arg; break;
    case OPT_RANGE: o->range = arg; break;
    case OPT_PARAM2: o->par2_name = arg; break;
    case OPT_RANGE2: o->range2 = arg; break;
    case OPT_WHAT: o->what = wc_cli_choice("--what", arg, what_names, 5); break;
    case OPT_CYCLES: o->cycles = 1; break;
    case OPT_RE: o->rE = arg; break;
    case OPT_RI: o->rI = arg; break;
    case OPT_STEP: o->step = wc_cli_positive("--step", arg); break;
    case OPT_MAX_STEP: o->max_step = wc_cli_positive("--max-step", arg); break;
    case OPT_MAX_POINTS: o->max_points = wc_cli_count("--max-points", arg, 2, 100000000); break;
    case OPT_START: add_starts(o, arg); break;
    case OPT_NTST: o->ntst = wc_cli_count("--ntst", arg, 2, 2000); break;
    case OPT_NCOL: o->ncol = wc_cli_count("--ncol", arg, 1, 7); break;
    case OPT_PERIOD_MAX: o->period_max = wc_cli_positive("--period-max", arg); break;
    case OPT_PROFILE_POINTS: o->profile_points = wc_cli_count("--profile-points", arg, 2, 1000000); break;
    default:
        if (!wc_cli_model_option(&o->model, c, arg) && !wc_cli_option(&o->cli, c, arg)) wc_usage("unhandled option");
    }
}

static void parse_args(cont_opts *o, int argc, char **argv)
{
    *o = (cont_opts){.par = -1, .par2 = -1, .profile_points = 200};
    wc_cli_init(&o->cli, "wc-cont", argc, argv, usage);
    int c;
    while ((c = getopt_long(argc, argv, WC_CLI_SHORTOPTS WC_CLI_MODEL_SHORTOPTS, longopts, NULL)) != -1)
        parse_option(o, c, optarg);
    if (optind < argc) wc_usage("unexpected argument '%s'", argv[optind]);
    if (!o->par_name) wc_usage("--param NAME is required (the parameter to continue)");
    if (!o->range) wc_usage("--range LO:HI is required");
    o->par = param_id(o, "--param", o->par_name);
    if (o->par2_name) o->par2 = param_id(o, "--param2", o->par2_name);
    if (o->par2 >= 0 && !o->range2) wc_usage("--param2 needs --range2 LO:HI");
    if (o->range2 && o->par2 < 0) wc_usage("--range2 goes with --param2");
    if (o->par2 == o->par && o->par >= 0) wc_usage("--param2 must differ from --param");
    if (o->what == WHAT_CURVES && o->par2 < 0) wc_usage("--what curves needs --param2 NAME --range2 LO:HI");
    if (o->what == WHAT_CYCLES || o->what == WHAT_PROFILES) o->cycles = 1;
    if (o->what == WHAT_SPECIAL) wc_cli_text_table(&o->cli, "special-point table");
}

/* The continuation's options: ranges checked against the parameter's own. */
static void setup(const cont_opts *o, const wc_params *p, wc_cont_opts *co, double range2[2])
{
    wc_range r;
    wc_cli_range("--range", o->range, WC_RANGE_ACCEPT_SPAN, &r);
    if (wc_params_check(o->par, r.lo) < 0 || wc_params_check(o->par, r.hi) < 0) wc_usage("--range: %s", wc_errmsg());
    wc_cont_opts_init(co, p, o->par, r.lo, r.hi);
    if (o->rE) wc_cli_range("--rE", o->rE, WC_RANGE_ACCEPT_SPAN, &r), co->win.rE_lo = r.lo, co->win.rE_hi = r.hi;
    if (o->rI) wc_cli_range("--rI", o->rI, WC_RANGE_ACCEPT_SPAN, &r), co->win.rI_lo = r.lo, co->win.rI_hi = r.hi;
    if (o->step) co->h0 = o->step;
    if (o->max_step) co->hmax = o->max_step;
    if (co->h0 > co->hmax) co->h0 = co->hmax;
    if (o->max_points) co->max_points = (size_t)o->max_points;
    co->starts = o->starts, co->nstarts = o->nstarts;
    if (o->par2 >= 0) {
        wc_cli_range("--range2", o->range2, WC_RANGE_ACCEPT_SPAN, &r);
        if (wc_params_check(o->par2, r.lo) < 0 || wc_params_check(o->par2, r.hi) < 0)
            wc_usage("--range2: %s", wc_errmsg());
        if (!(p->v[o->par2] >= r.lo && p->v[o->par2] <= r.hi))
            wc_usage("--range2 %s does not hold %s = %g, where the curves start", o->range2, o->par2_name, p->v[o->par2]);
        range2[0] = r.lo, range2[1] = r.hi;
    }
}

/* ---- the computations ---- */

typedef struct {
    wc_cont_branch *br;
    long nbr;
    wc_cont_special *sp;
    size_t nsp;
    size_t nsp_eq;            /* special points of the equilibria (the first nsp_eq) */
    wc_cycle_branch *cyc;
    size_t ncyc;
    wc_cont2_curve *curves;   /* two halves per start */
    size_t ncurves;
    int failed;               /* some branch ended in failure */
    double base2;             /* the second parameter's value on the one-parameter branches */
} results;

static void note_end(results *res, const char *what, size_t k, int end, const char *why)
{
    if (end == WC_END_FAILED) {
        wc_warn("%s %zu: %s (the branch up to there is written)", what, k, why);
        res->failed = 1;
    }
    else if (end == WC_END_WINDOW || end == WC_END_POINTS) wc_warn("%s %zu: %s", what, k, why);
    else wc_info("%s %zu: %s", what, k, why);
}

static void run_equilibria(const wc_cont_opts *co, results *res)
{
    res->nbr = wc_cont_equilibria(co, &res->br, &res->sp, &res->nsp);
    if (res->nbr < 0) wc_die("%s", wc_errmsg());
    if (res->nbr == 0) wc_warn("no equilibrium at either end of the range in the window");
    for (long k = 0; k < res->nbr; k++) note_end(res, "branch", (size_t)k, res->br[k].end, res->br[k].why);
    res->nsp_eq = res->nsp;
}

static void run_cycles(const cont_opts *o, const wc_cont_opts *co, results *res)
{
    wc_cycle_opts cy;
    wc_cycle_opts_init(&cy);
    if (o->ntst) cy.ntst = (size_t)o->ntst;
    if (o->ncol) cy.ncol = (size_t)o->ncol;
    if (o->period_max) cy.period_max = o->period_max;
    size_t nhopf = 0;
    for (size_t k = 0; k < res->nsp_eq; k++) nhopf += res->sp[k].type == WC_SP_HOPF;
    if (!nhopf) wc_warn("no Hopf point on the equilibria: no limit cycles to continue");
    if (!(res->cyc = calloc(nhopf ? nhopf : 1, sizeof *res->cyc))) wc_die("out of memory");
    size_t nprof = o->what == WHAT_PROFILES ? (size_t)o->profile_points : 0;
    for (size_t k = 0; k < res->nsp_eq; k++) {
        if (res->sp[k].type != WC_SP_HOPF) continue;
        wc_cont_special hopf = res->sp[k];   /* res->sp may move as cycle folds are added */
        size_t id = res->ncyc++;
        if (wc_cycle_from_hopf(co, &cy, &hopf, (int)id, nprof, &res->cyc[id], &res->sp, &res->nsp) < 0)
            wc_die("cycles from the Hopf point at %s = %g: %s", o->par_name, hopf.par, wc_errmsg());
        note_end(res, "cycle branch", id, res->cyc[id].end, res->cyc[id].why);
    }
}

/* Is the special point s on a curve already traced (its par2 is the base value)?  The
 * curve crosses par2 = base2 on a segment; the chord is off the curve by O(h^2), so s
 * counts as on it within a quarter of the segment (two distinct folds that close at the
 * same par2 lie near a cusp, on one fold curve anyway). */
static int on_curve(const results *res, const wc_cont_special *s, double base2)
{
    for (size_t c = 0; c < res->ncurves; c++) {
        const wc_cont2_curve *cv = &res->curves[c];
        if (cv->type != s->type) continue;
        for (size_t i = 0; i + 1 < cv->npt; i++) {
            const wc_cont2_point *a = &cv->pt[i], *b = &cv->pt[i + 1];
            if ((a->par2 - base2) * (b->par2 - base2) > 0) continue;
            double u = b->par2 != a->par2 ? (base2 - a->par2) / (b->par2 - a->par2) : 0;
            double par = a->par + u * (b->par - a->par), rE = a->rE + u * (b->rE - a->rE), rI = a->rI + u * (b->rI - a->rI);
            double seg = fabs(b->par - a->par) + fabs(b->par2 - a->par2) + fabs(b->rE - a->rE) + fabs(b->rI - a->rI);
            if (fabs(par - s->par) + fabs(rE - s->rE) + fabs(rI - s->rI) <= 0.25 * seg + 1e-8) return 1;
        }
    }
    return 0;
}

static void run_curves(const cont_opts *o, const wc_cont_opts *co, const double range2[2], results *res)
{
    size_t nstart = 0;
    for (size_t k = 0; k < res->nsp_eq; k++) nstart += res->sp[k].type == WC_SP_FOLD || res->sp[k].type == WC_SP_HOPF;
    if (!nstart) wc_warn("no fold or Hopf point on the equilibria: no curves to continue");
    if (!(res->curves = calloc(2 * (nstart ? nstart : 1), sizeof *res->curves))) wc_die("out of memory");
    for (size_t k = 0; k < res->nsp_eq; k++) {
        wc_cont_special s = res->sp[k];
        if ((s.type != WC_SP_FOLD && s.type != WC_SP_HOPF) || on_curve(res, &s, co->p.v[o->par2])) continue;
        int id = (int)res->ncurves;
        if (wc_cont2_curve_from(co, o->par2, range2[0], range2[1], &s, id, res->curves + id, &res->sp, &res->nsp) < 0)
            wc_die("the %s curve from %s = %g: %s", wc_cont_type_name(s.type), o->par_name, s.par, wc_errmsg());
        res->ncurves += 2;
        for (int h = 0; h < 2; h++) note_end(res, "curve", (size_t)id + h, res->curves[id + h].end, res->curves[id + h].why);
    }
}

/* ---- output ---- */

static wc_hdr *make_header(const cont_opts *o, const wc_params *p, const wc_cont_opts *co, const double range2[2])
{
    wc_hdr *h = wc_hdr_new();
    if (!h) wc_die("out of memory");
    wc_cli_provenance(&o->cli, h);
    wc_hdr_add(h, "model", "wilson-cowan");
    wc_hdr_add(h, "what", "%s", what_names[o->what]);
    wc_hdr_add(h, "cont.param", "%s", wc_params_name(o->par));
    wc_cli_hdr_span(h, "cont.range", co->lo, co->hi);
    if (o->par2 >= 0) {
        wc_hdr_add(h, "cont.param2", "%s", wc_params_name(o->par2));
        wc_cli_hdr_span(h, "cont.range2", range2[0], range2[1]);
    }
    wc_cli_hdr_span(h, "window.rE", co->win.rE_lo, co->win.rE_hi);
    wc_cli_hdr_span(h, "window.rI", co->win.rI_lo, co->win.rI_hi);
    wc_hdr_add_num(h, "cont.step", co->h0);
    wc_hdr_add_num(h, "cont.max-step", co->hmax);
    wc_cli_model_hdr(&o->model, h);
    /* the continued parameters' values vary: leave them out of the param lines */
    wc_params_to_hdr(p, h, (1UL << o->par) | (o->par2 >= 0 ? 1UL << o->par2 : 0));
    return h;
}

static void set_cols(wc_hdr *h, const char *const *cols, size_t n, const cont_opts *o)
{
    /* "PAR" and "PAR2" stand for the parameters' names */
    const char *named[16];
    for (size_t k = 0; k < n; k++)
        named[k] = strcmp(cols[k], "PAR") == 0    ? wc_params_name(o->par)
                   : strcmp(cols[k], "PAR2") == 0 ? wc_params_name(o->par2)
                                                  : cols[k];
    if (wc_hdr_set_cols(h, n, named) < 0) wc_die("%s", wc_errmsg());
}

static void write_branches(const cont_opts *o, const results *res, wc_hdr *h)
{
    static const char *const cols[] = {"branch", "PAR", "rE", "rI", "stable", "re1", "im1", "re2", "im2"};
    set_cols(h, cols, 9, o);
    wc_hdr_add(h, "branches", "%ld", res->nbr);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    for (long k = 0; k < res->nbr; k++) {
        if (k) wc_cli_blank_lines(&o->cli, w, 2);
        for (size_t i = 0; i < res->br[k].npt; i++) {
            const wc_cont_point *q = &res->br[k].pt[i];
            double row[9] = {(double)k, q->par, q->rE, q->rI, q->lin.stable, q->lin.re[0], q->lin.im[0], q->lin.re[1],
                             q->lin.im[1]};
            wc_cli_write_rows(&o->cli, w, row, 1);
        }
    }
    wc_cli_close_output(&o->cli, w);
}

static const char *criticality(const wc_cont_special *s)
{
    if (s->type != WC_SP_HOPF) return "-";
    return s->coef < 0 ? "supercritical" : s->coef > 0 ? "subcritical" : "degenerate";
}

static int by_place(const void *a, const void *b)
{
    const wc_cont_special *x = a, *y = b;
    if (x->branch != y->branch) return x->branch < y->branch ? -1 : 1;
    return x->after < y->after ? -1 : x->after > y->after;
}

static void write_special(const cont_opts *o, results *res, wc_hdr *h)
{
    wc_hdr_add(h, "special-points", "%zu", res->nsp);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, NULL);
    char *text = wc_hdr_text(h, 0, NULL);
    if (!text) wc_die("out of memory");
    wc_cli_write_text(&o->cli, w, text);
    free(text);
    int two = o->par2 >= 0;
    char line[512];
    snprintf(line, sizeof line, "# type\tcriticality\ton\tbranch\t%s%s%s\trE\trI\tomega\tfreq_Hz\tcoef\tperiod\n",
             wc_params_name(o->par), two ? "\t" : "", two ? wc_params_name(o->par2) : "");
    wc_cli_write_text(&o->cli, w, line);
    /* the equilibria's points in order along their branches, then the cycles' and curves' */
    qsort(res->sp, res->nsp_eq, sizeof *res->sp, by_place);
    for (size_t k = 0; k < res->nsp; k++) {
        const wc_cont_special *s = &res->sp[k];
        int on_curve = k >= res->nsp_eq && s->type != WC_SP_CYCLE_FOLD;
        const char *on = k < res->nsp_eq ? "equilibria" : on_curve ? "curve" : "cycles";
        snprintf(line, sizeof line, "%s\t%s\t%s", wc_cont_type_name(s->type), criticality(s), on);
        /* a point of a one-parameter branch lies at the second parameter's base value */
        double v[] = {s->branch, s->par, on_curve ? s->par2 : res->base2, s->rE, s->rI, s->omega,
                      s->omega * 1000 / (2 * M_PI), s->coef, s->period};
        if (two) wc_cli_write_cells(&o->cli, w, line, v, sizeof v / sizeof *v);
        else {
            memmove(v + 2, v + 3, 6 * sizeof *v);
            wc_cli_write_cells(&o->cli, w, line, v, sizeof v / sizeof *v - 1);
        }
    }
    wc_cli_close_output(&o->cli, w);
}

static void write_cycles(const cont_opts *o, const results *res, wc_hdr *h)
{
    static const char *const cols[] = {"branch", "PAR", "period", "freq_Hz", "rE_min", "rE_max", "rI_min", "rI_max",
                                       "mult0", "mult", "stable"};
    set_cols(h, cols, 11, o);
    wc_hdr_add(h, "cycle-branches", "%zu", res->ncyc);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    for (size_t k = 0; k < res->ncyc; k++) {
        if (k) wc_cli_blank_lines(&o->cli, w, 2);
        for (size_t i = 0; i < res->cyc[k].npt; i++) {
            const wc_cycle_point *c = &res->cyc[k].pt[i];
            double row[11] = {(double)k, c->par, c->period, 1000 / c->period, c->rE_min, c->rE_max, c->rI_min, c->rI_max,
                              c->mult_re[0], c->mult_re[1], c->stable};
            wc_cli_write_rows(&o->cli, w, row, 1);
        }
    }
    wc_cli_close_output(&o->cli, w);
}

static void write_profiles(const cont_opts *o, const results *res, wc_hdr *h)
{
    static const char *const cols[] = {"branch", "cycle", "PAR", "period", "t", "rE", "rI"};
    set_cols(h, cols, 7, o);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    int blocks = 0;
    for (size_t k = 0; k < res->ncyc; k++) {
        const wc_cycle_branch *b = &res->cyc[k];
        for (size_t i = 0; i < b->npt && b->prof; i++) {
            if (blocks++) wc_cli_blank_lines(&o->cli, w, 2);
            for (size_t j = 0; j < b->nprof; j++) {
                const double *q = b->prof + (i * b->nprof + j) * 3;
                double row[7] = {(double)k, (double)i, b->pt[i].par, b->pt[i].period, q[0], q[1], q[2]};
                wc_cli_write_rows(&o->cli, w, row, 1);
            }
        }
    }
    wc_cli_close_output(&o->cli, w);
}

static void write_curves(const cont_opts *o, const results *res, wc_hdr *h)
{
    static const char *const cols[] = {"curve", "hopf", "PAR", "PAR2", "rE", "rI", "omega", "coef"};
    set_cols(h, cols, 8, o);
    wc_hdr_add(h, "curves", "%zu", res->ncurves);
    wc_stream_writer *w = wc_cli_open_output(&o->cli, h);
    for (size_t k = 0; k < res->ncurves; k++) {
        if (k) wc_cli_blank_lines(&o->cli, w, 2);
        const wc_cont2_curve *c = &res->curves[k];
        for (size_t i = 0; i < c->npt; i++) {
            const wc_cont2_point *q = &c->pt[i];
            double row[8] = {(double)k, c->type == WC_SP_HOPF, q->par, q->par2, q->rE, q->rI, q->omega, q->coef};
            wc_cli_write_rows(&o->cli, w, row, 1);
        }
    }
    wc_cli_close_output(&o->cli, w);
}

static void free_results(results *res)
{
    wc_cont_branches_free(res->br, res->nbr > 0 ? (size_t)res->nbr : 0);
    for (size_t k = 0; k < res->ncyc; k++) wc_cycle_branch_free(&res->cyc[k]);
    free(res->cyc);
    for (size_t k = 0; k < res->ncurves; k++) wc_cont2_curve_free(&res->curves[k]);
    free(res->curves);
    free(res->sp);
}

int main(int argc, char **argv)
{
    cont_opts o;
    parse_args(&o, argc, argv);
    wc_cli_blas_serial();
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    wc_params p;
    wc_cli_model_params(&o.model, &p);
    wc_cont_opts co;
    double range2[2] = {0, 0};
    setup(&o, &p, &co, range2);
    results res = {0};
    run_equilibria(&co, &res);
    if (o.cycles) run_cycles(&o, &co, &res);
    if (o.par2 >= 0) {
        res.base2 = p.v[o.par2];
        run_curves(&o, &co, range2, &res);
    }
    wc_hdr *h = make_header(&o, &p, &co, range2);
    switch (o.what) {
    case WHAT_BRANCH: write_branches(&o, &res, h); break;
    case WHAT_SPECIAL: write_special(&o, &res, h); break;
    case WHAT_CYCLES: write_cycles(&o, &res, h); break;
    case WHAT_PROFILES: write_profiles(&o, &res, h); break;
    default: write_curves(&o, &res, h);
    }
    wc_info("%ld branch%s, %zu special point%s, %zu cycle branch%s, %zu curve%s, %.3f s", res.nbr,
            res.nbr == 1 ? "" : "es", res.nsp, res.nsp == 1 ? "" : "s", res.ncyc, res.ncyc == 1 ? "" : "es", res.ncurves,
            res.ncurves == 1 ? "" : "s", wc_cli_seconds_since(&t0));
    int failed = res.failed;
    free_results(&res);
    wc_hdr_free(h);
    wc_cli_finish();
    if (failed) {
        wc_warn("a continuation failed: see above (exit status 1)");
        return 1;
    }
    return 0;
}
