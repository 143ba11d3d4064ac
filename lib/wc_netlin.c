/* wc_netlin.c — a network's fixed point, its 2N x 2N Jacobian and spectrum, without
 * delays (see wc_netlin.h). */
#include "wckit/wc_netlin.h"

#include "wckit/wc_err.h"
#include "wckit/wc_limits.h"
#include "wckit/wc_model.h"

#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NEWTON_MAX 60
#define HALVINGS 20

/* The network as the computations see it: C with its diagonal ignored unless keep_self. */
typedef struct {
    const wc_params *p;
    size_t n;
    const double *C;      /* n x n, row-major */
    int keep_self, coupling;
    double k;
} net_t;

/* ---- checks, before anything is allocated ---- */

static int check_params(const wc_params *p)
{
    for (int id = 0; id <= WC_P_I_I; id++)
        if (wc_params_check(id, p->v[id]) < 0) return -1;
    return 0;
}

static int check_net(const wc_params *p, const wc_matrix *C, const wc_net_opts *o, size_t n)
{
    if (!C || C->n == 0 || !C->a) return wc_seterr("the weights are empty (a network needs N >= 1 nodes)");
    if (C->n > (size_t)wc_limit(WC_LIMIT_NODES)) return wc_limit_refuse(WC_LIMIT_NODES, "network");
    if (n != C->n) return wc_seterr("%zu node states for %zu x %zu weights", n, C->n, C->n);
    if (o->coupling != WC_DIFFUSIVE && o->coupling != WC_ADDITIVE) return wc_seterr("unknown coupling %d", o->coupling);
    if (!isfinite(o->k)) return wc_seterr("coupling strength k = %g is not finite", o->k);
    for (size_t a = 0; a < n * n; a++)
        if (!isfinite(C->a[a])) return wc_seterr("weight (%zu, %zu) is not finite: %g", a / n, a % n, C->a[a]);
    return check_params(p);
}

static net_t net_of(const wc_params *p, const wc_matrix *C, const wc_net_opts *o)
{
    return (net_t){p, C->n, C->a, o->keep_self, o->coupling, o->k};
}

/* ---- the right-hand side and the Jacobian ---- */

/* The coupling input of node i (exactly 0 on a homogeneous state for diffusive coupling). */
static double coupling_in(const net_t *w, size_t i, const double *rE)
{
    const double *row = w->C + i * w->n;
    double c = 0;
    for (size_t j = 0; j < w->n; j++) {
        if (j == i && !w->keep_self) continue;
        c += row[j] * (w->coupling == WC_DIFFUSIVE ? rE[j] - rE[i] : rE[j]);
    }
    return w->k * c;
}

static void rhs(const net_t *w, const double *rE, const double *rI, double *fE, double *fI)
{
    for (size_t i = 0; i < w->n; i++)
        wc_model_rhs(w->p, rE[i], rI[i], w->p->I_E + coupling_in(w, i, rE), w->p->I_I, &fE[i], &fI[i]);
}

static void jacobian(const net_t *w, const double *rE, const double *rI, double *J)
{
    const wc_params *p = w->p;
    size_t n = w->n, m = 2 * n;
    memset(J, 0, m * m * sizeof *J);
    for (size_t i = 0; i < n; i++) {
        double IE = p->I_E + coupling_in(w, i, rE), J2[2][2];
        wc_model_jacobian(p, rE[i], rI[i], IE, p->I_I, J2);
        J[i * m + i] = J2[0][0], J[i * m + n + i] = J2[0][1];
        J[(n + i) * m + i] = J2[1][0], J[(n + i) * m + n + i] = J2[1][1];
        /* d s_i / d rE_j = k C_ij (- k sum_j C_ij on the diagonal, diffusive) */
        double s = p->wEE * rE[i] - p->wEI * rI[i] + IE;
        double g = (1.0 - p->r * rE[i]) * wc_model_sigmoid_deriv(s, p->a_E, p->theta_E) * w->k / p->tau_E;
        const double *row = w->C + i * n;
        for (size_t j = 0; j < n; j++) {
            if (j == i && !w->keep_self) continue;
            J[i * m + j] += g * row[j];
            if (w->coupling == WC_DIFFUSIVE) J[i * m + i] -= g * row[j];
        }
    }
}

