/* wc_cli_progress.c — the one progress display of the tools (wc_cli.h). */
#include "wc_cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

void wc_cli_progress_start(wc_cli_progress *p, const char *unit)
{
    memset(p, 0, sizeof *p);
    p->unit = unit;
    p->tty = wc_verbosity >= 1 && isatty(2);   /* once: it is a system call, and show runs every block */
    clock_gettime(CLOCK_MONOTONIC, &p->t0);
    p->last = p->t0;
}

void wc_cli_progress_show(void *ctx, long long done, long long total)
{
    wc_cli_progress *p = ctx;
    if (!p->tty) return;
    double s = wc_cli_seconds_since(&p->t0);
    if (s < 1.0 || wc_cli_seconds_since(&p->last) < 0.25 || total <= 0) return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    double rate = done / s, left = rate > 0 ? (double)(total - done) / rate : 0;
    fprintf(stderr, "\r%s: %3.0f%%  %lld of %lld %s, %.3g/s, %.0f s left   ", wc_progname,
            100.0 * (double)done / (double)total, done, total, p->unit, rate, left);
    p->shown = 1;
}

double wc_cli_progress_end(wc_cli_progress *p)
{
    if (p->shown) fprintf(stderr, "\r%78s\r", "");
    p->shown = 0;
    return wc_cli_seconds_since(&p->t0);
}
