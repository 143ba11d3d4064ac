/* wc_stream.c — reading and writing wc-streams (see wc_stream.h and man/wc-stream.5).
 *
 * Reader: every input goes through zlib's gzread, whose transparent mode passes plain
 * bytes unchanged, into a buffer of our own; line 1 then decides between a wc-stream
 * ("## wc-stream 1 f64le|tsv") and a lenient plain TSV/CSV/vnlog table.
 *
 * Writer: rows are formatted straight into a 256 KiB buffer, drained with write(2) or
 * gzwrite.  Named files are written under a temporary name and renamed at close, so a
 * failure never leaves a partial file behind.  NumPy output needs the row count in its
 * preamble: a file reserves room for it and rewrites it at close; a pipe spools rows
 * into a temporary file until the count is known.
 *
 * Messages from both sides leave out the file name, which the tools prefix. */
#include "wc_stream.h"
#include "wc_num.h"

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
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define RBUF_SIZE (256u << 10)
#define WBUF_SIZE (256u << 10)
/* Longest text line accepted in a table body. */
#define LINE_MAX_BYTES (64u << 20)
/* How much of a bad field to quote in messages. */
#define QUOTE_MAX 100

static const char MAGIC[] = "## wc-stream ";
#define MAGIC_LEN (sizeof MAGIC - 1)

/* ---- little-endian doubles ---- */

#define HOST_LE (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

/* The wire format is little-endian; on such hosts these are plain copies. */
static void f64le_decode(double *dst, const void *src, size_t n)
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

static void f64le_encode(void *dst, const double *src, size_t n)
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

/* ==== reading ==== */

enum { LINE_LONG = -2 };    /* read_line: no newline within the allowed length */

struct wc_reader {
    gzFile gz;
    char *name;             /* path, or "stdin" */
    wc_hdr *hdr;
    size_t ncols, rowbytes;
    int binary;             /* rows are f64le, not text */
    int state;              /* 0 reading, 1 at the end, -1 failed */
    char *buf;              /* buf[pos..len) is read but not consumed; cap + 1 bytes */
    size_t pos, len, cap;
    int eof;                /* gzread has reported the end */
    long long lineno;       /* text lines consumed, for messages */
    long long nrows;        /* rows returned */
    long long expect;       /* rows promised by "## nrows", or -1 */
    size_t hdr_bytes;
    char *pending;          /* plain table: first data line, read while looking for names */
    long long pending_line;
};

static const unsigned char is_sep_tab[256] = { ['\t'] = 1, [' '] = 1, [','] = 1 };
#define IS_SEP(c) is_sep_tab[(unsigned char)(c)]

/* The current message, prefixed with a line number. */
static int line_err(long long lineno)
{
    return wc_seterr("line %lld: %s", lineno, wc_errmsg());
}

/* zlib's message without its "<fd:3>: " prefix, which means nothing to users. */
static const char *gz_message(gzFile gz, int *errnum)
{
    const char *msg = gzerror(gz, errnum);
    const char *sep = strstr(msg, ": ");
    return strncmp(msg, "<fd:", 4) == 0 && sep ? sep + 2 : msg;
}

static int gz_read_fail(wc_reader *r, int err)
{
    int errnum;
    const char *msg = gz_message(r->gz, &errnum);
    if (errnum == Z_ERRNO)
        return wc_seterr("read error: %s", strerror(err));
    if (errnum == Z_MEM_ERROR)
        return wc_seterr("out of memory");
    return wc_seterr("corrupt or truncated gzip data (%s)", msg);
}

static int grow_buf(wc_reader *r, size_t want)
{
    size_t cap = r->cap * 2 > want ? r->cap * 2 : want;
    char *b = realloc(r->buf, cap + 1);
    if (!b)
        return wc_seterr("out of memory");
    r->buf = b;
    r->cap = cap;
    return 0;
}

