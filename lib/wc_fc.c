/* wc_fc.c — functional connectivity, FCD and fit measures (see wc_fc.h). */
#include "wckit/wc_fc.h"
#include "wc_fc_internal.h"
#include "wc_thread_internal.h"
#include "wckit/wc_err.h"

#include <cblas.h>
#include <pthread.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *wc_fc_kind_name(int kind)
{
    return kind == WC_FC_COV ? "cov" : kind == WC_FC_FISHER_Z ? "fisher-z" : "corr";
}

/* ---- online accumulation ----
 *
 * Rows are gathered into chunks of chunk_rows rows; chunk c goes to lane c % nlanes, and
 * each lane accumulates its chunks in order, a block of WC_FC_BLOCK rows at a time.  The
 * lanes are merged in order at the end.  With threads, the caller works the last lane
 * (it also reads the input) and helper thread h the lanes l < nlanes - 1 with
 * l % nhelpers == h; the chunks, lanes and merge order are the same whatever the number
 * of threads, so are the results, bit for bit. */

typedef struct {
    long long count;
    double *ref;     /* n: the lane's first sample, the origin of the means kept */
    double *mean;    /* n: running means minus ref (small numbers: no digits lost to an offset) */
    double *m2;      /* n x n: sums of centred cross-products, upper triangle (i <= j) */
    double *s;       /* n: a block's sums, then its shift from the running mean */
    double *x0;      /* n: a block's first row */
} lane;

typedef struct {
    double *buf;
    size_t rows;
    unsigned lane;
} job;

#define MAX_THREADS WC_FC_LANES

struct wc_fc_acc {
    size_t n, chunk_rows;
    unsigned nlanes;
    long long count;          /* rows committed */
    long long nchunks;        /* chunks handed to lanes */
    lane lanes[WC_FC_LANES];
    lane total;               /* the merged lanes */
    double *absmean;          /* n: the means, for wc_fc_acc_mean */
    double *cur;              /* the chunk being filled */
    size_t cur_rows;
    /* helper threads (nthreads == 0: everything in the caller) */
    unsigned nthreads;
    wc_team *team;
    pthread_mutex_t mu;
    pthread_cond_t work, freed;
    job queue[4 * MAX_THREADS + 1];
    size_t nqueue;
    double *freebuf[4 * MAX_THREADS + 1];
    size_t nfree, nbufs;
    unsigned busy;            /* jobs taken, not yet done */
    int stop;
    struct worker {
        wc_fc_acc *a;
        unsigned w;
    } workers[MAX_THREADS];
};

static int lane_init(lane *l, size_t n)
{
    l->ref = calloc(n, sizeof *l->ref);
    l->mean = calloc(n, sizeof *l->mean);
    l->m2 = calloc(n * n, sizeof *l->m2);
    l->s = calloc(n, sizeof *l->s);
    l->x0 = calloc(n, sizeof *l->x0);
    return l->ref && l->mean && l->m2 && l->s && l->x0 ? 0 : -1;
}

static void lane_free(lane *l) { free(l->ref), free(l->mean), free(l->m2), free(l->s), free(l->x0); }

static void lane_reset(lane *l, size_t n)
{
    l->count = 0;
    memset(l->mean, 0, n * sizeof *l->mean);
    memset(l->m2, 0, n * n * sizeof *l->m2);
}

wc_fc_acc *wc_fc_acc_new(size_t n)
{
    wc_fc_acc *a = calloc(1, sizeof *a);
    int bad = !a;
    if (a) {
        a->n = n;
        a->nlanes = n <= WC_FC_LANES_NMAX ? WC_FC_LANES : 1;
        /* chunks of at most 2^16 values (512 kB) and 512 rows, at least 64 rows */
        size_t rows = ((size_t)1 << 16) / (n ? n : 1);
        a->chunk_rows = rows > 512 ? 512 : rows < 64 ? 64 : rows;
        for (unsigned k = 0; k < a->nlanes; k++) bad |= lane_init(&a->lanes[k], n);
        bad |= lane_init(&a->total, n);
        a->absmean = calloc(n, sizeof *a->absmean);
        a->cur = malloc(a->chunk_rows * (n ? n : 1) * sizeof *a->cur);
        bad |= !a->absmean || !a->cur;
        a->nbufs = 1;
    }
    if (bad) {
        wc_fc_acc_free(a);
        wc_seterr("out of memory");
        return NULL;
    }
    return a;
}

