/* test_psd.c — Welch power spectral density (wc_psd): windows, detrending, segmenting
 * of streamed blocks, density scaling (Parseval), band powers and peaks.  The comparison
 * with scipy.signal.welch itself is in tests/t_psd.sh. */
#include "tap.h"
#include "wckit/wc_err.h"
#include "wckit/wc_psd.h"

#include <fftw3.h>
#include <stdint.h>
#include <stdlib.h>

/* A reproducible uniform number in [-1, 1) (xorshift64*). */
static double uniform(uint64_t *s)
{
    *s ^= *s >> 12, *s ^= *s << 25, *s ^= *s >> 27;
    return (double)((*s * 2685821657736338717ULL) >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

static void test_windows(void)
{
    double w[8];
    wc_psd_window_fill(WC_WIN_HANN, w, 8);
    OK(w[0] == 0 && fabs(w[4] - 1) < 1e-15 && fabs(w[2] - 0.5) < 1e-15 && fabs(w[1] - w[7]) < 1e-15,
       "hann is periodic: 0 at k = 0, 1 at k = n/2, w[k] = w[n-k]");
    wc_psd_window_fill(WC_WIN_HAMMING, w, 8);
    OK(fabs(w[0] - 0.08) < 1e-15 && fabs(w[4] - 1) < 1e-15, "hamming: 0.08 at the ends, 1 in the middle");
    wc_psd_window_fill(WC_WIN_BOXCAR, w, 8);
    OK(w[0] == 1 && w[7] == 1, "boxcar is all ones");
    OK(wc_psd_window_parse("hamming") == WC_WIN_HAMMING && wc_psd_window_parse("hanning") < 0 &&
       wc_psd_detrend_parse("linear") == WC_DETREND_LINEAR && wc_psd_detrend_parse("") < 0,
       "names parse; unknown names do not");
}

static void test_detrend(void)
{
    double x[5] = {3, 5, 7, 9, 11}, y[5] = {1, 2, 3, 4, 10};
    wc_psd_detrend(WC_DETREND_LINEAR, x, 5);
    double m = 0;
    for (int k = 0; k < 5; k++) m = fmax(m, fabs(x[k]));
    OK(m < 1e-14, "linear detrend removes a line exactly (max %g)", m);
    wc_psd_detrend(WC_DETREND_CONSTANT, y, 5);
    OK(fabs(y[0] + 3) < 1e-15 && fabs(y[4] - 6) < 1e-15, "constant detrend removes the mean");
}

/* The same input pushed whole and in uneven blocks gives the same bits. */
static void test_blocks(void)
{
    size_t nch = 3, T = 1000;
    double *x = malloc(T * nch * sizeof *x), *a = malloc(nch * 65 * sizeof *a), *b = malloc(nch * 65 * sizeof *b);
    uint64_t s = 42;
    for (size_t i = 0; i < T * nch; i++) x[i] = uniform(&s) + 5.0;
    wc_psd_welch *w1 = wc_psd_welch_new(nch, 128, 96, WC_WIN_HANN, WC_DETREND_LINEAR);
    wc_psd_welch *w2 = wc_psd_welch_new(nch, 128, 96, WC_WIN_HANN, WC_DETREND_LINEAR);
    OK(w1 && w2 && wc_psd_welch_nfreq(w1) == 65, "an accumulator for 3 channels, nperseg 128");
    if (!w1 || !w2) return;
    wc_psd_welch_push(w1, x, T);
    size_t sizes[] = {1, 7, 127, 128, 129, 31, 300}, done = 0;
    for (size_t i = 0; done < T; i = (i + 1) % 7) {
        size_t n = sizes[i] < T - done ? sizes[i] : T - done;
        wc_psd_welch_push(w2, x + done * nch, n);
        done += n;
    }
    /* segments start at 0, 32, 64 ... while start + 128 <= 1000: (1000 - 128) / 32 + 1 */
    OK(wc_psd_welch_segments(w1) == 28 && wc_psd_welch_segments(w2) == 28, "28 segments (%lld)", wc_psd_welch_segments(w1));
    wc_psd_welch_density(w1, 1000, a);
    wc_psd_welch_density(w2, 1000, b);
    OK(memcmp(a, b, nch * 65 * sizeof *a) == 0, "blocks of any size give the same bits as one push");
    wc_psd_welch_free(w1);
    wc_psd_welch_free(w2);
    free(x), free(a), free(b);
}

/* Boxcar, no overlap, no detrend: sum(psd) * df is exactly the mean square of the samples
 * covered (Parseval), for odd and even segment lengths. */
static void test_parseval(void)
{
    for (size_t n = 63; n <= 64; n++) {
        size_t T = 10 * n, nf = n / 2 + 1;
        double *x = malloc(T * sizeof *x), *p = malloc(nf * sizeof *p), ms = 0, fs = 250, sum = 0;
        uint64_t s = 7;
        for (size_t i = 0; i < T; i++) x[i] = uniform(&s) + 0.3, ms += x[i] * x[i];
        wc_psd_welch *w = wc_psd_welch_new(1, n, 0, WC_WIN_BOXCAR, WC_DETREND_NONE);
        wc_psd_welch_push(w, x, T);
        wc_psd_welch_density(w, fs, p);
        for (size_t k = 0; k < nf; k++) sum += p[k];
        NEAR(sum * fs / (double)n, ms / (double)T, 0, 1e-12, n == 63 ? "Parseval, nperseg 63" : "Parseval, nperseg 64");
        wc_psd_welch_free(w);
        free(x), free(p);
    }
}

/* A sine at a bin frequency puts its power in that bin: amplitude A gives A^2/2 in total. */
static void test_sine(void)
{
    size_t n = 256, T = 4096, nf = n / 2 + 1;
    double fs = 1000, f0 = 40 * fs / (double)n, *x = malloc(T * sizeof *x), *p = malloc(nf * sizeof *p);
    for (size_t i = 0; i < T; i++) x[i] = 2.0 * sin(2 * M_PI * f0 * (double)i / fs);
    wc_psd_welch *w = wc_psd_welch_new(1, n, n / 2, WC_WIN_HANN, WC_DETREND_CONSTANT);
    wc_psd_welch_push(w, x, T);
    wc_psd_welch_density(w, fs, p);
    OK(wc_psd_peak(p, nf) == 40, "the peak is at the sine's bin (%zu)", wc_psd_peak(p, nf));
    double df = fs / (double)n;
    NEAR(wc_psd_band(p, nf, df, 0, fs), 2.0, 0, 1e-12, "the power of a sine of amplitude 2 is 2");
    double split = wc_psd_band(p, nf, df, 0, f0) + wc_psd_band(p, nf, df, f0, fs);
    NEAR(split, 2.0, 0, 1e-12, "adjacent bands [lo,mid) [mid,hi) add up");
    OK(isnan(wc_psd_band(p, nf, df, 1, 2)), "a band without a bin is NaN");
    wc_psd_welch *empty = wc_psd_welch_new(1, 8, 0, 0, 0);
    wc_psd_welch_push(empty, x, 7);
    OK(wc_psd_welch_density(empty, fs, p) < 0 && strstr(wc_errmsg(), "no whole segment"), "no segment, no density: %s", wc_errmsg());
    wc_psd_welch_free(empty);
    OK(!wc_psd_welch_new(2, 8, 8, 0, 0) && !wc_psd_welch_new(2, 1, 0, 0, 0), "noverlap >= nperseg, nperseg < 2 refused");
    wc_psd_welch_free(w);
    free(x), free(p);
}

int main(void)
{
    test_windows();
    test_detrend();
    test_blocks();
    test_parseval();
    test_sine();
    fftw_cleanup();
    return tap_done();
}