/* Make at least want unconsumed bytes available, unless the input ends first. */
static int fill(wc_reader *r, size_t want)
{
    size_t have = r->len - r->pos;
    if (have >= want || r->eof)
        return 0;
    memmove(r->buf, r->buf + r->pos, have);
    r->pos = 0;
    r->len = have;
    if (want > r->cap && grow_buf(r, want) < 0)
        return -1;
    while (r->len < want && !r->eof) {
        size_t room = r->cap - r->len;
        errno = 0;
        int n = gzread(r->gz, r->buf + r->len, room > INT_MAX ? INT_MAX : (unsigned)room);
        if (n < 0)
            return gz_read_fail(r, errno);
        if (n == 0) {
            int errnum;
            r->eof = 1;
            gzerror(r->gz, &errnum);    /* a truncated gzip member only shows up here */
            if (errnum != Z_OK)
                return gz_read_fail(r, errno);
        }
        r->len += (size_t)n;
    }
    return 0;
}

/* Next line, NUL-terminated in place without "\n" or "\r\n"; valid until the next read.
 * *used is its size in the input.  @return 1, 0 at the end, -1, or LINE_LONG. */
static int read_line(wc_reader *r, size_t maxlen, char **line, size_t *used)
{
    size_t scanned = 0;
    for (;;) {
        char *s = r->buf + r->pos;
        size_t have = r->len - r->pos;
        char *nl = memchr(s + scanned, '\n', have - scanned);
        if (nl || r->eof) {
            size_t n = nl ? (size_t)(nl - s) : have;
            if (!nl && n == 0)
                return 0;
            if (n > maxlen)
                return LINE_LONG;
            s[n] = '\0';    /* buf has a spare byte past cap for a last line without \n */
            if (memchr(s, '\0', n))
                return wc_seterr("line %lld: NUL byte in text (binary data that is not a wc-stream?)",
                                 r->lineno + 1);
            *used = nl ? n + 1 : n;
            r->pos += *used;
            r->lineno++;
            if (n > 0 && s[n - 1] == '\r')
                s[n - 1] = '\0';
            *line = s;
            return 1;
        }
        if (have > maxlen)
            return LINE_LONG;
        scanned = have;
        if (fill(r, have + 1) < 0)
            return -1;
    }
}

/* Number of fields in a text line; *all_num tells whether each is a number. */
static size_t scan_fields(const char *s, int *all_num)
{
    size_t n = 0;
    *all_num = 1;
    for (;;) {
        while (IS_SEP(*s))
            s++;
        if (!*s)
            return n;
        const char *e = s;
        while (*e && !IS_SEP(*e))
            e++;
        char *end;
        strtod(s, &end);
        if (end != e)
            *all_num = 0;
        n++;
        s = e;
    }
}

static int bad_field(const char *s, long long lineno, size_t field)
{
    size_t n = 0;
    while (s[n] && !IS_SEP(s[n]))
        n++;
    return wc_seterr("line %lld, field %zu: not a number: '%.*s'", lineno, field,
                     (int)(n > QUOTE_MAX ? QUOTE_MAX : n), s);
}

/* Parse a data line into row.  @return its number of fields (0: blank line) or -1. */
static long parse_row(const wc_reader *r, char *s, long long lineno, double *row)
{
    size_t f = 0;
    for (;;) {
        while (IS_SEP(*s))
            s++;
        if (!*s)
            break;
        char *end;
        errno = 0;
        double v = strtod(s, &end);
        if (end == s || (*end && !IS_SEP(*end)))
            return bad_field(s, lineno, f + 1);
        if (errno == ERANGE && fabs(v) > 1.0)
            return wc_seterr("line %lld, field %zu: number out of range: '%.*s'", lineno,
                             f + 1, (int)(end - s > QUOTE_MAX ? QUOTE_MAX : end - s), s);
        if (f < r->ncols)
            row[f] = v;
        f++;
        s = end;
    }
    if (f > 0 && f != r->ncols)
        return wc_seterr("line %lld: expected %zu fields, found %zu", lineno, r->ncols, f);
    return (long)f;
}

/* Split s in place at any run of seps; NULL after the last token. */
static char *next_token(char **p, const char *seps)
{
    char *s = *p + strspn(*p, seps);
    if (!*s) {
        *p = s;
        return NULL;
    }
    char *e = s + strcspn(s, seps);
    if (*e)
        *e++ = '\0';
    *p = e;
    return s;
}

