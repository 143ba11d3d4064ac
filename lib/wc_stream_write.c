/* wc_stream_write.c — writing wc-streams and .npy arrays (see wckit/wc_stream.h).
 *
 * Rows are formatted straight into a 256 KiB buffer, drained with write(2) or gzwrite.
 * Once an output outgrows one buffer, a second thread (the drain) writes or compresses
 * each full buffer while the caller fills the other: a run writing into a pipe or
 * through zlib no longer waits for them.  The drain's failures reach the caller at its
 * next flush or at close, so nothing is lost, only reported one buffer later.
 * Named files go through wc_ofile (a temporary file renamed at close), so a failure
 * never leaves a partial file behind.  NumPy output needs the row count in its
 * preamble: a file reserves room for it and rewrites it at close; a pipe spools rows
 * into a temporary file until the count is known.
 *
 * Messages leave out the file name, which the tools prefix. */
#include "wckit/wc_stream.h"
#include "wckit/wc_num.h"
#include "wckit/wc_limits.h"
#include "wc_npy_internal.h"
#include "wc_ofile_internal.h"
#include "wc_stream_internal.h"
#include "wc_str_internal.h"
#include "wc_thread_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/* The buffer's size; the fuzz build makes it small, so that rows cross its end often. */
#ifndef WC_WBUF_SIZE
#define WC_WBUF_SIZE (256u << 10)
#endif
#define WBUF_SIZE WC_WBUF_SIZE

/* The drain thread and what it is writing (buf is NULL when it is idle). */
typedef struct {
    wc_team *team;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    const char *buf;
    size_t len;
    int stop;
    char err[256];          /* its first failure, "" if none */
} drain;

struct wc_stream_writer {
    int otype;
    wc_ofile out;           /* the output: stdout, a device, or a temporary file */
    gzFile gz;              /* compressed outputs */
    int sink;               /* where the buffer drains when not gz: out.fd or the npy spool */
    FILE *spool;            /* npy to a pipe: rows wait here until their count is known */
    wc_hdr *npy_names;      /* npy: the columns to name in the preamble, or NULL */
    size_t ncols;
    int prec;
    char *buf;
    size_t len, cap;
    char *spare;            /* the buffer the drain writes from while buf fills */
    drain *drain;           /* started by the first full buffer */
    int sync_only;          /* no drain: a device such as /dev/null, or it could not start */
    long long nrows;
    size_t npy_pre;         /* npy to a file: preamble bytes reserved at offset 0 */
    int failed;
    char errmsg[512];       /* the first failure, repeated by later calls */
};

static int is_text(int otype) { return otype == WC_OUT_TSV || otype == WC_OUT_TSVGZ; }

/* Remember the first failure; @return -1 with it as the current message. */
static int record(wc_stream_writer *w, const char *fmt, ...) WC_PRINTF(2, 3);
static int record(wc_stream_writer *w, const char *fmt, ...)
{
    if (!w->failed) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(w->errmsg, sizeof w->errmsg, fmt, ap);
        va_end(ap);
        w->failed = 1;
    }
    return wc_seterr("%s", w->errmsg);
}

static int write_fail(wc_stream_writer *w, int err)
{
    return record(w, "write error: %s", strerror(err));
}

/* Write n bytes to the sink (zlib or the descriptor); the drain calls this too, so it
 * reports into msg instead of recording.  @return 0, or -1 with msg set. */
static int sink_bytes(wc_stream_writer *w, const char *p, size_t n, char *msg, size_t size)
{
    if (!w->gz) {
        if (wc_write_all(w->sink, p, n) == 0) return 0;
        snprintf(msg, size, "write error: %s", strerror(errno));
        return -1;
    }
    while (n > 0) {
        unsigned k = n > (1u << 30) ? 1u << 30 : (unsigned)n;
        errno = 0;
        if (gzwrite(w->gz, p, k) != (int)k) {
            int err = errno, errnum;
            const char *why = gz_message(w->gz, &errnum);
            snprintf(msg, size, "write error: %s", errnum == Z_ERRNO && err ? strerror(err) : why);
            return -1;
        }
        p += k;
        n -= k;
    }
    return 0;
}

