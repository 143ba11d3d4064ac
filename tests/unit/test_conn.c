/* test_conn.c — connectome arithmetic (lib/wc_conn.c): statistics, delays, norms,
 * thresholds, the portable exp, and the synthetic generator's promises (symmetric,
 * zero diagonal, largest weight 1, the distance rule, minimum spacing, inside the
 * ellipsoid, the same bits for the same seed). */
#include "tap.h"
#include "wckit/wc_conn.h"
#include "wckit/wc_err.h"

#include <stdint.h>
#include <stdlib.h>

static wc_matrix mat(size_t n, const double *v)
{
    wc_matrix m;
    wc_matrix_alloc(&m, n);
    memcpy(m.a, v, n * n * sizeof(double));
    return m;
}

/* FNV-1a over the bytes of a matrix. */
static uint64_t fnv(const wc_matrix *m)
{
    uint64_t h = 1469598103934665603ull;
    const unsigned char *p = (const unsigned char *)m->a;
    for (size_t k = 0; k < m->n * m->n * 8; k++) h = (h ^ p[k]) * 1099511628211ull;
    return h;
}

static void test_stats(void)
{
    const double v[] = {5, 1, 0, 2, 0, -3, 0, 4, 0};
    wc_matrix c = mat(3, v);
    wc_conn_stats s;
    wc_conn_stats_compute(&c, &s);
    OK(s.n == 3 && s.edges == 4 && s.density == 4.0 / 6 && s.negative == 1 && s.diag_nonzero == 1,
       "stats: edges, density, negative, diagonal");
    OK(s.w_min == -3 && s.w_max == 4 && s.w_mean == 1 && s.rowsum_min == -1 && s.rowsum_max == 4,
       "stats: weights and row sums (diagonal left out)");
    OK(s.asym_max == 7, "stats: max |C - C^T| = |-3 - 4| (%g)", s.asym_max);
    const double dv[] = {0, 10, 99, 20, 0, 30, 99, 5, 0};
    wc_matrix d = mat(3, dv);
    wc_conn_delays dl;
    OK(wc_conn_delays_compute(&c, &d, 2.0, 0.1, &dl) == 0 && dl.edges == 4 && dl.len_min == 5 && dl.len_max == 30 &&
           dl.len_mean == 16.25,
       "delays: lengths over the edges only (the 99 mm pairs carry no weight)");
    OK(dl.delay_min == 2.5 && dl.delay_max == 15 && dl.steps_min == 25 && dl.steps_max == 150,
       "delays: ms at 2 m/s and ceil steps of 0.1 ms");
    d.a[1] = -1;
    OK(wc_conn_delays_compute(&c, &d, 2.0, 0.1, &dl) < 0 && strstr(wc_errmsg(), "negative"),
       "negative length refused");
    wc_matrix_free(&d);
    wc_matrix e;
    wc_matrix_alloc(&e, 2);
    OK(wc_conn_delays_compute(&c, &e, 2.0, 0.1, &dl) < 0 && strstr(wc_errmsg(), "the lengths are 2 x 2"),
       "size mismatch refused");
    wc_matrix_free(&e);
    wc_matrix_free(&c);
}

static void test_norm_threshold(void)
{
    const double v[] = {0, 2, -4, 1, 0, 1, 0, 0, 0};
    wc_matrix c = mat(3, v);
    size_t zero = 9;
    OK(wc_conn_norm(&c, WC_NORM_MAX, &zero) == 0 && c.a[2] == -1 && c.a[1] == 0.5 && zero == 0,
       "norm max: by the largest |w|");
    OK(wc_conn_norm(&c, WC_NORM_ROWSUM, &zero) == 0 && c.a[1] == -1 && c.a[2] == 2 && c.a[3] == 0.5 && zero == 1,
       "norm rowsum: rows sum to 1, a zero row left alone and counted");
    wc_matrix_free(&c);
    wc_matrix z;
    wc_matrix_alloc(&z, 2);
    OK(wc_conn_norm(&z, WC_NORM_MAX, NULL) < 0, "norm max of zeros is an error");
    wc_matrix_free(&z);

    /* symmetric, with a tie: 3, 3 (pair a), 2, 2 (pair b), 2, 2 (pair c), 1, 1 */
    const double s[] = {9, 3, 2, 1, 3, 9, 0, 2, 2, 0, 9, 0, 1, 2, 0, 9};
    wc_matrix t = mat(4, s);
    OK(wc_conn_keep_cut(&t, 0.25) == 3, "keep 25 %% of 8 edges: cut at the 2nd largest, 3");
    OK(wc_conn_keep_cut(&t, 0.3) == 2, "keep 30 %%: ceil(2.4) = 3rd largest, 2");
    OK(isinf(wc_conn_keep_cut(&t, 0)), "keep 0: cut above everything");
    size_t kept = wc_conn_threshold(&t, wc_conn_keep_cut(&t, 0.3));
    OK(kept == 6 && t.a[3] == 0 && t.a[12] == 0 && t.a[0] == 9,
       "ties at the cut stay (6 of 8 edges), diagonal untouched");
    int sym = 1;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) sym &= t.a[i * 4 + j] == t.a[j * 4 + i];
    OK(sym, "a symmetric matrix stays symmetric");
    wc_matrix_free(&t);
    const double u[] = {0, 0.1, 0.2, 0};
    wc_matrix w = mat(2, u);
    OK(wc_conn_keep_cut(&w, 0.1) == 0.2 && wc_conn_keep_cut(&w, 0.5) == 0.2 && wc_conn_keep_cut(&w, 0.51) == 0.1,
       "keep rounds the count up (ceil)");
    wc_matrix_free(&w);
}

