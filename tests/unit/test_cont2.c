/* test_cont2.c — two-parameter continuation: fold and Hopf curves in (I_E, wEE) and
 * their cusp, Bogdanov-Takens and Bautin points, checked against one-parameter runs. */
#include "tap.h"
#include "wckit/wc_cont.h"
#include "wckit/wc_err.h"
#include "wckit/wc_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Timing limits hold for optimised builds; the sanitizers are several times slower. */
#if defined(__SANITIZE_ADDRESS__)
#define MS_LIMIT 2000.0
#else
#define MS_LIMIT 100.0
#endif

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return 1e3 * (double)ts.tv_sec + 1e-6 * (double)ts.tv_nsec;
}

static void wc72(wc_params *p)
{
    wc_params_init(p);
    wc_params_parse(p, "wEE=16,wEI=12,wIE=15,wII=3,a_E=1.3,theta_E=4,a_I=2,theta_I=3.7", WC_CONV_WC);
}

/* The special points of a one-parameter run in I_E over [-2, 6] (*sp malloc'ed), with
 * steps up to hmax (0: the default). */
static size_t run_ie_h(const wc_params *p, double hmax, wc_cont_special **sp)
{
    wc_cont_opts o;
    wc_cont_branch *b;
    size_t nsp = 0;
    *sp = NULL;
    wc_cont_opts_init(&o, p, WC_P_I_E, -2, 6);
    if (hmax > 0) o.hmax = hmax, o.h0 = 0.1 * hmax;
    long nb = wc_cont_equilibria(&o, &b, sp, &nsp);
    if (nb < 0) return 0;
    wc_cont_branches_free(b, (size_t)nb);
    return nsp;
}

static size_t run_ie(const wc_params *p, wc_cont_special **sp) { return run_ie_h(p, 0, sp); }

/* The special point of that type nearest to par (NULL if none within tol). */
static const wc_cont_special *find_sp(const wc_cont_special *sp, size_t n, int type, double par, double tol)
{
    const wc_cont_special *best = NULL;
    for (size_t k = 0; k < n; k++)
        if (sp[k].type == type && fabs(sp[k].par - par) <= tol && (!best || fabs(sp[k].par - par) < fabs(best->par - par)))
            best = &sp[k];
    return best;
}

static size_t count_sp(const wc_cont_special *sp, size_t n, int type)
{
    size_t c = 0;
    for (size_t k = 0; k < n; k++) c += sp[k].type == type;
    return c;
}

/* p at a curve point's parameters. */
static wc_params at(const wc_params *p, int par, int par2, double v, double v2)
{
    wc_params q = *p;
    q.v[par] = v, q.v[par2] = v2;
    return q;
}

/* Every point of both halves: f = 0 and det J = 0 (fold) or tr J = 0 (Hopf). */
static void check_points(const wc_params *p, int par2, const wc_cont2_curve c[2], const char *name)
{
    double fres = 0, gmax = 0, wmax = 0;
    size_t n = 0;
    for (int h = 0; h < 2; h++)
        for (size_t i = 0; i < c[h].npt; i++, n++) {
            const wc_cont2_point *pt = &c[h].pt[i];
            wc_params q = at(p, WC_P_I_E, par2, pt->par, pt->par2);
            double f[2], J[2][2];
            wc_model_rhs(&q, pt->rE, pt->rI, q.I_E, q.I_I, &f[0], &f[1]);
            wc_model_jacobian(&q, pt->rE, pt->rI, q.I_E, q.I_I, J);
            double det = J[0][0] * J[1][1] - J[0][1] * J[1][0], tr = J[0][0] + J[1][1];
            fres = fmax(fres, fmax(fabs(f[0]), fabs(f[1])));
            gmax = fmax(gmax, fabs(c[h].type == WC_SP_HOPF ? tr : det));
            if (c[h].type == WC_SP_HOPF && pt->omega > 0) wmax = fmax(wmax, fabs(pt->omega - sqrt(det)));
        }
    OK(n > 20 && fres < 1e-10, "%s: |f| < 1e-10 at all %zu points (max %.2g)", name, n, fres);
    OK(gmax < 1e-9, "%s: %s J = 0 to 1e-9 (max %.2g)", name, c[0].type == WC_SP_HOPF ? "tr" : "det", gmax);
    if (c[0].type == WC_SP_HOPF) OK(wmax < 1e-12, "%s: omega = sqrt(det J) (max error %.2g)", name, wmax);
}

