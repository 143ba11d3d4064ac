/* test_matrix.c — square matrices from text, wc-stream and .npy; the .npy files are
 * written by numpy itself (Debian python3-numpy), so the reader is checked against the
 * real writer. */
#include "tap.h"
#include "wc_err.h"
#include "wc_matrix.h"

#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/wcmatrix.XXXXXX";

static const char *file(const char *name, const char *text)
{
    static char path[4][256];
    static int k;
    char *p = path[k++ % 4];
    snprintf(p, 256, "%s/%s", dir, name);
    if (text) {
        FILE *f = fopen(p, "w");
        fputs(text, f);
        fclose(f);
    }
    return p;
}

/* Run a numpy snippet in dir; 0 on success. */
static int numpy(const char *code)
{
    const char *py = getenv("PYTHON") ? getenv("PYTHON") : "/usr/bin/python3";
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd %s && %s -c \"import numpy as np; %s\"", dir, py, code);
    return system(cmd);
}

static void expect_ok(const char *path, size_t n, double a01, const char *what)
{
    wc_matrix m;
    int rc = wc_matrix_load(path, &m);
    OK(rc == 0 && m.n == n && m.a[1] == a01, "%s (%s)", what, rc ? wc_errmsg() : "loaded");
    wc_matrix_free(&m);
}

static void expect_err(const char *path, const char *msg, const char *what)
{
    wc_matrix m;
    int rc = wc_matrix_load(path, &m);
    OK(rc < 0 && strstr(wc_errmsg(), msg), "%s: %s", what, rc < 0 ? wc_errmsg() : "accepted");
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    expect_ok(file("w.txt", "# TVB weights.txt\n0 2.5 1\n3 0 0\n1e-3 4 0\n"), 3, 2.5, "whitespace text with a comment");
    expect_ok(file("w.csv", "0,7,1\n3,0,0\n1,4,0\n"), 3, 7, "comma-separated");
    expect_err(file("r.txt", "0 1\n2\n"), "expected 2 fields", "ragged rows");
    expect_err(file("ns.txt", "0 1 2\n3 4 5\n"), "not square", "non-square text");
    expect_err(file("nan.txt", "0 nan\n1 0\n"), "entry (0, 1) is not finite", "NaN entry");
    expect_err(file("inf.txt", "0 1\ninf 0\n"), "entry (1, 0) is not finite", "inf entry");
    expect_err(file("e.txt", ""), "empty", "empty file");
    expect_err(file("none.txt", NULL), "cannot open", "missing file");
    if (numpy("a = np.arange(16.0).reshape(4, 4) / 7; np.save('c.npy', a); np.save('f.npy', np.asfortranarray(a));"
              "np.save('s.npy', a.astype(np.float32)); np.save('ns.npy', np.zeros((2, 3)));"
              "np.save('be.npy', a.astype('>f8')); np.save('i.npy', np.zeros((2, 2), dtype=np.int64));"
              "np.save('v.npy', np.zeros(4)); open('t.npy', 'wb').write(open('c.npy', 'rb').read()[:-8]);"
              "np.savetxt('c.txt', a, fmt='%.17g')") != 0) {
        printf("skip - numpy not available to write .npy test files\n");
        return tap_done();
    }
    wc_matrix c, f, s, t;
    OK(wc_matrix_load(file("c.npy", NULL), &c) == 0 && c.n == 4 && c.a[1] == 1.0 / 7 && c.a[4] == 4.0 / 7,
       "npy float64, C order, row-major values");
    OK(wc_matrix_load(file("f.npy", NULL), &f) == 0 && memcmp(f.a, c.a, 16 * sizeof(double)) == 0,
       "npy Fortran order gives the same matrix");
    OK(wc_matrix_load(file("s.npy", NULL), &s) == 0 && s.a[1] == (double)(float)(1.0 / 7), "npy float32");
    OK(wc_matrix_load(file("c.txt", NULL), &t) == 0 && memcmp(t.a, c.a, 16 * sizeof(double)) == 0,
       "numpy.savetxt text equals the npy bit for bit");
    wc_matrix_free(&c), wc_matrix_free(&f), wc_matrix_free(&s), wc_matrix_free(&t);
    expect_err(file("ns.npy", NULL), "not square", "non-square npy");
    expect_err(file("be.npy", NULL), "not supported", "big-endian npy");
    expect_err(file("i.npy", NULL), "not supported", "integer npy");
    expect_err(file("v.npy", NULL), "not 2-D", "1-D npy");
    expect_err(file("t.npy", NULL), "truncated", "npy shorter than its shape");
    FILE *big = fopen(file("big.npy", NULL), "wb");
    const char hdr[] = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }";
    unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, sizeof hdr - 1, 0};
    fwrite(pre, 1, 10, big);
    fwrite(hdr, 1, sizeof hdr - 1, big);
    fclose(big);
    expect_err(file("big.npy", NULL), "too large", "npy claiming a huge shape (refused before allocating)");
    const char *shared = getenv("WC_SHARED");
    char hcp[512];
    snprintf(hcp, sizeof hcp, "%s/hcp80/Cmat.tsv", shared ? shared : "../shared/data");
    if (access(hcp, R_OK) == 0) {
        wc_matrix m;
        OK(wc_matrix_load(hcp, &m) == 0 && m.n == 80, "hcp80 Cmat.tsv: 80 x 80");
        wc_matrix_free(&m);
    } else {
        printf("skip - hcp80: %s absent\n", hcp);
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) return 1;
    return tap_done();
}
