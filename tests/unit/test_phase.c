/* test_phase.c — the range grammar (lib/wc_range.c), the phase plane (lib/wc_phase.c),
 * the continuation engine (lib/wc_pac.c) and equilibrium continuation (lib/wc_cont.c):
 * known answers, closed forms and independent checks. */
#include "tap.h"
#include "wc_pac_internal.h"
#include "wckit/wc_cont.h"
#include "wckit/wc_err.h"
#include "wckit/wc_model.h"
#include "wckit/wc_params.h"
#include "wckit/wc_phase.h"
#include "wckit/wc_range.h"

#include <stdlib.h>

static void test_range(void)
{
    wc_range r;
    int rc = wc_range_parse("0:5.5:0.05", WC_RANGE_ACCEPT_POINTS, &r);
    OK(rc == 0 && r.n == 110 && r.kind == WC_RANGE_ARANGE,
       "0:5.5:0.05 is 110 points, as numpy.arange counts them robustly (got %lld)", r.n);
    OK(wc_range_value(&r, 109) == 109 * 0.05, "arange point i is A + i*STEP");
    OK(wc_range_parse("0:1:0.1", WC_RANGE_ACCEPT_POINTS, &r) == 0 && r.n == 10, "0:1:0.1 is 10 points");
    OK(wc_range_parse("0:1.05:0.1", WC_RANGE_ACCEPT_POINTS, &r) == 0 && r.n == 11, "0:1.05:0.1 is 11 points");
    OK(wc_range_parse("1:0:-0.25", WC_RANGE_ACCEPT_POINTS, &r) == 0 && r.n == 4 && wc_range_value(&r, 3) == 0.25,
       "negative steps count down");
    OK(wc_range_parse("0:0.8/40", WC_RANGE_ACCEPT_POINTS, &r) == 0 && r.n == 40 && wc_range_value(&r, 0) == 0 &&
           wc_range_value(&r, 39) == 0.8 && wc_range_value(&r, 1) == 0.8 / 39,
       "A:B/N is numpy.linspace: N points, both ends exact");
    OK(wc_range_parse("2.5", WC_RANGE_ACCEPT_POINTS, &r) == 0 && r.n == 1 && wc_range_value(&r, 0) == 2.5, "one number, one point");
    OK(wc_range_parse("-2:6", WC_RANGE_ACCEPT_SPAN, &r) == 0 && r.lo == -2 && r.hi == 6 && r.kind == WC_RANGE_SPAN, "LO:HI");
    const char *bad_span[] = {"1:1", "2:1", "a:1", "1:", ":1", "1", "0:1:0.1", "nan:1", "0:inf"};
    for (size_t k = 0; k < sizeof bad_span / sizeof *bad_span; k++)
        OK(wc_range_parse(bad_span[k], WC_RANGE_ACCEPT_SPAN, &r) < 0 && *wc_errmsg(), "'%s' is no interval: %s", bad_span[k],
           wc_errmsg());
    const char *bad_pts[] = {"0:1:0", "0:1:-0.1", "0:1/0", "0:1/x", "0:1:0.1:2", "0:1/2:3", "1e400", "0:3e9:1"};
    for (size_t k = 0; k < sizeof bad_pts / sizeof *bad_pts; k++)
        OK(wc_range_parse(bad_pts[k], WC_RANGE_ACCEPT_POINTS, &r) < 0 && *wc_errmsg(), "'%s' is no set of points: %s",
           bad_pts[k], wc_errmsg());
}

static int lin_ok(const double J[2][2], const wc_phase_lin *l)
{
    /* A v = lambda v for each eigenpair (complex: A (a + ib) = (re + i im)(a + ib)) */
    double err = 0;
    if (l->im[0] != 0) {
        const double *a = l->vec[0], *b = l->vec[1];
        for (int m = 0; m < 2; m++) {
            double Aa = J[m][0] * a[0] + J[m][1] * a[1], Ab = J[m][0] * b[0] + J[m][1] * b[1];
            err = fmax(err, fabs(Aa - (l->re[0] * a[m] - l->im[0] * b[m])));
            err = fmax(err, fabs(Ab - (l->re[0] * b[m] + l->im[0] * a[m])));
        }
    }
    else
        for (int k = 0; k < 2; k++)
            for (int m = 0; m < 2; m++)
                err = fmax(err, fabs(J[m][0] * l->vec[k][0] + J[m][1] * l->vec[k][1] - l->re[k] * l->vec[k][m]));
    return err < 1e-12;
}

