/* test_cycle.c — limit-cycle branches from Hopf points (wc_cycle.h), against what they
 * must be: the Hopf's frequency at small amplitude, long RK4 simulations for the period,
 * extremes and stability, Liouville's formula for the nontrivial Floquet multiplier; the
 * subcritical example (share/presets/subcritical.params) with its fold of cycles and the
 * coexistence of a stable equilibrium and a stable cycle; bad input. */
#include "tap.h"
#include "wckit/wc_cont.h"
#include "wckit/wc_cycle.h"
#include "wckit/wc_err.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_model.h"
#include "wckit/wc_phase.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WC72 "wEE=16,wEI=12,wIE=15,wII=3,a_E=1.3,theta_E=4,a_I=2,theta_I=3.7"
/* the subcritical example: a Hopf point with l1 > 0 whose unstable cycles turn at a
 * fold of cycles into stable ones (share/presets/subcritical.params) */
#define SUBCRIT "wEE=23.5,wEI=12,wIE=23,wII=7.5,a_E=1.3,theta_E=4,a_I=2,theta_I=4.3"
#define NPROF 4000

/* ---- a long simulation, RK4, one node ---- */

typedef struct {
    double period;            /* mean period from upward crossings of the mean of rE */
    double rE_min, rE_max;
    double rE_end, rI_end;
    int ncross;
} sim_result;

static void simulate(const wc_params *p, double rE0, double rI0, double dt, double t_skip, double t_meas, sim_result *r)
{
    wc_soa s;
    double rE[WC_LANES], rI[WC_LANES], inE[WC_LANES], inI[WC_LANES];
    wc_integrate_init(&s, p, 1);
    for (int i = 0; i < WC_LANES; i++) rE[i] = rE0, rI[i] = rI0, inE[i] = p->I_E, inI[i] = p->I_I;
    long nskip = lround(t_skip / dt), nmeas = lround(t_meas / dt);
    for (long k = 0; k < nskip; k++) wc_integrate_step(&s, WC_RK4, dt, 0, WC_LANES, rE, rI, inE, inI);
    double *x = malloc((size_t)(nmeas + 1) * sizeof *x), mean = 0;
    x[0] = rE[0];
    for (long k = 1; k <= nmeas; k++) {
        wc_integrate_step(&s, WC_RK4, dt, 0, WC_LANES, rE, rI, inE, inI);
        x[k] = rE[0];
    }
    r->rE_min = r->rE_max = x[0];
    for (long k = 0; k <= nmeas; k++) mean += x[k], r->rE_min = fmin(r->rE_min, x[k]), r->rE_max = fmax(r->rE_max, x[k]);
    mean /= (double)(nmeas + 1);
    double first = NAN, last = NAN;
    r->ncross = 0;
    for (long k = 0; k < nmeas; k++)
        if (x[k] < mean && x[k + 1] >= mean) {
            double t = ((double)k + (mean - x[k]) / (x[k + 1] - x[k])) * dt;
            if (r->ncross == 0) first = t;
            last = t, r->ncross++;
        }
    r->period = r->ncross > 1 ? (last - first) / (r->ncross - 1) : NAN;
    r->rE_end = rE[0], r->rI_end = rI[0];
    free(x);
    wc_integrate_free(&s);
}

/* ---- helpers ---- */

static wc_params params(const char *list)
{
    wc_params p;
    wc_params_init(&p);
    if (wc_params_parse(&p, list, WC_CONV_WC) < 0) printf("# %s\n", wc_errmsg());
    return p;
}

/* The first Hopf point of a continuation in I_E over lo..hi with l1 of the sign asked
 * (+1 subcritical, -1 supercritical); sp and nsp keep all special points. */
