/* wc_sim.c — block-wise, multi-threaded stepping of nodes and networks (see wc_sim.h). */
#include "wckit/wc_sim.h"
#include "wc_barrier_internal.h"
#include "wc_thread_internal.h"
#include "wckit/wc_clock.h"
#include "wckit/wc_err.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_rng.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A block is the steps run between two thread hand-offs.  Its recorded rows are buffered
 * (at most BLOCK_BYTES), so sparse recording (--every) allows long blocks: a hand-off
 * costs tens of microseconds when a thread has to be woken. */
#define BLOCK_BYTES (4u << 20)
#define BLOCK_STEPS_MAX 16384

typedef struct {
    const wc_sim_cfg *cfg;
    wc_soa soa;
    wc_clock clock;
    size_t cap, ncols;
    double *rE, *rI, *inE, *inI, *IE0, *II0;   /* cap each */
    double *ouE, *ouI;                           /* noise states, cap each */
    double *saved;                               /* 4 x cap: rE, rI, ouE, ouI at the block's start */
    double *z0, *z1;                             /* the step's normal draws, cap each */
    double *z0n, *z1n;                           /* the next (odd) step's, drawn with an even one */
    double *ou_mu[2], *ou_decay[2], *ou_kick[2]; /* OU coefficients of E and I, cap each */
    int noise;                                   /* any OU process active */
    unsigned char *targets;                      /* nstim x cap: node i gets stimulus s */
    double *stimval;                             /* nstim x block: values per step */
    double *rows;                                /* recorded rows of a block */
    long *slot;                                  /* block: row slot of the state after each step */
    long long n0;                                /* first step of the block */
    size_t nb, block;                            /* steps in this block, block capacity */
    size_t block_rows;                           /* rows a block can record */
    size_t grain;                                /* nodes per granule, a multiple of WC_LANES */
    /* network: node j's history H_j[m] is at hist[j*stride + slot(m)] and slot(m) + ring */
    double *hist;                                /* cap x stride */
    size_t ring, stride;
    double *coup;                                /* per class, cap x coup_len: coupling sums */
    size_t *tap_off;                             /* per tap: source * stride + ring - lag */
    size_t sync_every;                           /* taps read this block's history: threads wait for each
                                                  * other after every sync_every-th step (0: never) */
    size_t coup_len;
    /* threads */
    wc_barrier start, done, step;
    int stop;
} sim;

/* Threads take granules of nodes in turn (thread t: granules t, t + T, ...).  Every node
 * costs the same per step, so one contiguous granule per thread: interleaved granules
 * measured twice the CPU time on 2 threads (800 lone nodes: 3.1 s of CPU for 1.5 s of
 * work), as each core's prefetchers pull the lines of its neighbour's granules. */
#define GRAINS_PER_THREAD 1

typedef struct {
    sim *s;
    int t, nt;   /* this thread's index and the thread count */
} worker;

static int is_recorded(const wc_sim_cfg *c, long long k)
{
    return k >= c->first && k % c->every == 0;
}

size_t wc_sim_ncols(const wc_sim_cfg *c) { return 1 + c->n * ((c->rec_E ? 1 : 0) + (c->rec_I ? 1 : 0)); }

long long wc_sim_nrows(const wc_sim_cfg *c)
{
    long long lo = c->first > 0 ? c->first : 0;
    if (lo > c->nsteps) return 0;
    long long first_rec = (lo + c->every - 1) / c->every * c->every;
    return first_rec > c->nsteps ? 0 : (c->nsteps - first_rec) / c->every + 1;
}

/* Write the state of nodes [i0, i1) into row r. */
static void record(sim *s, double *row, size_t i0, size_t i1)
{
    const wc_sim_cfg *c = s->cfg;
    size_t off = 1;
    if (i1 > c->n) i1 = c->n;
    if (c->rec_E) {
        for (size_t i = i0; i < i1; i++) row[off + i] = s->rE[i];
        off += c->n;
    }
    if (c->rec_I)
        for (size_t i = i0; i < i1; i++) row[off + i] = s->rI[i];
}

/* Ring slot of history step m (m >= -ring). */
static size_t slot(const sim *s, long long m)
{
    long long r = m % (long long)s->ring;
    return (size_t)(r < 0 ? r + (long long)s->ring : r);
}

/* The sums of tap class c (wc_net.h) for the block, per target; a run's blocks may be
 * shorter than the network's (s->block <= net->block), the classes stay. */