/* Append the column names in s; plain tables may quote them, CSV style. */
static int add_names(wc_reader *r, char *s, const char *seps, int unquote)
{
    char *tok;
    while ((tok = next_token(&s, seps))) {
        size_t n = strlen(tok);
        if (unquote && n > 2 && tok[0] == '"' && tok[n - 1] == '"') {
            tok[n - 1] = '\0';
            tok++;
        }
        if (wc_hdr_ncols(r->hdr) >= WC_COLS_MAX)
            return wc_seterr("more than %u columns", WC_COLS_MAX);
        if (wc_hdr_add_col(r->hdr, tok) < 0)
            return -1;
    }
    return 0;
}

static int default_names(wc_reader *r, size_t n)
{
    if (n > WC_COLS_MAX)
        return wc_seterr("more than %u columns", WC_COLS_MAX);
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "c%zu", i + 1);
        if (wc_hdr_add_col(r->hdr, name) < 0)
            return -1;
    }
    return 0;
}

/* "## KEY VALUE" after the "##": KEY is the first word, VALUE the rest after one space.
 * Plain tables (strict = 0) treat lines that are no valid key as comments. */
static int parse_key_line(wc_reader *r, char *s, int strict)
{
    if (*s == ' ')
        s++;
    else if (!strict)
        return 0;
    char *sp = strchr(s, ' ');
    const char *val = "";
    if (sp) {
        *sp = '\0';
        val = sp + 1;
    }
    if (wc_hdr_add(r->hdr, s, "%s", val) == 0 || !strict)
        return 0;
    return line_err(r->lineno);
}

/* A header line of a wc-stream, counted against the header size limit. */
static int header_line(wc_reader *r, char **line)
{
    size_t used;
    int rc = read_line(r, WC_HDR_MAX, line, &used);
    if (rc == LINE_LONG || (rc > 0 && (r->hdr_bytes += used) > WC_HDR_MAX))
        return wc_seterr("header larger than 1 MiB");
    return rc;
}

/* Line 1 "## wc-stream VERSION ENCODING". */
static int parse_magic(wc_reader *r, const char *line)
{
    const char *p = line + MAGIC_LEN;
    char *end;
    long v = strtol(p, &end, 10);
    if (end == p)
        return wc_seterr("line 1: malformed wc-stream magic line");
    if (v != 1)
        return wc_seterr("unsupported wc-stream version %ld", v);
    if (strcmp(end, " f64le") == 0)
        r->binary = 1;
    else if (strcmp(end, " tsv") != 0)
        return wc_seterr("line 1: unsupported wc-stream encoding '%s'", end + (*end == ' '));
    return 0;
}

static int read_stream_header(wc_reader *r)
{
    char *line;
    if (header_line(r, &line) < 0 || parse_magic(r, line) < 0)
        return -1;
    for (;;) {
        int rc = header_line(r, &line);
        if (rc <= 0)
            return rc < 0 ? -1 : wc_seterr("truncated header (no '# names' line)");
        if (line[0] == '#' && line[1] == '#') {
            if (parse_key_line(r, line + 2, 1) < 0)
                return -1;
        } else if (line[0] == '#') {
            return add_names(r, line + 1, " \t", 0);
        } else {
            return wc_seterr("line %lld: expected '## key value' or '# names' in the header",
                             r->lineno);
        }
    }
}

/* Columns of a plain table from its last '#' line (hash) and first other line (first),
 * either may be NULL: a first line with text in it is the names line, else the '#'
 * line names the columns if its width matches, else they are c1..cN.  A first line
 * that is data is kept for next(). */
static int plain_columns(wc_reader *r, char *hash, char *first)
{
    int all_num = 1, dummy;
    size_t nf = first ? scan_fields(first, &all_num) : 0;
    if (!all_num)   /* text can never be data, so this is the names line */
        return add_names(r, first, " \t,", 1);
    if (hash && (!first || scan_fields(hash, &dummy) == nf)) {
        if (add_names(r, hash, " \t,", 1) < 0)
            return -1;
    } else if (first) {
        /* A '#' line whose width does not match the data was a comment, not names. */
        if (default_names(r, nf) < 0)
            return -1;
    }
    if (first) {
        if (!(r->pending = strdup(first)))
            return wc_seterr("out of memory");
        r->pending_line = r->lineno;
    }
    return 0;
}

