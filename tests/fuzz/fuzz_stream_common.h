/* fuzz_stream_common.h — one input through the stream reader (fuzz_stream, fuzz_stream_gz):
 * open (the reader sniffs a wc-stream in f64le or tsv, a .npy array, a plain table;
 * gzip or not), every row into a buffer of exactly the header's width, then the
 * header written back as text and read again must give the same keys and columns (when
 * it fits the header limit, wc_limit(WC_LIMIT_HEADER), as the writer asks). */
#ifndef FUZZ_STREAM_COMMON_H
#define FUZZ_STREAM_COMMON_H

#include "fuzz.h"
#include "wckit/wc_hdr.h"
#include "wckit/wc_limits.h"
#include "wckit/wc_stream.h"

/* Rows read at most per input (a huge body says nothing a small one does not). */
#define ROWS_MAX 100000

static void same_header(const wc_hdr *a)
{
    size_t len;
    char *text = wc_hdr_text(a, 1, &len);
    FZ_CHECK(text, "wc_hdr_text failed");
    static const char magic[] = "## wc-stream 1 tsv\n";
    /* many columns (a wide .npy): no stream carries them, and the writer refuses them too */
    if (sizeof magic - 1 + len > (size_t)wc_limit(WC_LIMIT_HEADER)) {
        free(text);
        return;
    }
    char *s = malloc(sizeof magic - 1 + len);
    if (!s) abort();
    memcpy(s, magic, sizeof magic - 1);
    memcpy(s + sizeof magic - 1, text, len);
    free(text);
    wc_stream_reader *r = wc_stream_reader_open(fz_file(1, s, sizeof magic - 1 + len));
    free(s);
    FZ_CHECK(r, "the header written back does not read: %s", wc_errmsg());
    const wc_hdr *b = wc_stream_reader_hdr(r);
    FZ_CHECK(wc_hdr_nkeys(a) == wc_hdr_nkeys(b), "%zu keys written back as %zu", wc_hdr_nkeys(a), wc_hdr_nkeys(b));
    for (size_t i = 0; i < wc_hdr_nkeys(a); i++) {
        FZ_CHECK(!strcmp(wc_hdr_key(a, i), wc_hdr_key(b, i)), "key '%s' read back as '%s'", wc_hdr_key(a, i),
                 wc_hdr_key(b, i));
        FZ_CHECK(!strcmp(wc_hdr_val(a, i), wc_hdr_val(b, i)), "value '%s' read back as '%s'", wc_hdr_val(a, i),
                 wc_hdr_val(b, i));
    }
    FZ_CHECK(wc_hdr_ncols(a) == wc_hdr_ncols(b), "%zu columns written back as %zu", wc_hdr_ncols(a), wc_hdr_ncols(b));
    for (size_t i = 0; i < wc_hdr_ncols(a); i++)
        FZ_CHECK(!strcmp(wc_hdr_col(a, i), wc_hdr_col(b, i)), "column '%s' read back as '%s'", wc_hdr_col(a, i),
                 wc_hdr_col(b, i));
    wc_stream_reader_close(r);
}

static void read_stream(const char *path)
{
    fz_clear();
    wc_stream_reader *r = wc_stream_reader_open(path);
    if (!r) {
        fz_failed("wc_stream_reader_open");
        return;
    }
    const wc_hdr *h = wc_stream_reader_hdr(r);
    size_t nc = wc_hdr_ncols(h);
    FZ_CHECK(nc >= 1 && nc <= WC_COLS_MAX, "%zu columns", nc);
    double *row = malloc(nc * sizeof *row);
    if (!row) abort();
    long long n = 0;
    int rc;
    fz_clear();
    while (n < ROWS_MAX && (rc = wc_stream_reader_next(r, row)) > 0) n++;
    if (n < ROWS_MAX) {
        if (rc < 0) fz_failed("wc_stream_reader_next");
        FZ_CHECK(wc_stream_reader_next(r, row) == rc, "the reader does not stay at its end");
    }
    FZ_CHECK(wc_stream_reader_nrows(r) == n, "nrows %lld after %lld rows", wc_stream_reader_nrows(r), n);
    free(row);
    same_header(h);
    wc_stream_reader_close(r);
}

#endif
