/* wc_matrix.c — square matrices from text, wc-stream and .npy files (see wc_matrix.h). */
#include "wc_matrix.h"
#include "wc_err.h"
#include "wc_stream.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Larger matrices are refused before any allocation (8 GB of doubles). */
#define MATRIX_N_MAX 32768

static int check_values(const wc_matrix *m)
{
    for (size_t k = 0; k < m->n * m->n; k++)
        if (!isfinite(m->a[k]))
            return wc_seterr("entry (%zu, %zu) is not finite", k / m->n, k % m->n);
    return 0;
}

/* ---- text and wc-stream, through the stream reader ---- */

static int load_table(const char *path, wc_matrix *m)
{
    wc_reader *r = wc_reader_open(path);
    if (!r) return -1;
    size_t n = wc_hdr_ncols(wc_reader_hdr(r)), rows = 0;
    int rc = 0;
    if (n > MATRIX_N_MAX) rc = wc_seterr("%zu columns: larger than %d", n, MATRIX_N_MAX);
    else if (!(m->a = malloc(n * n * sizeof(double)))) rc = wc_seterr("out of memory");
    double *extra = rc == 0 ? malloc(n * sizeof(double)) : NULL;
    while (rc == 0) {
        int got = wc_reader_next(r, rows < n ? m->a + rows * n : extra);
        if (got < 0) rc = -1;
        if (got <= 0) break;
        rows++;
    }
    free(extra);
    wc_reader_close(r);
    if (rc == 0 && rows != n) rc = wc_seterr("not square: %zu rows of %zu columns", rows, n);
    m->n = n;
    return rc;
}

/* ---- NumPy .npy ---- */

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

/* Parse descr, fortran_order and a 2-D shape from the header dict. */
static int npy_header(const char *dict, int *f32, int *fortran, size_t *rows, size_t *cols)
{
    const char *d = dict_value(dict, "'descr'"), *fo = dict_value(dict, "'fortran_order'"),
               *sh = dict_value(dict, "'shape'");
    if (!d || !fo || !sh) return wc_seterr("npy header lacks descr, fortran_order or shape");
    if (strncmp(d, "'<f8'", 5) == 0) *f32 = 0;
    else if (strncmp(d, "'<f4'", 5) == 0) *f32 = 1;
    else return wc_seterr("npy dtype %.8s is not supported (little-endian float64 or float32)", d);
    *fortran = strncmp(fo, "True", 4) == 0;
    unsigned long long a, b;
    char close;
    if (sscanf(sh, "(%llu, %llu%c", &a, &b, &close) != 3 || close != ')')
        return wc_seterr("npy shape is not 2-D: %.40s", sh);
    if (a > MATRIX_N_MAX || b > MATRIX_N_MAX) return wc_seterr("npy shape (%llu, %llu) is too large", a, b);
    *rows = a;
    *cols = b;
    return 0;
}

/* Read the data block of an n x n npy into m (converting float32, transposing
 * Fortran order), checking that the file holds exactly that many bytes. */
static int npy_data(FILE *f, wc_matrix *m, size_t n, int f32, int fortran)
{
    size_t width = f32 ? 4 : 8, count = n * n;
    unsigned char *raw = malloc(count * width + 1);
    if (!raw || !(m->a = malloc(count * sizeof(double)))) {
        free(raw);
        return wc_seterr("out of memory");
    }
    size_t got = fread(raw, 1, count * width + 1, f);
    int rc = got < count * width ? wc_seterr("npy data truncated: %zu of %zu bytes", got, count * width)
             : got > count * width ? wc_seterr("npy has data beyond its shape") : 0;
    for (size_t k = 0; rc == 0 && k < count; k++) {
        size_t dst = fortran ? (k % n) * n + k / n : k;   /* Fortran: column-major on disk */
        if (f32) {
            float x;
            memcpy(&x, raw + 4 * k, 4);
            m->a[dst] = x;
        } else {
            memcpy(&m->a[dst], raw + 8 * k, 8);
        }
    }
    free(raw);
    return rc;
}

static int load_npy(FILE *f, wc_matrix *m)
{
    unsigned char pre[10];
    if (fread(pre, 1, 10, f) != 10) return wc_seterr("npy preamble truncated");
    if (pre[6] != 1 && pre[6] != 2 && pre[6] != 3) return wc_seterr("npy version %d not supported", pre[6]);
    size_t hlen = pre[8] | (size_t)pre[9] << 8;
    if (pre[6] >= 2) {
        unsigned char more[2];
        if (fread(more, 1, 2, f) != 2) return wc_seterr("npy preamble truncated");
        hlen |= (size_t)more[0] << 16 | (size_t)more[1] << 24;
    }
    if (hlen > 1 << 20) return wc_seterr("npy header of %zu bytes is too large", hlen);
    char *dict = malloc(hlen + 1);
    if (!dict) return wc_seterr("out of memory");
    int rc = fread(dict, 1, hlen, f) == hlen ? 0 : wc_seterr("npy header truncated");
    dict[hlen] = '\0';
    int f32 = 0, fortran = 0;
    size_t rows = 0, cols = 0;
    if (rc == 0) rc = npy_header(dict, &f32, &fortran, &rows, &cols);
    free(dict);
    if (rc == 0 && rows != cols) rc = wc_seterr("not square: npy shape (%zu, %zu)", rows, cols);
    if (rc == 0) rc = npy_data(f, m, rows, f32, fortran);
    m->n = rows;
    return rc;
}

int wc_matrix_load(const char *path, wc_matrix *m)
{
    memset(m, 0, sizeof *m);
    int rc;
    FILE *f = path && strcmp(path, "-") != 0 ? fopen(path, "rb") : NULL;
    if (path && strcmp(path, "-") != 0 && !f) return wc_seterr("cannot open: %s", strerror(errno));
    unsigned char magic[6] = {0};
    size_t got = f ? fread(magic, 1, 6, f) : 0;
    if (f && got == 6 && memcmp(magic, "\x93NUMPY", 6) == 0) {
        rewind(f);
        rc = load_npy(f, m);
    } else {
        rc = load_table(path, m);
    }
    if (f) fclose(f);
    if (rc == 0 && m->n == 0) rc = wc_seterr("empty matrix");
    if (rc == 0) rc = check_values(m);
    if (rc < 0) wc_matrix_free(m);
    return rc;
}

void wc_matrix_free(wc_matrix *m)
{
    free(m->a);
    m->a = NULL;
    m->n = 0;
}
