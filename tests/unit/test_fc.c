/* test_fc.c — functional connectivity numerics (wc_fc): the online accumulation
 * against a direct two-pass computation, block boundaries and chunking, constant
 * channels, large offsets, the three kinds, FCD windows, matrix correlation and the
 * Kolmogorov–Smirnov statistic. */
#include "tap.h"
#include "wckit/wc_err.h"
#include "wckit/wc_fc.h"
#include "wckit/wc_fcd.h"

#include <float.h>
#include <stdint.h>
#include <stdlib.h>

/* A small deterministic generator (splitmix64) and normal numbers (Box–Muller). */
static uint64_t rng_state = 12345;
static double uniform(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}
static double normal(void) { return sqrt(-2 * log(uniform())) * cos(6.283185307179586 * uniform()); }

/* Correlated channels: x_j = z_j + mix * z_0 (+ offset + a slow drift). */
static double *make_data(size_t rows, size_t n, double mix, double offset, double drift)
{
    double *x = malloc(rows * n * sizeof *x);
    for (size_t r = 0; r < rows; r++) {
        double common = normal();
        for (size_t j = 0; j < n; j++)
            x[r * n + j] = offset + drift * (double)r / (double)rows * (double)(j + 1) + normal() + mix * common * (double)j / (double)n;
    }
    return x;
}

/* The reference: two-pass means and centred sums, in long double. */
static void direct(const double *x, size_t rows, size_t n, int kind, double *out)
{
    long double *mean = calloc(n, sizeof *mean), *c = calloc(n * n, sizeof *c);
    for (size_t r = 0; r < rows; r++)
        for (size_t j = 0; j < n; j++) mean[j] += x[r * n + j];
    for (size_t j = 0; j < n; j++) mean[j] /= (long double)rows;
    for (size_t r = 0; r < rows; r++)
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) c[i * n + j] += (x[r * n + i] - mean[i]) * (x[r * n + j] - mean[j]);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            long double v = c[i * n + j] / (long double)(rows - 1);
            if (kind != WC_FC_COV) v = c[i * n + j] / sqrtl(c[i * n + i] * c[j * n + j]);
            if (kind == WC_FC_FISHER_Z) v = i == j ? 0 : atanhl(v);
            out[i * n + j] = (double)v;
        }
    free(mean), free(c);
}

static double max_diff(const double *a, const double *b, size_t len, int relative)
{
    double d = 0;
    for (size_t i = 0; i < len; i++) {
        double e = fabs(a[i] - b[i]) / (relative ? fmax(fabs(b[i]), 1e-300) : 1);
        if (!(e <= d)) d = e;   /* NaN propagates */
    }
    return d;
}

static int symmetric(const double *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (m[i * n + j] != m[j * n + i]) return 0;
    return 1;
}

static void test_against_direct(void)
{
    static const size_t sizes[] = {2, 3, 511, 512, 513, 1500, 5000};
    size_t n = 7;
    double got[49], want[49];
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t rows = sizes[k];
        double *x = make_data(rows, n, 3.0, 0.5, 2.0);
        for (int kind = WC_FC_CORR; kind <= WC_FC_FISHER_Z; kind++) {
            if (kind == WC_FC_FISHER_Z && rows < 100) continue;   /* r near +-1: z is ill-conditioned */
            OK(wc_fc_matrix(x, rows, n, kind, got) == 0, "%zu rows, %s: computed", rows, wc_fc_kind_name(kind));
            direct(x, rows, n, kind, want);
            double d = max_diff(got, want, n * n, kind == WC_FC_COV);
            OK(d < 1e-13 && symmetric(got, n), "%zu rows, %s: equals the two-pass reference (max diff %.2g), symmetric", rows,
               wc_fc_kind_name(kind), d);
        }
        free(x);
    }
}

