/* wc_cycle.c — the branch of limit cycles born at a Hopf point, by orthogonal
 * collocation and pseudo-arclength continuation (see wc_cycle.h).
 *
 * The cycle u(t), t in [0, 1] (time rescaled by the period T), solves u' = T f(u, p) with
 * u(0) = u(1).  [0, 1] is cut into NTST mesh intervals; on interval j (length h_j) u is
 * the polynomial of degree m = NCOL through its values at m + 1 equally spaced nodes, the
 * last node of an interval being the first of the next.  The equations:
 *
 *   collocation, at the m Gauss-Legendre points z of every interval (times h_j):
 *       sum_i l_i'(z) u_ji - h_j T f(u(z), p) = 0
 *   periodicity:  u_0 - u_last = 0
 *   phase:        integral of <u(t), v'(t)> dt = 0, v the previous cycle (Gauss quadrature),
 *                 divided by the norm of v' so that its residual is a shift in units of u
 *
 * Unknowns: the node values, scaled by the square roots of their quadrature weights (so
 * that the Euclidean norm the continuation engine uses is the L2 norm of u over a
 * period, whatever the mesh), then log T (so that steps along a branch whose period
 * grows without bound, towards a homoclinic orbit, are steps in log T), then the
 * parameter.  The engine is wc_pac; the bordered Newton systems are solved through
 * LAPACKE by their structure (cyc_solve: the interior nodes of every interval condensed
 * away, then a dense system of 2 NTST + 4 unknowns).  After every step the mesh is moved
 * to equidistribute |u^(m+1)|^(1/(m+1)) (de Boor's criterion, as AUTO does), so that the
 * fast parts of a long-period cycle get the intervals.
 *
 * Along the branch: folds of cycles where the tangent's parameter component changes
 * sign, the ends of the range and the largest period located on the curve
 * (wc_pac_locate), and the return to an equilibrium (another Hopf point) detected.
 *
 * The Floquet multipliers come from the monodromy matrix: X' = J(u(t)) X from X(0) = I
 * over the period, with u(t) the collocation polynomials, by an embedded Runge-Kutta
 * pair (Dormand-Prince 5(4)) with error control, interval by interval, re-orthonormalised
 * by QR; its eigenvalues by LAPACKE_dgeev (see floquet for the cycles near a saddle). */
#include "wckit/wc_cycle.h"

#include "wc_cont_internal.h"
#include "wc_pac_internal.h"
#include "wckit/wc_err.h"
#include "wckit/wc_model.h"

#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCOL_MAX 7
#define NTST_MIN 2
#define NTST_MAX 1000

void wc_cycle_opts_init(wc_cycle_opts *co)
{
    memset(co, 0, sizeof *co);
    co->ntst = 40, co->ncol = 4;
    co->max_points = 2000;
    co->h0 = 1e-3, co->hmax = 0.1;
    co->amp0 = 1e-3;
    co->period_max = 1e4;
}

void wc_cycle_branch_free(wc_cycle_branch *b)
{
    if (!b) return;
    free(b->pt), free(b->prof);
    b->pt = NULL, b->prof = NULL, b->npt = 0;
}

/* ---- the collocation problem ---- */

typedef struct {
    const wc_cont_opts *o;
    wc_params p;          /* o->p with the parameter set */
    size_t N, m, M, K, n; /* intervals, degree, nodes (N m + 1), node unknowns (2 M), unknowns */
    double *mesh;         /* N + 1 points, 0 .. 1 */
    double *sc;           /* M node scales: x = sc u */
    /* the reference interval [0, 1] with nodes i/m */
    double cf[NCOL_MAX + 1][NCOL_MAX + 1];   /* l_i(s) = sum_p cf[i][p] s^p */
    double gz[NCOL_MAX], gw[NCOL_MAX];       /* Gauss points and weights (sum 1) on [0, 1] */
    double L[NCOL_MAX][NCOL_MAX + 1], D[NCOL_MAX][NCOL_MAX + 1];   /* l_i, l_i' at gz[c] */
    /* the phase condition's reference: h_j v'(z) at every collocation point, its norm */
    double *dv, vnorm;
    /* the Jacobian, by blocks: per collocation point 2 rows x 2 (m + 1) node columns and
     * 2 x 2 (log T, parameter); the phase row's node part */
    double *blk, *bTp, *ph;
    /* the structured solve: a local block, the local solutions, the reduced system */
    double *loc, *sol, *red, *rr;
    lapack_int *piv;
    double log_tmax;      /* log of the largest period */
} cyc;

static double *node(double *x, size_t k) { return x + 2 * k; }

/* Monomial coefficients of the Lagrange basis on the nodes i/m. */
static void lagrange_coefs(size_t m, double cf[NCOL_MAX + 1][NCOL_MAX + 1])
{
    for (size_t i = 0; i <= m; i++) {
        double c[NCOL_MAX + 2] = {1}, den = 1;
        size_t deg = 0;
        for (size_t k = 0; k <= m; k++) {
            if (k == i) continue;
            double r = (double)k / (double)m;
            /* c <- c * (s - r) */
            c[deg + 1] = c[deg];
            for (size_t q = deg; q > 0; q--) c[q] = c[q - 1] - r * c[q];
            c[0] = -r * c[0];
            deg++;
            den *= ((double)i - (double)k) / (double)m;
        }
        for (size_t q = 0; q <= m; q++) cf[i][q] = c[q] / den;
    }
}

/* Gauss-Legendre points and weights on [0, 1], by Newton on the Legendre polynomial. */
static void gauss_legendre(size_t m, double *z, double *w)
{
    for (size_t k = 0; k < m; k++) {
        double x = cos(M_PI * ((double)k + 0.75) / ((double)m + 0.5)), dp = 1;
        for (int it = 0; it < 100; it++) {
            double p0 = 1, p1 = x;
            for (size_t l = 2; l <= m; l++) {
                double p2 = ((2.0 * (double)l - 1) * x * p1 - ((double)l - 1) * p0) / (double)l;
                p0 = p1, p1 = p2;
            }
            dp = (double)m * (x * p1 - p0) / (x * x - 1);
            double dx = p1 / dp;
            x -= dx;
            if (fabs(dx) < 1e-16) break;
        }
        z[m - 1 - k] = 0.5 * (1 + x);
        w[m - 1 - k] = 1.0 / ((1 - x * x) * dp * dp);   /* 2/((1-x^2) P'^2), halved for [0, 1] */
    }
}

/* The polynomial of interval j in monomial form: a[p][comp] (u(s), s in [0, 1]). */
static void interval_poly(const cyc *q, const double *x, size_t j, double a[NCOL_MAX + 1][2])
{
    size_t m = q->m;
    for (size_t p = 0; p <= m; p++) a[p][0] = a[p][1] = 0;
    for (size_t i = 0; i <= m; i++) {
        size_t k = j * m + i;
        double u0 = x[2 * k] / q->sc[k], u1 = x[2 * k + 1] / q->sc[k];
        for (size_t p = 0; p <= m; p++) a[p][0] += q->cf[i][p] * u0, a[p][1] += q->cf[i][p] * u1;
    }
}