/* A '#' line before the data: "## KEY VALUE", "#!" comment, or a names candidate. */
static int plain_comment(wc_reader *r, char *line, char **hash)
{
    if (line[1] == '#')
        return parse_key_line(r, line + 2, 0);
    if (line[1] == '!')
        return 0;
    free(*hash);
    if (!(*hash = strdup(line + 1)))
        return wc_seterr("out of memory");
    return 0;
}

static int read_plain_header(wc_reader *r)
{
    char *hash = NULL, *line = NULL;
    int rc, dummy;
    size_t used;
    while ((rc = read_line(r, LINE_MAX_BYTES, &line, &used)) > 0) {
        if (line[0] != '#' && scan_fields(line, &dummy) > 0)
            break;
        if ((r->hdr_bytes += used) > WC_HDR_MAX) {
            rc = wc_seterr("header larger than 1 MiB");
            break;
        }
        if (line[0] == '#' && plain_comment(r, line, &hash) < 0) {
            rc = -1;
            break;
        }
    }
    if (rc == LINE_LONG)
        rc = wc_seterr("line %lld longer than 64 MiB", r->lineno + 1);
    if (rc >= 0)
        rc = plain_columns(r, hash, rc > 0 ? line : NULL);
    free(hash);
    return rc;
}

/* Checks common to both header kinds, and the optional row count. */
static int finish_header(wc_reader *r)
{
    r->ncols = wc_hdr_ncols(r->hdr);
    if (r->ncols == 0)
        return wc_seterr(r->lineno == 0 ? "empty input" : "no column names");
    r->rowbytes = r->ncols * sizeof(double);
    const char *s = wc_hdr_get(r->hdr, "nrows");
    if (!s)
        return 0;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end || errno || v >= (1LL << 53))
        return wc_seterr("absurd nrows in header: '%.*s'", QUOTE_MAX, s);
    r->expect = v;
    return 0;
}

static int read_header(wc_reader *r)
{
    if (fill(r, MAGIC_LEN + 3) < 0)
        return -1;
    if (r->len >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0)
        r->pos = 3;     /* a UTF-8 byte-order mark from a spreadsheet export */
    int stream = r->len - r->pos >= MAGIC_LEN && memcmp(r->buf + r->pos, MAGIC, MAGIC_LEN) == 0;
    if ((stream ? read_stream_header(r) : read_plain_header(r)) < 0)
        return -1;
    return finish_header(r);
}

static int open_input(const char *path)
{
    int fd;
    struct stat st;
    if (!path || strcmp(path, "-") == 0)
        fd = dup(STDIN_FILENO);
    else
        fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return wc_seterr("cannot open: %s", strerror(errno));
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return wc_seterr("cannot open: %s", strerror(EISDIR));
    }
    return fd;
}

wc_reader *wc_reader_open(const char *path)
{
    int fd = open_input(path);
    if (fd < 0)
        return NULL;
    wc_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->gz = gzdopen(fd, "rb"))) {
        close(fd);
        free(r);
        wc_seterr("out of memory");
        return NULL;
    }
    gzbuffer(r->gz, RBUF_SIZE);
    r->expect = -1;
    r->cap = RBUF_SIZE;
    r->buf = malloc(r->cap + 1);
    r->name = strdup(path && strcmp(path, "-") != 0 ? path : "stdin");
    r->hdr = wc_hdr_new();
    if (!r->buf || !r->name || !r->hdr) {
        wc_seterr("out of memory");
        wc_reader_close(r);
        return NULL;
    }
    if (read_header(r) < 0) {
        wc_reader_close(r);
        return NULL;
    }
    return r;
}

const wc_hdr *wc_reader_hdr(const wc_reader *r) { return r->hdr; }
const char *wc_reader_name(const wc_reader *r) { return r->name; }
long long wc_reader_nrows(const wc_reader *r) { return r->nrows; }

