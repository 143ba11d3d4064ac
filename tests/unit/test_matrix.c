/* test_matrix.c — square matrices from text, wc-stream, .npy and braintools msgpack,
 * and back.  The .npy and msgpack files are written by numpy and msgpack themselves
 * (Debian python3-numpy, python3-msgpack), and what we write is read back by them, so
 * both directions are checked against the real thing. */
#include "tap.h"
#include "wckit/wc_data.h"
#include "wckit/wc_err.h"
#include "wckit/wc_matfile.h"

#include <stdlib.h>
#include <sys/stat.h>
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
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cd %s && %s -c \"import numpy as np; %s\"", dir, py, code);
    return system(cmd);
}

/* Python with numpy as np and msgpack, plus pk(a): a as a braintools array value. */
static int mpy(const char *code)
{
    char full[4096];
    snprintf(full, sizeof full,
             "import msgpack; E = msgpack.ExtType; "
             "pk = lambda a, dt=None: E(1, msgpack.packb([list(a.shape), dt or a.dtype.name, a.tobytes()])); %s",
             code);
    return numpy(full);
}

static void expect_ok(const char *path, size_t n, double a01, const char *what)
{
    wc_matrix m;
    int rc = wc_matfile_load(path, &m);
    OK(rc == 0 && m.n == n && m.a[1] == a01, "%s (%s)", what, rc ? wc_errmsg() : "loaded");
    wc_matrix_free(&m);
}

static void expect_err(const char *path, const char *msg, const char *what)
{
    wc_matrix m;
    int rc = wc_matfile_load(path, &m);
    OK(rc < 0 && strstr(wc_errmsg(), msg), "%s: %s", what, rc < 0 ? wc_errmsg() : "accepted");
}


/* Loads path and compares with the float64 C-order file ref.npy written by numpy. */
static void expect_same(const char *path, const char *ref, const char *what)
{
    wc_matrix m, r;
    int rc = wc_matfile_load(path, &m);
    int rr = wc_matfile_load(file(ref, NULL), &r);
    OK(rc == 0 && rr == 0 && m.n == r.n && memcmp(m.a, r.a, m.n * m.n * sizeof(double)) == 0, "%s (%s)", what,
       rc ? wc_errmsg() : "bit for bit");
    if (rc == 0) wc_matrix_free(&m);
    if (rr == 0) wc_matrix_free(&r);
}

