/* test_stim.c — the stimulus grammar: values at the edges, node subsets, errors, and
 * file drives held from each row's time. */
#include "tap.h"
#include "wckit/wc_clock.h"
#include "wckit/wc_err.h"
#include "wckit/wc_stim.h"

#include <stdlib.h>
#include <unistd.h>

static double value(wc_stim *s, long long n, double t)
{
    double v = NAN;
    wc_stim_value(s, n, t, &v);
    return v;
}

static void test_shapes(void)
{
    wc_clock c;
    wc_clock_init(&c, 0.1);
    wc_stim *p = wc_stim_parse("E:pulse(100,110,2)");
    OK(p && wc_stim_pop(p) == WC_POP_E, "pulse parses, population E");
    OK(value(p, 1000, wc_clock_t(&c, 1000)) == 0, "pulse off at t = t0 (strict)");
    OK(value(p, 1001, wc_clock_t(&c, 1001)) == 2, "pulse on just after t0");
    OK(value(p, 1099, wc_clock_t(&c, 1099)) == 2, "pulse on just before t1");
    OK(value(p, 1100, wc_clock_t(&c, 1100)) == 0, "pulse off at t = t1 (strict)");
    wc_stim *st = wc_stim_parse("I:step(200,1)");
    OK(st && wc_stim_pop(st) == WC_POP_I, "step parses, population I");
    OK(value(st, 2000, 200.0) == 0 && value(st, 2001, 200.1) == 1, "step: off at t0, on after");
    wc_stim *r = wc_stim_parse("E:ramp(0,1000,0,2)");
    OK(value(r, 0, 0) == 0 && value(r, 1, 500) == 1 && value(r, 2, 1000) == 2 && value(r, 3, 5000) == 2,
       "ramp: 0 at t0, linear, held after t1");
    wc_stim *r2 = wc_stim_parse("E:ramp(10,20,1,3)");
    OK(value(r2, 0, 5) == 0 && value(r2, 1, 15) == 2, "ramp before t0 contributes 0");
    wc_stim *r3 = wc_stim_parse("E:ramp(0,10,0,1e308)"), *r4 = wc_stim_parse("E:ramp(1,10,1e308,2)");
    OK(r3 && value(r3, 0, 5) == 5e307, "ramp to 1e308: 5e307 halfway, not (1e308 * 5) / 10 = inf");
    OK(r4 && isfinite(value(r4, 0, 7)), "ramp from 1e308: finite on the way down (fuzz_stim: it was -inf)");
    wc_stim *r5 = wc_stim_parse("E:sine(1,1e308)");
    double v5;
    OK(r5 && wc_stim_value(r5, 0, 0, &v5) < 0 && strstr(wc_errmsg(), "is not finite at t = 0 ms"),
       "sine(1,1e308): an error, not NaN (fuzz_stim): %s", wc_errmsg());
    wc_stim_free(r3);
    wc_stim_free(r4);
    wc_stim_free(r5);
    wc_stim *sn = wc_stim_parse("I:sine(0.5,10)");
    NEAR(value(sn, 0, 25), 0.5, 1e-15, 0, "sine: quarter period of 10 Hz is 25 ms");
    wc_stim *sp = wc_stim_parse("I:sine(1,10,1.5707963267948966)");
    NEAR(value(sp, 0, 0), 1.0, 1e-15, 0, "sine phase in radians");
    wc_stim *k = wc_stim_parse("E:const(-0.25)");
    OK(value(k, 0, 123) == -0.25, "const");
    wc_stim *all[] = {p, st, r, r2, sn, sp, k};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) wc_stim_free(all[i]);
}

static void test_subsets(void)
{
    wc_stim *s = wc_stim_parse("E[0-2,7]:const(1)");
    OK(s && wc_stim_targets(s, 0) && wc_stim_targets(s, 2) && !wc_stim_targets(s, 3) && wc_stim_targets(s, 7),
       "node subset [0-2,7]");
    OK(wc_stim_check_nodes(s, 8) == 0, "subset fits 8 nodes");
    OK(wc_stim_check_nodes(s, 5) < 0 && strstr(wc_errmsg(), "names node 7"), "subset beyond 5 nodes: %s", wc_errmsg());
    wc_stim_free(s);
    s = wc_stim_parse("I:const(1)");
    OK(wc_stim_targets(s, 123456), "no subset: every node");
    wc_stim_free(s);
}