static int next_bin(wc_reader *r, double *row)
{
    if (r->len - r->pos < r->rowbytes && fill(r, r->rowbytes) < 0)
        return -1;
    size_t have = r->len - r->pos;
    if (have < r->rowbytes) {
        if (have == 0)
            return 0;
        return wc_seterr("truncated input (partial row after %lld rows)", r->nrows);
    }
    f64le_decode(row, r->buf + r->pos, r->ncols);
    r->pos += r->rowbytes;
    return 1;
}

/* Text rows: blank lines (gnuplot block separators) and '#' comment lines are skipped. */
static int next_text(wc_reader *r, double *row)
{
    if (r->pending) {
        long n = parse_row(r, r->pending, r->pending_line, row);
        free(r->pending);
        r->pending = NULL;
        if (n != 0)
            return n < 0 ? -1 : 1;
    }
    for (;;) {
        char *line;
        size_t used;
        int rc = read_line(r, LINE_MAX_BYTES, &line, &used);
        if (rc == LINE_LONG)
            return wc_seterr("line %lld longer than 64 MiB", r->lineno + 1);
        if (rc <= 0)
            return rc;
        if (line[0] == '#')
            continue;
        long n = parse_row(r, line, r->lineno, row);
        if (n != 0)
            return n < 0 ? -1 : 1;
    }
}

static int check_count(const wc_reader *r)
{
    if (r->expect < 0 || r->nrows == r->expect)
        return 0;
    if (r->nrows < r->expect)
        return wc_seterr("truncated input: header promises %lld rows, found %lld",
                         r->expect, r->nrows);
    return wc_seterr("header promises %lld rows, found %lld", r->expect, r->nrows);
}

int wc_reader_next(wc_reader *r, double *row)
{
    if (r->state)
        return r->state < 0 ? -1 : 0;
    int rc = r->binary ? next_bin(r, row) : next_text(r, row);
    if (rc > 0) {
        r->nrows++;
        return 1;
    }
    if (rc == 0 && check_count(r) < 0)
        rc = -1;
    r->state = rc < 0 ? -1 : 1;
    return rc;
}

void wc_reader_close(wc_reader *r)
{
    if (!r)
        return;
    if (r->gz)
        gzclose(r->gz);
    wc_hdr_free(r->hdr);
    free(r->pending);
    free(r->buf);
    free(r->name);
    free(r);
}

/* ==== writing ==== */

/* Largest .npy preamble we write (the dict text is about 100 bytes). */
#define NPY_PRE_MAX 256

struct wc_writer {
    int otype;
    int fd;                 /* the output */
    int own_fd;             /* close fd at the end (not stdout, not when gz owns it) */
    gzFile gz;              /* compressed outputs */
    int sink;               /* where the buffer drains when not gz: fd or the npy spool */
    FILE *spool;            /* npy to a pipe: rows wait here until their count is known */
    char *path, *tmp;       /* named file: tmp is renamed to path at close */
    size_t ncols;
    int prec;
    char *buf;
    size_t len, cap;
    long long nrows;
    size_t npy_pre;         /* npy to a file: preamble bytes reserved at offset 0 */
    int failed;
    char errmsg[512];       /* the first failure, repeated by later calls */
};

static int is_text(int otype) { return otype == WC_OUT_TSV || otype == WC_OUT_TSVGZ; }

/* Remember the first failure; @return -1 with it as the current message. */
static int record(wc_writer *w, const char *fmt, ...) WC_PRINTF(2, 3);
static int record(wc_writer *w, const char *fmt, ...)
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

