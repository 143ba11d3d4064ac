/* test_explore.c — one point of a network exploration (lib/wc_explore.c): its FC and
 * scores against the same simulation's rows collected directly (wc_sim_run) and computed
 * at once (wc_fc_matrix), the BOLD path against wc_bold stepped by hand, the per-point
 * seeds, the checks made before any work, and a run that blows up. */
#include "tap.h"
#include "wckit/wc_bold.h"
#include "wckit/wc_clock.h"
#include "wckit/wc_err.h"
#include "wckit/wc_explore.h"
#include "wckit/wc_fc.h"
#include "wckit/wc_sim.h"

#include <stdlib.h>

#define N 6

/* A small ring with a chord, lengths 1..N mm. */
static void network(wc_matrix *C, wc_matrix *D)
{
    wc_matrix_alloc(C, N);
    wc_matrix_alloc(D, N);
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < N; j++) {
            int near = (i + 1) % N == j || (j + 1) % N == i || (i == 0 && j == 3) || (i == 3 && j == 0);
            C->a[i * N + j] = near ? 0.5 + 0.1 * (double)((i + j) % 3) : 0;
            D->a[i * N + j] = i == j ? 0 : 1 + (double)((i * 7 + j * 3) % N);
        }
}

/* The rows the point sees, collected. */
typedef struct {
    double *x;
    size_t rows, cap;
    wc_bold *bold;
    double tr_steps, skip_s, tr;
    long long next;
} collect;

static int keep(collect *c, const double *v)
{
    if (c->rows == c->cap) c->x = realloc(c->x, (c->cap = 2 * c->cap + 64) * N * sizeof *c->x);
    memcpy(c->x + c->rows++ * N, v, N * sizeof *v);
    return 0;
}

static int emit_raw(void *ctx, const double *rows, size_t n)
{
    for (size_t k = 0; k < n; k++) keep(ctx, rows + k * (N + 1) + 1);
    return 0;
}

/* wc_bold by hand: each row a step, sample m after round(m TR/dt) steps, from the skip on. */
static int emit_bold(void *ctx, const double *rows, size_t n)
{
    collect *c = ctx;
    double y[N];
    for (size_t k = 0; k < n; k++) {
        if (wc_bold_step(c->bold, rows + k * (N + 1) + 1) < 0) return -1;
        if (wc_bold_steps(c->bold) < llround((double)c->next * c->tr_steps)) continue;
        double t = (double)c->next++ * c->tr;
        if (t < c->skip_s - 1e-9 * c->tr) continue;
        wc_bold_signal(c->bold, y);
        keep(c, y);
    }
    return 0;
}

/* The same simulation as the point's, rows into c. */
static void simulate(const wc_explore_cfg *e, collect *c)
{
    wc_net net;
    wc_net_opts o = e->net;
    o.dt = e->dt;
    wc_net_build(&net, e->C, e->D, &o);
    double *hist = wc_net_history_values(&e->history, N, wc_net_history_len(&net), e->seed);
    wc_params p[N];
    for (int i = 0; i < N; i++) p[i] = e->p;
    wc_clock clk;
    wc_clock_init(&clk, e->dt);
    wc_sim_cfg s = {.n = N, .p = p, .method = e->method, .dt = e->dt, .nsteps = wc_clock_steps(&clk, e->T),
                    .every = e->bold ? 1 : e->every, .first = e->bold ? 0 : wc_clock_steps(&clk, e->transient),
                    .seed = e->seed, .rec_E = 1, .threads = 1, .net = &net, .history = hist,
                    .emit = e->bold ? emit_bold : emit_raw, .ctx = c};
    OK(wc_sim_run(&s) == 0, "direct simulation runs");
    free(hist);
    wc_net_free(&net);
}

