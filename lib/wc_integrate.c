/* wc_integrate.c — method names and the structure-of-arrays node store (see
 * wckit/wc_integrate.h); the stepping itself is the vector kernels' (wc_kernels.c). */
#include "wckit/wc_integrate.h"
#include "wckit/wc_err.h"
#include "wckit/wc_model.h"

#include <stdlib.h>
#include <string.h>

static const char *const method_names[WC_NMETHOD] = {"expeuler", "euler", "heun", "rk4"};
static const int method_orders[WC_NMETHOD] = {1, 1, 2, 4};

int wc_integrate_method_parse(const char *s)
{
    for (int m = 0; m < WC_NMETHOD; m++)
        if (strcmp(s, method_names[m]) == 0) return m;
    if (strcmp(s, "rk2") == 0) return WC_HEUN;
    return -1;
}

const char *wc_integrate_method_name(int m) { return method_names[m]; }
int wc_integrate_method_order(int m) { return method_orders[m]; }

size_t wc_integrate_padded(size_t n) { return (n + WC_LANES - 1) / WC_LANES * WC_LANES; }

#define SOA_NARRAYS 13


int wc_integrate_init(wc_soa *s, const wc_params *p, size_t n)
{
    wc_integrate_simd_name(); /* settle the kernel choice here, before any stepping thread reads it */
    memset(s, 0, sizeof *s);
    s->n = n;
    s->cap = wc_integrate_padded(n > 0 ? n : 1);
    s->mem = aligned_alloc(64, SOA_NARRAYS * s->cap * sizeof(double));
    if (!s->mem) return wc_seterr("out of memory for %zu nodes", n);
    double **arr[SOA_NARRAYS] = {&s->inv_tau_E, &s->inv_tau_I, &s->a_E, &s->a_I, &s->theta_E, &s->theta_I,
                                 &s->wEE, &s->wEI, &s->wIE, &s->wII, &s->r, &s->FE0, &s->FI0};
    for (int k = 0; k < SOA_NARRAYS; k++) *arr[k] = s->mem + k * s->cap;
    for (size_t i = 0; i < s->cap; i++) {
        const wc_params *q = &p[i < n ? i : 0];
        s->inv_tau_E[i] = 1.0 / q->tau_E;
        s->inv_tau_I[i] = 1.0 / q->tau_I;
        s->a_E[i] = q->a_E; s->a_I[i] = q->a_I;
        s->theta_E[i] = q->theta_E; s->theta_I[i] = q->theta_I;
        s->wEE[i] = q->wEE; s->wEI[i] = q->wEI; s->wIE[i] = q->wIE; s->wII[i] = q->wII;
        s->r[i] = q->r;
        s->FE0[i] = wc_model_logistic(-q->a_E * q->theta_E);
        s->FI0[i] = wc_model_logistic(-q->a_I * q->theta_I);
    }
    return 0;
}

void wc_integrate_free(wc_soa *s)
{
    free(s->mem);
    memset(s, 0, sizeof *s);
}