static int write_fail(wc_writer *w, int err)
{
    return record(w, "write error: %s", strerror(err));
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

static int gz_write_all(wc_writer *w, const char *p, size_t n)
{
    while (n > 0) {
        unsigned k = n > (1u << 30) ? 1u << 30 : (unsigned)n;
        errno = 0;
        if (gzwrite(w->gz, p, k) != (int)k) {
            int err = errno, errnum;
            const char *msg = gz_message(w->gz, &errnum);
            if (errnum == Z_ERRNO && err)
                return write_fail(w, err);
            return record(w, "write error: %s", msg);
        }
        p += k;
        n -= k;
    }
    return 0;
}

static int sink_write(wc_writer *w, const void *p, size_t n)
{
    if (w->failed)
        return wc_seterr("%s", w->errmsg);
    if (w->gz)
        return gz_write_all(w, p, n);
    return write_all(w->sink, p, n) < 0 ? write_fail(w, errno) : 0;
}

static int flush(wc_writer *w)
{
    if (w->len == 0)
        return w->failed ? wc_seterr("%s", w->errmsg) : 0;
    int rc = sink_write(w, w->buf, w->len);
    w->len = 0;
    return rc;
}

static int put(wc_writer *w, const void *data, size_t n)
{
    const char *p = data;
    if (w->len == 0 && n >= w->cap)
        return sink_write(w, p, n);     /* big blocks skip the copy */
    while (n > 0) {
        if (w->len == w->cap && flush(w) < 0)
            return -1;
        size_t k = w->cap - w->len < n ? w->cap - w->len : n;
        memcpy(w->buf + w->len, p, k);
        w->len += k;
        p += k;
        n -= k;
    }
    return 0;
}

static int put_str(wc_writer *w, const char *s) { return put(w, s, strlen(s)); }

static int put_f64(wc_writer *w, const double *v, size_t n)
{
    if (HOST_LE)
        return put(w, v, n * sizeof(double));
    while (n > 0) {
        if (w->cap - w->len < 8 && flush(w) < 0)
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
static int put_tsv_row(wc_writer *w, const double *row)
{
    for (size_t i = 0; i < w->ncols; i++) {
        if (w->cap - w->len <= WC_NUM_BUFSZ && flush(w) < 0)
            return -1;
        char *p = w->buf + w->len;
        size_t n = w->prec ? wc_fmt_double_prec(p, row[i], w->prec) : wc_fmt_double(p, row[i]);
        p[n] = i + 1 < w->ncols ? '\t' : '\n';
        w->len += n + 1;
    }
    return 0;
}

/* Bytes put_header writes, to refuse headers that readers would refuse. */

static int put_header(wc_writer *w, const wc_hdr *h)
{
    const char *magic = is_text(w->otype) ? "## wc-stream 1 tsv\n" : "## wc-stream 1 f64le\n";
    size_t len;
    char *text = wc_hdr_text(h, 1, &len);
    if (!text)
        return record(w, "out of memory");
    int rc = strlen(magic) + len > WC_HDR_MAX
                 ? record(w, "header larger than 1 MiB (%zu columns): readers would refuse it", w->ncols)
                 : put_str(w, magic) || put(w, text, len) ? -1 : 0;
    free(text);
    return rc;
}

/* ---- NumPy .npy ---- */

static size_t npy_dict(char *dict, size_t size, long long nrows, size_t ncols)
{
    return (size_t)snprintf(dict, size,
                            "{'descr': '<f8', 'fortran_order': False, 'shape': (%lld, %zu), }",
                            nrows, ncols);
}

/* Bytes of magic, version, length and dict plus the final '\n', rounded up to 64 as the
 * format asks (so the data is aligned). */
static size_t npy_round(size_t dictlen) { return (10 + dictlen + 1 + 63) / 64 * 64; }

/* The .npy 1.0 preamble for nrows x ncols, padded with blanks to total bytes, or when
 * total is 0 to the next multiple of 64.  @return its size. */
static size_t npy_preamble(char *pre, long long nrows, size_t ncols, size_t total)
{
    char dict[160];
    size_t n = npy_dict(dict, sizeof dict, nrows, ncols);
    if (total == 0)
        total = npy_round(n);
    size_t hlen = total - 10;
    memcpy(pre, "\x93NUMPY\x01\x00", 8);
    pre[8] = (char)(hlen & 0xff);
    pre[9] = (char)(hlen >> 8);
    memcpy(pre + 10, dict, n);
    memset(pre + 10 + n, ' ', total - 10 - n - 1);
    pre[total - 1] = '\n';
    return total;
}

/* Preamble size with room for a 20-digit row count, so the rewrite at close fits. */
static size_t npy_reserved(size_t ncols)
{
    char dict[160];
    return npy_round(npy_dict(dict, sizeof dict, 0, ncols) + 19);
}

static int start_npy(wc_writer *w)
{
    if (w->tmp) {
        char pre[NPY_PRE_MAX];
        w->npy_pre = npy_preamble(pre, 0, w->ncols, npy_reserved(w->ncols));
        return put(w, pre, w->npy_pre);
    }
    if (!(w->spool = tmpfile()))
        return record(w, "cannot create temporary file: %s", strerror(errno));
    w->sink = fileno(w->spool);
    return 0;
}

static int copy_spool(wc_writer *w)
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
        if (write_all(w->fd, w->buf, (size_t)k) < 0)
            return write_fail(w, errno);
    }
}

static int finish_npy(wc_writer *w)
{
    char pre[NPY_PRE_MAX];
    size_t n = npy_preamble(pre, w->nrows, w->ncols, w->npy_pre);
    if (w->spool)
        return write_all(w->fd, pre, n) < 0 ? write_fail(w, errno) : copy_spool(w);
    errno = 0;
    if (pwrite(w->fd, pre, n, 0) != (ssize_t)n)    /* a short write of 64 bytes is an error */
        return write_fail(w, errno ? errno : EIO);
    return 0;
}

/* ---- opening and closing ---- */

static void remove_tmp(void *arg)
{
    wc_writer *w = arg;
    if (w->tmp)
        unlink(w->tmp);
}

/* Create a temporary "PATH.<6 random characters>" beside path (mkostemp's template ends
 * in six 'X'), with the mode a plain open() would give. */
static int open_temp(wc_writer *w, const char *path)
{
    size_t n = strlen(path);
    if (!(w->path = strdup(path)) || !(w->tmp = malloc(n + 8)))
        return record(w, "out of memory");
    memcpy(w->tmp, path, n);
    w->tmp[n] = '.';
    memset(w->tmp + n + 1, 'X', 6);
    w->tmp[n + 7] = '\0';
    if ((w->fd = mkostemp(w->tmp, O_CLOEXEC)) < 0) {
        free(w->tmp);
        w->tmp = NULL;
        return record(w, "cannot create: %s", strerror(errno));
    }
    w->own_fd = 1;
    wc_atdie(remove_tmp, w);
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(w->fd, 0666 & ~mask) < 0)
        return record(w, "cannot create: %s", strerror(errno));
    return 0;
}

