/* wc_fit.c — NLopt's global and local methods over an expensive objective, replayed with
 * speculation so that evaluations run in parallel without changing the search (see
 * wc_fit.h). */
#include "wckit/wc_fit.h"

#include "wckit/wc_err.h"
#include "wc_thread_internal.h"

#include <math.h>
#include <nlopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

void wc_fit_opts_init(wc_fit_opts *o)
{
    *o = (wc_fit_opts){.maxeval = 100, .global_evals = -1, .ftol = 1e-4, .repeats = 1, .threads = 1};
}

/* ---- the methods ---- */

static const struct {
    const char *name;
    nlopt_algorithm alg;
    int global;
} methods[] = {
    {"crs2", NLOPT_GN_CRS2_LM, 1},      {"esch", NLOPT_GN_ESCH, 1},        {"isres", NLOPT_GN_ISRES, 1},
    {"direct", NLOPT_GN_DIRECT_L, 1},   {"bobyqa", NLOPT_LN_BOBYQA, 0},    {"neldermead", NLOPT_LN_NELDERMEAD, 0},
    {"sbplx", NLOPT_LN_SBPLX, 0},       {"cobyla", NLOPT_LN_COBYLA, 0},    {"praxis", NLOPT_LN_PRAXIS, 0},
};
#define NMETHODS (sizeof methods / sizeof *methods)

int wc_fit_algorithm(const char *name, int *global)
{
    for (size_t i = 0; i < NMETHODS; i++)
        if (strcasecmp(name, methods[i].name) == 0) {
            if (global) *global = methods[i].global;
            return (int)methods[i].alg;
        }
    int alg = nlopt_algorithm_from_string(name);   /* NLopt's own names: GN_CRS2_LM, LN_BOBYQA ... */
    if (alg >= 0 && (name[0] == 'G' || name[0] == 'L')) {
        if (name[1] != 'N')
            return wc_seterr("%s uses gradients, which a simulation does not have: take a derivative-free method "
                             "(GN_... or LN_...)", name);
        if (strstr(name, "MLSL") || strstr(name, "AUGLAG"))
            return wc_seterr("%s needs a sub-optimiser: give the global and the local method instead", name);
        if (global) *global = name[0] == 'G';
        return alg;
    }
    return wc_seterr("unknown method '%s': global crs2, esch, isres, direct; local bobyqa, neldermead, sbplx, "
                     "cobyla, praxis; or NLopt's name of a derivative-free one (GN_..., LN_...)", name);
}

int wc_fit_check(const wc_fit_opts *o)
{
    if (o->dim < 1 || o->dim > WC_FIT_MAX_DIM) return wc_seterr("%zu parameters (1 to %d)", o->dim, WC_FIT_MAX_DIM);
    for (size_t i = 0; i < o->dim; i++) {
        if (!(o->lo[i] < o->hi[i]) || !isfinite(o->lo[i]) || !isfinite(o->hi[i]))
            return wc_seterr("parameter %zu: bounds %g:%g are not an interval", i + 1, o->lo[i], o->hi[i]);
        if (o->logscale[i] && !(o->lo[i] > 0))
            return wc_seterr("parameter %zu: a log scale needs bounds > 0 (got %g:%g)", i + 1, o->lo[i], o->hi[i]);
    }
    int g = 0;
    if (!o->global && !o->local) return wc_seterr("no method: a global one, a local one or both");
    if (o->global) {
        if (wc_fit_algorithm(o->global, &g) < 0) return -1;
        if (!g) return wc_seterr("%s is a local method, not a global one", o->global);
    }
    if (o->local) {
        if (wc_fit_algorithm(o->local, &g) < 0) return -1;
        if (g) return wc_seterr("%s is a global method, not a local one", o->local);
    }
    if (o->maxeval < 1) return wc_seterr("maxeval must be >= 1");
    if (o->global_evals > o->maxeval) return wc_seterr("global evaluations %lld > maxeval %lld", o->global_evals, o->maxeval);
    if (o->repeats < 1 || o->threads < 1) return wc_seterr("repeats and threads must be >= 1");
    if (o->nterms > WC_FIT_MAX_TERMS) return wc_seterr("%zu terms (at most %d)", o->nterms, WC_FIT_MAX_TERMS);
    if (!o->fn) return wc_seterr("no objective");
    return 0;
}

