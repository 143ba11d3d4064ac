/* wc_err.c — error messages, the log hook and the version (see wckit/wc_err.h). */
#include "wckit/wc_err.h"

#include <stdio.h>
#include <string.h>

#ifndef WC_VERSION
#define WC_VERSION "unknown"
#endif

static _Thread_local char errbuf[1024];

/* Formatted through a scratch buffer, so an argument may be wc_errmsg() itself.  A
 * message is one line: control characters (a newline or a carriage return in a quoted
 * field, a file name or a zip member's name) become '?'. */
int wc_seterr(const char *fmt, ...)
{
    char tmp[sizeof errbuf];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    for (unsigned char *p = (unsigned char *)tmp; *p; p++)
        if ((*p < 0x20 && *p != '\t') || *p == 0x7f) *p = '?';
    memcpy(errbuf, tmp, sizeof errbuf);
    return -1;
}

const char *wc_errmsg(void) { return errbuf; }

const char *wc_version(void) { return WC_VERSION; }

static const char *level_name(int level)
{
    static const char *const names[] = {"", "error", "warning", "info", "debug"};
    return level >= WC_LOG_ERROR && level <= WC_LOG_DEBUG ? names[level] : "log";
}

static void default_handler(int level, const char *msg, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "libwc: %s: %s\n", level_name(level), msg);
}

static wc_log_fn log_fn = default_handler;
static void *log_ctx;
static int log_level = WC_LOG_WARNING;

void wc_log_set_handler(wc_log_fn fn, void *ctx)
{
    log_fn = fn ? fn : default_handler;
    log_ctx = fn ? ctx : NULL;
}

void wc_log_set_level(int level) { log_level = level; }
int wc_log_level(void) { return log_level; }

void wc_log(int level, const char *fmt, ...)
{
    if (level > log_level || level <= WC_LOG_OFF) return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    log_fn(level, msg, log_ctx);
}
