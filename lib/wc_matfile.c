/* wc_matfile.c — square matrices from and to text, wc-stream, .npy and msgpack files,
 * read from TVB zips and shipped connectomes too (see wckit/wc_matfile.h).
 *
 * Text and wc-streams go through the stream reader and writer, a zip member's text
 * through the reader of an in-memory file.  .npy and msgpack files
 * are read whole into memory (a connectome is small) and parsed there, so every length
 * in them is checked against the bytes actually present before anything is allocated
 * from it. */
#include "wckit/wc_matfile.h"
#include "wc_str_internal.h"
#include "wckit/wc_data.h"
#include "wckit/wc_err.h"
#include "wckit/wc_limits.h"
#include "wc_msgpack_internal.h"
#include "wc_npy_internal.h"
#include "wc_ofile_internal.h"
#include "wc_stream_internal.h"
#include "wc_tvbzip_internal.h"
#include "wckit/wc_num.h"
#include "wckit/wc_stream.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Largest .npy or msgpack file read into memory: the largest matrix plus 1 MiB. */
#define FILE_MAX ((size_t)wc_limit(WC_LIMIT_NODES) * (size_t)wc_limit(WC_LIMIT_NODES) * 8 + (1u << 20))
/* braintools / flax: the ext type of an array. */
#define MP_EXT_NDARRAY 1
/* How many key names an error message lists. */
#define KEYS_LISTED 12

static int check_values(const wc_matrix *m)
{
    for (size_t k = 0; k < m->n * m->n; k++)
        if (!isfinite(m->a[k]))
            return wc_seterr("entry (%zu, %zu) is not finite", k / m->n, k % m->n);
    return 0;
}

/* n x n elements at src (row-major, or column-major when fortran) into m. */
static int convert(wc_matrix *m, size_t n, const unsigned char *src, const wc_npy_dtype *t, int fortran)
{
    if (wc_matrix_alloc(m, n) < 0) return -1;
    for (size_t k = 0; k < n * n; k++) {
        size_t dst = fortran ? (k % n) * n + k / n : k;
        m->a[dst] = wc_npy_element(src + k * t->width, t);
    }
    return 0;
}

/* Up to size-1 bytes of s[0..n) for a message, with anything unprintable as '?' (the
 * text comes from a file that may hold anything, a newline included). */
static const char *printable(const void *s, size_t n, char *buf, size_t size)
{
    const unsigned char *p = s;
    size_t k;
    for (k = 0; k < n && k + 1 < size && p[k]; k++) buf[k] = p[k] >= 32 && p[k] < 127 ? (char)p[k] : '?';
    buf[k] = '\0';
    return buf;
}

/* ---- reading whole files ---- */

/* All of f into a malloc'ed buffer (one spare byte for a NUL). */
static int read_whole(FILE *f, unsigned char **buf, size_t *len)
{
    struct stat st;
    size_t cap = 1 << 16, n = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
        if ((uint64_t)st.st_size > FILE_MAX)
            return wc_seterr("file of %lld bytes is too large", (long long)st.st_size);
        cap = (size_t)st.st_size + 1;
    }
    unsigned char *b = malloc(cap + 1);
    if (!b) return wc_seterr("out of memory");
    for (;;) {
        n += fread(b + n, 1, cap - n, f);
        if (n < cap) break;
        if (cap >= FILE_MAX) {
            free(b);
            return wc_seterr("file larger than %zu bytes", (size_t)FILE_MAX);
        }
        cap = cap * 2 < FILE_MAX ? cap * 2 : FILE_MAX;
        unsigned char *nb = realloc(b, cap + 1);
        if (!nb) {
            free(b);
            return wc_seterr("out of memory");
        }
        b = nb;
    }
    if (ferror(f)) {
        free(b);
        return wc_seterr("read error: %s", strerror(errno));
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}

/* ---- text and wc-stream, through the stream reader ---- */

/* All rows of r (which this closes) as a square matrix.  The matrix grows with the rows
 * that come: a header that names many columns allocates nothing on its own. */
static int load_rows(wc_stream_reader *r, wc_matrix *m)
{
    if (!r) return -1;
    size_t n = wc_hdr_ncols(wc_stream_reader_hdr(r)), rows = 0, cap = 0;
    int rc = 0;
    double *row = NULL;
    if (n > (size_t)wc_limit(WC_LIMIT_NODES)) rc = wc_limit_refuse(WC_LIMIT_NODES, "matrix");
    else if (!(row = malloc(n * sizeof *row))) rc = wc_seterr("out of memory");
    while (rc == 0) {
        int got = wc_stream_reader_next(r, row);
        if (got < 0) rc = -1;
        if (got <= 0) break;
        if (rows < n && rows == cap) {
            size_t more = cap ? (2 * cap < n ? 2 * cap : n) : (n < 64 ? n : 64);
            double *a = realloc(m->a, more * n * sizeof *a);
            if (!a) rc = wc_seterr("out of memory for a %zu x %zu matrix", n, n);
            else m->a = a, cap = more;
        }
        if (rc == 0 && rows < n) memcpy(m->a + rows * n, row, n * sizeof *row);
        rows++;
    }
    free(row);
    wc_stream_reader_close(r);
    if (rc == 0 && rows == 0) rc = wc_seterr("empty matrix (no rows)");
    if (rc == 0 && rows != n) rc = wc_seterr("not square: %zu rows of %zu columns", rows, n);
    m->n = n;
    return rc;
}

