/* fuzz_matfile.c — the connectome loader (wc_matfile_load) on any bytes: text (blank-
 * or comma-separated, '#' comments), wc-streams, gzip of these, .npy (any dtype, C or
 * Fortran order), braintools msgpack; the loader sniffs which.  An input that starts
 * with ':' names a key first (":KEY\n", then the file): "FILE:KEY" selects an array of a
 * msgpack map, "A/B" one nested in a map.  A loaded matrix must be square, non-empty
 * and finite, as the loader promises. */
#include "fuzz.h"
#include "wckit/wc_matfile.h"

#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[300];
    const uint8_t *file = data;
    size_t n = size;
    const char *fd = NULL;
    if (size > 0 && data[0] == ':') {
        const uint8_t *nl = memchr(data, '\n', size < 200 ? size : 200);
        if (!nl || memchr(data, '\0', (size_t)(nl - data))) return -1;   /* not a useful input */
        file = nl + 1;
        n = size - (size_t)(file - data);
        fd = fz_file(0, file, n);
        snprintf(path, sizeof path, "%s%.*s", fd, (int)(nl - data), (const char *)data);
    } else {
        snprintf(path, sizeof path, "%s", fz_file(0, file, n));
    }
    wc_matrix m;
    fz_clear();
    if (wc_matfile_load(path, &m) < 0) {
        fz_failed("wc_matfile_load");
        FZ_CHECK(!m.a && m.n == 0, "a failed load leaves a matrix");
        return 0;
    }
    FZ_CHECK(m.n >= 1 && m.n <= WC_MATRIX_N_MAX && m.a, "matrix of %zu", m.n);
    for (size_t k = 0; k < m.n * m.n; k++) FZ_CHECK(isfinite(m.a[k]), "entry %zu is %g", k, m.a[k]);
    wc_matrix_free(&m);
    return 0;
}
