/* wc_psd.c — Welch power spectral density on FFTW plans (see wc_psd.h). */
#include "wckit/wc_psd.h"
#include "wckit/wc_err.h"

#include <fftw3.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The loops over samples and bins are what a Welch estimate costs besides the FFTs; at
 * -O2 GCC 12 leaves most of them scalar, so this file asks for its vectoriser.  It never
 * reorders floating-point operations (no reassociation): the results stay the same bits. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize")
#endif

const wc_psd_bandspec wc_psd_bands[WC_NBANDS] = {
    {"delta", 1, 4}, {"theta", 4, 8}, {"alpha", 8, 13}, {"beta", 13, 30}, {"gamma", 30, 100},
};

static const char *const window_names[] = {"hann", "hamming", "boxcar"};
static const char *const detrend_names[] = {"none", "constant", "linear"};

static int find_name(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0) return i;
    return -1;
}

int wc_psd_window_parse(const char *name) { return find_name(window_names, 3, name); }
int wc_psd_detrend_parse(const char *name) { return find_name(detrend_names, 3, name); }
const char *wc_psd_window_name(int window) { return window >= 0 && window < 3 ? window_names[window] : "?"; }
const char *wc_psd_detrend_name(int detrend) { return detrend >= 0 && detrend < 3 ? detrend_names[detrend] : "?"; }

void wc_psd_window_fill(int window, double *w, size_t n)
{
    /* periodic ("DFT-even") windows: spectral analysis wants them, and scipy's
     * get_window() returns them unless asked for the symmetric (filter design) kind */
    double a = window == WC_WIN_HANN ? 0.5 : 0.54;
    for (size_t k = 0; k < n; k++)
        w[k] = window == WC_WIN_BOXCAR ? 1.0 : a - (1.0 - a) * cos(2.0 * M_PI * (double)k / (double)n);
}

/* The mean of x, and the slope b of its least-squares line against k - (n-1)/2. */
static void trend(const double *x, size_t n, int linear, double *mean, double *b)
{
    /* 8 partial sums (as numpy's pairwise sum ends in): vector adds, not a chain */
    double s[8] = {0}, sum = 0;
    size_t k = 0;
    for (; k + 8 <= n; k += 8)
        for (int j = 0; j < 8; j++) s[j] += x[k + j];
    for (; k < n; k++) sum += x[k];
    sum += ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    *mean = sum / (double)n;
    *b = 0;
    if (!linear || n < 2) return;
    double c = 0.5 * (double)(n - 1), sxy = 0;
    for (k = 0; k < n; k++) sxy += ((double)k - c) * (x[k] - *mean);
    /* sum of (k - c)^2 over k = 0..n-1 */
    *b = sxy / ((double)n * ((double)n * (double)n - 1.0) / 12.0);
}

void wc_psd_detrend(int detrend, double *x, size_t n)
{
    if (detrend == WC_DETREND_NONE || n == 0) return;
    double mean, b, c = 0.5 * (double)(n - 1);
    trend(x, n, detrend == WC_DETREND_LINEAR, &mean, &b);
    for (size_t k = 0; k < n; k++) x[k] -= mean + b * ((double)k - c);
}

struct wc_psd_welch {
    size_t nch, n, noverlap, ld, nfreq; /* ld: distance between channels in seg and in */
    int detrend;
    double *win, win_ss;                /* window and the sum of its squares */
    double *seg;                        /* nch x ld: the samples of the current segment */
    size_t fill;                        /* samples of it present */
    double *in;                         /* nch x ld: detrended, windowed segment (FFT input) */
    fftw_complex *out;                  /* nch x nfreq */
    double *acc;                        /* nch x nfreq: sum over segments of |X_k|^2 */
    fftw_plan plan;
    long long segments, samples;
};

wc_psd_welch *wc_psd_welch_new(size_t nch, size_t nperseg, size_t noverlap, int window, int detrend)
{
    if (nch == 0 || nperseg < 2 || noverlap >= nperseg || nperseg > (size_t)INT32_MAX) {
        wc_seterr("bad Welch sizes (%zu channels, nperseg %zu, noverlap %zu)", nch, nperseg, noverlap);
        return NULL;
    }
    if (window < 0 || window > WC_WIN_BOXCAR || detrend < 0 || detrend > WC_DETREND_LINEAR) {
        wc_seterr("unknown window or detrend type");
        return NULL;
    }
    /* channel rows ld doubles apart: whole cache lines, and an odd number of them, so
     * that the rows of consecutive channels fall into different L1 sets (rows 4 KiB
     * apart would all share one set while samples are spread over the channels) */
    size_t lines = (nperseg + 7) / 8, ld = 8 * (lines | 1), nfreq = nperseg / 2 + 1;
    if (nch > SIZE_MAX / sizeof(double) / 2 / ld || nch > (size_t)INT32_MAX) {
        wc_seterr("too many channels (%zu) for nperseg %zu", nch, nperseg);
        return NULL;
    }
    wc_psd_welch *w = calloc(1, sizeof *w);
    if (!w) {
        wc_seterr("out of memory");
        return NULL;
    }
    *w = (wc_psd_welch){.nch = nch, .n = nperseg, .noverlap = noverlap, .ld = ld, .nfreq = nfreq, .detrend = detrend};
    w->win = malloc(nperseg * sizeof *w->win);
    w->seg = fftw_malloc(nch * ld * sizeof *w->seg);
    w->in = fftw_malloc(nch * ld * sizeof *w->in);
    w->out = fftw_malloc(nch * nfreq * sizeof *w->out);
    w->acc = calloc(nch * nfreq, sizeof *w->acc);
    if (!w->win || !w->seg || !w->in || !w->out || !w->acc) {
        wc_psd_welch_free(w);
        wc_seterr("out of memory (%zu channels x nperseg %zu)", nch, nperseg);
        return NULL;
    }
    memset(w->in, 0, nch * ld * sizeof *w->in); /* the padding between rows stays 0 */
    wc_psd_window_fill(window, w->win, nperseg);
    for (size_t k = 0; k < nperseg; k++) w->win_ss += w->win[k] * w->win[k];
    /* one plan for the segments of every channel: howmany = nch transforms of n points,
     * input rows ld apart, output rows nfreq apart.  FFTW_ESTIMATE leaves the arrays
     * alone and picks the same algorithm every run (FFTW_MEASURE times candidates). */
    int n = (int)nperseg;
    w->plan = fftw_plan_many_dft_r2c(1, &n, (int)nch, w->in, NULL, 1, (int)ld, w->out, NULL, 1, (int)nfreq,
                                     FFTW_ESTIMATE);
    if (!w->plan) {
        wc_psd_welch_free(w);
        wc_seterr("FFTW could not make a plan for %zu x %zu points", nch, nperseg);
        return NULL;
    }
    return w;
}

