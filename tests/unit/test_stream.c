/* test_stream.c — header container and wc-stream reader/writer (lib/wc_hdr.c, wc_stream.c).
 * Files go to a mkdtemp directory under /tmp, removed at the end.  An optional argument
 * sets the row count of the timing runs (default 1000000; use less under valgrind). */
#include "tap.h"
#include "wckit/wc_hdr.h"
#include "wckit/wc_limits.h"
#include "wckit/wc_matrix.h"
#include "wckit/wc_num.h"
#include "wckit/wc_stream.h"
#include "wc_cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

static char tmpdir[64];

/* dir/name in one of a few rotating buffers. */
static const char *tpath(const char *name)
{
    static char bufs[4][256];
    static int k;
    char *b = bufs[k++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", tmpdir, name);
    return b;
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, n, f);
    fclose(f);
}

static void write_text(const char *path, const char *text) { write_file(path, text, strlen(text)); }

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *n = 0;
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)len + 1);
    *n = fread(b, 1, (size_t)len, f);
    b[*n] = '\0';
    fclose(f);
    return b;
}

/* Entries in a directory, "." and ".." aside. */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        char p[512];
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (unlink(p) < 0)
            remove_tree(p);
    }
    closedir(d);
    rmdir(dir);
}

static int same_value(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return memcmp(&a, &b, sizeof a) == 0;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* ---- header container ---- */

static void test_hdr(void)
{
    wc_hdr *h = wc_hdr_new();
    OK(wc_hdr_nkeys(h) == 0 && wc_hdr_ncols(h) == 0, "new header is empty");
    OK(wc_hdr_set(h, "dt", "%g", 0.01) == 0 && strcmp(wc_hdr_get(h, "dt"), "0.01") == 0, "set/get dt");
    OK(wc_hdr_add(h, "cmd", "wc-run -T %d", 200) == 0 && wc_hdr_add(h, "cmd", "wc-view") == 0,
       "add two cmd lines");
    OK(strcmp(wc_hdr_get(h, "cmd"), "wc-view") == 0, "get returns the last line");
    OK(wc_hdr_add(h, "empty", "%s", "") == 0 && strcmp(wc_hdr_get(h, "empty"), "") == 0, "empty value");
    OK(wc_hdr_get(h, "nope") == NULL, "missing key is NULL");
    wc_hdr_add(h, "dt", "0.02");
    OK(wc_hdr_set(h, "dt", "0.5") == 0, "set dt again");
    int ndt = 0;
    for (size_t i = 0; i < wc_hdr_nkeys(h); i++)
        ndt += strcmp(wc_hdr_key(h, i), "dt") == 0;
    OK(ndt == 1 && strcmp(wc_hdr_key(h, 0), "dt") == 0 && strcmp(wc_hdr_val(h, 0), "0.5") == 0,
       "set replaces the first line in place and drops later ones");
    OK(wc_hdr_set(h, "", "x") < 0, "empty key rejected");
    OK(wc_hdr_set(h, "a b", "x") < 0 && wc_hdr_add(h, "a\tb", "x") < 0, "key with blank rejected");
    OK(wc_hdr_set(h, "#a", "x") < 0, "key starting with # rejected (%s)", wc_errmsg());
    OK(wc_hdr_set(h, "a\nb", "x") < 0, "key with newline rejected");
    OK(wc_hdr_set(h, "note", "two\nlines") < 0, "value with newline rejected (%s)", wc_errmsg());
    OK(wc_hdr_set(h, "note", "has blanks  and\ttabs") == 0, "value with blanks accepted");
    size_t nk = wc_hdr_nkeys(h);
    wc_hdr_del(h, "cmd");
    OK(wc_hdr_nkeys(h) == nk - 2 && wc_hdr_get(h, "cmd") == NULL, "del removes every cmd line");
    OK(wc_hdr_key(h, 99) == NULL && wc_hdr_val(h, 99) == NULL, "out-of-range key is NULL");

    const char *names[] = { "t", "E", "I" };
    OK(wc_hdr_set_cols(h, 3, names) == 0 && wc_hdr_ncols(h) == 3, "set_cols");
    OK(wc_hdr_add_col(h, "x_1") == 0 && wc_hdr_ncols(h) == 4, "add_col");
    OK(wc_hdr_find_col(h, "I") == 2 && wc_hdr_find_col(h, "nope") == -1, "find_col");
    OK(wc_hdr_add_col(h, "") < 0 && wc_hdr_add_col(h, "a b") < 0 && wc_hdr_add_col(h, "a\tb") < 0
       && wc_hdr_add_col(h, "a\nb") < 0, "bad column names rejected");
    const char *bad[] = { "ok", "not ok" };
    OK(wc_hdr_set_cols(h, 2, bad) < 0 && wc_hdr_ncols(h) == 4, "failed set_cols keeps the old names");

    wc_hdr *d = wc_hdr_dup(h);
    int same = wc_hdr_nkeys(d) == wc_hdr_nkeys(h) && wc_hdr_ncols(d) == wc_hdr_ncols(h);
    for (size_t i = 0; same && i < wc_hdr_nkeys(h); i++)
        same = strcmp(wc_hdr_key(d, i), wc_hdr_key(h, i)) == 0
               && strcmp(wc_hdr_val(d, i), wc_hdr_val(h, i)) == 0;
    for (size_t i = 0; same && i < wc_hdr_ncols(h); i++)
        same = strcmp(wc_hdr_col(d, i), wc_hdr_col(h, i)) == 0;
    OK(same, "dup copies keys and columns");
    wc_hdr_set(d, "dt", "9");
    OK(strcmp(wc_hdr_get(h, "dt"), "0.5") == 0, "dup is deep");
    for (int i = 0; i < 1000; i++)
        wc_hdr_add(d, "k", "%d", i);
    OK(wc_hdr_nkeys(d) == wc_hdr_nkeys(h) + 1000 && strcmp(wc_hdr_get(d, "k"), "999") == 0,
       "1000 added lines");
    wc_hdr_free(d);
    wc_hdr_free(h);
    wc_hdr_free(NULL);
}

static void test_otype(void)
{
    OK(wc_stream_otype_from_path("a.wcb.gz") == 'b' && wc_stream_otype_from_path("a.wcb") == 'u'
       && wc_stream_otype_from_path("a.tsv.gz") == 'z' && wc_stream_otype_from_path("dir/a.tsv") == 't'
       && wc_stream_otype_from_path("a.npy") == 'n' && wc_stream_otype_from_path("A.TSV") == 't',
       "otype from extensions");
    OK(wc_stream_otype_from_path("a.txt") == -1 && wc_stream_otype_from_path("a.gz") == -1
       && wc_stream_otype_from_path("-") == -1 && wc_stream_otype_from_path(NULL) == -1, "otype unknown: -1");
}

/* ---- write/read round trips ---- */

#define NC 3

static wc_hdr *test_header(void)
{
    wc_hdr *h = wc_hdr_new();
    const char *names[NC] = { "t", "E", "I" };
    wc_hdr_add(h, "model", "wilson-cowan");
    wc_hdr_add(h, "cmd", "wc-run -x wc72 -p wEE=16");
    wc_hdr_add(h, "cmd", "wc-view -Ob");
    wc_hdr_add(h, "empty", "%s", "");
    wc_hdr_add(h, "param.wEE", "16");
    wc_hdr_add(h, "future.key", "readers keep  unknown keys");
    wc_hdr_set_cols(h, NC, names);
    return h;
}

/* Rows with every awkward value, then random doubles of all magnitudes. */
static double *test_rows(size_t nrows)
{
    static const double special[] = { 0.0, -0.0, NAN, INFINITY, -INFINITY, 5e-324, -5e-324,
                                      1e-310, DBL_MIN, DBL_MAX, -DBL_MAX, 0.1, 1.0 / 3, 1e15,
                                      9007199254740993.0, -1, 42, 1e-5, 123.456 };
    size_t ns = sizeof special / sizeof special[0];
    double *v = malloc(nrows * NC * sizeof *v);
    uint64_t s = 12345;
    for (size_t i = 0; i < nrows * NC; i++) {
        if (i < ns) {
            v[i] = special[i];
            continue;
        }
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        uint64_t u = s ^ (s >> 29);
        memcpy(&v[i], &u, sizeof u);
        if (!isfinite(v[i]))
            v[i] = (double)(u >> 40) / 7;
    }
    return v;
}

static int headers_equal(const wc_hdr *a, const wc_hdr *b)
{
    if (wc_hdr_nkeys(a) != wc_hdr_nkeys(b) || wc_hdr_ncols(a) != wc_hdr_ncols(b))
        return 0;
    for (size_t i = 0; i < wc_hdr_nkeys(a); i++)
        if (strcmp(wc_hdr_key(a, i), wc_hdr_key(b, i)) || strcmp(wc_hdr_val(a, i), wc_hdr_val(b, i)))
            return 0;
    for (size_t i = 0; i < wc_hdr_ncols(a); i++)
        if (strcmp(wc_hdr_col(a, i), wc_hdr_col(b, i)))
            return 0;
    return 1;
}

/* Write n rows (the first half one at a time, the rest in one call); @return 0 or -1. */
static int write_rows(const char *path, int type, const wc_hdr *h, const double *v, size_t n,
                      const wc_stream_wopts *o)
{
    wc_stream_writer *w = wc_stream_writer_open(path, type, h, o);
    if (!w)
        return -1;
    size_t half = n / 2, nc = wc_hdr_ncols(h);
    for (size_t i = 0; i < half; i++)
        if (wc_stream_writer_row(w, v + i * nc) < 0) {
            wc_stream_writer_close(w);
            return -1;
        }
    if (wc_stream_writer_rows(w, v + half * nc, n - half) < 0) {
        wc_stream_writer_close(w);
        return -1;
    }
    return wc_stream_writer_close(w);
}

/* Read every row of path; @return the row count, or -1 (message in wc_errmsg). */
static long read_rows(const char *path, wc_hdr **hdr, double *v, size_t max)
{
    wc_stream_reader *r = wc_stream_reader_open(path);
    if (!r)
        return -1;
    size_t nc = wc_hdr_ncols(wc_stream_reader_hdr(r));
    double *row = malloc(nc * sizeof *row);
    long n = 0;
    int rc;
    while ((rc = wc_stream_reader_next(r, row)) > 0) {
        if ((size_t)n < max)
            memcpy(v + (size_t)n * nc, row, nc * sizeof *row);
        n++;
    }
    if (hdr)
        *hdr = wc_hdr_dup(wc_stream_reader_hdr(r));
    free(row);
    OK(rc < 0 || wc_stream_reader_nrows(r) == n, "reader counts %ld rows", n);
    wc_stream_reader_close(r);
    return rc < 0 ? -1 : n;
}

static void test_roundtrip(int type, const char *name)
{
    const size_t n = 5000;
    wc_hdr *h = test_header(), *back = NULL;
    double *v = test_rows(n), *got = calloc(n * NC, sizeof *got);
    const char *path = tpath(name);
    OK(write_rows(path, type, h, v, n, NULL) == 0, "-O%c: write %s", type, name);
    long m = read_rows(path, &back, got, n);
    OK(m == (long)n, "-O%c: read back %ld rows (%s)", type, m, m < 0 ? wc_errmsg() : "ok");
    OK(back && headers_equal(h, back), "-O%c: keys and columns preserved", type);
    size_t bad = 0;
    for (size_t i = 0; i < n * NC; i++)
        bad += !same_value(v[i], got[i]);
    OK(bad == 0, "-O%c: values bit-exact (%zu differ), incl. nan, inf, -0, subnormals", type, bad);
    OK(signbit(got[1]) && got[1] == 0 && got[5] == 5e-324 && isinf(got[4]) && got[4] < 0,
       "-O%c: -0.0, 5e-324 and -inf survive", type);
    wc_hdr_free(back);
    wc_hdr_free(h);
    free(v);
    free(got);
}

/* Compressed outputs are plain gzip: zlib alone reads them. */
static void test_gzip_format(int type, const char *name, const char *line1)
{
    size_t n;
    char *raw = read_file(tpath(name), &n);
    OK(n > 2 && (unsigned char)raw[0] == 0x1f && (unsigned char)raw[1] == 0x8b,
       "-O%c: file starts with the gzip magic", type);
    free(raw);
    gzFile gz = gzopen(tpath(name), "rb");
    char buf[64] = { 0 };
    int k = gzread(gz, buf, (unsigned)strlen(line1));
    gzclose(gz);
    OK(k == (int)strlen(line1) && memcmp(buf, line1, strlen(line1)) == 0,
       "-O%c: zlib reads the magic line '%.*s'", type, (int)strlen(line1) - 1, line1);
}

static void test_tsv_text(void)
{
    wc_hdr *h = wc_hdr_new();
    const char *names[2] = { "t", "x" };
    wc_hdr_set_cols(h, 2, names);
    wc_hdr_add(h, "dt", "0.1");
    wc_hdr_add(h, "empty", "%s", "");
    double v[6] = { 0, 0.1, 0.1, -0.0, 100, NAN };
    size_t n;
    write_rows(tpath("small.tsv"), 't', h, v, 3, NULL);
    char *s = read_file(tpath("small.tsv"), &n);
    const char *want = "## wc-stream 1 tsv\n## dt 0.1\n## empty\n# t\tx\n0\t0.1\n0.1\t-0\n100\tnan\n";
    OK(s && strcmp(s, want) == 0, "TSV text exactly as specified");
    free(s);
    wc_stream_wopts o = { .no_header = 1, .precision = 3 };
    v[1] = 3.14159;
    write_rows(tpath("nohdr.tsv"), 't', h, v, 3, &o);
    s = read_file(tpath("nohdr.tsv"), &n);
    OK(s && strcmp(s, "0\t3.14\n0.1\t-0\n100\tnan\n") == 0, "no_header + precision 3 text");
    free(s);
    wc_stream_writer *w = wc_stream_writer_open(tpath("text.tsv"), 't', h, &o);
    int rc = wc_stream_writer_text(w, "name\t", 5);
    rc |= wc_stream_writer_row(w, v);
    rc |= wc_stream_writer_close(w);
    s = read_file(tpath("text.tsv"), &n);
    OK(rc == 0 && s && strcmp(s, "name\t0\t3.14\n") == 0, "wc_stream_writer_text mixes text into TSV rows");
    free(s);
    w = wc_stream_writer_open(tpath("text.wcb"), 'u', h, NULL);
    OK(wc_stream_writer_text(w, "x", 1) < 0, "wc_stream_writer_text refuses binary: %s", wc_errmsg());
    wc_stream_writer_close(w);
    write_rows(tpath("small.wcb"), 'u', h, v, 3, NULL);
    s = read_file(tpath("small.wcb"), &n);
    const char *hd = "## wc-stream 1 f64le\n## dt 0.1\n## empty\n# t\tx\n";
    OK(s && n == strlen(hd) + 48 && memcmp(s, hd, strlen(hd)) == 0, "binary header text and size");
    double first;
    memcpy(&first, s + strlen(hd) + 8, 8);
    NEAR(first, 3.14159, 0, 0, "binary rows follow the names line directly");
    free(s);
    wc_hdr_free(h);
}

/* ---- plain tables ---- */

/* Read a table given as text; expect names (space-separated) and rows. */
static void check_plain(const char *label, const char *text, const char *names,
                        const double *want, long nwant)
{
    write_text(tpath("plain.txt"), text);
    wc_hdr *h = NULL;
    double got[64];
    long n = read_rows(tpath("plain.txt"), &h, got, 64 / 4);
    char cols[256] = "";
    for (size_t i = 0; h && i < wc_hdr_ncols(h); i++)
        snprintf(cols + strlen(cols), sizeof cols - strlen(cols), "%s%s", i ? " " : "", wc_hdr_col(h, i));
    OK(n == nwant, "%s: %ld rows (%s)", label, n, n < 0 ? wc_errmsg() : "ok");
    OK(strcmp(cols, names) == 0, "%s: columns '%s'", label, cols);
    int same = n == nwant;
    for (long i = 0; same && h && i < nwant * (long)wc_hdr_ncols(h); i++)
        same = same_value(got[i], want[i]);
    OK(same, "%s: values", label);
    wc_hdr_free(h);
}

static void test_plain(void)
{
    const double v6[] = { 1, 2, 3, 4, 5, 6 };
    check_plain("vnlog", "# t E I\n1 2 3\n\n\n4\t5\t6\n", "t E I", v6, 2);
    check_plain("csv", "t,E,I\r\n1,2,3\r\n4,5,6\r\n", "t E I", v6, 2);
    check_plain("no names", "1 2 3\n4 5 6", "c1 c2 c3", v6, 2);
    check_plain("blank lines and comments", "\n  \n1\t2\t3\n\n# note\n4, 5, 6\n\n", "c1 c2 c3", v6, 2);
    check_plain("comment is not names", "# made by hand today\n1 2 3\n4 5 6\n", "c1 c2 c3", v6, 2);
    check_plain("last # line wins", "# x y z\n# a b c\n1 2 3\n4 5 6\n", "a b c", v6, 2);
    check_plain("quoted csv names", "\xef\xbb\xbf\"t\",\"E\",\"I\"\n1,2,3\n4,5,6\n", "t E I", v6, 2);
    check_plain("names only", "# a b c\n", "a b c", v6, 0);
    const double v4[] = { 1, NAN, 2, -INFINITY };
    check_plain("nan and -inf", "x y\n1 nan\n2 -inf\n", "x y", v4, 2);
    check_plain("wc-stream tsv with gnuplot blocks",
                "## wc-stream 1 tsv\n## k v\n# t E I\n1\t2\t3\n\n\n4\t5\t6\n", "t E I", v6, 2);

    write_text(tpath("keys.txt"), "## dt 0.01\n#! /usr/bin/env vnl-filter\n##not a key\n# a b\n1 2\n");
    wc_stream_reader *r = wc_stream_reader_open(tpath("keys.txt"));
    OK(r && wc_hdr_nkeys(wc_stream_reader_hdr(r)) == 1 && strcmp(wc_hdr_get(wc_stream_reader_hdr(r), "dt"), "0.01") == 0,
       "plain table: '## key value' lines become keys");
    OK(r && strcmp(wc_stream_reader_name(r), tpath("keys.txt")) == 0, "reader name is the path");
    wc_stream_reader_close(r);
    write_text(tpath("bare.txt"), "1 2\n");
    r = wc_stream_reader_open(tpath("bare.txt"));
    OK(r && wc_hdr_nkeys(wc_stream_reader_hdr(r)) == 0, "bare table: no keys");
    wc_stream_reader_close(r);
}

static void test_stdin(void)
{
    write_text(tpath("in.tsv"), "# a\n7\n");
    int save = dup(0), fd = open(tpath("in.tsv"), O_RDONLY);
    dup2(fd, 0);
    close(fd);
    wc_stream_reader *r = wc_stream_reader_open("-");
    double x = 0;
    OK(r && strcmp(wc_stream_reader_name(r), "stdin") == 0 && wc_stream_reader_next(r, &x) == 1 && x == 7,
       "'-' reads stdin, named 'stdin'");
    OK(r && wc_stream_reader_next(r, &x) == 0 && wc_stream_reader_next(r, &x) == 0, "end is sticky");
    wc_stream_reader_close(r);
    dup2(save, 0);
    close(save);
}

/* ---- errors ---- */

/* Open text as a table and read to the end; @return the message of the first failure. */
static const char *read_error(const char *text, size_t len)
{
    static char msg[1024];
    write_file(tpath("err.txt"), text, len);
    wc_stream_reader *r = wc_stream_reader_open(tpath("err.txt"));
    strcpy(msg, "(no error)");
    if (!r) {
        snprintf(msg, sizeof msg, "%s", wc_errmsg());
        return msg;
    }
    double row[8];
    int rc;
    while ((rc = wc_stream_reader_next(r, row)) > 0)
        ;
    if (rc < 0) {
        snprintf(msg, sizeof msg, "%s", wc_errmsg());
        OK(wc_stream_reader_next(r, row) < 0, "error is sticky");
    }
    wc_stream_reader_close(r);
    return msg;
}

#define ERR(text, want) do { \
        const char *m_ = read_error((text), strlen(text)); \
        OK(strcmp(m_, (want)) == 0, "error '%s'", m_); \
    } while (0)