static void test_exp(void)
{
    double worst = 0;
    for (double x = -745; x <= 709; x += 0.0137) {
        double want = exp(x), got = wc_conn_exp(x);
        double err = fabs(got - want) / (want > 1e-300 ? want : 1e-300);
        if (want > 1e-300 && err > worst) worst = err;
    }
    OK(worst < 5e-16, "portable exp within a few ulp of libm over [-745, 709] (max rel err %.2g)", worst);
    OK(wc_conn_exp(0) == 1 && wc_conn_exp(-1000) == 0 && isinf(wc_conn_exp(1000)) && isnan(wc_conn_exp(NAN)),
       "exp(0) = 1 exactly; underflow, overflow, NaN");
}

static void test_gen(void)
{
    wc_conn_gen_opts o;
    wc_conn_gen_opts_init(&o);
    o.n = 80;
    wc_matrix c, d, c2, d2;
    double pos[3 * 80];
    OK(wc_conn_gen(&o, &c, &d, pos) == 0 && c.n == 80 && d.n == 80, "gen -n 80");
    int sym = 1, diag = 1, inside = 1, rule = 1;
    double wmax = 0, dmin = INFINITY, sep = 0.3 * cbrt(4.0 / 3 * M_PI * 70 * 85 * 60 / 80);
    for (size_t i = 0; i < 80; i++) {
        double x = pos[3 * i] / 70, y = pos[3 * i + 1] / 85, z = pos[3 * i + 2] / 60;
        inside &= x * x + y * y + z * z <= 1;
        diag &= c.a[i * 81] == 0 && d.a[i * 81] == 0;
        for (size_t j = 0; j < 80; j++) {
            sym &= c.a[i * 80 + j] == c.a[j * 80 + i] && d.a[i * 80 + j] == d.a[j * 80 + i];
            if (i == j) continue;
            if (c.a[i * 80 + j] > wmax) wmax = c.a[i * 80 + j];
            if (d.a[i * 80 + j] < dmin) dmin = d.a[i * 80 + j];
        }
    }
    for (size_t k = 0; k < 80 * 80; k++)
        if (k % 81) rule &= fabs(c.a[k] - exp(-(d.a[k] - dmin) / 10)) <= 1e-15;
    OK(sym && diag, "gen: symmetric C and D, zero diagonals");
    OK(inside, "gen: nodes inside the 140 x 170 x 120 mm ellipsoid");
    OK(wmax == 1 && rule, "gen: w = exp(-(d - d_min)/lambda), largest weight exactly 1");
    OK(dmin >= sep, "gen: no two nodes closer than 0.3 (V/n)^(1/3) = %.2f mm (closest %.2f)", sep, dmin);
    OK(wc_conn_gen(&o, &c2, &d2, NULL) == 0 && memcmp(c.a, c2.a, 80 * 80 * 8) == 0 && memcmp(d.a, d2.a, 80 * 80 * 8) == 0,
       "gen: the same seed gives the same bits");
    /* pinned bits: a change here means the same seed no longer gives the same connectome */
    OK(fnv(&c) == 0x0b61641a802d509bull && fnv(&d) == 0x89269314d4ebfc17ull,
       "gen -n 80 --seed 0: C and D hashes %016llx %016llx",
       (unsigned long long)fnv(&c), (unsigned long long)fnv(&d));
    wc_matrix_free(&c2), wc_matrix_free(&d2);
    o.seed = 1;
    OK(wc_conn_gen(&o, &c2, &d2, NULL) == 0 && memcmp(c.a, c2.a, 80 * 80 * 8) != 0,
       "gen: another seed, another connectome");
    wc_matrix_free(&c2), wc_matrix_free(&d2);
    o.seed = 0;
    o.density = 0.1;
    OK(wc_conn_gen(&o, &c2, &d2, NULL) == 0, "gen --density 0.1");
    wc_conn_stats s;
    wc_conn_stats_compute(&c2, &s);
    OK(s.edges >= 632 && s.edges <= 640 && s.asym_max == 0 && memcmp(d.a, d2.a, 80 * 80 * 8) == 0,
       "gen --density 0.1: about 632 of 6320 edges (%zu), still symmetric, same lengths", s.edges);
    wc_matrix_free(&c2), wc_matrix_free(&d2);
    wc_matrix_free(&c), wc_matrix_free(&d);
    o.n = 1;
    OK(wc_conn_gen(&o, &c, &d, NULL) < 0, "gen -n 1 refused");
    o.n = 1000;
    o.density = 1;
    OK(wc_conn_gen(&o, &c, &d, NULL) == 0 && c.n == 1000, "gen -n 1000");
    wc_matrix_free(&c), wc_matrix_free(&d);
}

int main(void)
{
    test_stats();
    test_norm_threshold();
    test_exp();
    test_gen();
    return tap_done();
}
