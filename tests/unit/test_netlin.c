/* test_netlin.c — the linear stability of network fixed points without delays (wc_netlin):
 * the spectrum at k = 0 (the node's, N times), diffusive coupling through a symmetric C
 * against the Laplacian's eigenvalues (LAPACKE_dsyev, then 2 x 2 blocks in closed form),
 * the analytic Jacobian against central differences, Newton's additive fixed point
 * against a long wc_sim run, the thresholds of hcp80's rest state against simulation on
 * both sides (wc_sim, and an RK4 of the test's own right-hand side for a Hopf), bad input
 * and timings. */
#include "tap.h"
#include "wckit/wc_err.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_matfile.h"
#include "wckit/wc_model.h"
#include "wckit/wc_net.h"
#include "wckit/wc_netlin.h"
#include "wckit/wc_phase.h"
#include "wckit/wc_sim.h"

#include <lapacke.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- helpers ---- */

static uint64_t rng_state = 88172645463325252ull;
static double urand(void)   /* xorshift64, uniform in [0, 1) */
{
    rng_state ^= rng_state << 13, rng_state ^= rng_state >> 7, rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* A random n x n matrix of weights in [0, 1), symmetric if asked, diagonal zero or not. */
static wc_matrix random_weights(size_t n, int symmetric, int diagonal)
{
    wc_matrix C;
    wc_matrix_alloc(&C, n);
    for (size_t i = 0; i < n; i++)
        for (size_t j = symmetric ? i : 0; j < n; j++) {
            double v = (i == j && !diagonal) ? 0 : urand();
            C.a[i * n + j] = v;
            if (symmetric) C.a[j * n + i] = v;
        }
    return C;
}

static wc_matrix hcp80(void)
{
    wc_matrix C = {0};
    setenv("WCKIT_DATA", WC_TOP "/share/data", 1);
    if (wc_matfile_load("hcp80", &C) < 0) printf("# hcp80: %s\n", wc_errmsg());
    return C;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

/* The single node's fixed points at p (sorted by rE). */
static long node_fixed(const wc_params *p, wc_phase_fixed **fp)
{
    wc_phase_window w;
    wc_phase_window_auto(p, &w);
    return wc_phase_fixed_points(p, &w, fp);
}

/* Greedy matching: the largest distance from each of want[] (m values) to a distinct
 * nearest one of got[]. */
static double match_dist(size_t m, const double *wre, const double *wim, const double *gre, const double *gim)
{
    char *used = calloc(m, 1);
    double worst = 0;
    for (size_t a = 0; a < m; a++) {
        size_t best = m;
        double bd = INFINITY;
        for (size_t b = 0; b < m; b++) {
            double d = hypot(wre[a] - gre[b], wim[a] - gim[b]);
            if (!used[b] && d < bd) bd = d, best = b;
        }
        if (best < m) used[best] = 1;
        worst = fmax(worst, bd);
    }
    free(used);
    return worst;
}

/* Eigenvalues of a real 2 x 2 matrix in closed form. */
static void eig2(const double A[2][2], double re[2], double im[2])
{
    double tr = A[0][0] + A[1][1], det = A[0][0] * A[1][1] - A[0][1] * A[1][0], disc = 0.25 * tr * tr - det;
    if (disc >= 0) {
        double s = sqrt(disc), l1 = 0.5 * tr + (tr >= 0 ? s : -s);   /* no cancellation */
        re[0] = l1, re[1] = l1 != 0 ? det / l1 : 0.5 * tr - s, im[0] = im[1] = 0;
    }
    else re[0] = re[1] = 0.5 * tr, im[0] = sqrt(-disc), im[1] = -im[0];
}

/* The test's own network right-hand side (x = rE then rI), independent of wc_netlin. */
static void net_rhs(const wc_params *p, const wc_matrix *C, double k, int coupling, const double *x, double *f)
{
    size_t n = C->n;
    for (size_t i = 0; i < n; i++) {
        double c = 0;
        for (size_t j = 0; j < n; j++)
            if (j != i) c += C->a[i * n + j] * x[j];
        if (coupling == WC_DIFFUSIVE)
            for (size_t j = 0; j < n; j++)
                if (j != i) c -= C->a[i * n + j] * x[i];
        wc_model_rhs(p, x[i], x[n + i], p->I_E + k * c, p->I_I, &f[i], &f[n + i]);
    }
}

/* ---- k = 0: N copies of the node ---- */

static void test_uncoupled(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_phase_fixed *fp;
    long nf = node_fixed(&p, &fp);
    OK(nf == 3, "default parameters: 3 node fixed points (%ld)", nf);
    wc_matrix C = hcp80();
    for (long f = 0; f < nf && C.n; f++)
        for (int c = 0; c < 2; c++) {
            wc_net_opts o = {.k = 0, .coupling = c};
            wc_netlin nl;
            int rc = wc_netlin_analyse(&p, &C, &o, fp[f].rE, fp[f].rI, &nl);
            size_t m = 2 * C.n, n0 = 0, n1 = 0;
            double worst = 0;
            for (size_t a = 0; rc == 0 && nl.s.found && a < m; a++) {
                double d0 = hypot(nl.re[a] - fp[f].lin.re[0], nl.im[a] - fp[f].lin.im[0]);
                double d1 = hypot(nl.re[a] - fp[f].lin.re[1], nl.im[a] - fp[f].lin.im[1]);
                n0 += d0 <= d1, n1 += d1 < d0;
                worst = fmax(worst, fmin(d0, d1));
            }
            OK(rc == 0 && nl.s.found && nl.s.iters == 0 && nl.s.homogeneous && worst < 1e-10 && n0 == C.n && n1 == C.n &&
                   nl.s.stable == fp[f].lin.stable,
               "k = 0, %s, node %s: 160 eigenvalues = the node's two, 80 times each (off by %.2g; %zu + %zu)",
               wc_net_coupling_name(c), wc_phase_kind_name(fp[f].lin.kind), worst, n0, n1);
            wc_netlin_free(&nl);
        }
    wc_matrix_free(&C);
    free(fp);
}

/* ---- diffusive coupling, symmetric C: the Laplacian's modes ---- */

/* Expected spectrum: for each eigenvalue l of L = diag(rowsum) - C, those of
 * J0 - k l g e1 e1^T, g = (1 - r rE) F_E'(s) / tau_E at the node's fixed point. */
static int laplacian_spectrum(const wc_params *p, const wc_matrix *C, double k, double rE, double rI, double *re,
                              double *im)
{
    size_t n = C->n;
    double *L = calloc(n * n, sizeof *L), *lam = malloc(n * sizeof *lam);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (j != i) L[i * n + j] = -C->a[i * n + j], L[i * n + i] += C->a[i * n + j];
    int rc = LAPACKE_dsyev(LAPACK_ROW_MAJOR, 'N', 'U', (lapack_int)n, L, (lapack_int)n, lam);
    double J0[2][2], s = p->wEE * rE - p->wEI * rI + p->I_E;
    wc_model_jacobian(p, rE, rI, p->I_E, p->I_I, J0);
    double g = (1 - p->r * rE) * wc_model_sigmoid_deriv(s, p->a_E, p->theta_E) / p->tau_E;
    for (size_t m = 0; rc == 0 && m < n; m++) {
        double A[2][2] = {{J0[0][0] - k * lam[m] * g, J0[0][1]}, {J0[1][0], J0[1][1]}};
        eig2(A, re + 2 * m, im + 2 * m);
    }
    free(L), free(lam);
    return rc;
}

static void check_laplacian(const char *what, const wc_params *p, const wc_matrix *C, double k, double rE, double rI)
{
    size_t m = 2 * C->n;
    double *re = malloc(m * sizeof *re), *im = malloc(m * sizeof *im);
    wc_net_opts o = {.k = k, .coupling = WC_DIFFUSIVE};
    wc_netlin nl;
    int rc = laplacian_spectrum(p, C, k, rE, rI, re, im), rc2 = wc_netlin_analyse(p, C, &o, rE, rI, &nl);
    double d = rc == 0 && rc2 == 0 && nl.s.found ? match_dist(m, re, im, nl.re, nl.im) : NAN;
    size_t ncomplex = 0;
    for (size_t a = 0; a < m; a++) ncomplex += im[a] != 0;
    OK(d <= 1e-9, "%s, k = %g: the %zu eigenvalues are the Laplacian modes' 2 x 2 ones (%zu complex; off by %.2g)", what,
       k, m, ncomplex, d);
    if (rc2 == 0) wc_netlin_free(&nl);
    free(re), free(im);
}

static void test_laplacian(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_phase_fixed *fp;
    long nf = node_fixed(&p, &fp);
    wc_matrix R = random_weights(12, 1, 0), H = hcp80();
    for (long f = 0; f < nf; f++) {
        char what[80];
        snprintf(what, sizeof what, "random symmetric 12 x 12, %s", wc_phase_kind_name(fp[f].lin.kind));
        check_laplacian(what, &p, &R, 0.7, fp[f].rE, fp[f].rI);
        snprintf(what, sizeof what, "hcp80, %s", wc_phase_kind_name(fp[f].lin.kind));
        if (H.n) check_laplacian(what, &p, &H, 5, fp[f].rE, fp[f].rI);
    }
    free(fp);
    /* a focus: wc72 at I_E = 2.5, where the modes' eigenvalues are complex */
    wc_params_parse(&p, "wEE=16,wEI=12,wIE=15,wII=3,a_E=1.3,theta_E=4,a_I=2,theta_I=3.7,I_E=2.5", WC_CONV_WC);
    nf = node_fixed(&p, &fp);
    if (nf == 1 && H.n) {
        check_laplacian("hcp80, wc72 at I_E = 2.5 (a stable focus)", &p, &H, 1.5, fp[0].rE, fp[0].rI);
        check_laplacian("hcp80, wc72 at I_E = 2.5, k < 0", &p, &H, -0.3, fp[0].rE, fp[0].rI);
    }
    else OK(0, "wc72 at I_E = 2.5 has one fixed point (%ld)", nf);
    free(fp);
    wc_matrix_free(&R), wc_matrix_free(&H);
}

/* ---- the analytic Jacobian against central differences ---- */

static void test_jacobian(void)
{
    wc_params p;
    wc_params_init(&p);
    p.I_E = 0.7, p.I_I = -0.2, p.r = 0.8, p.tau_E = 1.5, p.tau_I = 2.5;
    size_t n = 9, m = 2 * n;
    wc_matrix C = random_weights(n, 0, 1);
    double *x = malloc(m * sizeof *x), *J = malloc(m * m * sizeof *J), *fp = malloc(m * sizeof *fp),
           *fm = malloc(m * sizeof *fm), *f2 = malloc(m * sizeof *f2);
    for (size_t a = 0; a < m; a++) x[a] = urand() * 0.5;
    for (int c = 0; c < 2; c++)
        for (int self = 0; self < 2; self++) {
            wc_net_opts o = {.k = 1.3, .coupling = c, .keep_self = self};
            int rc = wc_netlin_jacobian(&p, &C, &o, n, x, x + n, J);
            double worst = 0, h = 1e-6;
            for (size_t b = 0; rc == 0 && b < m; b++) {
                double keep = x[b];
                x[b] = keep + h;
                wc_netlin_rhs(&p, &C, &o, n, x, x + n, fp, fp + n);
                x[b] = keep - h;
                wc_netlin_rhs(&p, &C, &o, n, x, x + n, fm, fm + n);
                x[b] = keep;
                for (size_t a = 0; a < m; a++) worst = fmax(worst, fabs(J[a * m + b] - (fp[a] - fm[a]) / (2 * h)));
            }
            OK(rc == 0 && worst < 1e-7, "%s, keep_self %d: analytic 18 x 18 Jacobian = central differences (off by %.2g)",
               wc_net_coupling_name(c), self, worst);
        }
    /* the right-hand side is the test's own (diagonal ignored) */
    double worst = 0;
    for (int c = 0; c < 2; c++) {
        wc_net_opts o = {.k = 1.3, .coupling = c};
        wc_netlin_rhs(&p, &C, &o, n, x, x + n, fp, fp + n);
        net_rhs(&p, &C, 1.3, c, x, f2);
        for (size_t a = 0; a < m; a++) worst = fmax(worst, fabs(fp[a] - f2[a]));
    }
    OK(worst < 1e-14, "wc_netlin_rhs = the test's own network right-hand side, both couplings (off by %.2g)", worst);
    free(x), free(J), free(fp), free(fm), free(f2);
    wc_matrix_free(&C);
}

/* ---- simulation: wc_sim on a network without lengths ---- */

typedef struct {
    size_t ncols, nrows;
    double *rows;
} sink;

static int collect(void *ctx, const double *rows, size_t nrows)
{
    sink *s = ctx;
    s->rows = realloc(s->rows, (s->nrows + nrows) * s->ncols * sizeof *s->rows);
    memcpy(s->rows + s->nrows * s->ncols, rows, nrows * s->ncols * sizeof *rows);
    s->nrows += nrows;
    return 0;
}

/* Run wc_sim (exp-Euler, dt ms) from x0 (rE then rI) for nsteps, recording every `every`
 * steps; out gets the rows (t, rE..., rI...).  @return the row count or -1. */
static long simulate(const wc_params *p, const wc_matrix *C, double k, int coupling, const double *x0, double dt,
                     long long nsteps, long long every, sink *out)
{
    size_t n = C->n;
    wc_net net;
    wc_net_opts o = {.k = k, .speed = 1, .dt = dt, .coupling = coupling};
    if (wc_net_build(&net, C, NULL, &o) < 0) return -1;
    size_t hl = wc_net_history_len(&net);
    double *hist = malloc(hl * n * sizeof *hist);
    wc_params *ps = malloc(n * sizeof *ps);
    for (size_t i = 0; i < n; i++) {
        ps[i] = *p, ps[i].rE0 = x0[i], ps[i].rI0 = x0[n + i];
        for (size_t s = 0; s < hl; s++) hist[s * n + i] = x0[i];   /* lag 0: the start itself */
    }
    wc_sim_cfg c = {.n = n, .p = ps, .method = WC_EXPEULER, .dt = dt, .nsteps = nsteps, .every = every, .rec_E = 1,
                    .rec_I = 1, .threads = 1, .net = &net, .history = hist, .emit = collect, .ctx = out};
    *out = (sink){.ncols = wc_sim_ncols(&c)};
    int rc = wc_sim_run(&c);
    free(hist), free(ps);
    wc_net_free(&net);
    return rc < 0 ? -1 : (long)out->nrows;
}

/* inf-norm distance of row r's state from x (2n values) */
static double row_dist(const sink *s, size_t r, const double *x, size_t n)
{
    double d = 0;
    for (size_t a = 0; a < 2 * n; a++) d = fmax(d, fabs(s->rows[r * s->ncols + 1 + a] - x[a]));
    return d;
}

/* ---- additive coupling: Newton's fixed point, where a simulation settles ---- */

static void test_additive_fixed(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_phase_fixed *fp;
    long nf = node_fixed(&p, &fp);
    wc_matrix C = hcp80();
    if (nf != 3 || !C.n) {
        OK(0, "hcp80 and 3 node fixed points");
        return;
    }
    size_t n = C.n;
    wc_net_opts o = {.k = 0.8, .coupling = WC_ADDITIVE};
    wc_netlin nl;
    int rc = wc_netlin_analyse(&p, &C, &o, fp[2].rE, fp[2].rI, &nl);   /* the active state */
    double f[160], x[160] = {0}, worst = 0;
    if (rc == 0 && nl.s.found) {
        memcpy(x, nl.rE, n * sizeof *x), memcpy(x + n, nl.rI, n * sizeof *x);
        net_rhs(&p, &C, o.k, WC_ADDITIVE, x, f);
        for (size_t a = 0; a < 2 * n; a++) worst = fmax(worst, fabs(f[a]));
    }
    OK(rc == 0 && nl.s.found && nl.s.resid < 1e-12 && worst < 1e-12 && nl.s.iters > 0,
       "additive, k = 0.8, from the active node state: Newton in %d iterations, |f| = %.2g (the test's rhs: %.2g)",
       nl.s.iters, nl.s.resid, worst);
    OK(rc == 0 && !nl.s.homogeneous && nl.s.spread > 1e-3 && nl.s.stable,
       "  ... not homogeneous (rE spread %.4g, mean %.4f) and stable (re_max %.4g)", nl.s.spread, nl.s.rE_mean,
       nl.s.re_max);
    /* from the node's state plus a kick, wc_sim settles on Newton's point */
    double x0[160];
    for (size_t a = 0; a < 2 * n; a++) x0[a] = (a < n ? fp[2].rE : fp[2].rI) + 0.02 * (urand() - 0.5);
    sink s = {0};
    long nr = rc == 0 ? simulate(&p, &C, o.k, WC_ADDITIVE, x0, 0.1, 3000, 3000, &s) : -1;
    double d0 = nr == 2 ? row_dist(&s, 0, x, n) : NAN, d1 = nr == 2 ? row_dist(&s, 1, x, n) : NAN;
    OK(nr == 2 && d1 < 1e-10 && d0 > 1e-3, "wc_sim (no delays, exp-Euler dt 0.1) from a kicked start settles on it: "
       "%.3g at 0 ms, %.3g at 300 ms", d0, d1);
    free(s.rows);
    wc_netlin_free(&nl);
    /* the rest state stays exactly homogeneous under additive coupling */
    o.k = 3;
    rc = wc_netlin_analyse(&p, &C, &o, fp[0].rE, fp[0].rI, &nl);
    OK(rc == 0 && nl.s.found && nl.s.homogeneous && fabs(nl.s.rE_mean) < 1e-15, "additive, rest state: stays at 0 "
       "(spread %.2g)", nl.s.spread);
    wc_netlin_free(&nl);
    free(fp);
    wc_matrix_free(&C);
}

/* ---- hcp80's rest state: where it destabilises, and simulation on both sides ---- */

/* log(|d(T)| / |d(T/2)|) / (T/2) of a wc_sim run of T ms from x* + eps v (v > 0 on rE). */
static double sim_rate(const wc_params *p, const wc_matrix *C, double k, int coupling, const double *xs, double eps,
                       double T)
{
    size_t n = C->n;
    double *x0 = calloc(2 * n, sizeof *x0);
    for (size_t a = 0; a < n; a++) x0[a] = xs[a] + eps * (0.5 + urand());
    for (size_t a = n; a < 2 * n; a++) x0[a] = xs[a];
    sink s = {0};
    long long steps = (long long)(T / 0.1 + 0.5);
    long nr = simulate(p, C, k, coupling, x0, 0.1, steps, steps / 2, &s);
    double rate = nr == 3 ? log(row_dist(&s, 2, xs, n) / row_dist(&s, 1, xs, n)) / (T / 2) : NAN;
    free(s.rows), free(x0);
    return rate;
}

static void test_hcp80_rest(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_phase_fixed *fp;
    long nf = node_fixed(&p, &fp);
    wc_matrix C = hcp80();
    if (nf != 3 || !C.n) {
        OK(0, "hcp80 and 3 node fixed points");
        return;
    }
    size_t n = C.n, nk = 81;
    double ks[81], xs[160];
    wc_netlin_summary rows[81];
    for (size_t i = 0; i < nk; i++) ks[i] = 0.25 * (double)i;
    /* diffusive: stable all along (a symmetric C cannot destabilise a stable node) */
    wc_net_opts o = {.coupling = WC_DIFFUSIVE};
    wc_netlin_loss L;
    double t0 = now_ms();
    int rc = wc_netlin_scan(&p, &C, &o, fp[0].rE, fp[0].rI, ks, nk, rows, &L);
    double t1 = now_ms();
    int all_stable = rc == 0;
    for (size_t i = 0; rc == 0 && i < nk; i++) all_stable &= rows[i].found && rows[i].stable && rows[i].homogeneous;
    OK(all_stable && L.kind == WC_NETLIN_LOSS_NONE && L.index == nk && isnan(L.k),
       "hcp80 rest, diffusive: stable for every k in [0, 20] (re_max %.6g at k = 20; %.0f ms for 81 k)",
       rows[nk - 1].re_max, t1 - t0);
    for (size_t a = 0; a < 2 * n; a++) xs[a] = 0;
    double r = sim_rate(&p, &C, 20, WC_DIFFUSIVE, xs, 1e-6, 20);
    OK(r < -0.4, "  ... wc_sim at k = 20: a perturbation decays (rate %.4g /ms, re_max %.4g)", r, rows[nk - 1].re_max);
    /* additive: a real eigenvalue crosses zero near k = 6 */
    o.coupling = WC_ADDITIVE;
    t0 = now_ms();
    rc = wc_netlin_scan(&p, &C, &o, fp[0].rE, fp[0].rI, ks, nk, rows, &L);
    t1 = now_ms();
    OK(rc == 0 && L.kind == WC_NETLIN_LOSS_REAL && L.index == 24 && L.k > 5.75 && L.k < 6 &&
           L.k_hi - L.k_lo <= 1e-10 && L.above.n_unstable == 1 && L.above.im_max == 0,
       "hcp80 rest, additive: first destabilises at k = %.10f (%s eigenvalue; bracket %.2g; %.0f ms for 81 k + bisection)",
       L.k, wc_netlin_loss_name(L.kind), L.k_hi - L.k_lo, t1 - t0);
    /* the k where det(J0 + k mu_max g e1 e1^T) = 0, mu_max the largest eigenvalue of C */
    double *A = malloc(n * n * sizeof *A), *mu = malloc(n * sizeof *mu), J0[2][2];
    memcpy(A, C.a, n * n * sizeof *A);
    for (size_t i = 0; i < n; i++) A[i * n + i] = 0;
    LAPACKE_dsyev(LAPACK_ROW_MAJOR, 'N', 'U', (lapack_int)n, A, (lapack_int)n, mu);
    wc_model_jacobian(&p, 0, 0, 0, 0, J0);
    double g = wc_model_sigmoid_deriv(0, p.a_E, p.theta_E) / p.tau_E;
    double kc = (J0[0][1] * J0[1][0] / J0[1][1] - J0[0][0]) / (mu[n - 1] * g);
    NEAR(L.k, kc, 1e-9, 0, "  ... = the closed form (det J0 + k mu_max F_E'(0) e1 e1^T = 0)");
    free(A), free(mu);
    wc_netlin nl;
    for (int side = -1; side <= 1; side += 2) {
        o.k = L.k * (1 + 0.02 * side);
        rc = wc_netlin_analyse(&p, &C, &o, 0, 0, &nl);
        memcpy(xs, nl.rE, n * sizeof *xs), memcpy(xs + n, nl.rI, n * sizeof *xs);
        r = sim_rate(&p, &C, o.k, WC_ADDITIVE, xs, 1e-9, 600);
        OK(rc == 0 && (side < 0 ? r < 0 && nl.s.stable : r > 0 && !nl.s.stable) && fabs(r - nl.s.re_max) < 0.1 * fabs(nl.s.re_max),
           "  ... wc_sim at k = %.4f (%s): a perturbation %s at %.5f /ms (re_max %.5f)", o.k, side < 0 ? "below" : "above",
           r < 0 ? "decays" : "grows", r, nl.s.re_max);
        wc_netlin_free(&nl);
    }
    free(fp);
    wc_matrix_free(&C);
}

/* ---- a Hopf: wc72 at I_E = 2.5 on hcp80, k < 0, with the test's own RK4 ---- */

/* Envelope growth rate of a perturbation of the fixed point xs under RK4 (dt 0.02 ms) of
 * the test's right-hand side: the largest |d| over the last 10 ms against that over
 * [T/2 - 10, T/2]. */
static double rk4_rate(const wc_params *p, const wc_matrix *C, double k, int coupling, const double *xs, double T)
{
    size_t m = 2 * C->n;
    double dt = 0.02, *x = malloc(m * sizeof *x), *k1 = malloc(4 * m * sizeof *k1), *k2 = k1 + m, *k3 = k2 + m,
           *k4 = k3 + m, *y = malloc(m * sizeof *y), e1 = 0, e2 = 0;
    for (size_t a = 0; a < m; a++) x[a] = xs[a] + 1e-8 * (urand() - 0.5);
    long steps = (long)(T / dt + 0.5);
    for (long s = 1; s <= steps; s++) {
        net_rhs(p, C, k, coupling, x, k1);
        for (size_t a = 0; a < m; a++) y[a] = x[a] + 0.5 * dt * k1[a];
        net_rhs(p, C, k, coupling, y, k2);
        for (size_t a = 0; a < m; a++) y[a] = x[a] + 0.5 * dt * k2[a];
        net_rhs(p, C, k, coupling, y, k3);
        for (size_t a = 0; a < m; a++) y[a] = x[a] + dt * k3[a];
        net_rhs(p, C, k, coupling, y, k4);
        double d = 0;
        for (size_t a = 0; a < m; a++) {
            x[a] += dt / 6 * (k1[a] + 2 * k2[a] + 2 * k3[a] + k4[a]);
            d = fmax(d, fabs(x[a] - xs[a]));
        }
        double t = s * dt;
        if (t > T / 2 - 10 && t <= T / 2) e1 = fmax(e1, d);
        if (t > T - 10) e2 = fmax(e2, d);
    }
    free(x), free(k1), free(y);
    return log(e2 / e1) / (T / 2);
}

static void test_hopf(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_params_parse(&p, "wEE=16,wEI=12,wIE=15,wII=3,a_E=1.3,theta_E=4,a_I=2,theta_I=3.7,I_E=2.5", WC_CONV_WC);
    wc_phase_fixed *fp;
    long nf = node_fixed(&p, &fp);
    wc_matrix C = hcp80();
    if (nf != 1 || !C.n) {
        OK(0, "hcp80 and wc72 at I_E = 2.5 with one fixed point (%ld)", nf);
        return;
    }
    size_t n = C.n, nk = 41;
    double ks[41], xs[160];
    wc_netlin_summary rows[41];
    for (size_t i = 0; i < nk; i++) ks[i] = -0.025 * (double)i;
    for (int c = 0; c < 2; c++) {
        wc_net_opts o = {.coupling = c};
        wc_netlin_loss L;
        int rc = wc_netlin_scan(&p, &C, &o, fp[0].rE, fp[0].rI, ks, nk, rows, &L);
        OK(rc == 0 && L.kind == WC_NETLIN_LOSS_COMPLEX && L.k < -0.1 && L.k > -0.5 && L.above.n_unstable == 2 &&
               L.above.im_max > 2 && L.above.homogeneous == (c == WC_DIFFUSIVE),
           "wc72 at I_E = 2.5, %s, k from 0 down: a Hopf at k = %.10f, %.1f Hz (%s)", wc_net_coupling_name(c), L.k,
           1e3 * L.above.im_max / (2 * M_PI), L.above.homogeneous ? "homogeneous" : "not homogeneous");
        if (rc < 0 || L.kind != WC_NETLIN_LOSS_COMPLEX) continue;
        for (int side = -1; side <= 1; side += 2) {
            wc_netlin nl;
            o.k = L.k * (1 + 0.1 * side);
            rc = wc_netlin_analyse(&p, &C, &o, fp[0].rE, fp[0].rI, &nl);
            memcpy(xs, nl.rE, n * sizeof *xs), memcpy(xs + n, nl.rI, n * sizeof *xs);
            double r = rk4_rate(&p, &C, o.k, c, xs, 300);
            OK(rc == 0 && (side < 0 ? r < 0 && nl.s.stable : r > 0 && !nl.s.stable) &&
                   fabs(r - nl.s.re_max) < 0.15 * fabs(nl.s.re_max),
               "  ... RK4 at k = %.4f (%s): the envelope %s at %.5f /ms (re_max %.5f)", o.k,
               side < 0 ? "stable side" : "unstable side", r < 0 ? "decays" : "grows", r, nl.s.re_max);
            wc_netlin_free(&nl);
        }
    }
    free(fp);
    wc_matrix_free(&C);
}

/* ---- a branch that ends: additive coupling pushes the node's lower state into a fold ---- */

static void test_vanish(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_params_parse(&p, "wEE=16,wEI=12,wIE=15,wII=3,a_E=1.3,theta_E=4,a_I=2,theta_I=3.7,I_E=1", WC_CONV_WC);
    wc_phase_fixed *fp;
    long nf = node_fixed(&p, &fp);
    wc_matrix C = hcp80();
    double ks[41];
    wc_netlin_summary rows[41];
    for (size_t i = 0; i < 41; i++) ks[i] = 0.025 * (double)i;
    wc_net_opts o = {.coupling = WC_ADDITIVE};
    wc_netlin_loss L;
    int rc = nf == 3 && C.n ? wc_netlin_scan(&p, &C, &o, fp[0].rE, fp[0].rI, ks, 41, rows, &L) : -1;
    OK(rc == 0 && L.kind == WC_NETLIN_LOSS_VANISHED && L.k > 0.4 && L.k < 0.6 && L.below.stable && !L.above.found &&
           L.below.re_max > -1e-3,
       "wc72 at I_E = 1, additive: the low state's branch ends in a fold at k = %.8f (re_max %.2g just before)", L.k,
       L.below.re_max);
    free(fp);
    wc_matrix_free(&C);
}

/* ---- bad input ---- */

static void test_errors(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_matrix C = random_weights(4, 0, 0), E = {0};
    wc_net_opts o = {.k = 1, .coupling = WC_DIFFUSIVE};
    double x[10] = {0}, f[10], J[100], ks[2] = {0, 1};
    wc_netlin nl;
    wc_netlin_summary rows[2];
    OK(wc_netlin_analyse(&p, &E, &o, 0, 0, &nl) < 0 && strstr(wc_errmsg(), "N >= 1"), "empty weights: %s", wc_errmsg());
    OK(wc_netlin_rhs(&p, &C, &o, 5, x, x + 5, f, f + 5) < 0 && strstr(wc_errmsg(), "5 node states for 4 x 4"),
       "N mismatch (rhs): %s", wc_errmsg());
    OK(wc_netlin_jacobian(&p, &C, &o, 3, x, x + 3, J) < 0 && strstr(wc_errmsg(), "3 node states"), "N mismatch (Jacobian)");
    OK(wc_netlin_newton(&p, &C, &o, 5, x, x + 5, NULL, NULL) < 0, "N mismatch (Newton)");
    C.a[6] = NAN;
    OK(wc_netlin_analyse(&p, &C, &o, 0, 0, &nl) < 0 && strstr(wc_errmsg(), "weight (1, 2) is not finite"), "NaN weight: %s",
       wc_errmsg());
    C.a[6] = INFINITY;
    OK(wc_netlin_scan(&p, &C, &o, 0, 0, ks, 2, rows, NULL) < 0 && strstr(wc_errmsg(), "not finite"), "infinite weight (scan)");
    C.a[6] = 0.5;
    o.coupling = 7;
    OK(wc_netlin_analyse(&p, &C, &o, 0, 0, &nl) < 0 && strstr(wc_errmsg(), "unknown coupling"), "unknown coupling: %s",
       wc_errmsg());
    o.coupling = WC_ADDITIVE, o.k = NAN;
    OK(wc_netlin_analyse(&p, &C, &o, 0, 0, &nl) < 0 && strstr(wc_errmsg(), "k = nan"), "k NaN: %s", wc_errmsg());
    o.k = 1;
    ks[1] = INFINITY;
    OK(wc_netlin_scan(&p, &C, &o, 0, 0, ks, 2, rows, NULL) < 0 && strstr(wc_errmsg(), "coupling strength 2"),
       "a k in the scan not finite: %s", wc_errmsg());
    OK(wc_netlin_scan(&p, &C, &o, 0, 0, ks, 0, rows, NULL) < 0, "no k to scan: %s", wc_errmsg());
    ks[1] = 1, o.k = NAN;
    OK(wc_netlin_scan(&p, &C, &o, 0, 0, ks, 2, rows, NULL) == 0 && rows[1].found, "the scan ignores o->k");
    o.k = 1;
    OK(wc_netlin_analyse(&p, &C, &o, NAN, 0, &nl) < 0 && strstr(wc_errmsg(), "start"), "start NaN: %s", wc_errmsg());
    p.tau_E = -1;
    OK(wc_netlin_analyse(&p, &C, &o, 0, 0, &nl) < 0 && strstr(wc_errmsg(), "tau_E"), "tau_E < 0: %s", wc_errmsg());
    wc_params_init(&p);
    J[0] = NAN;
    OK(wc_netlin_eigenvalues(2, J, f, f + 2) < 0 && strstr(wc_errmsg(), "not finite"), "eigenvalues of a NaN matrix");
    OK(wc_netlin_eigenvalues(0, J, f, f) < 0, "eigenvalues of nothing");
    /* a non-square weight file is refused where C is made (wc_matrix is square by type) */
    char path[] = "/tmp/test_netlin_XXXXXX";
    int fd = mkstemp(path);
    FILE *fh = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (fh) fputs("0 1 2\n1 0 3\n", fh), fclose(fh);
    OK(fh && wc_matfile_load(path, &E) < 0 && *wc_errmsg(), "a 2 x 3 weight file: %s", wc_errmsg());
    remove(path);
    /* no fixed point reachable is no error */
    p.I_E = 1;
    wc_params_parse(&p, "wEE=16,wEI=12,wIE=15,wII=3,a_E=1.3,theta_E=4,a_I=2,theta_I=3.7", WC_CONV_WC);
    o.k = 30;
    int rc = wc_netlin_analyse(&p, &C, &o, 0.029, 0.0008, &nl);
    OK(rc == 0 && (nl.s.found || (isnan(nl.s.re_max) && !nl.J && nl.rE)), "analyse without a fixed point: rc 0, found %d",
       nl.s.found);
    wc_netlin_free(&nl);
    wc_matrix_free(&C);
}

/* ---- numpy/scipy as an outside reference (tests/netlin_ref.py) ---- */

/* Write the case and the library's answers, run netlin_ref.py on it; a skip line when
 * there is no Python with numpy and scipy. */
static void python_case(const char *what, const wc_params *p, const wc_matrix *C, const wc_net_opts *o, double rE0,
                        double rI0, const wc_netlin_loss *L)
{
    const char *py = getenv("PYTHON") ? getenv("PYTHON") : "/usr/bin/python3";
    char cmd[1200], path[] = "/tmp/test_netlin_py_XXXXXX", line[300], out[1000] = "";
    snprintf(cmd, sizeof cmd, "%s -c 'import numpy, scipy' 2>/dev/null", py);
    if (system(cmd) != 0) {
        printf("skip - %s: no python3 with numpy and scipy (%s)\n", what, py);
        return;
    }
    wc_netlin nl;
    int fd = mkstemp(path), rc = wc_netlin_analyse(p, C, o, rE0, rI0, &nl);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f || rc < 0 || !nl.s.found) {
        OK(0, "%s: write the case (%s)", what, wc_errmsg());
        if (f) fclose(f);
        if (rc == 0) wc_netlin_free(&nl);
        return;
    }
    size_t n = C->n;
    fprintf(f, "params %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", p->tau_E,
            p->tau_I, p->a_E, p->a_I, p->theta_E, p->theta_I, p->wEE, p->wEI, p->wIE, p->wII, p->r, p->I_E, p->I_I);
    fprintf(f, "net %zu %.17g %d %d\n", n, o->k, o->coupling, o->keep_self);
    for (size_t i = 0; i < n; i++) {
        fputs("C", f);
        for (size_t j = 0; j < n; j++) fprintf(f, " %.17g", C->a[i * n + j]);
        fputc('\n', f);
    }
    fprintf(f, "start %.17g %.17g\nfixedE", rE0, rI0);
    for (size_t i = 0; i < n; i++) fprintf(f, " %.17g", nl.rE[i]);
    fputs("\nfixedI", f);
    for (size_t i = 0; i < n; i++) fprintf(f, " %.17g", nl.rI[i]);
    fputc('\n', f);
    for (size_t a = 0; a < 2 * n; a++) fprintf(f, "eig %.17g %.17g\n", nl.re[a], nl.im[a]);
    if (L) fprintf(f, "threshold %.17g %.17g %.17g\n", L->k_lo - 0.05 * fabs(L->k), L->k_hi + 0.05 * fabs(L->k), L->k);
    fclose(f);
    wc_netlin_free(&nl);
    snprintf(cmd, sizeof cmd, "%s '%s/tests/netlin_ref.py' '%s' 2>&1", py, WC_TOP, path);
    FILE *pp = popen(cmd, "r");
    while (pp && fgets(line, sizeof line, pp)) {
        line[strcspn(line, "\n")] = ' ';
        strncat(out, line, sizeof out - strlen(out) - 1);
    }
    int status = pp ? pclose(pp) : -1;
    OK(status == 0, "%s: numpy/scipy agree: %s", what, out);
    remove(path);
}

static void test_python(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_matrix C = hcp80();
    if (!C.n) return;
    wc_net_opts o = {.k = 0.8, .coupling = WC_ADDITIVE};
    python_case("hcp80 additive k = 0.8, active state", &p, &C, &o, 0.462464873161, 0.243364112783, NULL);
    o.coupling = WC_DIFFUSIVE, o.k = 5;
    python_case("hcp80 diffusive k = 5, saddle", &p, &C, &o, 0.1780372586, 0.0628011784256, NULL);
    /* the rest state's threshold under additive coupling, found again by brentq */
    double ks[2] = {5.75, 6.25};
    wc_netlin_summary rows[2];
    wc_netlin_loss L;
    o.coupling = WC_ADDITIVE;
    if (wc_netlin_scan(&p, &C, &o, 0, 0, ks, 2, rows, &L) == 0 && L.kind != WC_NETLIN_LOSS_NONE) {
        o.k = L.k_lo;
        python_case("hcp80 additive rest, threshold", &p, &C, &o, 0, 0, &L);
    }
    else OK(0, "hcp80 additive rest: a threshold in [5.75, 6.25]");
    /* wc72's Hopf under additive coupling (an inhomogeneous branch) */
    wc_params_parse(&p, "wEE=16,wEI=12,wIE=15,wII=3,a_E=1.3,theta_E=4,a_I=2,theta_I=3.7,I_E=2.5", WC_CONV_WC);
    wc_phase_fixed *fp;
    long nf = node_fixed(&p, &fp);
    ks[0] = -0.3, ks[1] = -0.45;
    if (nf == 1 && wc_netlin_scan(&p, &C, &o, fp[0].rE, fp[0].rI, ks, 2, rows, &L) == 0 &&
        L.kind == WC_NETLIN_LOSS_COMPLEX) {
        o.k = L.k_lo;
        python_case("wc72 I_E = 2.5 additive, Hopf", &p, &C, &o, fp[0].rE, fp[0].rI, &L);
    }
    else OK(0, "wc72 I_E = 2.5 additive: a Hopf in [-0.45, -0.3]");
    free(fp);
    wc_matrix_free(&C);
}

/* ---- timings ---- */

static void test_timing(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_matrix C = hcp80();
    if (!C.n) return;
    wc_net_opts o = {.k = 0.8, .coupling = WC_ADDITIVE};
    wc_netlin nl;
    double t0 = now_ms();
    int reps = 10, ok = 1;
    for (int r = 0; r < reps; r++) {
        ok &= wc_netlin_analyse(&p, &C, &o, 0.462464873161, 0.243364112783, &nl) == 0 && nl.s.found;
        wc_netlin_free(&nl);
    }
    double t = (now_ms() - t0) / reps;
    double *J = malloc(160 * 160 * sizeof *J), re[160], im[160];
    for (size_t a = 0; a < 160 * 160; a++) J[a] = urand() - 0.5;
    t0 = now_ms();
    for (int r = 0; r < reps; r++) ok &= wc_netlin_eigenvalues(160, J, re, im) == 0;
    double te = (now_ms() - t0) / reps;
    OK(ok && t < 500, "hcp80, additive, Newton + Jacobian + spectrum: %.2f ms (a 160 x 160 dgeev alone: %.2f ms)", t, te);
    free(J);
    wc_matrix_free(&C);
}

int main(void)
{
    test_uncoupled();
    test_laplacian();
    test_jacobian();
    test_additive_fixed();
    test_hcp80_rest();
    test_hopf();
    test_vanish();
    test_errors();
    test_python();
    test_timing();
    return tap_done();
}