static double *class_sums(const sim *s, int c, size_t i) { return s->coup + ((size_t)c * s->cap + i) * s->coup_len; }

/* Coupling sums of targets [i0, i1) due at block offset b: tap t reads its source's
 * history from hist + tap_off[t] + slot(n0) + b on. */
static void couple_step(sim *s, size_t i0, size_t i1, size_t b)
{
    const wc_net *net = s->cfg->net;
    const double *h = s->hist + slot(s, s->n0) + b;
    if (i1 > net->n) i1 = net->n;
    for (int c = 0; c < net->nclass; c++) {
        size_t len = wc_net_class_len(net, c);
        if (b % len) continue;
        for (size_t i = i0; i < i1; i++) {
            size_t t0 = wc_net_classes(net, i)[c], t1 = wc_net_classes(net, i)[c + 1];
            if (t1 > t0) wc_net_couple(h, s->tap_off + t0, net->w + t0, t1 - t0, len, class_sums(s, c, i) + b);
        }
    }
}

/* Sum of target i's taps shorter than every class at block offset b. */
static double short_sum(const sim *s, size_t i, size_t b)
{
    const wc_net *net = s->cfg->net;
    const double *h = s->hist + slot(s, s->n0) + b;
    double sum = 0;
    for (size_t t = wc_net_classes(net, i)[WC_NET_CLASSES]; t < net->first[i + 1]; t++) sum += net->w[t] * h[s->tap_off[t]];
    return sum;
}

/* H_i[m] = rE_i for nodes [i0, i1), in every copy of its slot. */
static void write_history(sim *s, size_t i0, size_t i1, long long m)
{
    size_t q = slot(s, m);
    if (i1 > s->cfg->n) i1 = s->cfg->n;
    for (size_t i = i0; i < i1; i++) {
        double *h = s->hist + i * s->stride;
        h[q] = h[q + s->ring] = s->rE[i];
        if (q < s->coup_len) h[q + 2 * s->ring] = s->rE[i];
    }
}

/* The network's input to E at block offset b: k sum_j C_ij H_j[n - s_ij] (class by
 * class, then the short taps), minus k rowsum_i rE_i(t_n) for diffusive coupling. */
static void add_coupling(sim *s, size_t i0, size_t i1, size_t b)
{
    const wc_net *net = s->cfg->net;
    if (i1 > net->n) i1 = net->n;
    for (size_t i = i0; i < i1; i++) {
        double sum = class_sums(s, 0, i)[b];
        for (int c = 1; c < net->nclass; c++) sum += class_sums(s, c, i)[b];
        if (net->stepwise) sum += short_sum(s, i, b);
        if (net->coupling == WC_DIFFUSIVE) sum -= net->rowsum[i] * s->rE[i];
        s->inE[i] += net->k * sum;
    }
}

/* The normal draws of nodes [i0, i1) for step n: an even step draws the next one too
 * (one generator block serves both, wc_rng.h); an odd step uses them when this thread
 * drew them (drawn: it ran step n - 1 just before), else draws its own. */
static void normals(sim *s, size_t i0, size_t i1, long long n, int drawn, const double **zE, const double **zI)
{
    uint64_t seed = s->cfg->seed;
    *zE = s->z0, *zI = s->z1;
    if (n % 2 == 0) wc_rng_normals_pair(seed, WC_STREAM_OU, (uint64_t)n, i0, i1, s->z0, s->z1, s->z0n, s->z1n);
    else if (drawn) *zE = s->z0n, *zI = s->z1n;
    else wc_rng_normals(seed, WC_STREAM_OU, (uint64_t)n, i0, i1, s->z0, s->z1);
}

/* Inputs of nodes [i0, i1) for step n (block offset b): constant + stimuli + noise
 * + network.  drawn: as normals(). */
