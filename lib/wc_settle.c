/* wc_settle.c — many trajectories of one node, each until it settles, and the attractors
 * they reach (see wckit/wc_settle.h).
 *
 * A worker takes blocks of consecutive trajectories in turn (an atomic counter, so a
 * block of slow cycles does not hold up the other threads) and steps a block as a
 * structure of arrays with wc_integrate_step.  Every CHECK_EVERY steps a trajectory that
 * has settled leaves the block: the last active one moves into its slot, so the vector
 * work stays dense.  Slots beyond the active ones (up to the next multiple of WC_LANES)
 * keep what was there and are stepped along unused: lanes do not mix. */
#include "wckit/wc_settle.h"
#include "wc_thread_internal.h"
#include "wckit/wc_clock.h"
#include "wckit/wc_err.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_model.h"
#include "wckit/wc_rng.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK_EVERY 50          /* steps between settle tests */
#define BLOCK_DEFAULT 256
#define BLOCK_MAX 65536
#define THREADS_MAX 256
#define FLAT_RTOL 1e-9          /* rE and rI moved less than this (relative): fixed */
#define DECAY_RTOL 1e-2         /* second half's amplitude below (1 - this) of the first's: decaying */
#define NEWTON_JUMP 1e-3        /* a polished point farther than this is not taken */
#define PROGRESS_EVERY 0.1      /* s between progress calls */

void wc_settle_opts_init(wc_settle_opts *o)
{
    *o = (wc_settle_opts){.method = WC_EXPEULER, .dt = 0.1, .transient = 1000, .observe = 1000, .tol = 1e-9,
                          .early_stop = 1, .threads = 1};
}

const char *wc_settle_kind_name(int kind)
{
    static const char *const names[] = {"fixed", "cycle", "other"};
    return kind >= 0 && kind <= WC_SETTLE_OTHER ? names[kind] : NULL;
}

/* ---- the run and its blocks ---- */

/* Per-slot columns of a block.  Crossing positions are in steps (state k - 1 + fraction). */
enum col {
    C_RE, C_RI, C_INE, C_INI,                        /* state, the step's inputs */
    C_IE0, C_II0, C_OUE, C_OUI,                      /* constant inputs, OU states */
    C_MUE, C_MUI, C_DECE, C_DECI, C_KICKE, C_KICKI,  /* OU coefficients (wc_rng_ou) */
    C_E1LO, C_E1HI, C_E2LO, C_E2HI,                  /* rE's extremes in either half */
    C_ILO, C_IHI, C_ESUM, C_ISUM,                    /* rI's extremes, the sums */
    C_MID, C_PREV, C_CFIRST, C_CLAST, C_NCROSS,      /* upward crossings of the mid level */
    C_TSET,                                          /* time of the first passed test, or -1 */
    NCOL
};

typedef struct {
    const wc_settle_opts *o;
    size_t n;
    const wc_params *p;
    const size_t *pidx;
    const double *rE0, *rI0;
    const uint64_t *gid;
    wc_settle_result *out;
    wc_clock clock;
    long long nsteps, k0, kmid; /* steps; states k0+1 .. nsteps are observed, k0+1 .. kmid the first half */
    size_t block, nblocks;
    atomic_size_t next, done;
    atomic_int failed;          /* a worker ran out of memory */
    double last;                /* s (CLOCK_MONOTONIC) of the last progress call */
} run;

typedef struct {
    run *R;
    int first;                  /* the calling thread: it reports progress */
    size_t cap, m;              /* slots, active slots */
    double *col[NCOL];
    wc_soa soa;                 /* the block's parameters, as wc_integrate_init derives them */
    wc_params *par;             /* the block's parameter sets, gathered for it */
    size_t *traj;               /* slot -> trajectory */
    uint32_t *g32;              /* slot -> noise index */
    unsigned char *noisy;
    int any_noise;              /* some active slot has noise */
    /* noise: draws for runs of consecutive windows of WC_LANES indices */
    double *z0, *z1, *wz0, *wz1;
    size_t *zpos, nrun, *run_w0, *run_nw, *run_off;
    uint64_t *keys;
} blk;

/* The arrays of a wc_soa, in one list (copied and gathered slot by slot). */
#define SOA_FIELDS 13
_Static_assert(sizeof(wc_soa) == 2 * sizeof(size_t) + (SOA_FIELDS + 1) * sizeof(double *),
               "wc_soa has arrays not listed in soa_fields");

static void soa_fields(const wc_soa *s, double *f[SOA_FIELDS])
{
    double *const a[SOA_FIELDS] = {s->inv_tau_E, s->inv_tau_I, s->a_E, s->a_I, s->theta_E, s->theta_I, s->wEE,
                                   s->wEI, s->wIE, s->wII, s->r, s->FE0, s->FI0};
    memcpy(f, a, sizeof a);
}