static int find_hopf(wc_cont_opts *o, const wc_params *p, double lo, double hi, int sign, wc_cont_special **sp,
                     size_t *nsp)
{
    wc_cont_branch *b;
    wc_cont_opts_init(o, p, WC_P_I_E, lo, hi);
    *sp = NULL, *nsp = 0;
    long nb = wc_cont_equilibria(o, &b, sp, nsp);
    wc_cont_branches_free(b, nb > 0 ? (size_t)nb : 0);
    for (size_t i = 0; nb > 0 && i < *nsp; i++)
        if ((*sp)[i].type == WC_SP_HOPF && (*sp)[i].coef * sign > 0) return (int)i;
    return -1;
}

/* The cycle of b whose parameter is closest to v, among points from..to-1. */
static size_t nearest(const wc_cycle_branch *b, double v, size_t from, size_t to)
{
    size_t best = from;
    for (size_t k = from; k < to; k++)
        if (fabs(b->pt[k].par - v) < fabs(b->pt[best].par - v)) best = k;
    return best;
}

/* exp(integral of tr J over the period) from the stored profile (periodic trapezoid rule). */
static double liouville(const wc_cycle_branch *b, size_t k, const wc_params *p0)
{
    wc_params p = *p0;
    p.I_E = b->pt[k].par;
    const double *pr = b->prof + 3 * k * b->nprof;
    double s = 0, J[2][2];
    for (size_t i = 0; i < b->nprof; i++) {
        wc_model_jacobian(&p, pr[3 * i + 1], pr[3 * i + 2], p.I_E, p.I_I, J);
        s += J[0][0] + J[1][1];
    }
    return exp(s * b->pt[k].period / (double)b->nprof);
}

/* ---- the wc72 branch: supercritical, down to a homoclinic orbit ---- */

