/* wc_conn.c — connectome statistics, normalisation, thresholds and synthetic
 * connectomes (see wc_conn.h). */
#include "wckit/wc_conn.h"
#include "wckit/wc_err.h"
#include "wckit/wc_limits.h"
#include "wckit/wc_rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Tries at placing one node before giving up (the default spacing fills about 2 % of
 * the volume, so a handful are enough). */
#define PLACE_TRIES 1000000

void wc_conn_stats_compute(const wc_matrix *c, wc_conn_stats *s)
{
    size_t n = c->n;
    double sum = 0;
    memset(s, 0, sizeof *s);
    s->n = n;
    s->w_min = s->rowsum_min = INFINITY;
    s->w_max = s->rowsum_max = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double row = 0;
        for (size_t j = 0; j < n; j++) {
            double w = c->a[i * n + j], a = fabs(w - c->a[j * n + i]);
            if (a > s->asym_max) s->asym_max = a;
            if (i == j) {
                s->diag_nonzero += w != 0;
                continue;
            }
            row += w;
            if (w == 0) continue;
            s->edges++;
            s->negative += w < 0;
            sum += w;
            if (w < s->w_min) s->w_min = w;
            if (w > s->w_max) s->w_max = w;
        }
        if (row < s->rowsum_min) s->rowsum_min = row;
        if (row > s->rowsum_max) s->rowsum_max = row;
    }
    s->density = n > 1 ? (double)s->edges / ((double)n * (double)(n - 1)) : NAN;
    s->w_mean = s->edges ? sum / (double)s->edges : NAN;
    if (!s->edges) s->w_min = s->w_max = NAN;
}

int wc_conn_delays_compute(const wc_matrix *c, const wc_matrix *d, double speed, double dt, wc_conn_delays *s)
{
    size_t n = c->n;
    double sum = 0;
    memset(s, 0, sizeof *s);
    if (d->n != n) return wc_seterr("the lengths are %zu x %zu but the weights %zu x %zu", d->n, d->n, n, n);
    s->len_min = INFINITY;
    s->len_max = -INFINITY;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double len = d->a[i * n + j];
            if (i == j || c->a[i * n + j] == 0) continue;
            if (!(len >= 0)) return wc_seterr("length (%zu, %zu) is negative: %g", i, j, len);
            s->edges++;
            sum += len;
            if (len < s->len_min) s->len_min = len;
            if (len > s->len_max) s->len_max = len;
        }
    if (!s->edges) {
        s->len_min = s->len_max = s->len_mean = NAN;
        s->delay_min = s->delay_max = s->steps_min = s->steps_max = NAN;
        return 0;
    }
    s->len_mean = sum / (double)s->edges;
    /* as the simulator computes them (lib/wc_net.c): tau = D / v, then ceil(tau / dt) */
    s->delay_min = s->len_min / speed;
    s->delay_max = s->len_max / speed;
    s->steps_min = ceil(s->delay_min / dt);
    s->steps_max = ceil(s->delay_max / dt);
    return 0;
}

int wc_conn_norm_parse(const char *s)
{
    static const char *const names[] = {"none", "max", "rowsum"};
    for (int k = 0; k < 3; k++)
        if (strcmp(s, names[k]) == 0) return k;
    return -1;
}

int wc_conn_norm(wc_matrix *c, int by, size_t *zero_rows)
{
    size_t n = c->n, zero = 0;
    if (by == WC_NORM_MAX) {
        double big = 0;
        for (size_t k = 0; k < n * n; k++)
            if (fabs(c->a[k]) > big) big = fabs(c->a[k]);
        if (big == 0) return wc_seterr("every weight is 0: nothing to divide by");
        for (size_t k = 0; k < n * n; k++) c->a[k] /= big;
    } else if (by == WC_NORM_ROWSUM) {
        for (size_t i = 0; i < n; i++) {
            double sum = 0;
            for (size_t j = 0; j < n; j++) sum += c->a[i * n + j];
            if (sum == 0) {
                zero++;
                continue;
            }
            for (size_t j = 0; j < n; j++) c->a[i * n + j] /= sum;
        }
    }
    if (zero_rows) *zero_rows = zero;
    return 0;
}

static int by_size_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

double wc_conn_keep_cut(const wc_matrix *c, double f)
{
    size_t n = c->n, e = 0;
    double *w = malloc((n ? n * n : 1) * sizeof *w);
    if (!w) return NAN;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (i != j && c->a[i * n + j] != 0) w[e++] = fabs(c->a[i * n + j]);
    /* ceil(f E), forgiving the rounding of f (0.1 * 6320 is 632.0000000000001) */
    double x = f * (double)e;
    size_t k = x > 1e-6 ? (size_t)ceil(x - 1e-6) : 0;
    double cut = INFINITY;
    if (k > 0) {
        qsort(w, e, sizeof *w, by_size_desc);
        cut = w[k - 1];
    }
    free(w);
    return cut;
}

size_t wc_conn_threshold(wc_matrix *c, double cut)
{
    size_t n = c->n, kept = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double *w = &c->a[i * n + j];
            if (i == j || *w == 0) continue;
            if (fabs(*w) < cut) *w = 0;
            else kept++;
        }
    return kept;
}

/* ---- synthetic connectomes ---- */

