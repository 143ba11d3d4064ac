/* wc_data.h — the data wckit ships: connectomes under DATADIR/data (hcp80, ...).
 * wc_matfile_load resolves a built-in name through it (wc-model(7), NETWORKS). */
#ifndef WC_DATA_H
#define WC_DATA_H

#ifdef __cplusplus
extern "C" {
#endif

/** Find shipped data NAME (a file or a directory; no '/' in it): looked up in
 *  $WCKIT_DATA, next to the executable (../share/data, ../share/wckit/data) and in the
 *  installed data directory (DATADIR/data).
 *  @return a malloc'ed path, or NULL with wc_errmsg() saying where it looked. */
char *wc_data_find(const char *name);

#ifdef __cplusplus
}
#endif
#endif