static size_t pset(const run *R, size_t j) { return R->pidx ? R->pidx[j] : j; }

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* ---- noise ---- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Group the noisy slots' indices into windows of WC_LANES (as wc_rng_normals draws
 * them) and the windows into runs of consecutive ones: one vector call per run. */
static void noise_plan(blk *b)
{
    size_t nk = 0, nwin = 0;
    for (size_t k = 0; k < b->m; k++)
        if (b->noisy[k]) b->keys[nk++] = (uint64_t)(b->g32[k] / WC_LANES) << 32 | k;
    b->any_noise = nk > 0;
    qsort(b->keys, nk, sizeof *b->keys, cmp_u64);
    b->nrun = 0;
    for (size_t q = 0; q < nk; q++) {
        uint64_t w = b->keys[q] >> 32;
        size_t k = (size_t)(b->keys[q] & 0xffffffffu);
        uint64_t prev = q ? b->keys[q - 1] >> 32 : 0;
        if (q == 0 || w > prev) {
            if (q == 0 || w > prev + 1) {
                b->run_w0[b->nrun] = (size_t)w, b->run_nw[b->nrun] = 0, b->run_off[b->nrun] = nwin;
                b->nrun++;
            }
            b->run_nw[b->nrun - 1]++;
            nwin++;
        }
        b->zpos[k] = (nwin - 1) * WC_LANES + b->g32[k] % WC_LANES;
    }
}

/* Where wc_rng_normals must write index i0 of run r so that it lands at the run's
 * place in buf: an address computed as an integer (the arithmetic on a pointer would
 * leave the array). */
static double *run_base(double *buf, size_t off, size_t w0)
{
    return (double *)((uintptr_t)(buf + off * WC_LANES) - (uintptr_t)w0 * WC_LANES * sizeof(double));
}

/* Inputs of step n: I_E/I_I plus the OU processes, advanced E first, then I. */
static void noise_inputs(blk *b, long long n, size_t mp)
{
    const run *R = b->R;
    double **c = b->col;
    for (size_t r = 0; r < b->nrun; r++) {
        size_t w0 = b->run_w0[r], i0 = w0 * WC_LANES, i1 = (w0 + b->run_nw[r]) * WC_LANES;
        wc_rng_normals(R->o->seed, WC_STREAM_OU, (uint64_t)n, i0, i1, run_base(b->wz0, b->run_off[r], w0),
                       run_base(b->wz1, b->run_off[r], w0));
    }
    for (size_t k = 0; k < mp; k++) {
        int on = k < b->m && b->noisy[k];
        b->z0[k] = on ? b->wz0[b->zpos[k]] : 0;
        b->z1[k] = on ? b->wz1[b->zpos[k]] : 0;
    }
    memcpy(c[C_INE], c[C_IE0], mp * sizeof(double));
    memcpy(c[C_INI], c[C_II0], mp * sizeof(double));
    wc_rng_ou_step(c[C_MUE], c[C_DECE], c[C_KICKE], 0, mp, b->z0, c[C_OUE], c[C_INE]);
    wc_rng_ou_step(c[C_MUI], c[C_DECI], c[C_KICKI], 0, mp, b->z1, c[C_OUI], c[C_INI]);
}

/* ---- slots ---- */

static void copy_slot(blk *b, size_t to, size_t from)
{
    double *f[SOA_FIELDS];
    soa_fields(&b->soa, f);
    for (int q = 0; q < SOA_FIELDS; q++) f[q][to] = f[q][from];
    for (int q = 0; q < NCOL; q++) b->col[q][to] = b->col[q][from];
    b->traj[to] = b->traj[from];
    b->g32[to] = b->g32[from];
    b->noisy[to] = b->noisy[from];
}

/* OU coefficients of slot k; all 0 without noise (its OU state then stays 0). */
static void set_ou(double *mu, double *decay, double *kick, size_t k, double m, double tau, double sigma,
                   double dt, int noisy)
{
    wc_rng_ou o = {0};
    if (noisy) wc_rng_ou_init(&o, m, tau, sigma, dt);
    mu[k] = o.mu, decay[k] = o.decay, kick[k] = o.kick;
}

/* Trajectory j into slot k (its parameters are in the block's soa): start, inputs,
 * noise, empty observation. */