static void test_msgpack(void)
{
    if (mpy("a = np.arange(16.0).reshape(4, 4) / 7; d = a * 3 + 1;"
            "w = lambda n, o: open(n, 'wb').write(msgpack.packb(o));"
            "w('hcp.msgpack', {'Cmat': pk(a), 'Dmat': pk(d), 'name': 'x'});"
            "w('one.msgpack', {'weights': pk(a)});"
            "w('bare.msgpack', pk(a));"
            "w('f32.msgpack', {'C': pk(a.astype(np.float32))});"
            "w('i32.msgpack', {'C': pk((a * 7).astype(np.int32))});"
            "w('u8.msgpack', {'C': pk((a * 7).astype(np.uint8))});"
            "w('list.msgpack', {'subjects': {'0': pk(a), '1': {'Dmat': pk(d)}}});"
            "w('none.msgpack', {'x': 1, 'y': 'z'});"
            "w('cx.msgpack', {'C': pk(a.astype(np.complex128))});"
            "w('f16.msgpack', {'C': pk(a.astype(np.float16))});"
            "w('big.msgpack', {'C': E(1, msgpack.packb([[5, 5], 'float64', a.tobytes()]))});"
            "w('small.msgpack', {'C': E(1, msgpack.packb([[3, 3], 'float64', a.tobytes()]))});"
            "w('ns.msgpack', {'C': pk(np.zeros((2, 3)))});"
            "w('v.msgpack', {'C': pk(np.zeros(4))});"
            "w('nan.msgpack', {'C': pk(np.array([[0, np.nan], [1, 0]]))});"
            "w('inf.msgpack', {'C': pk(np.array([[0, 1], [-np.inf, 0]]))});"
            "w('str.msgpack', {'C': 'not an array'});"
            "w('ext5.msgpack', {'C': E(5, b'xyz')});"
            "w('huge.msgpack', {'C': E(1, msgpack.packb([[10**6, 10**6], 'float64', b'']))});"
            "w('list0.msgpack', [1, 2]);"
            "open('trunc.msgpack', 'wb').write(open('hcp.msgpack', 'rb').read()[:-9]);"
            "open('junk.msgpack', 'wb').write(open('one.msgpack', 'rb').read() + b'x');"
            "np.save('ref.npy', a); np.save('dref.npy', d); np.save('iref.npy', (a * 7).astype(np.int32).astype(float));"
            "np.save('fref.npy', a.astype(np.float32).astype(float));"
            "open('weird:name.txt', 'w').write('0 1\\n1 0\\n')") != 0) {
        printf("skip - python3-msgpack not available to write msgpack test files\n");
        return;
    }
    char p[300];
    snprintf(p, sizeof p, "%s:Cmat", file("hcp.msgpack", NULL));
    expect_same(p, "ref.npy", "msgpack FILE:Cmat equals numpy");
    snprintf(p, sizeof p, "%s:Dmat", file("hcp.msgpack", NULL));
    expect_same(p, "dref.npy", "msgpack FILE:Dmat");
    expect_same(file("one.msgpack", NULL), "ref.npy", "msgpack with one array: no key needed");
    expect_same(file("bare.msgpack", NULL), "ref.npy", "msgpack holding a bare array");
    snprintf(p, sizeof p, "%s:C", file("f32.msgpack", NULL));
    expect_same(p, "fref.npy", "msgpack float32");
    expect_same(file("i32.msgpack", NULL), "iref.npy", "msgpack int32");
    expect_same(file("u8.msgpack", NULL), "iref.npy", "msgpack uint8");
    snprintf(p, sizeof p, "%s:subjects/0", file("list.msgpack", NULL));
    expect_same(p, "ref.npy", "msgpack list element KEY/0");
    snprintf(p, sizeof p, "%s:subjects/1/Dmat", file("list.msgpack", NULL));
    expect_same(p, "dref.npy", "msgpack nested KEY/1/Dmat");
    expect_err(file("hcp.msgpack", NULL), "2 arrays in the map (keys: Cmat, Dmat, name): choose one",
               "two arrays, no key");
    snprintf(p, sizeof p, "%s:Wmat", file("hcp.msgpack", NULL));
    expect_err(p, "no key 'Wmat' (keys: Cmat, Dmat, name)", "missing key lists the keys");
    snprintf(p, sizeof p, "%s:name", file("hcp.msgpack", NULL));
    expect_err(p, "key 'name' is a str, not an array", "key holding a string");
    snprintf(p, sizeof p, "%s:subjects", file("list.msgpack", NULL));
    expect_err(p, "is a map (a dict or list), not an array: select an entry", "key holding a list");
    snprintf(p, sizeof p, "%s:subjects/7", file("list.msgpack", NULL));
    expect_err(p, "no key '7' in 'subjects' (keys: 0, 1)", "missing list element");
    expect_err(file("none.msgpack", NULL), "no array (an ext value of type 1) in the map (keys: x, y)", "map without arrays");
    expect_err(file("cx.msgpack", NULL), "dtype 'complex128' is not supported", "complex dtype");
    expect_err(file("f16.msgpack", NULL), "dtype 'float16' is not supported", "float16 dtype");
    expect_err(file("big.msgpack", NULL), "shape (5, 5) of float64 needs 200 bytes, the data has 128",
               "shape larger than the data");
    expect_err(file("small.msgpack", NULL), "needs 72 bytes, the data has 128",
               "shape smaller than the data");
    expect_err(file("huge.msgpack", NULL), "over the limit of 32768 nodes", "a huge shape, refused before allocating");
    expect_err(file("ns.msgpack", NULL), "not square: shape (2, 3)", "non-square msgpack");
    expect_err(file("v.msgpack", NULL), "shape (4) is not 2-D", "1-D msgpack");
    expect_err(file("nan.msgpack", NULL), "entry (0, 1) is not finite", "NaN in msgpack");
    expect_err(file("inf.msgpack", NULL), "entry (1, 0) is not finite", "-inf in msgpack");
    expect_err(file("ext5.msgpack", NULL), "no array (an ext value of type 1)", "an ext of another type is no array");
    snprintf(p, sizeof p, "%s:C", file("ext5.msgpack", NULL));
    expect_err(p, "ext value of type 5, not an array", "key holding an ext of another type");
    snprintf(p, sizeof p, "%s:C", file("str.msgpack", NULL));
    expect_err(p, "is a str, not an array", "key holding a string");
    expect_err(file("list0.msgpack", NULL), "not a map of arrays (its top object is an array)",
               "msgpack list at the top");
    expect_err(file("trunc.msgpack", NULL), "truncated", "truncated msgpack");
    expect_err(file("junk.msgpack", NULL), "data after the msgpack map", "bytes after the map");
    snprintf(p, sizeof p, "%s:Cmat", file("ref.npy", NULL));
    expect_err(p, "selects an array of a msgpack file, and this is a .npy", "key on a .npy");
    snprintf(p, sizeof p, "%s:Cmat", file("w.txt", NULL));
    expect_err(p, "selects an array of a msgpack file, and this is not one", "key on a text file");
}