/* ---- the record of evaluations, indexed by evaluation ---- */

enum { EMPTY, PENDING, DONE };

typedef struct {
    int state, known;
    wc_fit_eval e;
} entry;

typedef struct {
    const wc_fit_opts *o;
    wc_fit_result *r;
    entry *cache;
    size_t ncache, cap;
    long long count;             /* evaluations NLopt asked for in this pass */
    long long budget_end;        /* the phase may ask up to here (NLopt's CRS passes maxeval) */
    int over_budget;             /* the phase was stopped at its budget */
    long long recorded;          /* evaluations recorded so far (in any pass) */
    long long *pending;          /* indices to compute, in order */
    size_t npending, batch;
    int phase, failed;           /* failed: stop with wc_errmsg() */
    nlopt_opt opt;
} pass;

static int grow(pass *p, size_t k)
{
    if (k < p->ncache) return 0;
    if (k >= p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 256;
        while (cap <= k) cap *= 2;
        entry *c = realloc(p->cache, cap * sizeof *c);
        if (!c) return wc_seterr("out of memory for %zu evaluations", cap);
        p->cache = c, p->cap = cap;
    }
    for (size_t i = p->ncache; i <= k; i++) p->cache[i] = (entry){.state = EMPTY};
    p->ncache = k + 1;
    return 0;
}

static void to_user(const wc_fit_opts *o, const double *y, double *x)
{
    for (size_t i = 0; i < o->dim; i++) x[i] = o->logscale[i] ? pow(10, y[i]) : y[i];
}

static int same_point(const double *a, const double *b, size_t n)
{
    return memcmp(a, b, n * sizeof *a) == 0;
}

/* A value NLopt has asked for, in the part of the pass that only used true values:
 * record it once, in order, and keep the best. */
static void confirm(pass *p, const wc_fit_eval *e)
{
    if (e->index != p->recorded) return;
    if (p->o->record && p->o->record(p->o->record_ctx, e) < 0) {
        p->failed = 1;
        nlopt_force_stop(p->opt);
        return;
    }
    p->recorded++;
    wc_fit_eval *b = &p->r->best;
    if (isfinite(e->f) && (!isfinite(b->f) || e->f < b->f)) *b = *e;
}

static double objective(unsigned n, const double *y, double *grad, void *data)
{
    (void)grad;
    pass *p = data;
    if (p->failed) return WC_FIT_PENALTY;
    if (p->count >= p->budget_end) {   /* CRS checks maxeval only after a rejected trial: the budget is ours */
        p->over_budget = 1;
        nlopt_force_stop(p->opt);
        return WC_FIT_PENALTY;
    }
    long long k = p->count++;
    double x[WC_FIT_MAX_DIM];
    to_user(p->o, y, x);
    if ((size_t)k < p->ncache && p->cache[k].state == DONE) {
        entry *c = &p->cache[k];
        if (same_point(c->e.x, x, n)) {
            if (p->npending == 0) confirm(p, &c->e);
            return isfinite(c->e.f) ? c->e.f : WC_FIT_PENALTY;
        }
        if (c->known && p->npending == 0) {
            wc_seterr("evaluation %lld of the record is not the point NLopt asks for: a record of another fit "
                      "(options, bounds, methods or seed)?", k);
            p->failed = 1;
            nlopt_force_stop(p->opt);
            return WC_FIT_PENALTY;
        }
    }
    /* a new point: to compute, and a placeholder so that NLopt says where it goes next */
    if (p->npending < p->batch) {
        if (grow(p, (size_t)k) < 0) {
            p->failed = 1;
            nlopt_force_stop(p->opt);
            return WC_FIT_PENALTY;
        }
        entry *c = &p->cache[k];
        *c = (entry){.state = PENDING, .e = {.index = k, .phase = p->phase}};
        memcpy(c->e.x, x, n * sizeof *x);
        p->pending[p->npending++] = k;
    }
    if (p->npending >= p->batch) nlopt_force_stop(p->opt);
    return WC_FIT_PENALTY;
}