static void test_errors(void)
{
    const char *bad[][2] = {
        {"X:const(1)", "must start with E or I"},
        {"E:const(1", "expected const(...)"},
        {"Econst(1)", "expected ':'"},
        {"E:wave(1)", "unknown stimulus 'wave'"},
        {"E:pulse(1,2)", "pulse() takes 3 arguments, got 2"},
        {"E:sine(1,2,3,4)", "sine() takes 2 or 3 arguments"},
        {"E:const(abc)", "bad number 'abc'"},
        {"E:const(nan)", "bad number"},
        {"E:ramp(5,5,0,1)", "ramp needs T1 > T0"},
        {"E:pulse(110,100,2)", "pulse needs T1 > T0"},
        {"E:pulse(100,100,2)", "pulse needs T1 > T0"},
        {"E:ramp(-1e308,1e308,0,1)", "T1 - T0 or V1 - V0 is too large"},
        {"E:ramp(0,1,-1e308,1e308)", "T1 - T0 or V1 - V0 is too large"},
        {"E[3-1]:const(1)", "empty node range"},
        {"E[a]:const(1)", "expected a node index"},
        {"E[1:const(1)", "expected ',' or ']'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        wc_stim *s = wc_stim_parse(bad[i][0]);
        OK(!s && strstr(wc_errmsg(), bad[i][1]), "'%s' rejected: %s", bad[i][0], wc_errmsg());
        wc_stim_free(s);
    }
}

static void test_file(void)
{
    char dir[] = "/tmp/wcstim.XXXXXX", path[256], path2[256], spec[600];
    OK(mkdtemp(dir) != NULL, "temp dir");
    snprintf(path, sizeof path, "%s/drive.tsv", dir);
    FILE *f = fopen(path, "w");
    fputs("# t\tx\ty\n1\t10\t-1\n2.5\t20\t-2\n4\t30\t-3\n", f);
    fclose(f);
    snprintf(spec, sizeof spec, "E:file(%s,y)", path);
    wc_stim *s = wc_stim_parse(spec);
    OK(s && wc_stim_open(s) == 0, "file(PATH,y) opens");
    double want[][2] = {{0, 0}, {0.9, 0}, {1, -1}, {2.4, -1}, {2.5, -2}, {3, -2}, {4, -3}, {100, -3}};
    int all = 1;
    for (int k = 0; k < 8; k++) all &= value(s, k, want[k][0]) == want[k][1];
    OK(all, "file drive: 0 before the first row, held from each row's t, last value after the end");
    wc_stim_free(s);
    snprintf(path2, sizeof path2, "%s/plain.txt", dir);
    f = fopen(path2, "w");
    fputs("5\n6\n7\n", f);
    fclose(f);
    snprintf(spec, sizeof spec, "I:file(%s)", path2);
    s = wc_stim_parse(spec);
    OK(s && wc_stim_open(s) == 0 && value(s, 0, 0) == 5 && value(s, 1, 0.1) == 6 && value(s, 2, 0.2) == 7 &&
           value(s, 3, 0.3) == 7,
       "file without a t column: row n is step n");
    wc_stim_free(s);
    snprintf(spec, sizeof spec, "E:file(%s,zz)", path);
    s = wc_stim_parse(spec);
    OK(s && wc_stim_open(s) < 0 && strstr(wc_errmsg(), "no column 'zz'"), "unknown column: %s", wc_errmsg());
    wc_stim_free(s);
    snprintf(spec, sizeof spec, "E:file(%s,2)", path);
    s = wc_stim_parse(spec);
    OK(s && wc_stim_open(s) == 0 && value(s, 0, 1) == 10, "column by 1-based number");
    wc_stim_free(s);
    f = fopen(path2, "w");
    fputs("# t\tx\n0\t1\n1\tnan\n", f);
    fclose(f);
    snprintf(spec, sizeof spec, "E:file(%s,x)", path2);
    s = wc_stim_parse(spec);
    double v;
    OK(s && wc_stim_open(s) == 0 && wc_stim_value(s, 0, 0, &v) < 0 && strstr(wc_errmsg(), "row 2: value nan is not finite"),
       "a NaN in a stimulus file is refused: %s", wc_errmsg());
    wc_stim_free(s);
    unlink(path);
    unlink(path2);
    rmdir(dir);
}

int main(void)
{
    test_shapes();
    test_subsets();
    test_errors();
    test_file();
    return tap_done();
}