/* ---- the drain ---- */

static void drain_main(void *arg)
{
    wc_stream_writer *w = arg;
    drain *d = w->drain;
    pthread_mutex_lock(&d->mu);
    for (;;) {
        while (!d->buf && !d->stop) pthread_cond_wait(&d->cv, &d->mu);
        if (!d->buf) break;
        const char *p = d->buf;
        size_t n = d->len;
        int failed = d->err[0] != 0;
        pthread_mutex_unlock(&d->mu);
        char msg[sizeof d->err] = "";
        if (!failed) sink_bytes(w, p, n, msg, sizeof msg);   /* after a failure, drop the rest */
        pthread_mutex_lock(&d->mu);
        if (msg[0]) memcpy(d->err, msg, sizeof msg);
        d->buf = NULL;
        pthread_cond_broadcast(&d->cv);
    }
    pthread_mutex_unlock(&d->mu);
}

/* Wait until the drain is idle.  @return 0, or -1 with its failure recorded. */
static int drain_wait(wc_stream_writer *w)
{
    drain *d = w->drain;
    if (!d) return 0;
    pthread_mutex_lock(&d->mu);
    while (d->buf) pthread_cond_wait(&d->cv, &d->mu);
    pthread_mutex_unlock(&d->mu);
    return d->err[0] ? record(w, "%s", d->err) : 0;
}

/* Start the drain for a long output.  @return 0, or -1 when writes stay on this thread. */
static int drain_start(wc_stream_writer *w)
{
    if (w->drain) return 0;
    if (w->sync_only) return -1;
    drain *d = calloc(1, sizeof *d);
    if (!d || !(w->spare = malloc(w->cap))) goto fail;
    if (pthread_mutex_init(&d->mu, NULL) != 0) goto fail;
    if (pthread_cond_init(&d->cv, NULL) != 0) {
        pthread_mutex_destroy(&d->mu);
        goto fail;
    }
    w->drain = d;
    void *arg = w;
    if ((d->team = wc_team_start(1, drain_main, &arg))) return 0;
    w->drain = NULL;
    pthread_cond_destroy(&d->cv);
    pthread_mutex_destroy(&d->mu);
fail:
    free(d);
    free(w->spare);
    w->spare = NULL;
    w->sync_only = 1;
    return -1;
}

/* Hand the full buffer to the drain and go on with the other one. */
static int drain_hand(wc_stream_writer *w)
{
    if (drain_wait(w) < 0) return -1;
    drain *d = w->drain;
    char *full = w->buf;
    pthread_mutex_lock(&d->mu);
    d->buf = full;
    d->len = w->len;
    pthread_cond_broadcast(&d->cv);
    pthread_mutex_unlock(&d->mu);
    w->buf = w->spare;
    w->spare = full;
    w->len = 0;
    return 0;
}

/* Let the drain finish what it has, and end it.  @return 0, or -1 with its failure. */
static int drain_stop(wc_stream_writer *w)
{
    drain *d = w->drain;
    if (!d) return 0;
    int rc = drain_wait(w);
    pthread_mutex_lock(&d->mu);
    d->stop = 1;
    pthread_cond_broadcast(&d->cv);
    pthread_mutex_unlock(&d->mu);
    wc_team_join(d->team);
    pthread_cond_destroy(&d->cv);
    pthread_mutex_destroy(&d->mu);
    free(d);
    w->drain = NULL;
    return rc;
}

/* ---- buffered writing ---- */

/* Write n bytes now, after whatever the drain still has. */
static int sink_write(wc_stream_writer *w, const void *p, size_t n)
{
    if (w->failed)
        return wc_seterr("%s", w->errmsg);
    if (drain_wait(w) < 0)
        return -1;
    char msg[256];
    return sink_bytes(w, p, n, msg, sizeof msg) < 0 ? record(w, "%s", msg) : 0;
}