/* Adding in odd chunks gives the same as one add (block boundaries move). */
static void test_chunks(void)
{
    size_t rows = 3001, n = 5;
    double *x = make_data(rows, n, 2.0, 10.0, 5.0), one[25], parts[25];
    wc_fc_matrix(x, rows, n, WC_FC_CORR, one);
    wc_fc_acc *a = wc_fc_acc_new(n);
    size_t done = 0, chunk = 1;
    while (done < rows) {
        size_t c = chunk < rows - done ? chunk : rows - done;
        wc_fc_acc_add(a, x + done * n, c);
        done += c;
        chunk = chunk * 3 + 1;   /* 1, 4, 13, 40, 121, 364, 1093 ... */
    }
    OK(wc_fc_acc_count(a) == (long long)rows, "count of samples added in chunks");
    wc_fc_acc_result(a, WC_FC_CORR, parts, NULL);
    OK(memcmp(one, parts, sizeof one) == 0, "chunks of 1, 4, 13 ... rows give the same bits as one add");
    double mean = 0;
    for (size_t r = 0; r < rows; r++) mean += x[r * n + 2];
    NEAR(wc_fc_acc_mean(a)[2], mean / (double)rows, 1e-12, 1e-13, "running mean");
    wc_fc_acc_reset(a);
    OK(wc_fc_acc_count(a) == 0 && wc_fc_acc_result(a, WC_FC_CORR, parts, NULL) < 0, "reset forgets every sample");
    wc_fc_acc_free(a);
    free(x);
}

/* An offset of 1e8 on unit-variance data: the shifted blocks lose nothing. */
/* Threads and zero-copy adding change nothing, bit for bit. */
static void test_threads(void)
{
    size_t rows = 20011, n = 40;
    double *x = make_data(rows, n, 2.0, 100.0, 3.0), *ref = malloc(n * n * sizeof *ref), *m = malloc(n * n * sizeof *m);
    wc_fc_matrix(x, rows, n, WC_FC_COV, ref);
    for (int t = 1; t <= 6; t++) {
        wc_fc_acc *a = wc_fc_acc_new(n);
        OK(wc_fc_acc_threads(a, t) == 0, "%d threads started", t);
        /* the first half through space/commit in pieces of 7 rows, the rest at once */
        size_t done = 0;
        while (done < rows / 2) {
            size_t room;
            double *dst = wc_fc_acc_space(a, &room);
            size_t c = room < 7 ? room : 7;
            memcpy(dst, x + done * n, c * n * sizeof *x);
            wc_fc_acc_commit(a, c);
            done += c;
        }
        wc_fc_acc_add(a, x + done * n, rows - done);
        wc_fc_acc_result(a, WC_FC_COV, m, NULL);
        OK(memcmp(m, ref, n * n * sizeof *m) == 0, "%d threads, rows handed in pieces: the same bits", t);
        /* a second result after more samples, and a reset */
        wc_fc_acc_add(a, x, 100);
        OK(wc_fc_acc_count(a) == (long long)rows + 100 && wc_fc_acc_result(a, WC_FC_COV, m, NULL) == 0 &&
               memcmp(m, ref, n * n * sizeof *m) != 0,
           "%d threads: adding after a result goes on", t);
        wc_fc_acc_reset(a);
        wc_fc_acc_add(a, x, rows);
        wc_fc_acc_result(a, WC_FC_COV, m, NULL);
        OK(memcmp(m, ref, n * n * sizeof *m) == 0, "%d threads: after a reset, the same bits again", t);
        wc_fc_acc_free(a);
    }
    free(x), free(ref), free(m);
}

