/* wc_cli_msg.c — the tools' diagnostics and exits: "prog: message" on stderr, exit
 * codes 1 (data, I/O, runtime) and 2 (usage), clean-up of half-written outputs on a
 * fatal error or a signal (see wc_cli.h).  libwc itself never exits or prints: its
 * errors come back as wc_errmsg() and its log messages through the handler set here. */
#include "wc_cli.h"
#include "wckit/wc_stream.h"

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
/* Under valgrind (make check-valgrind), an error exit says so in valgrind's log, so the
 * check can count the error paths its leak check covered (they must lose no block either). */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define WC_VALGRIND_NOTE(code) \
    do { if (RUNNING_ON_VALGRIND) VALGRIND_PRINTF("wckit: error exit %d\n", code); } while (0)
#endif
#endif
#ifndef WC_VALGRIND_NOTE
#define WC_VALGRIND_NOTE(code) ((void)0)
#endif

const char *wc_progname = "wckit";
int wc_verbosity = 1;

/* A signal removes the temporary files of unfinished outputs, then ends the process
 * by the same signal (so the shell sees 130 for SIGINT, 143 for SIGTERM). */
static void on_signal(int sig)
{
    wc_stream_cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* libwc's log messages as the tools' own warnings and -v lines. */
static void log_to_stderr(int level, const char *msg, void *ctx)
{
    (void)ctx;
    if (level <= WC_LOG_WARNING) wc_warn("%s", msg);
    else wc_info("%s", msg);
}

/* Catch sig, unless it was ignored when the program started: a job that a shell without
 * job control starts in the background ignores SIGINT (a ^C is not for it), one under
 * nohup ignores SIGHUP, and each should go on doing so. */
static void catch_signal(int sig)
{
    struct sigaction old;
    if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN) return;
    signal(sig, on_signal);
}

void wc_msg_init(const char *prog)
{
    wc_progname = prog;
    wc_log_set_handler(log_to_stderr, NULL);
    wc_log_set_level(WC_LOG_DEBUG);   /* wc_warn and wc_info filter by -q / -v */
    catch_signal(SIGINT);
    catch_signal(SIGTERM);
    catch_signal(SIGHUP);
    /* A write past the file size limit (ulimit -f) then fails with EFBIG, reported and
     * cleaned up as a full disk is, instead of killing the process with the output's
     * temporary file left behind. */
    signal(SIGXFSZ, SIG_IGN);
}

/* One diagnostic line on stderr: "prog: TAG message", or "[prog] message" for -v's
 * information lines.  The message stays one line whatever it quotes: a control character
 * (a newline in a file name, an escape sequence in a field) becomes '?', as in wc_seterr,
 * and an overlong one ends in "...".  stdout is flushed first, so the two keep order. */
static void report_line(int info, const char *tag, const char *fmt, va_list ap)
{
    char msg[4096];
    if (vsnprintf(msg, sizeof msg, fmt, ap) >= (int)sizeof msg) memcpy(msg + sizeof msg - 4, "...", 4);
    for (unsigned char *p = (unsigned char *)msg; *p; p++)
        if ((*p < 0x20 && *p != '\t') || *p == 0x7f) *p = '?';
    fflush(stdout);
    fprintf(stderr, info ? "[%s] %s%s\n" : "%s: %s%s\n", wc_progname, tag, msg);
}

static void WC_NORETURN leave(int code)
{
    wc_stream_cleanup();
    WC_VALGRIND_NOTE(code);
    EXIT(code);
}

void wc_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_line(0, "", fmt, ap);
    va_end(ap);
    leave(1);
}

void wc_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_line(0, "", fmt, ap);
    va_end(ap);
    wc_usage_hint();
}

void wc_usage_hint(void)
{
    fprintf(stderr, "Try '%s --help' for more information.\n", wc_progname);
    leave(2);
}

void wc_warn(const char *fmt, ...)
{
    if (wc_verbosity < 1) return;
    va_list ap;
    va_start(ap, fmt);
    report_line(0, "warning: ", fmt, ap);
    va_end(ap);
}

void wc_info(const char *fmt, ...)
{
    if (wc_verbosity < 2) return;
    va_list ap;
    va_start(ap, fmt);
    report_line(1, "", fmt, ap);
    va_end(ap);
}
