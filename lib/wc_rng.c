/* wc_rng.c — Philox4x32-10 and OU noise (see wc_rng.h). */
#include "wckit/wc_rng.h"

#include <math.h>

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

static inline void mulhilo(uint32_t a, uint32_t b, uint32_t *hi, uint32_t *lo)
{
    uint64_t p = (uint64_t)a * b;
    *hi = (uint32_t)(p >> 32);
    *lo = (uint32_t)p;
}

static inline void philox_round(uint32_t c[4], const uint32_t k[2])
{
    uint32_t hi0, lo0, hi1, lo1;
    mulhilo(PHILOX_M0, c[0], &hi0, &lo0);
    mulhilo(PHILOX_M1, c[2], &hi1, &lo1);
    uint32_t n0 = hi1 ^ c[1] ^ k[0], n2 = hi0 ^ c[3] ^ k[1];
    c[0] = n0;
    c[1] = lo1;
    c[2] = n2;
    c[3] = lo0;
}

void wc_rng_philox4x32_10(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4])
{
    uint32_t c[4] = {ctr[0], ctr[1], ctr[2], ctr[3]}, k[2] = {key[0], key[1]};
    for (int round = 0; round < 10; round++) {
        if (round > 0) {
            k[0] += PHILOX_W0;
            k[1] += PHILOX_W1;
        }
        philox_round(c, k);
    }
    for (int i = 0; i < 4; i++) out[i] = c[i];
}

void wc_rng_words(uint64_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t out[4])
{
    uint32_t ctr[4] = {(uint32_t)step, (uint32_t)(step >> 32), index, stream};
    uint32_t key[2] = {(uint32_t)seed, (uint32_t)(seed >> 32)};
    wc_rng_philox4x32_10(ctr, key, out);
}

/* 53 bits from two words, mapped to the open interval (0, 1). */
static inline double open01(uint32_t hi, uint32_t lo)
{
    uint64_t bits = (((uint64_t)hi << 32) | lo) >> 11;
    return ((double)bits + 0.5) * 0x1p-53;
}

void wc_rng_uniform2(uint64_t seed, uint32_t stream, uint32_t index, uint64_t step, double u[2])
{
    uint32_t w[4];
    wc_rng_words(seed, stream, index, step, w);
    u[0] = open01(w[0], w[1]);
    u[1] = open01(w[2], w[3]);
}

void wc_rng_normal2(uint64_t seed, uint32_t stream, uint32_t index, uint64_t step, double z[2])
{
    uint32_t w[4];
    wc_rng_words(seed, stream, index, step >> 1, w);
    const uint32_t *p = w + 2 * (step & 1);
    double u0 = ((double)p[0] + 0.5) * 0x1p-32, u1 = ((double)p[1] + 0.5) * 0x1p-32;
    double rad = sqrt(-2.0 * log(u0)), ang = 2.0 * M_PI * u1;
    z[0] = rad * cos(ang);
    z[1] = rad * sin(ang);
}

double wc_rng_phi(double z)
{
    if (fabs(z) <= 1e-8) return 1.0 + z / 2.0 + z * z / 6.0;
    return expm1(z) / z;
}

void wc_rng_ou_init(wc_rng_ou *o, double mu, double tau, double sigma, double dt)
{
    o->mu = mu;
    o->tau = tau;
    o->decay = dt * wc_rng_phi(-dt / tau) / tau;
    o->kick = sigma / sqrt(tau) * sqrt(dt);
}