/* The polynomial's value (and first two derivatives in s, when d1/d2 are not NULL). */
static void poly_eval(size_t m, double a[NCOL_MAX + 1][2], double s, double u[2], double *d1, double *d2)
{
    for (int c = 0; c < 2; c++) {
        double v = a[m][c], dv = 0, ddv = 0;
        for (size_t p = m; p-- > 0;) {
            ddv = ddv * s + 2 * dv;
            dv = dv * s + v;
            v = v * s + a[p][c];
        }
        u[c] = v;
        if (d1) d1[c] = dv;
        if (d2) d2[c] = ddv;
    }
}

static void basis_at(const cyc *q, double s, double *l, double *dl)
{
    for (size_t i = 0; i <= q->m; i++) {
        double v = 0, dv = 0;
        for (size_t p = q->m + 1; p-- > 0;) {
            dv = dv * s + v;
            v = v * s + q->cf[i][p];
        }
        l[i] = v;
        if (dl) dl[i] = dv;
    }
}

/* Node scales from the mesh: sqrt of each node's share of the trapezoid-like quadrature
 * weight over [0, 1] (the first and last node, the same point, half each). */
static void set_scales(cyc *q)
{
    size_t m = q->m;
    for (size_t k = 0; k < q->M; k++) q->sc[k] = 0;
    for (size_t j = 0; j < q->N; j++) {
        double h = q->mesh[j + 1] - q->mesh[j];
        for (size_t i = 0; i <= m; i++) q->sc[j * m + i] += (i == 0 || i == m ? 0.5 : 1.0) * h / (double)m;
    }
    for (size_t k = 0; k < q->M; k++) q->sc[k] = sqrt(q->sc[k]);
}

static void cyc_free(cyc *q)
{
    free(q->mesh), free(q->sc), free(q->dv), free(q->blk), free(q->bTp), free(q->ph);
    free(q->loc), free(q->sol), free(q->red), free(q->rr), free(q->piv);
}

static int cyc_init(cyc *q, const wc_cont_opts *o, size_t N, size_t m)
{
    memset(q, 0, sizeof *q);
    q->o = o, q->p = o->p;
    q->N = N, q->m = m, q->M = N * m + 1, q->K = 2 * q->M, q->n = q->K + 2;
    lagrange_coefs(m, q->cf);
    gauss_legendre(m, q->gz, q->gw);
    for (size_t c = 0; c < m; c++) basis_at(q, q->gz[c], q->L[c], q->D[c]);
    size_t npt = N * m, nb = 2 * (m + 1);
    q->mesh = malloc((N + 1) * sizeof *q->mesh);
    q->sc = malloc(q->M * sizeof *q->sc);
    q->dv = malloc(2 * npt * sizeof *q->dv);
    q->blk = malloc(npt * 2 * nb * sizeof *q->blk);
    q->bTp = malloc(npt * 4 * sizeof *q->bTp);
    q->ph = malloc(q->K * sizeof *q->ph);
    size_t nr = 2 * N + 4;
    q->loc = malloc(4 * m * m * sizeof *q->loc);
    q->sol = malloc(N * 2 * m * 5 * sizeof *q->sol);
    q->red = malloc(nr * nr * sizeof *q->red);
    q->rr = malloc(nr * sizeof *q->rr);
    q->piv = malloc((nr > 2 * m ? nr : 2 * m) * sizeof *q->piv);
    if (!q->mesh || !q->sc || !q->dv || !q->blk || !q->bTp || !q->ph || !q->loc || !q->sol || !q->red || !q->rr ||
        !q->piv) {
        cyc_free(q);
        return wc_seterr("out of memory for %zu x %zu collocation points", N, m), -1;
    }
    for (size_t j = 0; j <= N; j++) q->mesh[j] = (double)j / (double)N;
    set_scales(q);
    return 0;
}

/* The phase condition's reference: the cycle x. */
static void set_reference(cyc *q, const double *x)
{
    size_t m = q->m;
    double s2 = 0;
    for (size_t j = 0; j < q->N; j++) {
        double h = q->mesh[j + 1] - q->mesh[j];
        for (size_t c = 0; c < m; c++) {
            double *d = q->dv + 2 * (j * m + c);
            d[0] = d[1] = 0;
            for (size_t i = 0; i <= m; i++) {
                size_t k = j * m + i;
                d[0] += q->D[c][i] * x[2 * k] / q->sc[k];
                d[1] += q->D[c][i] * x[2 * k + 1] / q->sc[k];
            }
            s2 += q->gw[c] * (d[0] * d[0] + d[1] * d[1]) / h;
        }
    }
    q->vnorm = sqrt(s2) > 0 ? sqrt(s2) : 1;
}

/* F (n - 1 rows: periodicity 2, collocation 2 N m, phase 1) and, with jac, the blocks. */
static int cyc_residual(cyc *q, const double *x, double *F, int jac)
{
    size_t m = q->m, M = q->M, K = q->K, nb = 2 * (m + 1);
    double T = exp(x[K]);
    q->p.v[q->o->par] = x[K + 1];
    if (!isfinite(T) || !isfinite(x[K + 1])) return wc_seterr("the period or the parameter is not finite"), -1;
    F[0] = x[0] / q->sc[0] - x[K - 2] / q->sc[M - 1];
    F[1] = x[1] / q->sc[0] - x[K - 1] / q->sc[M - 1];
    double phase = 0;
    if (jac) memset(q->ph, 0, K * sizeof *q->ph);
    for (size_t j = 0; j < q->N; j++) {
        double h = q->mesh[j + 1] - q->mesh[j], u[NCOL_MAX + 1][2];
        for (size_t i = 0; i <= m; i++) {
            size_t k = j * m + i;
            u[i][0] = x[2 * k] / q->sc[k], u[i][1] = x[2 * k + 1] / q->sc[k];
        }
        for (size_t c = 0; c < m; c++) {
            size_t pt = j * m + c;
            double U[2] = {0, 0}, dU[2] = {0, 0}, f[2];
            for (size_t i = 0; i <= m; i++) {
                U[0] += q->L[c][i] * u[i][0], U[1] += q->L[c][i] * u[i][1];
                dU[0] += q->D[c][i] * u[i][0], dU[1] += q->D[c][i] * u[i][1];
            }
            wc_eq_rhs(&q->p, U, f);
            double *Fc = F + 2 + 2 * pt, *dv = q->dv + 2 * pt;
            Fc[0] = dU[0] - h * T * f[0];
            Fc[1] = dU[1] - h * T * f[1];
            phase += q->gw[c] * (U[0] * dv[0] + U[1] * dv[1]);
            if (!jac) continue;
            double J[2][2], fp[2], *B = q->blk + pt * 2 * nb, *bt = q->bTp + 4 * pt;
            wc_eq_jac(&q->p, U, J);
            wc_eq_dpar(&q->p, q->o->par, U, fp);
            for (size_t i = 0; i <= m; i++) {
                double s = 1.0 / q->sc[j * m + i], l = q->L[c][i], d = q->D[c][i];
                for (int r = 0; r < 2; r++)
                    for (int cc = 0; cc < 2; cc++)
                        B[r * nb + 2 * i + cc] = s * ((r == cc) * d - h * T * J[r][cc] * l);
                double *ph = q->ph + 2 * (j * m + i);
                ph[0] += s * q->gw[c] * l * dv[0] / q->vnorm;
                ph[1] += s * q->gw[c] * l * dv[1] / q->vnorm;
            }
            bt[0] = -h * T * f[0], bt[1] = -h * T * fp[0];
            bt[2] = -h * T * f[1], bt[3] = -h * T * fp[1];
        }
    }
    F[K] = phase / q->vnorm;
    for (size_t r = 0; r + 1 < q->n; r++)
        if (!isfinite(F[r])) return wc_seterr("the collocation equations are not finite"), -1;
    return 0;
}

