/* wc_grid.h — parameter grids, their numbering, sharding and merging: the one contract
 * of every tool that runs many independent points (wc-sweep, wc-basin; wc-explore next).
 *
 * A grid is up to WC_GRID_MAX_AXES axes, each a model parameter over a set of points in
 * the range grammar (wc_range.h: A:B:STEP, A:B/N, X), or the rows of a parameter table.
 * Its M points are numbered row-major: the first axis varies slowest, the last fastest.
 * Shard K of N owns the contiguous block [floor(K M / N), floor((K + 1) M / N)); every
 * output row starts with the global index, so the shards' rows in order are the
 * unsharded run's rows.  A grid hash (64-bit FNV-1a over the grid's canonical text and
 * the caller's options) goes into each part's header; merging checks it. */
#ifndef WC_GRID_H
#define WC_GRID_H

#include <stddef.h>
#include <stdint.h>
#include "wc_hdr.h"
#include "wc_params.h"
#include "wc_range.h"
#include "wc_stream.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WC_GRID_MAX_AXES 3
/** Points a grid may have without the caller's explicit consent (a tool's --force). */
#define WC_GRID_CAP 10000000LL
/** Most points a grid may have at all (2^62). */
#define WC_GRID_MAX_POINTS (1LL << 62)
/** Most shards a run may be cut into. */
#define WC_SHARD_MAX 1000000LL

/** A quantity a tool varies besides the model parameters (wc-explore's k, speed and
 *  sigma): its name, as written in "--grid NAME=RANGE", the header and the column
 *  names, and the check of one value (0, or -1 with wc_errmsg() set; NULL: any finite
 *  value).  An axis on extra k has par = WC_GRID_EXTRA + k; wc_grid_point leaves the
 *  parameters alone for it and the caller reads its value (wc_grid_extra_value). */
typedef struct {
    const char *name;
    int (*check)(double v);
} wc_grid_extra;
#define WC_GRID_EXTRA 64
#define WC_GRID_MAX_EXTRA 16

typedef struct {
    int par;              /* enum wc_params_id, or WC_GRID_EXTRA + k: extra k */
    wc_range r;           /* its values */
    char text[96];        /* NAME=RANGE: NAME in wckit's convention, RANGE as given */
} wc_grid_axis;

typedef struct {
    size_t naxes;
    wc_grid_axis axis[WC_GRID_MAX_AXES];
    const wc_params *table;   /* or: one point per row of a parameter table (not owned) */
    size_t ntable;
    unsigned long table_cols; /* the parameters the table sets (bit 1 << id) */
    long long npoints;        /* M */
    const wc_grid_extra *extra;   /* the tool's own quantities (not owned), or NULL */
    size_t nextra;
} wc_grid;

/** An empty grid (no axes, no table: one point, the base parameters). */
void wc_grid_init(wc_grid *g);
/** Let axes also vary the caller's n quantities extra[0..n-1] (kept, not copied): names
 *  that are no model parameter in either convention, all different, at most
 *  WC_GRID_MAX_EXTRA.  Call before adding axes.  The hash, header and merge treat
 *  them as any axis (their name in place of a parameter's).  @return 0, or -1 with
 *  wc_errmsg(). */
int wc_grid_set_extras(wc_grid *g, const wc_grid_extra *extra, size_t n);
/** The value of extra k at point i: its axis's value there, or dflt when no axis
 *  varies it. */
double wc_grid_extra_value(const wc_grid *g, long long i, size_t k, double dflt);
/** Add an axis from "NAME=RANGE" (NAME a model parameter read in convention conv, or
 *  one of the extras; RANGE a set of points:
 *  A:B:STEP, A:B/N or X; a parameter may be on one axis only; not with a table).
 *  @return 0, or -1 with wc_errmsg() (unknown name, bad range, a value out of the
 *  parameter's own range, too many axes, more than 2^62 points); g is then unchanged. */
