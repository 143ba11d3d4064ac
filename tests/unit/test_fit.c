/* test_fit.c — the NLopt driver (lib/wc_fit.c): known minima (plain and log scale), the
 * methods' names, the same record whatever the threads (speculation changes nothing),
 * repeats averaged, a resumed run equal to one never stopped, a record of another fit
 * refused. */
#include "tap.h"
#include "wckit/wc_err.h"
#include "wckit/wc_fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* (x - 0.3)^2 + (y + 1.2)^2, plus a noise drawn from (k, r) when noisy. */
typedef struct {
    int noisy, log;
} prob;

static double noise(long long k, int r)
{
    unsigned long long z = (unsigned long long)(k * 31 + r + 1) * 0x9e3779b97f4a7c15ull;
    z ^= z >> 29, z *= 0xbf58476d1ce4e5b9ull, z ^= z >> 32;
    return ((double)(z >> 11) * 0x1p-53 - 0.5) * 1e-3;
}

static int quad(void *ctx, long long k, int r, const double *x, double *f, double *terms)
{
    const prob *p = ctx;
    double u = p->log ? log10(x[0]) + 2 : x[0];   /* log: the minimum at x = 10^-1.7 */
    *f = (u - 0.3) * (u - 0.3) + (x[1] + 1.2) * (x[1] + 1.2) + (p->noisy ? noise(k, r) : 0);
    terms[0] = (double)r, terms[1] = x[0];
    return 0;
}

typedef struct {
    wc_fit_eval *e;
    size_t n, cap;
} rec;

static int keep(void *ctx, const wc_fit_eval *e)
{
    rec *r = ctx;
    if (r->n == r->cap) r->e = realloc(r->e, (r->cap = r->cap ? 2 * r->cap : 64) * sizeof *r->e);
    r->e[r->n++] = *e;
    return 0;
}

static void setup(wc_fit_opts *o, prob *p, rec *r)
{
    wc_fit_opts_init(o);
    o->dim = 2, o->lo[0] = -2, o->hi[0] = 2, o->lo[1] = -2, o->hi[1] = 2;
    o->global = "crs2", o->local = "bobyqa", o->maxeval = 300, o->seed = 7, o->nterms = 2;
    o->fn = quad, o->ctx = p, o->record = keep, o->record_ctx = r;
}

static int same_records(const rec *a, const rec *b)
{
    if (a->n != b->n) return 0;
    for (size_t i = 0; i < a->n; i++)
        if (memcmp(&a->e[i], &b->e[i], sizeof *a->e - sizeof a->e[i].seconds) != 0 || a->e[i].index != (long long)i)
            return 0;
    return 1;
}