static void test_errors_text(void)
{
    ERR("# a b c\n1 2 3\n4 x 6\n", "line 3, field 2: not a number: 'x'");
    ERR("# a b c\n1 2 3\n4 5\n", "line 3: expected 3 fields, found 2");
    ERR("# a b c\n1 2 3\n4 5 6 7\n", "line 3: expected 3 fields, found 4");
    ERR("a\n1e999\n", "line 2, field 1: number out of range: '1e999'");
    ERR("## wc-stream 2 f64le\n# a\n", "unsupported wc-stream version 2");
    ERR("## wc-stream 1 f32le\n# a\n", "line 1: unsupported wc-stream encoding 'f32le'");
    ERR("## wc-stream x tsv\n# a\n", "line 1: malformed wc-stream magic line");
    ERR("## wc-stream 1 tsv\n## a b\n", "truncated header (no '# names' line)");
    ERR("## wc-stream 1 tsv\n## bad\tkey x\n# a\n", "line 2: invalid header key 'bad\tkey'");
    ERR("## wc-stream 1 tsv\n1 2\n# a\n", "line 2: expected '## key value' or '# names' in the header");
    ERR("## wc-stream 1 tsv\n#\n", "no column names");
    ERR("", "empty input");
    ERR("\n\n", "no column names");
    ERR("## wc-stream 1 tsv\n## nrows -1\n# a\n", "absurd nrows in header: '-1'");
    ERR("## wc-stream 1 tsv\n## nrows lots\n# a\n", "absurd nrows in header: 'lots'");
    ERR("## wc-stream 1 tsv\n## nrows 9007199254740992\n# a\n",
        "absurd nrows in header: '9007199254740992'");
    ERR("## nrows 1e3\n# a\n1\n", "absurd nrows in header: '1e3'");
    ERR("## wc-stream 1 tsv\n## nrows 3\n# a\n1\n2\n", "truncated input: header promises 3 rows, found 2");
    ERR("## wc-stream 1 tsv\n## nrows 1\n# a\n1\n2\n", "header promises 1 rows, found 2");
    ERR("## wc-stream 1 tsv\n## nrows 2\n# a\n1\n2\n", "(no error)");
    ERR("## wc-stream 1 tsv\n## nrows 0\n# a\n", "(no error)");
    OK(wc_stream_reader_open(tpath("does-not-exist")) == NULL
       && strcmp(wc_errmsg(), "cannot open: No such file or directory") == 0, "missing file: %s", wc_errmsg());
    OK(wc_stream_reader_open(tmpdir) == NULL && strstr(wc_errmsg(), "Is a directory"), "directory: %s", wc_errmsg());
}

