/* wc_clock.c — drift-free step times (see wc_clock.h). */
#include "wckit/wc_clock.h"

#include <math.h>

void wc_clock_init(wc_clock *c, double dt)
{
    c->dt = dt;
    c->num = c->den = 0;
    double den = 1;
    for (int k = 0; k <= 9; k++, den *= 10) {
        double num = nearbyint(dt * den);
        if (num >= 1 && num < 0x1p31 && num / den == dt) {
            c->num = num;
            c->den = den;
            return;
        }
    }
}

double wc_clock_t(const wc_clock *c, long long n)
{
    double nn = (double)n;
    if (c->den > 0 && nn * c->num < 0x1p53) return nn * c->num / c->den;
    return nn * c->dt;
}

long long wc_clock_steps(const wc_clock *c, double t)
{
    double x = t / c->dt, r = nearbyint(x);
    if (!(x < WC_CLOCK_MAX_STEPS)) return (long long)WC_CLOCK_MAX_STEPS; /* callers check */
    if (fabs(x - r) <= 1e-9 * fmax(1.0, fabs(x))) return (long long)r;
    return (long long)ceil(x);
}
