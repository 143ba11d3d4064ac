/* wc_thread_internal.h — the one way libwc starts and ends its threads (private).
 *
 * A team of threads starts all or none: each new thread waits at a gate until every
 * one of them exists, so a failure to create the k-th never leaves the first k-1 inside
 * work that needs them all (a barrier, a lane of a reduction).  The simulator's block
 * workers (wc_sim.c) and the FC accumulator's lanes (wc_fc.c) both run on it. */
#ifndef WC_THREAD_INTERNAL_H
#define WC_THREAD_INTERNAL_H

#include <pthread.h>

typedef struct wc_team wc_team;

/** Start n threads, thread k running fn(args[k]).  @return the team, or NULL with
 *  wc_errmsg() set when a thread could not be created (none of them ran fn then). */
wc_team *wc_team_start(int n, void (*fn)(void *), void *const *args);
/** Wait for every thread of the team to return from fn, and free it (NULL is fine). */
void wc_team_join(wc_team *t);

#endif