static void test_errors_big(void)
{
    size_t big = WC_HDR_MAX + 100;
    char *s = malloc(big + 64);
    strcpy(s, "## wc-stream 1 f64le\n## big ");
    size_t n = strlen(s);
    memset(s + n, 'x', big);
    strcpy(s + n + big, "\n# a\n");
    OK(strcmp(read_error(s, strlen(s)), "header: over the limit of 1048576 bytes (--limit header=N raises it)") == 0, "huge header key: %s", wc_errmsg());
    n = 0;
    while (n < big) {
        memcpy(s + n, "# a comment line\n", 17);
        n += 17;
    }
    strcpy(s + n, "1\n");
    OK(strcmp(read_error(s, strlen(s)), "header: over the limit of 1048576 bytes (--limit header=N raises it)") == 0, "huge plain comments");
    free(s);
    /* one more than WC_COLS_MAX fields */
    size_t nf = WC_COLS_MAX + 1;
    s = malloc(2 * nf + 1);
    for (size_t i = 0; i < nf; i++)
        memcpy(s + 2 * i, "0 ", 2);
    s[2 * nf - 1] = '\n';
    const char *m = read_error(s, 2 * nf);
    OK(strcmp(m, "columns: over the limit of 1048576 columns (--limit columns=N raises it)") == 0, "too many columns: %s", m);
    /* limits set at run time: lowered, the same input is refused earlier; raised, read */
    OK(wc_limit_set(WC_LIMIT_COLUMNS, 1000) == 0, "limit columns=1000 set");
    m = read_error(s, 2 * nf);
    OK(strcmp(m, "columns: over the limit of 1000 columns (--limit columns=N raises it)") == 0, "limit 1000: %s", m);
    OK(wc_limit_set(WC_LIMIT_COLUMNS, 2 * (long long)nf) == 0 && wc_limit(WC_LIMIT_COLUMNS) == 2 * (long long)nf,
       "limit columns raised");
    write_file(tpath("wide.txt"), s, 2 * nf);
    wc_stream_reader *r = wc_stream_reader_open(tpath("wide.txt"));
    OK(r && wc_hdr_ncols(wc_stream_reader_hdr(r)) == nf, "%zu columns read with the limit raised", nf);
    wc_stream_reader_close(r);
    OK(wc_limit_set(WC_LIMIT_COLUMNS, WC_COLS_MAX) == 0, "limit columns back to its default");
    OK(wc_limit_parse("columns=0") < 0 && wc_limit_parse("header=2G") < 0 && wc_limit_parse("rows=5") < 0
       && wc_limit_parse("nodes") < 0 && wc_limit_parse("nodes=64k") == 0 && wc_limit(WC_LIMIT_NODES) == 65536,
       "limit specs: bounds, unknown names, suffixes");
    wc_limit_set(WC_LIMIT_NODES, WC_MATRIX_N_MAX);
    free(s);
}