/* The curve's point nearest to par2 = v2 in half h (away from its ends). */
static const wc_cont2_point *point_near(const wc_cont2_curve *c, double v2)
{
    const wc_cont2_point *best = NULL;
    for (size_t i = 1; i + 1 < c->npt; i++)
        if (!best || fabs(c->pt[i].par2 - v2) < fabs(best->par2 - v2)) best = &c->pt[i];
    return best;
}

/* A one-parameter run in I_E at the curve point's wEE finds a fold (Hopf) at its I_E. */
static void check_one_param(const wc_params *p, const wc_cont2_point *pt, int type, const char *name)
{
    wc_params q = at(p, WC_P_I_E, WC_P_WEE, 0, pt->par2);
    wc_cont_special *sp;
    size_t n = run_ie(&q, &sp);
    const wc_cont_special *s = find_sp(sp, n, type, pt->par, 1e-3);
    OK(s && fabs(s->par - pt->par) < 1e-8 && fabs(s->rE - pt->rE) < 1e-7,
       "%s: at wEE = %.6g a run in I_E finds a %s at the curve's I_E = %.10g (%.10g)", name, pt->par2,
       wc_cont_type_name(type), pt->par, s ? s->par : NAN);
    if (s && type == WC_SP_HOPF) NEAR(s->coef, pt->coef, 1e-8, 1e-6, "   and the same l1");
    free(sp);
}