/* One block of b <= WC_FC_BLOCK rows into lane l, shifted in place by its first row x0
 * (exact zeros for a constant channel): S = sum (x - x0)(x - x0)' by dsyrk and
 * s = sum (x - x0), so the block's own M2 is S - s s' / b; then Chan et al.'s merge with
 * what came before adds d d' n_a n_b / n, d the difference of the means.  Both
 * corrections are rank-1 (dsyr).  Means are kept relative to the lane's first sample, so
 * d is computed from small numbers even on a large offset. */
static void add_block(lane *l, size_t n, double *restrict x, size_t b)
{
    double *restrict s = l->s, *restrict x0 = l->x0, *restrict mean = l->mean, *restrict ref = l->ref;
    memcpy(x0, x, n * sizeof *x0);
    memset(s, 0, n * sizeof *s);
    for (size_t r = 0; r < b; r++) {
        double *restrict xr = x + r * n;
        for (size_t j = 0; j < n; j++) {
            double v = xr[j] - x0[j];
            xr[j] = v;
            s[j] += v;
        }
    }
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, (int)n, (int)b, 1.0, x, (int)n, 1.0, l->m2, (int)n);
    double nb = (double)b;
    cblas_dsyr(CblasRowMajor, CblasUpper, (int)n, -1 / nb, s, 1, l->m2, (int)n);
    if (l->count == 0) {
        memcpy(ref, x0, n * sizeof *ref);
        for (size_t j = 0; j < n; j++) mean[j] = s[j] / nb;
    } else {
        double na = (double)l->count, tot = na + nb;
        for (size_t j = 0; j < n; j++) s[j] = ((x0[j] - ref[j]) + s[j] / nb) - mean[j];   /* s is now d */
        cblas_dsyr(CblasRowMajor, CblasUpper, (int)n, na * nb / tot, s, 1, l->m2, (int)n);
        for (size_t j = 0; j < n; j++) mean[j] += s[j] * (nb / tot);
    }
    l->count += (long long)b;
}

static void add_chunk(wc_fc_acc *a, lane *l, double *x, size_t rows)
{
    for (size_t done = 0; done < rows; done += WC_FC_BLOCK) {
        size_t b = rows - done < WC_FC_BLOCK ? rows - done : WC_FC_BLOCK;
        add_block(l, a->n, x + done * a->n, b);
    }
}

/* Merge lane b into lane a (Chan et al.; the means are relative to each lane's ref). */
static void merge(lane *a, const lane *b, size_t n)
{
    if (b->count == 0) return;
    if (a->count == 0) {
        a->count = b->count;
        memcpy(a->ref, b->ref, n * sizeof *a->ref);
        memcpy(a->mean, b->mean, n * sizeof *a->mean);
        memcpy(a->m2, b->m2, n * n * sizeof *a->m2);
        return;
    }
    double na = (double)a->count, nb = (double)b->count, tot = na + nb;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i; j < n; j++) a->m2[i * n + j] += b->m2[i * n + j];
    for (size_t j = 0; j < n; j++) a->s[j] = ((b->ref[j] - a->ref[j]) + b->mean[j]) - a->mean[j];
    cblas_dsyr(CblasRowMajor, CblasUpper, (int)n, na * nb / tot, a->s, 1, a->m2, (int)n);
    for (size_t j = 0; j < n; j++) a->mean[j] += a->s[j] * (nb / tot);
    a->count += b->count;
}

