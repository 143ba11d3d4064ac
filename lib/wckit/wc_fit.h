/* wc_fit.h — derivative-free minimisation of an expensive, noisy objective over bounded
 * parameters with NLopt (wc-fit(1)): a global method, then a local one from its best
 * point; every evaluation recorded in order; evaluations run in parallel on threads
 * with results that do not depend on their number; a run resumed from its record.
 *
 * Evaluation k (from 0) of point x is fn(ctx, k, r, x, ...) for r = 0..repeats-1, and
 * its value the mean over r; fn must be deterministic in (k, r, x) (seed its noise with
 * them).  The search is NLopt's sequential one, exactly: the objective NLopt sees at
 * evaluation k is the value of the point it asked for there.  Parallelism comes from
 * speculation: NLopt is run again from the start (same seed) with every value known so
 * far, and where it asks for a new point it is given a placeholder and asked for up to
 * B - 1 more, which are then evaluated at once on the threads.  Points NLopt asks for in
 * the same place on the next pass are reused (population methods draw a generation's
 * points, or CRS's trials, before they need their values); the others are discarded.
 * So the record, the result and every value are those of the sequential run, whatever
 * the threads; only the time changes.
 *
 * Parameters with a log scale are searched over log10 of their bounds; x in everything
 * the caller sees is in the caller's units (10^y).  A failed evaluation (fn's value not
 * finite) is given to NLopt as WC_FIT_PENALTY. */
#ifndef WC_FIT_H
#define WC_FIT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WC_FIT_MAX_DIM 16
#define WC_FIT_MAX_TERMS 8
/** What NLopt sees for an evaluation whose value is not finite. */
#define WC_FIT_PENALTY 1e3

/** One evaluation, as recorded. */
typedef struct {
    long long index;             /* from 0, in the order NLopt asked */
    int phase;                   /* 0: the global method, 1: the local one */
    double x[WC_FIT_MAX_DIM];    /* the point, caller's units */
    double f;                    /* the objective: the mean over repeats (NaN: failed) */
    double terms[WC_FIT_MAX_TERMS];   /* the caller's terms, means over repeats */
    int failed;                  /* repeats whose f was not finite */
    double seconds;              /* time spent in fn, summed over repeats */
} wc_fit_eval;

/** Evaluate repeat r of evaluation k at x (dim values): *f and terms[0..nterms-1].
 *  Called from several threads at once.  @return 0, or -1 with wc_errmsg() set (the fit
 *  stops with that error). */
typedef int (*wc_fit_fn)(void *ctx, long long k, int r, const double *x, double *f, double *terms);

typedef struct {
    size_t dim;                  /* 1..WC_FIT_MAX_DIM */
    double lo[WC_FIT_MAX_DIM], hi[WC_FIT_MAX_DIM];   /* bounds, lo < hi */
    int logscale[WC_FIT_MAX_DIM];   /* search log10 (needs lo > 0) */
    const char *global;          /* NLopt global method (wc_fit_algorithm), or NULL: none */
    const char *local;           /* local method, or NULL: none */
    long long maxeval;           /* evaluations in all */
    long long global_evals;      /* of which the global method may use [3/4 of maxeval] */
    double ftol;                 /* the local method's relative tolerance on f (0: none) */
    uint64_t seed;               /* NLopt's random numbers */
    int repeats;                 /* evaluations of a point averaged [1] */
    int threads;                 /* evaluations at once [1] */
    size_t nterms;               /* 0..WC_FIT_MAX_TERMS */
    wc_fit_fn fn;
    void *ctx;
    /** Each evaluation, in index order, on the calling thread, once (those of known
     *  included).  @return 0, or -1 to stop the fit with wc_errmsg() set. */
    int (*record)(void *record_ctx, const wc_fit_eval *e);
    void *record_ctx;
    const wc_fit_eval *known;    /* evaluations already made (a resumed run), or NULL */
    size_t nknown;
} wc_fit_opts;

typedef struct {
    long long evals;             /* evaluations used */
    long long computed;          /* of them computed by this run (not known) */
    long long wasted;            /* speculative evaluations NLopt did not ask for */
    wc_fit_eval best;            /* the evaluation with the least f (the first of equals) */
    int status_global, status_local;   /* NLopt's return codes (0: phase not run) */
} wc_fit_result;

/** Defaults: no methods, maxeval 100, global_evals -1 (3/4 of maxeval), ftol 1e-4,
 *  seed 0, 1 repeat, 1 thread. */
void wc_fit_opts_init(wc_fit_opts *o);
/** NLopt's algorithm for name: a short name (crs2, esch, isres, direct, mlsl for global;
 *  bobyqa, neldermead, sbplx, cobyla, praxis for local) or NLopt's own (GN_CRS2_LM,
 *  LN_BOBYQA); *global says which kind it is.  @return the nlopt_algorithm, or -1
 *  with wc_errmsg() listing the names (a gradient method is refused). */
int wc_fit_algorithm(const char *name, int *global);
/** Check o before any evaluation: dim, bounds, log bounds > 0, methods, counts.
 *  @return 0 or -1 with wc_errmsg(). */
int wc_fit_check(const wc_fit_opts *o);
/** Run the fit.  It reseeds NLopt's random numbers (nlopt_srand) at every pass, so run one
 *  fit at a time in a process.  @return 0 with r filled, or -1 with wc_errmsg() (an evaluation failed,
 *  record stopped it, a known evaluation that is not the one NLopt asks for, out of
 *  memory, NLopt refused its setup). */
int wc_fit_run(const wc_fit_opts *o, wc_fit_result *r);

#ifdef __cplusplus
}
#endif
#endif