static void test_defaults_fold(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_cont_special *sp;
    size_t nsp = run_ie(&p, &sp);
    const wc_cont_special *f1 = find_sp(sp, nsp, WC_SP_FOLD, 0.2833, 1e-3), *f2 = find_sp(sp, nsp, WC_SP_FOLD, -0.5110, 1e-3);
    OK(nsp == 2 && f1 && f2, "defaults, I_E in [-2, 6]: two folds, I_E = %.6g and %.6g", f1 ? f1->par : NAN,
       f2 ? f2->par : NAN);
    if (!f1 || !f2) return;
    wc_cont_special s1 = *f1, s2 = *f2;
    wc_cont_opts o;
    wc_cont_opts_init(&o, &p, WC_P_I_E, -2, 6);
    wc_cont2_curve c[2], d[2];
    double t0 = now_ms();
    int rc = wc_cont2_curve_from(&o, WC_P_WEE, 5, 30, &s1, 0, c, &sp, &nsp);
    double ms = now_ms() - t0;
    OK(rc == 0, "the fold curve in (I_E, wEE) from I_E = %.6g: %s", s1.par, rc ? wc_errmsg() : "");
    if (rc) return;
    printf("# defaults fold curve (I_E, wEE in [5, 30]): %zu + %zu points, %.1f ms\n", c[0].npt, c[1].npt, ms);
    OK(ms < MS_LIMIT, "the fold curve takes %.1f ms (< %g)", ms, MS_LIMIT);
    OK(c[0].type == WC_SP_FOLD && c[1].type == WC_SP_FOLD && c[0].pt[0].par == c[1].pt[0].par &&
           c[0].pt[0].par2 == 12 && c[0].pt[1].par2 > 12,
       "two halves of folds from the start, out[0] towards larger wEE");
    OK(c[0].end == WC_END_RANGE && c[1].end == WC_END_RANGE, "both end on a range: %s; %s", c[0].why, c[1].why);
    check_points(&p, WC_P_WEE, c, "defaults fold curve");

    /* the other fold is on the same curve: it crosses wEE = 12 there, and the curve
     * started from it has the same ends */
    int through = 0;
    for (int h = 0; h < 2; h++)
        for (size_t i = 1; i < c[h].npt; i++) {
            const wc_cont2_point *a = &c[h].pt[i - 1], *b = &c[h].pt[i];
            if ((a->par2 - 12) * (b->par2 - 12) > 0 || b->par2 == a->par2) continue;
            double u = (12 - a->par2) / (b->par2 - a->par2), ie = a->par + u * (b->par - a->par);
            through |= fabs(ie - s2.par) < 1e-3 && fabs(a->rE + u * (b->rE - a->rE) - s2.rE) < 1e-3;
        }
    OK(through, "the curve passes through the other fold (I_E = %.6g at wEE = 12)", s2.par);
    size_t n0 = nsp;
    rc = wc_cont2_curve_from(&o, WC_P_WEE, 5, 30, &s2, 2, d, &sp, &nsp);
    OK(rc == 0, "the fold curve from I_E = %.6g", s2.par);
    if (rc == 0) {
        const wc_cont2_point *e[4] = {&c[0].pt[c[0].npt - 1], &c[1].pt[c[1].npt - 1], &d[0].pt[d[0].npt - 1],
                                      &d[1].pt[d[1].npt - 1]};
        int same = 1;
        for (int k = 0; k < 2; k++) {
            const wc_cont2_point *a = e[k], *b = fabs(e[2]->par2 - a->par2) < fabs(e[3]->par2 - a->par2) ? e[2] : e[3];
            same &= fabs(a->par - b->par) < 1e-8 && fabs(a->par2 - b->par2) < 1e-8 && fabs(a->rE - b->rE) < 1e-8;
        }
        OK(same, "... is the same curve: the same two ends (%.8g, %.8g) and (%.8g, %.8g)", e[0]->par, e[0]->par2,
           e[1]->par, e[1]->par2);
        OK(nsp == n0, "... its cusp is not appended twice");
        wc_cont2_curve_free(&d[0]), wc_cont2_curve_free(&d[1]);
    }

    /* the cusp: a = 0, the lowest wEE of the curve; two folds just above it, none below */
    const wc_cont_special *cu = NULL;
    for (size_t k = 0; k < nsp; k++)
        if (sp[k].type == WC_SP_CUSP) cu = cu ? (void *)1 : &sp[k];
    OK(cu && cu != (void *)1, "exactly one cusp");
    if (cu && cu != (void *)1) {
        wc_cont_special s = *cu;
        printf("# defaults cusp: I_E = %.10g, wEE = %.10g, rE = %.10g, rI = %.10g\n", s.par, s.par2, s.rE, s.rI);
        wc_params q = at(&p, WC_P_I_E, WC_P_WEE, s.par, s.par2);
        double a = wc_cont_fold_coef(&q, s.rE, s.rI);
        OK(fabs(a) < 1e-8 && fabs(s.coef) < 1e-8, "a = 0 at the cusp (%.3g), I_E = %.8g, wEE = %.8g", a, s.par, s.par2);
        OK(s.branch == 1 && s.after + 1 < c[1].npt &&
               (c[1].pt[s.after].coef < 0) != (c[1].pt[s.after + 1].coef < 0),
           "it lies between two points of out[1] where a changes sign");
        double lowest = INFINITY;
        for (int h = 0; h < 2; h++)
            for (size_t i = 0; i < c[h].npt; i++) lowest = fmin(lowest, c[h].pt[i].par2);
        OK(lowest >= s.par2 - 1e-9, "no fold below the cusp's wEE (lowest on the curve %.10g)", lowest);
        /* just above it two folds close together, 1e-5 apart in I_E: small steps, not to
         * jump over both; their distance grows as the 3/2 power of the distance in wEE */
        wc_cont_special *sq;
        double gap[2];
        for (int k = 0; k < 2; k++) {
            double dw = k ? 4e-3 : 1e-3;
            q = at(&p, WC_P_I_E, WC_P_WEE, 0, s.par2 + dw);
            size_t n = run_ie_h(&q, 1e-3, &sq);
            gap[k] = n == 2 ? fabs(sq[0].par - sq[1].par) : NAN;
            OK(n == 2 && sq[0].type == WC_SP_FOLD && sq[1].type == WC_SP_FOLD && fabs(sq[0].par - s.par) < dw &&
                   fabs(sq[1].par - s.par) < dw && fabs(sq[0].rE - s.rE) < 10 * sqrt(dw),
               "at wEE = cusp + %g two folds near it, at I_E = %.8g and %.8g", dw, n > 0 ? sq[0].par : NAN,
               n > 1 ? sq[1].par : NAN);
            free(sq);
        }
        OK(gap[1] / gap[0] > 7 && gap[1] / gap[0] < 9, "their distance grows as (wEE - wEE_cusp)^(3/2): %.3g, %.3g (x 8)",
           gap[0], gap[1]);
        q = at(&p, WC_P_I_E, WC_P_WEE, 0, s.par2 - 1e-3);
        size_t n = run_ie_h(&q, 1e-3, &sq);
        OK(n == 0, "at wEE = cusp - 1e-3 none");
        free(sq);
    }

    /* one-parameter runs at three other wEE values find the curve's folds */
    check_one_param(&p, point_near(&c[0], 20), WC_SP_FOLD, "fold curve, wEE ~ 20");
    check_one_param(&p, point_near(&c[1], 10), WC_SP_FOLD, "fold curve, wEE ~ 10");
    check_one_param(&p, point_near(&c[1], 14), WC_SP_FOLD, "fold curve, wEE ~ 14");
    wc_cont2_curve_free(&c[0]), wc_cont2_curve_free(&c[1]);
    free(sp);
}

