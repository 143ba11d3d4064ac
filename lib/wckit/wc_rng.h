/* wc_rng.h — counter-based random numbers (Philox4x32-10, Salmon et al. 2011) and the
 * Ornstein–Uhlenbeck noise update of wc-model(7), NOISE.
 *
 * A draw is a pure function of (seed, stream, index, step): the counter is
 * {step low word, step high word, index, stream} and the key is the 64-bit seed.  So a
 * node's noise does not depend on thread count, chunking or sharding.
 *
 * Normal draws (transform 2, WC_RNG_NORMALS): one block serves two steps of a node, the
 * counter's step being n div 2; step n uses words 0 and 1 when n is even, 2 and 3 when
 * odd, each word w a uniform (w + 1/2) 2^-32, and Box–Muller turns the two into a pair. */
#ifndef WC_RNG_H
#define WC_RNG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Streams: independent families of draws under one seed. */
enum wc_rng_stream { WC_STREAM_OU = 0, WC_STREAM_HISTORY = 1, WC_STREAM_INIT = 2 };

/** One Philox4x32 block with 10 rounds: out = Philox(ctr, key). */
void wc_rng_philox4x32_10(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4]);

/** Four 32-bit words for (seed, stream, index, step). */
void wc_rng_words(uint64_t seed, uint32_t stream, uint32_t index, uint64_t step, uint32_t out[4]);

/** Two uniforms in the open interval (0, 1), 53 random bits each. */
void wc_rng_uniform2(uint64_t seed, uint32_t stream, uint32_t index, uint64_t step, double u[2]);

/** The normal transform, as a stream header records it (key noise.normals). */
#define WC_RNG_NORMALS "philox4x32-10, box-muller on 32-bit uniforms, a block per node and 2 steps (transform 2)"

/** Two independent standard normals for (index, step): transform 2 above.  From 32-bit
 *  uniforms, |z| stays below 6.7 (the tail beyond has probability 1e-10). */
void wc_rng_normal2(uint64_t seed, uint32_t stream, uint32_t index, uint64_t step, double z[2]);

/** The pairs wc_rng_normal2(seed, stream, i, step) for i = i0 .. i1-1 into z0[i], z1[i],
 *  in vector code (i0 and i1 multiples of WC_LANES).  The uniforms are the same bits;
 *  log (1 ulp), sqrt, sin and cos (3.5 ulp) come from SLEEF, so the normals agree with
 *  wc_rng_normal2 to a few ulp, and exactly with themselves on any thread count. */
void wc_rng_normals(uint64_t seed, uint32_t stream, uint64_t step, size_t i0, size_t i1, double *z0, double *z1);
/** Steps step (even) and step + 1 at once, from the same blocks: into z0, z1 and z0next,
 *  z1next.  Half the generator's work per draw. */
void wc_rng_normals_pair(uint64_t seed, uint32_t stream, uint64_t step, size_t i0, size_t i1, double *z0, double *z1,
                         double *z0next, double *z1next);

/** Per-node constants of one OU process stepped with exponential Euler at step dt. */
typedef struct {
    double mu, tau;
    double decay;   /* dt * phi(-dt/tau) / tau, phi(z) = expm1(z)/z */
    double kick;    /* sigma / sqrt(tau) * sqrt(dt) */
} wc_rng_ou;

/** Fill o for mean mu, time constant tau (ms), intensity sigma and step dt (ms). */
void wc_rng_ou_init(wc_rng_ou *o, double mu, double tau, double sigma, double dt);

/** x_{n+1} = x_n + dt phi(-dt/tau) (mu - x_n)/tau + sigma/sqrt(tau) sqrt(dt) xi, with
 *  the constant factor dt phi(-dt/tau)/tau computed once (wc_rng_ou_init).  wc_rng_ou_step does
 *  the same for many processes in vector code (the AVX-512 code may fuse a product and
 *  a sum into one rounding). */
static inline double wc_rng_ou_next(const wc_rng_ou *o, double x, double xi)
{
    return x + o->decay * (o->mu - x) + o->kick * xi;
}

/** For i in [i0, i1) (multiples of WC_LANES): x[i] = wc_rng_ou_next(coefficients i, x[i],
 *  z[i]), then in[i] += x[i].  Coefficients as arrays: mu, decay, kick. */
void wc_rng_ou_step(const double *mu, const double *decay, const double *kick, size_t i0, size_t i1,
                const double *z, double *x, double *in);

/** phi(z) = expm1(z)/z, and its Taylor polynomial 1 + z/2 + z^2/6 for |z| <= 1e-8. */
double wc_rng_phi(double z);

#ifdef __cplusplus
}
#endif
#endif