static void build_inputs(sim *s, size_t i0, size_t i1, size_t b, long long n, int drawn)
{
    const wc_sim_cfg *c = s->cfg;
    if (!s->noise && c->nstim == 0 && !c->net) return; /* constant inputs, set once by sim_setup */
    memcpy(s->inE + i0, s->IE0 + i0, (i1 - i0) * sizeof(double));
    memcpy(s->inI + i0, s->II0 + i0, (i1 - i0) * sizeof(double));
    for (size_t k = 0; k < c->nstim; k++) {
        double v = s->stimval[k * s->block + b], *in = wc_stim_pop(c->stims[k]) == WC_POP_E ? s->inE : s->inI;
        const unsigned char *tg = s->targets + k * s->cap;
        for (size_t i = i0; i < i1; i++)
            if (tg[i]) in[i] += v;
    }
    if (s->noise) {
        const double *zE, *zI;
        normals(s, i0, i1, n, drawn, &zE, &zI);
        wc_rng_ou_step(s->ou_mu[0], s->ou_decay[0], s->ou_kick[0], i0, i1, zE, s->ouE, s->inE);
        wc_rng_ou_step(s->ou_mu[1], s->ou_decay[1], s->ou_kick[1], i0, i1, zI, s->ouI, s->inI);
    }
    if (c->net) add_coupling(s, i0, i1, b);
}

/* Step this worker's granules through steps [b0, b1) of the current block. */
static void run_steps(sim *s, const worker *w, size_t b0, size_t b1)
{
    const wc_sim_cfg *c = s->cfg;
    unsigned fp = wc_integrate_fp_enter();
    size_t first = (size_t)w->t * s->grain, stride = (size_t)w->nt * s->grain;
    for (size_t b = b0; b < b1; b++) {
        long long n = s->n0 + (long long)b;
        for (size_t i0 = first; i0 < s->cap; i0 += stride) {
            size_t i1 = i0 + s->grain < s->cap ? i0 + s->grain : s->cap;
            if (c->net) couple_step(s, i0, i1, b);
            build_inputs(s, i0, i1, b, n, b > b0);
            wc_integrate_step(&s->soa, c->method, c->dt, i0, i1, s->rE, s->rI, s->inE, s->inI);
            if (c->net) write_history(s, i0, i1, n + 1);
            if (s->slot[b] >= 0) record(s, s->rows + (size_t)s->slot[b] * s->ncols, i0, i1);
        }
        if (s->sync_every && w->nt > 1 && (b + 1) % s->sync_every == 0)
            wc_barrier_wait(&s->step);   /* the history steps b + 1 on read is complete */
    }
    wc_integrate_fp_leave(fp);
}

static void run_block(sim *s, const worker *w) { run_steps(s, w, 0, s->nb); }

static void worker_main(void *arg)
{
    worker *w = arg;
    sim *s = w->s;
    for (;;) {
        wc_barrier_wait(&s->start);
        if (s->stop) return;
        run_block(s, w);
        wc_barrier_wait(&s->done);
    }
}

/* Stimulus values and row slots of the block starting at step s->n0; rows' t column. */
static int prepare_block(sim *s, size_t *nrows)
{
    const wc_sim_cfg *c = s->cfg;
    for (size_t b = 0; b < s->nb; b++) {
        long long n = s->n0 + (long long)b;
        double t = wc_clock_t(&s->clock, n);
        for (size_t k = 0; k < c->nstim; k++)
            if (wc_stim_value(c->stims[k], n, t, &s->stimval[k * s->block + b]) < 0) return -1;
    }
    *nrows = 0;
    for (size_t b = 0; b < s->nb; b++) {
        long long k = s->n0 + (long long)b + 1;
        s->slot[b] = is_recorded(c, k) ? (long)(*nrows)++ : -1;
        if (s->slot[b] >= 0) s->rows[(size_t)s->slot[b] * s->ncols] = wc_clock_t(&s->clock, k);
    }
    return 0;
}

static void *xcalloc(size_t n, size_t size, int *fail)
{
    void *p = n && size ? calloc(n, size) : NULL;
    if (!p) *fail = 1;
    return p;
}

/* n zeroed doubles on whole cache lines: threads writing neighbouring granules of the
 * state never share a line. */
static double *xalloc_lines(size_t n, int *fail)
{
    size_t bytes = (n * sizeof(double) + 63) / 64 * 64;
    double *p = aligned_alloc(64, bytes);
    if (!p) *fail = 1;
    else memset(p, 0, bytes);
    return p;
}