static void test_errors_binary(void)
{
    wc_hdr *h = test_header();
    double *v = test_rows(1000);
    size_t n;
    write_rows(tpath("trunc.wcb"), 'u', h, v, 3, NULL);
    char *s = read_file(tpath("trunc.wcb"), &n);
    const char *m = read_error(s, n - 4);
    OK(strcmp(m, "truncated input (partial row after 2 rows)") == 0, "%s", m);
    free(s);

    wc_hdr_set(h, "nrows", "5");
    write_rows(tpath("nrows.wcb"), 'u', h, v, 3, NULL);
    s = read_file(tpath("nrows.wcb"), &n);
    m = read_error(s, n);
    OK(strcmp(m, "truncated input: header promises 5 rows, found 3") == 0, "%s", m);
    free(s);
    wc_hdr_del(h, "nrows");

    write_rows(tpath("cut.wcb.gz"), 'b', h, v, 1000, NULL);
    s = read_file(tpath("cut.wcb.gz"), &n);
    m = read_error(s, n / 2);
    OK(strncmp(m, "corrupt or truncated gzip data", 30) == 0, "gzip cut in half: %s", m);
    m = read_error(s, n - 3);
    OK(strncmp(m, "corrupt or truncated gzip data", 30) == 0, "gzip trailer cut: %s", m);
    for (size_t i = n / 3; i < n / 3 + 16; i++)
        s[i] ^= 0x55;
    m = read_error(s, n);
    OK(strncmp(m, "corrupt or truncated gzip data", 30) == 0, "corrupt gzip: %s", m);
    free(s);
    free(v);
    wc_hdr_free(h);
}

