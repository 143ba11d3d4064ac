/* wc_hdr.h — the header of a wc-stream: ordered "## key value" lines and column names.
 *
 * Keys are single words without blanks ("dt", "param.wEE", "cmd"); values are the rest
 * of the line (may contain blanks, never a newline).  Several lines may share a key
 * (the "cmd" provenance history does); wc_hdr_get() returns the last one. */
#ifndef WC_HDR_H
#define WC_HDR_H

#include <stddef.h>
#include "wc_err.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wc_hdr wc_hdr;

/** A new empty header (no keys, no columns). NULL only when out of memory. */
wc_hdr *wc_hdr_new(void);
/** A deep copy of h. */
wc_hdr *wc_hdr_dup(const wc_hdr *h);
void wc_hdr_free(wc_hdr *h);

/** Value of the last line with this key, or NULL. */
const char *wc_hdr_get(const wc_hdr *h, const char *key);
/** Replace the value of the first line with this key (deleting later ones), or
 *  append a line when absent.  @return 0, or -1 for an invalid key/value. */
int wc_hdr_set(wc_hdr *h, const char *key, const char *fmt, ...) WC_PRINTF(3, 4);
/** Append a line (even when the key exists).  @return 0 or -1. */
int wc_hdr_add(wc_hdr *h, const char *key, const char *fmt, ...) WC_PRINTF(3, 4);
/** As wc_hdr_set / wc_hdr_add with x in its shortest exact form ("0.1", "1e-05").
 *  @return 0 or -1. */
int wc_hdr_set_num(wc_hdr *h, const char *key, double x);
int wc_hdr_add_num(wc_hdr *h, const char *key, double x);
/** Remove every line with this key. */
void wc_hdr_del(wc_hdr *h, const char *key);
/** Number of key lines, and the i-th key and value in order. */
size_t wc_hdr_nkeys(const wc_hdr *h);
const char *wc_hdr_key(const wc_hdr *h, size_t i);
const char *wc_hdr_val(const wc_hdr *h, size_t i);

/** The header as text, the way streams carry it: a "## KEY VALUE" line per key, then
 *  (when with_cols) the "# name<TAB>name..." line; no magic line.  malloc'ed, NUL-
 *  terminated, *len its length (may be NULL); NULL when out of memory. */
char *wc_hdr_text(const wc_hdr *h, int with_cols, size_t *len);

/** Replace the column names.  Names are non-empty and contain no blanks.  @return 0/-1. */
int wc_hdr_set_cols(wc_hdr *h, size_t n, const char *const *names);
/** Append one column name.  @return 0/-1. */
int wc_hdr_add_col(wc_hdr *h, const char *name);
size_t wc_hdr_ncols(const wc_hdr *h);
const char *wc_hdr_col(const wc_hdr *h, size_t i);
/** Index of the first column with this name, or -1. */
long wc_hdr_find_col(const wc_hdr *h, const char *name);

#ifdef __cplusplus
}
#endif
#endif