static int sim_alloc(sim *s)
{
    const wc_sim_cfg *c = s->cfg;
    int fail = 0;
    size_t cap = s->cap;
    s->rE = xalloc_lines(cap, &fail);
    s->rI = xalloc_lines(cap, &fail);
    s->inE = xalloc_lines(cap, &fail);
    s->inI = xalloc_lines(cap, &fail);
    s->IE0 = xcalloc(cap, sizeof(double), &fail);
    s->II0 = xcalloc(cap, sizeof(double), &fail);
    s->ouE = xalloc_lines(cap, &fail);   /* written every step, granule by granule */
    s->ouI = xalloc_lines(cap, &fail);
    s->saved = xcalloc(4 * cap, sizeof(double), &fail);
    s->z0 = xalloc_lines(cap, &fail);
    s->z1 = xalloc_lines(cap, &fail);
    s->z0n = xalloc_lines(cap, &fail);
    s->z1n = xalloc_lines(cap, &fail);
    for (int pop = 0; pop < 2; pop++) {
        s->ou_mu[pop] = xcalloc(cap, sizeof(double), &fail);
        s->ou_decay[pop] = xcalloc(cap, sizeof(double), &fail);
        s->ou_kick[pop] = xcalloc(cap, sizeof(double), &fail);
    }
    s->targets = xcalloc((c->nstim ? c->nstim : 1) * cap, 1, &fail);
    s->stimval = xcalloc((c->nstim ? c->nstim : 1) * s->block, sizeof(double), &fail);
    s->rows = xcalloc(s->block_rows * s->ncols, sizeof(double), &fail);
    s->slot = xcalloc(s->block, sizeof(long), &fail);
    if (c->net) {
        s->hist = xalloc_lines(c->n * s->stride, &fail);
        s->coup = xalloc_lines((size_t)c->net->nclass * cap * s->coup_len, &fail);
        s->tap_off = xcalloc(c->net->ntap ? c->net->ntap : 1, sizeof(size_t), &fail);
    }
    if (fail || wc_integrate_init(&s->soa, c->p, c->n) < 0) return wc_seterr("out of memory for %zu nodes", c->n);
    return 0;
}

static void sim_free(sim *s)
{
    void *ptrs[] = {s->rE, s->rI, s->inE, s->inI, s->IE0, s->II0, s->ouE, s->ouI, s->ou_mu[0], s->ou_mu[1],
                    s->ou_decay[0], s->ou_decay[1], s->ou_kick[0], s->ou_kick[1], s->targets, s->stimval, s->rows, s->slot, s->hist, s->coup, s->z0, s->z1, s->z0n, s->z1n, s->tap_off, s->saved};
    for (size_t k = 0; k < sizeof ptrs / sizeof *ptrs; k++) free(ptrs[k]);
    wc_integrate_free(&s->soa);
}

/* Ring and coupling-array sizes.  The ring holds the longest lag, a block and one slot
 * more, so that values written during a block never land where another thread reads.
 * A node's row holds the ring twice and the start of a third copy: a tap with lag s
 * reads from slot(n0) + ring - s on, and a whole block runs on without wrapping. */
static void net_layout(sim *s)
{
    s->coup_len = wc_integrate_padded(s->cfg->net->block);
    s->ring = (size_t)s->cfg->net->lag_max + s->coup_len + 1;
    s->stride = wc_integrate_padded(2 * s->ring + s->coup_len);
}

/* How often threads must wait for each other within a block (they also do at its start).
 * Class c's sums for block offsets [b, b + len_c) are computed at b and read H up to step
 * n0 + b, written at step b - 1: a wait after step b - 1 for every multiple b of the
 * shortest class length after the first (the others' lengths are its multiples).  A
 * stepwise tap of lag s read at step b reads H[n0 + b - s], written at step b - s - 1: a
 * wait in any s + 1 steps in a row.  Both: waits every m steps, m the largest divisor of
 * that class length not above s + 1.  0: the block's start is enough. */
static size_t sync_interval(const wc_net *net)
{
    size_t len = 0, span = 0;   /* shortest class length after the first; shortest s + 1 */
    for (size_t i = 0; i < net->n; i++) {
        const size_t *cls = wc_net_classes(net, i);
        for (int c = 1; c < net->nclass; c++)
            if (cls[c + 1] > cls[c] && (len == 0 || wc_net_class_len(net, c) < len)) len = wc_net_class_len(net, c);
        for (size_t t = cls[WC_NET_CLASSES]; t < net->first[i + 1]; t++)
            if (span == 0 || net->lag[t] + 1 < span) span = net->lag[t] + 1;
    }
    if (!len || !span) return len ? len : span;
    size_t m = span < len ? span : len;
    while (len % m) m--;
    return m;
}

/* Where each tap reads its source's ring (in wc_net's order of taps); how often threads
 * must wait for each other. */