/* The curve from the one-parameter special point of that type near par, continued in
 * I_E over [lo, 6] and par2 over [lo2, hi2], into *sp. */
static int curve(const wc_params *p, int type, double par, double lo, int par2, double lo2, double hi2, int id,
                 wc_cont2_curve c[2], wc_cont_special **sp, size_t *nsp, double *ms)
{
    wc_cont_special *s1;
    size_t n1 = run_ie(p, &s1);
    const wc_cont_special *s = find_sp(s1, n1, type, par, 1e-3);
    wc_cont_special start = s ? *s : (wc_cont_special){0};
    free(s1);
    if (!s) return -1;
    wc_cont_opts o;
    wc_cont_opts_init(&o, p, WC_P_I_E, lo, 6);
    double t0 = now_ms();
    int rc = wc_cont2_curve_from(&o, par2, lo2, hi2, &start, id, c, sp, nsp);
    *ms = now_ms() - t0;
    return rc;
}

/* A Bogdanov-Takens point: tr = det = 0. */
static int is_bt(const wc_params *p, int par2, const wc_cont_special *s)
{
    wc_params q = at(p, WC_P_I_E, par2, s->par, s->par2);
    double J[2][2], f[2];
    wc_model_jacobian(&q, s->rE, s->rI, q.I_E, q.I_I, J);
    wc_model_rhs(&q, s->rE, s->rI, q.I_E, q.I_I, &f[0], &f[1]);
    return fabs(J[0][0] + J[1][1]) < 1e-8 && fabs(J[0][0] * J[1][1] - J[0][1] * J[1][0]) < 1e-8 &&
           fabs(f[0]) + fabs(f[1]) < 1e-10;
}

static int same_point(const wc_cont_special *a, const wc_cont_special *b, double tol)
{
    return fabs(a->par - b->par) < tol && fabs(a->par2 - b->par2) < tol && fabs(a->rE - b->rE) < tol &&
           fabs(a->rI - b->rI) < tol;
}