/* ---- npy ---- */

/* Check an .npy image: magic, version 1.0, dict, 64-byte alignment, data. */
static void check_npy(const char *label, const char *s, size_t n, const double *v, size_t rows)
{
    char dict[160];
    snprintf(dict, sizeof dict, "{'descr': '<f8', 'fortran_order': False, 'shape': (%zu, %d), } "
             "# wckit columns: t E I", rows, NC);
    OK(n >= 10 && memcmp(s, "\x93NUMPY\x01\x00", 8) == 0, "%s: magic and version 1.0", label);
    size_t hlen = (unsigned char)s[8] | (size_t)(unsigned char)s[9] << 8, pre = 10 + hlen;
    OK(pre % 64 == 0 && pre <= n && s[pre - 1] == '\n', "%s: preamble %zu bytes, 64-aligned, ends in \\n",
       label, pre);
    int pad = 1;
    for (size_t i = 10 + strlen(dict); i < pre - 1; i++)
        pad &= s[i] == ' ';
    OK(memcmp(s + 10, dict, strlen(dict)) == 0 && pad, "%s: dict %s", label, dict);
    OK(n == pre + rows * NC * 8, "%s: size %zu = preamble + %zu rows", label, n, rows);
    int same = n == pre + rows * NC * 8;
    for (size_t i = 0; same && i < rows * NC; i++) {
        uint64_t u = 0;
        for (int b = 7; b >= 0; b--)
            u = u << 8 | (unsigned char)s[pre + 8 * i + (size_t)b];
        double x;
        memcpy(&x, &u, 8);
        same = same_value(x, v[i]);
    }
    OK(same, "%s: little-endian float64 data in C order", label);
}

