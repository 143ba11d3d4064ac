/* wc_explore.c — one point of a network exploration: simulation, optional BOLD, online
 * FC and FCD, scores (see wckit/wc_explore.h). */
#include "wckit/wc_explore.h"
#include "wckit/wc_bold.h"
#include "wckit/wc_clock.h"
#include "wckit/wc_err.h"
#include "wckit/wc_fc.h"
#include "wckit/wc_fcd.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void wc_explore_cfg_init(wc_explore_cfg *c)
{
    *c = (wc_explore_cfg){.net = {.k = 1, .speed = 2.0, .coupling = WC_DIFFUSIVE, .delay = WC_DELAY_CEIL},
                          .method = WC_EXPEULER, .dt = 0.1, .T = 1000, .every = 1, .tr = 0.72, .bold_scale = 1};
    wc_params_init(&c->p);
    wc_net_history_parse(&c->history, "uniform");
}

/* The checks that need no network built. */
static int check_cfg(const wc_explore_cfg *c)
{
    if (!c->C || c->C->n < 3) return wc_seterr("the network needs at least 3 nodes for an FC fit");
    if (c->D && c->D->n != c->C->n)
        return wc_seterr("the lengths are %zu x %zu, the weights %zu x %zu", c->D->n, c->D->n, c->C->n, c->C->n);
    if (!(c->dt > 0) || !isfinite(c->dt)) return wc_seterr("the step must be > 0 ms");
    if (!(c->transient >= 0) || !(c->T > c->transient) || !isfinite(c->T))
        return wc_seterr("the duration (%g ms) must be longer than the transient (%g ms)", c->T, c->transient);
    if (c->T / c->dt >= WC_CLOCK_MAX_STEPS)
        return wc_seterr("the duration %g ms at dt %g ms is more than 2^53 steps", c->T, c->dt);
    if (c->every < 1) return wc_seterr("every must be >= 1");
    for (int id = 0; id < WC_NPARAM; id++)
        if (wc_params_check(id, c->p.v[id]) < 0) return -1;
    if (c->bold && !(c->tr * 1000 >= c->dt))
        return wc_seterr("TR %g s is shorter than the step (%g ms)", c->tr, c->dt);
    if (c->window && (c->window < 2 || c->step < 1))
        return wc_seterr("an FCD window needs at least 2 samples and a step of at least 1");
    if (c->fcd_emp && c->fcd_emp_k < 2) return wc_seterr("the empirical FCD needs at least 2 windows");
    return 0;
}

int wc_explore_check(const wc_explore_cfg *c)
{
    if (check_cfg(c) < 0) return -1;
    wc_net net;
    wc_net_opts o = c->net;
    o.dt = c->dt;
    if (wc_net_build(&net, c->C, c->D, &o) < 0) return -1;
    wc_net_free(&net);
    return 0;
}