static int load_table(const char *path, wc_matrix *m)
{
    return load_rows(wc_stream_reader_open(path), m);
}

/* A descriptor of an anonymous file holding buf[0..len), at its start. */
static int bytes_fd(const char *buf, size_t len)
{
    int fd = memfd_create("wckit-member", MFD_CLOEXEC);
    FILE *tmp = NULL;
    if (fd < 0 && (tmp = tmpfile())) {   /* no memfd: a deleted temporary file */
        fd = dup(fileno(tmp));
        fclose(tmp);
    }
    if (fd < 0) return wc_seterr("cannot make a temporary file: %s", strerror(errno));
    if (wc_write_all(fd, buf, len) < 0 || lseek(fd, 0, SEEK_SET) != 0) {
        int e = errno;
        close(fd);
        return wc_seterr("cannot write a temporary file: %s", strerror(e));
    }
    return fd;
}

/* Text (or a wc-stream) in memory, named name in messages. */
static int load_text(const char *buf, size_t len, const char *name, wc_matrix *m)
{
    int fd = bytes_fd(buf, len);
    if (fd < 0) return -1;
    if (load_rows(wc_stream_reader_open_fd(fd, name), m) < 0) return wc_seterr("%s: %s", name, wc_errmsg());
    return 0;
}

/* ---- NumPy .npy ---- */

static int load_npy(const unsigned char *buf, size_t len, wc_matrix *m)
{
    wc_npy_info info;
    size_t need = 0;
    int rc = wc_npy_parse(buf, len, &info, &need);
    if (rc == 1) return wc_seterr("npy header truncated");
    if (rc < 0) return -1;
    free(info.names);
    unsigned long long rows = info.shape[0], cols = info.shape[1];
    if (info.ndim != 2 || rows != cols) return wc_seterr("not square: npy shape (%llu, %llu)", rows, cols);
    if (rows > (unsigned long long)wc_limit(WC_LIMIT_NODES)) return wc_limit_refuse(WC_LIMIT_NODES, "npy shape");
    size_t have = len - info.data_off, need_bytes = (size_t)(rows * cols) * info.dtype->width;
    if (have < need_bytes) return wc_seterr("npy data truncated: %zu of %zu bytes", have, need_bytes);
    if (have > need_bytes) return wc_seterr("npy has data beyond its shape");
    return convert(m, (size_t)rows, buf + info.data_off, info.dtype, info.fortran);
}

/* ---- braintools msgpack ---- */

/* A map key (str or bin) equal to name[0..len). */
static int key_is(const wc_mp_obj *k, const char *name, size_t len)
{
    return (k->type == WC_MP_STR || k->type == WC_MP_BIN) && k->n == len && memcmp(k->data, name, len) == 0;
}

/* Append a key, printable and shortened, to a comma-separated list of bounded size. */
static void list_key(char *list, size_t size, const wc_mp_obj *k, size_t index)
{
    size_t len = strlen(list);
    if (index > KEYS_LISTED || len + 60 > size) return;
    if (index == KEYS_LISTED) {
        snprintf(list + len, size - len, ", ...");
        return;
    }
    char *o = list + len;
    if (index) o += sprintf(o, ", ");
    if (k->type != WC_MP_STR && k->type != WC_MP_BIN) {
        sprintf(o, "(a %s)", wc_mp_type_name(k->type));
        return;
    }
    printable(k->data, k->n, o, 41);
}

/* What map_scan found. */
typedef struct {
    size_t found;         /* matching entries */
    wc_mp_reader val;     /* at the value of the first */
    char name[48];        /* its key, printable */
    char keys[800];       /* the keys of the map, for messages */
} scan_result;

/* Walk the map at r (its head read: pairs) to its end, looking for the entries under
 * name[0..len), or with name NULL for the array values. */
static int map_scan(wc_mp_reader *r, uint64_t pairs, const char *name, size_t len, scan_result *s)
{
    s->found = 0;
    s->keys[0] = s->name[0] = '\0';
    for (uint64_t p = 0; p < pairs; p++) {
        wc_mp_obj k, v;
        wc_mp_reader at = *r;
        if (wc_mp_read(&at, &k) < 0 || wc_mp_skip(r) < 0) return -1;   /* k: the key's head; r: past it */
        list_key(s->keys, sizeof s->keys, &k, (size_t)p);
        at = *r;
        if (wc_mp_read(&at, &v) < 0) return -1;
        int match = name ? key_is(&k, name, len) : v.type == WC_MP_EXT && v.ext == MP_EXT_NDARRAY;
        if (match && s->found++ == 0) {
            s->val = *r;
            if (k.type == WC_MP_STR || k.type == WC_MP_BIN) printable(k.data, k.n, s->name, sizeof s->name);
        }
        if (wc_mp_skip(r) < 0) return -1;
    }
    return 0;
}

