/* test_thread.c — wc_team: every member runs once with its own argument, and join
 * waits for all of them. */
#include "tap.h"
#include "wc_thread_internal.h"

#include <stdatomic.h>
#include <unistd.h>

static atomic_int runs;

typedef struct {
    int k, done;
} member;

static void run(void *arg)
{
    member *m = arg;
    usleep(1000 * (unsigned)(6 - m->k));   /* the last started finishes first */
    m->done = m->k + 1;
    atomic_fetch_add(&runs, 1);
}

int main(void)
{
    enum { N = 6 };
    member m[N];
    void *args[N];
    for (int round = 0; round < 2; round++) {
        for (int k = 0; k < N; k++) m[k] = (member){k, 0}, args[k] = &m[k];
        wc_team *t = wc_team_start(N, run, args);
        OK(t != NULL, "round %d: a team of %d threads starts", round, N);
        wc_team_join(t);
        int all = 1;
        for (int k = 0; k < N; k++) all &= m[k].done == k + 1;
        OK(all && atomic_load(&runs) == N * (round + 1), "round %d: each member ran once with its own argument", round);
    }
    return tap_done();
}
