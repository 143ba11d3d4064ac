/* wc_netlin.h — the linear stability of a network's fixed point, without delays: the
 * fixed point of N identical coupled nodes with constant inputs, the 2N x 2N Jacobian
 * there and its spectrum (wc-model(7), NETWORKS).
 *
 * The network is the one wc_sim steps with a wc_net built without lengths: node i gets
 * c_i = k sum_j C_ij (rE_j - rE_i) (diffusive) or k sum_j C_ij rE_j (additive) added to
 * its E input, the diagonal of C ignored unless keep_self (as wc_net_build).  States are
 * ordered x = (rE_0 .. rE_{N-1}, rI_0 .. rI_{N-1}), as wc_sim's columns; J is row-major,
 * J[a * 2N + b] = d f_a / d x_b, in 1/ms.
 *
 * Delays are ignored.  With conduction delays the characteristic equation
 * det(lambda I - A - sum_d B_d e^{-lambda tau_d}) = 0 is transcendental: delays do not
 * move the fixed points (the coupling is the same at a constant state) but can change
 * their stability, in either direction.  The spectrum here is exact for zero delays
 * only; for a delayed network it is the tau -> 0 limit.
 *
 * Two facts worth knowing when reading the results.  Diffusive coupling vanishes on a
 * homogeneous state, so every single-node fixed point, copied to all nodes, is a network
 * fixed point for every k; for a symmetric C its spectrum is the union over the
 * Laplacian's eigenvalues l_m of the eigenvalues of J0 - k l_m g e1 e1^T (g = (1 - r rE*)
 * F_E'(s*) / tau_E >= 0).  Since l_m >= 0 and J0[1][1] < 0 (whenever r rI* <= 1), k > 0
 * can only lower those blocks' trace and raise their determinant: without delays,
 * diffusive coupling through a symmetric non-negative C never destabilises a stable node
 * (and, for any C, never stabilises an unstable one: l_0 = 0 keeps J0's eigenvalues).
 * Additive coupling adds k C_ij rE_j to the inputs, so the fixed point is in general not
 * homogeneous and moves with k; the rest state rE = rI = 0 with I_E = I_I = 0 stays one
 * (F(0) = 0). */
#ifndef WC_NETLIN_H
#define WC_NETLIN_H

#include <stddef.h>
#include "wc_matrix.h"
#include "wc_net.h"
#include "wc_params.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Newton's target: the inf-norm of the network's right-hand side, 1/ms. */
#define WC_NETLIN_TOL 1e-12
/** A fixed point whose rE spread over the nodes is at most this is called homogeneous. */
#define WC_NETLIN_HOMOGENEOUS 1e-9
/** The width to which wc_netlin_scan bisects the k where stability is lost (or to the
 *  last bit, for |k| beyond about 1e5). */
#define WC_NETLIN_KTOL 1e-10

/** The figures of one fixed point at one coupling strength. */
typedef struct {
    double k;             /* the global coupling */
    int found;            /* 1: Newton reached |f| <= WC_NETLIN_TOL; 0: no fixed point found
                           * (iters and resid are Newton's last, the figures below NaN or 0) */
    int iters;            /* Newton iterations (0: the start was one) */
    double resid;         /* inf-norm of the right-hand side at the fixed point, 1/ms */
    double spread;        /* max_i rE_i - min_i rE_i */
    int homogeneous;      /* spread <= WC_NETLIN_HOMOGENEOUS */
    double rE_mean, rI_mean;  /* the node average of the fixed point */
    double re_max;        /* the largest real part of the 2N eigenvalues, 1/ms */
    double im_max;        /* |imaginary part| of that eigenvalue, rad/ms: the angular frequency
                           * of the first mode to destabilise (f = im_max / 2 pi, kHz) */
    size_t n_unstable;    /* eigenvalues with a positive real part */
    int stable;           /* re_max < 0 (a linearly stable fixed point) */
} wc_netlin_summary;

/** A fixed point and its linearisation (wc_netlin_analyse). */
typedef struct {
    size_t n;             /* nodes */
    wc_netlin_summary s;
    double *rE, *rI;      /* n each: the fixed point */
    double *J;            /* 2n x 2n, row-major, states ordered (rE_0 .., rI_0 ..) */
    double *re, *im;      /* 2n eigenvalues by decreasing real part; a complex pair with
                           * the positive imaginary part first */
} wc_netlin;

/** The network's right-hand side at state (rE, rI) (n values each): fE, fI (n each, 1/ms),
 *  inputs p->I_E + c_i and p->I_I, coupling k = o->k of type o->coupling (o->speed, dt
 *  and delay are ignored).  @return 0, or -1 with wc_errmsg() set (n != C->n, n = 0, a
 *  weight that is not finite, a parameter out of range, an unknown coupling). */
