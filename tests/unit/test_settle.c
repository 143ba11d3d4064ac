/* test_settle.c — trajectories until they settle (lib/wc_settle.c): the default basin
 * against the phase plane's fixed points, early stop against the full run, the wc72
 * cycle's period against a plain simulation and against collocation, results that do
 * not depend on threads, blocks or order (with and without noise), noise and raw
 * extremes bit for bit as wc_sim, blow-ups, attractors, regimes and bad options. */
#include "tap.h"
#include "wckit/wc_cycle.h"
#include "wckit/wc_err.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_model.h"
#include "wckit/wc_phase.h"
#include "wckit/wc_range.h"
#include "wckit/wc_settle.h"
#include "wckit/wc_sim.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define WC72 "wEE=16,wEI=12,wIE=15,wII=3,a_E=1.3,theta_E=4,a_I=2,theta_I=3.7,I_E=1.25"
#define SIDE 40
#define NGRID (SIDE * SIDE)

static wc_params params(const char *list)
{
    wc_params p;
    wc_params_init(&p);
    if (wc_params_parse(&p, list, WC_CONV_WC) < 0) printf("# %s\n", wc_errmsg());
    return p;
}

/* The reference's basin grid: rE in linspace(0, 1, 40), rI in linspace(0, 0.8, 40). */
static void grid(double *rE0, double *rI0)
{
    for (int i = 0; i < SIDE; i++)
        for (int j = 0; j < SIDE; j++) {
            rE0[i * SIDE + j] = i / (SIDE - 1.0);
            rI0[i * SIDE + j] = 0.8 * j / (SIDE - 1.0);
        }
}

/* Doubles equal bit for bit (NaN too). */
static int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

static int same_result(const wc_settle_result *a, const wc_settle_result *b)
{
    const double x[] = {a->rE,     a->rI,     a->rE_min, a->rE_max, a->rE_mean,
                        a->rI_min, a->rI_max, a->rI_mean, a->period, a->t_settle};
    const double y[] = {b->rE,     b->rI,     b->rE_min, b->rE_max, b->rE_mean,
                        b->rI_min, b->rI_max, b->rI_mean, b->period, b->t_settle};
    int ok = a->kind == b->kind;
    for (size_t k = 0; k < sizeof x / sizeof *x; k++) ok &= same_bits(x[k], y[k]);
    return ok;
}

/* ---- the default basin ---- */

static long basin(const wc_settle_opts *o, const wc_params *p, wc_settle_result *r, wc_attractor *a,
                  int *label)
{
    double rE0[NGRID], rI0[NGRID];
    size_t *pidx = calloc(NGRID, sizeof *pidx);
    grid(rE0, rI0);
    int rc = wc_settle_run(o, NGRID, p, pidx, rE0, rI0, NULL, r);
    free(pidx);
    if (rc < 0) printf("# %s\n", wc_errmsg());
    return rc < 0 ? -1 : wc_attractors(r, NGRID, 1e-6, 1e-3, a, label);
}

/* The stable fixed point of the phase plane nearest to (rE, rI), at distance *d. */
static const wc_phase_fixed *nearest_fixed(const wc_phase_fixed *fp, long nfp, double rE, double rI,
                                           double *d)
{
    const wc_phase_fixed *best = NULL;
    *d = INFINITY;
    for (long k = 0; k < nfp; k++) {
        double dk = fmax(fabs(fp[k].rE - rE), fabs(fp[k].rI - rI));
        if (fp[k].lin.stable && dk < *d) *d = dk, best = &fp[k];
    }
    return best;
}

