/* wc_matrix.c — the dense square matrix (see wckit/wc_matrix.h). */
#include "wckit/wc_matrix.h"
#include "wckit/wc_err.h"
#include "wckit/wc_limits.h"

#include <stdlib.h>

int wc_matrix_alloc(wc_matrix *m, size_t n)
{
    m->n = n;
    m->a = n <= (size_t)wc_limit(WC_LIMIT_NODES) ? calloc(n ? n * n : 1, sizeof(double)) : NULL;
    return m->a ? 0 : wc_seterr("out of memory for a %zu x %zu matrix", n, n);
}

void wc_matrix_free(wc_matrix *m)
{
    free(m->a);
    m->a = NULL;
    m->n = 0;
}
