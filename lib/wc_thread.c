/* wc_thread.c — teams of threads that start all or none (see wc_thread_internal.h). */
#include "wc_thread_internal.h"
#include "wckit/wc_err.h"

#include <stdlib.h>
#include <string.h>

struct wc_team {
    int n;
    void (*fn)(void *);
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int gate;                 /* 0 closed, 1 open (run fn), -1 aborted */
    struct member {
        wc_team *team;
        void *arg;
        pthread_t tid;
    } *m;
};

static void *member_main(void *p)
{
    struct member *m = p;
    wc_team *t = m->team;
    pthread_mutex_lock(&t->mu);
    while (t->gate == 0) pthread_cond_wait(&t->cv, &t->mu);
    int go = t->gate > 0;
    pthread_mutex_unlock(&t->mu);
    if (go) t->fn(m->arg);
    return NULL;
}

static void open_gate(wc_team *t, int state)
{
    pthread_mutex_lock(&t->mu);
    t->gate = state;
    pthread_cond_broadcast(&t->cv);
    pthread_mutex_unlock(&t->mu);
}

static void join_first(wc_team *t, int k)
{
    for (int i = 0; i < k; i++) pthread_join(t->m[i].tid, NULL);
    pthread_cond_destroy(&t->cv);
    pthread_mutex_destroy(&t->mu);
    free(t->m);
    free(t);
}

wc_team *wc_team_start(int n, void (*fn)(void *), void *const *args)
{
    wc_team *t = calloc(1, sizeof *t);
    if (!t || !(t->m = calloc(n > 0 ? (size_t)n : 1, sizeof *t->m))) {
        free(t);
        wc_seterr("out of memory for %d threads", n);
        return NULL;
    }
    t->n = n;
    t->fn = fn;
    if (pthread_mutex_init(&t->mu, NULL) != 0 || pthread_cond_init(&t->cv, NULL) != 0) {
        free(t->m);
        free(t);
        wc_seterr("cannot set up %d threads", n);
        return NULL;
    }
    for (int k = 0; k < n; k++) {
        t->m[k] = (struct member){t, args[k], 0};
        if (pthread_create(&t->m[k].tid, NULL, member_main, &t->m[k]) != 0) {
            open_gate(t, -1);
            join_first(t, k);
            wc_seterr("cannot start thread %d of %d", k + 1, n);
            return NULL;
        }
    }
    open_gate(t, 1);
    return t;
}

void wc_team_join(wc_team *t)
{
    if (t) join_first(t, t->n);
}
