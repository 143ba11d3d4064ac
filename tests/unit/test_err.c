/* test_err.c — wc_err: error messages per thread, the log hook and its level, the
 * version. */
#include "tap.h"
#include "wckit/wc_err.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static char seen[256];
static int seen_level, calls;

static void catch_log(int level, const char *msg, void *ctx)
{
    snprintf(seen, sizeof seen, "%s%s", (const char *)ctx, msg);
    seen_level = level;
    calls++;
}

static void *other_thread(void *arg)
{
    (void)arg;
    wc_seterr("in the other thread");
    return NULL;
}

int main(void)
{
    OK(wc_seterr("value %d is %s", 3, "bad") == -1 && strcmp(wc_errmsg(), "value 3 is bad") == 0,
       "wc_seterr formats and returns -1");
    OK(wc_seterr("file x: %s", wc_errmsg()) == -1 && strcmp(wc_errmsg(), "file x: value 3 is bad") == 0,
       "context may be added to the message itself");
    OK(wc_seterr("line 3: not a number: '%s'", "1\r\n2\x7f\tx") == -1 &&
       strcmp(wc_errmsg(), "line 3: not a number: '1??2?\tx'") == 0,
       "a message stays one line: control characters in quoted input become '?' (fuzz_num)");
    wc_seterr("file x: value 3 is bad");
    pthread_t t;
    pthread_create(&t, NULL, other_thread, NULL);
    pthread_join(t, NULL);
    OK(strcmp(wc_errmsg(), "file x: value 3 is bad") == 0, "each thread has its own message");

    wc_log_set_handler(catch_log, "ctx: ");
    OK(wc_log_level() == WC_LOG_WARNING, "the default level is warnings");
    wc_log(WC_LOG_WARNING, "fell back to %d thread", 1);
    OK(calls == 1 && seen_level == WC_LOG_WARNING && strcmp(seen, "ctx: fell back to 1 thread") == 0,
       "the handler gets the level, the text and its context");
    wc_log(WC_LOG_INFO, "detail");
    OK(calls == 1, "messages below the level are dropped");
    wc_log_set_level(WC_LOG_DEBUG);
    wc_log(WC_LOG_INFO, "detail");
    OK(calls == 2 && strcmp(seen, "ctx: detail") == 0, "a higher level lets them through");
    wc_log_set_level(WC_LOG_OFF);
    wc_log(WC_LOG_ERROR, "x");
    OK(calls == 2, "WC_LOG_OFF silences everything");
    wc_log_set_handler(NULL, NULL);
    wc_log_set_level(WC_LOG_WARNING);
    /* the default handler writes "libwc: warning: ..." to stderr: check it through a pipe */
    fflush(stderr);
    FILE *saved = stderr;
    char buf[128] = "";
    FILE *mem = fmemopen(buf, sizeof buf, "w");
    stderr = mem;
    wc_log(WC_LOG_WARNING, "to stderr");
    fclose(mem);
    stderr = saved;
    OK(strcmp(buf, "libwc: warning: to stderr\n") == 0, "the default handler: \"%s\"", buf);
    OK(strcmp(wc_version(), WC_VERSION) == 0, "wc_version() is %s", wc_version());
    return tap_done();
}