static void compare(const char *what, const wc_explore_cfg *e, collect *c)
{
    double fc[N * N], ref[N * N];
    wc_explore_result r = {.fc = fc};
    OK(wc_explore_point(e, &r) == 0 && r.status == WC_EXPLORE_OK, "%s: the point runs", what);
    simulate(e, c);
    OK(r.samples == (long long)c->rows, "%s: %lld samples, as collected (%zu)", what, r.samples, c->rows);
    wc_fc_matrix(c->x, c->rows, N, WC_FC_CORR, ref);
    double worst = 0;
    for (int k = 0; k < N * N; k++) worst = fmax(worst, fabs(fc[k] - ref[k]));
    OK(worst <= 1e-12, "%s: FC = wc_fc_matrix of the rows (max diff %.3g)", what, worst);
    OK(fabs(r.fc_corr - wc_fc_matrix_corr(ref, e->fc_emp, N)) <= 1e-12, "%s: fc_corr", what);
    OK(fabs(r.sc_corr - wc_fc_matrix_corr(ref, e->C->a, N)) <= 1e-12, "%s: sc_corr", what);
    OK(fabs(r.fc_mean - wc_fc_upper_mean(ref, N)) <= 1e-12, "%s: fc_mean", what);
    free(c->x);
}

int main(void)
{
    wc_matrix C, D, E;
    network(&C, &D);
    wc_matrix_alloc(&E, N);
    for (int k = 0; k < N * N; k++) E.a[k] = cos(0.7 * k);   /* any "empirical" FC */
    wc_explore_cfg e;
    wc_explore_cfg_init(&e);
    e.C = &C, e.D = &D, e.fc_emp = E.a;
    e.p.sigma_E = e.p.sigma_I = 0.02;
    e.T = 400, e.transient = 100, e.every = 3, e.seed = 11;
    OK(wc_explore_check(&e) == 0, "a good configuration passes the check");

    collect c = {0};
    compare("raw rE", &e, &c);

    wc_bold_params bp;
    wc_bold_params_init(&bp);
    e.bold = 1, e.every = 1, e.T = 20000, e.transient = 2000, e.tr = 0.5, e.dt = 0.5;
    c = (collect){.bold = wc_bold_new(N, &bp, e.dt / 1000), .tr_steps = e.tr * 1000 / e.dt, .skip_s = 2, .tr = e.tr};
    compare("BOLD", &e, &c);
    wc_bold_free(c.bold);

    /* the checks */
    wc_explore_cfg b = e;
    b.tr = 0.0001;
    OK(wc_explore_check(&b) < 0 && strstr(wc_errmsg(), "shorter than the step"), "TR < dt refused: %s", wc_errmsg());
    b = e, b.transient = b.T;
    OK(wc_explore_check(&b) < 0 && strstr(wc_errmsg(), "longer than the transient"), "transient >= T refused");
    b = e, b.net.speed = 0;
    OK(wc_explore_check(&b) < 0, "speed 0 refused: %s", wc_errmsg());
    b = e, b.window = 1, b.step = 1;
    OK(wc_explore_check(&b) < 0, "a window of 1 sample refused");

    /* a run that blows up is a status, not an error */
    b = e, b.bold = 0, b.T = 200, b.transient = 0, b.dt = 0.1, b.method = 1 /* euler */, b.p.tau_E = 0.01, b.p.tau_I = 0.01;
    b.net.k = 1e6;
    wc_explore_result r = {0};
    int rc = wc_explore_point(&b, &r);
    OK(rc == 0 && r.status == WC_EXPLORE_BLOWUP && isnan(r.fc_corr), "a blow-up: status %d, scores nan (rc %d)", r.status, rc);

    /* seeds: 53 bits, different per index, a function of (seed, index) only */
    uint64_t s0 = wc_explore_seed(0, 0), s1 = wc_explore_seed(0, 1), s2 = wc_explore_seed(1, 0);
    OK(s0 != s1 && s0 != s2 && s1 != s2 && s0 < (1ull << 53) && s1 < (1ull << 53) && wc_explore_seed(0, 1) == s1,
       "seeds differ per index and sweep seed, fit in 53 bits");
    wc_matrix_free(&C), wc_matrix_free(&D), wc_matrix_free(&E);
    return tap_done();
}