/* The structured solve (condensation of parameters, as AUTO does it).  On interval j the
 * 2m collocation rows tie its left node y_L, its interior nodes y_I, its right node y_R
 * and z = (log T, parameter):  A_L y_L + A_I y_I + A_R y_R + A_z z = b_j.  One small
 * solve with W = [A_I A_R] (LU, 5 right-hand sides) gives
 *
 *     (y_I, y_R) = s0 - sL y_L - sz z,
 *
 * so the system shrinks to the mesh nodes and z (2 NTST + 4 unknowns): y_R in terms of y_L
 * for every interval (like multiple shooting), periodicity, and the phase and tangent
 * rows with the interior nodes substituted.  That system is solved dense (LU with
 * partial pivoting, which copes with the growth along cycles that pass near a saddle),
 * then the interior nodes follow. */
/* A x = B in place (column-major, n x n and n x nrhs): LAPACKE_dgetrf, then dgetrs one
 * column at a time.  Not dgesv, nor dgetrs on several columns: OpenBLAS hands those to
 * its thread pool even for systems this small, and waking the pool (sched_yield) costs
 * several times the solve; on a busy machine it doubled the time of a whole branch.
 * @return the LAPACK info (0: solved). */
static lapack_int lu_solve(size_t n, size_t nrhs, double *A, lapack_int *piv, double *B)
{
    lapack_int info = LAPACKE_dgetrf(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n, A, (lapack_int)n, piv);
    for (size_t k = 0; info == 0 && k < nrhs; k++)
        info = LAPACKE_dgetrs(LAPACK_COL_MAJOR, 'N', (lapack_int)n, 1, A, (lapack_int)n, piv, B + k * n, (lapack_int)n);
    return info;
}

/* Interval j's local solve: S (2m x 5, column-major) = W^-1 [b_j, A_L, A_z]. */
static int condense(cyc *q, size_t j, const double *b, double *S)
{
    size_t m = q->m, nb = 2 * (m + 1), w = 2 * m;
    double *W = q->loc;
    for (size_t c = 0; c < m; c++)
        for (size_t r = 0; r < 2; r++) {
            size_t pt = j * m + c, row = 2 * c + r;
            const double *B = q->blk + pt * 2 * nb + r * nb, *bt = q->bTp + 4 * pt;
            for (size_t cc = 0; cc < w; cc++) W[row + cc * w] = B[2 + cc];
            S[row] = b[2 + 2 * pt + r];
            S[row + w] = B[0], S[row + 2 * w] = B[1];
            S[row + 3 * w] = bt[2 * r], S[row + 4 * w] = bt[2 * r + 1];
        }
    lapack_int info = lu_solve(w, 5, W, q->piv, S);
    if (info != 0) return wc_seterr("singular collocation block on interval %zu (LAPACKE_dgetrf info %d)", j, (int)info), -1;
    return 0;
}

static int cyc_solve(void *ctx, const double *t, double *b)
{
    cyc *q = ctx;
    size_t N = q->N, m = q->m, K = q->K, w = 2 * m, nr = 2 * N + 4;
    double *R = q->red, *rr = q->rr, slast = q->sc[q->M - 1];
    memset(R, 0, nr * nr * sizeof *R);
    memset(rr, 0, nr * sizeof *rr);
#define RED(i, j) R[(i) + (j) * nr]
    const double *dense[2] = {q->ph, t};
    rr[2 * N] = b[0], rr[2 * N + 1] = b[1], rr[2 * N + 2] = b[K], rr[2 * N + 3] = b[K + 1];
    RED(2 * N, 0) = 1 / q->sc[0], RED(2 * N, 2 * N) = -1 / slast;
    RED(2 * N + 1, 1) = 1 / q->sc[0], RED(2 * N + 1, 2 * N + 1) = -1 / slast;
    RED(2 * N + 3, 2 * N + 2) = t[K], RED(2 * N + 3, 2 * N + 3) = t[K + 1];
    for (size_t j = 0; j < N; j++) {
        double *S = q->sol + j * w * 5;
        if (condense(q, j, b, S) < 0) return -1;
        /* y_R + sL_R y_L + sz_R z = s0_R */
        for (size_t r = 0; r < 2; r++) {
            size_t row = 2 * j + r, ir = w - 2 + r;
            RED(row, 2 * (j + 1) + r) = 1;
            RED(row, 2 * j) = S[ir + w], RED(row, 2 * j + 1) = S[ir + 2 * w];
            RED(row, 2 * N + 2) = S[ir + 3 * w], RED(row, 2 * N + 3) = S[ir + 4 * w];
            rr[row] = S[ir];
        }
        /* the dense rows: their mesh-node entries, and the interior nodes substituted */
        for (int d = 0; d < 2; d++) {
            const double *a = dense[d];
            size_t row = 2 * N + 2 + (size_t)d;
            RED(row, 2 * j) += a[2 * j * m], RED(row, 2 * j + 1) += a[2 * j * m + 1];
            if (j == N - 1) RED(row, 2 * N) += a[K - 2], RED(row, 2 * N + 1) += a[K - 1];
            for (size_t ii = 0; ii + 2 < w; ii++) {
                double ai = a[2 * j * m + 2 + ii];
                rr[row] -= ai * S[ii];
                RED(row, 2 * j) -= ai * S[ii + w], RED(row, 2 * j + 1) -= ai * S[ii + 2 * w];
                RED(row, 2 * N + 2) -= ai * S[ii + 3 * w], RED(row, 2 * N + 3) -= ai * S[ii + 4 * w];
            }
        }
    }
#undef RED
    lapack_int info = lu_solve(nr, 1, R, q->piv, rr);
    if (info != 0) return wc_seterr("singular continuation system (LAPACKE_dgetrf info %d)", (int)info), -1;
    double z0 = rr[2 * N + 2], z1 = rr[2 * N + 3];
    for (size_t j = 0; j < N; j++) {
        const double *S = q->sol + j * w * 5;
        double yl0 = rr[2 * j], yl1 = rr[2 * j + 1];
        b[2 * j * m] = yl0, b[2 * j * m + 1] = yl1;
        for (size_t ii = 0; ii + 2 < w; ii++)
            b[2 * j * m + 2 + ii] = S[ii] - S[ii + w] * yl0 - S[ii + 2 * w] * yl1 - S[ii + 3 * w] * z0 - S[ii + 4 * w] * z1;
    }
    b[K - 2] = rr[2 * N], b[K - 1] = rr[2 * N + 1];
    b[K] = z0, b[K + 1] = z1;
    return 0;
}