static void test_linearise(void)
{
    struct {
        double J[2][2];
        int kind;
    } cases[] = {
        {{{-1, 0}, {0, -2}}, WC_FP_STABLE_NODE},   {{{1, 0}, {0, 3}}, WC_FP_UNSTABLE_NODE},
        {{{-0.1, -2}, {2, -0.1}}, WC_FP_STABLE_FOCUS}, {{{0.2, 1}, {-3, 0.1}}, WC_FP_UNSTABLE_FOCUS},
        {{{1, 2}, {3, -1}}, WC_FP_SADDLE},          {{{0, -2}, {2, 0}}, WC_FP_CENTRE},
        {{{1, 2}, {2, 4}}, WC_FP_DEGENERATE},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        wc_phase_lin l;
        int rc = wc_phase_linearise(cases[k].J, &l);
        OK(rc == 0 && l.kind == cases[k].kind && lin_ok(cases[k].J, &l), "case %zu is %s (got %s), A v = lambda v", k,
           wc_phase_kind_name(cases[k].kind), wc_phase_kind_name(l.kind));
    }
    wc_phase_lin l;
    double bad[2][2] = {{NAN, 0}, {0, 1}};
    OK(wc_phase_linearise(bad, &l) < 0, "a NaN Jacobian is an error: %s", wc_errmsg());
}

/* The defaults at I_E = 0: three fixed points (rest, saddle, active), the rest state at
 * the origin with the closed-form Jacobian's eigenvalues. */
static void test_fixed_points(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_phase_window w;
    wc_phase_window_auto(&p, &w);
    wc_phase_fixed *fp;
    long n = wc_phase_fixed_points(&p, &w, &fp);
    OK(n == 3, "defaults: three fixed points (got %ld)", n);
    if (n != 3) return;
    OK(fp[0].lin.kind == WC_FP_STABLE_NODE && fp[1].lin.kind == WC_FP_SADDLE && fp[2].lin.kind == WC_FP_STABLE_NODE,
       "stable rest, saddle, stable active state: the node is bistable");
    double worst = 0;
    for (long i = 0; i < n; i++) worst = fmax(worst, fmax(fabs(fp[i].fE), fabs(fp[i].fI)));
    OK(worst < 1e-12, "every fixed point has |f| < 1e-12 (max %.2g)", worst);
    OK(fabs(fp[0].rE) < 1e-15 && fabs(fp[0].rI) < 1e-15, "the rest state is the origin");
    /* closed form at the origin: F(0) = 0, F'(0) = a s (1 - s) with s = logistic(-a theta) */
    double sE = 1 / (1 + exp(p.a_E * p.theta_E)), sI = 1 / (1 + exp(p.a_I * p.theta_I));
    double dE = p.a_E * sE * (1 - sE), dI = p.a_I * sI * (1 - sI);
    double a = -1 + dE * p.wEE, b = -dE * p.wEI, c = dI * p.wIE, d = -1 - dI * p.wII;
    double tr = a + d, det = a * d - b * c, disc = sqrt(tr * tr - 4 * det);
    NEAR(fp[0].lin.re[0], (tr + disc) / 2, 1e-14, 1e-12, "origin: larger eigenvalue = (tr + sqrt(tr^2 - 4 det))/2");
    NEAR(fp[0].lin.re[1], (tr - disc) / 2, 1e-14, 1e-12, "origin: smaller eigenvalue");
    free(fp);
    /* all three lie in the window that holds every fixed point, whatever the input */
    for (double ie = -3; ie <= 6; ie += 0.5) {
        p.I_E = ie;
        wc_phase_window big = {-5, 5, -5, 5};
        long nb = wc_phase_fixed_points(&p, &big, &fp), inside = 0;
        for (long i = 0; i < nb; i++)
            inside += fp[i].rE >= w.rE_lo && fp[i].rE <= w.rE_hi && fp[i].rI >= w.rI_lo && fp[i].rI <= w.rI_hi;
        free(fp);
        if (inside != nb) {
            OK(0, "I_E = %g: a fixed point outside the automatic window", ie);
            return;
        }
    }
    OK(1, "for I_E in [-3, 6] every fixed point lies in the automatic window");
    wc_phase_window empty = {1, 0, 0, 1};
    OK(wc_phase_fixed_points(&p, &empty, &fp) < 0 && strstr(wc_errmsg(), "empty window"), "an empty window is an error");
}