int wc_netlin_rhs(const wc_params *p, const wc_matrix *C, const wc_net_opts *o, size_t n, const double *rE,
                  const double *rI, double *fE, double *fI)
{
    if (check_net(p, C, o, n) < 0) return -1;
    net_t w = net_of(p, C, o);
    rhs(&w, rE, rI, fE, fI);
    return 0;
}

int wc_netlin_jacobian(const wc_params *p, const wc_matrix *C, const wc_net_opts *o, size_t n, const double *rE,
                       const double *rI, double *J)
{
    if (check_net(p, C, o, n) < 0) return -1;
    net_t w = net_of(p, C, o);
    jacobian(&w, rE, rI, J);
    return 0;
}

/* ---- Newton ---- */

/* Inf-norm of the right-hand side at x = (rE, rI) (f: 2n scratch); NaN stays NaN. */
static double resid_at(const net_t *w, const double *x, double *f)
{
    rhs(w, x, x + w->n, f, f + w->n);
    double r = 0;
    for (size_t a = 0; a < 2 * w->n; a++) {
        if (!isfinite(f[a])) return NAN;
        r = fmax(r, fabs(f[a]));
    }
    return r;
}

/* Scratch for Newton: the Jacobian, the right-hand side, a trial state, pivots. */
typedef struct {
    double *J, *f, *xt;
    lapack_int *piv;
} newton_ws;

static int ws_alloc(newton_ws *ws, size_t n)
{
    size_t m = 2 * n;
    ws->J = malloc(m * m * sizeof *ws->J);
    ws->f = malloc(m * sizeof *ws->f);
    ws->xt = malloc(m * sizeof *ws->xt);
    ws->piv = malloc(m * sizeof *ws->piv);
    if (ws->J && ws->f && ws->xt && ws->piv) return 0;
    return wc_seterr("out of memory for a %zu x %zu Jacobian", m, m);
}

static void ws_free(newton_ws *ws)
{
    free(ws->J), free(ws->f), free(ws->xt), free(ws->piv);
    memset(ws, 0, sizeof *ws);
}

/* x (2n) to a fixed point; -1 with a message when there is none to be found from x. */
static int newton(const net_t *w, double *x, newton_ws *ws, int *iters, double *resid)
{
    size_t m = 2 * w->n;
    double r = resid_at(w, x, ws->f);
    int it = 0;
    for (; it < NEWTON_MAX && !(r <= WC_NETLIN_TOL); it++) {
        if (!isfinite(r)) break;
        jacobian(w, x, x + w->n, ws->J);
        for (size_t a = 0; a < m; a++) ws->f[a] = -ws->f[a];
        lapack_int info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, (lapack_int)m, 1, ws->J, (lapack_int)m, ws->piv, ws->f, 1);
        if (info != 0) {
            if (iters) *iters = it;
            if (resid) *resid = r;
            return wc_seterr(info > 0 ? "Newton: singular Jacobian" : "Newton: LAPACKE_dgesv failed");
        }
        /* the step d is in f; halve it until the residual drops (f is rewritten) */
        double lam = 1, rt = NAN;
        memcpy(ws->xt, ws->f, m * sizeof *ws->xt);
        for (int h = 0; h <= HALVINGS; h++, lam *= 0.5) {
            double *xn = ws->J;   /* the factors are no longer needed */
            for (size_t a = 0; a < m; a++) xn[a] = x[a] + lam * ws->xt[a];
            rt = resid_at(w, xn, ws->f);
            if (rt < r) break;
        }
        if (!(rt < r)) {   /* no step along Newton's direction lowers |f|: stuck */
            resid_at(w, x, ws->f);
            break;
        }
        memcpy(x, ws->J, m * sizeof *x);
        r = rt;
    }
    if (iters) *iters = it;
    if (resid) *resid = r;
    if (r <= WC_NETLIN_TOL) return 0;
    if (!isfinite(r)) return wc_seterr("Newton: the right-hand side is not finite");
    return wc_seterr("Newton: no fixed point found (|f| = %.3g after %d iterations)", r, it);
}

