/* test_sim.c — the simulation engine through its public API: the row layout and its
 * column names, rows against a plain loop over wc_integrate_step, threads that do not change a bit;
 * noisy rows against a scalar loop over wc_rng_normal2 (wc-model(7), NOISE); the stop on a
 * blow-up (the rows handed out, the fault reported, the exact step). */
#include "tap.h"
#include "wckit/wc_err.h"
#include "wckit/wc_hdr.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_rng.h"
#include "wckit/wc_sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double *rows;
    size_t n, ncols;
} sink;

static int collect(void *ctx, const double *rows, size_t nrows)
{
    sink *s = ctx;
    s->rows = realloc(s->rows, (s->n + nrows) * s->ncols * sizeof *s->rows);
    memcpy(s->rows + s->n * s->ncols, rows, nrows * s->ncols * sizeof *rows);
    s->n += nrows;
    return 0;
}

static wc_sim_cfg config(size_t n, wc_params *p, int threads, sink *out)
{
    wc_sim_cfg c = {.n = n, .p = p, .method = WC_EXPEULER, .dt = 0.1, .nsteps = 200, .every = 1,
                    .rec_E = 1, .rec_I = 1, .threads = threads, .emit = collect, .ctx = out};
    out->ncols = wc_sim_ncols(&c);
    return c;
}

static void test_columns(void)
{
    wc_params p[3];
    for (int i = 0; i < 3; i++) wc_params_init(&p[i]);
    sink out = {0};
    wc_sim_cfg c = config(3, p, 1, &out);
    wc_hdr *h = wc_hdr_new();
    wc_hdr_add_col(h, "old");
    OK(wc_sim_columns(&c, h, NULL) == 0 && wc_hdr_ncols(h) == 7 && wc_sim_ncols(&c) == 7, "3 nodes, E and I: 7 columns");
    OK(strcmp(wc_hdr_col(h, 0), "t") == 0 && strcmp(wc_hdr_col(h, 3), "rE2") == 0 && strcmp(wc_hdr_col(h, 4), "rI0") == 0,
       "t rE0 rE1 rE2 rI0 rI1 rI2");
    c.n = 1, c.rec_I = 0;
    wc_sim_columns(&c, h, NULL);
    OK(wc_hdr_ncols(h) == 2 && strcmp(wc_hdr_col(h, 1), "rE") == 0, "one node, E only: t rE");
    const char *good[3] = {"Precentral_L", "Precentral_R", "Frontal_Sup_L"}, *dup[3] = {"a", "b", "a"},
               *blank[3] = {"a", "b c", "d"}, *tee[3] = {"a", "t", "d"};
    c.n = 3;
    OK(wc_sim_columns(&c, h, good) == 1 && wc_hdr_ncols(h) == 4 && strcmp(wc_hdr_col(h, 3), "Frontal_Sup_L") == 0,
       "region labels name the columns of one population");
    OK(wc_sim_columns(&c, h, dup) == 0 && strcmp(wc_hdr_col(h, 1), "rE0") == 0, "labels that repeat: rE0 ..");
    OK(wc_sim_columns(&c, h, blank) == 0 && wc_sim_columns(&c, h, tee) == 0, "a label with a blank, or 't': rE0 ..");
    c.rec_I = 1;
    OK(wc_sim_columns(&c, h, good) == 0 && wc_hdr_ncols(h) == 7, "both populations recorded: numbered columns");
    wc_hdr_free(h);
}