static void test_wc72(void)
{
    wc_params p;
    wc72(&p);
    wc_cont_special *sp;
    size_t nsp = run_ie(&p, &sp);
    const wc_cont_special *h = find_sp(sp, nsp, WC_SP_HOPF, 1.90925, 1e-4);
    OK(h && fabs(h->coef + 9.9) < 0.1 && find_sp(sp, nsp, WC_SP_FOLD, 0.9032, 1e-4) &&
           find_sp(sp, nsp, WC_SP_FOLD, 1.0830, 1e-4),
       "wc72, I_E in [-2, 6]: Hopf at 1.90925 (l1 = %.4g), folds at 0.9032 and 1.0830", h ? h->coef : NAN);
    free(sp);

    /* the Hopf curve in (I_E, wEE): an arc between two Bogdanov-Takens points */
    wc_cont2_curve c[2], f[2];
    wc_cont_special *sh = NULL, *sf = NULL;
    size_t nh = 0, nf = 0;
    double ms;
    int rc = curve(&p, WC_SP_HOPF, 1.90925, -2, WC_P_WEE, 8, 40, 0, c, &sh, &nh, &ms);
    OK(rc == 0, "wc72: the Hopf curve in (I_E, wEE in [8, 40]) %s", rc ? wc_errmsg() : "");
    if (rc) return;
    printf("# wc72 Hopf curve (I_E, wEE in [8, 40]): %zu + %zu points, %.1f ms\n", c[0].npt, c[1].npt, ms);
    OK(ms < MS_LIMIT, "the Hopf curve takes %.1f ms (< %g)", ms, MS_LIMIT);
    check_points(&p, WC_P_WEE, c, "wc72 Hopf curve");
    OK(count_sp(sh, nh, WC_SP_BT) == 2 && nh == 2, "two Bogdanov-Takens points on it, nothing else (%zu)", nh);
    int all_bt = nh > 0, neutral = 1, hopf_l1 = 1;
    for (size_t k = 0; k < nh; k++) {
        all_bt &= is_bt(&p, WC_P_WEE, &sh[k]);
        printf("# wc72 BT from the Hopf curve: I_E = %.10g, wEE = %.10g, rE = %.10g, rI = %.10g\n", sh[k].par,
               sh[k].par2, sh[k].rE, sh[k].rI);
    }
    OK(all_bt, "tr J = det J = 0 at them to 1e-8");
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < c[k].npt; i++) {
            const wc_cont2_point *pt = &c[k].pt[i];
            if (pt->omega > 0) hopf_l1 &= pt->coef < 0;
            else neutral &= isnan(pt->coef);
        }
    OK(hopf_l1, "l1 < 0 on the whole Hopf arc: no Bautin point in (I_E, wEE)");
    OK(neutral, "past the Bogdanov-Takens points (neutral saddles) omega = 0 and l1 = NaN");
    check_one_param(&p, point_near(&c[0], 17), WC_SP_HOPF, "Hopf curve, wEE ~ 17");
    check_one_param(&p, point_near(&c[1], 15), WC_SP_HOPF, "Hopf curve, wEE ~ 15");

    /* the fold curve meets it at the same two points */
    rc = curve(&p, WC_SP_FOLD, 1.0830, -3, WC_P_WEE, 8, 40, 2, f, &sf, &nf, &ms);
    OK(rc == 0, "wc72: the fold curve in (I_E in [-3, 6], wEE in [8, 40]) %s", rc ? wc_errmsg() : "");
    if (rc == 0) {
        printf("# wc72 fold curve (I_E in [-3, 6], wEE in [8, 40]): %zu + %zu points, %.1f ms\n", f[0].npt, f[1].npt, ms);
        OK(ms < MS_LIMIT, "the fold curve takes %.1f ms (< %g)", ms, MS_LIMIT);
        check_points(&p, WC_P_WEE, f, "wc72 fold curve");
        for (size_t k = 0; k < nf; k++)
            printf("# wc72 %s on the fold curve: I_E = %.10g, wEE = %.10g\n", wc_cont_type_name(sf[k].type), sf[k].par,
                   sf[k].par2);
        OK(count_sp(sf, nf, WC_SP_BT) == 2, "the fold curve has two Bogdanov-Takens points");
        int matched = 0;
        double dmax = 0;
        for (size_t k = 0; k < nf; k++)
            for (size_t j = 0; j < nh; j++)
                if (sf[k].type == WC_SP_BT && same_point(&sf[k], &sh[j], 1e-6) && is_bt(&p, WC_P_WEE, &sf[k])) {
                    matched++;
                    dmax = fmax(dmax, fmax(fmax(fabs(sf[k].par - sh[j].par), fabs(sf[k].par2 - sh[j].par2)),
                                           fmax(fabs(sf[k].rE - sh[j].rE), fabs(sf[k].rI - sh[j].rI))));
                }
        OK(matched == 2, "... at the same places as the Hopf curve's to 1e-6 (they differ by %.2g)", dmax);
        int cusps = 1;
        for (size_t k = 0; k < nf; k++) {
            if (sf[k].type != WC_SP_CUSP) continue;
            wc_params q = at(&p, WC_P_I_E, WC_P_WEE, sf[k].par, sf[k].par2);
            cusps &= fabs(wc_cont_fold_coef(&q, sf[k].rE, sf[k].rI)) < 1e-8;
        }
        OK(count_sp(sf, nf, WC_SP_CUSP) >= 1 && cusps, "its cusps have a = 0");
        /* one list for both curves: each Bogdanov-Takens point once */
        size_t n0 = nf;
        wc_cont2_curve g[2];
        rc = curve(&p, WC_SP_HOPF, 1.90925, -2, WC_P_WEE, 8, 40, 4, g, &sf, &nf, &ms);
        OK(rc == 0 && nf == n0 && count_sp(sf, nf, WC_SP_BT) == 2,
           "the Hopf curve's points appended to the fold curve's list: the two BT points are not repeated");
        if (rc == 0) wc_cont2_curve_free(&g[0]), wc_cont2_curve_free(&g[1]);
        wc_cont2_curve_free(&f[0]), wc_cont2_curve_free(&f[1]);
    }
    wc_cont2_curve_free(&c[0]), wc_cont2_curve_free(&c[1]);
    free(sh), free(sf);
}