static void worker_main(void *arg);

int wc_fc_acc_threads(wc_fc_acc *a, int nthreads)
{
    if (a->nthreads || nthreads < 2 || a->nlanes < 2) return 0;
    if ((unsigned)nthreads > a->nlanes) nthreads = (int)a->nlanes;
    nthreads--;   /* the caller is one of them */
    if (pthread_mutex_init(&a->mu, NULL) != 0) return wc_seterr("cannot make a mutex");
    if (pthread_cond_init(&a->work, NULL) != 0 || pthread_cond_init(&a->freed, NULL) != 0)
        return wc_seterr("cannot make a condition variable");
    size_t bytes = a->chunk_rows * a->n * sizeof(double);
    a->nbufs = 4 * (size_t)nthreads + 1;
    /* touched now, so the memory used does not depend on how far the threads run ahead */
    for (size_t k = 0; k + 1 < a->nbufs; k++)
        if (!(a->freebuf[a->nfree] = malloc(bytes))) return wc_seterr("out of memory");
        else memset(a->freebuf[a->nfree++], 0, bytes);
    /* a->nthreads is set before any thread starts: each reads it to find its lanes */
    a->nthreads = (unsigned)nthreads;
    void *args[MAX_THREADS];
    for (unsigned k = 0; k < a->nthreads; k++) {
        a->workers[k] = (struct worker){a, k};
        args[k] = &a->workers[k];
    }
    if (!(a->team = wc_team_start(nthreads, worker_main, args))) {
        a->nthreads = 0;   /* go on in the caller */
        return -1;
    }
    return 0;
}

/* The index in the queue of the first job for worker w, or -1. */
static long next_job(const wc_fc_acc *a, unsigned w)
{
    for (size_t k = 0; k < a->nqueue; k++)
        if (a->queue[k].lane % a->nthreads == w) return (long)k;   /* never the caller's lane */
    return -1;
}

static void worker_main(void *arg)
{
    wc_fc_acc *a = ((struct worker *)arg)->a;
    unsigned w = ((struct worker *)arg)->w;
    pthread_mutex_lock(&a->mu);
    for (;;) {
        long k;
        while ((k = next_job(a, w)) < 0 && !a->stop) pthread_cond_wait(&a->work, &a->mu);
        if (k < 0) break;
        job j = a->queue[k];
        memmove(a->queue + k, a->queue + k + 1, (a->nqueue - (size_t)k - 1) * sizeof *a->queue);
        a->nqueue--;
        a->busy++;
        pthread_mutex_unlock(&a->mu);
        add_chunk(a, &a->lanes[j.lane], j.buf, j.rows);
        pthread_mutex_lock(&a->mu);
        a->busy--;
        a->freebuf[a->nfree++] = j.buf;
        pthread_cond_broadcast(&a->freed);
    }
    pthread_mutex_unlock(&a->mu);
}

/* Hand the current chunk to its lane and start a new one. */
static void submit(wc_fc_acc *a)
{
    if (a->cur_rows == 0) return;
    unsigned l = (unsigned)(a->nchunks++ % a->nlanes);
    if (!a->nthreads || l == a->nlanes - 1) {
        add_chunk(a, &a->lanes[l], a->cur, a->cur_rows);
        a->cur_rows = 0;
        return;
    }
    pthread_mutex_lock(&a->mu);
    a->queue[a->nqueue++] = (job){a->cur, a->cur_rows, l};
    pthread_cond_broadcast(&a->work);
    while (a->nfree == 0) pthread_cond_wait(&a->freed, &a->mu);
    a->cur = a->freebuf[--a->nfree];
    pthread_mutex_unlock(&a->mu);
    a->cur_rows = 0;
}

/* Every row committed is in its lane. */
static void flush(wc_fc_acc *a)
{
    submit(a);
    if (!a->nthreads) return;
    pthread_mutex_lock(&a->mu);
    while (a->nqueue > 0 || a->busy > 0) pthread_cond_wait(&a->freed, &a->mu);
    pthread_mutex_unlock(&a->mu);
}

