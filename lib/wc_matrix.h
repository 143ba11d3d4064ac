/* wc_matrix.h — dense square matrices from the files users have (model.md §7): plain
 * whitespace- or comma-separated text (TVB's weights.txt / tract_lengths.txt, '#'
 * comments allowed), wc-streams, and NumPy .npy (float64 or float32, C or Fortran
 * order, little-endian).  The format is recognised by content. */
#ifndef WC_MATRIX_H
#define WC_MATRIX_H

#include <stddef.h>

typedef struct {
    size_t n;      /* rows = columns */
    double *a;     /* n*n values, row-major: a[i*n + j] is row i, column j */
} wc_matrix;

/** Load a square matrix from path ("-": stdin, text or wc-stream only).  Every value
 *  must be finite.  @return 0, or -1 with wc_errmsg() set (not square, ragged, NaN,
 *  an npy whose shape does not match its size ...). */
int wc_matrix_load(const char *path, wc_matrix *m);
void wc_matrix_free(wc_matrix *m);

#endif