static void test_offset(void)
{
    size_t rows = 20000, n = 4;
    double *x = make_data(rows, n, 2.0, 0.0, 0.0), *y = malloc(rows * n * sizeof *y), a[16], b[16];
    for (size_t i = 0; i < rows * n; i++) y[i] = x[i] + 1e8;
    /* the reference works on the data as stored: x + 1e8 rounded, minus 1e8 exactly */
    for (size_t i = 0; i < rows * n; i++) x[i] = y[i] - 1e8;
    wc_fc_matrix(y, rows, n, WC_FC_CORR, a);
    wc_fc_matrix(x, rows, n, WC_FC_CORR, b);
    double d = max_diff(a, b, n * n, 0);
    OK(d < 1e-12, "offset 1e8, unit variance: correlations as without the offset (max diff %.2g)", d);
    wc_fc_matrix(y, rows, n, WC_FC_COV, a);
    wc_fc_matrix(x, rows, n, WC_FC_COV, b);
    d = max_diff(a, b, n * n, 1);
    OK(d < 1e-11, "offset 1e8: covariances as without the offset (max rel diff %.2g)", d);
    free(x), free(y);
}

static void test_constant(void)
{
    size_t rows = 1200, n = 4;
    double *x = make_data(rows, n, 1.0, 0.0, 0.0), m[16];
    for (size_t r = 0; r < rows; r++) x[r * n + 1] = 0.1 + 0.2;   /* not exactly representable */
    for (size_t r = 0; r < rows; r++) x[r * n + 3] = 1e6 / 3;
    size_t nc = 99;
    for (int kind = WC_FC_CORR; kind <= WC_FC_FISHER_Z; kind++) {
        OK(wc_fc_matrix(x, rows, n, kind, m) == 0, "constant channels: %s computed", wc_fc_kind_name(kind));
        int good = 1;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) {
                int c = i == 1 || i == 3 || j == 1 || j == 3;
                double want = i == j ? (kind == WC_FC_CORR && 1) : 0;
                if (isnan(m[i * n + j]) || (c && m[i * n + j] != want)) good = 0;
            }
        OK(good, "constant channels, %s: 0 off the diagonal, %s on it, no NaN", wc_fc_kind_name(kind),
           kind == WC_FC_CORR ? "1" : "0");
    }
    wc_fc_acc *a = wc_fc_acc_new(n);
    wc_fc_acc_add(a, x, rows);
    wc_fc_acc_result(a, WC_FC_CORR, m, &nc);
    OK(nc == 2, "two constant channels counted (%zu)", nc);
    wc_fc_acc_free(a);
    /* jitter of one unit in the last place around a large value counts as constant */
    for (size_t r = 0; r < rows; r++) x[r * n + 1] = r % 2 ? 1e6 : nextafter(1e6, 2e6);
    wc_fc_matrix(x, rows, n, WC_FC_CORR, m);
    OK(m[1 * n + 0] == 0 && m[1 * n + 1] == 1, "rounding-level jitter is constant");
    for (size_t r = 0; r < rows; r++) x[r * n + 1] = r % 2 ? 1e6 : 1e6 + 1e-6;
    wc_fc_matrix(x, rows, n, WC_FC_CORR, m);
    OK(m[1 * n + 1] == 1 && fabs(m[1 * n + 0]) > 0, "a tiny real variation is not");
    free(x);
}

static void test_edges(void)
{
    double x[6] = {1, 2, 3, 4, 5, 7}, m[9];
    OK(wc_fc_matrix(x, 1, 3, WC_FC_CORR, m) < 0 && strstr(wc_errmsg(), "1 sample"), "one sample is an error: %s", wc_errmsg());
    OK(wc_fc_matrix(x, 2, 3, WC_FC_CORR, m) == 0 && m[1] == 1 && m[2] == 1, "two samples: correlations +-1");
    double same[8] = {1, 1, 2, 2, 4, 4, 3, 3.0000001}, z[4];
    wc_fc_matrix(same, 4, 2, WC_FC_FISHER_Z, z);
    OK(z[0] == 0 && z[3] == 0 && z[1] > 10 && z[1] <= WC_FC_Z_MAX && isfinite(z[1]), "Fisher z: diagonal 0, r near 1 finite (%g)", z[1]);
    double ident[8] = {1, 1, 2, 2, 4, 4, 3, 3};
    wc_fc_matrix(ident, 4, 2, WC_FC_FISHER_Z, z);
    OK(z[1] == WC_FC_Z_MAX, "Fisher z of identical channels: the documented maximum %.17g", z[1]);
    NEAR(atanh(1 - DBL_EPSILON / 2), WC_FC_Z_MAX, 0, 1e-15, "WC_FC_Z_MAX is arctanh(1 - 2^-53)");
    double cov[4];
    wc_fc_matrix(same, 4, 2, WC_FC_COV, cov);
    NEAR(cov[0], (2.25 + 0.25 + 2.25 + 0.25) / 3, 0, 1e-15, "covariance divides by T - 1");
}