int wc_netlin_newton(const wc_params *p, const wc_matrix *C, const wc_net_opts *o, size_t n, double *rE, double *rI,
                     int *iters, double *resid)
{
    if (check_net(p, C, o, n) < 0) return -1;
    net_t w = net_of(p, C, o);
    newton_ws ws = {0};
    double *x = malloc(2 * n * sizeof *x);
    int rc = !x ? wc_seterr("out of memory") : ws_alloc(&ws, n);
    if (rc == 0) {
        memcpy(x, rE, n * sizeof *x), memcpy(x + n, rI, n * sizeof *x);
        rc = newton(&w, x, &ws, iters, resid);
        memcpy(rE, x, n * sizeof *x), memcpy(rI, x + n, n * sizeof *x);
    }
    ws_free(&ws);
    free(x);
    return rc;
}

/* ---- eigenvalues ---- */

typedef struct {
    double re, im;
} eig_t;

static int by_re_desc(const void *a, const void *b)
{
    const eig_t *x = a, *y = b;
    if (x->re != y->re) return x->re > y->re ? -1 : 1;
    return x->im > y->im ? -1 : x->im < y->im;
}

/* Eigenvalues of the m x m matrix A, destroyed (LAPACKE_dgeev, no vectors), sorted. */
static int eig_inplace(size_t m, double *A, double *re, double *im)
{
    double vl[1], vr[1];
    lapack_int info = LAPACKE_dgeev(LAPACK_ROW_MAJOR, 'N', 'N', (lapack_int)m, A, (lapack_int)m, re, im, vl, 1, vr, 1);
    if (info != 0) return wc_seterr("LAPACKE_dgeev failed (info %d)", (int)info);
    eig_t *e = malloc(m * sizeof *e);
    if (!e) return wc_seterr("out of memory");
    for (size_t a = 0; a < m; a++) e[a] = (eig_t){re[a], im[a]};
    qsort(e, m, sizeof *e, by_re_desc);
    for (size_t a = 0; a < m; a++) re[a] = e[a].re, im[a] = e[a].im;
    free(e);
    return 0;
}

int wc_netlin_eigenvalues(size_t m, const double *A, double *re, double *im)
{
    if (m == 0) return wc_seterr("eigenvalues of an empty matrix");
    if (m > 2 * (size_t)wc_limit(WC_LIMIT_NODES)) return wc_seterr("a %zu x %zu matrix is too large", m, m);
    for (size_t a = 0; a < m * m; a++)
        if (!isfinite(A[a])) return wc_seterr("the matrix is not finite at (%zu, %zu)", a / m, a % m);
    double *copy = malloc(m * m * sizeof *copy);
    if (!copy) return wc_seterr("out of memory for a %zu x %zu matrix", m, m);
    memcpy(copy, A, m * m * sizeof *copy);
    int rc = eig_inplace(m, copy, re, im);
    free(copy);
    return rc;
}

/* ---- one fixed point: Newton, Jacobian, spectrum, figures ---- */

static wc_netlin_summary summary_none(double k)
{
    return (wc_netlin_summary){.k = k, .found = 0, .resid = NAN, .spread = NAN, .rE_mean = NAN, .rI_mean = NAN,
                               .re_max = NAN, .im_max = NAN};
}

static void summarise_point(const net_t *w, const double *x, wc_netlin_summary *s)
{
    double lo = x[0], hi = x[0], se = 0, si = 0;
    for (size_t i = 0; i < w->n; i++) {
        lo = fmin(lo, x[i]), hi = fmax(hi, x[i]);
        se += x[i], si += x[w->n + i];
    }
    s->spread = hi - lo;
    s->homogeneous = s->spread <= WC_NETLIN_HOMOGENEOUS;
    s->rE_mean = se / (double)w->n, s->rI_mean = si / (double)w->n;
}

static void summarise_spectrum(size_t m, const double *re, const double *im, wc_netlin_summary *s)
{
    s->re_max = re[0];
    s->im_max = fabs(im[0]);
    s->n_unstable = 0;
    for (size_t a = 0; a < m; a++) s->n_unstable += re[a] > 0;
    s->stable = re[0] < 0;
}