static void test_npy(void)
{
    wc_hdr *h = test_header();
    double *v = test_rows(100);
    size_t n;
    OK(write_rows(tpath("a.npy"), 'n', h, v, 100, NULL) == 0, "npy to a file");
    char *s = read_file(tpath("a.npy"), &n);
    check_npy("npy file", s, n, v, 100);
    free(s);

    /* A pipe: rows are spooled and the preamble written at close. */
    int p[2], save = dup(1);
    fflush(stdout);
    if (pipe(p) < 0)
        return;
    dup2(p[1], 1);
    close(p[1]);
    int rc = write_rows(NULL, 'n', h, v, 7, NULL);
    dup2(save, 1);
    close(save);
    char buf[4096];
    ssize_t k, got = 0;
    while ((k = read(p[0], buf + got, sizeof buf - (size_t)got)) > 0)
        got += k;
    close(p[0]);
    OK(rc == 0, "npy to a pipe");
    check_npy("npy pipe", buf, (size_t)got, v, 7);
    OK(got == 128 + 7 * NC * 8, "npy pipe: shortest preamble (128 bytes, as numpy writes)");

    /* read back: names from the comment, the same values, the row count checked */
    wc_stream_reader *r = wc_stream_reader_open(tpath("a.npy"));
    OK(r && wc_hdr_ncols(wc_stream_reader_hdr(r)) == NC && strcmp(wc_hdr_col(wc_stream_reader_hdr(r), 1), "E") == 0,
       "npy read back: columns t E I");
    double row[NC];
    int same = 1;
    size_t nr = 0;
    while (r && wc_stream_reader_next(r, row) == 1) {
        for (int c = 0; c < NC; c++) same &= same_value(row[c], v[nr * NC + (size_t)c]);
        nr++;
    }
    OK(same && nr == 100, "npy read back: %zu rows, the same values", nr);
    wc_stream_reader_close(r);
    /* without names (no_header), as numpy would write it: c1..cN */
    wc_stream_wopts o = {.no_header = 1};
    write_rows(tpath("b.npy"), 'n', h, v, 5, &o);
    r = wc_stream_reader_open(tpath("b.npy"));
    OK(r && strcmp(wc_hdr_col(wc_stream_reader_hdr(r), 0), "c1") == 0 && strcmp(wc_hdr_col(wc_stream_reader_hdr(r), 2), "c3") == 0,
       "npy without names: columns c1..c3");
    wc_stream_reader_close(r);
    free(v);
    wc_hdr_free(h);
}

/* A .npy image with the given dict and n data bytes from data. */
static void write_npy(const char *path, const char *dict, const void *data, size_t n)
{
    char pre[256];
    size_t len = strlen(dict), total = (10 + len + 1 + 63) / 64 * 64;
    memcpy(pre, "\x93NUMPY\x01\x00", 8);
    pre[8] = (char)((total - 10) & 0xff);
    pre[9] = (char)((total - 10) >> 8);
    memcpy(pre + 10, dict, len);
    memset(pre + 10 + len, ' ', total - 10 - len - 1);
    pre[total - 1] = '\n';
    FILE *f = fopen(path, "wb");
    fwrite(pre, 1, total, f);
    fwrite(data, 1, n, f);
    fclose(f);
}

static int npy_err(const char *path, const char *msg)
{
    wc_stream_reader *r = wc_stream_reader_open(path);
    double row[8];
    int rc = r ? 0 : -1;
    while (r && (rc = wc_stream_reader_next(r, row)) == 1) {}
    wc_stream_reader_close(r);
    return rc < 0 && strstr(wc_errmsg(), msg) != NULL;
}

static void test_npy_in(void)
{
    float f[6] = {1, 2, 3, 4, 5, 6.5f};
    write_npy(tpath("f4.npy"), "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", f, sizeof f);
    wc_stream_reader *r = wc_stream_reader_open(tpath("f4.npy"));
    double row[2] = {0, 0}, sum = 0;
    long rows = 0;
    while (r && wc_stream_reader_next(r, row) == 1) sum += row[0] + row[1], rows++;
    OK(r && rows == 3 && sum == 21.5 && wc_hdr_ncols(wc_stream_reader_hdr(r)) == 2, "npy float32 3 x 2 read as doubles");
    wc_stream_reader_close(r);
    double d[4] = {1, 2, 3, 4};
    write_npy(tpath("v.npy"), "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", d, sizeof d);
    r = wc_stream_reader_open(tpath("v.npy"));
    rows = 0;
    while (r && wc_stream_reader_next(r, row) == 1) rows++;
    OK(r && rows == 4 && wc_hdr_ncols(wc_stream_reader_hdr(r)) == 1, "1-D npy: one column");
    wc_stream_reader_close(r);
    write_npy(tpath("fo.npy"), "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", d, sizeof d);
    OK(npy_err(tpath("fo.npy"), "Fortran order"), "Fortran-order npy refused: %s", wc_errmsg());
    write_npy(tpath("c16.npy"), "{'descr': '<c16', 'fortran_order': False, 'shape': (1, 1), }", d, 16);
    OK(npy_err(tpath("c16.npy"), "npy dtype '<c16' is not supported ("), "complex npy: %s", wc_errmsg());
    write_npy(tpath("3d.npy"), "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 2), }", d, sizeof d);
    OK(npy_err(tpath("3d.npy"), "npy shape (1, 2, 2) is not 1-D or 2-D"), "3-D npy: %s", wc_errmsg());
    write_npy(tpath("tr.npy"), "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", d, sizeof d);
    OK(npy_err(tpath("tr.npy"), "truncated"), "npy shorter than its shape: %s", wc_errmsg());
    write_npy(tpath("st.npy"), "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }", d, 16);
    OK(npy_err(tpath("st.npy"), "structured"), "structured npy: %s", wc_errmsg());
    FILE *fp = fopen(tpath("short.npy"), "wb");
    fwrite("\x93NUMPY\x01\x00\x76\x00{'descr'", 1, 17, fp);
    fclose(fp);
    OK(npy_err(tpath("short.npy"), "npy header truncated"), "npy cut in its header: %s", wc_errmsg());
}

/* ---- writer failures ---- */

static void test_dev_full(void)
{
    wc_hdr *h = test_header();
    double *v = test_rows(10);
    const char *types = "tzbun";
    for (const char *t = types; *t; t++) {
        wc_stream_writer *w = wc_stream_writer_open("/dev/full", *t, h, NULL);
        int ok = w != NULL;
        for (int i = 0; w && i < 10; i++)
            wc_stream_writer_row(w, v + i * NC);
        int rc = wc_stream_writer_close(w);
        OK(ok && rc < 0 && strcmp(wc_errmsg(), "write error: No space left on device") == 0,
           "-O%c to /dev/full: close fails (%s)", *t, wc_errmsg());
    }
    /* and through stdout */
    int save = dup(1), fd = open("/dev/full", O_WRONLY);
    fflush(stdout);
    dup2(fd, 1);
    close(fd);
    int rc = write_rows("-", 't', h, v, 10, NULL);
    dup2(save, 1);
    close(save);
    OK(rc < 0 && strstr(wc_errmsg(), "No space left"), "stdout on /dev/full: %s", wc_errmsg());
    free(v);
    wc_hdr_free(h);
}