static void test_basin(void)
{
    wc_params p = params("");
    wc_settle_opts o;
    wc_settle_opts_init(&o);
    wc_settle_result *r = malloc(NGRID * sizeof *r), *full = malloc(NGRID * sizeof *full);
    wc_attractor a[NGRID], b[NGRID];
    int la[NGRID], lb[NGRID];
    long na = basin(&o, &p, r, a, la);
    OK(na == 2 && a[0].kind == WC_SETTLE_FIXED && a[1].kind == WC_SETTLE_FIXED,
       "defaults, I_E = 0, 40 x 40 starts: exactly two fixed-point attractors (%ld)", na);
    OK(na == 2 && a[0].count + a[1].count == NGRID, "their counts add up to 1600 (%ld + %ld)", a[0].count,
       na == 2 ? a[1].count : 0);
    OK(wc_regime(a, na > 0 ? (size_t)na : 0) == WC_REGIME_BISTABLE, "the regime is bistable");
    if (na != 2) return;
    NEAR(a[0].rE, 0, 1e-12, 0, "rest at the origin: rE");
    NEAR(a[0].rI, 0, 1e-12, 0, "rest at the origin: rI");
    NEAR(a[1].rE, 0.46246487316, 1e-10, 0, "the active state: rE");
    NEAR(a[1].rI, 0.24336411278, 1e-10, 0, "the active state: rI");
    wc_phase_window w;
    wc_phase_fixed *fp;
    wc_phase_window_auto(&p, &w);
    long nfp = wc_phase_fixed_points(&p, &w, &fp);
    for (long k = 0; k < na; k++) {
        double d;
        const wc_phase_fixed *f = nearest_fixed(fp, nfp, a[k].rE, a[k].rI, &d);
        OK(f && d <= 1e-9, "attractor %ld is a stable fixed point of wc_phase_fixed_points to 1e-9 (%.3g)", k,
           d);
    }
    free(fp);
    int kinds_ok = 1, polished = 1;
    for (size_t j = 0; j < NGRID; j++) {
        kinds_ok &= r[j].kind == WC_SETTLE_FIXED && r[j].rE_min == r[j].rE && r[j].rE_max == r[j].rE;
        double fE, fI;
        wc_model_rhs(&p, r[j].rE, r[j].rI, p.I_E, p.I_I, &fE, &fI);
        polished &= fmax(fabs(fE), fabs(fI)) <= 1e-12;
    }
    OK(kinds_ok, "every start is fixed, its extremes the point itself");
    OK(polished, "every point polished by Newton: max |f| <= 1e-12");

    /* early stop against the full run */
    wc_settle_opts o2 = o;
    o2.early_stop = 0;
    long nb = basin(&o2, &p, full, b, lb);
    int same_att = nb == na, same_lab = 1, same_t = 1;
    for (long k = 0; same_att && k < na; k++)
        same_att = b[k].kind == a[k].kind && b[k].count == a[k].count && fabs(b[k].rE - a[k].rE) <= 1e-9 &&
                   fabs(b[k].rI - a[k].rI) <= 1e-9;
    double steps_es = 0, steps_full = 0, tmax = 0;
    for (size_t j = 0; j < NGRID; j++) {
        same_lab &= la[j] == lb[j];
        same_t &= r[j].t_settle == full[j].t_settle;
        steps_es += r[j].t_settle / o.dt;
        steps_full += (o.transient + o.observe) / o.dt;
        tmax = fmax(tmax, r[j].t_settle);
    }
    OK(same_att && same_lab,
       "without early stop: the same attractors (to 1e-9) and the same label for every start");
    OK(same_t, "... and the same t_settle for every start");
    printf("# early stop: %.0f steps, full run: %.0f steps, ratio %.1f; slowest start settled at %g ms\n", steps_es,
           steps_full, steps_full / steps_es, tmax);
    OK(steps_full / steps_es > 50, "early stop takes over 50 times fewer steps (%.0f)",
       steps_full / steps_es);
    free(r), free(full);
}

/* ---- the wc72 cycle ---- */

typedef struct {
    double *x;
    size_t n, ncols;
} rows;

static int collect(void *ctx, const double *r, size_t nrows)
{
    rows *t = ctx;
    memcpy(t->x + t->n * t->ncols, r, nrows * t->ncols * sizeof *r);
    t->n += nrows;
    return 0;
}