/* Files named with a colon: an existing name is taken whole. */
static void test_paths(void)
{
    wc_matrix m;
    int rc = wc_matfile_load(file("weird:name.txt", NULL), &m);
    OK(rc == 0 && m.n == 2 && m.a[1] == 1,
       "an existing file with ':' in its name is read whole (%s)", rc ? wc_errmsg() : "ok");
    if (rc == 0) wc_matrix_free(&m);
    char p[300];
    snprintf(p, sizeof p, "%s:x", file("nosuch.msgpack", NULL));
    expect_err(p, "cannot open", "FILE:KEY with no FILE");
}

/* TVB zips (written by python's zipfile and bz2), the shipped hcp80 and what comes with
 * a connectome: its lengths and labels. */
static void test_sources(void)
{
    setenv("WCKIT_DATA", WC_TOP "/share/data", 1);
    char *p = wc_data_find("hcp80");
    OK(p && strcmp(p, WC_TOP "/share/data/hcp80") == 0, "wc_data_find hcp80 under WCKIT_DATA (%s)", p ? p : wc_errmsg());
    free(p);
    OK(!wc_data_find("nosuch") && strstr(wc_errmsg(), "no shipped data 'nosuch'"), "wc_data_find: %s", wc_errmsg());
    OK(!wc_data_find("a/b"), "wc_data_find refuses a path");
    wc_matrix c, d;
    OK(wc_matfile_load("hcp80", &c) == 0 && c.n == 80 && c.a[0] == 0 && c.a[1] > 0, "hcp80 loads 80 x 80");
    OK(wc_matfile_load("hcp80:Dmat", &d) == 0 && d.n == 80, "hcp80:Dmat loads");
    char *len = NULL, **lab = NULL;
    int rc = wc_matfile_lengths_source("hcp80", &len);
    OK(rc == 0 && len && strcmp(len, "hcp80:Dmat") == 0, "hcp80's lengths: %s", len ? len : "none");
    free(len);
    OK(wc_matfile_lengths_source("hcp80:FC", &len) == 0 && !len, "hcp80:FC has no lengths");
    long n = wc_matfile_labels("hcp80", &lab);
    OK(n == 80 && strcmp(lab[0], "Precentral_L") == 0 && strcmp(lab[79], "Temporal_Inf_R") == 0, "hcp80's labels (%ld)", n);
    wc_matfile_labels_free(lab, n > 0 ? (size_t)n : 0);
    OK(wc_matfile_labels(file("w.txt", NULL), &lab) == 0 && !lab, "a text file has no labels");
    OK(wc_matfile_lengths_source(file("w.txt", NULL), &len) == 0 && !len, "a text file has no lengths");
    /* a TVB zip of hcp80 with bzip2 members in a folder, and one without lengths */
    char code[1024];
    snprintf(code, sizeof code,
             "import bz2, zipfile; W = np.savetxt('W.txt', np.loadtxt('%s/share/data/hcp80/Cmat.tsv.gz')); "
             "D = np.savetxt('D.txt', np.loadtxt('%s/share/data/hcp80/Dmat.tsv.gz')); "
             "z = zipfile.ZipFile('t.zip', 'w'); rd = lambda f: bz2.compress(open(f, 'rb').read()); "
             "z.writestr('c76/weights.txt.bz2', rd('W.txt')); z.writestr('c76/tract_lengths.txt.bz2', rd('D.txt')); "
             "z.writestr('c76/centres.txt', ''.join('r%%d 0 0 0\\n' %% i for i in range(80))); z.close(); "
             "z = zipfile.ZipFile('w.zip', 'w'); z.writestr('weights.txt', open('W.txt').read()); z.close()",
             WC_TOP, WC_TOP);
    if (numpy(code) != 0) {
        OK(0, "python wrote the test zips");
    } else {
        wc_matrix zc, zd;
        rc = wc_matfile_load(file("t.zip", NULL), &zc);
        OK(rc == 0 && zc.n == 80 && !memcmp(zc.a, c.a, 6400 * sizeof(double)),
           "zip weights (bzip2, in a folder) equal hcp80's Cmat (%s)", rc ? wc_errmsg() : "loaded");
        char key[300];
        snprintf(key, sizeof key, "%s:tract_lengths", file("t.zip", NULL));
        OK(wc_matfile_load(key, &zd) == 0 && zd.n == 80 && !memcmp(zd.a, d.a, 6400 * sizeof(double)),
           "zip tract_lengths equal hcp80's Dmat");
        rc = wc_matfile_lengths_source(file("t.zip", NULL), &len);
        OK(rc == 0 && len && strcmp(len, key) == 0, "a zip's lengths: %s", len ? len : "none");
        free(len);
        OK(wc_matfile_lengths_source(file("w.zip", NULL), &len) == 0 && !len, "a zip without tract_lengths: none");
        n = wc_matfile_labels(file("t.zip", NULL), &lab);
        OK(n == 80 && strcmp(lab[3], "r3") == 0, "a zip's labels from centres.txt (%ld)", n);
        wc_matfile_labels_free(lab, n > 0 ? (size_t)n : 0);
        OK(wc_matfile_labels(file("w.zip", NULL), &lab) == 0, "a zip without centres.txt: no labels");
        wc_matrix_free(&zc);
        wc_matrix_free(&zd);
    }
    wc_matrix_free(&c);
    wc_matrix_free(&d);
}

