/* example.c — libwc from a program of one's own: one Wilson–Cowan node on the default
 * parameters, kicked by a pulse on E, written to a wc-stream, read back, and its peak
 * printed.  Valid C and C++; it needs only the installed library:
 *
 *     cc example.c $(pkg-config --cflags --libs wckit) -o example
 *     ./example [FILE]         (FILE: the wc-stream to write, [example.wcb])
 *
 * prints "example: N rows, rE peak P at t = T ms". */
#include <wckit/wckit.h>

#include <stdio.h>
#include <string.h>

static const double DT = 0.1, DURATION = 200;   /* ms */

/* The simulation hands out rows; the writer takes them as they come. */
static int emit(void *ctx, const double *rows, size_t nrows)
{
    return wc_stream_writer_rows((wc_stream_writer *)ctx, rows, nrows);
}

/* A header naming the columns the run gives (t, rE, rI) and its step. */
static wc_hdr *make_header(void)
{
    wc_hdr *h = wc_hdr_new();
    if (!h || wc_hdr_add_col(h, "t") < 0 || wc_hdr_add_col(h, "rE") < 0 || wc_hdr_add_col(h, "rI") < 0 ||
        wc_hdr_set(h, "dt", "%g", DT) < 0) {
        wc_hdr_free(h);
        return NULL;
    }
    return h;
}

/* Simulate one node with the stimulus and write its rows to path.  @return 0 or -1. */
static int simulate(const char *path)
{
    wc_params p;
    wc_params_init(&p);
    wc_stim *pulse = wc_stim_parse("E:pulse(100,110,2)");   /* I_E += 2 for 100 <= t < 110 */
    wc_hdr *h = make_header();
    wc_stream_writer *w = h ? wc_stream_writer_open(path, WC_OUT_BIN, h, NULL) : NULL;
    int rc = -1;
    if (pulse && w) {
        wc_sim_cfg cfg;
        memset(&cfg, 0, sizeof cfg);   /* C++ before C++20 has no designated initialisers */
        cfg.n = 1;
        cfg.p = &p;
        cfg.method = WC_EXPEULER;
        cfg.dt = DT;
        cfg.nsteps = (long long)(DURATION / DT + 0.5);
        cfg.every = 1;
        cfg.stims = &pulse;
        cfg.nstim = 1;
        cfg.rec_E = cfg.rec_I = 1;
        cfg.threads = 1;
        cfg.emit = emit;
        cfg.ctx = w;
        rc = wc_sim_run(&cfg);
    }
    if (w && wc_stream_writer_close(w) < 0) rc = -1;
    wc_stim_free(pulse);
    wc_hdr_free(h);
    return rc;
}

/* Read the stream back: the rows, and the peak of rE with its time.  @return 0 or -1. */
static int report(const char *path)
{
    wc_stream_reader *r = wc_stream_reader_open(path);
    if (!r) return -1;
    const wc_hdr *h = wc_stream_reader_hdr(r);
    long t = wc_hdr_find_col(h, "t"), rE = wc_hdr_find_col(h, "rE");
    double row[3], peak = -1, t_peak = 0;
    int got = -1;
    if (t >= 0 && rE >= 0 && wc_hdr_ncols(h) == 3) {
        while ((got = wc_stream_reader_next(r, row)) > 0)
            if (row[rE] > peak) peak = row[rE], t_peak = row[t];
    } else wc_seterr("expected the columns t, rE, rI");
    if (got == 0) printf("example: %lld rows, rE peak %.6f at t = %g ms\n", wc_stream_reader_nrows(r), peak, t_peak);
    wc_stream_reader_close(r);
    return got == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "example.wcb";
    if (simulate(path) < 0 || report(path) < 0) {
        fprintf(stderr, "example: %s: %s\n", path, wc_errmsg());
        return 1;
    }
    return 0;
}