static void load_slot(blk *b, size_t k, size_t j)
{
    const run *R = b->R;
    double **c = b->col;
    const wc_params *q = &R->p[pset(R, j)];
    int noisy = q->sigma_E > 0 || q->sigma_I > 0 || q->mu_E != 0 || q->mu_I != 0;
    c[C_RE][k] = R->rE0[j], c[C_RI][k] = R->rI0[j];
    c[C_IE0][k] = c[C_INE][k] = q->I_E;
    c[C_II0][k] = c[C_INI][k] = q->I_I;
    c[C_OUE][k] = c[C_OUI][k] = 0;
    set_ou(c[C_MUE], c[C_DECE], c[C_KICKE], k, q->mu_E, q->noise_tau, q->sigma_E, R->o->dt, noisy);
    set_ou(c[C_MUI], c[C_DECI], c[C_KICKI], k, q->mu_I, q->noise_tau, q->sigma_I, R->o->dt, noisy);
    c[C_E1LO][k] = c[C_E2LO][k] = c[C_ILO][k] = INFINITY;
    c[C_E1HI][k] = c[C_E2HI][k] = c[C_IHI][k] = -INFINITY;
    c[C_ESUM][k] = c[C_ISUM][k] = c[C_MID][k] = c[C_PREV][k] = 0;
    c[C_CFIRST][k] = c[C_CLAST][k] = c[C_NCROSS][k] = 0;
    c[C_TSET][k] = -1;
    b->traj[k] = j;
    b->g32[k] = (uint32_t)(R->gid ? R->gid[j] : j);
    b->noisy[k] = (unsigned char)noisy;
}

/* Trajectories [j0, j1) into the block; padding slots copy slot 0.  The parameters are
 * derived here, in the worker (not once for all sets before the run: that part would
 * not run in parallel).  @return 0, or -1 (out of memory). */
static int load_block(blk *b, size_t j0, size_t j1)
{
    b->m = j1 - j0;
    for (size_t k = 0; k < b->m; k++) b->par[k] = b->R->p[pset(b->R, j0 + k)];
    wc_integrate_free(&b->soa);
    if (wc_integrate_init(&b->soa, b->par, b->m) < 0) return -1;
    for (size_t k = 0; k < b->m; k++) load_slot(b, k, j0 + k);
    for (size_t k = b->m; k < wc_integrate_padded(b->m); k++) copy_slot(b, k, 0);
    noise_plan(b);
    return 0;
}

/* ---- observation ----
 * Two doubles at a time in GCC's vector extension (SSE2, the baseline this file is
 * built for; the compiler does not vectorise a compare-and-select of doubles there). */

typedef double v2d __attribute__((vector_size(16)));
typedef long long v2l __attribute__((vector_size(16)));

static inline v2d ld2(const double *p) { v2d v; memcpy(&v, p, sizeof v); return v; }
static inline void st2(double *p, v2d v) { memcpy(p, &v, sizeof v); }
static inline v2d min2(v2d a, v2d b) { v2l m = a < b; return (v2d)((m & (v2l)a) | (~m & (v2l)b)); }
static inline v2d max2(v2d a, v2d b) { v2l m = a > b; return (v2d)((m & (v2l)a) | (~m & (v2l)b)); }

/* Extremes of rE into lo, hi (one half's), of rI and the sums over slots [0, mp). */
static void observe_common(blk *b, size_t mp, double *lo, double *hi)
{
    double *e = b->col[C_RE], *v = b->col[C_RI], *ilo = b->col[C_ILO], *ihi = b->col[C_IHI];
    double *es = b->col[C_ESUM], *is = b->col[C_ISUM];
    for (size_t k = 0; k < mp; k += 2) {
        v2d x = ld2(e + k), y = ld2(v + k);
        st2(lo + k, min2(x, ld2(lo + k)));
        st2(hi + k, max2(x, ld2(hi + k)));
        st2(ilo + k, min2(y, ld2(ilo + k)));
        st2(ihi + k, max2(y, ld2(ihi + k)));
        st2(es + k, ld2(es + k) + x);
        st2(is + k, ld2(is + k) + y);
    }
}

/* The first half ends with state kmid: the mid levels, and where the crossings start. */
static void observe_half(blk *b, size_t mp)
{
    double **c = b->col;
    for (size_t k = 0; k < mp; k++) {
        c[C_MID][k] = 0.5 * (c[C_E1LO][k] + c[C_E1HI][k]);
        c[C_PREV][k] = c[C_RE][k];
    }
}

/* Upward crossings of the mid level between states s - 1 and s, timed by linear
 * interpolation (in steps). */
static void observe_crossings(blk *b, size_t mp, long long s)
{
    double *e = b->col[C_RE], *mid = b->col[C_MID], *prev = b->col[C_PREV];
    for (size_t k = 0; k < mp; k += 2) {
        v2d x = ld2(e + k), a = ld2(prev + k), h = ld2(mid + k);
        v2l up = (a < h) & (x >= h);
        st2(prev + k, x);
        if (!(up[0] | up[1])) continue;
        for (size_t l = k; l < k + 2; l++) {
            if (!up[l - k]) continue;
            double at = (double)(s - 1) + (h[l - k] - a[l - k]) / (x[l - k] - a[l - k]);
            if (b->col[C_NCROSS][l] == 0) b->col[C_CFIRST][l] = at;
            b->col[C_CLAST][l] = at;
            b->col[C_NCROSS][l] += 1;
        }
    }
}

