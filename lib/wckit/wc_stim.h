/* wc_stim.h — stimuli: a small grammar for time-dependent external input.
 *
 *   SPEC   := POP [ '[' NODES ']' ] ':' FUNC '(' ARGS ')'
 *   POP    := 'E' | 'I'
 *   NODES  := RANGE { ',' RANGE },  RANGE := INT | INT '-' INT   (0-based, inclusive)
 *   FUNC   := pulse(T0,T1,AMP)     AMP for T0 < t < T1
 *           | step(T0,AMP)         AMP for t > T0
 *           | ramp(T0,T1,V0,V1)    0 for t <= T0, V0 -> V1 linearly, V1 from T1 on
 *           | sine(AMP,HZ[,PHASE]) AMP sin(2 pi HZ t/1000 + PHASE), t in ms, PHASE in rad
 *           | const(V)             V
 *           | file(PATH[,COLUMN])  a column of a wc-stream/TSV file: held from each row's
 *                                  t until the next (no t column: row n is step n); 0
 *                                  before the first row, the last value after the end
 *
 * Times are in ms.  Stimuli are evaluated at each step's start time t_n and held over
 * the step (wc-model(7), INTEGRATORS); several stimuli add up. */
#ifndef WC_STIM_H
#define WC_STIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wc_stim wc_stim;

enum wc_pop { WC_POP_E = 0, WC_POP_I = 1 };

/** Parse a specification (grammar only: file() inputs are opened by wc_stim_open).
 *  @return the stimulus, or NULL with wc_errmsg() set. */
wc_stim *wc_stim_parse(const char *spec);
/** Open the input of a file() stimulus (nothing to do for others).  @return 0 or -1. */
int wc_stim_open(wc_stim *s);
void wc_stim_free(wc_stim *s);
/** The text it was parsed from. */
const char *wc_stim_spec(const wc_stim *s);
/** Target population (WC_POP_E or WC_POP_I). */
int wc_stim_pop(const wc_stim *s);
/** Whether node i receives this stimulus. */
int wc_stim_targets(const wc_stim *s, size_t node);
/** Check that every listed node exists among n.  @return 0 or -1. */
int wc_stim_check_nodes(const wc_stim *s, size_t n);
/** Value at step n, time t (ms).  Steps must be asked for in increasing order when the
 *  stimulus reads a file (opened with wc_stim_open).  @return 0, or -1 on a read error
 *  or a value that is not finite. */
int wc_stim_value(wc_stim *s, long long n, double t, double *value);

#ifdef __cplusplus
}
#endif
#endif