/* Scratch for one point: Newton's, plus the eigenvalues. */
typedef struct {
    newton_ws nw;
    double *re, *im;
} point_ws;

static int pws_alloc(point_ws *ws, size_t n)
{
    memset(ws, 0, sizeof *ws);
    ws->re = malloc(2 * n * sizeof *ws->re);
    ws->im = malloc(2 * n * sizeof *ws->im);
    if (ws_alloc(&ws->nw, n) < 0) return -1;
    return ws->re && ws->im ? 0 : wc_seterr("out of memory");
}

static void pws_free(point_ws *ws)
{
    ws_free(&ws->nw);
    free(ws->re), free(ws->im);
}

/* Newton from x at w->k, then the spectrum (into ws->re/im, ws->nw.J holds the Jacobian).
 * A point not found is not an error (s->found = 0); -1 only when LAPACK fails. */
static int point(const net_t *w, double *x, point_ws *ws, wc_netlin_summary *s)
{
    *s = summary_none(w->k);
    if (newton(w, x, &ws->nw, &s->iters, &s->resid) < 0) return 0;
    s->found = 1;
    summarise_point(w, x, s);
    size_t m = 2 * w->n;
    jacobian(w, x, x + w->n, ws->nw.J);
    double *A = malloc(m * m * sizeof *A);
    if (!A) return wc_seterr("out of memory");
    memcpy(A, ws->nw.J, m * m * sizeof *A);
    int rc = eig_inplace(m, A, ws->re, ws->im);
    free(A);
    if (rc < 0) return -1;
    summarise_spectrum(m, ws->re, ws->im, s);
    return 0;
}

static void homogeneous(double *x, size_t n, double rE0, double rI0)
{
    for (size_t i = 0; i < n; i++) x[i] = rE0, x[n + i] = rI0;
}

void wc_netlin_free(wc_netlin *nl)
{
    if (!nl) return;
    free(nl->rE), free(nl->rI), free(nl->J), free(nl->re), free(nl->im);
    memset(nl, 0, sizeof *nl);
}

int wc_netlin_analyse(const wc_params *p, const wc_matrix *C, const wc_net_opts *o, double rE0, double rI0,
                      wc_netlin *out)
{
    memset(out, 0, sizeof *out);
    if (check_net(p, C, o, C ? C->n : 0) < 0) return -1;
    if (!isfinite(rE0) || !isfinite(rI0)) return wc_seterr("the start (%g, %g) is not finite", rE0, rI0);
    net_t w = net_of(p, C, o);
    size_t n = w.n;
    point_ws ws;
    double *x = malloc(2 * n * sizeof *x);
    int rc = pws_alloc(&ws, n);
    if (rc == 0 && !x) rc = wc_seterr("out of memory");
    if (rc == 0) {
        homogeneous(x, n, rE0, rI0);
        rc = point(&w, x, &ws, &out->s);
    }
    if (rc == 0) {
        out->n = n;
        out->rE = malloc(n * sizeof *out->rE), out->rI = malloc(n * sizeof *out->rI);
        if (!out->rE || !out->rI) rc = wc_seterr("out of memory");
        else memcpy(out->rE, x, n * sizeof *x), memcpy(out->rI, x + n, n * sizeof *x);
    }
    if (rc == 0 && out->s.found) {   /* hand the Jacobian and eigenvalues over */
        out->J = ws.nw.J, ws.nw.J = NULL;
        out->re = ws.re, out->im = ws.im, ws.re = ws.im = NULL;
    }
    pws_free(&ws);
    free(x);
    if (rc < 0) wc_netlin_free(out);
    return rc;
}

/* ---- scans over k ---- */

const char *wc_netlin_loss_name(int kind)
{
    static const char *const names[] = {"none", "complex", "real", "vanished"};
    return kind >= 0 && kind <= WC_NETLIN_LOSS_VANISHED ? names[kind] : "?";
}

/* Continuation: Newton from prev (if any), else, or if that fails, from the homogeneous start. */
static int point_from(const net_t *w, const double *prev, double rE0, double rI0, double *x, point_ws *ws,
                      wc_netlin_summary *s)
{
    size_t m = 2 * w->n;
    if (prev) {
        memcpy(x, prev, m * sizeof *x);
        if (point(w, x, ws, s) < 0) return -1;
        if (s->found) return 0;
    }
    homogeneous(x, w->n, rE0, rI0);
    return point(w, x, ws, s);
}