/* Decode the payload of an array ext: [shape, dtype name, bytes]. */
static int mp_array(const unsigned char *data, size_t len, wc_matrix *m)
{
    wc_mp_reader r;
    wc_mp_obj o, d, b;
    wc_mp_reader_init(&r, data, len);
    if (wc_mp_read(&r, &o) < 0 || o.type != WC_MP_ARRAY || o.n != 3)
        return wc_seterr("array value is not [shape, dtype, data]");
    if (wc_mp_read(&r, &o) < 0 || o.type != WC_MP_ARRAY) return wc_seterr("array shape is not a list");
    uint64_t dims[2] = {0, 0}, ndim = o.n;
    char shape[96] = "";
    for (uint64_t k = 0; k < ndim; k++) {
        wc_mp_obj e;
        if (wc_mp_read(&r, &e) < 0 || e.type != WC_MP_UINT)
            return wc_seterr("array shape holds a non-integer");
        if (k < 2) dims[k] = e.u;
        size_t sl = strlen(shape);
        if (sl < 60)
            snprintf(shape + sl, sizeof shape - sl, "%s%llu", k ? ", " : "", (unsigned long long)e.u);
    }
    if (ndim != 2) return wc_seterr("array of shape (%s) is not 2-D", shape);
    if (wc_mp_read(&r, &d) < 0 || (d.type != WC_MP_STR && d.type != WC_MP_BIN))
        return wc_seterr("array dtype is not a string");
    const wc_npy_dtype *t = wc_npy_dtype_find((const char *)d.data, d.n, 0);
    char name[41];
    if (!t)
        return wc_seterr("dtype '%s' is not supported (" WC_NPY_DTYPES ")",
                         printable(d.data, d.n, name, sizeof name));
    if (wc_mp_read(&r, &b) < 0 || (b.type != WC_MP_BIN && b.type != WC_MP_STR))
        return wc_seterr("array data is not a byte string");
    if (wc_mp_left(&r) != 0) return wc_seterr("array value has more than [shape, dtype, data]");
    if (dims[0] != dims[1]) return wc_seterr("not square: shape (%s)", shape);
    if (dims[0] > (uint64_t)wc_limit(WC_LIMIT_NODES)) return wc_limit_refuse(WC_LIMIT_NODES, "array shape");
    uint64_t need = dims[0] * dims[1] * t->width;
    if (b.n != need)
        return wc_seterr("shape (%s) of %s needs %llu bytes, the data has %llu", shape, t->name,
                         (unsigned long long)need, (unsigned long long)b.n);
    return convert(m, (size_t)dims[0], b.data, t, 0);
}

/* The object at r must be an array ext; decode it.  what names it in messages. */
static int mp_value(wc_mp_reader *r, const char *what, wc_matrix *m)
{
    wc_mp_obj v;
    if (wc_mp_read(r, &v) < 0) return -1;
    if (v.type == WC_MP_EXT && v.ext == MP_EXT_NDARRAY) {
        if (mp_array(v.data, v.n, m) < 0) return wc_seterr("%s: %s", what, wc_errmsg());
        return 0;
    }
    if (v.type == WC_MP_MAP)
        return wc_seterr("%s is a map (a dict or list), not an array: select an entry as %s/NAME", what,
                         what);
    if (v.type == WC_MP_EXT) return wc_seterr("%s is an ext value of type %d, not an array", what, v.ext);
    if (v.type == WC_MP_ARRAY)   /* a list of lists, say: not the ext value an array is */
        return wc_seterr("%s is a msgpack list, not an array (an ext value of type 1: [shape, dtype, bytes])", what);
    return wc_seterr("%s is a %s, not an array", what, wc_mp_type_name(v.type));
}

/* Follow a "A/B/C" key path through nested maps from the map at r (head not read). */
static int mp_path(wc_mp_reader *r, const char *key, wc_matrix *m)
{
    const char *seg = key;
    for (;;) {
        const char *slash = strchr(seg, '/');
        size_t len = slash ? (size_t)(slash - seg) : strlen(seg);
        int above = seg > key ? (int)(seg - key - 1) : 0;   /* the path before this segment */
        wc_mp_obj o;
        scan_result s;
        if (wc_mp_read(r, &o) < 0) return -1;
        if (o.type != WC_MP_MAP)
            return wc_seterr("key '%.*s' is a %s, not a map", above, key, wc_mp_type_name(o.type));
        if (map_scan(r, o.n, seg, len, &s) < 0) return -1;
        if (!s.found) {
            if (!above) return wc_seterr("no key '%.*s' (keys: %s)", (int)len, seg, s.keys);
            return wc_seterr("no key '%.*s' in '%.*s' (keys: %s)", (int)len, seg, above, key, s.keys);
        }
        *r = s.val;
        if (!slash) break;
        seg = slash + 1;
    }
    char what[300];
    snprintf(what, sizeof what, "key '%.200s'", key);
    return mp_value(r, what, m);
}

