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

/* One population's f = (-x + (1 - r x) F(s)) / tau, with s = w_self x + w_other y + I
 * linear in the state: its derivatives along directions are products of the sigmoid's
 * derivatives and the directions' projections ds = w . u and dx = u_own. */
typedef struct {
    double g, r, tau;       /* 1 - r x, r, tau */
    double F1, F2, F3;      /* F', F'', F''' at s */
    double w[2];            /* ds/d(rE, rI) */
    int own;                /* 0 for E, 1 for I */
} pop_derivs;

static pop_derivs pop_at(const wc_params *p, int own, double rE, double rI, double IE, double II)
{
    pop_derivs d = {.r = p->r, .own = own};
    double a, theta, s;
    if (own == 0) {
        d.w[0] = p->wEE, d.w[1] = -p->wEI, a = p->a_E, theta = p->theta_E, d.tau = p->tau_E, d.g = 1.0 - p->r * rE;
        s = p->wEE * rE - p->wEI * rI + IE;
    }
    else {
        d.w[0] = p->wIE, d.w[1] = -p->wII, a = p->a_I, theta = p->theta_I, d.tau = p->tau_I, d.g = 1.0 - p->r * rI;
        s = p->wIE * rE - p->wII * rI + II;
    }
    double L = wc_model_logistic(a * (s - theta)), q = L * (1.0 - L);
    d.F1 = a * q;
    d.F2 = a * a * q * (1.0 - 2.0 * L);
    d.F3 = a * a * a * q * (1.0 - 6.0 * L + 6.0 * L * L);
    return d;
}

static double proj(const double w[2], const double u[2]) { return w[0] * u[0] + w[1] * u[1]; }

void wc_model_deriv2(const wc_params *p, double rE, double rI, double IE, double II, const double u[2],
                     const double v[2], double out[2])
{
    for (int k = 0; k < 2; k++) {
        pop_derivs d = pop_at(p, k, rE, rI, IE, II);
        double su = proj(d.w, u), sv = proj(d.w, v);
        out[k] = (d.g * d.F2 * su * sv - d.r * (u[k] * d.F1 * sv + v[k] * d.F1 * su)) / d.tau;
    }
}

void wc_model_deriv3(const wc_params *p, double rE, double rI, double IE, double II, const double u[2],
                     const double v[2], const double w[2], double out[2])
{
    for (int k = 0; k < 2; k++) {
        pop_derivs d = pop_at(p, k, rE, rI, IE, II);
        double su = proj(d.w, u), sv = proj(d.w, v), sw = proj(d.w, w);
        out[k] = (d.g * d.F3 * su * sv * sw - d.r * d.F2 * (u[k] * sv * sw + v[k] * su * sw + w[k] * su * sv)) / d.tau;
    }
}