/* FCD: windows, their triangles, and the matrix, against direct computation. */
static void test_fcd(void)
{
    size_t rows = 400, n = 6, W = 50, S = 17, m = n * (n - 1) / 2;
    double *x = make_data(rows, n, 4.0, 3.0, 8.0);
    OK(!wc_fcd_new(2, W, S, WC_FC_CORR) && strstr(wc_errmsg(), "3 channels"), "FCD needs 3 channels");
    OK(!wc_fcd_new(n, 1, S, WC_FC_CORR), "FCD needs windows of 2 samples");
    wc_fcd *f = wc_fcd_new(n, W, S, WC_FC_CORR);
    OK(f != NULL, "FCD set up");
    /* in uneven pieces */
    wc_fcd_add(f, x, 7);
    wc_fcd_add(f, x + 7 * n, 300);
    wc_fcd_add(f, x + 307 * n, rows - 307);
    size_t K = wc_fcd_nwindows(f), want_k = (rows - W) / S + 1;
    OK(K == want_k, "windows at 0, S, 2S ... while they fit: %zu (want %zu)", K, want_k);
    double mat[36], up[15], worst = 0;
    double *tri = malloc(K * m * sizeof *tri);
    for (size_t k = 0; k < K; k++) {
        wc_fc_matrix(x + k * S * n, W, n, WC_FC_CORR, mat);
        wc_fc_upper(mat, n, up);
        memcpy(tri + k * m, up, m * sizeof *up);
        double d = max_diff(wc_fcd_upper(f, k), up, m, 0);
        if (d > worst) worst = d;
    }
    OK(worst < 1e-14, "each window's triangle equals the FC of its samples (max diff %.2g)", worst);
    double *F = malloc(K * K * sizeof *F);
    OK(wc_fcd_matrix(f, F) == 0, "FCD matrix computed");
    worst = 0;
    for (size_t i = 0; i < K; i++)
        for (size_t j = 0; j < K; j++) {
            double want = i == j ? 1 : wc_fc_pearson(tri + i * m, tri + j * m, m), d = fabs(F[i * K + j] - want);
            if (!(d <= worst)) worst = d;
        }
    OK(worst < 1e-13 && symmetric(F, K), "FCD = correlations of the triangles (max diff %.2g), symmetric", worst);
    OK(wc_fcd_add(f, x, 1) < 0, "no samples after the matrix");
    wc_fcd_free(f);
    /* windows apart (step > window) and too few windows */
    f = wc_fcd_new(n, 10, 100, WC_FC_CORR);
    wc_fcd_add(f, x, rows);
    OK(wc_fcd_nwindows(f) == 4, "step longer than the window: windows at 0, 100, 200, 300");
    wc_fcd_free(f);
    f = wc_fcd_new(n, 300, 200, WC_FC_CORR);
    wc_fcd_add(f, x, rows);
    OK(wc_fcd_nwindows(f) == 1 && wc_fcd_matrix(f, F) < 0 && strstr(wc_errmsg(), "at least 2"),
       "one window is not an FCD: %s", wc_errmsg());
    wc_fcd_free(f);
    free(x), free(tri), free(F);
}

