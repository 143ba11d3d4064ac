/* wc_fcd.c — functional connectivity dynamics: sliding-window FC, the FCD matrix, and
 * the summaries fits use (see wckit/wc_fcd.h). */
#include "wckit/wc_fcd.h"
#include "wckit/wc_err.h"
#include "wc_fc_internal.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct wc_fcd {
    size_t n, m, window, step;   /* m = n (n - 1) / 2 */
    int kind, normalised;
    double *ring;                /* the last `window` samples; sample k in slot k % window */
    long long seen;
    wc_fc_acc *acc;
    double *mat;                 /* n x n: one window's matrix */
    double *upper;               /* nwin x m */
    size_t nwin, cap;
};

wc_fcd *wc_fcd_new(size_t n, size_t window, size_t step, int kind)
{
    if (n < 3) {
        wc_seterr("FCD needs at least 3 channels (got %zu)", n);
        return NULL;
    }
    if (window < 2 || step < 1) {
        wc_seterr("FCD windows need at least 2 samples and a step of at least 1");
        return NULL;
    }
    if ((double)window * (double)n > (double)WC_FCD_VALUES_MAX) {
        wc_seterr("a window of %zu samples x %zu channels is too large", window, n);
        return NULL;
    }
    wc_fcd *f = calloc(1, sizeof *f);
    if (f) {
        *f = (wc_fcd){.n = n, .m = n * (n - 1) / 2, .window = window, .step = step, .kind = kind};
        f->ring = malloc(window * n * sizeof *f->ring);
        f->mat = malloc(n * n * sizeof *f->mat);
        f->acc = wc_fc_acc_new(n);
    }
    if (!f || !f->ring || !f->mat || !f->acc) {
        wc_fcd_free(f);
        wc_seterr("out of memory");
        return NULL;
    }
    return f;
}

void wc_fcd_free(wc_fcd *f)
{
    if (!f) return;
    free(f->ring), free(f->mat), free(f->upper);
    wc_fc_acc_free(f->acc);
    free(f);
}

size_t wc_fcd_nwindows(const wc_fcd *f) { return f->nwin; }
const double *wc_fcd_upper(const wc_fcd *f, size_t k) { return f->upper + k * f->m; }

/* The ring holds exactly the window just completed: oldest sample first. */
static int close_window(wc_fcd *f)
{
    size_t k = f->nwin, p = (size_t)(f->seen % (long long)f->window);
    if ((double)(k + 1) * (double)(k + 1 + f->m) > (double)WC_FCD_VALUES_MAX)
        return wc_seterr("more than %zu windows: use a longer step", k);
    if (k == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 64;
        double *more = realloc(f->upper, cap * f->m * sizeof *more);
        if (!more) return wc_seterr("out of memory");
        f->upper = more, f->cap = cap;
    }
    wc_fc_acc_reset(f->acc);
    wc_fc_acc_add(f->acc, f->ring + p * f->n, f->window - p);
    wc_fc_acc_add(f->acc, f->ring, p);
    if (wc_fc_acc_result(f->acc, f->kind, f->mat, NULL) < 0) return -1;
    wc_fc_upper(f->mat, f->n, f->upper + k * f->m);
    f->nwin++;
    return 0;
}

int wc_fcd_add(wc_fcd *f, const double *x, size_t rows)
{
    if (f->normalised) return wc_seterr("samples added after the FCD matrix was computed");
    for (size_t r = 0; r < rows; r++) {
        memcpy(f->ring + (size_t)(f->seen % (long long)f->window) * f->n, x + r * f->n, f->n * sizeof *x);
        f->seen++;
        long long past = f->seen - (long long)f->window;
        if (past >= 0 && past % (long long)f->step == 0 && close_window(f) < 0) return -1;
    }
    return 0;
}

int wc_fcd_matrix(wc_fcd *f, double *out)
{
    size_t K = f->nwin, m = f->m;
    if (K < 2) return wc_seterr("%zu complete window%s: at least 2 are needed for an FCD", K, K == 1 ? "" : "s");
    /* centre each triangle and scale it to unit length: then FCD = U U' */
    if (!f->normalised)
        for (size_t k = 0; k < K; k++) {
            double *u = f->upper + k * m, mean = 0, ss = 0;
            for (size_t i = 0; i < m; i++) mean += u[i];
            mean /= (double)m;
            for (size_t i = 0; i < m; i++) ss += (u[i] - mean) * (u[i] - mean);
            double scale = wc_fc_is_constant(ss / (double)m, mean) ? 0 : 1 / sqrt(ss);
            for (size_t i = 0; i < m; i++) u[i] = (u[i] - mean) * scale;
        }
    f->normalised = 1;
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, (int)K, (int)m, 1.0, f->upper, (int)m, 0.0, out, (int)K);
    for (size_t i = 0; i < K; i++) {
        out[i * K + i] = 1;
        for (size_t j = i + 1; j < K; j++) {
            double r = out[i * K + j];
            out[i * K + j] = out[j * K + i] = r > 1 ? 1 : r < -1 ? -1 : r;
        }
    }
    return 0;
}

/* The strict upper triangle of the k x k matrix m, malloc'ed (NULL when out of memory). */
static double *upper_copy(const double *m, size_t k, size_t *len)
{
    *len = k * (k - 1) / 2;
    double *v = malloc((*len ? *len : 1) * sizeof *v);
    if (v) wc_fc_upper(m, k, v);
    return v;
}

int wc_fcd_hist(const double *m, size_t k, size_t bins, double *out)
{
    size_t len;
    double *v = upper_copy(m, k, &len), width = 2.0 / (double)bins;
    if (!v) return wc_seterr("out of memory");
    memset(out, 0, bins * 3 * sizeof *out);
    for (size_t i = 0; i < len; i++) {
        double b = floor((v[i] + 1) / width);
        out[3 * (b < 0 ? 0 : b >= (double)bins ? bins - 1 : (size_t)b) + 1] += 1;
    }
    for (size_t b = 0; b < bins; b++) {
        out[3 * b] = -1 + ((double)b + 0.5) * width;
        out[3 * b + 2] = out[3 * b + 1] / ((double)len * width);
    }
    free(v);
    return 0;
}

double wc_fcd_ks(const double *a, size_t ka, const double *b, size_t kb)
{
    size_t na, nb;
    double *va = upper_copy(a, ka, &na), *vb = upper_copy(b, kb, &nb);
    double d = va && vb && na && nb ? wc_fc_ks(va, na, vb, nb) : NAN;
    free(va), free(vb);
    return d;
}
