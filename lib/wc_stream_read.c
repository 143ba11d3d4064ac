/* wc_stream_read.c — reading wc-streams and the tables and arrays users bring (see
 * wckit/wc_stream.h and wc-stream(5)).
 *
 * Every input goes through zlib's gzread, whose transparent mode passes plain bytes
 * unchanged, into a buffer of our own; the first bytes then decide between a wc-stream
 * ("## wc-stream 1 f64le|tsv"), a NumPy .npy array (read row by row as it arrives) and
 * a lenient plain TSV/CSV/vnlog table.
 *
 * Messages leave out the file name, which the tools prefix. */
#include "wckit/wc_stream.h"
#include "wckit/wc_limits.h"
#include "wckit/wc_num.h"
#include "wc_npy_internal.h"
#include "wc_stream_internal.h"


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

/* The read buffer (and zlib's).  The fuzz build (tests/fuzz) makes it a few bytes, so
 * that short inputs cross its refills and growths as long ones do here. */
#ifndef WC_RBUF_SIZE
#define WC_RBUF_SIZE (256u << 10)
#endif
#define RBUF_SIZE WC_RBUF_SIZE
/* Longest text line accepted in a table body. */
#define LINE_MAX_BYTES (64u << 20)
/* How much of a bad field to quote in messages. */
#define QUOTE_MAX 100


enum { LINE_LONG = -2 };    /* read_line: no newline within the allowed length */