/* Outputs of many buffers go through the drain thread: the same bytes as ever, in order,
 * whatever the mix of single rows, blocks and explicit flushes; to files, through a pipe,
 * and failures (a full device behind zlib) reported at close. */
static void test_drain(void)
{
    enum { N = 150000 };   /* 3.6 MB binary, more as text: many 256 KiB buffers */
    wc_hdr *h = test_header();
    double *v = test_rows(N), *got = malloc((size_t)N * NC * sizeof *got);
    const char *types = "tzbu", *names[] = { "big.tsv", "big.tsv.gz", "big.wcb.gz", "big.wcb" };
    for (int k = 0; types[k]; k++) {
        OK(write_rows(tpath(names[k]), types[k], h, v, N, NULL) == 0, "-O%c: %d rows written", types[k], N);
        long m = read_rows(tpath(names[k]), NULL, got, N);
        size_t bad = 0;
        for (size_t i = 0; m == N && i < (size_t)N * NC; i++) bad += !same_value(v[i], got[i]);
        OK(m == N && bad == 0, "-O%c: %ld rows read back, %zu values differ", types[k], m, bad);
    }
    /* through a pipe, with a flush in the middle */
    int fd[2];
    if (pipe(fd) == 0) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            close(fd[0]);
            dup2(fd[1], 1);
            close(fd[1]);
            wc_stream_writer *w = wc_stream_writer_open("-", 'u', h, NULL);
            int rc = w ? 0 : -1;
            for (size_t i = 0; rc == 0 && i < N; i += 1000) {
                rc = wc_stream_writer_rows(w, v + i * NC, 1000);
                if (rc == 0 && i == N / 2) rc = wc_stream_writer_flush(w);
            }
            _exit(wc_stream_writer_close(w) == 0 && rc == 0 ? 0 : 3);
        }
        close(fd[1]);
        char path[64];
        snprintf(path, sizeof path, "/dev/fd/%d", fd[0]);
        long m = read_rows(path, NULL, got, N);
        close(fd[0]);
        int st;
        waitpid(pid, &st, 0);
        size_t bad = 0;
        for (size_t i = 0; m == N && i < (size_t)N * NC; i++) bad += !same_value(v[i], got[i]);
        OK(m == N && bad == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
           "-Ou through a pipe: %ld rows, %zu values differ, writer status %d", m, bad, st);
    }
    wc_stream_writer *w = wc_stream_writer_open("/dev/full", 'b', h, NULL);
    int rc = w ? wc_stream_writer_rows(w, v, N) : -1;   /* may already fail here, one buffer late */
    int rc_close = wc_stream_writer_close(w);
    OK(w && rc_close < 0 && strcmp(wc_errmsg(), "write error: No space left on device") == 0,
       "-Ob of %d rows to /dev/full: close fails (%s; rows: %d)", N, wc_errmsg(), rc);
    free(v);
    free(got);
    wc_hdr_free(h);
}

/* In a child: write to dir/out.tsv beyond RLIMIT_FSIZE; exit 0 if close reports it. */
static void child_fsize(const char *path)
{
    struct rlimit rl = { 4096, 4096 };
    signal(SIGXFSZ, SIG_IGN);
    setrlimit(RLIMIT_FSIZE, &rl);
    wc_hdr *h = test_header();
    double *v = test_rows(2000);
    int rc = write_rows(path, 't', h, v, 2000, NULL);
    free(v);
    wc_hdr_free(h);
    _exit(rc < 0 && strcmp(wc_errmsg(), "write error: File too large") == 0 ? 0 : 3);
}

/* In a child: the same beyond RLIMIT_FSIZE with an output of many buffers, so that the
 * failure happens in the writer's drain thread and reaches close. */
static void child_fsize_big(const char *path)
{
    struct rlimit rl = { 1 << 20, 1 << 20 };
    signal(SIGXFSZ, SIG_IGN);
    setrlimit(RLIMIT_FSIZE, &rl);
    wc_hdr *h = test_header();
    enum { N = 200000 };   /* 4.8 MB */
    double *v = test_rows(N);
    int rc = write_rows(path, 'u', h, v, N, NULL);
    free(v);
    wc_hdr_free(h);
    _exit(rc < 0 && strcmp(wc_errmsg(), "write error: File too large") == 0 ? 0 : 3);
}

/* In a child: write part of a file, then die as a tool would. */
static void child_die(const char *path)
{
    wc_hdr *h = test_header();
    double *v = test_rows(100);
    wc_stream_writer *w = wc_stream_writer_open(path, 'b', h, NULL);
    wc_stream_writer_rows(w, v, 100);
    free(v);
    wc_hdr_free(h);
    int fd = open("/dev/null", O_WRONLY);
    dup2(fd, 2);
    wc_die("simulated failure");
}

static int run_child(void (*fn)(const char *), const char *arg)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        fn(arg);
    int st;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Failures in child processes (forked before anything is allocated, for valgrind). */
static void test_children(void)
{
    char sub[256], out[300];
    snprintf(sub, sizeof sub, "%s/sub", tmpdir);
    mkdir(sub, 0700);
    snprintf(out, sizeof out, "%s/out.tsv", sub);
    write_text(out, "old\n");
    OK(run_child(child_fsize, out) == 0, "child: close reports 'File too large'");
    size_t n;
    char *s = read_file(out, &n);
    OK(count_entries(sub) == 1 && s && strcmp(s, "old\n") == 0, "failed write: old file intact, no temporary");
    free(s);
    OK(run_child(child_fsize_big, out) == 0, "child: a long output's close reports 'File too large' from the drain");
    s = read_file(out, &n);
    OK(count_entries(sub) == 1 && s && strcmp(s, "old\n") == 0, "failed long write: old file intact, no temporary");
    free(s);
    unlink(out);
    snprintf(out, sizeof out, "%s/out.wcb.gz", sub);
    OK(run_child(child_die, out) == 1, "child: wc_die exits 1");
    OK(count_entries(sub) == 0, "wc_die removed the temporary file");
}

