/* wc_psd.h — power spectral density by Welch's method, fed a block of samples at a time
 * (for wc-psd).  The estimate equals scipy.signal.welch with the same window (periodic,
 * as scipy.signal.get_window), nperseg, noverlap and detrend, scaling='density',
 * return_onesided=True, average='mean': segments start at sample 0 and every
 * nperseg - noverlap samples after it, and only whole segments count.
 *
 * Memory is a few arrays of channels x nperseg, whatever the length of the input.  The
 * segment FFTs of all channels go through one FFTW r2c plan (howmany = channels), made
 * once with FFTW_ESTIMATE, so the same input gives the same bits on every run. */
#ifndef WC_PSD_H
#define WC_PSD_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum wc_psd_window { WC_WIN_HANN, WC_WIN_HAMMING, WC_WIN_BOXCAR };
enum wc_psd_detrend { WC_DETREND_NONE, WC_DETREND_CONSTANT, WC_DETREND_LINEAR };

/** A window or detrend type by name ("hann", "hamming", "boxcar"; "none", "constant",
 *  "linear").  @return the enum value, or -1 for an unknown name. */
int wc_psd_window_parse(const char *name);
int wc_psd_detrend_parse(const char *name);
const char *wc_psd_window_name(int window);
const char *wc_psd_detrend_name(int detrend);

/** The periodic window of n points, w[k] for k = 0..n-1 (scipy.signal.get_window(name, n),
 *  i.e. the symmetric window of n + 1 points without its last one):
 *  hann 0.5 - 0.5 cos(2 pi k / n), hamming 0.54 - 0.46 cos(2 pi k / n), boxcar 1. */
void wc_psd_window_fill(int window, double *w, size_t n);

/** Remove the mean (constant) or the least-squares line (linear) from x[0..n-1] in place. */
void wc_psd_detrend(int detrend, double *x, size_t n);

typedef struct wc_psd_welch wc_psd_welch;

/** A Welch accumulator for nch channels.  Needs nperseg >= 2 and noverlap < nperseg.
 *  @return NULL with wc_errmsg() set (bad sizes, out of memory, no FFTW plan). */
wc_psd_welch *wc_psd_welch_new(size_t nch, size_t nperseg, size_t noverlap, int window, int detrend);
void wc_psd_welch_free(wc_psd_welch *w);

/** Feed n samples, stored sample after sample (x[s * nch + c] is channel c of sample s).
 *  Every segment completed is transformed and added at once. */
void wc_psd_welch_push(wc_psd_welch *w, const double *x, size_t n);

/** Bins of the one-sided spectrum: nperseg / 2 + 1, at frequencies k * fs / nperseg. */
size_t wc_psd_welch_nfreq(const wc_psd_welch *w);
/** Segments and samples taken so far. */
long long wc_psd_welch_segments(const wc_psd_welch *w);
long long wc_psd_welch_samples(const wc_psd_welch *w);

/** The one-sided power spectral density for a sampling rate fs (Hz): psd[c * nfreq + k]
 *  in (unit of the input)^2 / Hz, the mean over segments of
 *  |FFT(window * detrended segment)|^2 / (fs * sum(window^2)), doubled for every bin but
 *  0 and (nperseg even) nperseg / 2.  @return 0, or -1 with wc_errmsg() set when no
 *  whole segment has been seen or a value is not finite (input near 1e308 overflows). */
int wc_psd_welch_density(const wc_psd_welch *w, double fs, double *psd);

/** A frequency band [lo, hi) in Hz. */
typedef struct {
    const char *name;
    double lo, hi;
} wc_psd_bandspec;

/** The classical EEG bands: delta [1,4), theta [4,8), alpha [8,13), beta [13,30),
 *  gamma [30,100) Hz. */
#define WC_NBANDS 5
extern const wc_psd_bandspec wc_psd_bands[WC_NBANDS];

/** Band power: the sum of psd[k] * df over the bins whose frequency k * df lies in
 *  [lo, hi) (rectangle rule, so the powers of adjacent bands add up and the sum over
 *  all bins is the variance).  NaN when no bin lies in the band. */
double wc_psd_band(const double *psd, size_t nfreq, double df, double lo, double hi);

/** The bin of the largest psd[k] among k = 1..n-1 (the first one on ties; bin 0, the
 *  mean, is left out).  @return 0 when n < 2. */
size_t wc_psd_peak(const double *psd, size_t n);

#ifdef __cplusplus
}
#endif
#endif
