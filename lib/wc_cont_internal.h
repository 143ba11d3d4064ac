/* wc_cont_internal.h — the equilibrium problem f(x; p) = 0 of one node at constant
 * input, shared by the continuation modules (wc_cont.c, wc_cont2.c, wc_cycle.c). */
#ifndef WC_CONT_INTERNAL_H
#define WC_CONT_INTERNAL_H

#include "wckit/wc_params.h"

/** f(x) at the parameters' own inputs I_E, I_I. */
void wc_eq_rhs(const wc_params *p, const double x[2], double f[2]);
/** df/dx (analytic). */
void wc_eq_jac(const wc_params *p, const double x[2], double J[2][2]);
/** df/dp for parameter id: analytic for I_E and I_I, else a central difference with
 *  step 1e-6 (1 + |p|) (error ~1e-12 relative). */
void wc_eq_dpar(const wc_params *p, int id, const double x[2], double fp[2]);
/** dJ/dx_k (from wc_model_deriv2): dJ[i][j] = d^2 f_i / dx_j dx_k. */
void wc_eq_djac_dx(const wc_params *p, const double x[2], int k, double dJ[2][2]);
/** dJ/dp for parameter id: central difference of the analytic Jacobian. */
void wc_eq_djac_dpar(const wc_params *p, int id, const double x[2], double dJ[2][2]);

#endif
