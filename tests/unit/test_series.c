/* test_series.c — channels over time from streams and tables (wc_series). */
#include "tap.h"
#include "wckit/wc_err.h"
#include "wckit/wc_series.h"

#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/wcseries.XXXXXX";

static const char *file(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_stream(void)
{
    const char *p = file("run.tsv", "## wc-stream 1 tsv\n## dt 0.1\n## every 5\n# t\trE0\trE1\trI0\trI1\trE\n"
                                     "0\t1\t2\t3\t4\t5\n0.5\t6\t7\t8\t9\t10\n1\t11\t12\t13\t14\t15\n");
    wc_series *s = wc_series_open(p, 0);
    OK(s, "open a stream");
    if (!s) return;
    OK(wc_series_select(s, NULL) == 2 && strcmp(wc_series_name(s, 1), "rE1") == 0, "default: the numbered rE0, rE1");
    OK(wc_series_select(s, "rI,rE1") == 3 && strcmp(wc_series_name(s, 0), "rI0") == 0 && strcmp(wc_series_name(s, 2), "rE1") == 0,
       "a prefix selects its numbered columns, a name itself");
    OK(wc_series_select(s, "x") < 0 && strstr(wc_errmsg(), "no column 'x'"), "an unknown name is an error");
    wc_series_select(s, "rI");
    OK(wc_series_dt(s, 0) == 0.5, "dt from the header's dt times every");
    double x[8], t[4];
    long n = wc_series_read(s, x, t, 2);
    OK(n == 2 && x[0] == 3 && x[1] == 4 && x[2] == 8 && t[1] == 0.5, "first block of samples with their t");
    n = wc_series_read(s, x, t, 4);
    OK(n == 1 && x[0] == 13 && t[0] == 1, "the rest");
    OK(wc_series_read(s, x, t, 4) == 0, "then the end");
    wc_series_close(s);
}

static void test_t_column(void)
{
    const char *p = file("plain.tsv", "# t\ta\tb\n10\t1\t2\n10.25\t3\t4\n10.5\t5\t6\n");
    wc_series *s = wc_series_open(p, 0);
    OK(s && wc_series_select(s, NULL) == 2, "a plain table: every column but t");
    OK(wc_series_dt(s, 0) == 0.25, "dt from the t column's step");
    double x[6], t[3];
    OK(wc_series_read(s, x, t, 3) == 3 && x[0] == 1 && x[5] == 6 && t[0] == 10 && t[2] == 10.5,
       "the rows read ahead for dt come first");
    wc_series_close(s);
    s = wc_series_open(file("bare.tsv", "1 2\n3 4\n"), 0);
    OK(s && wc_series_select(s, NULL) == 2 && wc_series_dt(s, 0) == 0, "no header and no t: dt unknown");
    OK(wc_series_dt(s, 2.5) == 2.5, "dt given");
    wc_series_close(s);
}

/* issue 9: a t step of exactly -1 was the error value, with no message */
static void test_bad_t(void)
{
    static const char *const tables[] = {"# t\ta\n4\t1\n3\t2\n2\t3\n", "# t\ta\n4\t1\n2\t2\n0\t3\n",
                                         "# t\ta\n1\t1\n1\t2\n2\t3\n"};
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        wc_seterr("%s", "");
        wc_series *s = wc_series_open(file("back.tsv", tables[i]), 0);
        OK(s && wc_series_select(s, NULL) == 1 && wc_series_dt(s, 0) == -1 && strstr(wc_errmsg(), "t is not increasing"),
           "t that does not increase: %s", wc_errmsg());
        OK(s && wc_series_dt(s, 2) == 2, "  ... a given dt is taken as it is");
        wc_series_close(s);
    }
}