/* wc_sim of nodes p[0 .. n-1] for nsteps (seed 7), recording rE and rI after each step
 * (not the initial state): row k - 1 = t, rE of the nodes, rI of the nodes. */
static int simulate(const wc_params *p, size_t n, int method, double dt, long long nsteps, rows *out)
{
    wc_sim_cfg c = {.n = n, .p = p, .method = method, .dt = dt, .nsteps = nsteps, .every = 1, .first = 1,
                    .rec_E = 1, .rec_I = 1, .threads = 1, .seed = 7, .emit = collect, .ctx = out};
    *out = (rows){.ncols = wc_sim_ncols(&c)};
    out->x = malloc((size_t)nsteps * out->ncols * sizeof *out->x);
    return wc_sim_run(&c);
}

/* Column col of the rows as an array. */
static double *column(const rows *t, size_t col)
{
    double *x = malloc(t->n * sizeof *x);
    for (size_t k = 0; k < t->n; k++) x[k] = t->x[k * t->ncols + col];
    return x;
}

/* The crossing-based period of x[0 .. n-1] (states 1 .. n of a run, dt apart): the mid
 * level from the extremes of lo .. mid-1, upward crossings in mid .. hi-1, linear
 * interpolation.  Written plainly, apart from the library's code. */
static double crossing_period(const double *x, size_t lo, size_t mid, size_t hi, double dt)
{
    double mn = INFINITY, mx = -INFINITY, first = 0, last = 0;
    for (size_t k = lo; k < mid; k++) mn = fmin(mn, x[k]), mx = fmax(mx, x[k]);
    double level = (mn + mx) / 2;
    long count = 0;
    for (size_t k = mid; k < hi; k++)
        if (x[k - 1] < level && x[k] >= level) {
            double t = (double)(k - 1) + (level - x[k - 1]) / (x[k] - x[k - 1]);
            if (count++ == 0) first = t;
            last = t;
        }
    return count >= 2 ? dt * (last - first) / (double)(count - 1) : 0;
}