/* Steps from state k to state k1 (observing each new state). */
static void advance(blk *b, long long k, long long k1)
{
    const run *R = b->R;
    const wc_settle_opts *o = R->o;
    double **c = b->col;
    size_t mp = wc_integrate_padded(b->m);
    for (; k < k1; k++) {
        if (b->any_noise) noise_inputs(b, k, mp);
        wc_integrate_step(&b->soa, o->method, o->dt, 0, mp, c[C_RE], c[C_RI], c[C_INE], c[C_INI]);
        long long s = k + 1;
        if (s <= R->k0) continue;
        if (s <= R->kmid) {
            observe_common(b, mp, c[C_E1LO], c[C_E1HI]);
            if (s == R->kmid) observe_half(b, mp);
        } else {
            observe_common(b, mp, c[C_E2LO], c[C_E2HI]);
            observe_crossings(b, mp, s);
        }
    }
}

/* ---- results ---- */

/* max(|f_E|, |f_I|) of slot k at its state with its constant inputs. */
static double rhs_norm(const blk *b, size_t k)
{
    double fE, fI;
    const wc_params *q = &b->R->p[pset(b->R, b->traj[k])];
    wc_model_rhs(q, b->col[C_RE][k], b->col[C_RI][k], b->col[C_IE0][k], b->col[C_II0][k], &fE, &fI);
    return fmax(fabs(fE), fabs(fI));
}

/* Newton on the analytic Jacobian from (*x, *y) to max |f| <= 1e-12, as wc_phase_newton
 * (at least one step, at most 60), with the 2 x 2 system solved by Cramer's rule:
 * LAPACKE_dgesv there costs a quarter of a short trajectory, takes a lock in OpenBLAS
 * (two threads polished no faster than one) and would link LAPACK into the tools.
 * @return 0, or -1 (singular Jacobian, not finite, no convergence). */
static int newton(const wc_params *p, double *x, double *y)
{
    double u = *x, v = *y;
    for (int it = 0; it < 60; it++) {
        double fE, fI, J[2][2];
        wc_model_rhs(p, u, v, p->I_E, p->I_I, &fE, &fI);
        if (!isfinite(fE) || !isfinite(fI)) return -1;
        if (it > 0 && fmax(fabs(fE), fabs(fI)) <= 1e-12) {
            *x = u, *y = v;
            return 0;
        }
        wc_model_jacobian(p, u, v, p->I_E, p->I_I, J);
        double det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
        if (!(det != 0) || !isfinite(det)) return -1;
        u += (J[0][1] * fI - J[1][1] * fE) / det;
        v += (J[1][0] * fE - J[0][0] * fI) / det;
    }
    return -1;
}

/* Slot k's fixed point: its state, polished by Newton when that stays close. */
static void polish(const blk *b, size_t k, double *x, double *y)
{
    double u = b->col[C_RE][k], v = b->col[C_RI][k];
    *x = u, *y = v;
    if (newton(&b->R->p[pset(b->R, b->traj[k])], &u, &v) == 0 && fabs(u - *x) <= NEWTON_JUMP &&
        fabs(v - *y) <= NEWTON_JUMP)
        *x = u, *y = v;
}

/* Observed extremes and means, and the halves' rE amplitudes, of slot k after state s. */
static void observed(const blk *b, size_t k, long long s, wc_settle_result *r, double *amp1, double *amp2)
{
    const run *R = b->R;
    double *const *c = b->col;
    double cnt = s > R->k0 ? (double)(s - R->k0) : 1;
    r->rE_min = fmin(c[C_E1LO][k], c[C_E2LO][k]);
    r->rE_max = fmax(c[C_E1HI][k], c[C_E2HI][k]);
    r->rI_min = c[C_ILO][k], r->rI_max = c[C_IHI][k];
    r->rE_mean = c[C_ESUM][k] / cnt;
    r->rI_mean = c[C_ISUM][k] / cnt;
    *amp1 = c[C_E1HI][k] - c[C_E1LO][k];
    *amp2 = c[C_E2HI][k] - c[C_E2LO][k];
}

/* Slot k is a fixed point after state s: polished; the observation is the point, or in a
 * raw run the states so far with the point for the rest of the run. */
static void result_fixed(const blk *b, size_t k, long long s, double t_settle)
{
    const run *R = b->R;
    wc_settle_result *r = &R->out[b->traj[k]];
    double x, y, a1, a2;
    polish(b, k, &x, &y);
    *r = (wc_settle_result){.kind = WC_SETTLE_FIXED, .rE = x, .rI = y, .rE_min = x, .rE_max = x, .rE_mean = x,
                            .rI_min = y, .rI_max = y, .rI_mean = y, .t_settle = t_settle};
    if (!R->o->raw || s <= 0) return;
    observed(b, k, s, r, &a1, &a2);
    double rest = (double)(R->nsteps - s), all = (double)R->nsteps;
    r->rE_min = fmin(r->rE_min, x), r->rE_max = fmax(r->rE_max, x);
    r->rI_min = fmin(r->rI_min, y), r->rI_max = fmax(r->rI_max, y);
    r->rE_mean = (b->col[C_ESUM][k] + rest * x) / all;
    r->rI_mean = (b->col[C_ISUM][k] + rest * y) / all;
}

