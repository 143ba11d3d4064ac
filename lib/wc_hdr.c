/* wc_hdr.c — the header container of a wc-stream (see wc_hdr.h).
 *
 * Two growable arrays: key lines (key, value pairs in order) and column names.  Every
 * string is validated on the way in, so a writer can print any header it is given
 * without producing a file the reader would misparse. */
#include "wckit/wc_hdr.h"
#include "wckit/wc_num.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct wc_hdr {
    char **keys, **vals;
    size_t nkeys, capkeys;
    char **cols;
    size_t ncols, capcols;
};

static int oom(void) { return wc_seterr("out of memory"); }

/* Grow *arr (element size sz) so that it holds at least need elements. */
static int grow(void **arr, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*arr, n * sz);
    if (!p)
        return oom();
    *arr = p;
    *cap = n;
    return 0;
}

wc_hdr *wc_hdr_new(void)
{
    return calloc(1, sizeof(wc_hdr));
}

void wc_hdr_free(wc_hdr *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->nkeys; i++) {
        free(h->keys[i]);
        free(h->vals[i]);
    }
    for (size_t i = 0; i < h->ncols; i++)
        free(h->cols[i]);
    free(h->keys);
    free(h->vals);
    free(h->cols);
    free(h);
}

wc_hdr *wc_hdr_dup(const wc_hdr *h)
{
    wc_hdr *d = wc_hdr_new();
    if (!d)
        return NULL;
    for (size_t i = 0; i < h->nkeys; i++)
        if (wc_hdr_add(d, h->keys[i], "%s", h->vals[i]) < 0)
            goto fail;
    for (size_t i = 0; i < h->ncols; i++)
        if (wc_hdr_add_col(d, h->cols[i]) < 0)
            goto fail;
    return d;
fail:
    wc_hdr_free(d);
    return NULL;
}

/* ---- key lines ---- */

/* A key is one word that cannot be mistaken for the names line or split by a reader. */
static int check_key(const char *key)
{
    if (key[0] == '\0' || key[0] == '#' || strpbrk(key, " \t\n\r"))
        return wc_seterr("invalid header key '%s'", key);
    return 0;
}