static void test_wc72(void)
{
    wc_params p = params(WC72);
    wc_settle_opts o;
    wc_settle_opts_init(&o);
    double rE0[3] = {0, 0.5, 0.2}, rI0[3] = {0, 0.1, 0.4};
    size_t pidx[3] = {0, 0, 0};
    wc_settle_result r[3];
    OK(wc_settle_run(&o, 3, &p, pidx, rE0, rI0, NULL, r) == 0, "wc72: runs");
    wc_attractor a[3];
    long na = wc_attractors(r, 3, 1e-6, 1e-3, a, NULL);
    OK(na == 1 && a[0].kind == WC_SETTLE_CYCLE && a[0].count == 3, "wc72 at dt 0.1: three starts, one cycle (%ld)",
       na);
    OK(wc_regime(a, (size_t)(na > 0 ? na : 0)) == WC_REGIME_CYCLE, "the regime is cycle");
    /* against a plain wc_sim run from rest: the same definition, written apart */
    long long N = 20000;
    wc_params p0 = p;
    p0.rE0 = p0.rI0 = 0;
    rows run;
    OK(simulate(&p0, 1, WC_EXPEULER, 0.1, N, &run) == 0 && run.n == (size_t)N, "wc_sim from rest");
    double *x = column(&run, 1);
    free(run.x);
    double T = crossing_period(x, 10000, 15000, 20000, 0.1);
    NEAR(r[0].period, T, 0, 1e-6, "wc72 expeuler dt 0.1: the period is wc_sim's crossing-based one to 1e-6");
    double T2 = crossing_period(x, 5000, 5001, 20000, 0.1);
    NEAR(r[0].period, T2, 0, 1e-4, "... and the period of crossings over 1.5 s to 1e-4");
    printf("# wc72 dt 0.1: period %.12g ms (%.4g Hz), wc_sim's %.12g, over 1.5 s %.12g\n", r[0].period,
           1000 / r[0].period, T, T2);
    double mn = INFINITY, mx = -INFINITY;
    for (long long k = 10000; k < N; k++) mn = fmin(mn, x[k]), mx = fmax(mx, x[k]);
    OK(r[0].rE_min == mn && r[0].rE_max == mx,
       "its observed extremes are wc_sim's over the same states, exactly");
    free(x);

    /* rk4 at dt 0.005 against the collocation cycle at I_E = 1.25 */
    wc_cont_opts co;
    wc_cont_branch *br;
    wc_cont_special *sp = NULL;
    size_t nsp = 0;
    wc_cont_opts_init(&co, &p, WC_P_I_E, 1.25, 6);
    long nb = wc_cont_equilibria(&co, &br, &sp, &nsp);
    wc_cont_branches_free(br, nb > 0 ? (size_t)nb : 0);
    long ih = -1;
    for (size_t k = 0; k < nsp; k++)
        if (sp[k].type == WC_SP_HOPF && ih < 0) ih = (long)k;
    wc_cycle_branch cb = {0};
    int rc = ih >= 0 ? wc_cycle_from_hopf(&co, NULL, &sp[ih], 0, 0, &cb, &sp, &nsp) : -1;
    OK(rc == 0 && cb.npt > 0 && cb.end == WC_END_RANGE && fabs(cb.pt[cb.npt - 1].par - 1.25) < 1e-12,
       "wc_cycle: the wc72 branch from its Hopf reaches I_E = 1.25 (%s)", cb.why);
    if (rc == 0 && cb.npt > 0) {
        const wc_cycle_point *c = &cb.pt[cb.npt - 1];
        wc_settle_opts o4 = o;
        o4.method = WC_RK4, o4.dt = 0.005, o4.transient = 200, o4.observe = 200;
        wc_settle_result r4;
        rc = wc_settle_run(&o4, 1, &p, NULL, rE0, rI0, NULL, &r4);
        OK(rc == 0 && r4.kind == WC_SETTLE_CYCLE, "rk4 dt 0.005: a cycle");
        NEAR(r4.period, c->period, 0, 1e-3, "rk4 dt 0.005: the period is collocation's to 1e-3");
        NEAR(r4.rE_max, c->rE_max, 1e-3, 0, "... rE_max to 1e-3");
        NEAR(r4.rE_min, c->rE_min, 1e-3, 0, "... rE_min to 1e-3");
        printf("# wc72 rk4 dt 0.005: period %.10g ms, collocation %.10g (rel. %.2g)\n", r4.period, c->period,
               fabs(r4.period / c->period - 1));
    }
    wc_cycle_branch_free(&cb);
    free(sp);
}

/* ---- invariance: threads, blocks, order; noise ---- */

#define NMIX 300

/* A mix: defaults (bistable) and wc72 (a cycle), starts spread over the plane; with
 * noise, a third of the trajectories get OU noise on E and I. */
static void mix(wc_params p[2], size_t *pidx, double *rE0, double *rI0, int noise)
{
    p[0] = params(""), p[1] = params(WC72);
    if (noise) p[1].sigma_E = p[1].sigma_I = 0.01;
    for (size_t j = 0; j < NMIX; j++) {
        pidx[j] = j % 3 == 0;
        rE0[j] = (double)(j * 37 % 101) / 100;
        rI0[j] = (double)(j * 53 % 89) / 110;
    }
}

