/* wc_limits.h — the sizes libwc accepts from its inputs, checked before any allocation.
 *
 * Each limit has a default that no honest input comes near and a ceiling that keeps
 * the arithmetic on sizes safe.  A program may raise a limit (up to its ceiling) before
 * it reads; the tools do it with "--limit NAME=N".  Limits are per process: set them
 * before starting threads that read.  Grids have their own cap (WC_GRID_CAP in
 * wc_grid.h, the tools' --force). */
#ifndef WC_LIMITS_H
#define WC_LIMITS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    WC_LIMIT_HEADER,    /* "header": bytes of a stream's or table's header [1 MiB] */
    WC_LIMIT_COLUMNS,   /* "columns": columns of a stream or table [2^20] */
    WC_LIMIT_NODES,     /* "nodes": rows = columns of a connectome or other square matrix [32768] */
    WC_LIMIT_COUNT
} wc_limit_id;

/** The current value of a limit. */
long long wc_limit(wc_limit_id id);
/** Its name ("header", "columns", "nodes"); NULL for an unknown id. */
const char *wc_limit_name(wc_limit_id id);
/** Set a limit, between 1 and its ceiling (header 1 GiB, columns 2^26, nodes 2^17).
 *  @return 0, or -1 with wc_errmsg() set. */
int wc_limit_set(wc_limit_id id, long long value);
/** Set a limit from "NAME=N" (N may end in k, M or G: powers of 1024).
 *  @return 0, or -1 with wc_errmsg() set. */
int wc_limit_parse(const char *spec);
/** Refuse an input over a limit: sets wc_errmsg() to "WHAT: over the limit of 1048576
 *  bytes (--limit header=N raises it)", WHAT saying what was found.  @return -1. */
int wc_limit_refuse(wc_limit_id id, const char *what);

#ifdef __cplusplus
}
#endif
#endif