int main(void)
{
    int g = -1;
    OK(wc_fit_algorithm("crs2", &g) >= 0 && g == 1, "crs2 is a global method");
    OK(wc_fit_algorithm("LN_BOBYQA", &g) >= 0 && g == 0, "NLopt's own name LN_BOBYQA: a local one");
    OK(wc_fit_algorithm("LD_LBFGS", &g) < 0 && strstr(wc_errmsg(), "gradient"), "a gradient method is refused: %s", wc_errmsg());
    OK(wc_fit_algorithm("simplex", &g) < 0 && strstr(wc_errmsg(), "unknown"), "an unknown name: %s", wc_errmsg());

    prob p = {0};
    rec r1 = {0};
    wc_fit_opts o;
    wc_fit_result res;
    setup(&o, &p, &r1);
    OK(wc_fit_run(&o, &res) == 0, "crs2 + bobyqa runs");
    NEAR(res.best.x[0], 0.3, 1e-4, 0, "x at its minimum");
    NEAR(res.best.x[1], -1.2, 1e-4, 0, "y at its minimum");
    OK(res.evals <= 300 && (long long)r1.n == res.evals, "%lld evaluations, each recorded once", res.evals);
    size_t nglobal = 0;
    int order = 1;
    for (size_t i = 0; i < r1.n; i++) {
        nglobal += r1.e[i].phase == 0;
        order &= r1.e[i].index == (long long)i && r1.e[i].phase == (i < nglobal ? 0 : 1);
    }
    OK(order && nglobal == 225 && nglobal < r1.n, "global evaluations (%zu: 3/4 of 300, though NLopt's CRS alone would pass it), then local "
       "ones, in index order", nglobal);

    /* log scale: x in [1e-4, 1] searched over log10 */
    prob pl = {.log = 1};
    rec rl = {0};
    setup(&o, &pl, &rl);
    o.lo[0] = 1e-4, o.hi[0] = 1, o.logscale[0] = 1;
    OK(wc_fit_run(&o, &res) == 0, "a log-scale parameter");
    NEAR(res.best.x[0], pow(10, -1.7), 1e-3, 0, "its minimum at 10^-1.7");
    int inside = 1;
    for (size_t i = 0; i < rl.n; i++) inside &= rl.e[i].x[0] >= 1e-4 && rl.e[i].x[0] <= 1;
    OK(inside, "every point within the bounds, in the caller's units");
    free(rl.e);

    /* threads and repeats: the same record, values and all */
    prob pn = {.noisy = 1};
    rec a = {0}, b = {0}, c = {0};
    setup(&o, &pn, &a);
    o.repeats = 2, o.threads = 1;
    OK(wc_fit_run(&o, &res) == 0, "noisy, 2 repeats, 1 thread");
    long long evals1 = res.evals;
    setup(&o, &pn, &b);
    o.repeats = 2, o.threads = 5;
    OK(wc_fit_run(&o, &res) == 0 && res.wasted >= 0, "... 5 threads (%lld speculative evaluations unused)", res.wasted);
    OK(same_records(&a, &b) && res.evals == evals1, "the same %zu evaluations, bit for bit", a.n);
    OK(a.e[3].terms[0] == 0.5, "a term averaged over the repeats (0 and 1)");
    setup(&o, &pn, &c);
    o.global = "esch", o.local = "sbplx", o.maxeval = 200, o.threads = 4;
    rec d = {0};
    OK(wc_fit_run(&o, &res) == 0, "esch + sbplx, 4 threads");
    setup(&o, &pn, &d);
    o.global = "esch", o.local = "sbplx", o.maxeval = 200, o.threads = 1;
    OK(wc_fit_run(&o, &res) == 0 && same_records(&c, &d), "... the same record as on 1 thread");
    OK(fabs(res.best.x[0] - 0.3) < 0.05 && fabs(res.best.x[1] + 1.2) < 0.05, "and near the minimum (%g, %g)",
       res.best.x[0], res.best.x[1]);

    /* resume: the first 40 evaluations known */
    rec e = {0};
    setup(&o, &pn, &e);
    o.repeats = 2, o.threads = 3, o.known = a.e, o.nknown = 40;
    OK(wc_fit_run(&o, &res) == 0, "resumed after 40 evaluations");
    OK(same_records(&a, &e), "the same record as the run never stopped (the 40 included)");
    OK(res.computed == evals1 - 40, "only the %lld others computed", res.computed);
    wc_fit_eval bad[5];
    memcpy(bad, a.e, sizeof bad);
    bad[4].x[0] += 1e-9;
    rec f = {0};
    setup(&o, &pn, &f);
    o.repeats = 2, o.known = bad, o.nknown = 5;
    OK(wc_fit_run(&o, &res) < 0 && strstr(wc_errmsg(), "evaluation 4"), "a record of another fit refused: %s", wc_errmsg());
    setup(&o, &pn, &f);
    o.seed = 8, o.repeats = 2, o.known = a.e, o.nknown = 10;
    OK(wc_fit_run(&o, &res) < 0, "... or of another seed");

    /* bad setups */
    setup(&o, &p, &f);
    o.lo[1] = 3;
    OK(wc_fit_check(&o) < 0 && strstr(wc_errmsg(), "interval"), "inverted bounds: %s", wc_errmsg());
    setup(&o, &p, &f);
    o.logscale[0] = 1;
    OK(wc_fit_check(&o) < 0 && strstr(wc_errmsg(), "log"), "a log scale over 0: %s", wc_errmsg());
    setup(&o, &p, &f);
    o.global = "bobyqa";
    OK(wc_fit_check(&o) < 0 && strstr(wc_errmsg(), "local method"), "a local method as the global one: %s", wc_errmsg());
    setup(&o, &p, &f);
    o.global = "simplex";
    OK(wc_fit_check(&o) < 0 && strstr(wc_errmsg(), "unknown method 'simplex'"), "an unknown global method, named: %s",
       wc_errmsg());
    free(r1.e), free(a.e), free(b.e), free(c.e), free(d.e), free(e.e), free(f.e);
    return tap_done();
}