/* Slot k left the bound at state s. */
static void result_diverged(const blk *b, size_t k, long long s)
{
    const run *R = b->R;
    R->out[b->traj[k]] = (wc_settle_result){
        .kind = WC_SETTLE_OTHER, .rE = b->col[C_RE][k], .rI = b->col[C_RI][k], .rE_min = NAN, .rE_max = NAN,
        .rE_mean = NAN, .rI_min = NAN, .rI_max = NAN, .rI_mean = NAN, .t_settle = wc_clock_t(&R->clock, s)};
}

static int flat(double lo, double hi) { return hi - lo <= FLAT_RTOL * (1 + fabs(hi)); }

/* Slot k at the end of the run. */
static void result_end(const blk *b, size_t k)
{
    const run *R = b->R;
    double *const *c = b->col;
    long long N = R->nsteps;
    double t_end = wc_clock_t(&R->clock, N), a1, a2;
    wc_settle_result r = {.kind = WC_SETTLE_OTHER, .rE = c[C_RE][k], .rI = c[C_RI][k], .t_settle = t_end};
    observed(b, k, N, &r, &a1, &a2);
    int settled = !b->noisy[k] && rhs_norm(b, k) < R->o->tol;
    if (settled || (flat(r.rE_min, r.rE_max) && flat(r.rI_min, r.rI_max))) {
        double ts = c[C_TSET][k];
        result_fixed(b, k, N, settled && ts >= 0 ? ts : t_end);
        return;
    }
    if (c[C_NCROSS][k] >= 2 && (R->o->raw || a2 >= (1 - DECAY_RTOL) * a1)) {
        r.kind = WC_SETTLE_CYCLE;
        r.period = R->o->dt * (c[C_CLAST][k] - c[C_CFIRST][k]) / (c[C_NCROSS][k] - 1);
    }
    R->out[b->traj[k]] = r;
}

/* ---- the tests every CHECK_EVERY steps ---- */

static void drop_slot(blk *b, size_t k)
{
    b->m--;
    if (k != b->m) copy_slot(b, k, b->m);
}

/* At state s: trajectories out of bounds leave; so do settled ones with early_stop
 * (without it, the time of the first of the passed tests is kept). */
static void check(blk *b, long long s)
{
    const run *R = b->R;
    double t = wc_clock_t(&R->clock, s), *e = b->col[C_RE], *v = b->col[C_RI], *ts = b->col[C_TSET];
    size_t m0 = b->m;
    for (size_t k = b->m; k-- > 0;) {
        if (!(fabs(e[k]) <= WC_PARAMS_STATE_BOUND && fabs(v[k]) <= WC_PARAMS_STATE_BOUND)) {
            result_diverged(b, k, s);
            drop_slot(b, k);
            continue;
        }
        if (b->noisy[k]) continue;
        int ok = rhs_norm(b, k) < R->o->tol;
        if (ok && R->o->early_stop) {
            result_fixed(b, k, s, t);
            drop_slot(b, k);
        } else {
            ts[k] = !ok ? -1 : ts[k] < 0 ? t : ts[k];
        }
    }
    if (b->m != m0 && b->any_noise) noise_plan(b);
}

/* Trajectories [j0, j1) from start to end.  @return 0, or -1 (out of memory). */
static int run_block(blk *b, size_t j0, size_t j1)
{
    long long N = b->R->nsteps, s = 0;
    if (load_block(b, j0, j1) < 0) return -1;
    while (b->m > 0 && s < N) {
        long long s1 = (s / CHECK_EVERY + 1) * CHECK_EVERY;
        if (s1 > N) s1 = N;
        advance(b, s, s1);
        s = s1;
        if (s % CHECK_EVERY == 0) check(b, s);
    }
    for (size_t k = 0; k < b->m; k++) result_end(b, k);
    return 0;
}

static void progress(run *R)
{
    const wc_settle_opts *o = R->o;
    double t = now_s();
    if (!o->progress || t - R->last < PROGRESS_EVERY) return;
    o->progress(o->ctx, (long long)atomic_load(&R->done), (long long)R->n);
    R->last = t;
}

static void worker_main(void *arg)
{
    blk *b = arg;
    run *R = b->R;
    unsigned fp = wc_integrate_fp_enter();
    for (;;) {
        size_t q = atomic_fetch_add(&R->next, 1);
        if (q >= R->nblocks || atomic_load(&R->failed)) break;
        size_t j0 = q * R->block, j1 = j0 + R->block < R->n ? j0 + R->block : R->n;
        if (run_block(b, j0, j1) < 0) {
            atomic_store(&R->failed, 1);
            break;
        }
        atomic_fetch_add(&R->done, j1 - j0);
        if (b->first) progress(R);
    }
    wc_integrate_fp_leave(fp);
}