static void test_wc72(void)
{
    wc_params p = params(WC72);
    wc_cont_opts o;
    wc_cont_special *sp;
    size_t nsp;
    int ih = find_hopf(&o, &p, -2, 6, -1, &sp, &nsp);
    OK(ih >= 0 && fabs(sp[ih].par - 1.90925) < 1e-4, "wc72: the supercritical Hopf at I_E = 1.90925");
    if (ih < 0) return;
    wc_cont_special h = sp[ih];
    wc_cycle_opts co;
    wc_cycle_opts_init(&co);
    wc_cycle_branch b;
    size_t nsp0 = nsp;
    int rc = wc_cycle_from_hopf(&o, &co, &h, 7, NPROF, &b, &sp, &nsp);
    OK(rc == 0 && b.npt > 20, "wc72: a branch of %zu cycles (%s: %s)", b.npt, wc_cont_end_name(b.end), b.why);
    if (rc < 0 || b.npt < 20) return;
    /* it starts at the Hopf: period 2 pi / omega, amplitude amp0 */
    const wc_cycle_point *c0 = &b.pt[0];
    NEAR(c0->period, 2 * M_PI / h.omega, 0, 1e-4, "the first cycle's period is 2 pi / omega");
    NEAR(c0->par, h.par, 1e-3, 0, "the first cycle lies at the Hopf's I_E");
    /* ... and the limit: a tenth of the amplitude, a hundredth of the distance */
    wc_cycle_opts c2 = co;
    c2.amp0 = 1e-4, c2.max_points = 1;
    wc_cycle_branch b2;
    OK(wc_cycle_from_hopf(&o, &c2, &h, 7, 0, &b2, &sp, &nsp) == 0 && b2.npt == 1 && b2.end == WC_END_POINTS,
       "amp0 1e-4, max_points 1: one cycle (%s)", b2.why);
    if (b2.npt == 1) {
        double dT1 = c0->period - 2 * M_PI / h.omega, dT2 = b2.pt[0].period - 2 * M_PI / h.omega;
        double dp1 = c0->par - h.par, dp2 = b2.pt[0].par - h.par;
        printf("# amp0 1e-3: dT %.6g dpar %.6g; amp0 1e-4: dT %.6g dpar %.6g\n", dT1, dp1, dT2, dp2);
        NEAR(dT2, dT1 / 100, 0, 0.02, "the period's distance from 2 pi / omega goes with amp0^2");
        NEAR(dp2, dp1 / 100, 0, 0.02, "... and so does the parameter's from the Hopf");
        NEAR(b2.pt[0].rE_max - b2.pt[0].rE_min, 2e-4, 0, 1e-3, "... the amplitude with amp0");
    }
    wc_cycle_branch_free(&b2);
    OK(c0->rE_max - c0->rE_min > 1.5 * co.amp0 && c0->rE_max - c0->rE_min < 2.5 * co.amp0,
       "the first cycle's rE swings by +-amp0 (%g)", c0->rE_max - c0->rE_min);
    OK(c0->rE_min < h.rE && h.rE < c0->rE_max, "... around the Hopf's rE");
    int down = 1;
    for (size_t k = 1; k < b.npt; k++) down &= b.pt[k].par <= b.pt[k - 1].par + 1e-7;
    OK(down, "the branch runs down in I_E from the Hopf (supercritical side)");
    OK(b.end == WC_END_PERIOD && fabs(b.pt[b.npt - 1].period - co.period_max) < 1e-6 * co.period_max,
       "it ends where the period reaches period_max (%s)", b.why);
    NEAR(b.pt[b.npt - 1].par, 1.06574, 1e-5, 0, "... at I_E = 1.06574 (a homoclinic orbit to the saddle)");
    OK(nsp == nsp0, "no fold of cycles on the wc72 branch (%zu)", nsp - nsp0);
    int all_stable = 1;
    for (size_t k = 0; k < b.npt; k++) all_stable &= b.pt[k].stable;
    OK(all_stable, "every cycle of the branch is stable");
    /* Floquet: trivial multiplier 1, the other = Liouville, wherever the period is moderate */
    int triv = 1, liou = 1;
    size_t nmod = 0;
    for (size_t k = 0; k < b.npt; k++) {
        if (b.pt[k].period > 10) continue;
        nmod++;
        if (!(fabs(b.pt[k].mult_re[0] - 1) < 1e-6 && b.pt[k].mult_im[0] == 0)) {
            triv = 0;
            printf("# cycle %zu: trivial multiplier %.12g%+.3gi\n", k, b.pt[k].mult_re[0], b.pt[k].mult_im[0]);
        }
        double l = liouville(&b, k, &p);
        if (!close_to(b.pt[k].mult_re[1], l, 0, 1e-6) || b.pt[k].mult_im[1] != 0) {
            liou = 0;
            printf("# cycle %zu (T %g): multiplier %.12g, Liouville %.12g\n", k, b.pt[k].period, b.pt[k].mult_re[1], l);
        }
    }
    OK(triv && nmod > 30, "the trivial multiplier is 1 to 1e-6 (%zu cycles with T <= 10 ms)", nmod);
    OK(liou, "the other multiplier is exp(integral of tr J) to 1e-6 (Liouville)");
    /* the profile */
    const double *pr = b.prof + 3 * 5 * b.nprof;
    double mx = -1;
    for (size_t i = 0; i < b.nprof; i++) mx = fmax(mx, pr[3 * i + 1]);
    OK(pr[0] == 0 && close_to(pr[3 * (b.nprof - 1)], b.pt[5].period * (b.nprof - 1) / b.nprof, 1e-12, 1e-12) &&
           close_to(mx, b.pt[5].rE_max, 1e-6, 0),
       "profiles: t from 0 by T / nprof, their rE peaks at rE_max");
    /* against simulations at three parameter values of the stable part, started off the
     * cycle (at its rE_max + 0.02): the cycle attracts, with the period and extremes */
    const double at[3] = {1.8, 1.5, 1.2};
    for (int i = 0; i < 3; i++) {
        size_t k = nearest(&b, at[i], 0, b.npt);
        const wc_cycle_point *c = &b.pt[k];
        wc_params q = p;
        q.I_E = c->par;
        size_t imax = 0;
        const double *pk = b.prof + 3 * k * b.nprof;
        for (size_t s = 0; s < b.nprof; s++)
            if (pk[3 * s + 1] > pk[3 * imax + 1]) imax = s;
        sim_result r;
        simulate(&q, pk[3 * imax + 1] + 0.02, pk[3 * imax + 2], 0.002, 2000, 200, &r);
        printf("# I_E %.6f: period %.9g / %.9g, rE %.9g..%.9g / %.9g..%.9g, multiplier %.6g\n", c->par, c->period,
               r.period, c->rE_min, c->rE_max, r.rE_min, r.rE_max, c->mult_re[1]);
        NEAR(c->period, r.period, 0, 1e-3, "the period agrees with a 2 s RK4 simulation (dt 0.002 ms)");
        NEAR(c->rE_max, r.rE_max, 0, 1e-3, "... the largest rE");
        NEAR(c->rE_min, r.rE_min, 0, 1e-3, "... the smallest rE");
        OK(c->stable && r.ncross > 10, "... and the cycle is stable: the simulation started off it converged to it");
    }
    wc_cycle_branch_free(&b);
    free(sp);
}