/* Write out what is buffered, now (the end, an explicit flush). */
static int flush(wc_stream_writer *w)
{
    if (w->len == 0)
        return w->failed ? wc_seterr("%s", w->errmsg) : drain_wait(w);
    int rc = sink_write(w, w->buf, w->len);
    w->len = 0;
    return rc;
}

/* The buffer is (nearly) full: hand it to the drain and go on with the other one, or
 * write it out here when there is no drain. */
static int make_room(wc_stream_writer *w)
{
    if (w->failed)
        return wc_seterr("%s", w->errmsg);
    return drain_start(w) == 0 ? drain_hand(w) : flush(w);
}

int wc_stream_writer_flush(wc_stream_writer *w)
{
    if (flush(w) < 0) return -1;
    if (w->gz && gzflush(w->gz, Z_SYNC_FLUSH) != Z_OK) {
        int errnum;
        return wc_seterr("%s", gz_message(w->gz, &errnum));
    }
    return 0;
}

static int put(wc_stream_writer *w, const void *data, size_t n)
{
    const char *p = data;
    if (w->len == 0 && n >= w->cap && w->sync_only)
        return sink_write(w, p, n);     /* big blocks skip the copy when there is no drain */
    while (n > 0) {
        if (w->len == w->cap && make_room(w) < 0)
            return -1;
        size_t k = w->cap - w->len < n ? w->cap - w->len : n;
        memcpy(w->buf + w->len, p, k);
        w->len += k;
        p += k;
        n -= k;
    }
    return 0;
}

static int put_str(wc_stream_writer *w, const char *s) { return put(w, s, strlen(s)); }

static int put_f64(wc_stream_writer *w, const double *v, size_t n)
{
    if (HOST_LE)
        return put(w, v, n * sizeof(double));
    while (n > 0) {
        if (w->cap - w->len < 8 && make_room(w) < 0)
            return -1;
        size_t k = (w->cap - w->len) / 8 < n ? (w->cap - w->len) / 8 : n;
        f64le_encode(w->buf + w->len, v, k);
        w->len += 8 * k;
        v += k;
        n -= k;
    }
    return 0;
}

/* One text row, formatted in place: no copies, no allocation. */
static int put_tsv_row(wc_stream_writer *w, const double *row)
{
    for (size_t i = 0; i < w->ncols; i++) {
        if (w->cap - w->len <= WC_NUM_BUFSZ && make_room(w) < 0)
            return -1;
        char *p = w->buf + w->len;
        size_t n = wc_num_fmt(p, row[i], w->prec);
        p[n] = i + 1 < w->ncols ? '\t' : '\n';
        w->len += n + 1;
    }
    return 0;
}

/* Bytes put_header writes, to refuse headers that readers would refuse. */

static int put_header(wc_stream_writer *w, const wc_hdr *h)
{
    const char *magic = is_text(w->otype) ? "## wc-stream 1 tsv\n" : "## wc-stream 1 f64le\n";
    size_t len;
    char *text = wc_hdr_text(h, 1, &len);
    if (!text)
        return record(w, "out of memory");
    int rc = strlen(magic) + len > (size_t)wc_limit(WC_LIMIT_HEADER)
                 ? record(w, "header of %zu columns: over the limit of %lld bytes that readers accept "
                          "(--limit header=N raises it)", w->ncols, wc_limit(WC_LIMIT_HEADER))
                 : put_str(w, magic) || put(w, text, len) ? -1 : 0;
    free(text);
    return rc;
}

/* ---- NumPy .npy ---- */

static int start_npy(wc_stream_writer *w)
{
    if (w->out.tmp) {
        char pre[WC_NPY_PRE_MAX];
        w->npy_pre = wc_npy_preamble(pre, 0, w->ncols, w->npy_names, wc_npy_reserved(w->ncols, w->npy_names));
        return put(w, pre, w->npy_pre);
    }
    if (!(w->spool = tmpfile()))
        return record(w, "cannot create temporary file: %s", strerror(errno));
    w->sink = fileno(w->spool);
    return 0;
}