int wc_grid_add_axis(wc_grid *g, const char *spec, int conv);
/** Use the n >= 1 rows of a parameter table (wc_params_read_table; kept, not copied) as
 *  the points instead of axes; cols: the parameters it sets (bit 1 << id).
 *  @return 0, or -1 with wc_errmsg() (no rows, a grid that has axes already). */
int wc_grid_set_table(wc_grid *g, const wc_params *rows, size_t n, unsigned long cols);
/** The parameters of point i (0 <= i < M): base with the axes' (or the table row's)
 *  values; vals (may be NULL) gets the axis values, one per axis (for a table, the
 *  values of its columns, in parameter-id order, at most WC_NPARAM). */
void wc_grid_point(const wc_grid *g, long long i, const wc_params *base, wc_params *out, double *vals);
/** The columns that name a point: the axes' parameter names, or the table's columns
 *  (in parameter-id order), in wckit's naming convention. */
size_t wc_grid_ncols(const wc_grid *g);
const char *wc_grid_col(const wc_grid *g, size_t k);

/** A shard: part k of n (0 <= k < n). */
typedef struct {
    long long k, n;
} wc_shard;
/** Parse "K/N": whole numbers written in decimal digits only, 0 <= K < N,
 *  1 <= N <= WC_SHARD_MAX.  @return 0 or -1 (wc_errmsg says what is wrong). */
int wc_shard_parse(const char *text, wc_shard *s);
/** The block of global indices [*begin, *end) = [floor(K m / N), floor((K + 1) m / N))
 *  that shard s owns out of m (0 <= m <= 2^62); empty when N > m and K owns no point.
 *  Exact, without overflow. */
void wc_shard_range(const wc_shard *s, long long m, long long *begin, long long *end);

/** The hash of the grid and of the caller's options text (everything else that
 *  changes the rows: parameters, ICs, times, method ...; NULL is ""): 64-bit FNV-1a
 *  over a canonical text of the axes (parameter, kind, numbers in %.17g, counts) or of
 *  the table (its columns and every row's values), then the options.  Equal grids
 *  written differently ("0.10" or "0.1", wEI in either convention) hash the same. */
uint64_t wc_grid_hash(const wc_grid *g, const char *options);
/** A 64-bit FNV-1a digest of n doubles (their values, as stored), for an options text
 *  to cover the contents of input data (a connectome, an empirical FC), not only its name. */
uint64_t wc_grid_digest(const double *x, size_t n);
/** Header lines: "grid.axis NAME=RANGE" per axis (or "grid.table N rows"), "grid.points
 *  M", "grid.hash HEX" (16 lowercase hex digits), and with s not NULL "grid.shard K/N"
 *  and "grid.block B E" (the block: indices B to E - 1).  Earlier grid.* lines of h
 *  are deleted; the new ones go at its end.  @return 0 or -1. */
int wc_grid_hdr(const wc_grid *g, uint64_t hash, const wc_shard *s, wc_hdr *h);

/** Merge the parts of a sharded run (paths[0..n-1], any order; at most one "-" for
 *  stdin) into out (path NULL or "-": stdout; otype and wopts as wc_stream_writer_open).
 *  The parts must carry the same grid.hash and grid.points (M <= 2^53, so that the f64
 *  index is exact), be shards K/N of the same N with every K once and the grid.block
 *  of K/N, and have the same columns and the same other header lines (tool, cmd, date
 *  and nrows lines aside).  Their rows, read in K order and streamed, must start with the
 *  global index: a whole number within the part's block, never going back, every
 *  index of the block present (a point may have several rows in a row: one per
 *  attractor); a truncated part is an error.  The output is part 0's header without
 *  its grid.shard and grid.block lines (and with "nrows" the sum of the parts' when
 *  each has one, else none), then extra's key lines (extra may be NULL: the
 *  merging tool's provenance), then the rows: what the unsharded run writes.
 *  @return 0, or -1 with wc_errmsg() naming the part and the problem (a named output is
 *  then not left behind; standard output keeps what was written). */
int wc_grid_merge(const char *const *paths, size_t n, const wc_hdr *extra, const char *out, int otype,
                  const wc_stream_wopts *wopts);

#ifdef __cplusplus
}
#endif
#endif