/* The end of the range, located on the bound. */
static void test_range(void)
{
    wc_params p = params(WC72);
    wc_cont_opts o;
    wc_cont_special *sp;
    size_t nsp;
    int ih = find_hopf(&o, &p, 1.5, 6, -1, &sp, &nsp);
    OK(ih >= 0, "wc72 in I_E 1.5..6: the Hopf");
    if (ih < 0) return;
    wc_cycle_branch b;
    int rc = wc_cycle_from_hopf(&o, NULL, &sp[ih], 0, 0, &b, &sp, &nsp);
    OK(rc == 0 && b.end == WC_END_RANGE && b.npt > 2 && close_to(b.pt[b.npt - 1].par, 1.5, 1e-9, 0) && !b.prof,
       "the branch ends on the range's end, I_E = 1.5 (%s)", b.why);
    wc_cycle_branch_free(&b);
    free(sp);
}

/* Two Hopf points joined by one branch of cycles (wc72 with a_I = 1): from either, the
 * branch ends back at an equilibrium at the other. */
static void test_two_hopfs(void)
{
    wc_params p = params(WC72 ",a_I=1");
    wc_cont_opts o;
    wc_cont_special *sp;
    size_t nsp;
    int ih = find_hopf(&o, &p, -2, 6, -1, &sp, &nsp), n = 0;
    for (size_t i = 0; ih >= 0 && i < nsp; i++) {
        if (sp[i].type != WC_SP_HOPF) continue;
        double other = NAN;
        for (size_t j = 0; j < nsp; j++)
            if (j != i && sp[j].type == WC_SP_HOPF) other = sp[j].par;
        wc_cycle_branch b;
        wc_cont_special h = sp[i];
        int rc = wc_cycle_from_hopf(&o, NULL, &h, 0, 0, &b, &sp, &nsp);
        const wc_cycle_point *e = rc == 0 && b.npt ? &b.pt[b.npt - 1] : NULL;
        OK(e && b.end == WC_END_HOPF && fabs(e->par - other) < 2e-3 && e->rE_max - e->rE_min < 0.02,
           "from the Hopf at I_E = %.4f the branch ends at the other, %.4f (%s)", h.par, other, b.why);
        n++;
        wc_cycle_branch_free(&b);
    }
    OK(n == 2, "wc72 with a_I = 1: two Hopf points");
    free(sp);
}

/* ---- the subcritical example ---- */