static int copy_spool(wc_stream_writer *w)
{
    int in = fileno(w->spool);
    if (lseek(in, 0, SEEK_SET) < 0)
        return write_fail(w, errno);
    for (;;) {
        ssize_t k = read(in, w->buf, w->cap);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return k < 0 ? write_fail(w, errno) : 0;
        if (wc_write_all(w->out.fd, w->buf, (size_t)k) < 0)
            return write_fail(w, errno);
    }
}

static int finish_npy(wc_stream_writer *w)
{
    char pre[WC_NPY_PRE_MAX];
    size_t n = wc_npy_preamble(pre, w->nrows, w->ncols, w->npy_names, w->npy_pre);
    if (w->spool)
        return wc_write_all(w->out.fd, pre, n) < 0 ? write_fail(w, errno) : copy_spool(w);
    errno = 0;
    if (pwrite(w->out.fd, pre, n, 0) != (ssize_t)n)    /* a short write of 64 bytes is an error */
        return write_fail(w, errno ? errno : EIO);
    return 0;
}

/* ---- opening and closing ---- */

static int open_gz(wc_stream_writer *w, int level)
{
    char mode[8];
    snprintf(mode, sizeof mode, "wb%d", level >= 1 && level <= 9 ? level : 6);
    int fd = w->out.own_fd ? w->out.fd : dup(w->out.fd);    /* gzclose closes it; keep stdout open */
    if (fd < 0)
        return record(w, "cannot write: %s", strerror(errno));
    if (!(w->gz = gzdopen(fd, mode))) {
        if (!w->out.own_fd)
            close(fd);
        return record(w, "out of memory");
    }
    w->out.own_fd = 0;
    gzbuffer(w->gz, WBUF_SIZE);
    return 0;
}

static int start_output(wc_stream_writer *w, const wc_hdr *h, const wc_stream_wopts *o)
{
    if (!is_text(w->otype) && isatty(w->out.fd))
        return record(w, "not writing binary to a terminal (use -Ot)");
    w->sink = w->out.fd;
    struct stat st;   /* writing to a device such as /dev/null costs nothing to hand off */
    if (fstat(w->sink, &st) == 0) {
        w->sync_only = S_ISCHR(st.st_mode) && w->otype != WC_OUT_TSVGZ && w->otype != WC_OUT_BINGZ;
        wc_stream_widen_pipe(w->sink, &st);
    }
    if ((w->otype == WC_OUT_TSVGZ || w->otype == WC_OUT_BINGZ) && open_gz(w, o->level) < 0)
        return -1;
    if (w->otype == WC_OUT_NPY) {
        if (!o->no_header && !(w->npy_names = wc_hdr_dup(h)))
            return record(w, "out of memory");
        return start_npy(w);
    }
    if (o->no_header && is_text(w->otype))
        return 0;
    return put_header(w, h);
}

wc_stream_writer *wc_stream_writer_open(const char *path, int otype, const wc_hdr *h, const wc_stream_wopts *o)
{
    static const wc_stream_wopts defaults = { 0, 0, 0 };
    if (otype != WC_OUT_TSV && otype != WC_OUT_TSVGZ && otype != WC_OUT_BINGZ
        && otype != WC_OUT_BIN && otype != WC_OUT_NPY) {
        wc_seterr("unknown output type '%c'", otype);
        return NULL;
    }
    if (!h || wc_hdr_ncols(h) == 0) {
        wc_seterr("no columns to write");
        return NULL;
    }
    wc_stream_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->buf = malloc(WBUF_SIZE))) {
        free(w);
        wc_seterr("out of memory");
        return NULL;
    }
    o = o ? o : &defaults;
    w->otype = otype;
    w->out.fd = -1;
    w->out.slot = -1;
    w->cap = WBUF_SIZE;
    w->ncols = wc_hdr_ncols(h);
    w->prec = o->precision < 0 ? 0 : o->precision > 17 ? 17 : o->precision;
    if (wc_ofile_open(&w->out, path) < 0) {
        record(w, "%s", wc_errmsg());
        wc_stream_writer_close(w);
        return NULL;
    }
    if (start_output(w, h, o) < 0) {
        wc_stream_writer_close(w);
        return NULL;
    }
    return w;
}