/* Bisect k between a stable fixed point xa at k_lo and the unstable (or missing) one at k_hi. */
static int bisect_loss(net_t *w, double *xa, double *x, point_ws *ws, wc_netlin_loss *L)
{
    size_t m = 2 * w->n;
    while (fabs(L->k_hi - L->k_lo) > WC_NETLIN_KTOL) {
        double km = 0.5 * (L->k_lo + L->k_hi);
        if (km == L->k_lo || km == L->k_hi) break;   /* the last bit, for |k| beyond 1e5 */
        wc_netlin_summary s;
        w->k = km;
        memcpy(x, xa, m * sizeof *x);
        if (point(w, x, ws, &s) < 0) return -1;   /* the branch from the stable side only */
        if (s.found && s.stable) L->k_lo = km, L->below = s, memcpy(xa, x, m * sizeof *x);
        else L->k_hi = km, L->above = s;
    }
    L->k = 0.5 * (L->k_lo + L->k_hi);
    L->kind = !L->above.found ? WC_NETLIN_LOSS_VANISHED
              : L->above.im_max > 1e-9 * (1 + fabs(L->above.re_max)) ? WC_NETLIN_LOSS_COMPLEX
                                                                        : WC_NETLIN_LOSS_REAL;
    return 0;
}

static void loss_none(wc_netlin_loss *L, size_t nk)
{
    memset(L, 0, sizeof *L);
    L->kind = WC_NETLIN_LOSS_NONE, L->index = nk;
    L->k = L->k_lo = L->k_hi = NAN;
    L->below = summary_none(NAN), L->above = summary_none(NAN);
}

int wc_netlin_scan(const wc_params *p, const wc_matrix *C, const wc_net_opts *o, double rE0, double rI0,
                   const double *ks, size_t nk, wc_netlin_summary *rows, wc_netlin_loss *loss)
{
    if (nk == 0) return wc_seterr("no coupling strengths to scan");
    for (size_t i = 0; i < nk; i++)
        if (!isfinite(ks[i])) return wc_seterr("coupling strength %zu (%g) is not finite", i + 1, ks[i]);
    wc_net_opts ok = *o;   /* o->k is not used */
    ok.k = ks[0];
    o = &ok;
    if (check_net(p, C, o, C ? C->n : 0) < 0) return -1;
    if (!isfinite(rE0) || !isfinite(rI0)) return wc_seterr("the start (%g, %g) is not finite", rE0, rI0);
    net_t w = net_of(p, C, o);
    size_t n = w.n, m = 2 * n;
    point_ws ws;
    double *x = malloc(m * sizeof *x), *prev = malloc(m * sizeof *prev), *stable_x = malloc(m * sizeof *x);
    int rc = pws_alloc(&ws, n), have_prev = 0;
    if (rc == 0 && (!x || !prev || !stable_x)) rc = wc_seterr("out of memory");
    wc_netlin_loss L;
    loss_none(&L, nk);
    for (size_t i = 0; rc == 0 && i < nk; i++) {
        w.k = ks[i];
        rc = point_from(&w, have_prev ? prev : NULL, rE0, rI0, x, &ws, &rows[i]);
        if (rc < 0) break;
        if (L.index == nk && i > 0 && rows[i - 1].found && rows[i - 1].stable && !(rows[i].found && rows[i].stable)) {
            L.index = i, L.k_lo = ks[i - 1], L.k_hi = ks[i];
            L.below = rows[i - 1], L.above = rows[i];
            memcpy(stable_x, prev, m * sizeof *x);
        }
        have_prev = rows[i].found;
        if (have_prev) memcpy(prev, x, m * sizeof *x);
    }
    if (rc == 0 && L.index < nk) rc = bisect_loss(&w, stable_x, x, &ws, &L);
    if (rc == 0 && loss) *loss = L;
    pws_free(&ws);
    free(x), free(prev), free(stable_x);
    return rc;
}