static void test_subcritical(void)
{
    wc_params p = params(SUBCRIT), f0;
    wc_params_init(&f0);
    OK(wc_params_load_file(&f0, WC_TOP "/share/presets/subcritical.params", WC_CONV_WC) == 0 && f0.I_E == 0.71 &&
           (f0.I_E = p.I_E, memcmp(&f0, &p, sizeof p) == 0),
       "share/presets/subcritical.params holds the example");
    wc_cont_opts o;
    wc_cont_special *sp;
    size_t nsp;
    int ih = find_hopf(&o, &p, 0, 0.9, 1, &sp, &nsp);
    OK(ih >= 0 && sp[ih].coef > 0, "subcritical example: a Hopf point with l1 > 0 (I_E %.6f, l1 %.4g)",
       ih >= 0 ? sp[ih].par : NAN, ih >= 0 ? sp[ih].coef : NAN);
    if (ih < 0) return;
    wc_cont_special h = sp[ih];
    size_t nsp0 = nsp;
    wc_cycle_branch b;
    int rc = wc_cycle_from_hopf(&o, NULL, &h, 3, NPROF, &b, &sp, &nsp);
    OK(rc == 0 && b.npt > 20, "its branch: %zu cycles (%s)", b.npt, b.why);
    OK(nsp == nsp0 + 1 && sp[nsp0].type == WC_SP_CYCLE_FOLD && sp[nsp0].branch == 3,
       "one fold of cycles reported (%zu)", nsp - nsp0);
    if (rc < 0 || nsp != nsp0 + 1) return;
    wc_cont_special f = sp[nsp0];
    printf("# fold of cycles: I_E %.10g, period %.10g, rE %.6g rI %.6g, after cycle %zu\n", f.par, f.period, f.rE, f.rI,
           f.after);
    OK(f.par > h.par + 0.1 && f.after + 1 < b.npt && f.period > b.pt[0].period, "the fold lies up in I_E, at a longer period");
    OK(b.pt[f.after].par <= f.par && b.pt[f.after + 1].par <= f.par, "I_E turns there");
    int unst = 1, st = 1;
    for (size_t k = 0; k <= f.after; k++) unst &= !b.pt[k].stable;
    for (size_t k = f.after + 1; k < b.npt; k++) st &= b.pt[k].stable;
    OK(unst && st, "unstable from the Hopf to the fold (%zu cycles), stable beyond (%zu)", f.after + 1,
       b.npt - f.after - 1);
    /* coexistence, between the Hopf and the fold, on the stable part */
    size_t k = nearest(&b, 0.71, f.after + 1, b.npt);
    const wc_cycle_point *c = &b.pt[k];
    wc_params q = p;
    q.I_E = c->par;
    const double *pk = b.prof + 3 * k * b.nprof;
    sim_result r;
    simulate(&q, pk[1], pk[2], 0.002, 1000, 200, &r);
    printf("# I_E %.6f: period %.9g / %.9g, rE %.6g..%.6g / %.6g..%.6g\n", c->par, c->period, r.period, c->rE_min,
           c->rE_max, r.rE_min, r.rE_max);
    OK(c->par > h.par && c->par < f.par, "at I_E = %.4f, between the Hopf and the fold", c->par);
    NEAR(r.period, c->period, 0, 1e-3, "started on the stable cycle, the simulation stays on a cycle of its period");
    NEAR(r.rE_max - r.rE_min, c->rE_max - c->rE_min, 0, 1e-3, "... and its amplitude");
    double eE = h.rE, eI = h.rI;
    OK(wc_phase_newton(&q, &eE, &eI) == 0, "the equilibrium there");
    simulate(&q, eE + 1e-3, eI, 0.002, 1000, 10, &r);
    OK(fabs(r.rE_end - eE) < 1e-8 && fabs(r.rI_end - eI) < 1e-8 && r.rE_max - r.rE_min < 1e-8,
       "started next to the equilibrium, it settles there (coexistence)");
    wc_cycle_branch_free(&b);
    free(sp);
}

/* ---- bad input ---- */