/* One phase of a pass: method name from start y (internal coordinates), at most maxeval
 * evaluations.  @return NLopt's code, or -100 when the phase could not be set up. */
static int run_phase(pass *p, const char *name, int phase, long long maxeval, double *y, double *fy)
{
    const wc_fit_opts *o = p->o;
    double lo[WC_FIT_MAX_DIM], hi[WC_FIT_MAX_DIM];
    for (size_t i = 0; i < o->dim; i++) {
        lo[i] = o->logscale[i] ? log10(o->lo[i]) : o->lo[i];
        hi[i] = o->logscale[i] ? log10(o->hi[i]) : o->hi[i];
        if (y[i] < lo[i]) y[i] = lo[i];
        if (y[i] > hi[i]) y[i] = hi[i];
    }
    nlopt_opt opt = nlopt_create((nlopt_algorithm)wc_fit_algorithm(name, NULL), (unsigned)o->dim);
    if (!opt) return wc_seterr("NLopt: cannot create %s", name), -100;
    p->opt = opt, p->phase = phase;
    p->budget_end = p->count + maxeval, p->over_budget = 0;
    int ok = nlopt_set_lower_bounds(opt, lo) > 0 && nlopt_set_upper_bounds(opt, hi) > 0 &&
             nlopt_set_min_objective(opt, objective, p) > 0 && nlopt_set_maxeval(opt, (int)maxeval) > 0 &&
             (phase == 0 || o->ftol <= 0 || nlopt_set_ftol_rel(opt, o->ftol) > 0);
    if (!ok) {
        nlopt_destroy(opt);
        return wc_seterr("NLopt refused the setup of %s", name), -100;
    }
    int rc = nlopt_optimize(opt, y, fy);
    nlopt_destroy(opt);
    p->opt = NULL;
    if (rc == NLOPT_FORCED_STOP && p->over_budget && !p->npending && !p->failed) rc = NLOPT_MAXEVAL_REACHED;
    return rc;
}

/* NLopt from the start, with every value known.  @return 0 (p->npending says whether
 * points are to be computed before the search is known), or -1. */
static int replay(pass *p)
{
    const wc_fit_opts *o = p->o;
    p->count = 0, p->npending = 0;
    nlopt_srand(o->seed);
    double y[WC_FIT_MAX_DIM], fy = 0;
    for (size_t i = 0; i < o->dim; i++) {   /* the middle of the box */
        double lo = o->logscale[i] ? log10(o->lo[i]) : o->lo[i], hi = o->logscale[i] ? log10(o->hi[i]) : o->hi[i];
        y[i] = lo + (hi - lo) / 2;
    }
    long long g = !o->global ? 0 : !o->local ? o->maxeval : o->global_evals >= 0 ? o->global_evals : o->maxeval * 3 / 4;
    p->r->status_global = p->r->status_local = 0;
    if (g > 0) {
        int rc = run_phase(p, o->global, 0, g, y, &fy);
        if (rc == -100 || p->failed) return -1;
        if (p->npending) return 0;
        p->r->status_global = rc;   /* y: the global phase's best point, where the local one starts */
        if (rc == NLOPT_INVALID_ARGS || rc == NLOPT_OUT_OF_MEMORY)
            return wc_seterr("NLopt's %s failed (%s)", o->global, nlopt_result_to_string(rc));
    }
    long long left = o->maxeval - p->count;
    if (o->local && left > 0) {
        int rc = run_phase(p, o->local, 1, left, y, &fy);
        if (rc == -100 || p->failed) return -1;
        if (p->npending) return 0;
        p->r->status_local = rc;
        if (rc == NLOPT_INVALID_ARGS || rc == NLOPT_OUT_OF_MEMORY)
            return wc_seterr("NLopt's %s failed (%s)", o->local, nlopt_result_to_string(rc));
    }
    return 0;
}

/* ---- computing the pending points on threads ---- */

typedef struct {
    long long k;
    int r;
    double f, terms[WC_FIT_MAX_TERMS], seconds;
    int rc;
    char err[256];
} task;