void wc_fc_acc_free(wc_fc_acc *a)
{
    if (!a) return;
    if (a->nthreads) {
        flush(a);
        pthread_mutex_lock(&a->mu);
        a->stop = 1;
        pthread_cond_broadcast(&a->work);
        pthread_mutex_unlock(&a->mu);
        wc_team_join(a->team);
    }
    if (a->nbufs > 1) {
        pthread_mutex_destroy(&a->mu);
        pthread_cond_destroy(&a->work);
        pthread_cond_destroy(&a->freed);
    }
    for (size_t k = 0; k < a->nfree; k++) free(a->freebuf[k]);
    for (unsigned k = 0; k < a->nlanes; k++) lane_free(&a->lanes[k]);
    lane_free(&a->total);
    free(a->absmean), free(a->cur);
    free(a);
}

void wc_fc_acc_reset(wc_fc_acc *a)
{
    flush(a);
    for (unsigned k = 0; k < a->nlanes; k++) lane_reset(&a->lanes[k], a->n);
    a->count = a->nchunks = 0;
}

double *wc_fc_acc_space(wc_fc_acc *a, size_t *room)
{
    if (a->cur_rows == a->chunk_rows) submit(a);
    *room = a->chunk_rows - a->cur_rows;
    return a->cur + a->cur_rows * a->n;
}

void wc_fc_acc_commit(wc_fc_acc *a, size_t rows)
{
    a->cur_rows += rows;
    a->count += (long long)rows;
    if (a->cur_rows == a->chunk_rows) submit(a);
}

void wc_fc_acc_add(wc_fc_acc *a, const double *x, size_t rows)
{
    while (rows > 0) {
        size_t room;
        double *dst = wc_fc_acc_space(a, &room);
        size_t c = rows < room ? rows : room;
        memcpy(dst, x, c * a->n * sizeof *x);
        wc_fc_acc_commit(a, c);
        x += c * a->n;
        rows -= c;
    }
}

long long wc_fc_acc_count(const wc_fc_acc *a) { return a->count; }

/* Every lane merged into a->total. */
static const lane *merged(wc_fc_acc *a)
{
    flush(a);
    lane_reset(&a->total, a->n);
    for (unsigned k = 0; k < a->nlanes; k++) merge(&a->total, &a->lanes[k], a->n);
    return &a->total;
}

const double *wc_fc_acc_mean(wc_fc_acc *a)
{
    const lane *t = merged(a);
    for (size_t j = 0; j < a->n; j++) a->absmean[j] = t->ref[j] + t->mean[j];
    return a->absmean;
}

/* A channel is constant when its variance underflows or its standard deviation is
 * rounding-level jitter around its mean. */
int wc_fc_is_constant(double var, double mean)
{
    return !(var > 1e-300) || sqrt(var) <= 4 * DBL_EPSILON * fabs(mean);
}

/* Correlation to the output kind (off-diagonal entries). */
static double finish_corr(double r, int kind)
{
    if (r > 1) r = 1;
    if (r < -1) r = -1;
    if (kind != WC_FC_FISHER_Z) return r;
    const double rmax = 1 - DBL_EPSILON / 2;
    return atanh(r > rmax ? rmax : r < -rmax ? -rmax : r);
}