static void test_fit(void)
{
    double a[] = {1, 2, 3, 4}, b[] = {2, 4, 6, 8.5}, c[] = {5, 5, 5, 5};
    NEAR(wc_fc_pearson(a, a, 4), 1.0, 0, 0, "Pearson of a vector with itself");
    OK(isnan(wc_fc_pearson(a, c, 4)) && isnan(wc_fc_pearson(a, b, 1)), "Pearson with a constant, or of one value: NaN");
    /* r of (1,2,3,4) and (2,4,6,8.5) by hand: sxy = 10.75, sxx = 5, syy = 23.1875 */
    NEAR(wc_fc_pearson(a, b, 4), 10.75 / sqrt(5 * 23.1875), 0, 1e-15, "Pearson by hand");
    double m1[9] = {1, 0.5, 0.2, 0.5, 1, -0.3, 0.2, -0.3, 1}, m2[9] = {9, 1, 0.4, 7, 9, -0.6, 7, 7, 9};
    NEAR(wc_fc_matrix_corr(m1, m2, 3), 1.0, 0, 1e-15, "matrix correlation: strict upper triangles only");
    NEAR(wc_fc_upper_mean(m1, 3), 0.4 / 3, 0, 1e-15, "mean of the upper triangle");
    double k1[] = {3, 1, 2}, k2[] = {5, 4}, k3[] = {1, 1, 2}, k4[] = {1, 2, 2}, k5[] = {0.1, 0.4, 0.7, 0.2, 0.9},
           k6[] = {0.3, 0.5, 0.8, 1.0};
    NEAR(wc_fc_ks(k1, 3, k2, 2), 1.0, 0, 0, "KS of separated samples is 1");
    NEAR(wc_fc_ks(k3, 3, k4, 3), 1.0 / 3, 0, 1e-15, "KS with ties: the CDFs after each value");
    /* scipy.stats.ks_2samp([.1,.4,.7,.2,.9], [.3,.5,.8,1.0]).statistic = 0.4 */
    NEAR(wc_fc_ks(k5, 5, k6, 4), 0.4, 0, 1e-15, "KS as scipy's ks_2samp");
    double k7[] = {0.5, 0.2}, k8[] = {0.2, 0.5};
    NEAR(wc_fc_ks(k7, 2, k8, 2), 0.0, 0, 0, "KS of equal samples is 0");
    OK(isnan(wc_fc_ks(k7, 0, k8, 2)), "KS of an empty sample: NaN");
}

/* The FCD histogram and KS distance on hand-made 3 x 3 FCD matrices. */
static void test_fcd_summaries(void)
{
    /* upper triangle values: 0.5, -1, 1 */
    const double m[9] = {1, 0.5, -1, 0.5, 1, 1, -1, 1, 1};
    double h[4 * 3];
    OK(wc_fcd_hist(m, 3, 4, h) == 0, "FCD histogram of 3 values in 4 bins");
    OK(h[0] == -0.75 && h[3] == -0.25 && h[6] == 0.25 && h[9] == 0.75, "bin centres on [-1, 1]");
    OK(h[1] == 1 && h[4] == 0 && h[7] == 0 && h[10] == 2, "counts: -1 in the first bin, 0.5 (a left edge) and 1 in the last");
    OK(fabs(h[2] - 1 / (3 * 0.5)) < 1e-15 && h[5] == 0, "density = count / (values x width)");
    const double b[9] = {1, 0.5, -1, 0.5, 1, 1, -1, 1, 1};
    OK(wc_fcd_ks(m, 3, b, 3) == 0, "KS distance of equal FCDs is 0");
    const double c[4] = {1, 2, 2, 1};   /* one value, 2, above all of m's */
    OK(wc_fcd_ks(m, 3, c, 2) == 1, "KS distance of disjoint distributions is 1");
    OK(isnan(wc_fcd_ks(m, 3, c, 1)), "KS distance with one window is nan");
}

int main(void)
{
    test_against_direct();
    test_chunks();
    test_threads();
    test_offset();
    test_constant();
    test_edges();
    test_fcd();
    test_fit();
    test_fcd_summaries();
    return tap_done();
}
