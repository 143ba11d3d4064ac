/* wc_tvbzip.c — members of TVB connectivity zips through libzip, bzip2 members through
 * libbz2 (see wc_tvbzip_internal.h).
 *
 * libzip is loaded with dlopen when the first zip is read, not linked: it brings
 * libcrypto with it, whose loading and relocation cost every wckit process about 3 ms at
 * start-up (wc-fc on 80 x 60000 samples took 20 % longer), zips or not.  Z holds the
 * functions used, found once (pthread_once); WC_LIBZIP_SONAME comes from the build. */
#include "wc_tvbzip_internal.h"
#include "wc_str_internal.h"
#include "wckit/wc_err.h"

#include <bzlib.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#ifndef WC_LIBZIP_SONAME
#define WC_LIBZIP_SONAME "libzip.so.4"
#endif

#define ZIP_FUNCS(X)                                                                          \
    X(zip_discard) X(zip_error_fini) X(zip_error_init_with_code) X(zip_error_strerror)        \
    X(zip_fclose) X(zip_file_strerror) X(zip_fopen_index) X(zip_fread) X(zip_get_name)       \
    X(zip_get_num_entries) X(zip_open) X(zip_stat_index) X(zip_stat_init) X(zip_strerror)

static struct {
#define ZIP_MEMBER(f) __typeof__(f) *f;
    ZIP_FUNCS(ZIP_MEMBER)
} Z;
static pthread_once_t z_once = PTHREAD_ONCE_INIT;
static char z_error[256];

static void load_libzip(void)
{
    void *h = dlopen(WC_LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(z_error, sizeof z_error, "cannot load libzip to read zips (%s)", dlerror());
        return;
    }
#define ZIP_LOAD(f)                                                                            \
    if (!(*(void **)&Z.f = dlsym(h, #f))) {                                                    \
        snprintf(z_error, sizeof z_error, "cannot load libzip to read zips (no %s in " WC_LIBZIP_SONAME ")", #f); \
        return;                                                                                \
    }
    ZIP_FUNCS(ZIP_LOAD)
}

/* libzip's functions in Z, or -1 with the reason. */
static int need_libzip(void)
{
    pthread_once(&z_once, load_libzip);
    return z_error[0] ? wc_seterr("%s", z_error) : 0;
}

/* Largest member, decompressed: text of a large connectome, not a zip bomb. */
#define MEMBER_MAX ((size_t)1 << 30)
/* How many member names an error message lists. */
#define NAMES_LISTED 8

int wc_tvbzip_magic(const unsigned char *b, size_t n)
{
    return n >= 4 && b[0] == 'P' && b[1] == 'K' && ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6));
}

/* Does the member name (folders, then STEM[.txt][.bz2]) match key[0..klen)?  *bz: .bz2. */
static int member_is(const char *name, const char *key, size_t klen, int *bz)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    size_t n = strlen(base);
    if ((*bz = wc_ends_with(base, n, ".bz2"))) n -= 4;
    if (wc_ends_with(base, n, ".txt")) n -= 4;
    return n == klen && strncmp(base, key, klen) == 0;
}

static void list_name(char *list, size_t size, const char *name, zip_int64_t index)
{
    size_t len = strlen(list);
    if (index > NAMES_LISTED || len + 70 > size) return;
    snprintf(list + len, size - len, index == NAMES_LISTED ? ", ..." : index ? ", %.60s" : "%.60s", name);
}

/* Index of the member for key; -2 when there is none, -1 when there are two (error set). */
static zip_int64_t find_member(zip_t *za, const char *key, int *bz)
{
    size_t klen = strlen(key);
    if (wc_ends_with(key, klen, ".txt")) klen -= 4;
    zip_int64_t n = Z.zip_get_num_entries(za, 0), found = -1;
    char names[800] = "";
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = Z.zip_get_name(za, (zip_uint64_t)i, 0);
        int b;
        if (!name) continue;
        list_name(names, sizeof names, name, i);
        if (!member_is(name, key, klen, &b) || name[strlen(name) - 1] == '/') continue;
        if (found >= 0)
            return wc_seterr("two members for '%.*s': %s and %s", (int)klen, key,
                             Z.zip_get_name(za, (zip_uint64_t)found, 0), name), -1;
        found = i;
        *bz = b;
    }
    if (found >= 0) return found;
    wc_seterr("no member %.*s.txt (nor %.*s.txt.bz2) in the zip (members: %s)", (int)klen, key, (int)klen, key,
              n ? names : "none");
    return -2;
}

/* The raw bytes of member index (as stored, after zip's own decompression).  The size
 * the zip states is a claim: the buffer grows with the bytes that do come, so a few
 * bytes claiming a gigabyte cost no gigabyte. */
