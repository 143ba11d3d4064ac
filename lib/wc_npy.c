/* wc_npy.c — the NumPy .npy format (see wc_npy_internal.h). */
#include "wc_npy_internal.h"
#include "wckit/wc_err.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char NAMES_TAG[] = "# wckit columns:";

static const wc_npy_dtype DTYPES[] = {
    {"float64", "<f8", 8, 'f'}, {"float32", "<f4", 4, 'f'},
    {"int64", "<i8", 8, 'i'},   {"int32", "<i4", 4, 'i'},   {"int16", "<i2", 2, 'i'},
    {"int8", "|i1", 1, 'i'},    {"uint64", "<u8", 8, 'u'},  {"uint32", "<u4", 4, 'u'},
    {"uint16", "<u2", 2, 'u'},  {"uint8", "|u1", 1, 'u'},
    {"bool", "|b1", 1, 'b'},
};
#define NDTYPES (sizeof DTYPES / sizeof *DTYPES)

const wc_npy_dtype *wc_npy_dtype_find(const char *s, size_t len, int by_descr)
{
    for (size_t k = 0; k < NDTYPES; k++) {
        const char *t = by_descr ? DTYPES[k].descr : DTYPES[k].name;
        if (strlen(t) == len && memcmp(t, s, len) == 0) return &DTYPES[k];
    }
    return NULL;
}

double wc_npy_element(const unsigned char *p, const wc_npy_dtype *t)
{
    uint64_t u = 0;
    for (unsigned i = 0; i < t->width; i++) u |= (uint64_t)p[i] << (8 * i);
    switch (t->kind) {
    case 'f':
        if (t->width == 4) {
            uint32_t v = (uint32_t)u;
            float f;
            memcpy(&f, &v, 4);
            return f;
        } else {
            double d;
            memcpy(&d, &u, 8);
            return d;
        }
    case 'i':
        if (t->width < 8 && (u >> (8 * t->width - 1)) & 1) u |= ~(uint64_t)0 << (8 * t->width);
        return (double)(int64_t)u;
    case 'b': return u != 0;
    default: return (double)u;
    }
}

/* ---- reading the header dict ---- */

/* The value of 'key' in the header dict text, e.g. "'descr': '<f8'" -> "'<f8'". */
static const char *dict_value(const char *dict, const char *key)
{
    const char *p = strstr(dict, key);
    if (!p) return NULL;
    p = strchr(p + strlen(key), ':');
    if (!p) return NULL;
    for (p++; *p == ' '; p++) {}
    return p;
}

/* s[0..n) for a message: printable ASCII only, at most 40 characters. */
static const char *quoted(const char *s, size_t n, char *buf, size_t size)
{
    size_t k = 0;
    for (; k < n && k + 4 < size && k < 40; k++) buf[k] = s[k] >= 32 && s[k] < 127 ? s[k] : '?';
    if (k < n) buf[k++] = '.', buf[k++] = '.', buf[k++] = '.';
    buf[k] = '\0';
    return buf;
}

static int parse_descr(const char *d, wc_npy_info *info)
{
    char msg[48];
    const char *q = *d == '\'' || *d == '"' ? strchr(d + 1, *d) : NULL;
    if (!q) return wc_seterr("npy dtype is not a simple type (structured arrays are not supported)");
    if (!(info->dtype = wc_npy_dtype_find(d + 1, (size_t)(q - d - 1), 1)))
        return wc_seterr("npy dtype '%s' is not supported (" WC_NPY_DTYPES ")", quoted(d + 1, (size_t)(q - d - 1), msg, sizeof msg));
    return 0;
}

/* "(a, b)", "(a,)" or "(a)". */
static int parse_shape(const char *sh, wc_npy_info *info)
{
    char msg[48];
    const char *end = *sh == '(' ? strchr(sh, ')') : NULL;
    if (!end) return wc_seterr("npy shape is not a tuple");
    const char *shown = quoted(sh, (size_t)(end - sh + 1), msg, sizeof msg);
    unsigned long long dim[3];
    int nd = 0;
    const char *p = sh + 1;
    for (;;) {
        while (*p == ' ') p++;
        if (p == end) break;
        char *e;
        if (*p < '0' || *p > '9') return wc_seterr("npy shape %s is not a tuple of sizes", shown);
        if (nd == 3) return wc_seterr("npy shape %s is not 1-D or 2-D", shown);
        dim[nd++] = strtoull(p, &e, 10);
        for (p = e; *p == ' '; p++) {}
        if (*p == ',') p++;
        else if (p != end) return wc_seterr("npy shape %s is not a tuple of sizes", shown);
    }
    if (nd < 1 || nd > 2) return wc_seterr("npy shape %s is not 1-D or 2-D", shown);
    info->ndim = nd;
    info->shape[0] = dim[0];
    info->shape[1] = nd == 2 ? dim[1] : 1;
    return 0;
}