static int load_msgpack(const unsigned char *buf, size_t len, const char *key, wc_matrix *m)
{
    wc_mp_reader r;
    wc_mp_obj top;
    wc_mp_reader_init(&r, buf, len);
    if (wc_mp_read(&r, &top) < 0) return -1;
    if (top.type == WC_MP_EXT && top.ext == MP_EXT_NDARRAY) {   /* a bare array */
        if (key) return wc_seterr("no key '%s': the file holds one array, not a map", key);
        if (wc_mp_left(&r) != 0) return wc_seterr("data after the msgpack array");
        wc_mp_reader_init(&r, buf, len);
        return mp_value(&r, "the array", m);
    }
    if (top.type != WC_MP_MAP)
        return wc_seterr("not a map of arrays (its top object is %s %s)",
                         top.type == WC_MP_ARRAY ? "an" : "a", wc_mp_type_name(top.type));
    scan_result s;
    if (map_scan(&r, top.n, key, key ? strlen(key) : 0, &s) < 0) return -1;
    if (wc_mp_left(&r) != 0) return wc_seterr("data after the msgpack map");
    if (key && !s.found && strchr(key, '/')) {   /* no key with a '/' in it: a path into nested maps */
        wc_mp_reader_init(&r, buf, len);
        return mp_path(&r, key, m);
    }
    const char *keys = top.n ? s.keys : "none";
    if (key && !s.found) return wc_seterr("no key '%s' (keys: %s)", key, keys);
    if (!key && s.found == 0)
        return wc_seterr("no array (an ext value of type 1) in the map (keys: %s)", keys);
    if (!key && s.found != 1)
        return wc_seterr("%zu arrays in the map (keys: %s): choose one as FILE:KEY", s.found, keys);
    char what[300];
    snprintf(what, sizeof what, "key '%.200s'", key ? key : s.name);
    return mp_value(&s.val, what, m);
}

/* ---- recognising files ---- */

/* A first byte that starts a msgpack map or ext (never text: those are not ASCII). */
static int msgpack_start(unsigned char b)
{
    return (b >= 0x80 && b <= 0x8f) || b == 0xde || b == 0xdf   /* fixmap, map16, map32 */
           || (b >= 0xc7 && b <= 0xc9) || (b >= 0xd4 && b <= 0xd8);  /* ext8..32, fixext */
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* What a matrix path names. */
enum { SRC_FILE, SRC_ZIP, SRC_SET };
typedef struct {
    int kind;          /* a matrix file, a TVB zip, or a connectome directory (shipped or not) */
    char *file;        /* the file or directory, malloc'ed */
    char *shown;       /* the path without its key, as given: "hcp80", "z.zip" */
    const char *key;   /* what follows "FILE:" in the path, or NULL */
} source;

static void source_free(source *s)
{
    free(s->file);
    free(s->shown);
    s->file = s->shown = NULL;
}

/* The first bytes of a file (zeros when shorter). */
static size_t sniff(const char *file, unsigned char *magic, size_t n)
{
    memset(magic, 0, n);
    FILE *f = fopen(file, "rb");
    if (!f) return 0;
    size_t got = fread(magic, 1, n, f);
    fclose(f);
    return got;
}

/* The file (or directory) and key named by path: the whole path when it exists, else
 * FILE:KEY when FILE exists; else, for a name without '/', the shipped data of that name
 * (wc_data_find) as NAME or NAME:KEY. */
static int resolve(const char *path, source *s)
{
    const char *colon = strrchr(path, ':');
    size_t flen = strlen(path);
    if (!exists(path) && colon && colon > path && colon[1]) flen = (size_t)(colon - path);
    *s = (source){.kind = SRC_FILE, .key = path[flen] ? path + flen + 1 : NULL, .shown = strndup(path, flen)};
    if (s->shown && exists(s->shown)) {
        s->file = strdup(s->shown);
    } else if (!s->shown || strchr(s->shown, '/') || !(s->file = wc_data_find(s->shown))) {
        free(s->shown);   /* nothing of that name: the whole path, to fail as "cannot open" */
        *s = (source){.kind = SRC_FILE, .shown = strdup(path), .file = strdup(path)};
    }
    if (!s->shown || !s->file) {
        source_free(s);
        return wc_seterr("out of memory");
    }
    unsigned char magic[4];
    if (is_dir(s->file)) s->kind = SRC_SET;
    else if (wc_tvbzip_magic(magic, sniff(s->file, magic, sizeof magic))) s->kind = SRC_ZIP;
    return 0;
}

/* ---- connectome directories: KEY.tsv.gz (or .tsv .txt .npy) and regions.tsv ---- */

static const char *const SET_EXT[] = {".tsv.gz", ".tsv", ".txt", ".npy", ".wcb", ".wcb.gz"};

/* The matrices of a directory, for messages: "Cmat, Dmat, FC". */
static void set_list(const char *dir, char *list, size_t size)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    list[0] = '\0';
    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name), len = strlen(list);
        for (size_t k = 0; k < sizeof SET_EXT / sizeof *SET_EXT; k++)
            if (wc_ends_with(e->d_name, n, SET_EXT[k]) && strcmp(e->d_name, "regions.tsv") != 0 && len + n + 3 < size) {
                snprintf(list + len, size - len, "%s%.*s", len ? ", " : "", (int)(n - strlen(SET_EXT[k])), e->d_name);
                break;
            }
    }
    if (d) closedir(d);
}