static int open_dest(wc_writer *w, const char *path)
{
    struct stat st;
    if (!path || strcmp(path, "-") == 0) {
        w->fd = STDOUT_FILENO;
        return 0;
    }
    if (!*path)
        return record(w, "empty file name");
    int is_link = lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
    char *real = is_link ? realpath(path, NULL) : NULL;
    /* Devices, FIFOs and the /proc or /dev/fd views of descriptors (/dev/stdout) are
     * written in place; renaming over them would replace the name, not fill the file. */
    int in_place = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
    in_place |= real && (strncmp(real, "/proc/", 6) == 0 || strncmp(real, "/dev/", 5) == 0);
    int rc;
    if (in_place) {
        rc = (w->fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0
                 ? record(w, "cannot create: %s", strerror(errno)) : 0;
        w->own_fd = rc == 0;
    } else {
        /* through a symbolic link: write beside, and rename onto, the file it names */
        rc = open_temp(w, real ? real : path);
    }
    free(real);
    return rc;
}

static int open_gz(wc_writer *w, int level)
{
    char mode[8];
    snprintf(mode, sizeof mode, "wb%d", level >= 1 && level <= 9 ? level : 6);
    int fd = w->own_fd ? w->fd : dup(w->fd);    /* gzclose closes it; keep stdout open */
    if (fd < 0)
        return record(w, "cannot write: %s", strerror(errno));
    if (!(w->gz = gzdopen(fd, mode))) {
        if (!w->own_fd)
            close(fd);
        return record(w, "out of memory");
    }
    w->own_fd = 0;
    gzbuffer(w->gz, WBUF_SIZE);
    return 0;
}

static int start_output(wc_writer *w, const wc_hdr *h, const wc_wopts *o)
{
    if (!is_text(w->otype) && isatty(w->fd))
        return record(w, "not writing binary to a terminal (use -Ot)");
    w->sink = w->fd;
    if ((w->otype == WC_OUT_TSVGZ || w->otype == WC_OUT_BINGZ) && open_gz(w, o->level) < 0)
        return -1;
    if (w->otype == WC_OUT_NPY)
        return start_npy(w);
    if (o->no_header && is_text(w->otype))
        return 0;
    return put_header(w, h);
}

wc_writer *wc_writer_open(const char *path, int otype, const wc_hdr *h, const wc_wopts *o)
{
    static const wc_wopts defaults = { 0, 0, 0 };
    if (otype != WC_OUT_TSV && otype != WC_OUT_TSVGZ && otype != WC_OUT_BINGZ
        && otype != WC_OUT_BIN && otype != WC_OUT_NPY) {
        wc_seterr("unknown output type '%c'", otype);
        return NULL;
    }
    if (!h || wc_hdr_ncols(h) == 0) {
        wc_seterr("no columns to write");
        return NULL;
    }
    wc_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->buf = malloc(WBUF_SIZE))) {
        free(w);
        wc_seterr("out of memory");
        return NULL;
    }
    o = o ? o : &defaults;
    w->otype = otype;
    w->fd = -1;
    w->cap = WBUF_SIZE;
    w->ncols = wc_hdr_ncols(h);
    w->prec = o->precision < 0 ? 0 : o->precision > 17 ? 17 : o->precision;
    if (open_dest(w, path) < 0 || start_output(w, h, o) < 0) {
        wc_writer_close(w);
        return NULL;
    }
    return w;
}