int wc_fc_acc_result(wc_fc_acc *a, int kind, double *out, size_t *nconst)
{
    size_t n = a->n, nc = 0;
    if (a->count < 2) return wc_seterr("%lld sample%s: at least 2 are needed", a->count, a->count == 1 ? "" : "s");
    const lane *t = merged(a);
    double den = (double)(t->count - 1);
    /* out's diagonal holds the standard deviations (0: constant) until the end */
    for (size_t i = 0; i < n; i++) {
        double var = t->m2[i * n + i] / den;
        if (!isfinite(var) || !isfinite(t->ref[i] + t->mean[i]))
            return wc_seterr("channel %zu has NaN or infinite values, or values so large that its variance overflows",
                             i + 1);
        int c = wc_fc_is_constant(var, t->ref[i] + t->mean[i]);
        nc += (size_t)c;
        out[i * n + i] = c ? 0 : sqrt(var);
    }
    for (size_t i = 0; i < n; i++) {
        double si = out[i * n + i];
        for (size_t j = i + 1; j < n; j++) {
            double sj = out[j * n + j], cov = t->m2[i * n + j] / den, v;
            if (si == 0 || sj == 0) v = 0;
            else if (kind == WC_FC_COV) v = cov;
            else v = finish_corr(cov / si / sj, kind);   /* numpy's order: c / sd_i / sd_j */
            out[i * n + j] = out[j * n + i] = v;
        }
    }
    for (size_t i = 0; i < n; i++) {
        double si = out[i * n + i];
        out[i * n + i] = kind == WC_FC_CORR ? 1 : kind == WC_FC_FISHER_Z || si == 0 ? 0 : t->m2[i * n + i] / den;
    }
    if (nconst) *nconst = nc;
    return 0;
}

int wc_fc_matrix(const double *x, size_t rows, size_t n, int kind, double *out)
{
    wc_fc_acc *a = wc_fc_acc_new(n);
    if (!a) return -1;
    wc_fc_acc_add(a, x, rows);
    int rc = wc_fc_acc_result(a, kind, out, NULL);
    wc_fc_acc_free(a);
    return rc;
}

/* ---- fit measures ---- */

void wc_fc_upper(const double *m, size_t n, double *out)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) *out++ = m[i * n + j];
}

double wc_fc_upper_mean(const double *m, size_t n)
{
    if (n < 2) return NAN;
    double s = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) s += m[i * n + j];
    return s / ((double)n * (double)(n - 1) / 2);
}

double wc_fc_pearson(const double *a, const double *b, size_t len)
{
    if (len < 2) return NAN;
    double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < len; i++) ma += a[i], mb += b[i];
    ma /= (double)len, mb /= (double)len;
    for (size_t i = 0; i < len; i++) {
        double da = a[i] - ma, db = b[i] - mb;
        sab += da * db, saa += da * da, sbb += db * db;
    }
    if (wc_fc_is_constant(saa / (double)len, ma) || wc_fc_is_constant(sbb / (double)len, mb)) return NAN;
    double r = sab / sqrt(saa) / sqrt(sbb);
    return r > 1 ? 1 : r < -1 ? -1 : r;
}

double wc_fc_matrix_corr(const double *a, const double *b, size_t n)
{
    size_t m = n * (n - 1) / 2;
    if (m < 2) return NAN;
    double *ua = malloc(2 * m * sizeof *ua);
    if (!ua) return NAN;
    wc_fc_upper(a, n, ua);
    wc_fc_upper(b, n, ua + m);
    double r = wc_fc_pearson(ua, ua + m, m);
    free(ua);
    return r;
}

static int cmp_double(const void *p, const void *q)
{
    double x = *(const double *)p, y = *(const double *)q;
    return (x > y) - (x < y);
}

double wc_fc_ks(double *a, size_t na, double *b, size_t nb)
{
    if (na == 0 || nb == 0) return NAN;
    qsort(a, na, sizeof *a, cmp_double);
    qsort(b, nb, sizeof *b, cmp_double);
    size_t i = 0, j = 0;
    double d = 0;
    /* both empirical CDFs just after each distinct value, as scipy's searchsorted 'right' */
    while (i < na && j < nb) {
        double v = a[i] < b[j] ? a[i] : b[j];
        while (i < na && a[i] <= v) i++;
        while (j < nb && b[j] <= v) j++;
        double diff = fabs((double)i / (double)na - (double)j / (double)nb);
        if (diff > d) d = diff;
    }
    return d;
}