/* The file of matrix key in directory dir (malloc'ed), or NULL: none (error set). */
static char *set_member(const char *dir, const char *shown, const char *key)
{
    char path[4096], list[400];
    if (!strchr(key, '/'))
        for (size_t k = 0; k < sizeof SET_EXT / sizeof *SET_EXT; k++) {
            snprintf(path, sizeof path, "%s/%s%s", dir, key, SET_EXT[k]);
            if (exists(path)) return strdup(path);
        }
    set_list(dir, list, sizeof list);
    wc_seterr("no matrix '%s' in %s (it has: %s)", key, shown, *list ? list : "none");
    return NULL;
}

static int load_set(const source *s, wc_matrix *m);
static int load_zip(const char *zip, const char *key, wc_matrix *m);

/* A named file: sniff its first bytes, then read it the way they say. */
static int load_file(const char *file, const char *key, wc_matrix *m)
{
    FILE *f = fopen(file, "rb");
    if (!f) return wc_seterr("cannot open: %s", strerror(errno));
    unsigned char magic[6] = {0};
    size_t got = fread(magic, 1, sizeof magic, f);
    int npy = got == 6 && memcmp(magic, "\x93NUMPY", 6) == 0;
    int mp = got > 0 && (msgpack_start(magic[0]) || wc_ends_with(file, strlen(file), ".msgpack"));
    int rc;
    if (!npy && !mp) {
        fclose(f);
        if (key && got > 0)
            return wc_seterr("':%s' selects an array of a msgpack file, and this is not one", key);
        return load_table(file, m);
    }
    unsigned char *buf = NULL;
    size_t len = 0;
    rewind(f);
    rc = read_whole(f, &buf, &len);
    fclose(f);
    if (rc == 0 && npy && key)
        rc = wc_seterr("':%s' selects an array of a msgpack file, and this is a .npy", key);
    if (rc == 0) rc = npy ? load_npy(buf, len, m) : load_msgpack(buf, len, key, m);
    free(buf);
    return rc;
}

static int load_set(const source *s, wc_matrix *m)
{
    char *file = set_member(s->file, s->shown, s->key ? s->key : "Cmat");
    if (!file) return -1;
    int rc = load_file(file, NULL, m);
    free(file);
    return rc;
}

/* ---- TVB zips ---- */

static int load_zip(const char *zip, const char *key, wc_matrix *m)
{
    char *buf, member[256];
    size_t len;
    if (wc_tvbzip_read(zip, key ? key : "weights", &buf, &len, member, sizeof member) != 0) return -1;
    int rc = load_text(buf, len, member, m);
    free(buf);
    return rc;
}

int wc_matfile_load(const char *path, wc_matrix *m)
{
    memset(m, 0, sizeof *m);
    int rc;
    if (!path || strcmp(path, "-") == 0) {
        rc = load_table(NULL, m);
    } else {
        source s;
        rc = resolve(path, &s);
        if (rc == 0) {
            if (s.kind == SRC_SET) rc = load_set(&s, m);
            else if (s.kind == SRC_ZIP) rc = load_zip(s.file, s.key, m);
            else rc = load_file(s.file, s.key, m);
        }
        source_free(&s);
    }
    if (rc == 0 && m->n == 0) rc = wc_seterr("empty matrix");
    if (rc == 0) rc = check_values(m);
    if (rc < 0) wc_matrix_free(m);
    return rc;
}

/* ---- what goes with a connectome: its lengths, its region labels ---- */

/* The key of the lengths that come with the weights s names (NULL: none); -1 for a bad zip. */
static int lengths_key(const source *s, const char **key)
{
    *key = NULL;
    if (s->kind == SRC_ZIP && (!s->key || strcmp(s->key, "weights") == 0 || strcmp(s->key, "weights.txt") == 0)) {
        char *buf, member[256];
        size_t len;
        int rc = wc_tvbzip_read(s->file, "tract_lengths", &buf, &len, member, sizeof member);
        if (rc < 0) return -1;
        if (rc == 0) *key = "tract_lengths";
        if (rc == 0) free(buf);
    } else if (s->kind == SRC_SET && (!s->key || strcmp(s->key, "Cmat") == 0)) {
        char *file = set_member(s->file, s->shown, "Dmat");
        if (file) *key = "Dmat";
        free(file);
    }
    return 0;
}

int wc_matfile_lengths_source(const char *path, char **lengths)
{
    *lengths = NULL;
    if (!path || strcmp(path, "-") == 0) return 0;
    source s;
    const char *key;
    if (resolve(path, &s) < 0) return -1;
    int rc = lengths_key(&s, &key);
    if (rc == 0 && key && asprintf(lengths, "%s:%s", s.shown, key) < 0) {
        *lengths = NULL;
        rc = wc_seterr("out of memory");
    }
    source_free(&s);
    return rc;
}

void wc_matfile_labels_free(char **labels, size_t n)
{
    for (size_t i = 0; labels && i < n; i++) free(labels[i]);
    free(labels);
}