static void test_wc72_bautin(void)
{
    wc_params p;
    wc72(&p);
    wc_cont2_curve c[2];
    wc_cont_special *sp = NULL;
    size_t nsp = 0;
    double ms;
    int rc = curve(&p, WC_SP_HOPF, 1.90925, -2, WC_P_A_I, 0.3, 6, 0, c, &sp, &nsp, &ms);
    OK(rc == 0, "wc72: the Hopf curve in (I_E, a_I in [0.3, 6]) %s", rc ? wc_errmsg() : "");
    if (rc) return;
    printf("# wc72 Hopf curve (I_E, a_I in [0.3, 6]): %zu + %zu points, %.1f ms\n", c[0].npt, c[1].npt, ms);
    check_points(&p, WC_P_A_I, c, "wc72 Hopf curve in a_I");
    OK(count_sp(sp, nsp, WC_SP_BAUTIN) == 2, "two Bautin points");
    for (size_t k = 0; k < nsp; k++) {
        if (sp[k].type != WC_SP_BAUTIN) continue;
        const wc_cont_special *s = &sp[k];
        printf("# wc72 Bautin: I_E = %.10g, a_I = %.10g, rE = %.10g, rI = %.10g, omega = %.6g\n", s->par, s->par2, s->rE,
               s->rI, s->omega);
        wc_params q = at(&p, WC_P_I_E, WC_P_A_I, s->par, s->par2);
        double w, l1 = wc_cont_lyapunov(&q, s->rE, s->rI, &w);
        const wc_cont2_curve *h = &c[s->branch];
        OK(fabs(l1) < 1e-8 && w > 0 && fabs(w - s->omega) < 1e-8,
           "Bautin at I_E = %.8g, a_I = %.8g: l1 = %.2g, omega = %.6g", s->par, s->par2, l1, w);
        OK(s->after + 1 < h->npt && (h->pt[s->after].coef < 0) != (h->pt[s->after + 1].coef < 0),
           "... l1 changes sign between the curve's points either side");
    }
    wc_cont2_curve_free(&c[0]), wc_cont2_curve_free(&c[1]);
    free(sp);
}

static void test_bad_input(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_cont_opts o;
    wc_cont_opts_init(&o, &p, WC_P_I_E, -2, 6);
    wc_cont_special s = {.type = WC_SP_FOLD, .par = 0.2833499833, .rE = 0.0590976336, .rI = 0.0144063433};
    wc_cont2_curve c[2];
    wc_cont_special *sp = NULL;
    size_t nsp = 0;
    wc_cont_special cusp = s;
    cusp.type = WC_SP_CUSP;
    OK(wc_cont2_curve_from(&o, WC_P_WEE, 5, 30, &cusp, 0, c, &sp, &nsp) < 0 && strstr(wc_errmsg(), "the start is cusp"),
       "a start of the wrong type: %s", wc_errmsg());
    OK(wc_cont2_curve_from(&o, WC_P_I_E, -2, 6, &s, 0, c, &sp, &nsp) < 0 && strstr(wc_errmsg(), "second parameter is the first"),
       "par2 == par: %s", wc_errmsg());
    OK(wc_cont2_curve_from(&o, WC_P_WEE, 30, 5, &s, 0, c, &sp, &nsp) < 0 && strstr(wc_errmsg(), "empty range of wEE"),
       "an empty range: %s", wc_errmsg());
    OK(wc_cont2_curve_from(&o, WC_P_WEE, 13, 30, &s, 0, c, &sp, &nsp) < 0 && strstr(wc_errmsg(), "outside the ranges"),
       "a start outside the range: %s", wc_errmsg());
    o.hi = o.lo;
    OK(wc_cont2_curve_from(&o, WC_P_WEE, 5, 30, &s, 0, c, &sp, &nsp) < 0 && strstr(wc_errmsg(), "empty range of I_E"),
       "an empty range of par: %s", wc_errmsg());
    OK(nsp == 0 && !sp && !c[0].pt && !c[1].pt, "nothing allocated on errors");
    /* a fold is no Hopf point */
    wc_cont_opts_init(&o, &p, WC_P_I_E, -2, 6);
    s.type = WC_SP_HOPF;
    OK(wc_cont2_curve_from(&o, WC_P_WEE, 5, 30, &s, 0, c, &sp, &nsp) < 0 && strstr(wc_errmsg(), "no Hopf"),
       "a Hopf curve from a fold: %s", wc_errmsg());
}

int main(void)
{
    test_defaults_fold();
    test_wc72();
    test_wc72_bautin();
    test_bad_input();
    return tap_done();
}
