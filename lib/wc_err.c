/* wc_err.c — error messages, diagnostics and exit handling (see wc_err.h). */
#include "wc_err.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SANITIZE_ADDRESS__
/* Dying with buffers still allocated is normal, not a leak worth a report: leave without
 * the exit-time leak check (stdout is flushed before every message). */
#define EXIT(code) _exit(code)
#else
#define EXIT(code) exit(code)
#endif

const char *wc_progname = "wckit";
int wc_verbosity = 1;

static _Thread_local char errbuf[1024];

/* Formatted through a scratch buffer, so an argument may be wc_errmsg() itself. */
int wc_seterr(const char *fmt, ...)
{
    char tmp[sizeof errbuf];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    memcpy(errbuf, tmp, sizeof errbuf);
    return -1;
}

const char *wc_errmsg(void) { return errbuf; }

#define MAX_ATDIE 8
static struct { void (*fn)(void *); void *arg; } atdie[MAX_ATDIE];
static volatile sig_atomic_t n_atdie;

void wc_atdie(void (*fn)(void *), void *arg)
{
    if (n_atdie < MAX_ATDIE) {
        atdie[n_atdie].fn = fn;
        atdie[n_atdie].arg = arg;
        n_atdie++;
    }
}

void wc_atdie_remove(void (*fn)(void *), void *arg)
{
    for (int i = 0; i < n_atdie; i++)
        if (atdie[i].fn == fn && atdie[i].arg == arg) {
            atdie[i] = atdie[n_atdie - 1];
            n_atdie--;
            return;
        }
}

static void run_atdie(void)
{
    while (n_atdie > 0) {
        n_atdie--;
        atdie[n_atdie].fn(atdie[n_atdie].arg);
    }
}

static void on_signal(int sig)
{
    run_atdie();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Installed lazily the first time a cleanup is registered would be neater, but the
 * tools call this once at start-up through wc_cli_init(). */
void wc_err_install_signals(void);
void wc_err_install_signals(void)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
}

static void vreport(const char *tag, const char *fmt, va_list ap)
{
    fflush(stdout);
    fprintf(stderr, "%s: %s", wc_progname, tag);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void wc_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("", fmt, ap);
    va_end(ap);
    run_atdie();
    EXIT(1);
}

void wc_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("", fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try '%s --help' for more information.\n", wc_progname);
    run_atdie();
    EXIT(2);
}

void wc_warn(const char *fmt, ...)
{
    if (wc_verbosity < 1) return;
    va_list ap;
    va_start(ap, fmt);
    vreport("warning: ", fmt, ap);
    va_end(ap);
}

void wc_usage_hint(void)
{
    fprintf(stderr, "Try '%s --help' for more information.\n", wc_progname);
    run_atdie();
    EXIT(2);
}

void wc_info(const char *fmt, ...)
{
    if (wc_verbosity < 2) return;
    va_list ap;
    va_start(ap, fmt);
    fflush(stdout);
    fprintf(stderr, "[%s] ", wc_progname);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