static void test_invariance(int noise)
{
    wc_params p[2];
    size_t pidx[NMIX], pidx_rev[NMIX];
    double rE0[NMIX], rI0[NMIX], rE_rev[NMIX], rI_rev[NMIX];
    uint64_t gid_rev[NMIX];
    mix(p, pidx, rE0, rI0, noise);
    for (size_t j = 0; j < NMIX; j++) {
        size_t i = NMIX - 1 - j;
        pidx_rev[j] = pidx[i], rE_rev[j] = rE0[i], rI_rev[j] = rI0[i], gid_rev[j] = i;
    }
    wc_settle_opts o;
    wc_settle_opts_init(&o);
    o.transient = 300, o.observe = 300, o.seed = 7;
    wc_settle_result ref[NMIX], r[NMIX];
    const char *what = noise ? "noise" : "no noise";
    int rc = wc_settle_run(&o, NMIX, p, pidx, rE0, rI0, NULL, ref), kinds[3] = {0};
    for (size_t j = 0; j < NMIX; j++) kinds[ref[j].kind]++;
    OK(rc == 0, "%s: 300 trajectories (%d fixed, %d cycles, %d other)", what, kinds[0], kinds[1], kinds[2]);
    struct { int threads; size_t block; } v[] = {{2, 0}, {3, 8}, {1, 64}, {2, 24}, {3, 1000}};
    for (size_t q = 0; q < sizeof v / sizeof *v; q++) {
        wc_settle_opts o2 = o;
        o2.threads = v[q].threads, o2.block = v[q].block;
        int same = wc_settle_run(&o2, NMIX, p, pidx, rE0, rI0, NULL, r) == 0;
        for (size_t j = 0; same && j < NMIX; j++) same = same_result(&r[j], &ref[j]);
        OK(same, "%s: %d threads, blocks of %zu: the same bits", what, v[q].threads, v[q].block);
    }
    int same = wc_settle_run(&o, NMIX, p, pidx_rev, rE_rev, rI_rev, gid_rev, r) == 0;
    for (size_t j = 0; same && j < NMIX; j++) same = same_result(&r[NMIX - 1 - j], &ref[j]);
    OK(same, "%s: trajectories in reverse order (noise indices with them): the same results", what);
    if (!noise) return;
    /* a noisy trajectory is node gid of a wc_sim run with the seed, bit for bit */
    wc_params q = p[1];
    OK(pidx[3] == 1, "trajectory 3 is noisy");
    wc_settle_opts raw = o;
    raw.raw = 1, raw.transient = 0, raw.observe = 200;
    wc_settle_result one;
    uint64_t g = 2;   /* as node 2 of a wc_sim run */
    OK(wc_settle_run(&raw, 1, &q, NULL, &rE0[3], &rI0[3], &g, &one) == 0,
       "trajectory 3 alone, raw, noise index 2");
    wc_params nodes[3] = {q, q, q};
    nodes[2].rE0 = rE0[3], nodes[2].rI0 = rI0[3];
    rows run;
    OK(simulate(nodes, 3, WC_EXPEULER, 0.1, 2000, &run) == 0 && run.n == 2000,
       "wc_sim: 3 noisy nodes, 2000 steps");
    double *x = column(&run, 3), mn = INFINITY, mx = -INFINITY, sum = 0;
    double *y = column(&run, 6), ymn = INFINITY, ymx = -INFINITY;
    for (size_t k = 0; k < 2000; k++) {
        mn = fmin(mn, x[k]), mx = fmax(mx, x[k]), sum += x[k];
        ymn = fmin(ymn, y[k]), ymx = fmax(ymx, y[k]);
    }
    OK(one.rE_min == mn && one.rE_max == mx && one.rI_min == ymn && one.rI_max == ymx,
       "raw extremes of a noisy trajectory are those of wc_sim's node 2 (its gid), bit for bit");
    NEAR(one.rE_mean, sum / 2000, 1e-15, 0, "... and the mean of rE");
    free(x), free(y), free(run.x);
}

/* ---- raw: the reference's bifurcation sweep, min/max over a run from rest ---- */