static void net_taps(sim *s)
{
    const wc_net *net = s->cfg->net;
    for (size_t t = 0; t < net->ntap; t++) s->tap_off[t] = net->src[t] * s->stride + s->ring - net->lag[t];
    s->sync_every = sync_interval(net);
}

/* Pseudo-history H_j[m], m = -(len-1) .. 0, from the rows of cfg->history. */
static void fill_history(sim *s)
{
    const wc_sim_cfg *c = s->cfg;
    long long len = (long long)wc_net_history_len(c->net);
    for (long long m = 1 - len; m <= 0; m++) {
        size_t q = slot(s, m);
        const double *row = c->history + (size_t)(m + len - 1) * c->n;
        for (size_t j = 0; j < c->n; j++) {
            double *h = s->hist + j * s->stride;
            h[q] = h[q + s->ring] = row[j];
            if (q < s->coup_len) h[q + 2 * s->ring] = row[j];
        }
    }
}

static void set_ou(sim *s, int pop, size_t i, double mu, double tau, double sigma)
{
    wc_rng_ou o;
    wc_rng_ou_init(&o, mu, tau, sigma, s->cfg->dt);
    s->ou_mu[pop][i] = o.mu;
    s->ou_decay[pop][i] = o.decay;
    s->ou_kick[pop][i] = o.kick;
}

/* Initial state, constant inputs, noise constants and stimulus targets. */
static void sim_setup(sim *s)
{
    const wc_sim_cfg *c = s->cfg;
    for (size_t i = 0; i < s->cap; i++) {
        const wc_params *q = &c->p[i < c->n ? i : 0];
        s->rE[i] = q->rE0;
        s->rI[i] = q->rI0;
        s->IE0[i] = q->I_E;
        s->II0[i] = q->I_I;
        set_ou(s, 0, i, q->mu_E, q->noise_tau, q->sigma_E);
        set_ou(s, 1, i, q->mu_I, q->noise_tau, q->sigma_I);
        if (q->sigma_E > 0 || q->sigma_I > 0 || q->mu_E != 0 || q->mu_I != 0) s->noise = 1;
        for (size_t k = 0; k < c->nstim; k++)
            s->targets[k * s->cap + i] = i < c->n && wc_stim_targets(c->stims[k], i);
    }
    memcpy(s->inE, s->IE0, s->cap * sizeof(double));
    memcpy(s->inI, s->II0, s->cap * sizeof(double));
    if (c->net) {
        fill_history(s);
        net_taps(s);
    }
}

/* Rows recorded among any b consecutive steps. */
static size_t rows_in(const wc_sim_cfg *c, size_t b) { return (size_t)((b - 1) / (size_t)c->every) + 1; }


static size_t block_steps(const wc_sim_cfg *c, size_t ncols)
{
    size_t max_rows = BLOCK_BYTES / (ncols * sizeof(double)), b = BLOCK_STEPS_MAX;
    if (max_rows < 1) max_rows = 1;
    if (c->net && c->net->block < b) b = c->net->block;
    while (b > 1 && rows_in(c, b) > max_rows) b /= 2;
    if ((long long)b > c->nsteps) b = c->nsteps > 0 ? (size_t)c->nsteps : 1;
    return b;
}

/* ---- blow-ups: a state out of bounds stops the run ---- */

static int out_of_bounds(double x) { return !(fabs(x) <= WC_SIM_BOUND); }   /* NaN too */

/* The first node and population whose state is out of bounds: 1 if any, else 0. */
static int find_bad_state(const sim *s, size_t *node, int *pop)
{
    for (size_t i = 0; i < s->cfg->n; i++)
        for (int q = 0; q < 2; q++)
            if (out_of_bounds(q == 0 ? s->rE[i] : s->rI[i])) {
                *node = i;
                *pop = q;
                return 1;
            }
    return 0;
}

/* What changes from step to step besides the history (which stepping again rewrites
 * with the same values): the states and the noise. */
static void save_state(sim *s)
{
    const double *from[4] = {s->rE, s->rI, s->ouE, s->ouI};
    for (int k = 0; k < (s->noise ? 4 : 2); k++) memcpy(s->saved + (size_t)k * s->cap, from[k], s->cap * sizeof(double));
}

static void restore_state(sim *s)
{
    double *to[4] = {s->rE, s->rI, s->ouE, s->ouI};
    for (int k = 0; k < (s->noise ? 4 : 2); k++) memcpy(to[k], s->saved + (size_t)k * s->cap, s->cap * sizeof(double));
}

