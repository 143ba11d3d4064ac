/* fuzz_series.c — channels over time (lib/wc_series.c), as wc-psd, wc-fc, wc-stats and
 * wc-bold read their input: the input is opened as it is and --transpose'd (rows are
 * channels: BOLD tables), its channels selected (all, rE*, a list), the sampling
 * interval found (header dt and every, or the t column), a transient skipped, and the
 * samples read in blocks; every sample read must be finite. */
#include "fuzz.h"
#include "wckit/wc_series.h"

#include <math.h>

static void series(const char *path, int transpose, const char *vars, size_t size)
{
    fz_clear();
    wc_series *s = wc_series_open(path, transpose);
    if (!s) {
        fz_failed("wc_series_open");
        return;
    }
    fz_clear();
    long nsel = wc_series_select(s, vars);
    if (nsel < 0) {
        fz_failed("wc_series_select");
        wc_series_close(s);
        return;
    }
    FZ_CHECK((size_t)nsel == wc_series_nsel(s) && nsel >= 1, "%ld channels", nsel);
    for (size_t k = 0; k < (size_t)nsel; k++) FZ_CHECK(wc_series_name(s, k), "channel %zu has no name", k);
    fz_clear();
    double dt = wc_series_dt(s, 0);
    if (dt < 0) {
        fz_failed("wc_series_dt");
        wc_series_close(s);
        return;
    }
    FZ_CHECK(dt == 0 || (isfinite(dt) && dt > 0), "dt %g", dt);
    fz_clear();
    if (wc_series_skip(s, size % 3 ? 1.5 : 0, size % 5 == 0 ? 2 : -1) < 0) fz_failed("wc_series_skip");
    size_t block = size % 7 + 1;
    double *x = malloc(block * (size_t)nsel * sizeof *x), *t = malloc(block * sizeof *t);
    if (!x || !t) abort();
    long got, total = 0;
    fz_clear();
    while (total < 100000 && (got = wc_series_read(s, x, t, block)) > 0) {
        FZ_CHECK((size_t)got <= block, "%ld samples for %zu asked", got, block);
        for (size_t i = 0; i < (size_t)got * (size_t)nsel; i++) FZ_CHECK(isfinite(x[i]), "sample value %g", x[i]);
        total += got;
    }
    if (got < 0) fz_failed("wc_series_read");
    free(x);
    free(t);
    wc_series_close(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fz_file(0, data, size);
    static const char *const vars[] = {NULL, "rE", "c1,c2", "t,rE0,x"};
    series(path, 0, vars[size % 4], size);
    series(path, 1, vars[(size / 4) % 4], size);
    return 0;
}