/* ---- set-up ---- */

static void blk_free(blk *b)
{
    free(b->col[0]);
    wc_integrate_free(&b->soa);
    void *ptrs[] = {b->par, b->traj, b->g32, b->noisy, b->z0, b->z1, b->wz0,
                    b->wz1, b->zpos, b->run_w0, b->run_nw, b->run_off, b->keys};
    for (size_t k = 0; k < sizeof ptrs / sizeof *ptrs; k++) free(ptrs[k]);
}

static int blk_alloc(blk *b, run *R, size_t cap)
{
    *b = (blk){.R = R, .cap = cap};
    b->par = malloc(cap * sizeof *b->par);
    double *mem = aligned_alloc(64, NCOL * cap * sizeof(double));
    for (int q = 0; mem && q < NCOL; q++) b->col[q] = mem + (size_t)q * cap;
    b->traj = malloc(cap * sizeof *b->traj), b->zpos = malloc(cap * sizeof *b->zpos);
    b->g32 = malloc(cap * sizeof *b->g32), b->noisy = malloc(cap);
    b->z0 = aligned_alloc(64, cap * sizeof(double)), b->z1 = aligned_alloc(64, cap * sizeof(double));
    b->wz0 = malloc(cap * WC_LANES * sizeof(double)), b->wz1 = malloc(cap * WC_LANES * sizeof(double));
    b->run_w0 = malloc(cap * sizeof(size_t)), b->run_nw = malloc(cap * sizeof(size_t));
    b->run_off = malloc(cap * sizeof(size_t)), b->keys = malloc(cap * sizeof(uint64_t));
    if (!(b->par && mem && b->traj && b->zpos && b->g32 && b->noisy && b->z0 && b->z1 && b->wz0 && b->wz1 &&
          b->run_w0 && b->run_nw && b->run_off && b->keys)) {
        if (!mem) b->col[0] = NULL;
        blk_free(b);
        return wc_seterr("out of memory for blocks of %zu trajectories", cap);
    }
    return 0;
}

static int check_opts(const wc_settle_opts *o)
{
    if (!o) return wc_seterr("no options given");
    if (o->method < 0 || o->method >= WC_NMETHOD)
        return wc_seterr("unknown integration method %d", o->method);
    if (!(o->dt > 0) || !isfinite(o->dt)) return wc_seterr("dt must be > 0 and finite (got %g)", o->dt);
    if (!(o->transient >= 0) || !isfinite(o->transient))
        return wc_seterr("transient must be >= 0 and finite (got %g)", o->transient);
    if (!(o->observe > 0) || !isfinite(o->observe))
        return wc_seterr("observe must be > 0 and finite (got %g)", o->observe);
    if (!(o->tol > 0) || !isfinite(o->tol)) return wc_seterr("tol must be > 0 and finite (got %g)", o->tol);
    if (o->threads < 1 || o->threads > THREADS_MAX)
        return wc_seterr("threads must be within 1..%d (got %d)", THREADS_MAX, o->threads);
    if (o->block > BLOCK_MAX)
        return wc_seterr("block must be 0 (default) or at most %d (got %zu)", BLOCK_MAX, o->block);
    return 0;
}

/* Steps of the run and the observation's halves. */
static int plan_steps(run *R)
{
    const wc_settle_opts *o = R->o;
    wc_clock_init(&R->clock, o->dt);
    long long nt = wc_clock_steps(&R->clock, o->transient), no = wc_clock_steps(&R->clock, o->observe);
    if (no < 2)
        return wc_seterr("observe must be at least 2 steps of dt (got %g ms at dt %g)", o->observe, o->dt);
    if ((double)nt + (double)no >= WC_CLOCK_MAX_STEPS)
        return wc_seterr("transient + observe: too many steps of dt");
    R->nsteps = nt + no;
    R->k0 = o->raw ? 0 : nt;
    R->kmid = R->k0 + (R->nsteps - R->k0) / 2;
    return 0;
}

/* Every parameter set used within range, every start finite and within the bound. */
static int check_inputs(const run *R)
{
    if (!R->p || !R->rE0 || !R->rI0 || !R->out) return wc_seterr("no parameters, starts or results given");
    for (size_t j = 0; j < R->n; j++) {
        size_t i = pset(R, j);
        for (int id = 0; (j == 0 || i != pset(R, j - 1)) && id < WC_NPARAM; id++)
            if (wc_params_check(id, R->p[i].v[id]) < 0)
                return wc_seterr("parameter set %zu: %s", i, wc_errmsg());
        double s[2] = {R->rE0[j], R->rI0[j]};
        for (int q = 0; q < 2; q++)
            if (!(fabs(s[q]) <= WC_PARAMS_STATE_BOUND))
                return wc_seterr("trajectory %zu: %s = %g is not finite or beyond +-%s", j, q ? "rI0" : "rE0",
                                 s[q], WC_PARAMS_STATE_BOUND_TEXT);
    }
    return 0;
}

