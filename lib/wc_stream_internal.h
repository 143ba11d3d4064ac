/* wc_stream_internal.h — what the wc-stream reader and writer share (private to libwc):
 * the wire's little-endian doubles and zlib's messages. */
#ifndef WC_STREAM_INTERNAL_H
#define WC_STREAM_INTERNAL_H

#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>
#include "wckit/wc_stream.h"

#define HOST_LE (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

/* The wire format is little-endian; on such hosts these are plain copies. */
static inline void f64le_decode(double *dst, const void *src, size_t n)
{
    if (HOST_LE) {
        memcpy(dst, src, n * sizeof(double));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t u;
        memcpy(&u, (const char *)src + 8 * i, 8);
        u = __builtin_bswap64(u);
        memcpy(dst + i, &u, 8);
    }
}

static inline void f64le_encode(void *dst, const double *src, size_t n)
{
    if (HOST_LE) {
        memcpy(dst, src, n * sizeof(double));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t u;
        memcpy(&u, src + i, 8);
        u = __builtin_bswap64(u);
        memcpy((char *)dst + 8 * i, &u, 8);
    }
}

/* zlib's message without its "<fd:3>: " prefix, which means nothing to users. */
static inline const char *gz_message(gzFile gz, int *errnum)
{
    const char *msg = gzerror(gz, errnum);
    const char *sep = strstr(msg, ": ");
    return strncmp(msg, "<fd:", 4) == 0 && sep ? sep + 2 : msg;
}

/* A pipe at either end of a stream gets 1 MiB (Linux's limit for an unprivileged
 * process, against 64 KiB): fewer, larger hand-overs between writer and reader.  Best
 * effort; st is fd's. */
static inline void wc_stream_widen_pipe(int fd, const struct stat *st)
{
#ifdef F_SETPIPE_SZ
    if (S_ISFIFO(st->st_mode)) fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#else
    (void)fd, (void)st;
#endif
}

/* A reader of the open descriptor fd (plain or gzip-compressed, any stream format),
 * which it owns from then on (closed by wc_stream_reader_close, or here on failure); name is
 * what wc_stream_reader_name says. */
wc_stream_reader *wc_stream_reader_open_fd(int fd, const char *name);

/* The header's first line. */
static const char WC_STREAM_MAGIC[] = "## wc-stream ";
#define WC_STREAM_MAGIC_LEN (sizeof WC_STREAM_MAGIC - 1)

#endif
