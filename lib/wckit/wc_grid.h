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

typedef struct {
    int par;              /* enum wc_params_id */
    wc_range r;           /* its values */
    char text[96];        /* NAME=RANGE as given (NAME in wckit's convention) */
} wc_grid_axis;

typedef struct {
    size_t naxes;
    wc_grid_axis axis[WC_GRID_MAX_AXES];
    const wc_params *table;   /* or: one point per row of a parameter table (not owned) */
    size_t ntable;
    unsigned long table_cols; /* the parameters the table sets (bit 1 << id) */
    long long npoints;        /* M */
} wc_grid;

/** An empty grid (no axes, no table: one point, the base parameters). */
void wc_grid_init(wc_grid *g);
/** Add an axis from "NAME=RANGE" (NAME read in convention conv; a parameter may be on
 *  one axis only).  @return 0, or -1 with wc_errmsg() (unknown name, bad range, a value
 *  out of the parameter's own range, too many axes, more than 2^62 points). */
int wc_grid_add_axis(wc_grid *g, const char *spec, int conv);
/** Use the rows of a parameter table (wc_params_read_table) as the points instead of axes. */
int wc_grid_set_table(wc_grid *g, const wc_params *rows, size_t n, unsigned long cols);
/** The parameters of point i (0 <= i < M): base with the axes' (or the table row's)
 *  values; vals (may be NULL) gets the axis values, one per axis (for a table, the
 *  values of its columns, in parameter-id order, at most WC_NPARAM). */
void wc_grid_point(const wc_grid *g, long long i, const wc_params *base, wc_params *out, double *vals);
/** The columns that name a point: the axes' parameter names, or the table's columns. */
size_t wc_grid_ncols(const wc_grid *g);
const char *wc_grid_col(const wc_grid *g, size_t k);

/** A shard: part k of n (0 <= k < n). */
typedef struct {
    long long k, n;
} wc_shard;
/** Parse "K/N" (0 <= K < N, N >= 1).  @return 0 or -1 (wc_errmsg). */
int wc_shard_parse(const char *text, wc_shard *s);
/** The block of global indices [*begin, *end) that shard s owns out of m. */
void wc_shard_range(const wc_shard *s, long long m, long long *begin, long long *end);

/** The hash of the grid and of the caller's options text (everything else that
 *  changes the rows: parameters, ICs, times, method ...). */
uint64_t wc_grid_hash(const wc_grid *g, const char *options);
/** Header lines: "grid.axis NAME=RANGE" per axis (or "grid.table N rows"), "grid.points
 *  M", "grid.hash HEX", and with s not NULL "grid.shard K/N" and "grid.block B E". */
int wc_grid_hdr(const wc_grid *g, uint64_t hash, const wc_shard *s, wc_hdr *h);

/** Merge the parts of a sharded run (paths[0..n-1], any order) into out (path NULL or
 *  "-": stdout; otype and wopts as wc_stream_writer_open): they must carry the same
 *  grid.hash and grid.points, be shards of the same N with every K once, and hold rows
 *  whose first column (the global index) runs, over the parts in K order, without a gap,
 *  a repeat across parts, or a step back, from 0 to M - 1, each part's within its block;
 *  a truncated part is an error.  The output is the parts' header without the shard
 *  lines, then their rows: what the unsharded run writes.
 *  @return 0, or -1 with wc_errmsg() naming the part and the problem (the output is then
 *  not left behind). */
int wc_grid_merge(const char *const *paths, size_t n, const char *out, int otype, const wc_stream_wopts *wopts);

#ifdef __cplusplus
}
#endif
#endif