/* Save m in every format, load it back, and let numpy/msgpack read what we wrote. */
static void test_save(void)
{
    wc_matrix m;
    wc_matrix_alloc(&m, 5);
    for (size_t k = 0; k < 25; k++) m.a[k] = k % 6 ? 1.0 / (double)(k + 1) - 0.01 * (double)k : 0;
    m.a[7] = -0.0;
    m.a[8] = 1e-300;
    m.a[9] = 6.02214076e23;
    const char *names[] = {"s.txt", "s.csv", "s.npy", "s.msgpack", "s.wcb.gz", "s.wcb", "s.tsv.gz", "s.tsv"};
    int formats[] = {WC_MAT_TEXT, WC_MAT_CSV, WC_MAT_NPY, WC_MAT_MSGPACK, WC_MAT_STREAM, WC_MAT_STREAM, WC_MAT_STREAM, WC_MAT_TEXT};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        wc_matrix back;
        OK(wc_matfile_format_from_path(names[i]) == formats[i],
           "%s is %s", names[i], wc_matfile_format_name(formats[i]));
        int rc = wc_matfile_save(file(names[i], NULL), WC_MAT_AUTO, &m, NULL);
        int rl = rc == 0 ? wc_matfile_load(file(names[i], NULL), &back) : -1;
        OK(rc == 0 && rl == 0 && back.n == 5 && memcmp(back.a, m.a, 25 * sizeof(double)) == 0,
           "save %s, load: bit for bit (%s)",
           names[i], rc || rl ? wc_errmsg() : "ok");
        if (rl == 0) wc_matrix_free(&back);
    }
    OK(wc_matfile_format_from_path("x.msgpack:Dmat") == WC_MAT_MSGPACK && wc_matfile_format_from_path("x.dat") < 0 &&
           wc_matfile_format_from_path("X.NPY") == WC_MAT_NPY,
       "formats from names: FILE.msgpack:KEY, unknown, upper case");
    char p[300];
    snprintf(p, sizeof p, "%s:Dmat", file("s.msgpack", NULL));
    OK(wc_matfile_save(p, WC_MAT_AUTO, &m, NULL) == 0, "add the key Dmat to an existing msgpack file");
    m.a[0] = 42;
    snprintf(p, sizeof p, "%s:Cmat", file("s.msgpack", NULL));
    OK(wc_matfile_save(p, WC_MAT_AUTO, &m, NULL) == 0, "replace its key Cmat");
    int py = mpy("b = np.load('s.npy'); d = msgpack.unpackb(open('s.msgpack', 'rb').read());"
                 "assert list(d) == ['Cmat', 'Dmat'], list(d);"
                 "assert d['Cmat'].code == 1 and d['Dmat'].code == 1;"
                 "un = lambda e: msgpack.unpackb(e.data);"
                 "arr = lambda e: np.frombuffer(un(e)[2], un(e)[1]).reshape(un(e)[0]);"
                 "assert (arr(d['Dmat']) == b).all() and arr(d['Cmat'])[0, 0] == 42 and (arr(d['Cmat']).ravel()[1:] == b.ravel()[1:]).all();"
                 "assert np.signbit(b[1, 2]) and b.dtype == np.float64 and b.flags.c_contiguous;"
                 "assert (np.loadtxt('s.csv', delimiter=',') == b).all() and (np.loadtxt('s.txt') == b).all()");
    OK(py == 0, "numpy and msgpack read what we wrote (keys kept in order, Cmat replaced)");
    m.a[0] = 0;
    OK(wc_matfile_save(file("s.dat", NULL), WC_MAT_AUTO, &m, NULL) < 0 && strstr(wc_errmsg(),
       "cannot tell the format"),
       "unknown extension refused");
    OK(wc_matfile_save(file("w.txt", NULL), WC_MAT_MSGPACK, &m, NULL) < 0 && strstr(wc_errmsg(),
       "exists and is not a msgpack map"),
       "msgpack onto an existing non-msgpack file refused");
    OK(wc_matfile_save("/dev/full", WC_MAT_TEXT, &m, NULL) < 0 && strstr(wc_errmsg(), "write error"),
       "text to /dev/full fails");
    OK(wc_matfile_save("/dev/full", WC_MAT_MSGPACK, &m, NULL) < 0 && strstr(wc_errmsg(), "write error"),
       "msgpack to /dev/full fails");
    OK(wc_matfile_save("/dev/full", WC_MAT_NPY, &m, NULL) < 0 && strstr(wc_errmsg(), "write error"),
       "npy to /dev/full fails");
    OK(wc_matfile_save(file("nodir/x.npy", NULL), WC_MAT_NPY, &m, NULL) < 0 && strstr(wc_errmsg(),
       "cannot create"),
       "a missing directory fails");
    /* every save went through a temporary file: none is left behind */
    char cmd[400];
    snprintf(cmd, sizeof cmd, "ls %s | grep -q '\\.[A-Za-z0-9]\\{6\\}$'", dir);
    OK(system(cmd) != 0, "no temporary file left in the directory");
    wc_hdr *h = wc_hdr_new();
    wc_hdr_add(h, "cmd", "wc-conn convert x");
    wc_matfile_opts so = {.hdr = h, .otype = 'u'};
    OK(wc_matfile_save(file("h.bin", NULL), WC_MAT_STREAM, &m, &so) == 0, "stream with header keys and -Ou");
    FILE *f = fopen(file("h.bin", NULL), "rb");
    char head[200] = "";
    size_t got = f ? fread(head, 1, sizeof head - 1, f) : 0;
    if (f) fclose(f);
    head[got] = '\0';
    OK(strncmp(head, "## wc-stream 1 f64le\n## cmd wc-conn convert x\n## nrows 5\n# c1\tc2", 64) == 0,
       "stream header: magic, keys, nrows, columns c1..cN");
    wc_hdr_free(h);
    wc_matrix_free(&m);
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
              "np.save('be.npy', a.astype('>f8')); np.save('i.npy', (a * 7).astype(np.int64));"
              "np.save('cx.npy', np.zeros((2, 2), dtype=np.complex128));"
              "np.save('v.npy', np.zeros(4)); open('t.npy', 'wb').write(open('c.npy', 'rb').read()[:-8]);"
              "np.savetxt('c.txt', a, fmt='%.17g')") != 0) {
        printf("skip - numpy not available to write .npy test files\n");
        return tap_done();
    }
    wc_matrix c, f, s, t;
    OK(wc_matfile_load(file("c.npy", NULL), &c) == 0 && c.n == 4 && c.a[1] == 1.0 / 7 && c.a[4] == 4.0 / 7,
       "npy float64, C order, row-major values");
    OK(wc_matfile_load(file("f.npy", NULL), &f) == 0 && memcmp(f.a, c.a, 16 * sizeof(double)) == 0,
       "npy Fortran order gives the same matrix");
    OK(wc_matfile_load(file("s.npy", NULL), &s) == 0 && s.a[1] == (double)(float)(1.0 / 7), "npy float32");
    OK(wc_matfile_load(file("c.txt", NULL), &t) == 0 && memcmp(t.a, c.a, 16 * sizeof(double)) == 0,
       "numpy.savetxt text equals the npy bit for bit");
    wc_matrix_free(&c), wc_matrix_free(&f), wc_matrix_free(&s), wc_matrix_free(&t);
    expect_err(file("ns.npy", NULL), "not square", "non-square npy");
    expect_err(file("be.npy", NULL), "not supported", "big-endian npy");
    expect_ok(file("i.npy", NULL), 4, 1, "npy int64");
    expect_err(file("cx.npy", NULL), "not supported", "complex npy");
    expect_err(file("v.npy", NULL), "not square", "1-D npy");
    expect_err(file("t.npy", NULL), "truncated", "npy shorter than its shape");
    FILE *big = fopen(file("big.npy", NULL), "wb");
    const char hdr[] = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }";
    unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, sizeof hdr - 1, 0};
    fwrite(pre, 1, 10, big);
    fwrite(hdr, 1, sizeof hdr - 1, big);
    fclose(big);
    expect_err(file("big.npy", NULL), "over the limit of 32768 nodes", "npy claiming a huge shape (refused before allocating)");
    test_msgpack();
    test_save();
    test_paths();
    test_sources();
    const char *shared = getenv("WC_SHARED");
    char hcp[512];
    snprintf(hcp, sizeof hcp, "%s/hcp80/Cmat.tsv", shared ? shared : "../shared/data");
    if (access(hcp, R_OK) == 0) {
        wc_matrix m;
        OK(wc_matfile_load(hcp, &m) == 0 && m.n == 80, "hcp80 Cmat.tsv: 80 x 80");
        wc_matrix_free(&m);
    } else {
        printf("skip - hcp80: %s absent\n", hcp);
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) return 1;
    return tap_done();
}