/* The run stops at state k (after k steps), out of bounds at node, pop: cfg->fault and
 * the message. */
static int blowup(const sim *s, long long k, size_t node, int pop)
{
    const wc_sim_cfg *c = s->cfg;
    double x = pop == 0 ? s->rE[node] : s->rI[node], t = wc_clock_t(&s->clock, k);
    char who[64] = "";
    if (c->n > 1 || c->net) snprintf(who, sizeof who, " of node %zu", node);
    if (c->fault) *c->fault = (wc_sim_fault){.step = k, .t = t, .node = node, .pop = pop, .value = x};
    if (k == 0)
        return wc_seterr("the initial %s%s = %g is out of bounds (|r| <= %s)", pop == 0 ? "rE" : "rI", who, x,
                         WC_SIM_BOUND_TEXT);
    if (!isfinite(x))
        return wc_seterr("%s%s became %s at step %lld (t = %g ms)", pop == 0 ? "rE" : "rI", who,
                         isnan(x) ? "nan" : x > 0 ? "inf" : "-inf", k, t);
    return wc_seterr("%s%s reached %g at step %lld (t = %g ms), beyond the bound |r| <= %s", pop == 0 ? "rE" : "rI",
                     who, x, k, t, WC_SIM_BOUND_TEXT);
}

/* The block ended out of bounds: step it again from its start on this thread, one step
 * at a time (the rows do not depend on the threads), up to the first state out of
 * bounds.  Returns that step's block offset b (the state after step n0 + b). */
static size_t first_bad_step(sim *s, size_t *node, int *pop)
{
    worker one = {.s = s, .t = 0, .nt = 1};
    restore_state(s);
    for (size_t b = 0; b < s->nb; b++) {
        run_steps(s, &one, b, b + 1);
        if (find_bad_state(s, node, pop)) return b;
    }
    return s->nb - 1;   /* not reached: the same steps end out of bounds again */
}

/* Rows of the block recorded before the state after step n0 + b. */
static size_t rows_before(const sim *s, size_t b)
{
    size_t n = 0;
    for (size_t j = 0; j < b; j++) n += s->slot[j] >= 0;
    return n;
}

/* Drive the blocks; the calling thread is worker 0 and also prepares and emits. */
static int sim_loop(sim *s, worker *w, int nthreads)
{
    const wc_sim_cfg *c = s->cfg;
    size_t node;
    int pop;
    if (find_bad_state(s, &node, &pop)) return blowup(s, 0, node, pop);
    if (is_recorded(c, 0)) {
        s->rows[0] = 0.0;
        record(s, s->rows, 0, s->cap);
        if (c->emit(c->ctx, s->rows, 1) < 0) return -1;
    }
    for (s->n0 = 0; s->n0 < c->nsteps; s->n0 += (long long)s->nb) {
        long long left = c->nsteps - s->n0;
        size_t nrows;
        s->nb = left < (long long)s->block ? (size_t)left : s->block;
        if (prepare_block(s, &nrows) < 0) return -1;
        save_state(s);
        if (nthreads > 1) wc_barrier_wait(&s->start);
        run_block(s, &w[0]);
        if (nthreads > 1) wc_barrier_wait(&s->done);
        if (find_bad_state(s, &node, &pop)) {
            size_t b = first_bad_step(s, &node, &pop), good = rows_before(s, b);
            if (good && c->emit(c->ctx, s->rows, good) < 0) return -1;
            return blowup(s, s->n0 + (long long)b + 1, node, pop);
        }
        if (nrows && c->emit(c->ctx, s->rows, nrows) < 0) return -1;
        if (c->progress) c->progress(c->ctx, s->n0 + (long long)s->nb, c->nsteps);
    }
    return 0;
}

/* As many workers as wanted, but no more than there are vectors of nodes. */
static int split_nodes(sim *s, worker *w, int want)
{
    size_t vectors = s->cap / WC_LANES;
    int n = (size_t)want < vectors ? want : (int)vectors;
    s->grain = n == 1 ? s->cap : s->cap / ((size_t)n * GRAINS_PER_THREAD) / WC_LANES * WC_LANES;
    if (s->grain < WC_LANES) s->grain = WC_LANES;
    for (int t = 0; t < n; t++) w[t] = (worker){.s = s, .t = t, .nt = n};
    return n;
}