/* Run the blocks on nthreads workers (the caller is the first). */
static int run_team(run *R, int nthreads)
{
    blk *w = calloc((size_t)nthreads, sizeof *w);
    void **args = calloc((size_t)nthreads, sizeof *args);
    int made = 0, rc = 0;
    if (!w || !args) rc = wc_seterr("out of memory");
    for (; rc == 0 && made < nthreads; made++) {
        if (blk_alloc(&w[made], R, R->block) < 0) rc = -1;
        else args[made] = &w[made];
        if (rc < 0) break;
    }
    if (rc == 0) {
        w[0].first = 1;
        wc_team *team = nthreads > 1 ? wc_team_start(nthreads - 1, worker_main, args + 1) : NULL;
        if (nthreads > 1 && !team) wc_log(WC_LOG_WARNING, "%s; running on one thread", wc_errmsg());
        worker_main(&w[0]);
        wc_team_join(team);
    }
    for (int t = 0; t < made; t++) blk_free(&w[t]);
    free(w);
    free(args);
    return rc;
}

int wc_settle_run(const wc_settle_opts *o, size_t n, const wc_params *p, const size_t *pidx,
                  const double *rE0, const double *rI0, const uint64_t *gid, wc_settle_result *out)
{
    run R = {.o = o, .n = n, .p = p, .pidx = pidx, .rE0 = rE0, .rI0 = rI0, .gid = gid, .out = out};
    if (check_opts(o) < 0 || plan_steps(&R) < 0) return -1;
    if (n == 0) return 0;
    if (check_inputs(&R) < 0) return -1;
    R.block = o->block ? o->block : BLOCK_DEFAULT;
    size_t share = (n + 4 * (size_t)o->threads - 1) / (4 * (size_t)o->threads);   /* 4 blocks per thread */
    if (!o->block && share < R.block) R.block = share;
    R.block = wc_integrate_padded(R.block);
    R.nblocks = (n + R.block - 1) / R.block;
    atomic_init(&R.next, 0);
    atomic_init(&R.done, 0);
    atomic_init(&R.failed, 0);
    R.last = now_s();
    int nthreads = (size_t)o->threads < R.nblocks ? o->threads : (int)R.nblocks;
    int rc = run_team(&R, nthreads);
    if (rc == 0 && atomic_load(&R.failed))
        rc = wc_seterr("out of memory for a block of %zu trajectories", R.block);
    if (rc == 0 && o->progress) o->progress(o->ctx, (long long)n, (long long)n);
    return rc;
}

/* ---- attractors ---- */

/* The order of attractors and of members within one: kind, then fixed points by (rE,
 * rI), cycles by (period, extremes). */
static int cmp_result(const wc_settle_result *a, const wc_settle_result *b)
{
    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
    double x[5], y[5];
    int nk = 0;
    if (a->kind == WC_SETTLE_FIXED) {
        x[0] = a->rE, x[1] = a->rI, y[0] = b->rE, y[1] = b->rI, nk = 2;
    } else if (a->kind == WC_SETTLE_CYCLE) {
        double xa[5] = {a->period, a->rE_min, a->rE_max, a->rI_min, a->rI_max};
        double ya[5] = {b->period, b->rE_min, b->rE_max, b->rI_min, b->rI_max};
        memcpy(x, xa, sizeof x), memcpy(y, ya, sizeof y), nk = 5;
    }
    for (int k = 0; k < nk; k++)
        if (x[k] != y[k]) return x[k] < y[k] ? -1 : 1;
    return 0;
}

static int within(double a, double b, double tol) { return fabs(a - b) <= tol; }

/* Is result r the same attractor as a? */
static int same(const wc_attractor *a, const wc_settle_result *r, double tol, double ctol)
{
    if (a->kind != r->kind) return 0;
    if (r->kind == WC_SETTLE_FIXED) return within(a->rE, r->rE, tol) && within(a->rI, r->rI, tol);
    if (r->kind == WC_SETTLE_OTHER) return 1;
    double amp = fmax(a->rE_max - a->rE_min, a->rI_max - a->rI_min);
    return within(a->period, r->period, ctol * a->period) && within(a->rE_min, r->rE_min, ctol * amp) &&
           within(a->rE_max, r->rE_max, ctol * amp) && within(a->rI_min, r->rI_min, ctol * amp) &&
           within(a->rI_max, r->rI_max, ctol * amp);
}