static void test_nullclines(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_phase_window w = {-0.1, 1, -0.1, 1};
    for (int which = 0; which < 2; which++) {
        wc_phase_curve *c;
        long n = wc_phase_nullcline(&p, which, &w, 1000, &c);
        double worst = 0, gap = 0;
        size_t pts = 0;
        for (long b = 0; b < n; b++)
            for (size_t i = 0; i < c[b].n; i++) {
                double f[2];
                wc_model_rhs(&p, c[b].rE[i], c[b].rI[i], 0, 0, &f[0], &f[1]);
                worst = fmax(worst, fabs(f[which]));
                if (i) gap = fmax(gap, hypot(c[b].rE[i] - c[b].rE[i - 1], c[b].rI[i] - c[b].rI[i - 1]));
                pts++;
            }
        OK(n >= 1 && worst < 1e-12, "%c-nullcline: %ld branch(es), %zu points, on the nullcline (max |f| %.2g)",
           which ? 'I' : 'E', n, pts, worst);
        OK(gap < 0.02, "%c-nullcline: no jump inside a branch (largest step %.3g)", which ? 'I' : 'E', gap);
        wc_phase_curves_free(c, (size_t)n);
    }
    /* wEI = 0: the E-nullcline is vertical lines at the roots of a function of rE alone */
    p.wEI = 0;
    wc_phase_curve *c;
    long n = wc_phase_nullcline(&p, 0, &w, 1000, &c);
    int vertical = n >= 1;
    for (long b = 0; b < n; b++) vertical &= c[b].n > 1 && c[b].rE[0] == c[b].rE[c[b].n - 1];
    OK(vertical, "wEI = 0: the E-nullcline is %ld vertical line(s)", n);
    wc_phase_curves_free(c, (size_t)n);
    wc_phase_fixed *fp;
    long nf = wc_phase_fixed_points(&p, &w, &fp);
    OK(nf >= 1, "wEI = 0: fixed points found on the vertical lines (%ld)", nf);
    free(fp);
}

static void test_separatrix(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_phase_window w;
    wc_phase_window_auto(&p, &w);
    wc_phase_fixed *fp;
    long n = wc_phase_fixed_points(&p, &w, &fp);
    if (n != 3) return;
    wc_phase_curve s[2];
    OK(wc_phase_separatrix(&p, &fp[1], &w, 20000, s) == 0 && s[0].n > 10 && s[1].n > 10, "the saddle's two branches");
    /* along the stable manifold the flow points back to the saddle: f is tangent to the curve */
    double worst = 0;
    for (int b = 0; b < 2; b++)
        for (size_t i = 5; i + 1 < s[b].n; i += 7) {
            double f[2], t[2] = {s[b].rE[i + 1] - s[b].rE[i - 1], s[b].rI[i + 1] - s[b].rI[i - 1]};
            wc_model_rhs(&p, s[b].rE[i], s[b].rI[i], 0, 0, &f[0], &f[1]);
            double cr = fabs(f[0] * t[1] - f[1] * t[0]) / (hypot(f[0], f[1]) * hypot(t[0], t[1]));
            worst = fmax(worst, cr);
        }
    OK(worst < 1e-5, "the separatrix is a trajectory: the flow is tangent to it (max |sin| %.2g)", worst);
    for (int b = 0; b < 2; b++) free(s[b].rE), free(s[b].rI);
    OK(wc_phase_separatrix(&p, &fp[0], &w, 100, s) < 0, "a node has no separatrix: %s", wc_errmsg());
    free(fp);
}