int wc_netlin_rhs(const wc_params *p, const wc_matrix *C, const wc_net_opts *o, size_t n, const double *rE,
                  const double *rI, double *fE, double *fI);

/** The analytic 2n x 2n Jacobian at (rE, rI) into J (4 n^2 values): per node the 2 x 2
 *  wc_model_jacobian at its total input, plus dfE_i/drE_j = (1 - r rE_i) F_E'(s_i) k C_ij /
 *  tau_E and, for diffusive coupling, dfE_i/drE_i -= (1 - r rE_i) F_E'(s_i) k sum_j C_ij /
 *  tau_E.  @return 0, or -1 as wc_netlin_rhs. */
int wc_netlin_jacobian(const wc_params *p, const wc_matrix *C, const wc_net_opts *o, size_t n, const double *rE,
                       const double *rI, double *J);

/** Newton (LAPACKE_dgesv on the analytic Jacobian, with step halving) from (rE, rI) to
 *  a network fixed point, |f| <= WC_NETLIN_TOL (inf-norm); rE, rI get it.  iters and
 *  resid (may be NULL) get the iterations and the final inf-norm.
 *  @return 0, or -1 with wc_errmsg() set (bad input as wc_netlin_rhs, a singular
 *  Jacobian, a step that lowers |f| by no halving, no convergence in 60 iterations; rE, rI then hold the last iterate). */
int wc_netlin_newton(const wc_params *p, const wc_matrix *C, const wc_net_opts *o, size_t n, double *rE, double *rI,
                     int *iters, double *resid);

/** The m eigenvalues of the m x m row-major matrix A (LAPACKE_dgeev; A is not changed)
 *  into re, im, sorted as in wc_netlin.  @return 0, or -1 (m = 0, A not finite, LAPACK
 *  failed, out of memory). */
int wc_netlin_eigenvalues(size_t m, const double *A, double *re, double *im);

/** The network fixed point started from the single-node state (rE0, rI0) on every node
 *  (for diffusive coupling a fixed point of the node is one of the network; for additive
 *  coupling Newton moves it), the Jacobian there and its spectrum, at k = o->k.  No
 *  fixed point found is not an error: out->s.found = 0, and out->rE, rI hold Newton's last
 *  iterate (J, re, im NULL).  Free with wc_netlin_free.
 *  @return 0, or -1 with wc_errmsg() set (bad input, out of memory, LAPACK failed). */
int wc_netlin_analyse(const wc_params *p, const wc_matrix *C, const wc_net_opts *o, double rE0, double rI0,
                      wc_netlin *out);
void wc_netlin_free(wc_netlin *nl);

/** How a fixed point lost its stability. */
enum wc_netlin_loss_kind {
    WC_NETLIN_LOSS_NONE,      /* no stable k followed by an unstable one in the list */
    WC_NETLIN_LOSS_COMPLEX,   /* a complex pair crossed (a Hopf bifurcation: oscillation at im_max) */
    WC_NETLIN_LOSS_REAL,      /* a real eigenvalue crossed zero (fold, transcritical, pitchfork) */
    WC_NETLIN_LOSS_VANISHED   /* the fixed point's branch ended (Newton found none beyond) */
};
/** "none", "complex", "real", "vanished". */
const char *wc_netlin_loss_name(int kind);

/** Where a scan over k first lost stability. */
typedef struct {
    int kind;             /* enum wc_netlin_loss_kind */
    size_t index;         /* the first i >= 1 with rows[i-1] stable and rows[i] not; nk if none */
    double k;             /* the threshold, bisected between ks[index-1] and ks[index] to a
                           * width of WC_NETLIN_KTOL (the bracket's middle); NaN if none */
    double k_lo, k_hi;    /* the final bracket: stable at k_lo, not at k_hi */
    wc_netlin_summary below, above;   /* the figures at k_lo and k_hi */
} wc_netlin_loss;

/** The figures of wc_netlin_analyse for every k in ks (o->k is ignored), into rows (nk),
 *  and (loss, may be NULL) where stability is first lost along the list.  The ks are
 *  taken in the order given, each Newton starting from the previous k's fixed point (the
 *  first, and any after a failure, from (rE0, rI0) on every node), so an ascending list
 *  of small steps follows the branch that starts at k = ks[0]; it then answers "where
 *  does the network first destabilise as k grows".  The bisection follows the branch
 *  from the stable side.  @return 0, or -1 with wc_errmsg() set (bad input, a k that is
 *  not finite, nk = 0, out of memory, LAPACK failed). */
int wc_netlin_scan(const wc_params *p, const wc_matrix *C, const wc_net_opts *o, double rE0, double rI0,
                   const double *ks, size_t nk, wc_netlin_summary *rows, wc_netlin_loss *loss);

#ifdef __cplusplus
}
#endif
#endif