/* Rows of wc_sim_run = a plain loop of wc_integrate_step with the constant inputs I_E, I_I. */
static void test_rows(void)
{
    wc_params p[2];
    for (int i = 0; i < 2; i++) wc_params_init(&p[i]), p[i].rE0 = 0.3 + 0.2 * i, p[i].I_E = 1.0 + i;
    sink out = {0};
    wc_sim_cfg c = config(2, p, 1, &out);
    OK(wc_sim_run(&c) == 0 && out.n == 201 && wc_sim_nrows(&c) == 201, "201 rows for 200 steps");
    wc_soa s;
    wc_integrate_init(&s, p, 2);
    double rE[8] = {p[0].rE0, p[1].rE0}, rI[8] = {p[0].rI0, p[1].rI0}, inE[8], inI[8];
    for (int i = 0; i < 8; i++) inE[i] = p[i < 2 ? i : 0].I_E, inI[i] = p[i < 2 ? i : 0].I_I;
    unsigned fp = wc_integrate_fp_enter();
    for (int k = 0; k < 200; k++) wc_integrate_step(&s, WC_EXPEULER, 0.1, 0, 8, rE, rI, inE, inI);
    wc_integrate_fp_leave(fp);
    const double *last = out.rows + 200 * out.ncols;
    OK(last[1] == rE[0] && last[2] == rE[1] && last[3] == rI[0] && last[4] == rI[1],
       "the last row equals 200 plain wc_integrate_step calls bit for bit");
    OK(last[0] == 20, "t of the last row is 200 x 0.1 = 20 exactly");
    sink two = {0};
    wc_sim_cfg c2 = config(2, p, 2, &two);
    OK(wc_sim_run(&c2) == 0 && two.n == out.n && memcmp(two.rows, out.rows, out.n * out.ncols * sizeof(double)) == 0,
       "2 threads: the same bytes");
    wc_integrate_free(&s);
    free(out.rows), free(two.rows);
}

/* ---- a run that blows up ---- */

typedef struct {
    size_t rows, ncols;
    long long bad;      /* values out of bounds among the rows handed out */
    double last_t;
} bounds_sink;

static int collect_checked(void *ctx, const double *rows, size_t n)
{
    bounds_sink *k = ctx;
    for (size_t r = 0; r < n; r++) {
        for (size_t c = 1; c < k->ncols; c++)
            if (!(fabs(rows[r * k->ncols + c]) <= WC_SIM_BOUND)) k->bad++;
        k->last_t = rows[r * k->ncols];
    }
    k->rows += n;
    return 0;
}

/* euler at dt 3 from rE0 = 0.9 with wEE = 50: rI leaves the bound at step 13 */
static int run_euler3(long long every, long long nsteps, bounds_sink *k, wc_sim_fault *f)
{
    wc_params p;
    wc_params_init(&p);
    p.rE0 = 0.9, p.wEE = 50;
    wc_sim_cfg c = {.n = 1, .p = &p, .method = WC_EULER, .dt = 3, .nsteps = nsteps, .every = every, .rec_E = 1,
                    .rec_I = 1, .threads = 1, .emit = collect_checked, .fault = f};
    *k = (bounds_sink){.ncols = wc_sim_ncols(&c)};
    c.ctx = k;
    return wc_sim_run(&c);
}

static void test_blowup(void)
{
    bounds_sink k;
    wc_sim_fault f;
    int rc = run_euler3(1, 100, &k, &f);
    OK(rc < 0 && strstr(wc_errmsg(), "rI reached") && strstr(wc_errmsg(), "at step 13 (t = 39 ms)"),
       "blow-up reported with variable, step and time: %s", wc_errmsg());
    OK(f.step == 13 && f.t == 39 && f.pop == WC_POP_I && f.node == 0 && fabs(f.value) > WC_SIM_BOUND,
       "fault: step %lld, t %g, pop %d, value %g", f.step, f.t, f.pop, f.value);
    OK(k.rows == 13 && k.bad == 0 && k.last_t == 36, "rows 0..12 handed out, none out of bounds (%zu rows, last t %g)",
       k.rows, k.last_t);
    run_euler3(5, 100, &k, &f);
    OK(f.step == 13 && k.rows == 3 && k.bad == 0, "every 5: the same step, rows 0, 5, 10 only (%zu)", k.rows);
    rc = run_euler3(1, 12, &k, &f);
    OK(rc == 0 && f.step == -1 && k.rows == 13 && k.bad == 0, "12 steps: no blow-up, fault.step = -1");
}

/* Noise: each step's draws are wc_rng_normal2's for (node, step), E from the first, I
 * from the second; exponential Euler written out in scalar C.  24 nodes, 301 steps (odd
 * and even ones; the engine draws an odd step with the even one before it). */