static void test_raw(void)
{
    wc_range rg;
    OK(wc_range_parse("0:5.5:0.05", WC_RANGE_ACCEPT_POINTS, &rg) == 0 && rg.n == 110,
       "I_E = 0:5.5:0.05 is 110 values");
    size_t n = (size_t)rg.n;
    wc_params *p = malloc(n * sizeof *p);
    double *zero = calloc(n, sizeof *zero);
    wc_settle_result *r = malloc(n * sizeof *r);
    for (size_t i = 0; i < n; i++) p[i] = params(""), p[i].I_E = wc_range_value(&rg, (long long)i);
    wc_settle_opts o;
    wc_settle_opts_init(&o);
    o.raw = 1, o.transient = 0, o.observe = 1000;
    OK(wc_settle_run(&o, n, p, NULL, zero, zero, NULL, r) == 0,
       "raw sweep: 110 values from rest, 10000 steps");
    rows run;
    OK(simulate(p, n, WC_EXPEULER, 0.1, 10000, &run) == 0, "wc_sim: the same 110 nodes");
    double worst = 0;
    int kinds[3] = {0}, exact = 1;
    for (size_t i = 0; i < n; i++) {
        double *x = column(&run, 1 + i), mn = INFINITY, mx = -INFINITY;
        for (size_t k = 0; k < run.n; k++) mn = fmin(mn, x[k]), mx = fmax(mx, x[k]);
        worst = fmax(worst, fmax(fabs(r[i].rE_min - mn), fabs(r[i].rE_max - mx)));
        if (r[i].kind != WC_SETTLE_FIXED) exact &= r[i].rE_min == mn && r[i].rE_max == mx;
        kinds[r[i].kind]++;
        free(x);
    }
    printf("# raw sweep: %d fixed, %d cycles, %d other; max |diff| of rE extremes %.3g\n", kinds[0], kinds[1],
           kinds[2], worst);
    OK(worst <= 1e-9, "raw extremes of rE are the reference's min/max over the run to 1e-9 (%.3g)", worst);
    OK(exact, "... exactly where the run did not stop early");
    free(run.x), free(p), free(zero), free(r);
}

/* ---- a state out of bounds ---- */

static void test_blowup(void)
{
    wc_params p = params("wEE=50");
    wc_settle_opts o;
    wc_settle_opts_init(&o);
    o.method = WC_EULER, o.dt = 3, o.transient = 3000, o.observe = 3000;
    double e = 0.9, i = 0;
    wc_settle_result r;
    OK(wc_settle_run(&o, 1, &p, NULL, &e, &i, NULL, &r) == 0, "euler at dt 3 with wEE = 50: runs");
    OK(r.kind == WC_SETTLE_OTHER && isnan(r.rE_min) && !(fabs(r.rI) <= 1e6) && r.t_settle == 150,
       "it leaves the bound: other, NaN extremes, the state found at the test at 150 ms (%g)", r.t_settle);
}

/* ---- slow: near the fold of the defaults (I_E = 0.28335) ---- */

static void test_fold(void)
{
    wc_params p = params("I_E=0.28324998334");   /* 1e-4 below the fold */
    double e = 0.1, i = 0.4;
    wc_settle_opts o;
    wc_settle_opts_init(&o);
    wc_settle_result r, s;
    o.transient = 0, o.observe = 20;
    OK(wc_settle_run(&o, 1, &p, NULL, &e, &i, NULL, &r) == 0 && r.kind == WC_SETTLE_OTHER && r.t_settle == 20,
       "1e-4 below the fold, 20 ms: a slow approach not finished is other");
    wc_settle_opts_init(&o);
    int rc = wc_settle_run(&o, 1, &p, NULL, &e, &i, NULL, &s);
    OK(rc == 0 && s.kind == WC_SETTLE_FIXED && s.t_settle > 500 && s.t_settle < 2000,
       "with the default 2 s it settles, late (%g ms): the slowest relaxation is near a fold", s.t_settle);
}

/* ---- attractors and regimes from given results ---- */

static wc_settle_result fixed(double e, double i)
{
    return (wc_settle_result){.kind = WC_SETTLE_FIXED, .rE = e, .rI = i, .rE_min = e, .rE_max = e,
                              .rE_mean = e, .rI_min = i, .rI_max = i, .rI_mean = i};
}

static wc_settle_result cycle(double T, double lo, double hi)
{
    return (wc_settle_result){.kind = WC_SETTLE_CYCLE, .rE = lo, .rI = lo, .rE_min = lo, .rE_max = hi,
                              .rE_mean = (lo + hi) / 2, .rI_min = lo / 2, .rI_max = hi / 2,
                              .rI_mean = (lo + hi) / 4, .period = T};
}

