/* wc_barrier.h — a barrier for a few threads that hand off work every few tens of
 * microseconds (wc_sim's blocks).  A waiting thread first spins briefly, which costs a
 * fraction of a microsecond when all threads are running; if the others are slower it
 * sleeps on a condition variable like pthread_barrier_wait, so an oversubscribed
 * machine does not burn a core on spinning. */
#ifndef WC_BARRIER_H
#define WC_BARRIER_H

#include <pthread.h>
#include <stdatomic.h>

/* Cache lines of its own (aligned and padded to 64 bytes), so that the counters the
 * threads write at every wait never share a line with data they read meanwhile. */
typedef struct {
    _Alignas(64) atomic_uint arrived;   /* threads at the barrier in this generation */
    atomic_uint generation;             /* bumped by the last thread to arrive */
    unsigned parties;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    char pad[64];                       /* whatever follows starts on another line */
} wc_barrier;

/** @return 0, or -1 if the mutex or condition variable cannot be made. */
int wc_barrier_init(wc_barrier *b, unsigned parties);
void wc_barrier_wait(wc_barrier *b);
void wc_barrier_destroy(wc_barrier *b);

#endif
