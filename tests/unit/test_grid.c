/* test_grid.c — grids, their numbering, shards, the grid hash and header, and the merge
 * of a sharded run's parts (lib/wc_grid.c).  Files go to a mkdtemp directory under
 * /tmp, removed at the end. */
#include "tap.h"
#include "wckit/wc_err.h"
#include "wckit/wc_grid.h"
#include "wckit/wc_hdr.h"
#include "wckit/wc_params.h"
#include "wckit/wc_stream.h"

#include <dirent.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[64];

/* dir/name in one of a few rotating buffers. */
static const char *tpath(const char *name)
{
    static char bufs[8][256];
    static int k;
    char *b = bufs[k++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", tmpdir, name);
    return b;
}

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    *n = 0;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)len + 1);
    *n = fread(b, 1, (size_t)len, f);
    b[*n] = '\0';
    fclose(f);
    return b;
}

static int same_files(const char *a, const char *b)
{
    size_t na, nb;
    char *x = read_file(a, &na), *y = read_file(b, &nb);
    int same = x && y && na == nb && memcmp(x, y, na) == 0;
    free(x);
    free(y);
    return same;
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d));) {
        char p[512];
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (unlink(p) < 0) remove_tree(p);
    }
    closedir(d);
    rmdir(dir);
}

/* A grid from up to three axis specs (NULL ends). */
static int make_grid(wc_grid *g, const char *a, const char *b, const char *c)
{
    wc_grid_init(g);
    const char *spec[3] = { a, b, c };
    for (int i = 0; i < 3 && spec[i]; i++)
        if (wc_grid_add_axis(g, spec[i], WC_CONV_WC) < 0) return -1;
    return 0;
}