static char *vfmt(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *s = n < 0 ? NULL : malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

/* The formatted, validated value for key; NULL with the error set. */
static char *make_val(const char *key, const char *fmt, va_list ap)
{
    if (check_key(key) < 0)
        return NULL;
    char *v = vfmt(fmt, ap);
    if (!v) {
        oom();
        return NULL;
    }
    if (strpbrk(v, "\n\r")) {
        free(v);
        wc_seterr("header value for '%s' contains a line break", key);
        return NULL;
    }
    return v;
}

/* keys and vals always have the same capacity, so grow them together. */
static int grow_lines(wc_hdr *h)
{
    if (h->nkeys < h->capkeys)
        return 0;
    size_t cap = h->capkeys, cap2 = h->capkeys;
    if (grow((void **)&h->keys, &cap, h->nkeys + 1, sizeof(char *)) < 0
        || grow((void **)&h->vals, &cap2, h->nkeys + 1, sizeof(char *)) < 0)
        return -1;
    h->capkeys = cap;
    return 0;
}

static int append_line(wc_hdr *h, const char *key, char *val)
{
    char *k = strdup(key);
    if (!k || grow_lines(h) < 0) {
        free(k);
        free(val);
        return oom();
    }
    h->keys[h->nkeys] = k;
    h->vals[h->nkeys] = val;
    h->nkeys++;
    return 0;
}

const char *wc_hdr_get(const wc_hdr *h, const char *key)
{
    for (size_t i = h->nkeys; i-- > 0;)
        if (strcmp(h->keys[i], key) == 0)
            return h->vals[i];
    return NULL;
}

/* Remove key lines with this key from index start on. */
static void del_from(wc_hdr *h, const char *key, size_t start)
{
    size_t j = start;
    for (size_t i = start; i < h->nkeys; i++) {
        if (strcmp(h->keys[i], key) == 0) {
            free(h->keys[i]);
            free(h->vals[i]);
        } else {
            h->keys[j] = h->keys[i];
            h->vals[j] = h->vals[i];
            j++;
        }
    }
    h->nkeys = j;
}

int wc_hdr_set(wc_hdr *h, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *v = make_val(key, fmt, ap);
    va_end(ap);
    if (!v)
        return -1;
    for (size_t i = 0; i < h->nkeys; i++)
        if (strcmp(h->keys[i], key) == 0) {
            free(h->vals[i]);
            h->vals[i] = v;
            del_from(h, key, i + 1);
            return 0;
        }
    return append_line(h, key, v);
}

int wc_hdr_add(wc_hdr *h, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *v = make_val(key, fmt, ap);
    va_end(ap);
    return v ? append_line(h, key, v) : -1;
}

void wc_hdr_del(wc_hdr *h, const char *key)
{
    del_from(h, key, 0);
}

size_t wc_hdr_nkeys(const wc_hdr *h) { return h->nkeys; }
const char *wc_hdr_key(const wc_hdr *h, size_t i) { return i < h->nkeys ? h->keys[i] : NULL; }
const char *wc_hdr_val(const wc_hdr *h, size_t i) { return i < h->nkeys ? h->vals[i] : NULL; }

/* ---- column names ---- */

static int check_col(const char *name)
{
    if (name[0] == '\0' || strpbrk(name, " \t\n\r"))
        return wc_seterr("invalid column name '%s'", name);
    return 0;
}

int wc_hdr_set_cols(wc_hdr *h, size_t n, const char *const *names)
{
    for (size_t i = 0; i < n; i++)
        if (check_col(names[i]) < 0)
            return -1;
    char **c = malloc((n ? n : 1) * sizeof(char *));
    if (!c)
        return oom();
    for (size_t i = 0; i < n; i++)
        if (!(c[i] = strdup(names[i]))) {
            while (i-- > 0)
                free(c[i]);
            free(c);
            return oom();
        }
    for (size_t i = 0; i < h->ncols; i++)
        free(h->cols[i]);
    free(h->cols);
    h->cols = c;
    h->ncols = h->capcols = n;
    return 0;
}

int wc_hdr_add_col(wc_hdr *h, const char *name)
{
    if (check_col(name) < 0)
        return -1;
    char *s = strdup(name);
    if (!s || grow((void **)&h->cols, &h->capcols, h->ncols + 1, sizeof(char *)) < 0) {
        free(s);
        return oom();
    }
    h->cols[h->ncols++] = s;
    return 0;
}

size_t wc_hdr_ncols(const wc_hdr *h) { return h->ncols; }
const char *wc_hdr_col(const wc_hdr *h, size_t i) { return i < h->ncols ? h->cols[i] : NULL; }

long wc_hdr_find_col(const wc_hdr *h, const char *name)
{
    for (size_t i = 0; i < h->ncols; i++)
        if (strcmp(h->cols[i], name) == 0)
            return (long)i;
    return -1;
}

char *wc_hdr_text(const wc_hdr *h, int with_cols, size_t *len)
{
    size_t n = 1;
    for (size_t i = 0; i < wc_hdr_nkeys(h); i++) n += 5 + strlen(wc_hdr_key(h, i)) + strlen(wc_hdr_val(h, i));
    for (size_t i = 0; with_cols && i < wc_hdr_ncols(h); i++) n += 2 + strlen(wc_hdr_col(h, i));
    char *text = malloc(n + 2), *o = text;
    if (!text) return NULL;
    for (size_t i = 0; i < wc_hdr_nkeys(h); i++) {
        const char *v = wc_hdr_val(h, i);
        o += sprintf(o, "## %s%s%s\n", wc_hdr_key(h, i), *v ? " " : "", v);
    }
    if (with_cols) {
        for (size_t i = 0; i < wc_hdr_ncols(h); i++) o += sprintf(o, "%s%s", i ? "\t" : "# ", wc_hdr_col(h, i));
        *o++ = '\n';
    }
    *o = '\0';
    if (len) *len = (size_t)(o - text);
    return text;
}

int wc_hdr_set_num(wc_hdr *h, const char *key, double x)
{
    char num[WC_NUM_BUFSZ];
    wc_num_fmt(num, x, 0);
    return wc_hdr_set(h, key, "%s", num);
}

int wc_hdr_add_num(wc_hdr *h, const char *key, double x)
{
    char num[WC_NUM_BUFSZ];
    wc_num_fmt(num, x, 0);
    return wc_hdr_add(h, key, "%s", num);
}