static void test_no_leftovers(void)
{
    char sub[256], out[300];
    snprintf(sub, sizeof sub, "%s/sub2", tmpdir);
    mkdir(sub, 0700);
    snprintf(out, sizeof out, "%s/out.tsv", sub);
    mode_t old = umask(022);
    wc_hdr *h = test_header();
    double *v = test_rows(10);
    struct stat st;
    OK(write_rows(out, 't', h, v, 10, NULL) == 0 && count_entries(sub) == 1, "success: only out.tsv");
    int stat_ok = stat(out, &st) == 0;
    OK(stat_ok && (st.st_mode & 0777) == 0644, "mode 0666 & ~umask (%o)", (unsigned)(st.st_mode & 0777));
    umask(old);
    unlink(out);
    snprintf(out, sizeof out, "%s/nodir/out.tsv", sub);
    OK(wc_stream_writer_open(out, 't', h, NULL) == NULL
       && strcmp(wc_errmsg(), "cannot create: No such file or directory") == 0,
       "missing directory: %s", wc_errmsg());
    OK(count_entries(sub) == 0, "failed open leaves nothing");
    OK(wc_stream_writer_open(tpath("x"), 'q', h, NULL) == NULL, "unknown type: %s", wc_errmsg());
    wc_hdr *empty = wc_hdr_new();
    OK(wc_stream_writer_open(tpath("x"), 't', empty, NULL) == NULL, "no columns: %s", wc_errmsg());
    OK(wc_stream_writer_close(NULL) == 0, "close(NULL)");
    wc_hdr_free(empty);
    free(v);
    wc_hdr_free(h);
}

static void test_terminal(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0) {
        OK(1, "no pseudo-terminal here: binary-to-terminal check skipped");
        return;
    }
    int fd = open(ptsname(m), O_RDWR | O_NOCTTY), save = dup(1);
    fflush(stdout);
    dup2(fd, 1);
    wc_hdr *h = test_header();
    wc_stream_writer *w = wc_stream_writer_open(NULL, 'u', h, NULL);
    char msg[256];
    snprintf(msg, sizeof msg, "%s", wc_errmsg());
    dup2(save, 1);
    close(save);
    close(fd);
    close(m);
    OK(w == NULL && strcmp(msg, "not writing binary to a terminal (use -Ot)") == 0, "terminal: %s", msg);
    wc_hdr_free(h);
}

/* ---- speed (printed, not checked: sanitizers and valgrind are slow) ---- */

static void time_writer(int type, size_t nrows, int bulk)
{
    wc_hdr *h = test_header();
    double *v = malloc(nrows * NC * sizeof *v);
    for (size_t i = 0; i < nrows; i++) {
        v[i * NC] = (double)i * 0.01;
        v[i * NC + 1] = sin((double)i * 0.001) * 0.4 + 0.1;
        v[i * NC + 2] = cos((double)i * 0.0013) * 0.3 + 0.2;
    }
    double t0 = now();
    wc_stream_writer *w = wc_stream_writer_open("/dev/null", type, h, NULL);
    if (bulk)
        wc_stream_writer_rows(w, v, nrows);
    else
        for (size_t i = 0; i < nrows; i++)
            wc_stream_writer_row(w, v + i * NC);
    int rc = wc_stream_writer_close(w);
    double dt = now() - t0, mb = (double)nrows * NC * 8 / 1e6;
    printf("# writer -O%c %zu x %d %s to /dev/null: %.1f ms, %.0f MB/s of doubles, %.1f ns/number%s\n",
           type, nrows, NC, bulk ? "(rows)" : "(row)", dt * 1e3, mb / dt, dt * 1e9 / (double)(nrows * NC),
           rc ? " FAILED" : "");
    free(v);
    wc_hdr_free(h);
}

static void time_reader(int type, const char *name, size_t nrows)
{
    wc_hdr *h = test_header();
    double *v = test_rows(nrows), row[NC];
    write_rows(tpath(name), type, h, v, nrows, NULL);
    double t0 = now();
    wc_stream_reader *r = wc_stream_reader_open(tpath(name));
    while (r && wc_stream_reader_next(r, row) > 0)
        ;
    wc_stream_reader_close(r);
    double dt = now() - t0;
    printf("# reader -O%c %zu x %d: %.1f ms, %.0f ns/row\n", type, nrows, NC, dt * 1e3,
           dt * 1e9 / (double)nrows);
    free(v);
    wc_hdr_free(h);
}

int main(int argc, char **argv)
{
    size_t nperf = argc > 1 ? (size_t)atol(argv[1]) : 1000000;
    strcpy(tmpdir, "/tmp/test_stream.XXXXXX");
    if (!mkdtemp(tmpdir))
        return 1;
    test_hdr();
    test_otype();
    test_roundtrip('t', "rt.tsv");
    test_roundtrip('z', "rt.tsv.gz");
    test_roundtrip('b', "rt.wcb.gz");
    test_roundtrip('u', "rt.wcb");
    test_gzip_format('z', "rt.tsv.gz", "## wc-stream 1 tsv\n");
    test_gzip_format('b', "rt.wcb.gz", "## wc-stream 1 f64le\n");
    test_tsv_text();
    test_plain();
    test_stdin();
    test_errors_text();
    test_errors_big();
    test_errors_binary();
    test_npy();
    test_npy_in();
    test_dev_full();
    test_drain();
    test_children();
    test_no_leftovers();
    test_terminal();
    time_writer('u', nperf, 0);
    time_writer('u', nperf, 1);
    time_writer('t', nperf, 0);
    time_writer('b', nperf / 4, 1);
    time_reader('u', "speed.wcb", nperf);
    time_reader('t', "speed.tsv", nperf / 4);
    remove_tree(tmpdir);
    return tap_done();
}