/* Field col (0-based, blank-separated) of a line [p, end), or NULL when it has fewer. */
static char *field_at(const char *p, const char *end, size_t col)
{
    for (size_t c = 0;; c++) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
        const char *q = p;
        while (q < end && *q != ' ' && *q != '\t' && *q != '\r') q++;
        if (q == p) return NULL;
        if (c == col) return strndup(p, (size_t)(q - p));
        p = q;
    }
}

/* The column of labels in a first line that names its columns ("name" or "label"), else
 * -1.  One pass over the line (a field_at per column was quadratic: a line of 10^5 fields
 * took half a minute). */
static long label_column(const char *p, const char *end)
{
    for (long c = 0;; c++) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
        const char *q = p;
        while (q < end && *q != ' ' && *q != '\t' && *q != '\r') q++;
        size_t n = (size_t)(q - p);
        if (n == 0) return -1;
        if ((n == 4 && memcmp(p, "name", 4) == 0) || (n == 5 && memcmp(p, "label", 5) == 0)) return c;
        p = q;
    }
}

/* Append label f to v[0..*n) (capacity *cap); frees f on failure. */
static int push_label(char ***v, long *n, long *cap, char *f)
{
    if (*n == *cap) {
        char **g = realloc(*v, (size_t)(*cap = *cap ? 2 * *cap : 64) * sizeof **v);
        if (!g) {
            free(f);
            return wc_seterr("out of memory");
        }
        *v = g;
    }
    (*v)[(*n)++] = f;
    return 0;
}

/* Labels from text: the first field of each line (TVB's centres.txt: "label x y z"), or
 * the "name" (or "label") column of a table whose first line names its columns.  Blank
 * and '#' lines are skipped. */
static long parse_labels(const char *text, size_t len, const char *name, char ***labels)
{
    const char *p = text, *end = text + len, *eol;
    long col = -1, n = 0, cap = 0, line = 0;
    char **v = NULL, *f;
    int rc = 0;
    const char *nul = memchr(text, '\0', len);
    if (nul) {   /* a label would end there, empty or cut short */
        for (p = text; (eol = memchr(p, '\n', (size_t)(nul - p))); p = eol + 1) line++;
        return wc_seterr("%s: line %ld: NUL byte in text (not a table of labels?)", name, line + 1);
    }
    for (; rc == 0 && p < end; p = eol + 1) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        eol = nl ? nl : end;
        line++;
        if (*p == '#' || !(f = field_at(p, eol, 0))) continue;   /* blank or comment */
        free(f);
        if (col < 0 && (col = label_column(p, eol)) >= 0) continue;   /* the first line names the columns */
        col = col < 0 ? 0 : col;
        if (!(f = field_at(p, eol, (size_t)col)))
            rc = wc_seterr("%s: line %ld has no field %ld (the label)", name, line, col + 1);
        else
            rc = push_label(&v, &n, &cap, f);
    }
    if (rc < 0) {
        wc_matfile_labels_free(v, (size_t)n);
        return -1;
    }
    *labels = v;
    return n;
}

long wc_matfile_labels(const char *path, char ***labels)
{
    *labels = NULL;
    if (!path || strcmp(path, "-") == 0) return 0;
    source s;
    if (resolve(path, &s) < 0) return -1;
    char *buf = NULL, member[256] = "regions.tsv";
    size_t len = 0;
    long n = 0;
    if (s.kind == SRC_ZIP) {
        int rc = wc_tvbzip_read(s.file, "centres", &buf, &len, member, sizeof member);
        if (rc < 0) n = -1;
    } else if (s.kind == SRC_SET) {
        char file[4096];
        snprintf(file, sizeof file, "%s/regions.tsv", s.file);
        FILE *f = fopen(file, "rb");
        if (f) {
            n = read_whole(f, (unsigned char **)&buf, &len);
            fclose(f);
        }
    }
    if (n == 0 && buf) n = parse_labels(buf, len, member, labels);
    free(buf);
    source_free(&s);
    return n;
}

/* ==== writing ==== */

static const char *const FORMAT_NAMES[] = {"auto", "text", "csv", "npy", "msgpack", "stream"};

int wc_matfile_format_parse(const char *name)
{
    if (strcmp(name, "tsv") == 0 || strcmp(name, "txt") == 0) return WC_MAT_TEXT;
    for (int k = WC_MAT_TEXT; k <= WC_MAT_STREAM; k++)
        if (strcmp(name, FORMAT_NAMES[k]) == 0) return k;
    return -1;
}

const char *wc_matfile_format_name(int format)
{
    return format >= WC_MAT_AUTO && format <= WC_MAT_STREAM ? FORMAT_NAMES[format] : "?";
}

/* Length of the file part of an output name: "x.msgpack:KEY" -> strlen("x.msgpack"). */
static size_t out_file_len(const char *path)
{
    const char *colon = strrchr(path, ':');
    size_t n = strlen(path);
    if (colon && colon[1] && wc_ends_with(path, (size_t)(colon - path), ".msgpack"))
        return (size_t)(colon - path);
    return n;
}