/* The unit circle x^2 + y^2 = 1 as a curve: the engine goes round and comes back. */
static int circle(void *ctx, const double *x, double *F, double *J)
{
    F[0] = x[0] * x[0] + x[1] * x[1] - 1;
    if (J) J[0] = 2 * x[0], J[1] = 2 * x[1];
    return 0;
}

static void test_pac(void)
{
    wc_pac c;
    OK(wc_pac_init(&c, 2, circle, NULL) == 0, "engine set up");
    double x[2] = {1, 0}, t[2], h = 0.05, used, turned = 0, worst = 0;
    wc_pac_tangent(&c, x, NULL, t);
    int steps = 0;
    while (steps < 1000) {
        double a0 = atan2(x[1], x[0]);
        if (wc_pac_step(&c, x, t, &h, &used) < 0) break;
        double d = atan2(x[1], x[0]) - a0;
        turned += d > M_PI ? d - 2 * M_PI : d < -M_PI ? d + 2 * M_PI : d;
        worst = fmax(worst, fabs(hypot(x[0], x[1]) - 1));
        steps++;
        if (fabs(turned) >= 2 * M_PI) break;
    }
    OK(fabs(turned) >= 2 * M_PI && worst < 1e-11, "round the circle in %d steps, on it to %.2g", steps, worst);
    wc_pac_free(&c);
}

