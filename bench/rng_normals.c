/* rng_normals.c — nanoseconds per normal draw of the network noise (wc_rng_normals_pair,
 * as wc_sim draws an even step and the odd one after it), for bench/bench.py part engine:
 * 80 nodes (hcp80), 400 000 steps, best of 5.  Prints the figure. */
#include "wckit/wc_rng.h"

#include <stdio.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(void)
{
    enum { N = 80, STEPS = 400000 };
    static double z0[N], z1[N], z0n[N], z1n[N];
    double best = 1e30, sink = 0;
    for (int rep = 0; rep < 5; rep++) {
        double t0 = now();
        for (long k = 0; k < STEPS; k += 2) {
            wc_rng_normals_pair(7, WC_STREAM_OU, (uint64_t)k, 0, N, z0, z1, z0n, z1n);
            sink += z0[k % N] + z1n[k % N];
        }
        double t = (now() - t0) / (2.0 * N * STEPS) * 1e9;
        if (t < best) best = t;
    }
    printf("%.4f\n", best + 0 * sink);
    return sink == 12345.678;   /* keeps the draws */
}