int wc_matfile_format_from_path(const char *path)
{
    static const struct { const char *ext; int format; } map[] = {
        {".wcb.gz", WC_MAT_STREAM}, {".tsv.gz", WC_MAT_STREAM}, {".wcb", WC_MAT_STREAM},
        {".tsv", WC_MAT_TEXT},      {".txt", WC_MAT_TEXT},      {".csv", WC_MAT_CSV},
        {".npy", WC_MAT_NPY},       {".msgpack", WC_MAT_MSGPACK},
    };
    size_t n = path ? out_file_len(path) : 0;
    for (size_t k = 0; k < sizeof map / sizeof *map; k++)
        if (wc_ends_with(path, n, map[k].ext)) return map[k].format;
    return -1;
}

/* A header of n columns c1..cN, with the key lines of base (may be NULL). */
static wc_hdr *matrix_hdr(const wc_hdr *base, size_t n)
{
    wc_hdr *h = base ? wc_hdr_dup(base) : wc_hdr_new();
    if (!h) return NULL;
    wc_hdr_set_cols(h, 0, NULL);
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "c%zu", i + 1);
        if (wc_hdr_add_col(h, name) < 0) {
            wc_hdr_free(h);
            return NULL;
        }
    }
    return h;
}

/* Open a writer for path with a header of m->n columns. */
static wc_stream_writer *open_writer(const char *path, int otype, const wc_hdr *base, size_t n, const wc_stream_wopts *wo)
{
    wc_hdr *h = matrix_hdr(base, n);
    if (!h) {
        wc_seterr("out of memory");
        return NULL;
    }
    wc_stream_writer *w = wc_stream_writer_open(path, otype, h, wo);
    wc_hdr_free(h);
    return w;
}

/* Text rows separated by sep, through a TSV writer without a header.  Everything that
 * can fail besides the writes happens before the writer opens: wc_stream_writer_close renames
 * the temporary file into place unless a write failed. */
static int save_text(const char *path, const wc_matrix *m, int sep, int precision)
{
    char *line = malloc(m->n * (WC_NUM_BUFSZ + 1) + 1);
    if (!line) return wc_seterr("out of memory");
    wc_stream_wopts wo = {.no_header = 1, .precision = precision};
    wc_stream_writer *w = open_writer(path, WC_OUT_TSV, NULL, m->n, &wo);
    for (size_t i = 0; w && i < m->n; i++) {
        size_t len = 0;
        for (size_t j = 0; j < m->n; j++) {
            double x = m->a[i * m->n + j];
            len += wc_num_fmt(line + len, x, precision);
            line[len++] = j + 1 < m->n ? (char)sep : '\n';
        }
        if (wc_stream_writer_text(w, line, len) < 0) break;
    }
    free(line);
    return w ? wc_stream_writer_close(w) : -1;
}

static int save_npy(const char *path, const wc_matrix *m)
{
    wc_stream_wopts wo = {.no_header = 1};   /* no column names: a matrix has none */
    wc_stream_writer *w = open_writer(path, WC_OUT_NPY, NULL, m->n, &wo);
    if (!w) return -1;
    wc_stream_writer_rows(w, m->a, m->n);
    return wc_stream_writer_close(w);   /* reports a failed write, and removes the temporary file */
}

static int save_stream(const char *path, const wc_matrix *m, const wc_matfile_opts *o)
{
    int otype = o->otype ? o->otype : wc_stream_otype_from_path(path);
    if (otype != WC_OUT_TSV && otype != WC_OUT_TSVGZ && otype != WC_OUT_BINGZ && otype != WC_OUT_BIN)
        otype = o->otype ? -1 : WC_OUT_TSV;
    if (otype < 0) return wc_seterr("a wc-stream is written as t, z, b or u (not '%c')", o->otype);
    wc_hdr *h = matrix_hdr(o->hdr, m->n);
    if (!h || wc_hdr_set(h, "nrows", "%zu", m->n) < 0) {   /* readers then notice a truncated file */
        wc_hdr_free(h);
        return wc_seterr("out of memory");
    }
    wc_stream_wopts wo = {.precision = o->precision};
    wc_stream_writer *w = wc_stream_writer_open(path, otype, h, &wo);
    wc_hdr_free(h);
    if (!w) return -1;
    wc_stream_writer_rows(w, m->a, m->n);
    return wc_stream_writer_close(w);
}

/* m as one braintools array value: ext 1 around [[n, n], "float64", bytes]. */
static void mp_put_matrix(wc_mp_writer *out, const wc_matrix *m)
{
    size_t count = m->n * m->n;
    unsigned char *raw = malloc(count * 8 + 1);
    if (!raw) {
        out->failed = 1;
        return;
    }
    for (size_t k = 0; k < count; k++) {   /* little-endian on the wire */
        uint64_t u;
        memcpy(&u, &m->a[k], 8);
        for (int i = 0; i < 8; i++) raw[8 * k + i] = (unsigned char)(u >> (8 * i));
    }
    wc_mp_writer in;
    wc_mp_writer_init(&in);
    wc_mp_put_array(&in, 3);
    wc_mp_put_array(&in, 2);
    wc_mp_put_uint(&in, m->n);
    wc_mp_put_uint(&in, m->n);
    wc_mp_put_str(&in, "float64", 7);
    wc_mp_put_bin(&in, raw, count * 8);
    free(raw);
    wc_mp_put_ext_head(out, MP_EXT_NDARRAY, in.len);
    wc_mp_put_raw(out, in.buf, in.len);
    out->failed |= in.failed;
    wc_mp_writer_free(&in);
}

