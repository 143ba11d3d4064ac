/* wc_err.h — error messages, diagnostics and exit handling shared by libwc and the tools.
 *
 * Library functions never exit: they return -1 (or NULL) and leave a message for
 * wc_errmsg().  Tools turn that into "wc-run: message" on stderr and an exit code:
 * 1 for data, I/O and runtime errors (wc_die), 2 for usage errors (wc_usage). */
#ifndef WC_ERR_H
#define WC_ERR_H

#include <stdarg.h>

#define WC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define WC_NORETURN __attribute__((noreturn))

/** Program name used as the prefix of every diagnostic ("wc-run"). */
extern const char *wc_progname;
/** Verbosity: 0 quiet (-q), 1 normal, 2 verbose (-v). */
extern int wc_verbosity;

/** Record an error message for the calling thread; always returns -1.  An argument may
 *  be wc_errmsg() itself, to add context: wc_seterr("line %d: %s", n, wc_errmsg()). */
int wc_seterr(const char *fmt, ...) WC_PRINTF(1, 2);
/** The last message recorded with wc_seterr() in this thread ("" if none). */
const char *wc_errmsg(void);

/** Print "prog: message" to stderr (after flushing stdout), run cleanups, exit 1. */
void wc_die(const char *fmt, ...) WC_PRINTF(1, 2) WC_NORETURN;
/** As wc_die, but exit 2 and add a hint to run --help. */
void wc_usage(const char *fmt, ...) WC_PRINTF(1, 2) WC_NORETURN;
/** After getopt has printed "prog: unrecognized option ...": the --help hint, exit 2. */
void wc_usage_hint(void) WC_NORETURN;
/** Print "prog: warning: message" unless quiet. */
void wc_warn(const char *fmt, ...) WC_PRINTF(1, 2);
/** Print "[prog] message" when verbose (-v). */
void wc_info(const char *fmt, ...) WC_PRINTF(1, 2);

/** Register a function run by wc_die/wc_usage and on SIGINT/SIGTERM before the
 *  process ends (used to remove half-written output files).  At most 8. */
void wc_atdie(void (*fn)(void *), void *arg);
/** Unregister a function registered with wc_atdie (same fn and arg). */
void wc_atdie_remove(void (*fn)(void *), void *arg);

#endif