static int cyc_eval(void *ctx, const double *x, double *F, double *J)
{
    return cyc_residual(ctx, x, F, J != NULL);
}

/* ---- the mesh ---- */

/* Move the mesh to equidistribute |u^(m+1)|^(1/(m+1)) (estimated from the jumps of the
 * constant u^(m) between neighbouring intervals, around the period), plus a tenth of its
 * mean so that no interval grows too long; x and the tangent t follow by interpolation. */
static int remesh(cyc *q, double *x, double *t)
{
    size_t N = q->N, m = q->m, M = q->M, K = q->K;
    double (*ax)[NCOL_MAX + 1][2] = malloc(2 * N * sizeof *ax), (*at)[NCOL_MAX + 1][2] = ax + N;
    double *rho = malloc((3 * N + 2) * sizeof *rho), *mesh = rho + N, *old = mesh + N + 1;
    if (!ax || !rho) {
        free(ax), free(rho);
        return wc_seterr("out of memory"), -1;
    }
    double fact = 1, tot = 0;
    for (size_t k = 2; k <= m; k++) fact *= (double)k;
    for (size_t j = 0; j < N; j++) interval_poly(q, x, j, ax[j]), interval_poly(q, t, j, at[j]);
    for (size_t j = 0; j < N; j++) {   /* rho[j]: the jump at mesh point j (between j - 1 and j) */
        size_t i = j ? j - 1 : N - 1;
        double hi = q->mesh[i + 1] - q->mesh[i], hj = q->mesh[j + 1] - q->mesh[j], d = 0;
        for (int c = 0; c < 2; c++) {
            double e = fact * (ax[j][m][c] / pow(hj, (double)m) - ax[i][m][c] / pow(hi, (double)m));
            d += e * e;
        }
        rho[j] = sqrt(d) / (0.5 * (hi + hj));
    }
    double first = rho[0];
    for (size_t j = 0; j < N; j++) {
        rho[j] = pow(0.5 * (rho[j] + (j + 1 < N ? rho[j + 1] : first)), 1.0 / ((double)m + 1));
        tot += rho[j] * (q->mesh[j + 1] - q->mesh[j]);
    }
    if (!(tot > 0) || !isfinite(tot)) goto keep;   /* a constant: nothing to equidistribute */
    for (size_t j = 0; j < N; j++) rho[j] += 0.1 * tot;
    tot *= 1.1;
    mesh[0] = 0, mesh[N] = 1;
    double cum = 0;
    size_t j = 0;
    for (size_t k = 1; k < N; k++) {
        double target = tot * (double)k / (double)N;
        for (;;) {
            double piece = rho[j] * (q->mesh[j + 1] - q->mesh[j]);
            if (cum + piece >= target || j == N - 1) {
                mesh[k] = q->mesh[j] + (target - cum) / rho[j];
                break;
            }
            cum += piece, j++;
        }
        mesh[k] = fmin(fmax(mesh[k], mesh[k - 1]), 1);
    }
    /* interpolate x and t at the new nodes (node values, unscaled, then scaled anew) */
    memcpy(old, q->mesh, (N + 1) * sizeof *old);
    memcpy(q->mesh, mesh, (N + 1) * sizeof *mesh);
    set_scales(q);
    size_t jo = 0;
    for (size_t k = 0; k < M; k++) {
        size_t jn = k / m < N ? k / m : N - 1;
        double tau = q->mesh[jn] + (double)(k - jn * m) / (double)m * (q->mesh[jn + 1] - q->mesh[jn]);
        while (jo + 1 < N && tau > old[jo + 1]) jo++;
        double s = (tau - old[jo]) / (old[jo + 1] - old[jo]), u[2], v[2];
        poly_eval(m, ax[jo], s, u, NULL, NULL);
        poly_eval(m, at[jo], s, v, NULL, NULL);
        node(x, k)[0] = q->sc[k] * u[0], node(x, k)[1] = q->sc[k] * u[1];
        node(t, k)[0] = q->sc[k] * v[0], node(t, k)[1] = q->sc[k] * v[1];
    }
    double nt = 0;
    for (size_t i = 0; i < K + 2; i++) nt += t[i] * t[i];
    nt = sqrt(nt);
    for (size_t i = 0; i < K + 2; i++) t[i] /= nt;
keep:
    free(ax), free(rho);
    return 0;
}

/* ---- one cycle's properties ---- */

/* Newton on the derivative of component c of interval j's polynomial from s, towards an
 * extremum of the kind sign (+1 max, -1 min), kept in [0, 1]; *v gets the value there. */
static double polish(size_t m, double a[NCOL_MAX + 1][2], int c, double sign, double s, double *v)
{
    for (int it = 0; it < 10; it++) {
        double u[2], d1[2], d2[2];
        poly_eval(m, a, s, u, d1, d2);
        if (!(sign * d2[c] < 0)) break;
        double sn = fmin(fmax(s - d1[c] / d2[c], 0), 1);
        if (fabs(sn - s) < 1e-15) break;
        s = sn;
    }
    double u[2];
    poly_eval(m, a, s, u, NULL, NULL);
    *v = u[c];
    return s;
}

#define SAMPLES 20

/* The largest (sign +1) or smallest (-1) value of component c over the cycle, whose
 * interval polynomials are a: 20 samples per interval, the best polished (in its
 * interval and, at an end, the neighbour).  *jb, *sb: where. */
static double extreme(const cyc *q, double (*a)[NCOL_MAX + 1][2], int c, double sign, size_t *jb, double *sb)
{
    size_t N = q->N, m = q->m, bj = 0, bk = 0;
    double best = -HUGE_VAL, u[2];
    for (size_t j = 0; j < N; j++)
        for (size_t k = 0; k < SAMPLES; k++) {
            poly_eval(m, a[j], (double)k / SAMPLES, u, NULL, NULL);
            if (sign * u[c] > best) best = sign * u[c], bj = j, bk = k;
        }
    double v, s = polish(m, a[bj], c, sign, (double)bk / SAMPLES, &v);
    *jb = bj, *sb = (double)bk / SAMPLES;
    if (sign * v >= best) best = sign * v, *sb = s;
    size_t nb[2] = {bj ? bj - 1 : N - 1, bj + 1 < N ? bj + 1 : 0};
    for (int e = 0; e < 2; e++) {
        if (e == 0 ? *sb > 0 : *sb < 1) continue;
        double se = polish(m, a[nb[e]], c, sign, e == 0 ? 1.0 : 0.0, &v);
        if (sign * v > best) best = sign * v, *jb = nb[e], *sb = se;
    }
    return sign * best;
}