static void stop_barriers(sim *s)
{
    wc_barrier_destroy(&s->start);
    wc_barrier_destroy(&s->done);
    wc_barrier_destroy(&s->step);
}

/* Workers 1..nthreads-1 on a team (the caller is worker 0), or NULL with a message. */
static wc_team *start_workers(sim *s, worker *w, int nthreads)
{
    void **args = malloc((size_t)nthreads * sizeof *args);
    if (!args) {
        wc_seterr("out of memory");
        return NULL;
    }
    for (int k = 1; k < nthreads; k++) args[k - 1] = &w[k];
    wc_team *team = NULL;
    if (wc_barrier_init(&s->start, (unsigned)nthreads) < 0 || wc_barrier_init(&s->done, (unsigned)nthreads) < 0
        || wc_barrier_init(&s->step, (unsigned)nthreads) < 0)
        wc_seterr("cannot set up %d threads", nthreads);
    else if (!(team = wc_team_start(nthreads - 1, worker_main, args)))
        stop_barriers(s);
    free(args);
    return team;
}

/* A label that can name a column: printable, without blanks or ',' (wc-fc --vars lists). */
static int label_fits(const char *s)
{
    if (!*s || strcmp(s, "t") == 0) return 0;
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == ',' || *s == 127) return 0;
    return 1;
}

/* Why the labels cannot name the n node columns, or NULL when they can. */
static const char *labels_unfit(const char *const *labels, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!label_fits(labels[i])) return "a label is empty, 't', or has blanks or commas";
        for (size_t j = 0; j < i; j++)
            if (strcmp(labels[i], labels[j]) == 0) return "two labels are the same";
    }
    return NULL;
}

int wc_sim_columns(const wc_sim_cfg *c, wc_hdr *h, const char *const *labels)
{
    char name[32];
    const char *why = !labels ? NULL : c->rec_E == c->rec_I ? "both populations are recorded" : labels_unfit(labels, c->n);
    int named = labels && !why;
    if (why) wc_log(WC_LOG_INFO, "region labels not used as column names (%s)", why);
    int rc = wc_hdr_set_cols(h, 0, NULL) | wc_hdr_add_col(h, "t");
    for (int pop = 0; pop < 2; pop++) {
        if (!(pop == 0 ? c->rec_E : c->rec_I)) continue;
        for (size_t i = 0; i < c->n; i++) {
            if (named) rc |= wc_hdr_add_col(h, labels[i]);
            else if (c->n == 1) rc |= wc_hdr_add_col(h, pop == 0 ? "rE" : "rI");
            else snprintf(name, sizeof name, "%s%zu", pop == 0 ? "rE" : "rI", i), rc |= wc_hdr_add_col(h, name);
        }
    }
    return rc < 0 ? wc_seterr("out of memory") : named;
}

int wc_sim_run(const wc_sim_cfg *c)
{
    sim s = {.cfg = c};
    if (c->fault) c->fault->step = -1;
    s.cap = wc_integrate_padded(c->n > 0 ? c->n : 1);
    s.ncols = wc_sim_ncols(c);
    s.block = block_steps(c, s.ncols);
    s.block_rows = rows_in(c, s.block);
    if (c->net) net_layout(&s);
    wc_clock_init(&s.clock, c->dt);
    for (size_t k = 0; k < c->nstim; k++)
        if (wc_stim_check_nodes(c->stims[k], c->n) < 0) return -1;
    if (sim_alloc(&s) < 0) {
        sim_free(&s);
        return -1;
    }
    sim_setup(&s);
    int want = c->threads > 0 ? c->threads : 1;
    worker *w = calloc(want, sizeof *w);
    if (!w) {
        sim_free(&s);
        return wc_seterr("out of memory");
    }
    int nthreads = split_nodes(&s, w, want), rc;
    wc_team *team = nthreads > 1 ? start_workers(&s, w, nthreads) : NULL;
    if (nthreads > 1 && !team) {
        /* the rows do not depend on the number of threads: go on in this one */
        wc_log(WC_LOG_WARNING, "%s; running on one thread", wc_errmsg());
        nthreads = split_nodes(&s, w, 1);
    }
    rc = sim_loop(&s, w, nthreads);
    if (team) {
        s.stop = 1;
        wc_barrier_wait(&s.start);
        wc_team_join(team);
        stop_barriers(&s);
    }
    free(w);
    sim_free(&s);
    return rc;
}
