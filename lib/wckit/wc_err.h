/* wc_err.h — what every libwc module shares: error messages, the log hook, the version.
 *
 * Library functions never exit and never print.  On failure they return -1 (or NULL)
 * and leave a message for wc_errmsg(), per thread; the caller decides what to do with
 * it (the wckit tools print "wc-run: message" and exit 1).  Diagnostics that are not
 * errors (a fallback taken, a value clamped) go through wc_log(), which calls the
 * handler the program installed with wc_log_set_handler(); without one, messages at
 * or above the level set with wc_log_set_level() (warnings, by default) go to stderr as
 * "libwc: warning: message". */
#ifndef WC_ERR_H
#define WC_ERR_H

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define WC_NORETURN __attribute__((noreturn))

/** Record an error message for the calling thread; always returns -1.  An argument may
 *  be wc_errmsg() itself, to add context: wc_seterr("line %d: %s", n, wc_errmsg()).
 *  The message stays one line: control characters other than tab become '?'. */
int wc_seterr(const char *fmt, ...) WC_PRINTF(1, 2);
/** The last message recorded with wc_seterr() in this thread ("" if none). */
const char *wc_errmsg(void);

/** Log levels, most severe first. */
enum wc_log_level { WC_LOG_OFF = 0, WC_LOG_ERROR = 1, WC_LOG_WARNING = 2, WC_LOG_INFO = 3, WC_LOG_DEBUG = 4 };

/** A log handler: receives the level and the formatted message (no newline). */
typedef void (*wc_log_fn)(int level, const char *msg, void *ctx);

/** Send libwc's diagnostics to fn (called from any thread that logs; NULL restores the
 *  default handler, which writes "libwc: LEVEL: message" lines to stderr). */
void wc_log_set_handler(wc_log_fn fn, void *ctx);
/** Messages less severe than level are dropped before formatting [WC_LOG_WARNING]. */
void wc_log_set_level(int level);
/** The current level. */
int wc_log_level(void);
/** Log a message at level (libwc uses it; programs may too). */
void wc_log(int level, const char *fmt, ...) WC_PRINTF(2, 3);

/** The library's version, "MAJOR.MINOR.PATCH" (the same as the tools'). */
const char *wc_version(void);

#ifdef __cplusplus
}
#endif
#endif