/* The map to write: the existing file's entries but key (whose value becomes m), in
 * their order, with key appended when new. */
static int mp_merge(wc_mp_writer *out, const char *file, const char *key, const wc_matrix *m)
{
    FILE *f = fopen(file, "rb");
    unsigned char *buf = NULL;
    size_t len = 0;
    if (!f) return wc_seterr("cannot read the existing file: %s", strerror(errno));
    int rc = read_whole(f, &buf, &len);
    fclose(f);
    if (rc < 0) return -1;
    wc_mp_reader r;
    wc_mp_obj top;
    wc_mp_reader_init(&r, buf, len);
    const unsigned char *start = NULL;
    if (wc_mp_read(&r, &top) < 0 || top.type != WC_MP_MAP) {
        free(buf);
        return wc_seterr("exists and is not a msgpack map (remove it, or write elsewhere)");
    }
    size_t klen = strlen(key), seen = 0;
    wc_mp_writer body;
    wc_mp_writer_init(&body);
    for (uint64_t p = 0; rc == 0 && p < top.n; p++) {
        wc_mp_obj k;
        start = r.p;
        wc_mp_reader at = r;
        if (wc_mp_read(&at, &k) < 0 || wc_mp_skip(&r) < 0 || wc_mp_skip(&r) < 0) {
            rc = wc_seterr("exists and is not a valid msgpack map (%s)", wc_errmsg());
            break;
        }
        if (!key_is(&k, key, klen)) {
            wc_mp_put_raw(&body, start, (size_t)(r.p - start));
        } else if (seen++ == 0) {
            wc_mp_put_str(&body, key, klen);
            mp_put_matrix(&body, m);
        }
    }
    if (rc == 0 && wc_mp_left(&r) != 0) rc = wc_seterr("exists and has data after its msgpack map");
    if (rc == 0) {
        if (!seen) {
            wc_mp_put_str(&body, key, klen);
            mp_put_matrix(&body, m);
        }
        wc_mp_put_map(out, top.n - seen + 1);   /* duplicates of key are dropped */
        wc_mp_put_raw(out, body.buf, body.len);
        out->failed |= body.failed;
    }
    wc_mp_writer_free(&body);
    free(buf);
    return rc;
}

static int save_msgpack(const char *path, const wc_matrix *m, const wc_matfile_opts *o)
{
    int to_stdout = !path || strcmp(path, "-") == 0;
    size_t flen = to_stdout ? 0 : out_file_len(path);
    const char *key = !to_stdout && path[flen] == ':' ? path + flen + 1 : o->key ? o->key : "Cmat";
    char *file = to_stdout ? NULL : strndup(path, flen);
    if (!to_stdout && !file) return wc_seterr("out of memory");
    if (to_stdout && isatty(STDOUT_FILENO))
        return wc_seterr("not writing binary to a terminal (use -F text)");
    struct stat st;
    wc_mp_writer out;
    wc_mp_writer_init(&out);
    int rc = 0;
    if (file && stat(file, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        rc = mp_merge(&out, file, key, m);
    } else {
        wc_mp_put_map(&out, 1);
        wc_mp_put_str(&out, key, strlen(key));
        mp_put_matrix(&out, m);
    }
    if (rc == 0) rc = wc_mp_writer_ok(&out);
    wc_ofile f;
    if (rc == 0 && (rc = wc_ofile_open(&f, file)) == 0) {
        if (wc_write_all(f.fd, out.buf, out.len) < 0) {
            rc = wc_seterr("write error: %s", strerror(errno));
            wc_ofile_abort(&f);
        } else {
            rc = wc_ofile_commit(&f);
        }
    }
    wc_mp_writer_free(&out);
    free(file);
    return rc;
}

int wc_matfile_save(const char *path, int format, const wc_matrix *m, const wc_matfile_opts *o)
{
    static const wc_matfile_opts defaults = {0};
    o = o ? o : &defaults;
    if (format == WC_MAT_AUTO && (format = wc_matfile_format_from_path(path)) < 0)
        return wc_seterr("cannot tell the format from the name "
                         "(.txt .tsv .csv .npy .msgpack .wcb .wcb.gz .tsv.gz)");
    if (m->n == 0) return wc_seterr("empty matrix");
    switch (format) {
    case WC_MAT_TEXT: return save_text(path, m, '\t', o->precision);
    case WC_MAT_CSV: return save_text(path, m, ',', o->precision);
    case WC_MAT_NPY: return save_npy(path, m);
    case WC_MAT_MSGPACK: return save_msgpack(path, m, o);
    case WC_MAT_STREAM: return save_stream(path, m, o);
    }
    return wc_seterr("unknown matrix format %d", format);
}
