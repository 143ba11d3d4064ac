/* wc_npy_internal.h — the NumPy .npy format, reader and writer side (private to libwc).
 *
 * The stream reader and writer (wc_stream.h) use it for .npy inputs and outputs, the
 * matrix loader (wc_matfile.h) for .npy matrices, and the msgpack loader for its dtype
 * names.  A 2-D array's columns have no names in .npy; wckit writes them, when they fit,
 * as a Python comment after the header dict ("{...} # wckit columns: t rE rI"), which
 * numpy.load ignores (its dict is read by ast.literal_eval) and wckit reads back. */
#ifndef WC_NPY_INTERNAL_H
#define WC_NPY_INTERNAL_H

#include <stddef.h>
#include "wckit/wc_hdr.h"

/** An element type: numpy name, .npy descr (little-endian), width in bytes, kind
 *  (f float, i signed, u unsigned, b bool). */
typedef struct {
    const char *name, *descr;
    unsigned width;
    char kind;
} wc_npy_dtype;

/** The types understood, for messages. */
#define WC_NPY_DTYPES "float64, float32, int8..int64, uint8..uint64, bool; little-endian"

/** What a .npy preamble says. */
typedef struct {
    const wc_npy_dtype *dtype;
    int fortran;                   /* Fortran (column-major) order */
    int ndim;                      /* 1 or 2 */
    unsigned long long shape[2];   /* shape[1] is 1 for a 1-D array */
    size_t data_off;               /* bytes before the data */
    char *names;                   /* malloc'ed blank-separated column names, or NULL */
} wc_npy_info;

/** The type named name (by_descr: a descr such as "<f8"), or NULL. */
const wc_npy_dtype *wc_npy_dtype_find(const char *s, size_t len, int by_descr);
/** One little-endian element as a double. */
double wc_npy_element(const unsigned char *p, const wc_npy_dtype *t);

/** Parse the preamble in buf[0..len), which starts with the magic "\x93NUMPY".
 *  @return 0 with *info filled (free info->names), 1 when the preamble needs *need bytes
 *  and fewer are there, -1 on error with wc_errmsg() set. */
int wc_npy_parse(const unsigned char *buf, size_t len, wc_npy_info *info, size_t *need);

/** Largest preamble wc_npy_preamble writes. */
#define WC_NPY_PRE_MAX 4096

/** The .npy 1.0 preamble of an nrows x ncols float64 C-order array into pre (room for
 *  WC_NPY_PRE_MAX bytes), with the column names of h (may be NULL) when they fit,
 *  padded with blanks to total bytes (0: the next multiple of 64).  @return its size. */
size_t wc_npy_preamble(char *pre, long long nrows, size_t ncols, const wc_hdr *h, size_t total);
/** The size of a preamble with room for any row count (rewritten at the end). */
size_t wc_npy_reserved(size_t ncols, const wc_hdr *h);

#endif
