/* wc_share_internal.h — the directories of wckit's shared files (presets, data), private
 * to libwc: one rule for wc_preset_find and wc_data_find. */
#ifndef WC_SHARE_INTERNAL_H
#define WC_SHARE_INTERNAL_H

#include <limits.h>

#define WC_SHARE_DIRSZ (PATH_MAX + 64)

/** Directories that may hold sub (e.g. "presets"), in search order: $env when set, then
 *  next to the executable ../share/SUB and ../share/wckit/SUB, then WC_DATADIR/SUB.
 *  @return how many were written (at most max). */
int wc_share_dirs(const char *env, const char *sub, char dirs[][WC_SHARE_DIRSZ], int max);
/** The first readable DIR/FILE among those directories, malloc'ed, or NULL (nothing
 *  found, or out of memory; no message: the caller says what it looked for). */
char *wc_share_find(const char *env, const char *sub, const char *file);

#endif