static void test_nonfinite(void)
{
    wc_series *s = wc_series_open(file("nan.tsv", "# t\ta\tb\n0\t1\t2\n1\t3\t4\n2\tnan\t6\n"), 0);
    double x[6];
    OK(s && wc_series_select(s, "b,a") == 2 && wc_series_read(s, x, NULL, 3) == -1 &&
           strcmp(wc_errmsg(), "channel 2 has NaN or infinite values: a is nan in sample 3") == 0,
       "a NaN value names the channel and the sample: %s", wc_errmsg());
    wc_series_close(s);
    s = wc_series_open(file("inf.tsv", "1 2\n3 -inf\n"), 1);
    OK(s && wc_series_select(s, NULL) == 2 && wc_series_read(s, x, NULL, 1) == 1 && wc_series_read(s, x, NULL, 1) == -1 &&
           strcmp(wc_errmsg(), "channel 2 has NaN or infinite values: ch1 is -inf in sample 2") == 0,
       "transposed, an infinite value in the second block: %s", wc_errmsg());
    wc_series_close(s);
}

static void test_transpose(void)
{
    wc_series *s = wc_series_open(file("bold.tsv", "1 2 3 4\n5 6 7 8\n9 10 11 12\n"), 1);
    OK(s && wc_series_select(s, NULL) == 3 && strcmp(wc_series_name(s, 1), "ch1") == 0, "transposed: rows are channels ch0..");
    wc_series_dt(s, 720);
    double x[12], t[4];
    long n = wc_series_read(s, x, t, 3);
    OK(n == 3 && x[0] == 1 && x[1] == 5 && x[2] == 9 && x[3] == 2 && t[2] == 1440, "samples are the columns");
    OK(wc_series_read(s, x, t, 3) == 1 && x[2] == 12, "the last sample");
    wc_series_close(s);
    s = wc_series_open(file("stream.tsv", "## wc-stream 1 tsv\n# a\tb\n1\t2\n3\t4\n"), 1);
    OK(!s && strstr(wc_errmsg(), "a wc-stream has samples in its rows"), "a wc-stream is not transposed: %s", wc_errmsg());
    s = wc_series_open(file("t.tsv", "# t\ta\n0\t2\n1\t4\n"), 1);
    OK(!s && strstr(wc_errmsg(), "a table with a t column"), "nor a table with a t column: %s", wc_errmsg());
    s = wc_series_open(file("ragged.tsv", "1 2 3\n4 5\n"), 1);
    OK(!s, "a ragged table is an error: %s", wc_errmsg());
    s = wc_series_open(file("bad.tsv", "1 2\n3 x\n"), 0);
    double y[4];
    OK(s && wc_series_select(s, NULL) == 2 && wc_series_read(s, y, NULL, 4) < 0 && strstr(wc_errmsg(), "not a number"),
       "a bad cell is an error when read");
    wc_series_close(s);
}

static void test_skip(void)
{
    const char *p = file("skip.tsv", "## wc-stream 1 tsv\n## dt 0.5\n# t\tx\n0\t1\n0.5\t2\n1.0000000001\t3\n1.5\t4\n2\t5\n");
    wc_series *s = wc_series_open(p, 0);
    wc_series_select(s, "x");
    wc_series_dt(s, 0);
    double x[8], t[8];
    OK(wc_series_skip(s, 1, -1) == 0, "skip by time");
    long n = wc_series_read(s, x, t, 1);
    OK(n == 1 && x[0] == 3 && wc_series_skipped(s) == 2, "samples before t = 1 dropped (t within 1e-6 dt kept)");
    n = wc_series_read(s, x, t, 8);
    OK(n == 2 && x[1] == 5 && wc_series_skipped(s) == 2, "then nothing more is skipped");
    wc_series_close(s);
    s = wc_series_open(p, 0);
    wc_series_select(s, "x");
    wc_series_skip(s, 0, 4);
    n = wc_series_read(s, x, t, 8);
    OK(n == 1 && x[0] == 5 && t[0] == 2 && wc_series_skipped(s) == 4, "skip a number of samples");
    wc_series_close(s);
    s = wc_series_open(file("nodt.tsv", "# x\n1\n2\n"), 0);
    wc_series_select(s, "x");
    OK(wc_series_skip(s, 5, -1) < 0 && strstr(wc_errmsg(), "sampling interval"), "skip by time needs dt");
    wc_series_close(s);
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    test_stream();
    test_t_column();
    test_transpose();
    test_skip();
    test_bad_t();
    test_nonfinite();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) return 1;
    return tap_done();
}