static wc_attractor from_result(const wc_settle_result *r)
{
    int point = r->kind == WC_SETTLE_FIXED;
    return (wc_attractor){.kind = r->kind, .rE = point ? r->rE : r->rE_mean, .rI = point ? r->rI : r->rI_mean,
                          .rE_min = r->rE_min, .rE_max = r->rE_max, .rE_mean = r->rE_mean,
                          .rI_min = r->rI_min, .rI_max = r->rI_max, .rI_mean = r->rI_mean,
                          .period = r->period, .count = 0};
}

/* Add r to attractor a, whose member rep sorts first (other: the union of extremes, the
 * sum of means until the end). */
static void join(wc_attractor *a, const wc_settle_result *r, const wc_settle_result **rep)
{
    long count = a->count + 1;
    if (a->kind == WC_SETTLE_OTHER) {
        a->rE_min = fmin(a->rE_min, r->rE_min), a->rE_max = fmax(a->rE_max, r->rE_max);
        a->rI_min = fmin(a->rI_min, r->rI_min), a->rI_max = fmax(a->rI_max, r->rI_max);
        if (a->count > 0) a->rE_mean += r->rE_mean, a->rI_mean += r->rI_mean;
    } else if (cmp_result(r, *rep) < 0) {
        *rep = r;
        *a = from_result(r);
    }
    a->count = count;
}

/* Sort attractors [0, na) by their first members rep, and relabel the n labels. */
static int sort_attractors(wc_attractor *out, size_t na, const wc_settle_result **rep, int *label, size_t n)
{
    size_t *idx = malloc(na * sizeof *idx);
    int *map = malloc(na * sizeof *map);
    wc_attractor *tmp = malloc(na * sizeof *tmp);
    if (!idx || !map || !tmp) {
        free(idx), free(map), free(tmp);
        return wc_seterr("out of memory for %zu attractors", na);
    }
    for (size_t a = 0; a < na; a++) idx[a] = a;
    for (size_t a = 1; a < na; a++)   /* insertion sort: there are few */
        for (size_t b = a; b > 0 && cmp_result(rep[idx[b]], rep[idx[b - 1]]) < 0; b--) {
            size_t t = idx[b];
            idx[b] = idx[b - 1], idx[b - 1] = t;
        }
    for (size_t a = 0; a < na; a++) tmp[a] = out[idx[a]], map[idx[a]] = (int)a;
    memcpy(out, tmp, na * sizeof *out);
    for (size_t j = 0; label && j < n; j++) label[j] = map[label[j]];
    free(idx), free(map), free(tmp);
    return 0;
}

long wc_attractors(const wc_settle_result *r, size_t n, double tol, double cycle_rtol, wc_attractor *out,
                   int *label)
{
    if (n == 0) return 0;
    const wc_settle_result **rep = malloc(n * sizeof *rep);
    if (!rep) return wc_seterr("out of memory for %zu results", n);
    size_t na = 0;
    for (size_t j = 0; j < n; j++) {
        size_t a = 0;
        while (a < na && !same(&out[a], &r[j], tol, cycle_rtol)) a++;
        if (a == na) out[na] = from_result(&r[j]), rep[na++] = &r[j];
        join(&out[a], &r[j], &rep[a]);
        if (label) label[j] = (int)a;
    }
    for (size_t a = 0; a < na; a++)
        if (out[a].kind == WC_SETTLE_OTHER) {
            out[a].rE_mean /= (double)out[a].count, out[a].rI_mean /= (double)out[a].count;
            out[a].rE = out[a].rE_mean, out[a].rI = out[a].rI_mean;
        }
    int rc = sort_attractors(out, na, rep, label, n);
    free(rep);
    return rc < 0 ? -1 : (long)na;
}

int wc_regime(const wc_attractor *a, size_t n)
{
    size_t fixed = 0, cycles = 0;
    for (size_t k = 0; k < n; k++) {
        if (a[k].kind == WC_SETTLE_OTHER) return WC_REGIME_OTHER;
        if (a[k].kind == WC_SETTLE_FIXED) fixed++;
        else cycles++;
    }
    if (cycles >= 2) return WC_REGIME_CYCLES;
    if (cycles == 1)
        return fixed == 0 ? WC_REGIME_CYCLE : fixed == 1 ? WC_REGIME_CYCLE_FIXED : WC_REGIME_CYCLE_BISTABLE;
    if (fixed >= 3) return WC_REGIME_TRISTABLE;
    return fixed == 0 ? WC_REGIME_OTHER : fixed == 1 ? WC_REGIME_FIXED : WC_REGIME_BISTABLE;
}

const char *wc_regime_name(int code)
{
    static const char *const names[WC_NREGIME] = {"fixed", "bistable", "tristable", "cycle", "cycle+fixed",
                                                  "cycle+bistable", "cycles", "other"};
    return code >= 0 && code < WC_NREGIME ? names[code] : NULL;
}
