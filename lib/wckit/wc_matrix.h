/* wc_matrix.h — the dense square matrix that connectomes, FC and the network use.
 * Reading and writing files of matrices is wc_matfile.h's job; compute modules include
 * only this. */
#ifndef WC_MATRIX_H
#define WC_MATRIX_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t n;      /* rows = columns */
    double *a;     /* n*n values, row-major: a[i*n + j] is row i, column j */
} wc_matrix;

/** Largest n accepted when reading, refused before any allocation: the default of the
 *  "nodes" limit (wc_limits.h), which a program may raise. */
#define WC_MATRIX_N_MAX 32768

/** A new n x n matrix of zeros (m->a NULL and -1 when out of memory or n is over the
 *  "nodes" limit). */
int wc_matrix_alloc(wc_matrix *m, size_t n);
/** Free m->a and set m to the empty matrix. */
void wc_matrix_free(wc_matrix *m);

#ifdef __cplusplus
}
#endif
#endif