/* The Jacobian along the cycle: J(u(s)) on interval a. */
static void jac_on(cyc *q, double a[NCOL_MAX + 1][2], double s, double J[2][2])
{
    double u[2];
    poly_eval(q->m, a, s, u, NULL, NULL);
    wc_eq_jac(&q->p, u, J);
}

static void mul(double J[2][2], const double X[4], double out[4])
{
    out[0] = J[0][0] * X[0] + J[0][1] * X[2], out[1] = J[0][0] * X[1] + J[0][1] * X[3];
    out[2] = J[1][0] * X[0] + J[1][1] * X[2], out[3] = J[1][0] * X[1] + J[1][1] * X[3];
}

/* X = Q R (2 x 2, row-major, LAPACKE_dgeqrf and dorgqr): X becomes Q, R is returned. */
static int qr2(double X[4], double R[4])
{
    double tau[2];
    if (LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, 2, 2, X, 2, tau) != 0) return -1;
    R[0] = X[0], R[1] = X[1], R[2] = 0, R[3] = X[3];
    return LAPACKE_dorgqr(LAPACK_ROW_MAJOR, 2, 2, 2, X, 2, tau) != 0 ? -1 : 0;
}

/* One period of X' = J(u(t)) X from X(0) = Q0 (orthogonal), in physical time, by
 * Dormand-Prince 5(4) with error control (1e-12 mixed), interval by interval.  To keep
 * the two directions apart when one grows or shrinks far faster than the other (a cycle
 * passing near a saddle), X is re-orthonormalised (X = Q R) whenever it leaves the unit
 * scale or nears singularity, and at the end: X(T) = Q_N R with R = e^ls Rh, and the
 * logarithms and signs of R's diagonal kept apart (they do not underflow).
 * @return 0, 1 when |X| grew past e^lmax (the rest is not integrated), or -1 (wc_errmsg). */
typedef struct {
    double Q[4], Rh[4], ls, ld[2], sg[2];
} sweep;

static int renorm(double X[4], sweep *sw)
{
    double R[4], P[4];
    if (qr2(X, R) < 0) return wc_seterr("LAPACKE_dgeqrf failed along the cycle"), -1;
    for (int k = 0; k < 2; k++) {
        double d = R[3 * k];
        if (d == 0 || !isfinite(d)) return wc_seterr("the variational equation lost a direction"), -1;
        sw->ld[k] += log(fabs(d)), sw->sg[k] *= d < 0 ? -1 : 1;
    }
    P[0] = R[0] * sw->Rh[0], P[1] = R[0] * sw->Rh[1] + R[1] * sw->Rh[3], P[2] = 0, P[3] = R[3] * sw->Rh[3];
    double big = fmax(fabs(P[0]), fmax(fabs(P[1]), fabs(P[3])));
    for (int i = 0; i < 4; i++) sw->Rh[i] = P[i] / big;
    sw->ls += log(big);
    return 0;
}