static int read_member(zip_t *za, zip_int64_t index, const char *name, char **buf, size_t *len)
{
    zip_stat_t st;
    Z.zip_stat_init(&st);
    if (Z.zip_stat_index(za, (zip_uint64_t)index, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
        return wc_seterr("%s: %s", name, Z.zip_strerror(za));
    if (st.size > MEMBER_MAX) return wc_seterr("%s: %llu bytes is too large", name, (unsigned long long)st.size);
    zip_file_t *zf = Z.zip_fopen_index(za, (zip_uint64_t)index, 0);
    if (!zf) return wc_seterr("%s: %s", name, Z.zip_strerror(za));
    size_t size = (size_t)st.size, cap = size < (1u << 16) ? size : (1u << 16), used = 0;
    char *b = malloc(cap + 1);
    int rc = b ? 0 : wc_seterr("out of memory");
    while (rc == 0 && used < size) {
        if (used == cap) {
            char *g = realloc(b, (cap = cap * 2 < size ? cap * 2 : size) + 1);
            if (!g) {
                rc = wc_seterr("out of memory");
                break;
            }
            b = g;
        }
        zip_int64_t got = Z.zip_fread(zf, b + used, cap - used);
        if (got < 0) rc = wc_seterr("%s: %s", name, Z.zip_file_strerror(zf));
        else if (got == 0) rc = wc_seterr("%s: %s", name, "shorter than the zip says");
        else used += (size_t)got;
    }
    Z.zip_fclose(zf);
    if (rc < 0) {
        free(b);
        return -1;
    }
    b[size] = '\0';
    *buf = b;
    *len = size;
    return 0;
}

static const char *bz_problem(int rc)
{
    switch (rc) {
    case BZ_DATA_ERROR: return "bzip2 data corrupt";
    case BZ_DATA_ERROR_MAGIC: return "not bzip2 data";
    case BZ_MEM_ERROR: return "out of memory";
    default: return "bzip2 error";
    }
}

/* Decompress src[0..n) (one or more bzip2 streams) into *out. */
static int bunzip(const char *src, size_t n, const char *name, char **out, size_t *outlen)
{
    size_t cap = n * 4 + 4096, used = 0;
    char *o = malloc(cap + 1);
    if (!o) return wc_seterr("out of memory");
    bz_stream s;
    int rc = BZ_STREAM_END;
    while (rc == BZ_STREAM_END && n > 0) {   /* a stream at a time */
        memset(&s, 0, sizeof s);
        if (BZ2_bzDecompressInit(&s, 0, 0) != BZ_OK) break;
        s.next_in = (char *)src;
        s.avail_in = n > UINT32_MAX ? UINT32_MAX : (unsigned)n;
        do {
            if (used == cap) {
                char *g = cap >= MEMBER_MAX ? NULL : realloc(o, (cap = cap * 2 < MEMBER_MAX ? cap * 2 : MEMBER_MAX) + 1);
                if (!g) {
                    rc = BZ_MEM_ERROR;
                    break;
                }
                o = g;
            }
            s.next_out = o + used;
            s.avail_out = (unsigned)(cap - used);
            rc = BZ2_bzDecompress(&s);
            used = cap - s.avail_out;
        } while (rc == BZ_OK && (s.avail_in > 0 || s.avail_out == 0));
        if (rc == BZ_OK) rc = BZ_UNEXPECTED_EOF;
        src += n - s.avail_in;
        n = s.avail_in;
        BZ2_bzDecompressEnd(&s);
    }
    if (rc != BZ_STREAM_END) {
        free(o);
        if (used == cap && cap >= MEMBER_MAX) return wc_seterr("%s: more than %zu bytes decompressed", name, MEMBER_MAX);
        return wc_seterr("%s: %s", name, rc == BZ_UNEXPECTED_EOF ? "bzip2 data truncated" : bz_problem(rc));
    }
    o[used] = '\0';
    *out = o;
    *outlen = used;
    return 0;
}

static int open_zip(const char *path, zip_t **za)
{
    int err = 0;
    if ((*za = Z.zip_open(path, ZIP_RDONLY, &err))) return 0;
    zip_error_t ze;
    Z.zip_error_init_with_code(&ze, err);
    wc_seterr("not a readable zip archive (%s)", Z.zip_error_strerror(&ze));
    Z.zip_error_fini(&ze);
    return -1;
}

int wc_tvbzip_read(const char *zip, const char *key, char **buf, size_t *len, char *member, size_t msize)
{
    zip_t *za;
    if (need_libzip() < 0 || open_zip(zip, &za) < 0) return -1;
    int bz = 0, rc;
    zip_int64_t index = find_member(za, key, &bz);
    if (index < 0) {
        rc = index == -2 ? 1 : -1;
    } else {
        snprintf(member, msize, "%s", Z.zip_get_name(za, (zip_uint64_t)index, 0));
        rc = read_member(za, index, member, buf, len);
        if (rc == 0 && bz) {
            char *raw = *buf;
            *buf = NULL;   /* not left pointing at raw when bunzip fails */
            rc = bunzip(raw, *len, member, buf, len);
            free(raw);
        }
    }
    Z.zip_discard(za);
    return rc;
}