static wc_settle_result other(double lo, double hi, double meanE, double meanI)
{
    return (wc_settle_result){.kind = WC_SETTLE_OTHER, .rE_min = lo, .rE_max = hi, .rE_mean = meanE,
                              .rI_min = 0, .rI_max = 2 * hi, .rI_mean = meanI};
}

static void test_attractors(void)
{
    wc_settle_result r[9] = {cycle(8.7, 0.1, 0.5), fixed(0.4, 0.2), fixed(0.1, 0.3), fixed(0.4 + 1e-8, 0.2),
                             cycle(8.7 * (1 + 1e-4), 0.1 + 1e-5, 0.5), cycle(4, 0.2, 0.3), fixed(0.1, 0.3 - 5e-7),
                             other(0, 1, 0.2, 0.4), other(-1, 0.5, 0.4, 0.6)};
    wc_attractor a[9];
    int lab[9];
    long na = wc_attractors(r, 9, 1e-6, 1e-3, a, lab);
    OK(na == 5, "9 results, 5 attractors (%ld)", na);
    if (na != 5) return;
    OK(a[0].kind == WC_SETTLE_FIXED && a[0].rE == 0.1 && a[0].rI == 0.3 - 5e-7 && a[0].count == 2,
       "first the fixed point of lower rE, with the values of its member that sorts first");
    OK(a[1].kind == WC_SETTLE_FIXED && a[1].rE == 0.4 && a[1].count == 2, "then the other fixed point");
    OK(a[2].kind == WC_SETTLE_CYCLE && a[2].period == 4 && a[2].count == 1, "then the cycles by period");
    OK(a[3].kind == WC_SETTLE_CYCLE && a[3].period == 8.7 && a[3].count == 2,
       "... periods within 1e-3 are one cycle");
    OK(a[4].kind == WC_SETTLE_OTHER && a[4].count == 2 && a[4].rE_min == -1 && a[4].rI_max == 2 &&
           fabs(a[4].rE_mean - 0.3) < 1e-15 && a[4].rE == a[4].rE_mean,
       "last, the others as one entry: the union of extremes, the mean of means");
    int want[9] = {3, 1, 0, 1, 3, 2, 0, 4, 4}, ok = 1;
    for (int j = 0; j < 9; j++) ok &= lab[j] == want[j];
    OK(ok, "labels follow the sorting");
    wc_settle_result rev[9];
    for (int j = 0; j < 9; j++) rev[j] = r[8 - j];
    wc_attractor b[9];
    long nb = wc_attractors(rev, 9, 1e-6, 1e-3, b, NULL);
    ok = nb == na;
    for (long k = 0; ok && k < na; k++)
        ok = memcmp(&a[k].rE, &b[k].rE, sizeof a[k] - offsetof(wc_attractor, rE)) == 0;
    OK(ok, "the results in reverse order: the same attractors");
    OK(wc_regime(a, 5) == WC_REGIME_OTHER, "an other among them: regime other");
    OK(wc_regime(a, 4) == WC_REGIME_CYCLES, "two cycles and fixed points: cycles");
    OK(wc_regime(a + 1, 2) == WC_REGIME_CYCLE_FIXED && wc_regime(a, 3) == WC_REGIME_CYCLE_BISTABLE &&
           wc_regime(a + 2, 1) == WC_REGIME_CYCLE && wc_regime(a, 1) == WC_REGIME_FIXED &&
           wc_regime(a, 2) == WC_REGIME_BISTABLE && wc_regime(a, 0) == WC_REGIME_OTHER,
       "cycle+fixed, cycle+bistable, cycle, fixed, bistable, none: other");
    wc_attractor three[3] = {a[0], a[1], a[1]};
    OK(wc_regime(three, 3) == WC_REGIME_TRISTABLE, "three fixed points: tristable");
    const char *names = "fixed bistable tristable cycle cycle+fixed cycle+bistable cycles other";
    char got[128] = "";
    for (int c = 0; c < WC_NREGIME; c++) strcat(strcat(got, c ? " " : ""), wc_regime_name(c));
    OK(strcmp(got, names) == 0 && !wc_regime_name(-1) && !wc_regime_name(WC_NREGIME), "regime names 0..7: %s",
       got);
    OK(strcmp(wc_settle_kind_name(WC_SETTLE_CYCLE), "cycle") == 0 && !wc_settle_kind_name(3), "kind names");
    OK(wc_attractors(r, 0, 1e-6, 1e-3, a, lab) == 0, "no results, no attractors");
}