static void test_noise(void)
{
    enum { N = 24, STEPS = 301 };
    wc_params p[N];
    for (int i = 0; i < N; i++) wc_params_init(&p[i]), p[i].sigma_E = 0.01 * (1 + i % 3), p[i].sigma_I = 0.02, p[i].I_E = 0.5;
    for (int threads = 1; threads <= 2; threads++) {
        sink out = {0};
        wc_sim_cfg c = config(N, p, threads, &out);
        c.nsteps = STEPS, c.seed = 123456789;
        OK(wc_sim_run(&c) == 0 && out.n == STEPS + 1, "a noisy run of %d nodes on %d thread(s)", N, threads);
        double worst = 0, rE[N] = {0}, rI[N] = {0}, xE[N] = {0}, xI[N] = {0};
        for (long s = 0; s < STEPS; s++)
            for (int i = 0; i < N; i++) {
                const wc_params *q = &p[i];
                wc_rng_ou oe, oi;
                wc_rng_ou_init(&oe, q->mu_E, q->noise_tau, q->sigma_E, 0.1);
                wc_rng_ou_init(&oi, q->mu_I, q->noise_tau, q->sigma_I, 0.1);
                double z[2];
                wc_rng_normal2(c.seed, WC_STREAM_OU, (uint32_t)i, (uint64_t)s, z);
                xE[i] = wc_rng_ou_next(&oe, xE[i], z[0]), xI[i] = wc_rng_ou_next(&oi, xI[i], z[1]);
                double IE = q->I_E + xE[i], II = q->I_I + xI[i];
                double FE0 = 1 / (1 + exp(q->a_E * q->theta_E)), FI0 = 1 / (1 + exp(q->a_I * q->theta_I));
                double sE = 1 / (1 + exp(-q->a_E * (q->wEE * rE[i] - q->wEI * rI[i] + IE - q->theta_E)));
                double sI = 1 / (1 + exp(-q->a_I * (q->wIE * rE[i] - q->wII * rI[i] + II - q->theta_I)));
                double FE = sE - FE0, FI = sI - FI0;
                double fE = (-rE[i] + (1 - q->r * rE[i]) * FE) / q->tau_E, fI = (-rI[i] + (1 - q->r * rI[i]) * FI) / q->tau_I;
                double JE = (-1 - q->r * FE + (1 - q->r * rE[i]) * q->a_E * sE * (1 - sE) * q->wEE) / q->tau_E;
                double JI = (-1 - q->r * FI - (1 - q->r * rI[i]) * q->a_I * sI * (1 - sI) * q->wII) / q->tau_I;
                rE[i] += 0.1 * wc_rng_phi(0.1 * JE) * fE;
                rI[i] += 0.1 * wc_rng_phi(0.1 * JI) * fI;
                worst = fmax(worst, fabs(rE[i] - out.rows[(s + 1) * out.ncols + 1 + i]));
                worst = fmax(worst, fabs(rI[i] - out.rows[(s + 1) * out.ncols + 1 + N + i]));
            }
        OK(worst < 1e-12, "... equal to the scalar loop over wc_rng_normal2 to %.1e (< 1e-12)", worst);
        free(out.rows);
    }
    /* the vector draws of a step pair equal the single steps' */
    double a0[16], a1[16], b0[16], b1[16], c0[16], c1[16], d0[16], d1[16];
    wc_rng_normals_pair(5, WC_STREAM_OU, 1000, 0, 16, a0, a1, b0, b1);
    wc_rng_normals(5, WC_STREAM_OU, 1000, 0, 16, c0, c1);
    wc_rng_normals(5, WC_STREAM_OU, 1001, 0, 16, d0, d1);
    OK(!memcmp(a0, c0, sizeof a0) && !memcmp(a1, c1, sizeof a1) && !memcmp(b0, d0, sizeof b0) && !memcmp(b1, d1, sizeof b1),
       "wc_rng_normals_pair(step) = wc_rng_normals(step), wc_rng_normals(step + 1), bit for bit");
}

int main(void)
{
    test_columns();
    test_rows();
    test_blowup();
    test_noise();
    return tap_done();
}