static void test_continuation(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_cont_opts o;
    wc_cont_opts_init(&o, &p, WC_P_I_E, -2, 6);
    wc_cont_branch *b;
    wc_cont_special *sp = NULL;
    size_t nsp = 0;
    long nb = wc_cont_equilibria(&o, &b, &sp, &nsp);
    OK(nb == 1 && b[0].end == WC_END_RANGE, "defaults, I_E in [-2, 6]: one branch, end to end (%ld)", nb);
    OK(nsp == 2 && sp[0].type == WC_SP_FOLD && sp[1].type == WC_SP_FOLD, "two folds (%zu special points)", nsp);
    if (nb < 1 || nsp != 2) return;
    /* every branch point is an equilibrium */
    double worst = 0;
    for (size_t i = 0; i < b[0].npt; i++) {
        wc_params q = p;
        q.I_E = b[0].pt[i].par;
        double f[2];
        wc_model_rhs(&q, b[0].pt[i].rE, b[0].pt[i].rI, q.I_E, 0, &f[0], &f[1]);
        worst = fmax(worst, fmax(fabs(f[0]), fabs(f[1])));
    }
    OK(worst < 1e-11, "every branch point is an equilibrium (max |f| %.2g)", worst);
    /* at a fold: f = 0, det J = 0; the number of fixed points changes by two across it */
    for (size_t k = 0; k < nsp; k++) {
        wc_params q = p;
        q.I_E = sp[k].par;
        double J[2][2], f[2];
        wc_model_rhs(&q, sp[k].rE, sp[k].rI, q.I_E, 0, &f[0], &f[1]);
        wc_model_jacobian(&q, sp[k].rE, sp[k].rI, q.I_E, 0, J);
        double det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
        OK(fabs(f[0]) + fabs(f[1]) < 1e-11 && fabs(det) < 1e-8, "fold at I_E = %.10f: |f| %.1g, det J %.1g", sp[k].par,
           fabs(f[0]) + fabs(f[1]), det);
        long count[2];
        for (int side = 0; side < 2; side++) {
            wc_phase_fixed *fp;
            q.I_E = sp[k].par + (side ? 1e-5 : -1e-5);
            count[side] = wc_phase_fixed_points(&q, &o.win, &fp);
            free(fp);
        }
        OK(labs(count[0] - count[1]) == 2, "fixed points on either side of the fold: %ld and %ld", count[0], count[1]);
    }
    wc_cont_branches_free(b, (size_t)nb);
    free(sp);
    /* the wc72 preset: a Hopf point, trace 0 there, and a negative l1 (supercritical) */
    wc_params_parse(&p, "wEE=16,wEI=12,wIE=15,wII=3,a_E=1.3,theta_E=4,a_I=2,theta_I=3.7", WC_CONV_WC);
    wc_cont_opts_init(&o, &p, WC_P_I_E, -2, 6);
    sp = NULL, nsp = 0;
    nb = wc_cont_equilibria(&o, &b, &sp, &nsp);
    size_t hopf = nsp;
    for (size_t k = 0; k < nsp; k++)
        if (sp[k].type == WC_SP_HOPF) hopf = k;
    OK(hopf < nsp, "wc72: a Hopf point on the equilibria");
    if (hopf < nsp) {
        wc_params q = p;
        q.I_E = sp[hopf].par;
        double J[2][2];
        wc_model_jacobian(&q, sp[hopf].rE, sp[hopf].rI, q.I_E, 0, J);
        double tr = J[0][0] + J[1][1], det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
        OK(fabs(tr) < 1e-9 && det > 0, "wc72 Hopf at I_E = %.10f: tr J = %.1g", sp[hopf].par, tr);
        NEAR(sp[hopf].omega, sqrt(det), 0, 1e-9, "omega = sqrt(det J) at the Hopf");
        OK(sp[hopf].coef < 0, "l1 = %g < 0: supercritical", sp[hopf].coef);
    }
    wc_cont_branches_free(b, nb > 0 ? (size_t)nb : 0);
    free(sp);
    /* the origin is an equilibrium for every wEE at zero input; another branch crosses it
     * where det J(0) = 0, in closed form wEE = (1 + b c / d) / F_E'(0) */
    wc_params_init(&p);
    wc_cont_opts_init(&o, &p, WC_P_WEE, 0, 30);
    sp = NULL, nsp = 0;
    nb = wc_cont_equilibria(&o, &b, &sp, &nsp);
    double sE = 1 / (1 + exp(p.a_E * p.theta_E)), sI = 1 / (1 + exp(p.a_I * p.theta_I));
    double dE = p.a_E * sE * (1 - sE), dI = p.a_I * sI * (1 - sI);
    double bb = -dE * p.wEI, cc = dI * p.wIE, dd = -1 - dI * p.wII, want = (1 + bb * cc / dd) / dE;
    int nbp = 0, nfold = 0;
    for (size_t k = 0; k < nsp; k++) nbp += sp[k].type == WC_SP_BRANCH, nfold += sp[k].type == WC_SP_FOLD;
    OK(nb == 2 && nbp == 1 && nfold == 1, "defaults in wEE over [0, 30]: two branches, one branch point, one fold (%ld, %d, %d)",
       nb, nbp, nfold);
    for (size_t k = 0; k < nsp; k++)
        if (sp[k].type == WC_SP_BRANCH)
            OK(fabs(sp[k].par - want) < 1e-10 && fabs(sp[k].rE) < 1e-12, "the branch point is at the origin, wEE = %.12g (closed form %.12g)",
               sp[k].par, want);
    wc_cont_branches_free(b, nb > 0 ? (size_t)nb : 0);
    free(sp);
    /* bad input */
    wc_cont_opts_init(&o, &p, WC_P_TAU_E, -1, 2);
    sp = NULL, nsp = 0;
    OK(wc_cont_equilibria(&o, &b, &sp, &nsp) < 0 && strstr(wc_errmsg(), "tau_E"), "a range outside the parameter's own: %s",
       wc_errmsg());
    wc_cont_opts_init(&o, &p, WC_P_I_E, 1, 1);
    OK(wc_cont_equilibria(&o, &b, &sp, &nsp) < 0, "an empty range: %s", wc_errmsg());
}

int main(void)
{
    test_range();
    test_linearise();
    test_fixed_points();
    test_nullclines();
    test_separatrix();
    test_pac();
    test_continuation();
    return tap_done();
}