/* ---- options ---- */

static long long calls, last_done;

static void count_progress(void *ctx, long long done, long long total)
{
    (void)ctx;
    calls++;
    last_done = done == total ? done : -1;
}

/* One trajectory with options o and the given start and parameters fails with text. */
static void fails(const wc_settle_opts *o, const wc_params *p, double e, double i, const char *what,
                  const char *text)
{
    wc_settle_result r;
    int rc = wc_settle_run(o, 1, p, NULL, &e, &i, NULL, &r);
    OK(rc < 0 && strstr(wc_errmsg(), text), "%s: %s", what, wc_errmsg());
}

#define BAD(field, value, text) \
    (wc_settle_opts_init(&o), o.field = value, fails(&o, &p, e, i, #field " " #value, text))

static void test_options(void)
{
    wc_params p = params(""), q = p;
    double e = 0.5, i = 0.1;
    wc_settle_result r;
    wc_settle_opts o;
    wc_settle_opts_init(&o);
    OK(o.method == WC_EXPEULER && o.dt == 0.1 && o.transient == 1000 && o.observe == 1000 && o.tol == 1e-9 &&
           o.early_stop == 1 && o.raw == 0 && o.threads == 1 && o.block == 0 && !o.progress,
       "defaults: expeuler, dt 0.1, transient 1000, observe 1000, tol 1e-9, early stop, 1 thread");
    BAD(dt, 0, "dt must be > 0");
    BAD(dt, NAN, "dt must be > 0");
    BAD(dt, INFINITY, "dt must be > 0");
    BAD(transient, -1, "transient must be >= 0");
    BAD(observe, 0, "observe must be > 0");
    BAD(observe, 0.1, "observe must be at least 2 steps");
    BAD(tol, 0, "tol must be > 0");
    BAD(tol, NAN, "tol must be > 0");
    BAD(threads, 0, "threads must be within 1..256");
    BAD(threads, 257, "threads must be within 1..256");
    BAD(method, 7, "unknown integration method");
    BAD(block, 100000, "block must be");
    BAD(transient, 1e300, "too many steps");
    wc_settle_opts_init(&o);
    fails(&o, &p, 2e6, i, "a start beyond the bound", "trajectory 0: rE0 = 2e+06");
    fails(&o, &p, e, NAN, "a NaN start", "rI0 = nan");
    q.tau_E = -1;
    fails(&o, &q, e, i, "a parameter out of range", "parameter set 0: tau_E must be > 0");
    int rc = wc_settle_run(&o, 1, NULL, NULL, &e, &i, NULL, &r);
    OK(rc < 0 && strstr(wc_errmsg(), "no parameters"), "no parameters: %s", wc_errmsg());
    OK(wc_settle_run(&o, 0, &p, NULL, NULL, NULL, NULL, NULL) == 0, "no trajectories: nothing to do");
    o.progress = count_progress;
    rc = wc_settle_run(&o, 1, &p, NULL, &e, &i, NULL, &r);
    OK(rc == 0 && calls >= 1 && last_done == 1, "progress: called, the last with done = total (%lld)", calls);
}

int main(void)
{
    test_basin();
    test_wc72();
    test_invariance(0);
    test_invariance(1);
    test_raw();
    test_blowup();
    test_fold();
    test_attractors();
    test_options();
    return tap_done();
}