uint64_t wc_explore_seed(uint64_t seed, long long index)
{
    uint64_t z = seed + 0x9e3779b97f4a7c15ull * ((uint64_t)index + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return z & ((1ull << 53) - 1);
}

int wc_explore_var(const char *name, int conv)
{
    if (strcmp(name, "k") == 0) return WC_EXPLORE_VAR_K;
    if (strcmp(name, "speed") == 0) return WC_EXPLORE_VAR_SPEED;
    if (strcmp(name, "sigma") == 0) return WC_EXPLORE_VAR_SIGMA;
    int id = wc_params_lookup(name, conv);
    if (id < 0) return wc_seterr("unknown parameter '%s' (k, speed, sigma or a model parameter: wc-run --list-params)",
                                 name);
    return id;
}

const char *wc_explore_var_name(int var)
{
    switch (var) {
    case WC_EXPLORE_VAR_K: return "k";
    case WC_EXPLORE_VAR_SPEED: return "speed";
    case WC_EXPLORE_VAR_SIGMA: return "sigma";
    default: return wc_params_name(var);
    }
}

void wc_explore_set(wc_explore_cfg *c, int var, double v)
{
    switch (var) {
    case WC_EXPLORE_VAR_K: c->net.k = v; break;
    case WC_EXPLORE_VAR_SPEED: c->net.speed = v; break;
    case WC_EXPLORE_VAR_SIGMA: c->p.sigma_E = c->p.sigma_I = v; break;
    default: c->p.v[var] = v;
    }
}

double wc_explore_objective(const wc_explore_result *r, const double w[3])
{
    if (r->status != WC_EXPLORE_OK) return NAN;
    double f = 0;
    if (w[0] != 0) f += w[0] * (1 - r->fc_corr);
    if (w[1] != 0) f += w[1] * r->fcd_ks;
    if (w[2] != 0) f += w[2] * (1 - r->sc_corr);
    return f;
}

/* ---- the run ---- */

typedef struct {
    const wc_explore_cfg *c;
    size_t n;
    wc_fc_acc *acc;
    wc_fcd *fcd;
    wc_bold *bold;
    double *y;                 /* n: the BOLD signal */
    double per_tr;             /* steps per BOLD sample */
    long long next;            /* the next BOLD sample ... */
    long long next_step;       /* ... taken once this many steps are done: round(next TR / dt) */
    int bold_failed;
    int oom;
} run;

/* One sample (n values) into the FC and the FCD: straight into the accumulator's chunk. */
static int take(run *r, const double *x)
{
    size_t room;
    double *dst = wc_fc_acc_space(r->acc, &room);
    memcpy(dst, x, r->n * sizeof *dst);
    if (r->fcd && wc_fcd_add(r->fcd, dst, 1) < 0) return r->oom = 1, -1;
    wc_fc_acc_commit(r->acc, 1);
    return 0;
}

/* Without BOLD: the recorded rows' rE, a chunk at a time. */
static int emit_rE(void *ctx, const double *rows, size_t nrows)
{
    run *r = ctx;
    size_t n = r->n;
    while (nrows > 0) {
        size_t room;
        double *dst = wc_fc_acc_space(r->acc, &room);
        size_t m = nrows < room ? nrows : room;
        for (size_t k = 0; k < m; k++) memcpy(dst + k * n, rows + k * (n + 1) + 1, n * sizeof *dst);
        if (r->fcd && wc_fcd_add(r->fcd, dst, m) < 0) return r->oom = 1, -1;
        wc_fc_acc_commit(r->acc, m);
        rows += m * (n + 1), nrows -= m;
    }
    return 0;
}

/* With BOLD: every row is a step of the hemodynamic model; sample m is taken after the
 * step count reaches round(m TR / dt) (as wc-bold does), and kept from the transient on. */
static int emit_bold(void *ctx, const double *rows, size_t nrows)
{
    run *r = ctx;
    const wc_explore_cfg *c = r->c;
    size_t n = r->n;
    double skip = c->transient / 1000;
    while (nrows > 0) {
        long long due = r->next_step - wc_bold_steps(r->bold);
        size_t m = due < 1 ? 1 : (unsigned long long)due < nrows ? (size_t)due : nrows;
        if (wc_bold_run(r->bold, rows + 1, m, n + 1, c->bold_scale) < 0) return r->bold_failed = 1, -1;
        rows += m * (n + 1), nrows -= m;
        if (wc_bold_steps(r->bold) < r->next_step) continue;
        double t = (double)r->next++ * c->tr;
        r->next_step = llround((double)r->next * r->per_tr);
        if (t < skip - 1e-9 * c->tr) continue;
        wc_bold_signal(r->bold, r->y);
        if (take(r, r->y) < 0) return -1;
    }
    return 0;
}

static void nan_scores(wc_explore_result *res)
{
    res->fc_mean = res->fc_corr = res->sc_corr = res->fcd_mean = res->fcd_ks = NAN;
}

/* The FC and the scores from what was accumulated. */
static int score(const wc_explore_cfg *c, run *r, wc_explore_result *res)
{
    size_t n = r->n, nconst;
    res->samples = wc_fc_acc_count(r->acc);
    res->windows = r->fcd ? wc_fcd_nwindows(r->fcd) : 0;
    if (res->samples < 2 || (r->fcd && res->windows < 2)) return res->status = WC_EXPLORE_FEW_SAMPLES, 0;
    double *fc = res->fc ? res->fc : malloc(n * n * sizeof *fc);
    if (!fc) return wc_seterr("out of memory"), -1;
    wc_fc_acc_result(r->acc, WC_FC_CORR, fc, &nconst);
    if (nconst == n) res->status = WC_EXPLORE_CONSTANT;
    else {
        res->fc_mean = wc_fc_upper_mean(fc, n);
        if (c->fc_emp) res->fc_corr = wc_fc_matrix_corr(fc, c->fc_emp, n);
        res->sc_corr = wc_fc_matrix_corr(fc, c->C->a, n);
    }
    if (fc != res->fc) free(fc);
    if (r->fcd && res->status == WC_EXPLORE_OK) {
        size_t k = res->windows;
        double *m = malloc(k * k * sizeof *m);
        if (!m || wc_fcd_matrix(r->fcd, m) < 0) return free(m), wc_seterr("out of memory for %zu FCD windows", k), -1;
        res->fcd_mean = wc_fc_upper_mean(m, k);
        if (c->fcd_emp) res->fcd_ks = wc_fcd_ks(m, k, c->fcd_emp, c->fcd_emp_k);
        free(m);
    }
    return 0;
}

/* The accumulators of a run; -1 with wc_errmsg() (out of memory, a window too large). */
static int run_open(run *r, const wc_explore_cfg *c, size_t n)
{
    *r = (run){.c = c, .n = n};
    if (!(r->acc = wc_fc_acc_new(n))) return -1;
    if (c->window && !(r->fcd = wc_fcd_new(n, c->window, c->step, WC_FC_CORR))) return -1;
    if (c->bold) {
        wc_bold_params bp;
        wc_bold_params_init(&bp);
        if (!(r->bold = wc_bold_new(n, &bp, c->dt / 1000)) || !(r->y = malloc(n * sizeof *r->y)))
            return wc_seterr("out of memory for a network of %zu nodes", n);
        r->per_tr = c->tr * 1000 / c->dt;
    }
    return 0;
}

static void run_close(run *r)
{
    wc_fc_acc_free(r->acc);
    wc_fcd_free(r->fcd);
    wc_bold_free(r->bold);
    free(r->y);
}

/* Simulate the network with its pseudo-history; what the rows feed is set in cfg. */
static int simulate(const wc_explore_cfg *c, const wc_net *net, run *r, wc_explore_result *res)
{
    size_t n = net->n;
    double *hist = wc_net_history_values(&c->history, n, wc_net_history_len(net), c->seed);
    wc_params *p = malloc(n * sizeof *p);
    if (!hist || !p) return free(hist), free(p), -1;
    for (size_t i = 0; i < n; i++) p[i] = c->p;
    wc_clock clk;
    wc_clock_init(&clk, c->dt);
    wc_sim_cfg s = {.n = n, .p = p, .method = c->method, .dt = c->dt, .nsteps = wc_clock_steps(&clk, c->T),
                    .every = c->bold ? 1 : c->every, .first = c->bold ? 0 : wc_clock_steps(&clk, c->transient),
                    .seed = c->seed, .rec_E = 1, .threads = 1, .net = net, .history = hist,
                    .emit = c->bold ? emit_bold : emit_rE, .ctx = r};
    wc_sim_fault fault;
    s.fault = &fault;
    int rc = 0;
    if (wc_sim_run(&s) < 0) {
        if (r->oom) rc = -1;
        else if (r->bold_failed) res->status = WC_EXPLORE_BOLD_DOMAIN;
        else if (fault.step >= 0) res->status = WC_EXPLORE_BLOWUP;
        else rc = -1;
    }
    free(hist), free(p);
    return rc;
}

int wc_explore_point(const wc_explore_cfg *c, wc_explore_result *res)
{
    double *fc = res->fc;
    *res = (wc_explore_result){.status = WC_EXPLORE_OK, .fc = fc};
    nan_scores(res);
    if (check_cfg(c) < 0) return -1;
    wc_net net;
    wc_net_opts o = c->net;
    o.dt = c->dt;
    if (wc_net_build(&net, c->C, c->D, &o) < 0) return -1;
    run r;
    int rc = run_open(&r, c, net.n);
    if (rc == 0) rc = simulate(c, &net, &r, res);
    if (rc == 0 && res->status == WC_EXPLORE_OK) rc = score(c, &r, res);
    if (res->status != WC_EXPLORE_OK) nan_scores(res);
    run_close(&r);
    wc_net_free(&net);
    return rc;
}
