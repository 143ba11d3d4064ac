/* wc_cont_eq.c — the equilibrium problem and its derivatives (wc_cont_internal.h). */
#include "wc_cont_internal.h"

#include "wckit/wc_model.h"

#include <math.h>

void wc_eq_rhs(const wc_params *p, const double x[2], double f[2])
{
    wc_model_rhs(p, x[0], x[1], p->I_E, p->I_I, &f[0], &f[1]);
}

void wc_eq_jac(const wc_params *p, const double x[2], double J[2][2])
{
    wc_model_jacobian(p, x[0], x[1], p->I_E, p->I_I, J);
}

static double par_step(double v) { return 1e-6 * (1 + fabs(v)); }

void wc_eq_dpar(const wc_params *p, int id, const double x[2], double fp[2])
{
    if (id == WC_P_I_E || id == WC_P_I_I) {
        int k = id == WC_P_I_I;
        double s = k ? p->wIE * x[0] - p->wII * x[1] + p->I_I : p->wEE * x[0] - p->wEI * x[1] + p->I_E;
        double dF = k ? wc_model_sigmoid_deriv(s, p->a_I, p->theta_I) : wc_model_sigmoid_deriv(s, p->a_E, p->theta_E);
        fp[k] = (1.0 - p->r * x[k]) * dF / (k ? p->tau_I : p->tau_E);
        fp[!k] = 0;
        return;
    }
    wc_params q = *p;
    double h = par_step(p->v[id]), fa[2], fb[2];
    q.v[id] = p->v[id] + h;
    wc_eq_rhs(&q, x, fa);
    q.v[id] = p->v[id] - h;
    wc_eq_rhs(&q, x, fb);
    fp[0] = (fa[0] - fb[0]) / (2 * h), fp[1] = (fa[1] - fb[1]) / (2 * h);
}

void wc_eq_djac_dx(const wc_params *p, const double x[2], int k, double dJ[2][2])
{
    double ek[2] = {k == 0, k == 1};
    for (int j = 0; j < 2; j++) {
        double ej[2] = {j == 0, j == 1}, out[2];
        wc_model_deriv2(p, x[0], x[1], p->I_E, p->I_I, ej, ek, out);
        dJ[0][j] = out[0], dJ[1][j] = out[1];
    }
}

void wc_eq_djac_dpar(const wc_params *p, int id, const double x[2], double dJ[2][2])
{
    wc_params q = *p;
    double h = par_step(p->v[id]), Ja[2][2], Jb[2][2];
    q.v[id] = p->v[id] + h;
    wc_eq_jac(&q, x, Ja);
    q.v[id] = p->v[id] - h;
    wc_eq_jac(&q, x, Jb);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) dJ[i][j] = (Ja[i][j] - Jb[i][j]) / (2 * h);
}
