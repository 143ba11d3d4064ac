/* wc_clock.h — step times without drift.
 *
 * t_n = n * dt computed naively drifts (3 * 0.1 = 0.30000000000000004) and an edge at
 * t = 0.3 may flip by one step.  When dt is a decimal fraction num/10^k (0.1, 0.05,
 * 0.025 ...) t_n is computed as the correctly rounded quotient (n * num) / 10^k, so
 * step 1000 at dt = 0.1 is exactly 100 and every t_n is the double nearest to the
 * decimal time.  Other steps fall back to n * dt. */
#ifndef WC_CLOCK_H
#define WC_CLOCK_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    double dt;
    double num, den;   /* dt = num / den exactly in decimal, den = 10^k; den 0: not decimal */
} wc_clock;

/** Set up the clock for step dt (> 0). */
void wc_clock_init(wc_clock *c, double dt);
/** Time of step n (ms). */
double wc_clock_t(const wc_clock *c, long long n);
/** Step counts beyond this (2^53) are refused by the tools; wc_clock_steps saturates here. */
#define WC_CLOCK_MAX_STEPS 0x1p53

/** Number of whole steps to reach time t: the n with t_n nearest to t when t is a
 *  multiple of dt within rounding, else ceil(t / dt). */
long long wc_clock_steps(const wc_clock *c, double t);

#ifdef __cplusplus
}
#endif
#endif