static void test_errors(void)
{
    wc_params p = params(WC72);
    wc_cont_opts o;
    wc_cont_special *sp;
    size_t nsp;
    int ih = find_hopf(&o, &p, -2, 6, -1, &sp, &nsp);
    if (ih < 0) return;
    wc_cont_special h = sp[ih], bad = h;
    wc_cycle_branch b;
    wc_cycle_opts co;
    wc_cycle_opts_init(&co);
    bad.omega = 0;
    OK(wc_cycle_from_hopf(&o, &co, &bad, 0, 0, &b, &sp, &nsp) < 0 && strstr(wc_errmsg(), "not a Hopf point") && !b.pt,
       "omega 0: %s", wc_errmsg());
    bad = h, bad.rE += 0.01;
    OK(wc_cycle_from_hopf(&o, &co, &bad, 0, 0, &b, &sp, &nsp) < 0 && strstr(wc_errmsg(), "no equilibrium"),
       "not an equilibrium: %s", wc_errmsg());
    bad = h, bad.par = 1.5;
    bad.omega = h.omega;
    OK(wc_cycle_from_hopf(&o, &co, &bad, 0, 0, &b, &sp, &nsp) < 0 && strstr(wc_errmsg(), "not a Hopf point"),
       "a point off the Hopf: %s", wc_errmsg());
    bad = h, bad.omega = 2 * h.omega;
    OK(wc_cycle_from_hopf(&o, &co, &bad, 0, 0, &b, &sp, &nsp) < 0 && strstr(wc_errmsg(), "omega"),
       "the wrong omega: %s", wc_errmsg());
    bad = h, bad.type = WC_SP_FOLD;
    OK(wc_cycle_from_hopf(&o, &co, &bad, 0, 0, &b, &sp, &nsp) < 0 && strstr(wc_errmsg(), "fold"),
       "a fold: %s", wc_errmsg());
    size_t ntst[3] = {0, 1, 1001}, ncol[3] = {0, 1, 8};
    for (int i = 0; i < 3; i++) {
        co.ntst = ntst[i];
        OK(wc_cycle_from_hopf(&o, &co, &h, 0, 0, &b, &sp, &nsp) < 0 && strstr(wc_errmsg(), "ntst must be within 2..1000"),
           "ntst %zu: %s", ntst[i], wc_errmsg());
        co.ntst = 40, co.ncol = ncol[i];
        OK(wc_cycle_from_hopf(&o, &co, &h, 0, 0, &b, &sp, &nsp) < 0 && strstr(wc_errmsg(), "ncol must be within 2..7"),
           "ncol %zu: %s", ncol[i], wc_errmsg());
        co.ncol = 4;
    }
    co.amp0 = 0;
    OK(wc_cycle_from_hopf(&o, &co, &h, 0, 0, &b, &sp, &nsp) < 0 && strstr(wc_errmsg(), "amp0"), "amp0 0: %s", wc_errmsg());
    co.amp0 = 1e-3, co.hmax = co.h0 / 2;
    OK(wc_cycle_from_hopf(&o, &co, &h, 0, 0, &b, &sp, &nsp) < 0 && strstr(wc_errmsg(), "h0 <= hmax"), "hmax < h0: %s",
       wc_errmsg());
    wc_cont_opts o2 = o;
    o2.lo = 1.95;
    OK(wc_cycle_from_hopf(&o2, NULL, &h, 0, 0, &b, &sp, &nsp) < 0 && strstr(wc_errmsg(), "outside the range"),
       "a Hopf outside the range: %s", wc_errmsg());
    /* other ncol and ntst work and agree */
    co.hmax = 0.1;
    size_t n1 = nsp;
    int agree = 1;
    for (size_t m = 2; m <= 7; m += 5) {
        co.ncol = m, co.ntst = m == 2 ? 80 : 20, co.period_max = 20;
        int rc = wc_cycle_from_hopf(&o, &co, &h, 0, 0, &b, &sp, &nsp);
        agree &= rc == 0 && b.end == WC_END_PERIOD && nsp == n1 && close_to(b.pt[b.npt - 1].par, 1.0675, 1e-3, 0);
        printf("# ncol %zu ntst %zu: %zu cycles, %s\n", co.ncol, co.ntst, b.npt, b.why);
        wc_cycle_branch_free(&b);
    }
    OK(agree, "ncol 2 (ntst 80) and ncol 7 (ntst 20) follow the same branch to period 20");
    free(sp);
}

int main(void)
{
    test_wc72();
    test_range();
    test_two_hopfs();
    test_subcritical();
    test_errors();
    return tap_done();
}