/* The names in "# wckit columns: a b c" after the dict, if any. */
static int parse_names(const char *dict, wc_npy_info *info)
{
    const char *p = strstr(dict, NAMES_TAG);
    if (!p) return 0;
    p += sizeof NAMES_TAG - 1;
    size_t n = strlen(p);
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\n')) n--;
    return (info->names = strndup(p, n)) ? 0 : wc_seterr("out of memory");
}

int wc_npy_parse(const unsigned char *buf, size_t len, wc_npy_info *info, size_t *need)
{
    memset(info, 0, sizeof *info);
    if (len < 12) {
        *need = 12;
        return 1;
    }
    unsigned version = buf[6];
    if (version < 1 || version > 3) return wc_seterr("npy version %u not supported", version);
    size_t off = version == 1 ? 10 : 12;
    size_t hlen = buf[8] | (size_t)buf[9] << 8;
    if (version > 1) hlen |= (size_t)buf[10] << 16 | (size_t)buf[11] << 24;
    if (hlen > (1u << 20)) return wc_seterr("npy header of %zu bytes is too large", hlen);
    if (len < off + hlen) {
        *need = off + hlen;
        return 1;
    }
    char *dict = malloc(hlen + 1);
    if (!dict) return wc_seterr("out of memory");
    memcpy(dict, buf + off, hlen);
    dict[hlen] = '\0';
    if (memchr(dict, '\0', hlen)) {
        free(dict);
        return wc_seterr("npy header holds a NUL byte");
    }
    const char *d = dict_value(dict, "'descr'"), *fo = dict_value(dict, "'fortran_order'"),
               *sh = dict_value(dict, "'shape'");
    int rc = !d || !fo || !sh ? wc_seterr("npy header lacks descr, fortran_order or shape") : 0;
    if (rc == 0) rc = parse_descr(d, info);
    if (rc == 0) rc = parse_shape(sh, info);
    if (rc == 0) rc = parse_names(dict, info);
    info->fortran = fo && strncmp(fo, "True", 4) == 0;
    info->data_off = off + hlen;
    free(dict);
    if (rc < 0) {
        free(info->names);
        info->names = NULL;
    }
    return rc;
}

/* ---- writing ---- */

static size_t dict_text(char *dict, size_t size, long long nrows, size_t ncols, const wc_hdr *h)
{
    size_t n = (size_t)snprintf(dict, size, "{'descr': '<f8', 'fortran_order': False, 'shape': (%lld, %zu), }",
                                nrows, ncols);
    if (!h || wc_hdr_ncols(h) != ncols) return n;
    /* the names, when the whole preamble stays within WC_NPY_PRE_MAX (some readers,
     * numpy.load among them, refuse long headers) */
    size_t want = n + 1 + sizeof NAMES_TAG - 1;
    for (size_t i = 0; i < ncols; i++) want += 1 + strlen(wc_hdr_col(h, i));
    if (want + 10 + 1 + 64 + 19 > WC_NPY_PRE_MAX) return n;
    n += (size_t)snprintf(dict + n, size - n, " %s", NAMES_TAG);
    for (size_t i = 0; i < ncols; i++) n += (size_t)snprintf(dict + n, size - n, " %s", wc_hdr_col(h, i));
    return n;
}

/* Magic, version, length, dict and the final '\n', rounded up to 64 as the format asks
 * (so the data is aligned). */
static size_t round64(size_t dictlen) { return (10 + dictlen + 1 + 63) / 64 * 64; }

size_t wc_npy_preamble(char *pre, long long nrows, size_t ncols, const wc_hdr *h, size_t total)
{
    char dict[WC_NPY_PRE_MAX];
    size_t n = dict_text(dict, sizeof dict, nrows, ncols, h);
    if (total == 0) total = round64(n);
    size_t hlen = total - 10;
    memcpy(pre, "\x93NUMPY\x01\x00", 8);
    pre[8] = (char)(hlen & 0xff);
    pre[9] = (char)(hlen >> 8);
    memcpy(pre + 10, dict, n);
    memset(pre + 10 + n, ' ', total - 10 - n - 1);
    pre[total - 1] = '\n';
    return total;
}

/* Room for a 20-digit row count, so the rewrite at close fits. */
size_t wc_npy_reserved(size_t ncols, const wc_hdr *h)
{
    char dict[WC_NPY_PRE_MAX];
    return round64(dict_text(dict, sizeof dict, 0, ncols, h) + 19);
}