void wc_conn_gen_opts_init(wc_conn_gen_opts *o)
{
    *o = (wc_conn_gen_opts){.n = 80, .lambda = 10, .density = 1, .axes = {140, 170, 120}, .sep = 0.3};
}

double wc_conn_exp(double x)
{
    /* x = k ln2 + r, |r| <= ln2/2 (ln2 split in two, fdlibm's constants: k * LN2_HI is
     * exact), exp(r) by its Taylor series to r^13 (error < 1e-17), times 2^k. */
    static const double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10,
                        LOG2E = 1.44269504088896338700e+00;
    if (x != x) return x;
    if (x > 709.8) return INFINITY;
    if (x < -745.2) return 0;
    double k = floor(x * LOG2E + 0.5);
    double r = (x - k * LN2_HI) - k * LN2_LO, p = 1.0 / 6227020800.0;   /* 1/13! */
    static const double inv_fact[] = {1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0,
                                      1.0 / 40320.0,     1.0 / 5040.0,     1.0 / 720.0,     1.0 / 120.0,
                                      1.0 / 24.0,        1.0 / 6.0,        0.5,             1.0,
                                      1.0};
    for (size_t i = 0; i < sizeof inv_fact / sizeof *inv_fact; i++) p = p * r + inv_fact[i];
    return scalbn(p, (int)k);
}

/* Cube root of y > 0 by Newton's method from above, in + - * / only. */
static double cube_root(double y)
{
    double x = y > 1 ? y : 1;
    for (int it = 0; it < 2000; it++) {
        double nx = (2 * x + y / (x * x)) / 3;
        if (!(nx < x)) break;
        x = nx;
    }
    return x;
}

/* Node positions: uniform in the ellipsoid (rejection from the bounding box), at least
 * sqrt(sep2) apart; try t of node i draws words (i, 2t) and (i, 2t + 1). */
static int place(const wc_conn_gen_opts *o, double sep2, double *pos)
{
    double half[3] = {o->axes[0] / 2, o->axes[1] / 2, o->axes[2] / 2};
    for (size_t i = 0; i < o->n; i++) {
        uint64_t t;
        for (t = 0; t < PLACE_TRIES; t++) {
            double u[4], p[3], r2 = 0;
            wc_rng_uniform2(o->seed, WC_CONN_STREAM, (uint32_t)i, 2 * t, u);
            wc_rng_uniform2(o->seed, WC_CONN_STREAM, (uint32_t)i, 2 * t + 1, u + 2);
            for (int a = 0; a < 3; a++) {
                double v = 2 * u[a] - 1;
                r2 += v * v;
                p[a] = v * half[a];
            }
            if (r2 > 1) continue;
            size_t j;
            for (j = 0; j < i; j++) {
                double d2 = 0;
                for (int a = 0; a < 3; a++) d2 += (p[a] - pos[3 * j + a]) * (p[a] - pos[3 * j + a]);
                if (d2 < sep2) break;
            }
            if (j < i) continue;
            memcpy(pos + 3 * i, p, sizeof p);
            break;
        }
        if (t == PLACE_TRIES)
            return wc_seterr("cannot place node %zu: %zu nodes do not fit %g mm apart", i, o->n, sqrt(sep2));
    }
    return 0;
}

int wc_conn_gen(const wc_conn_gen_opts *o, wc_matrix *c, wc_matrix *d, double *pos)
{
    size_t n = o->n;
    memset(c, 0, sizeof *c);
    memset(d, 0, sizeof *d);
    if (n < 2) return wc_seterr("%zu nodes: at least 2 please", n);
    if (n > (size_t)wc_limit(WC_LIMIT_NODES)) return wc_limit_refuse(WC_LIMIT_NODES, "nodes");
    if (!(o->lambda > 0)) return wc_seterr("lambda must be > 0");
    for (int a = 0; a < 3; a++)
        if (!(o->axes[a] > 0)) return wc_seterr("the ellipsoid's diameters must be > 0");
    double volume = 4.0 / 3.0 * M_PI * (o->axes[0] / 2) * (o->axes[1] / 2) * (o->axes[2] / 2);
    double sep = o->sep * cube_root(volume / (double)n);
    double *p = pos ? pos : malloc(3 * n * sizeof *p);
    if (!p || wc_matrix_alloc(c, n) < 0 || wc_matrix_alloc(d, n) < 0) {
        if (!pos) free(p);
        wc_matrix_free(c);
        wc_matrix_free(d);
        return wc_seterr("out of memory");
    }
    int rc = place(o, sep * sep, p);
    double dmin = INFINITY;
    for (size_t i = 0; rc == 0 && i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double s = 0;
            for (int a = 0; a < 3; a++) s += (p[3 * i + a] - p[3 * j + a]) * (p[3 * i + a] - p[3 * j + a]);
            d->a[i * n + j] = d->a[j * n + i] = sqrt(s);
            if (d->a[i * n + j] < dmin) dmin = d->a[i * n + j];
        }
    for (size_t i = 0; rc == 0 && i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            c->a[i * n + j] = c->a[j * n + i] = wc_conn_exp(-(d->a[i * n + j] - dmin) / o->lambda);
    if (rc == 0 && o->density < 1) wc_conn_threshold(c, wc_conn_keep_cut(c, o->density));
    if (!pos) free(p);
    if (rc < 0) {
        wc_matrix_free(c);
        wc_matrix_free(d);
    }
    return rc;
}