static int variational(cyc *q, double (*a)[NCOL_MAX + 1][2], double T, const double Q0[4], double lmax, sweep *sw)
{
    static const double c[7] = {0, 0.2, 0.3, 0.8, 8.0 / 9, 1, 1};
    static const double A[7][6] = {
        {0},
        {0.2},
        {3.0 / 40, 9.0 / 40},
        {44.0 / 45, -56.0 / 15, 32.0 / 9},
        {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
        {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
        {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}};
    static const double E[7] = {71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40};
    const double tol = 1e-12;
    double X[4], dt = 0, k[7][4];
    long steps = 0;
    memcpy(X, Q0, sizeof X);
    sw->Rh[0] = sw->Rh[3] = 1, sw->Rh[1] = sw->Rh[2] = 0;
    sw->ls = sw->ld[0] = sw->ld[1] = 0, sw->sg[0] = sw->sg[1] = 1;
    for (size_t j = 0; j < q->N; j++) {
        double P = (q->mesh[j + 1] - q->mesh[j]) * T, tau = 0, J[2][2];
        if (!(P > 0)) continue;
        if (dt == 0) dt = fmin(P, 1e-2);
        jac_on(q, a[j], 0, J);
        mul(J, X, k[0]);
        while (tau < P) {
            int last = dt >= P - tau;
            double h = last ? P - tau : dt, Y[4], Xn[4], err = 0;
            for (int st = 1; st < 7; st++) {
                for (int i = 0; i < 4; i++) {
                    double s = 0;
                    for (int l = 0; l < st; l++) s += A[st][l] * k[l][i];
                    Y[i] = X[i] + h * s;
                }
                jac_on(q, a[j], last && st >= 5 ? 1.0 : (tau + c[st] * h) / P, J);
                mul(J, Y, k[st]);
                if (st == 6) memcpy(Xn, Y, sizeof Xn);
            }
            for (int i = 0; i < 4; i++) {
                double e = 0;
                for (int l = 0; l < 7; l++) e += E[l] * k[l][i];
                err = fmax(err, fabs(h * e) / (tol + tol * fmax(fabs(X[i]), fabs(Xn[i]))));
            }
            if (!isfinite(err)) return wc_seterr("the variational equation blew up"), -1;
            if (++steps > 50000000L) return wc_seterr("the variational equation needs too many steps"), -1;
            double grow = err > 0 ? fmin(5.0, fmax(0.2, 0.9 * pow(err, -0.2))) : 5.0;
            if (err > 1) {
                dt = h * grow;
                continue;
            }
            memcpy(X, Xn, sizeof Xn);
            memcpy(k[0], k[6], sizeof k[0]);
            tau = last ? P : tau + h;
            if (!last || grow < 1) dt = h * grow;
            double nx = X[0] * X[0] + X[1] * X[1] + X[2] * X[2] + X[3] * X[3], det = X[0] * X[3] - X[1] * X[2];
            if (nx > 64 || nx < 1.0 / 64 || fabs(det) < 1e-3 * nx) {
                if (renorm(X, sw) < 0) return -1;
                if (sw->ls > lmax) return 1;
                if (tau < P) jac_on(q, a[j], tau / P, J), mul(J, X, k[0]);
            }
        }
    }
    if (renorm(X, sw) < 0) return -1;
    memcpy(sw->Q, X, sizeof X);
    return 0;
}

/* The integral of tr J(u(t)) over the period (ms): 7-point Gauss-Legendre on quarters of
 * every mesh interval. */
static double trace_integral(cyc *q, double (*a)[NCOL_MAX + 1][2], double T)
{
    double z[NCOL_MAX], w[NCOL_MAX], sum = 0, J[2][2];
    gauss_legendre(7, z, w);
    for (size_t j = 0; j < q->N; j++) {
        double s = 0;
        for (int k = 0; k < 4; k++)
            for (int i = 0; i < 7; i++) {
                jac_on(q, a[j], 0.25 * (k + z[i]), J);
                s += w[i] * (J[0][0] + J[1][1]);
            }
        sum += 0.25 * s * (q->mesh[j + 1] - q->mesh[j]) * T;
    }
    return sum;
}

/* The Floquet multipliers mr + i mi, the trivial one (closest to 1) first: the
 * eigenvalues of the monodromy matrix M = Q_N R (LAPACKE_dgeev), the other one taken as
 * det M / (the trivial one), det M being the product of R's diagonal and det Q_N = +-1
 * (accurate however small, where M's own smaller eigenvalue would be lost to rounding).
 * A cycle that passes close to a saddle has |M| ~ exp(the saddle's unstable eigenvalue
 * times the time spent there): when |X(t)| exceeds 1e5 on the way, the eigenvalue 1 is
 * too ill-conditioned to resolve (its error is about |M| times that of the orbit), the
 * integration stops, and the multipliers are taken as exactly 1 and det M = exp(integral
 * of tr J) (in two dimensions their product is det M, Liouville's formula). */
static int floquet(cyc *q, double (*a)[NCOL_MAX + 1][2], double T, double mr[2], double mi[2])
{
    sweep sw;
    double I2[4] = {1, 0, 0, 1}, wr[2], wi[2], lmax = log(1e5);
    int rc = variational(q, a, T, I2, lmax, &sw);
    if (rc < 0) return -1;
    double lnorm = sw.ls + log(fmax(fabs(sw.Rh[0]), fmax(fabs(sw.Rh[1]), fabs(sw.Rh[3]))));
    mi[0] = mi[1] = 0;
    if (rc == 1 || lnorm > lmax) {
        mr[0] = 1, mr[1] = exp(trace_integral(q, a, T));
        return 0;
    }
    double det = (sw.Q[0] * sw.Q[3] - sw.Q[1] * sw.Q[2]) * sw.sg[0] * sw.sg[1] * exp(sw.ld[0] + sw.ld[1]);
    double M[4], e = exp(sw.ls);
    M[0] = e * (sw.Q[0] * sw.Rh[0]), M[1] = e * (sw.Q[0] * sw.Rh[1] + sw.Q[1] * sw.Rh[3]);
    M[2] = e * (sw.Q[2] * sw.Rh[0]), M[3] = e * (sw.Q[2] * sw.Rh[1] + sw.Q[3] * sw.Rh[3]);
    if (LAPACKE_dgeev(LAPACK_ROW_MAJOR, 'N', 'N', 2, M, 2, wr, wi, NULL, 1, NULL, 1) != 0)
        return wc_seterr("LAPACKE_dgeev failed on the monodromy matrix"), -1;
    int k = hypot(wr[1] - 1, wi[1]) < hypot(wr[0] - 1, wi[0]);
    mr[0] = wr[k], mi[0] = wi[k];
    if (wi[k] == 0 && wr[k] != 0) mr[1] = det / wr[k];
    else mr[1] = wr[!k], mi[1] = wi[!k];
    return 0;
}

/* Everything reported of the cycle x (and its profile, nprof samples, when prof is not
 * NULL); *peak_rI: rI where rE is largest. */
static int cycle_props(cyc *q, const double *x, wc_cycle_point *pt, double *prof, size_t nprof, double *peak_rI)
{
    size_t N = q->N, m = q->m, K = q->K;
    double T = exp(x[K]), (*a)[NCOL_MAX + 1][2] = malloc(N * sizeof *a);
    if (!a) return wc_seterr("out of memory"), -1;
    q->p.v[q->o->par] = x[K + 1];
    for (size_t j = 0; j < N; j++) interval_poly(q, x, j, a[j]);
    memset(pt, 0, sizeof *pt);
    pt->par = x[K + 1], pt->period = T;
    size_t j;
    double s, u[2];
    pt->rE_min = extreme(q, a, 0, -1, &j, &s);
    pt->rI_min = extreme(q, a, 1, -1, &j, &s);
    pt->rI_max = extreme(q, a, 1, 1, &j, &s);
    pt->rE_max = extreme(q, a, 0, 1, &j, &s);
    poly_eval(m, a[j], s, u, NULL, NULL);
    *peak_rI = u[1];
    int rc = floquet(q, a, T, pt->mult_re, pt->mult_im);
    pt->stable = rc == 0 && hypot(pt->mult_re[1], pt->mult_im[1]) < 1;
    for (size_t i = 0, jj = 0; prof && i < nprof; i++) {
        double tt = (double)i / (double)nprof;
        while (jj + 1 < N && tt >= q->mesh[jj + 1]) jj++;
        poly_eval(m, a[jj], (tt - q->mesh[jj]) / (q->mesh[jj + 1] - q->mesh[jj]), u, NULL, NULL);
        prof[3 * i] = tt * T, prof[3 * i + 1] = u[0], prof[3 * i + 2] = u[1];
    }
    free(a);
    return rc;
}

/* ---- the branch ---- */

typedef struct {
    cyc *q;
    wc_cycle_branch *b;
    size_t cap;
    wc_cont_special **sp;
    size_t *nsp;
    int id;
} branch_out;

static int push_cycle(branch_out *out, const double *x)
{
    wc_cycle_branch *b = out->b;
    if (b->npt == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 64;
        wc_cycle_point *v = realloc(b->pt, cap * sizeof *v);
        if (!v) return wc_seterr("out of memory"), -1;
        b->pt = v;
        if (b->nprof) {
            double *pr = realloc(b->prof, cap * b->nprof * 3 * sizeof *pr);
            if (!pr) return wc_seterr("out of memory"), -1;
            b->prof = pr;
        }
        out->cap = cap;
    }
    double rI;
    if (cycle_props(out->q, x, &b->pt[b->npt], b->nprof ? b->prof + b->npt * b->nprof * 3 : NULL, b->nprof, &rI) < 0)
        return -1;
    b->npt++;
    return 0;
}

static int push_fold(branch_out *out, const double *x)
{
    wc_cycle_point pt;
    double rI;
    if (cycle_props(out->q, x, &pt, NULL, 0, &rI) < 0) return -1;
    wc_cont_special *v = realloc(*out->sp, (*out->nsp + 1) * sizeof *v);
    if (!v) return wc_seterr("out of memory"), -1;
    *out->sp = v;
    v[(*out->nsp)++] = (wc_cont_special){.type = WC_SP_CYCLE_FOLD, .branch = out->id, .after = out->b->npt - 1,
                                         .par = pt.par, .rE = pt.rE_max, .rI = rI, .period = pt.period};
    return 0;
}

/* The fold-of-cycles test along the branch: the tangent's parameter component. */
static double test_fold(void *ctx, const double *x, const double *t)
{
    const cyc *q = ctx;
    return t[q->K + 1];
}

/* The bounds as a box on the unknowns for wc_pac_leave: the parameter's range and the
 * log period's largest value; the node values are free.  @return 0 or -1. */
static int bound_box(const cyc *q, double **lo, double **hi)
{
    *lo = malloc(2 * q->n * sizeof **lo);
    if (!*lo) return wc_seterr("out of memory"), -1;
    *hi = *lo + q->n;
    for (size_t i = 0; i < q->n; i++) (*lo)[i] = -INFINITY, (*hi)[i] = INFINITY;
    (*lo)[q->K + 1] = q->o->lo, (*hi)[q->K + 1] = q->o->hi, (*hi)[q->K] = q->log_tmax;
    return 0;
}

/* The bound the step from xa to xb crossed first, located (xe, te): 0 the parameter's
 * lo, 1 its hi, 2 the period's largest; -1 none, -2 when a location failed (wc_errmsg). */
static int crossed_bound(wc_pac *c, const cyc *q, const double *box_lo, const double *box_hi, const double *xa,
                         const double *ta, const double *xb, double h, double *xe, double *te)
{
    int k = wc_pac_leave(c, box_lo, box_hi, xa, ta, xb, h, 1e-12, xe, te);
    if (k < 0) return k;
    return k == 2 * (int)(q->K + 1) ? 0 : k == 2 * (int)(q->K + 1) + 1 ? 1 : 2;
}

static void where(char *buf, size_t n, const cyc *q, const double *x)
{
    snprintf(buf, n, "%s = %.10g, period %.10g ms", wc_params_name(q->o->par), x[q->K + 1], exp(x[q->K]));
}

/* The first cycle off the Hopf point h: x0 + amp (Re v cos 2 pi t - Im v sin 2 pi t), v the
 * eigenvector of i omega with v_E = 1, period 2 pi / omega; ta: the amplitude direction. */
static int hopf_start(cyc *q, const wc_cont_special *h, double amp, double *x, double *ta)
{
    const wc_cont_opts *o = q->o;
    double x0[2] = {h->rE, h->rI}, J[2][2], f[2];
    if (!(isfinite(h->par) && isfinite(h->rE) && isfinite(h->rI) && isfinite(h->omega)))
        return wc_seterr("not a Hopf point: its coordinates are not finite"), -1;
    if (!(h->omega > 0)) return wc_seterr("not a Hopf point: omega = %g (must be > 0)", h->omega), -1;
    if (h->par < o->lo || h->par > o->hi)
        return wc_seterr("the Hopf point (%s = %g) is outside the range %g..%g", wc_params_name(o->par), h->par, o->lo,
                         o->hi), -1;
    q->p.v[o->par] = h->par;
    wc_eq_rhs(&q->p, x0, f);
    wc_eq_jac(&q->p, x0, J);
    double tr = J[0][0] + J[1][1], det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
    if (fmax(fabs(f[0]), fabs(f[1])) > 1e-6)
        return wc_seterr("not a Hopf point: (rE, rI) = (%g, %g) is no equilibrium at %s = %g (|f| = %.3g)", h->rE, h->rI,
                         wc_params_name(o->par), h->par, fmax(fabs(f[0]), fabs(f[1]))), -1;
    if (!(det > 0) || fabs(tr) > 1e-4 * sqrt(det) || fabs(sqrt(det) - h->omega) > 1e-3 * h->omega)
        return wc_seterr("not a Hopf point: the Jacobian's trace is %.3g and the frequency sqrt(det) %.6g, not 0 and "
                         "omega = %.6g", tr, det > 0 ? sqrt(det) : 0.0, h->omega), -1;
    wc_phase_lin lin;
    if (wc_phase_linearise(J, &lin) < 0) return -1;
    if (!(lin.im[0] > 0)) return wc_seterr("not a Hopf point: the eigenvalues are real"), -1;
    /* v = vec[0] + i vec[1], divided by its E component */
    double vr[2] = {lin.vec[0][0], lin.vec[0][1]}, vi[2] = {lin.vec[1][0], lin.vec[1][1]};
    double den = vr[0] * vr[0] + vi[0] * vi[0];
    if (!(den > 1e-24)) return wc_seterr("the Hopf point's eigenvector has no E component"), -1;
    double ar = vr[0] / den, ai = -vi[0] / den, Re[2], Im[2];   /* 1 / v_E */
    for (int k = 0; k < 2; k++) Re[k] = vr[k] * ar - vi[k] * ai, Im[k] = vr[k] * ai + vi[k] * ar;
    double nt = 0;
    for (size_t k = 0; k < q->M; k++) {
        size_t j = k / q->m < q->N ? k / q->m : q->N - 1;
        double tau = q->mesh[j] + (double)(k - j * q->m) / (double)q->m * (q->mesh[j + 1] - q->mesh[j]);
        double cs = cos(2 * M_PI * tau), sn = sin(2 * M_PI * tau);
        for (int c = 0; c < 2; c++) {
            double phi = Re[c] * cs - Im[c] * sn;
            x[2 * k + c] = q->sc[k] * (x0[c] + amp * phi);
            ta[2 * k + c] = q->sc[k] * phi;
            nt += ta[2 * k + c] * ta[2 * k + c];
        }
    }
    x[q->K] = log(2 * M_PI / lin.im[0]), x[q->K + 1] = h->par;
    ta[q->K] = ta[q->K + 1] = 0;
    for (size_t i = 0; i < q->n; i++) ta[i] /= sqrt(nt);
    return 0;
}

/* Peak-to-peak of rE over the nodes, and <u - mean, v - mean> of two cycles on the mesh. */
static double node_spread(const cyc *q, const double *x)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (size_t k = 0; k < q->M; k++) lo = fmin(lo, x[2 * k] / q->sc[k]), hi = fmax(hi, x[2 * k] / q->sc[k]);
    return hi - lo;
}

static double shape_dot(const cyc *q, const double *x, const double *y)
{
    double mx[2] = {0, 0}, my[2] = {0, 0}, d = 0;
    for (size_t k = 0; k < q->M; k++)
        for (int c = 0; c < 2; c++) mx[c] += q->sc[k] * x[2 * k + c], my[c] += q->sc[k] * y[2 * k + c];
    for (size_t k = 0; k < q->M; k++)   /* sc^2 are the weights; x = sc u */
        for (int c = 0; c < 2; c++) d += (x[2 * k + c] - q->sc[k] * mx[c]) * (y[2 * k + c] - q->sc[k] * my[c]);
    return d;
}

typedef struct {
    wc_pac c;
    double *x, *t, *xa, *ta, *xe, *te, *xl, *tl;
    double *box_lo, *box_hi;   /* the bounds (bound_box) */
} work;

static int follow(cyc *q, const wc_cycle_opts *co, work *w, branch_out *out)
{
    wc_pac *c = &w->c;
    wc_cycle_branch *b = out->b;
    size_t n = q->n;
    double *x = w->x, *t = w->t, *xa = w->xa, *ta = w->ta, h = co->h0, used, amp_max = 0;
    char at[160];
    for (;;) {
        if (b->npt >= co->max_points) {
            b->end = WC_END_POINTS;
            where(at, sizeof at, q, x);
            snprintf(b->why, sizeof b->why, "stopped after %zu cycles at %s", b->npt, at);
            return 0;
        }
        set_reference(q, x);
        memcpy(xa, x, n * sizeof *x), memcpy(ta, t, n * sizeof *t);
        if (wc_pac_step(c, x, t, &h, &used) < 0) {
            b->end = WC_END_FAILED;
            where(at, sizeof at, q, xa);
            snprintf(b->why, sizeof b->why, "the corrector failed after %s: %s", at, wc_errmsg());
            return 0;
        }
        /* back at an equilibrium: the amplitude small again, or through zero (the cycle's
         * shape against the last one's changes sign) */
        double spread = node_spread(q, x);
        amp_max = fmax(amp_max, spread);
        if (shape_dot(q, x, xa) < 0 || (amp_max > 8 * co->amp0 && spread < 2 * co->amp0)) {
            b->end = WC_END_HOPF;
            where(at, sizeof at, q, xa);
            snprintf(b->why, sizeof b->why, "the cycle shrank to an equilibrium (another Hopf point) after %s", at);
            return 0;
        }
        int k = crossed_bound(c, q, w->box_lo, w->box_hi, xa, ta, x, used, w->xe, w->te);
        if (k >= 0) memcpy(x, w->xe, n * sizeof *x), memcpy(t, w->te, n * sizeof *t);
        /* a fold of cycles on the way: the tangent's parameter component changes sign
         * (by more than the noise it has where the branch runs into a homoclinic orbit,
         * its parameter fixed to rounding while the period grows) */
        int lost = k == -2;
        if (!lost && (ta[n - 1] < 0) != (t[n - 1] < 0) && fmax(fabs(ta[n - 1]), fabs(t[n - 1])) > 1e-4) {
            double sb = 0;   /* x's arclength from xa, projected on ta (used, unless cut at a bound) */
            for (size_t i = 0; i < n; i++) sb += ta[i] * (x[i] - xa[i]);
            if (wc_pac_locate(c, xa, ta, ta[n - 1], sb, t[n - 1], test_fold, q, 1e-10, w->xl, w->tl) < 0) lost = 1;
            else if (push_fold(out, w->xl) < 0) return -1;
        }
        if (lost) {   /* a location's corrector failed */
            b->end = WC_END_FAILED;
            where(at, sizeof at, q, xa);
            snprintf(b->why, sizeof b->why, "locating a %s after %s failed: %s", k == -2 ? "bound" : "fold of cycles",
                     at, wc_errmsg());
            return 0;
        }
        if (push_cycle(out, x) < 0) return -1;
        if (k >= 0) {
            b->end = k < 2 ? WC_END_RANGE : WC_END_PERIOD;
            where(at, sizeof at, q, x);
            if (k < 2) snprintf(b->why, sizeof b->why, "reached the end of the range at %s", at);
            else
                snprintf(b->why, sizeof b->why, "the period reached %g ms (a homoclinic orbit is near) at %s",
                         co->period_max, at);
            return 0;
        }
        if (remesh(q, x, t) < 0) return -1;
    }
}

static int check_opts(const wc_cont_opts *o, const wc_cycle_opts *co)
{
    if (o->par < 0 || o->par >= WC_NPARAM) return wc_seterr("no such parameter"), -1;
    if (!(o->lo < o->hi)) return wc_seterr("empty parameter range"), -1;
    if (co->ncol < 2 || co->ncol > NCOL_MAX)
        return wc_seterr("ncol must be within 2..%d (collocation points per interval), not %zu", NCOL_MAX, co->ncol), -1;
    if (co->ntst < NTST_MIN || co->ntst > NTST_MAX)
        return wc_seterr("ntst must be within %d..%d (mesh intervals), not %zu", NTST_MIN, NTST_MAX, co->ntst), -1;
    if (!(co->h0 > 0) || !(co->hmax >= co->h0) || !isfinite(co->hmax))
        return wc_seterr("the steps must be 0 < h0 <= hmax (h0 %g, hmax %g)", co->h0, co->hmax), -1;
    if (!(co->amp0 > 0) || !(co->amp0 < 1)) return wc_seterr("amp0 must be within (0, 1), not %g", co->amp0), -1;
    if (!(co->period_max > 0) || !isfinite(co->period_max))
        return wc_seterr("period_max must be > 0 and finite, not %g", co->period_max), -1;
    if (co->max_points < 1) return wc_seterr("max_points must be >= 1"), -1;
    return 0;
}

int wc_cycle_from_hopf(const wc_cont_opts *o, const wc_cycle_opts *co, const wc_cont_special *hopf, int branch_id,
                       size_t nprof, wc_cycle_branch *b, wc_cont_special **sp, size_t *nsp)
{
    wc_cycle_opts dflt;
    if (!co) wc_cycle_opts_init(&dflt), co = &dflt;
    if (!o || !hopf || !b || !sp || !nsp) return wc_seterr("wc_cycle_from_hopf: a NULL argument"), -1;
    memset(b, 0, sizeof *b);
    b->nprof = nprof;
    if (check_opts(o, co) < 0) return -1;
    if (hopf->type != WC_SP_HOPF) return wc_seterr("not a Hopf point: a special point of type %s", wc_cont_type_name(hopf->type)), -1;
    cyc q;
    if (cyc_init(&q, o, co->ntst, co->ncol) < 0) return -1;
    q.log_tmax = log(co->period_max);
    work w = {0};
    int rc = -1;
    if (wc_pac_init_solver(&w.c, q.n, cyc_eval, cyc_solve, &q) < 0) goto done;
    w.c.hmax = co->hmax, w.c.hmin = 1e-4 * fmin(co->h0, 1e-3);
    w.c.fast_iters = 3;
    double *mem = malloc(9 * q.n * sizeof *mem);
    if (!mem) {
        wc_seterr("out of memory");
        goto done;
    }
    w.x = mem, w.t = mem + q.n, w.xa = mem + 2 * q.n, w.ta = mem + 3 * q.n, w.xe = mem + 4 * q.n, w.te = mem + 5 * q.n;
    w.xl = mem + 6 * q.n, w.tl = mem + 7 * q.n;
    if (bound_box(&q, &w.box_lo, &w.box_hi) < 0 || hopf_start(&q, hopf, co->amp0, w.x, w.ta) < 0) goto done;
    set_reference(&q, w.x);
    memcpy(w.xa, w.x, q.n * sizeof *w.x);
    branch_out out = {&q, b, 0, sp, nsp, branch_id};
    char at[160];
    if (wc_pac_correct(&w.c, w.x, w.ta, w.xa) < 0 || wc_pac_tangent(&w.c, w.x, w.ta, w.t) < 0) {
        b->end = WC_END_FAILED;
        where(at, sizeof at, &q, w.xa);
        snprintf(b->why, sizeof b->why, "no first cycle at %s: %s", at, wc_errmsg());
        rc = 0;
        goto done;
    }
    if (push_cycle(&out, w.x) < 0) goto done;
    rc = follow(&q, co, &w, &out);
done:
    if (rc < 0) wc_cycle_branch_free(b);
    free(w.x);
    free(w.box_lo);
    wc_pac_free(&w.c);
    cyc_free(&q);
    return rc;
}