void wc_psd_welch_free(wc_psd_welch *w)
{
    if (!w) return;
    if (w->plan) fftw_destroy_plan(w->plan);
    free(w->win);
    fftw_free(w->seg);
    fftw_free(w->in);
    fftw_free(w->out);
    free(w->acc);
    free(w);
}

size_t wc_psd_welch_nfreq(const wc_psd_welch *w) { return w->nfreq; }
long long wc_psd_welch_segments(const wc_psd_welch *w) { return w->segments; }
long long wc_psd_welch_samples(const wc_psd_welch *w) { return w->samples; }

/* The segment in seg is complete: detrend and window each channel into in, transform
 * all channels at once, add the squared magnitudes. */
static void take_segment(wc_psd_welch *w)
{
    size_t n = w->n;
    double c = 0.5 * (double)(n - 1);
    for (size_t ch = 0; ch < w->nch; ch++) {
        const double *x = w->seg + ch * w->ld;
        double *y = w->in + ch * w->ld, mean = 0, b = 0;
        if (w->detrend != WC_DETREND_NONE) trend(x, n, w->detrend == WC_DETREND_LINEAR, &mean, &b);
        if (b != 0)
            for (size_t k = 0; k < n; k++) y[k] = (x[k] - mean - b * ((double)k - c)) * w->win[k];
        else
            for (size_t k = 0; k < n; k++) y[k] = (x[k] - mean) * w->win[k];
    }
    fftw_execute(w->plan);
    size_t total = w->nch * w->nfreq;
    for (size_t k = 0; k < total; k++) w->acc[k] += w->out[k][0] * w->out[k][0] + w->out[k][1] * w->out[k][1];
    w->segments++;
}

/* Samples moved into the channel rows at a time. */
#define TILE 32

void wc_psd_welch_push(wc_psd_welch *w, const double *x, size_t n)
{
    size_t nch = w->nch, ld = w->ld;
    w->samples += (long long)n;
    while (n > 0) {
        size_t m = w->n - w->fill < n ? w->n - w->fill : n;
        /* into the channel rows, a tile of TILE samples at a time: the tile's rows of x
         * stay in L1 while each channel's run of TILE values is written in one go */
        for (size_t s0 = 0; s0 < m; s0 += TILE) {
            size_t s1 = s0 + TILE < m ? s0 + TILE : m;
            for (size_t ch = 0; ch < nch; ch++) {
                double *dst = w->seg + ch * ld + w->fill;
                for (size_t s = s0; s < s1; s++) dst[s] = x[s * nch + ch];
            }
        }
        x += m * nch;
        n -= m;
        w->fill += m;
        if (w->fill < w->n) break;
        take_segment(w);
        /* the next segment starts n - noverlap samples later: keep the overlap */
        size_t hop = w->n - w->noverlap;
        if (w->noverlap)
            for (size_t ch = 0; ch < nch; ch++) memmove(w->seg + ch * ld, w->seg + ch * ld + hop, w->noverlap * sizeof *w->seg);
        w->fill = w->noverlap;
    }
}

int wc_psd_welch_density(const wc_psd_welch *w, double fs, double *psd)
{
    if (w->segments == 0) return wc_seterr("no whole segment of %zu samples", w->n);
    /* density scaling: a white noise of variance s2 gets the level s2 / (fs / 2) on the
     * one-sided axis, so sum(psd) * df is the variance (Parseval) */
    double scale = 1.0 / (fs * w->win_ss * (double)w->segments);
    for (size_t ch = 0; ch < w->nch; ch++)
        for (size_t k = 0; k < w->nfreq; k++) {
            int twice = k > 0 && !(w->n % 2 == 0 && k == w->n / 2);
            psd[ch * w->nfreq + k] = w->acc[ch * w->nfreq + k] * scale * (twice ? 2.0 : 1.0);
            if (!isfinite(psd[ch * w->nfreq + k]))   /* finite input whose power overflows (|x| near 1e308) */
                return wc_seterr("channel %zu: the spectrum is not finite (values too large, or not finite)", ch + 1);
        }
    return 0;
}

double wc_psd_band(const double *psd, size_t nfreq, double df, double lo, double hi)
{
    double sum = 0;
    size_t bins = 0;
    for (size_t k = 0; k < nfreq; k++) {
        double f = (double)k * df;
        if (f >= lo && f < hi) sum += psd[k], bins++;
    }
    return bins ? sum * df : NAN;
}

size_t wc_psd_peak(const double *psd, size_t n)
{
    if (n < 2) return 0;
    size_t best = 1;
    for (size_t k = 2; k < n; k++)
        if (psd[k] > psd[best]) best = k;
    return best;
}