static void test_axes(void)
{
    wc_grid g;
    int rc = make_grid(&g, "I_E=0:5.5:0.05", NULL, NULL);
    OK(rc == 0 && g.npoints == 110, "0:5.5:0.05 is 110 points (%lld)", g.npoints);
    rc = make_grid(&g, "I_E=0:1/5", "wEE=8:20:0.5", "tau_I=1:2/3");
    OK(rc == 0 && g.npoints == 5 * 24 * 3, "3 axes: 5 x 24 x 3 = %lld", g.npoints);
    OK(wc_grid_ncols(&g) == 3 && strcmp(wc_grid_col(&g, 0), "I_E") == 0 && strcmp(wc_grid_col(&g, 2), "tau_I") == 0,
       "columns are the axes' names");
    OK(strcmp(g.axis[1].text, "wEE=8:20:0.5") == 0, "axis text kept: %s", g.axis[1].text);
    wc_params base, p;
    double v[3];
    wc_params_init(&base);
    int good = 1;
    for (long long i = 0; i < g.npoints; i++) {
        long long a = i / 72, b = i / 3 % 24, c = i % 3;    /* row-major: the first axis slowest */
        wc_grid_point(&g, i, &base, &p, v);
        double ie = a == 4 ? 1.0 : a * 0.25, wee = 8 + b * 0.5, taui = c == 2 ? 2.0 : 1 + c * 0.5;
        good &= p.I_E == ie && p.wEE == wee && p.tau_I == taui && v[0] == ie && v[1] == wee && v[2] == taui;
        good &= p.wEI == base.wEI && p.tau_E == base.tau_E;
    }
    OK(good, "row-major point values, base kept elsewhere");
    wc_grid_point(&g, 0, &base, &p, NULL);
    OK(p.I_E == 0 && p.wEE == 8, "vals may be NULL");

    wc_grid_init(&g);
    OK(g.npoints == 1 && wc_grid_ncols(&g) == 0, "the empty grid is one point");
    OK(wc_grid_add_axis(&g, "wEI=1:2/2", WC_CONV_BRAINMASS) == 0 && g.axis[0].par == WC_P_WIE &&
           strcmp(g.axis[0].text, "wIE=1:2/2") == 0, "brainmass names read and written in ours: %s", g.axis[0].text);

    static const struct { const char *a, *b, *msg; } bad[] = {
        { "foo=0:1/3", NULL, "unknown parameter 'foo'" },
        { "I_E=0:1/3", "I_E=1:2/3", "I_E is on an axis already" },
        { "tau_E=0:1/3", NULL, "tau_E must be > 0" },
        { "tau_E=2:-1:-1", NULL, "(its last point)" },
        { "r=-1", NULL, "r must be >= 0" },
        { "rE0=0:2e6/3", NULL, "rE0 must be within" },
        { "I_E=0:1:0", NULL, "the step is 0" },
        { "I_E=1:0:0.1", NULL, "no points" },
        { "I_E", NULL, "expected NAME=RANGE" },
        { "=0:1/3", NULL, "expected NAME=RANGE" },
        { "I_E=", NULL, "I_E=" },
        { "I_E=0:1/0", NULL, "N after '/'" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rc = make_grid(&g, bad[i].a, bad[i].b, NULL);
        OK(rc < 0 && strstr(wc_errmsg(), bad[i].msg), "'%s' refused: %s", bad[i].b ? bad[i].b : bad[i].a, wc_errmsg());
    }
    OK(make_grid(&g, "I_E=0:1/3", "wEE=0:1/3", "wII=0:1/3") == 0 && wc_grid_add_axis(&g, "r=0:1/3", 0) < 0 &&
           strstr(wc_errmsg(), "at most 3 axes") && g.npoints == 27, "a fourth axis refused, the grid unchanged: %s", wc_errmsg());
    OK(make_grid(&g, "I_E=0:1/2147483647", "wEE=0:1/2147483647", NULL) == 0 && g.npoints == 4611686014132420609LL,
       "(2^31 - 1)^2 points fit under 2^62");
    OK(wc_grid_add_axis(&g, "wII=0:1/2", WC_CONV_WC) < 0 && strstr(wc_errmsg(), "more than 2^62 points") &&
           g.npoints == 4611686014132420609LL && g.naxes == 2, "over 2^62 points refused: %s", wc_errmsg());
    char longspec[200];
    snprintf(longspec, sizeof longspec, "I_E=0:1/%0150d", 3);
    OK(make_grid(&g, longspec, NULL, NULL) < 0 && strstr(wc_errmsg(), "longer than"), "over-long axis text: %s", wc_errmsg());
}

static void test_table(void)
{
    wc_params base, rows[4], p;
    wc_params_init(&base);
    for (int i = 0; i < 4; i++) {
        rows[i] = base;
        rows[i].I_E = 0.5 * i;
        rows[i].wEE = 10 + i;
    }
    unsigned long cols = 1UL << WC_P_I_E | 1UL << WC_P_WEE;
    wc_grid g;
    wc_grid_init(&g);
    OK(wc_grid_set_table(&g, rows, 4, cols) == 0 && g.npoints == 4, "a table of 4 rows is 4 points");
    OK(wc_grid_ncols(&g) == 2 && strcmp(wc_grid_col(&g, 0), "wEE") == 0 && strcmp(wc_grid_col(&g, 1), "I_E") == 0 &&
           wc_grid_col(&g, 2) == NULL, "table columns in parameter-id order");
    double v[WC_NPARAM];
    base.tau_I = 3;
    wc_grid_point(&g, 2, &base, &p, v);
    OK(p.I_E == 1 && p.wEE == 12 && p.tau_I == 3 && v[0] == 12 && v[1] == 1, "a table point: its columns over base");
    OK(wc_grid_add_axis(&g, "wII=0:1/3", WC_CONV_WC) < 0 && strstr(wc_errmsg(), "not both"), "axes after a table refused");
    wc_grid_init(&g);
    OK(wc_grid_set_table(&g, rows, 0, cols) < 0 && strstr(wc_errmsg(), "no rows"), "an empty table refused");
    wc_grid_add_axis(&g, "wII=0:1/3", WC_CONV_WC);
    OK(wc_grid_set_table(&g, rows, 4, cols) < 0 && strstr(wc_errmsg(), "not both"), "a table after axes refused");
}

static void test_shard_parse(void)
{
    static const struct { const char *text; long long k, n; } good[] = {
        { "0/1", 0, 1 }, { "3/4", 3, 4 }, { "06/10", 6, 10 }, { "999999/1000000", 999999, 1000000 },
    };
    wc_shard s;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        OK(wc_shard_parse(good[i].text, &s) == 0 && s.k == good[i].k && s.n == good[i].n, "shard '%s'", good[i].text);
    static const struct { const char *text, *msg; } bad[] = {
        { "4/4", "K must be below N (0 to 3)" }, { "0/0", "N must be >= 1" }, { "-1/4", "K must be a whole number" },
        { "+1/4", "K must be a whole number" }, { " 1/4", "K must be" }, { "1/4 ", "N must be" }, { "1.0/4", "K must be" },
        { "a/4", "K must be" }, { "1/", "N must be" }, { "/4", "K must be" }, { "1/4x", "N must be" },
        { "1/4/5", "N must be" }, { "3", "expected K/N" }, { "", "expected K/N" }, { "1/2000000", "more than 1000000 shards" },
        { "1/99999999999999999999", "more than 1000000 shards" }, { "1/1k", "N must be" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        OK(wc_shard_parse(bad[i].text, &s) < 0 && strstr(wc_errmsg(), bad[i].msg), "shard '%s' refused: %s", bad[i].text,
           wc_errmsg());
}

/* floor(k m / n) the plain way, for comparison. */
static long long ref_start(long long k, long long n, long long m)
{
    return (long long)((unsigned __int128)k * (unsigned long long)m / (unsigned long long)n);
}

/* The blocks of 0..n-1 partition 0..m-1 in order and are floor(k m / n). */
static int partition_ok(long long m, long long n, long long step)
{
    long long prev_end = 0;
    for (long long k = 0; k < n; k += k + step < n || k == n - 1 ? step : n - 1 - k) {
        wc_shard s = { k, n };
        long long b, e;
        wc_shard_range(&s, m, &b, &e);
        if (b != ref_start(k, n, m) || e != ref_start(k + 1, n, m) || b > e) return 0;
        if (step == 1 && b != prev_end) return 0;
        prev_end = e;
        if (k == n - 1) return e == m;
    }
    return 0;
}

static void test_shard_range(void)
{
    int good = 1;
    for (long long m = 0; m <= 60; m++)
        for (long long n = 1; n <= 70; n++) good &= partition_ok(m, n, 1);
    OK(good, "blocks partition 0..M-1 for M <= 60, N <= 70 (N > M: empty shards)");
    wc_shard s = { 5, 7 };
    long long b, e;
    wc_shard_range(&s, 3, &b, &e);
    OK(b == 2 && e == 2, "shard 5/7 of 3 points is empty at 2");
    wc_shard_range(&s, 110, &b, &e);
    OK(b == 78 && e == 94, "shard 5/7 of 110: [78, 94)");
    static const long long big[] = { (1LL << 62), (1LL << 62) - 1, 4611686014132420609LL, (1LL << 53) + 1, 1000003 };
    static const long long ns[] = { 1, 2, 3, 7, 1000, 999983, 1000000 };
    good = 1;
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
        for (size_t j = 0; j < sizeof ns / sizeof ns[0]; j++) {
            long long n = ns[j];
            good &= partition_ok(big[i], n, n < 10000 ? 1 : 997);
            long long prev = 0;   /* contiguity at every K for the big N too */
            for (long long k = 0; k < n && n >= 10000; k++) {
                wc_shard t = { k, n };
                wc_shard_range(&t, big[i], &b, &e);
                good &= b == prev && e >= b;
                prev = e;
            }
            good &= n < 10000 || prev == big[i];
        }
    OK(good, "blocks of M near 2^62 (N up to 10^6) are exact and contiguous");
}

static void test_hash_hdr(void)
{
    wc_grid g, h;
    make_grid(&g, "I_E=0:5.5:0.05", "wEE=8:20/25", NULL);
    uint64_t base = wc_grid_hash(&g, "T=1000 ics=4");
    make_grid(&h, "I_E=0.0:5.50:0.050", "wEE=8:2e1/25", NULL);
    OK(wc_grid_hash(&h, "T=1000 ics=4") == base, "the same grid written differently: the same hash");
    OK(wc_grid_hash(&g, "T=1000 ics=4") == base, "the hash is a function");
    static const char *const changed[][2] = {
        { "I_E=0:5.5:0.1", "wEE=8:20/25" }, { "I_E=0.05:5.5:0.05", "wEE=8:20/25" }, { "I_E=0:5.51:0.05", "wEE=8:20/25" },
        { "I_E=0:5.5:0.05", "wEE=8:20/26" }, { "I_E=0:5.5:0.05", "wEE=8:21/25" }, { "I_E=0:5.5:0.05", "wEI=8:20/25" },
        { "wEE=8:20/25", "I_E=0:5.5:0.05" }, { "I_E=0:5.5:0.05", "wEE=8" }, { "I_E=0:5.5:0.05", "wEE=8:20:0.5" },
        { "I_E=0:5.46:0.05", "wEE=8:20/25" },   /* the same points, another B: still another grid */
        { "I_E=0:5.5:0.05", NULL },
    };
    int differ = 1;
    for (size_t i = 0; i < sizeof changed / sizeof changed[0]; i++) {
        make_grid(&h, changed[i][0], changed[i][1], NULL);
        differ &= wc_grid_hash(&h, "T=1000 ics=4") != base;
    }
    OK(differ, "any axis change changes the hash");
    OK(wc_grid_hash(&g, "T=1000 ics=5") != base && wc_grid_hash(&g, "") != base && wc_grid_hash(&g, NULL) == wc_grid_hash(&g, ""),
       "an options change changes it; NULL is \"\"");
    make_grid(&h, "I_E=0:5.5:0.05", "wEE=8:20/25", "wII=11");
    OK(wc_grid_hash(&h, "T=1000 ics=4") != base, "a third axis, even of one point, changes it");
    wc_grid_init(&h);
    wc_grid_add_axis(&h, "wIE=1:2/3", WC_CONV_BRAINMASS);
    make_grid(&g, "wEI=1:2/3", NULL, NULL);
    OK(wc_grid_hash(&h, "") == wc_grid_hash(&g, ""), "brainmass names hash as ours");

    wc_params rows[3];
    wc_params_init(&rows[0]);
    rows[1] = rows[2] = rows[0];
    rows[1].I_E = 1;
    wc_grid_init(&g);
    wc_grid_set_table(&g, rows, 3, 1UL << WC_P_I_E);
    uint64_t t0 = wc_grid_hash(&g, "");
    rows[2].I_E = 1e-300;
    uint64_t t1 = wc_grid_hash(&g, "");
    rows[2].wEE = 99;   /* not a table column: does not count */
    OK(t0 != t1 && wc_grid_hash(&g, "") == t1, "a table value changes the hash, other parameters do not");

    make_grid(&g, "I_E=0:5.5:0.05", "wEE=8:20/25", NULL);
    wc_hdr *hd = wc_hdr_new();
    wc_hdr_add(hd, "model", "wilson-cowan");
    wc_shard s = { 2, 7 };
    OK(wc_grid_hdr(&g, 0x0123456789abcdefULL, &s, hd) == 0, "header lines written");
    wc_hdr_add(hd, "dt", "0.01");
    OK(wc_grid_hdr(&g, 0xfedcba9876543210ULL, NULL, hd) == 0, "and rewritten without the shard");
    wc_hdr_add(hd, "grid.shard", "x");
    char *text = wc_hdr_text(hd, 0, NULL);
    OK(text && strcmp(text, "## model wilson-cowan\n## dt 0.01\n## grid.axis I_E=0:5.5:0.05\n## grid.axis wEE=8:20/25\n"
                            "## grid.points 2750\n## grid.hash fedcba9876543210\n## grid.shard x\n") == 0,
       "header text (grid lines replaced, in place of none)");
    free(text);
    wc_hdr_free(hd);
    hd = wc_hdr_new();
    wc_grid_hdr(&g, 0x0123456789abcdefULL, &s, hd);
    text = wc_hdr_text(hd, 0, NULL);
    OK(text && strstr(text, "## grid.hash 0123456789abcdef\n## grid.shard 2/7\n## grid.block 785 1178\n"), "shard lines");
    free(text);
    wc_hdr_free(hd);
    hd = wc_hdr_new();
    wc_grid_init(&g);
    wc_grid_set_table(&g, rows, 3, 1UL << WC_P_I_E);
    wc_grid_hdr(&g, 1, NULL, hd);
    text = wc_hdr_text(hd, 0, NULL);
    OK(text && strcmp(text, "## grid.table 3 rows\n## grid.points 3\n## grid.hash 0000000000000001\n") == 0, "table header");
    free(text);
    wc_hdr_free(hd);
}

/* ---- merge ---- */

/* What a part writes, and how it may be spoiled. */
enum { SPOIL_NONE, SPOIL_GAP, SPOIL_SHORT, SPOIL_OUTSIDE, SPOIL_BACK, SPOIL_COLS, SPOIL_NOTINT, SPOIL_HDR, SPOIL_NONE_CMD };

static wc_grid mg_grid;    /* 5 x 5 = 25 points */
static int mg_nrows;       /* write_run writes an "nrows" line */

static int nrep(long long i) { return 1 + (i % 3 == 0) + (i % 7 == 0); }

/* The synthetic run: rows of [index, I_E, wEE, value], several rows for some points;
 * s NULL: the unsharded run. */
static int write_run(const char *path, int otype, const char *options, const wc_shard *s, int spoil)
{
    wc_hdr *h = wc_hdr_new();
    wc_hdr_add(h, "model", "wilson-cowan");
    long long b = 0, e = mg_grid.npoints, rows = 0;
    if (s) wc_shard_range(s, mg_grid.npoints, &b, &e);
    for (long long i = b; i < e; i++) rows += nrep(i);
    if (mg_nrows) wc_hdr_add(h, "nrows", "%lld", rows);
    if (spoil == SPOIL_NONE_CMD && s) wc_hdr_add(h, "cmd", "test_grid --shard %lld/%lld", s->k, s->n);
    wc_grid_hdr(&mg_grid, wc_grid_hash(&mg_grid, options), s, h);
    wc_hdr_add(h, "dt", "%s", spoil == SPOIL_HDR ? "0.02" : "0.01");
    const char *cols[] = { "i", "I_E", "wEE", spoil == SPOIL_COLS ? "rI" : "rE" };
    wc_hdr_set_cols(h, 4, cols);
    wc_stream_writer *w = wc_stream_writer_open(path, otype, h, NULL);
    wc_hdr_free(h);
    if (!w) return -1;
    wc_params base, p;
    wc_params_init(&base);
    long long gap = b + (e - b) / 2;
    for (long long i = b; i < e; i++) {
        if ((spoil == SPOIL_GAP && i == gap) || (spoil == SPOIL_SHORT && i == e - 1)) continue;
        double v[4];
        wc_grid_point(&mg_grid, i, &base, &p, v + 1);
        for (int j = 0; j < nrep(i); j++) {
            v[0] = (double)i;
            v[3] = sin(0.37 * (double)i + j) / 3;
            wc_stream_writer_row(w, v);
        }
    }
    if (spoil == SPOIL_OUTSIDE) {
        double v[4] = { (double)e, 0, 0, 0 };
        wc_stream_writer_row(w, v);
    }
    if (spoil == SPOIL_BACK) {
        double v[4] = { (double)b, 0, 0, 0 };
        wc_stream_writer_row(w, v);
    }
    if (spoil == SPOIL_NOTINT) {
        double v[4] = { (double)e - 0.5, 0, 0, 0 };
        wc_stream_writer_row(w, v);
    }
    return wc_stream_writer_close(w);
}

/* Parts p0..p(n-1) of an n-shard run (names "NAME-K" + ext). */
static void write_parts(const char *name, const char *ext, int otype, long long n, const char *options, int spoil_k, int spoil)
{
    for (long long k = 0; k < n; k++) {
        char fn[64];
        snprintf(fn, sizeof fn, "%s-%lld%s", name, k, ext);
        wc_shard s = { k, n };
        if (write_run(tpath(fn), otype, options, &s, k == spoil_k ? spoil : SPOIL_NONE) < 0)
            printf("# write_run %s: %s\n", fn, wc_errmsg());
    }
}

/* Merge parts named NAME-K+ext in a shuffled order (perm a permutation seed); extra
 * parts by name after them. */
static int merge(const char *name, const char *ext, long long n, const char *out, int otype, unsigned seed, const char *more)
{
    const char *paths[64];
    static char names[64][256];
    size_t np = 0;
    for (long long k = 0; k < n; k++) {
        snprintf(names[k], sizeof names[k], "%s/%s-%lld%s", tmpdir, name, k, ext);
        paths[np++] = names[k];
    }
    for (size_t i = np; seed && i > 1; i--) {    /* Fisher-Yates with a tiny LCG (seed 0: in K order) */
        seed = seed * 1103515245u + 12345u;
        size_t j = (seed >> 8) % i;
        const char *t = paths[i - 1];
        paths[i - 1] = paths[j];
        paths[j] = t;
    }
    if (more) paths[np++] = more;
    return wc_grid_merge(paths, np, NULL, out, otype, NULL);
}

static void test_merge_identical(void)
{
    make_grid(&mg_grid, "I_E=0:1/5", "wEE=10:14/5", NULL);
    const char *opts = "T=100";
    static const struct { int type; const char *ext; } types[] = {
        { WC_OUT_TSV, ".tsv" }, { WC_OUT_BIN, ".wcb" }, { WC_OUT_BINGZ, ".wcb.gz" }, { WC_OUT_TSVGZ, ".tsv.gz" },
    };
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        char full[32], out[32];
        snprintf(full, sizeof full, "full%s", types[t].ext);
        snprintf(out, sizeof out, "merged%s", types[t].ext);
        OK(write_run(tpath(full), types[t].type, opts, NULL, SPOIL_NONE) == 0, "unsharded run -O%c", types[t].type);
        static const long long ns[] = { 1, 2, 3, 7, 30 };
        for (size_t j = 0; j < sizeof ns / sizeof ns[0]; j++) {
            write_parts("p", types[t].ext, types[t].type, ns[j], opts, -1, SPOIL_NONE);
            int rc = merge("p", types[t].ext, ns[j], tpath(out), types[t].type, (unsigned)(7 * j + t), NULL);
            OK(rc == 0 && same_files(tpath(out), tpath(full)), "-O%c: %lld shards merged (shuffled) = the unsharded run%s%s",
               types[t].type, ns[j], rc ? ": " : "", rc ? wc_errmsg() : "");
        }
    }
    /* parts of one type merged into another; provenance lines may differ */
    for (long long k = 0; k < 3; k++) {
        char fn[32];
        snprintf(fn, sizeof fn, "c-%lld.wcb.gz", k);
        wc_shard s = { k, 3 };
        write_run(tpath(fn), WC_OUT_BINGZ, opts, &s, SPOIL_NONE_CMD);
    }
    int rc = merge("c", ".wcb.gz", 3, tpath("m.tsv"), WC_OUT_TSV, 5, NULL);
    size_t n;
    char *text = read_file(tpath("m.tsv"), &n);
    OK(rc == 0 && text && strstr(text, "## model wilson-cowan\n## cmd test_grid --shard 0/3\n## grid.axis"),
       "gzip binary parts with cmd lines merge into TSV, with part 0's cmd line");
    free(text);
    /* the same, with the merging tool's provenance */
    wc_hdr *extra = wc_hdr_new();
    wc_hdr_add(extra, "cmd", "wc-sweep --merge c-*.wcb.gz");
    const char *paths[3] = { tpath("c-2.wcb.gz"), tpath("c-0.wcb.gz"), tpath("c-1.wcb.gz") };
    rc = wc_grid_merge(paths, 3, extra, tpath("m2.tsv"), WC_OUT_TSV, NULL);
    wc_hdr_free(extra);
    text = read_file(tpath("m2.tsv"), &n);
    OK(rc == 0 && text && strstr(text, "## grid.hash ") && strstr(text, "## dt 0.01\n## cmd wc-sweep --merge c-*.wcb.gz\n# i\t"),
       "extra lines go after the parts' header");
    OK(text && !strstr(text, "grid.shard") && !strstr(text, "grid.block"), "no shard lines in the merged header");
    free(text);
    /* parts that promise their row counts: the merge promises the total */
    mg_nrows = 1;
    write_run(tpath("full-n.wcb"), WC_OUT_BIN, opts, NULL, SPOIL_NONE);
    write_parts("pn", ".wcb", WC_OUT_BIN, 3, opts, -1, SPOIL_NONE);
    rc = merge("pn", ".wcb", 3, tpath("mn.wcb"), WC_OUT_BIN, 9, NULL);
    text = read_file(tpath("mn.wcb"), &n);
    OK(rc == 0 && same_files(tpath("mn.wcb"), tpath("full-n.wcb")) && strstr(text, "## nrows 38\n"),
       "parts with nrows lines: the merged header has the total%s%s", rc ? ": " : "", rc ? wc_errmsg() : "");
    free(text);
    text = read_file(tpath("pn-1.wcb"), &n);
    FILE *f = fopen(tpath("pn-1.wcb"), "wb");
    fwrite(text, 1, n - 4 * sizeof(double), f);    /* one whole row less */
    fclose(f);
    free(text);
    rc = merge("pn", ".wcb", 3, tpath("mn2.wcb"), WC_OUT_BIN, 9, NULL);
    OK(rc < 0 && strstr(wc_errmsg(), "pn-1.wcb: truncated input: header promises 12 rows, found 11") &&
           access(tpath("mn2.wcb"), F_OK) != 0, "a part cut at a row boundary, caught by its nrows: %s", wc_errmsg());
    mg_nrows = 0;
    /* a part on stdin */
    write_parts("s", ".wcb", WC_OUT_BIN, 2, opts, -1, SPOIL_NONE);
    write_run(tpath("full.wcb"), WC_OUT_BIN, opts, NULL, SPOIL_NONE);
    int saved = dup(0);
    f = freopen(tpath("s-1.wcb"), "rb", stdin);
    const char *sp[2] = { "-", tpath("s-0.wcb") };
    rc = f ? wc_grid_merge(sp, 2, NULL, tpath("ms.wcb"), WC_OUT_BIN, NULL) : -1;
    OK(rc == 0 && same_files(tpath("ms.wcb"), tpath("full.wcb")), "a part on stdin%s%s", rc ? ": " : "", rc ? wc_errmsg() : "");
    dup2(saved, 0);
    close(saved);
}

/* The merge fails with a message containing msg, and leaves no output. */
static void merge_fails(int rc, const char *msg, const char *what)
{
    OK(rc < 0 && strstr(wc_errmsg(), msg) && access(tpath("bad.tsv"), F_OK) != 0, "%s: %s", what, wc_errmsg());
}

static void test_merge_errors(void)
{
    const char *opts = "T=100";
    write_parts("e", ".tsv", WC_OUT_TSV, 3, opts, -1, SPOIL_NONE);
    const char *bad = tpath("bad.tsv");
    /* another grid: a part of a run with other options */
    write_parts("o", ".tsv", WC_OUT_TSV, 3, "T=200", -1, SPOIL_NONE);
    const char *p3[3] = { tpath("e-0.tsv"), tpath("o-1.tsv"), tpath("e-2.tsv") };
    merge_fails(wc_grid_merge(p3, 3, NULL, bad, WC_OUT_TSV, NULL), "differs from", "a part of another grid");
    OK(strstr(wc_errmsg(), "o-1.tsv: grid.hash"), "the message names the part");
    const char *p2[2] = { tpath("e-0.tsv"), tpath("e-2.tsv") };
    merge_fails(wc_grid_merge(p2, 2, NULL, bad, WC_OUT_TSV, NULL), "shard 1/3 is missing", "a missing part");
    const char *p1[1] = { tpath("e-2.tsv") };
    merge_fails(wc_grid_merge(p1, 1, NULL, bad, WC_OUT_TSV, NULL), "shard 0/3 is missing, and 1 other", "two missing parts");
    merge_fails(merge("e", ".tsv", 3, bad, WC_OUT_TSV, 1, tpath("e-1.tsv")), "e-1.tsv: given twice", "a part given twice");
    write_parts("r", ".tsv", WC_OUT_TSV, 3, opts, -1, SPOIL_NONE);
    merge_fails(merge("e", ".tsv", 3, bad, WC_OUT_TSV, 0, tpath("r-1.tsv")), "r-1.tsv: shard 1/3 given twice (", "a repeated shard");
    /* shards of another N */
    write_parts("n", ".tsv", WC_OUT_TSV, 2, opts, -1, SPOIL_NONE);
    const char *pn[3] = { tpath("e-0.tsv"), tpath("n-1.tsv"), tpath("e-2.tsv") };
    merge_fails(wc_grid_merge(pn, 3, NULL, bad, WC_OUT_TSV, NULL), "shard 1/2, but", "shards of different N");
    static const struct { int spoil, k; const char *msg, *what; } rows[] = {
        { SPOIL_GAP, 1, "is missing (the rows jump to", "a gap" },
        { SPOIL_GAP, 2, "is missing", "a gap in the last part" },
        { SPOIL_SHORT, 1, "index 15 is missing (the part ends after 10 rows; its block ends at 15)", "a part short of its block's end" },
        { SPOIL_OUTSIDE, 0, "outside the block of shard 0/3 (0 to 7)", "a row outside its block" },
        { SPOIL_OUTSIDE, 2, "is not a grid index (0 to 24)", "an index past the grid" },
        { SPOIL_BACK, 1, "(the indices go back)", "an index going back" },
        { SPOIL_NOTINT, 1, "is not a grid index", "a fractional index" },
        { SPOIL_COLS, 2, "column 4 is 'rI'", "different columns" },
        { SPOIL_HDR, 1, "header line 'dt 0.02' differs", "another header line" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        write_parts("x", ".tsv", WC_OUT_TSV, 3, opts, rows[i].k, rows[i].spoil);
        merge_fails(merge("x", ".tsv", 3, bad, WC_OUT_TSV, 0, NULL), rows[i].msg, rows[i].what);
        char want[32];
        snprintf(want, sizeof want, "x-%d.tsv: ", rows[i].k);
        OK(strstr(wc_errmsg(), want) != NULL, "%s: the message names part %d", rows[i].what, rows[i].k);
    }
    /* a truncated binary part: cut inside its last row */
    write_parts("t", ".wcb", WC_OUT_BIN, 3, opts, -1, SPOIL_NONE);
    size_t n;
    char *data = read_file(tpath("t-1.wcb"), &n);
    FILE *f = fopen(tpath("t-1.wcb"), "wb");
    fwrite(data, 1, n - 5, f);
    fclose(f);
    free(data);
    merge_fails(merge("t", ".wcb", 3, bad, WC_OUT_TSV, 2, NULL), "t-1.wcb: truncated input", "a truncated binary part");
    /* a truncated gzip part */
    write_parts("g", ".wcb.gz", WC_OUT_BINGZ, 3, opts, -1, SPOIL_NONE);
    data = read_file(tpath("g-2.wcb.gz"), &n);
    f = fopen(tpath("g-2.wcb.gz"), "wb");
    fwrite(data, 1, n - 6, f);
    fclose(f);
    free(data);
    merge_fails(merge("g", ".wcb.gz", 3, bad, WC_OUT_TSV, 2, NULL), "g-2.wcb.gz: ", "a truncated gzip part");
    /* a file that is no part */
    write_run(tpath("whole.tsv"), WC_OUT_TSV, opts, NULL, SPOIL_NONE);
    const char *pw[2] = { tpath("e-0.tsv"), tpath("whole.tsv") };
    merge_fails(wc_grid_merge(pw, 2, NULL, bad, WC_OUT_TSV, NULL), "whole.tsv: no grid.shard line", "an unsharded stream");
    const char *pm[2] = { tpath("e-0.tsv"), tpath("nonexistent.tsv") };
    merge_fails(wc_grid_merge(pm, 2, NULL, bad, WC_OUT_TSV, NULL), "nonexistent.tsv: cannot open", "a missing file");
    merge_fails(wc_grid_merge(pm, 0, NULL, bad, WC_OUT_TSV, NULL), "no parts", "no parts at all");
    const char *ps[2] = { "-", "-" };
    merge_fails(wc_grid_merge(ps, 2, NULL, bad, WC_OUT_TSV, NULL), "stdin given as a part twice", "stdin twice");
    /* an existing output stays as it was */
    f = fopen(bad, "w");
    fputs("keep\n", f);
    fclose(f);
    write_parts("y", ".tsv", WC_OUT_TSV, 3, opts, 2, SPOIL_GAP);    /* found while copying rows */
    int rc = merge("y", ".tsv", 3, bad, WC_OUT_TSV, 0, NULL);
    data = read_file(bad, &n);
    OK(rc < 0 && data && strcmp(data, "keep\n") == 0, "a failed merge leaves an existing output alone: %s", wc_errmsg());
    free(data);
    unlink(bad);
}

/* Tool-defined axes (wc-explore's k, speed, sigma) beside model parameters. */
static int positive(double v) { return v > 0 ? 0 : wc_seterr("must be > 0"); }
static void test_extras(void)
{
    static const wc_grid_extra x[] = {{"k", NULL}, {"speed", positive}};
    static const wc_grid_extra clash[] = {{"wEE", NULL}};
    static const wc_grid_extra twice[] = {{"k", NULL}, {"k", NULL}};
    wc_grid g, h;
    wc_params base, p;
    wc_params_init(&base);
    wc_grid_init(&g);
    OK(wc_grid_set_extras(&g, clash, 1) < 0 && strstr(wc_errmsg(), "is a model parameter"), "extras: a parameter's name is refused");
    OK(wc_grid_set_extras(&g, twice, 2) < 0, "extras: a name twice is refused");
    OK(wc_grid_add_axis(&g, "k=0:1/3", WC_CONV_WC) < 0 && strstr(wc_errmsg(), "unknown parameter 'k'"), "no extras: k is unknown");
    OK(wc_grid_set_extras(&g, x, 2) == 0, "extras set");
    OK(wc_grid_add_axis(&g, "k=0:1/3", WC_CONV_WC) == 0, "axis on extra k");
    OK(wc_grid_add_axis(&g, "I_E=0:1/2", WC_CONV_WC) == 0, "then a parameter axis");
    OK(wc_grid_add_axis(&g, "speed=-1:1/2", WC_CONV_WC) < 0 && strstr(wc_errmsg(), "must be > 0"), "an extra's check applies");
    OK(wc_grid_set_extras(&g, x, 2) < 0, "extras after axes are refused");
    OK(g.npoints == 6 && wc_grid_ncols(&g) == 2 && !strcmp(wc_grid_col(&g, 0), "k") && !strcmp(wc_grid_col(&g, 1), "I_E"),
       "6 points, columns k, I_E");
    double vals[2];
    wc_grid_point(&g, 3, &base, &p, vals);   /* k index 1, I_E index 1 */
    OK(vals[0] == 0.5 && vals[1] == 1 && p.I_E == 1 && memcmp(&p.v[0], &base.v[0], WC_P_I_E * sizeof(double)) == 0,
       "point 3: k = 0.5 in vals only, I_E = 1 in the parameters");
    OK(wc_grid_extra_value(&g, 3, 0, -7) == 0.5 && wc_grid_extra_value(&g, 5, 0, -7) == 1 && wc_grid_extra_value(&g, 3, 1, -7) == -7,
       "wc_grid_extra_value: the axis's value, or the default without an axis");
    wc_grid_init(&h);
    wc_grid_set_extras(&h, x, 2);
    wc_grid_add_axis(&h, "k=0.0:1.00/3", WC_CONV_WC);
    wc_grid_add_axis(&h, "I_E=0:1/2", WC_CONV_WC);
    OK(wc_grid_hash(&g, "o") == wc_grid_hash(&h, "o"), "extras: equal grids written differently hash the same");
    wc_hdr *hd = wc_hdr_new();
    OK(wc_grid_hdr(&g, 1, NULL, hd) == 0 && !strcmp(g.axis[0].text, "k=0:1/3") && wc_hdr_get(hd, "grid.axis") &&
       !strcmp(wc_hdr_get(hd, "grid.axis"), "I_E=0:1/2"), "header: grid.axis lines k=0:1/3 and I_E=0:1/2");
    wc_hdr_free(hd);
}

int main(void)
{
    strcpy(tmpdir, "/tmp/test_grid.XXXXXX");
    if (!mkdtemp(tmpdir)) return 1;
    test_axes();
    test_table();
    test_extras();
    test_shard_parse();
    test_shard_range();
    test_hash_hdr();
    test_merge_identical();
    test_merge_errors();
    remove_tree(tmpdir);
    return tap_done();
}
