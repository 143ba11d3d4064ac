/* wc_model.c — scalar Wilson–Cowan right-hand side and Jacobian (see wc_model.h). */
#include "wckit/wc_model.h"

#include <math.h>

double wc_model_logistic(double x) { return 1.0 / (1.0 + exp(-x)); }

double wc_model_sigmoid(double x, double a, double theta)
{
    return wc_model_logistic(a * (x - theta)) - wc_model_logistic(-a * theta);
}

double wc_model_sigmoid_deriv(double x, double a, double theta)
{
    double s = wc_model_logistic(a * (x - theta));
    return a * s * (1.0 - s);
}

void wc_model_rhs(const wc_params *p, double rE, double rI, double IE, double II, double *fE, double *fI)
{
    double FE = wc_model_sigmoid(p->wEE * rE - p->wEI * rI + IE, p->a_E, p->theta_E);
    double FI = wc_model_sigmoid(p->wIE * rE - p->wII * rI + II, p->a_I, p->theta_I);
    *fE = (-rE + (1.0 - p->r * rE) * FE) / p->tau_E;
    *fI = (-rI + (1.0 - p->r * rI) * FI) / p->tau_I;
}

void wc_model_jacobian(const wc_params *p, double rE, double rI, double IE, double II, double J[2][2])
{
    double xE = p->wEE * rE - p->wEI * rI + IE, xI = p->wIE * rE - p->wII * rI + II;
    double FE = wc_model_sigmoid(xE, p->a_E, p->theta_E), dFE = wc_model_sigmoid_deriv(xE, p->a_E, p->theta_E);
    double FI = wc_model_sigmoid(xI, p->a_I, p->theta_I), dFI = wc_model_sigmoid_deriv(xI, p->a_I, p->theta_I);
    double gE = 1.0 - p->r * rE, gI = 1.0 - p->r * rI;
    J[0][0] = (-1.0 - p->r * FE + gE * dFE * p->wEE) / p->tau_E;
    J[0][1] = (gE * dFE * -p->wEI) / p->tau_E;
    J[1][0] = (gI * dFI * p->wIE) / p->tau_I;
    J[1][1] = (-1.0 - p->r * FI - gI * dFI * p->wII) / p->tau_I;
}