struct wc_stream_reader {
    gzFile gz;
    char *name;             /* path, or "stdin" */
    wc_hdr *hdr;
    size_t ncols, rowbytes;
    int binary;             /* rows are f64le, not text */
    int stream;             /* the input began with the wc-stream magic line */
    const wc_npy_dtype *npy;/* a .npy array: rows of this element type */
    int state;              /* 0 reading, 1 at the end, -1 failed */
    char *buf;              /* buf[pos..len) is read but not consumed; cap + 1 bytes */
    size_t pos, len, cap;
    int eof;                /* gzread has reported the end */
    long long lineno;       /* text lines consumed, for messages */
    int no_newline;         /* the last line read ended at the end of the input, not at '\n' */
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

static int gz_read_fail(wc_stream_reader *r, int err)
{
    int errnum;
    const char *msg = gz_message(r->gz, &errnum);
    if (errnum == Z_ERRNO)
        return wc_seterr("read error: %s", strerror(err));
    if (errnum == Z_MEM_ERROR)
        return wc_seterr("out of memory");
    return wc_seterr("corrupt or truncated gzip data (%s)", msg);
}

static int grow_buf(wc_stream_reader *r, size_t want)
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
static int fill(wc_stream_reader *r, size_t want)
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
static int read_line(wc_stream_reader *r, size_t maxlen, char **line, size_t *used)
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
            r->no_newline = !nl;
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
static long parse_row(const wc_stream_reader *r, char *s, long long lineno, double *row)
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
static int add_names(wc_stream_reader *r, char *s, const char *seps, int unquote)
{
    char *tok;
    while ((tok = next_token(&s, seps))) {
        size_t n = strlen(tok);
        if (unquote && n > 2 && tok[0] == '"' && tok[n - 1] == '"') {
            tok[n - 1] = '\0';
            tok++;
        }
        if (wc_hdr_ncols(r->hdr) >= (size_t)wc_limit(WC_LIMIT_COLUMNS))
            return wc_limit_refuse(WC_LIMIT_COLUMNS, "columns");
        if (wc_hdr_add_col(r->hdr, tok) < 0)
            return -1;
    }
    return 0;
}

static int default_names(wc_stream_reader *r, size_t n)
{
    if (n > (size_t)wc_limit(WC_LIMIT_COLUMNS))
        return wc_limit_refuse(WC_LIMIT_COLUMNS, "columns");
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
static int parse_key_line(wc_stream_reader *r, char *s, int strict)
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
static int header_line(wc_stream_reader *r, char **line)
{
    size_t used;
    size_t max = (size_t)wc_limit(WC_LIMIT_HEADER);
    int rc = read_line(r, max, line, &used);
    if (rc == LINE_LONG || (rc > 0 && (r->hdr_bytes += used) > max))
        return wc_limit_refuse(WC_LIMIT_HEADER, "header");
    return rc;
}

/* Line 1 "## wc-stream VERSION ENCODING". */
static int parse_magic(wc_stream_reader *r, const char *line)
{
    const char *p = line + WC_STREAM_MAGIC_LEN;
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

static int read_stream_header(wc_stream_reader *r)
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
static int plain_columns(wc_stream_reader *r, char *hash, char *first)
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
static int plain_comment(wc_stream_reader *r, char *line, char **hash)
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

static int read_plain_header(wc_stream_reader *r)
{
    char *hash = NULL, *line = NULL;
    int rc, dummy;
    size_t used;
    while ((rc = read_line(r, LINE_MAX_BYTES, &line, &used)) > 0) {
        if (line[0] != '#' && scan_fields(line, &dummy) > 0)
            break;
        if ((r->hdr_bytes += used) > (size_t)wc_limit(WC_LIMIT_HEADER)) {
            rc = wc_limit_refuse(WC_LIMIT_HEADER, "header");
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
static int finish_header(wc_stream_reader *r)
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

/* The columns of a .npy array: the names its wckit writer gave, else c1..cN. */
static int npy_names(wc_stream_reader *r, const wc_npy_info *info)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = info->names ? strtok_r(info->names, " ", &save) : NULL; t; t = strtok_r(NULL, " ", &save), n++)
        if (wc_hdr_add_col(r->hdr, t) < 0)
            break;
    if (info->names && n == info->shape[1])
        return 0;
    wc_hdr_set_cols(r->hdr, 0, NULL);
    return default_names(r, (size_t)info->shape[1]);
}

/* A .npy preamble: the element type, the shape and the names; rows follow. */
static int read_npy_header(wc_stream_reader *r)
{
    wc_npy_info info;
    size_t need = 0;
    int rc;
    while ((rc = wc_npy_parse((const unsigned char *)r->buf, r->len, &info, &need)) == 1) {
        size_t had = r->len;
        if (fill(r, need) < 0)
            return -1;
        if (r->len == had)
            return wc_seterr("npy header truncated");
    }
    if (rc < 0)
        return -1;
    if (info.fortran && info.ndim == 2 && info.shape[0] > 1 && info.shape[1] > 1)
        rc = wc_seterr("npy array in Fortran order cannot be read row by row "
                       "(save it with numpy.ascontiguousarray)");
    else if (info.shape[1] == 0)
        rc = wc_seterr("npy shape has 0 columns");
    else if (info.shape[1] > (unsigned long long)wc_limit(WC_LIMIT_COLUMNS))
        rc = wc_limit_refuse(WC_LIMIT_COLUMNS, "npy shape");
    else if (info.shape[0] >= (1ULL << 53))
        rc = wc_seterr("npy shape has %llu rows", info.shape[0]);
    else
        rc = npy_names(r, &info);
    free(info.names);
    if (rc < 0)
        return -1;
    r->pos = info.data_off;
    r->npy = info.dtype;
    r->binary = 1;
    r->ncols = (size_t)info.shape[1];
    r->rowbytes = r->ncols * info.dtype->width;
    r->expect = (long long)info.shape[0];
    return 0;
}

static int read_header(wc_stream_reader *r)
{
    if (fill(r, WC_STREAM_MAGIC_LEN + 3) < 0)
        return -1;
    if (r->len >= 6 && memcmp(r->buf, "\x93NUMPY", 6) == 0)
        return read_npy_header(r);
    if (r->len >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0)
        r->pos = 3;     /* a UTF-8 byte-order mark from a spreadsheet export */
    r->stream = r->len - r->pos >= WC_STREAM_MAGIC_LEN && memcmp(r->buf + r->pos, WC_STREAM_MAGIC, WC_STREAM_MAGIC_LEN) == 0;
    if ((r->stream ? read_stream_header(r) : read_plain_header(r)) < 0)
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
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            close(fd);
            return wc_seterr("cannot open: %s", strerror(EISDIR));
        }
        wc_stream_widen_pipe(fd, &st);
    }
    return fd;
}

wc_stream_reader *wc_stream_reader_open(const char *path)
{
    int fd = open_input(path);
    if (fd < 0)
        return NULL;
    return wc_stream_reader_open_fd(fd, path && strcmp(path, "-") != 0 ? path : "stdin");
}

wc_stream_reader *wc_stream_reader_open_fd(int fd, const char *name)
{
    wc_stream_reader *r = calloc(1, sizeof *r);
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
    r->name = strdup(name);
    r->hdr = wc_hdr_new();
    if (!r->buf || !r->name || !r->hdr) {
        wc_seterr("out of memory");
        wc_stream_reader_close(r);
        return NULL;
    }
    if (read_header(r) < 0) {
        wc_stream_reader_close(r);
        return NULL;
    }
    return r;
}

const wc_hdr *wc_stream_reader_hdr(const wc_stream_reader *r) { return r->hdr; }
const char *wc_stream_reader_name(const wc_stream_reader *r) { return r->name; }
long long wc_stream_reader_nrows(const wc_stream_reader *r) { return r->nrows; }
int wc_stream_reader_is_stream(const wc_stream_reader *r) { return r->stream; }

static int next_bin(wc_stream_reader *r, double *row)
{
    if (r->len - r->pos < r->rowbytes && fill(r, r->rowbytes) < 0)
        return -1;
    size_t have = r->len - r->pos;
    if (have < r->rowbytes) {
        if (have == 0)
            return 0;
        return wc_seterr("truncated input (partial row after %lld rows)", r->nrows);
    }
    if (r->npy && !(r->npy->kind == 'f' && r->npy->width == 8)) {
        const unsigned char *p = (const unsigned char *)r->buf + r->pos;
        for (size_t i = 0; i < r->ncols; i++)
            row[i] = wc_npy_element(p + i * r->npy->width, r->npy);
    } else {
        f64le_decode(row, r->buf + r->pos, r->ncols);
    }
    r->pos += r->rowbytes;
    return 1;
}

/* Text rows: blank lines (gnuplot block separators) and '#' comment lines are skipped. */
static int next_text(wc_stream_reader *r, double *row)
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
        /* a wc-stream's rows end in '\n': a last line without one was cut, maybe in a number */
        if (r->stream && r->no_newline)
            return wc_seterr("truncated input (line %lld, the last, has no line feed)", r->lineno);
        if (line[0] == '#')
            continue;
        long n = parse_row(r, line, r->lineno, row);
        if (n != 0)
            return n < 0 ? -1 : 1;
    }
}

static int check_count(const wc_stream_reader *r)
{
    if (r->expect < 0 || r->nrows == r->expect)
        return 0;
    if (r->nrows < r->expect)
        return wc_seterr("truncated input: header promises %lld rows, found %lld",
                         r->expect, r->nrows);
    return wc_seterr("header promises %lld rows, found %lld", r->expect, r->nrows);
}

int wc_stream_reader_next(wc_stream_reader *r, double *row)
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

void wc_stream_reader_close(wc_stream_reader *r)
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