typedef struct {
    const wc_fit_opts *o;
    const pass *p;
    task *tasks;
    size_t ntasks;
    size_t next;   /* atomic */
} work;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void worker(void *arg)
{
    work *w = arg;
    for (;;) {
        size_t i = __atomic_fetch_add(&w->next, 1, __ATOMIC_RELAXED);
        if (i >= w->ntasks) return;
        task *t = &w->tasks[i];
        const wc_fit_eval *e = &w->p->cache[t->k].e;
        double t0 = now();
        t->rc = w->o->fn(w->o->ctx, t->k, t->r, e->x, &t->f, t->terms);
        t->seconds = now() - t0;
        if (t->rc < 0) snprintf(t->err, sizeof t->err, "%s", wc_errmsg());
    }
}

static int compute_pending(pass *p)
{
    const wc_fit_opts *o = p->o;
    size_t nt = p->npending * (size_t)o->repeats;
    task *tasks = calloc(nt, sizeof *tasks);
    if (!tasks) return wc_seterr("out of memory");
    for (size_t i = 0; i < nt; i++) tasks[i] = (task){.k = p->pending[i / (size_t)o->repeats], .r = (int)(i % (size_t)o->repeats)};
    work w = {.o = o, .p = p, .tasks = tasks, .ntasks = nt};
    int nthr = o->threads < (int)nt ? o->threads : (int)nt;
    if (nthr <= 1) worker(&w);
    else {
        void *args[64];
        if (nthr > 64) nthr = 64;
        for (int t = 0; t < nthr; t++) args[t] = &w;
        wc_team *team = wc_team_start(nthr, worker, args);
        if (!team) {
            free(tasks);
            return -1;
        }
        wc_team_join(team);
    }
    for (size_t i = 0; i < nt; i++)
        if (tasks[i].rc < 0) {
            wc_seterr("evaluation %lld: %s", tasks[i].k, tasks[i].err);
            free(tasks);
            return -1;
        }
    for (size_t j = 0; j < p->npending; j++) {   /* the means over repeats, in repeat order */
        wc_fit_eval *e = &p->cache[p->pending[j]].e;
        const task *t = tasks + j * (size_t)o->repeats;
        double f = 0, terms[WC_FIT_MAX_TERMS] = {0}, secs = 0;
        int failed = 0;
        for (int r = 0; r < o->repeats; r++) {
            f += t[r].f, secs += t[r].seconds;
            failed += !isfinite(t[r].f);
            for (size_t m = 0; m < o->nterms; m++) terms[m] += t[r].terms[m];
        }
        e->f = failed ? NAN : f / o->repeats;
        for (size_t m = 0; m < o->nterms; m++) e->terms[m] = terms[m] / o->repeats;
        e->failed = failed, e->seconds = secs;
        p->cache[p->pending[j]].state = DONE;
    }
    free(tasks);
    return 0;
}

/* ---- the fit ---- */

int wc_fit_run(const wc_fit_opts *o, wc_fit_result *r)
{
    if (wc_fit_check(o) < 0) return -1;
    *r = (wc_fit_result){.best = {.index = -1, .f = NAN}};
    pass p = {.o = o, .r = r};
    p.batch = (size_t)((o->threads + o->repeats - 1) / o->repeats);
    p.pending = malloc(p.batch * sizeof *p.pending);
    int rc = p.pending ? 0 : wc_seterr("out of memory");
    for (size_t i = 0; i < o->nknown && rc == 0; i++) {   /* a resumed run's record */
        const wc_fit_eval *e = &o->known[i];
        if (e->index != (long long)i) rc = wc_seterr("the record's evaluation %zu has index %lld", i, e->index);
        else if ((rc = grow(&p, i)) == 0) p.cache[i] = (entry){.state = DONE, .known = 1, .e = *e};
    }
    long long computed = 0;
    while (rc == 0) {
        if ((rc = replay(&p)) < 0 || p.npending == 0) break;
        computed += (long long)p.npending;
        rc = compute_pending(&p);
    }
    if (rc == 0) {
        r->evals = p.count;
        long long known = (long long)o->nknown < p.count ? (long long)o->nknown : p.count;
        r->computed = p.count - known;
        r->wasted = computed - r->computed;
    }
    free(p.cache), free(p.pending);
    return rc;
}