int wc_stream_writer_row(wc_stream_writer *w, const double *row)
{
    if (w->failed)
        return wc_seterr("%s", w->errmsg);
    int rc = is_text(w->otype) ? put_tsv_row(w, row) : put_f64(w, row, w->ncols);
    if (rc == 0)
        w->nrows++;
    return rc;
}

int wc_stream_writer_rows(wc_stream_writer *w, const double *rows, size_t n)
{
    if (w->failed)
        return wc_seterr("%s", w->errmsg);
    if (is_text(w->otype)) {
        for (size_t i = 0; i < n; i++)
            if (wc_stream_writer_row(w, rows + i * w->ncols) < 0)
                return -1;
        return 0;
    }
    if (n > SIZE_MAX / sizeof(double) / w->ncols)
        return record(w, "write error: %zu rows are too many for one call", n);
    if (put_f64(w, rows, n * w->ncols) < 0)
        return -1;
    w->nrows += (long long)n;
    return 0;
}

int wc_stream_writer_cells(wc_stream_writer *w, const char *label, const double *v, size_t n)
{
    if (!is_text(w->otype))
        return wc_seterr("text output needs a TSV type (-Ot or -Oz)");
    if (label && (put_str(w, label) < 0 || (n > 0 && put(w, "\t", 1) < 0)))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (w->cap - w->len <= WC_NUM_BUFSZ && make_room(w) < 0)
            return -1;
        char *p = w->buf + w->len;
        size_t k = wc_num_fmt(p, v[i], w->prec);
        p[k] = i + 1 < n ? '\t' : '\n';
        w->len += k + 1;
    }
    return n == 0 ? put(w, "\n", 1) : 0;
}

int wc_stream_writer_text(wc_stream_writer *w, const char *text, size_t n)
{
    if (!is_text(w->otype))
        return wc_seterr("text output needs a TSV type (-Ot or -Oz)");
    return w->failed ? wc_seterr("%s", w->errmsg) : put(w, text, n);
}

/* Close the descriptors; every failure counts, including gzclose's final flush. */
static int end_output(wc_stream_writer *w)
{
    int rc = 0;
    if (w->gz) {
        errno = 0;
        int z = gzclose(w->gz);
        int err = errno;
        w->gz = NULL;
        if (z != Z_OK)
            rc = z == Z_ERRNO && err ? write_fail(w, err) : record(w, "write error: %s",
                                                                  "compression failed");
    }
    if (w->spool)
        fclose(w->spool);
    return rc;
}

int wc_stream_writer_close(wc_stream_writer *w)
{
    if (!w)
        return 0;
    int rc = flush(w);
    if (drain_stop(w) < 0)
        rc = -1;
    if (rc == 0 && w->otype == WC_OUT_NPY)
        rc = finish_npy(w);
    if (end_output(w) < 0)
        rc = -1;
    if (rc == 0 && wc_ofile_commit(&w->out) < 0)
        rc = record(w, "%s", wc_errmsg());
    else if (rc < 0)
        wc_ofile_abort(&w->out);
    if (rc < 0)
        wc_seterr("%s", w->errmsg);
    wc_hdr_free(w->npy_names);
    free(w->buf);
    free(w->spare);
    free(w);
    return rc;
}

void wc_stream_writer_abort(wc_stream_writer *w)
{
    if (!w)
        return;
    drain_stop(w);
    end_output(w);
    wc_ofile_abort(&w->out);
    wc_hdr_free(w->npy_names);
    free(w->buf);
    free(w->spare);
    free(w);
}

int wc_stream_otype_from_path(const char *path)
{
    static const struct { const char *ext; int type; } map[] = {
        { ".wcb.gz", WC_OUT_BINGZ }, { ".wcb", WC_OUT_BIN }, { ".tsv.gz", WC_OUT_TSVGZ },
        { ".tsv", WC_OUT_TSV }, { ".npy", WC_OUT_NPY },
    };
    size_t n = path ? strlen(path) : 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (wc_ends_with(path, n, map[i].ext))
            return map[i].type;
    return -1;
}

