/* wc_model.h — the Wilson–Cowan right-hand side and its analytic Jacobian
 * (wc-model(7), EQUATIONS and INTEGRATORS).
 *
 *   tau_E drE/dt = -rE + (1 - r rE) F_E(wEE rE - wEI rI + I_E)
 *   tau_I drI/dt = -rI + (1 - r rI) F_I(wIE rE - wII rI + I_I)
 *   F(x) = 1/(1 + exp(-a (x - theta))) - 1/(1 + exp(a theta))        (F(0) = 0)
 *
 * These scalar functions are the readable statement of the model, used by tools that
 * need a derivative (fixed points, continuation) and by tests; time stepping of many
 * nodes goes through the vectorised kernels in wc_integrate.h. */
#ifndef WC_MODEL_H
#define WC_MODEL_H

#include "wc_params.h"

#ifdef __cplusplus
extern "C" {
#endif

/** 1/(1 + exp(-x)). */
double wc_model_logistic(double x);
/** The shifted sigmoid F(x) with gain a and threshold theta; F(0) = 0. */
double wc_model_sigmoid(double x, double a, double theta);
/** dF/dx. */
double wc_model_sigmoid_deriv(double x, double a, double theta);

/** Time derivatives (1/ms) at state (rE, rI) with total inputs IE, II
 *  (I_E/I_I of p are NOT added: pass p->I_E + stimulus + noise yourself). */
void wc_model_rhs(const wc_params *p, double rE, double rI, double IE, double II, double *fE, double *fI);

/** Analytic Jacobian J[k][l] = d f_k / d x_l with x = (rE, rI), inputs held fixed. */
void wc_model_jacobian(const wc_params *p, double rE, double rI, double IE, double II, double J[2][2]);

/** Second derivative of the right-hand side along u and v, D2f(x)[u, v] (1/ms; the
 *  bilinear form B of bifurcation theory), inputs held fixed. */
void wc_model_deriv2(const wc_params *p, double rE, double rI, double IE, double II, const double u[2],
                     const double v[2], double out[2]);
/** Third derivative along u, v and w, D3f(x)[u, v, w] (the trilinear form C). */
void wc_model_deriv3(const wc_params *p, double rE, double rI, double IE, double II, const double u[2],
                     const double v[2], const double w[2], double out[2]);

#ifdef __cplusplus
}
#endif
#endif