int wc_writer_row(wc_writer *w, const double *row)
{
    if (w->failed)
        return wc_seterr("%s", w->errmsg);
    int rc = is_text(w->otype) ? put_tsv_row(w, row) : put_f64(w, row, w->ncols);
    if (rc == 0)
        w->nrows++;
    return rc;
}

int wc_writer_rows(wc_writer *w, const double *rows, size_t n)
{
    if (w->failed)
        return wc_seterr("%s", w->errmsg);
    if (is_text(w->otype)) {
        for (size_t i = 0; i < n; i++)
            if (wc_writer_row(w, rows + i * w->ncols) < 0)
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

int wc_writer_text(wc_writer *w, const char *text, size_t n)
{
    if (!is_text(w->otype))
        return wc_seterr("text output needs a TSV type (-Ot or -Oz)");
    return w->failed ? wc_seterr("%s", w->errmsg) : put(w, text, n);
}

/* Close the descriptors; every failure counts, including gzclose's final flush. */
static int end_output(wc_writer *w)
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
    if (w->own_fd && close(w->fd) < 0)
        rc = write_fail(w, errno);
    if (w->spool)
        fclose(w->spool);
    return rc;
}

int wc_writer_close(wc_writer *w)
{
    if (!w)
        return 0;
    int rc = flush(w);
    if (rc == 0 && w->otype == WC_OUT_NPY)
        rc = finish_npy(w);
    if (end_output(w) < 0)
        rc = -1;
    if (w->tmp) {
        if (rc == 0 && rename(w->tmp, w->path) < 0)
            rc = record(w, "cannot rename temporary file into place: %s", strerror(errno));
        if (rc < 0)
            unlink(w->tmp);
        wc_atdie_remove(remove_tmp, w);
    }
    if (rc < 0)
        wc_seterr("%s", w->errmsg);
    free(w->buf);
    free(w->path);
    free(w->tmp);
    free(w);
    return rc;
}

int wc_otype_from_path(const char *path)
{
    static const struct { const char *ext; int type; } map[] = {
        { ".wcb.gz", WC_OUT_BINGZ }, { ".wcb", WC_OUT_BIN }, { ".tsv.gz", WC_OUT_TSVGZ },
        { ".tsv", WC_OUT_TSV }, { ".npy", WC_OUT_NPY },
    };
    size_t n = path ? strlen(path) : 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        size_t k = strlen(map[i].ext);
        if (n > k && strcasecmp(path + n - k, map[i].ext) == 0)
            return map[i].type;
    }
    return -1;
}
