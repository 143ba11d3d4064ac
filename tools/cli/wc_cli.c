/* wc_cli.c — common command-line handling (see wc_cli.h). */
#include "wc_cli.h"
#include "wckit/wc_series.h"
#include "wckit/wc_clock.h"
#include "wckit/wc_err.h"
#include "wckit/wc_grid.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_limits.h"
#include "wckit/wc_num.h"

#include <bzlib.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <sleef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#ifndef WC_VERSION
#define WC_VERSION "unknown"
#endif

void wc_cli_init(wc_cli *c, const char *prog, int argc, char **argv, void (*usage)(FILE *))
{
    memset(c, 0, sizeof *c);
    wc_msg_init(prog);
    c->argv0 = argv[0];
    argv[0] = (char *)prog;   /* getopt's own messages then start "prog: " */
    signal(SIGPIPE, SIG_DFL); /* "| head" ends us quietly even if the caller ignored SIGPIPE */
    c->argc = argc;
    c->argv = argv;
    c->usage = usage;
}

void wc_cli_usage_common(FILE *out)
{
    fputs("Common options (wckit(7)):\n"
          "  -o, --output FILE        write to FILE [stdout]\n"
          "  -O, --output-type T      t: TSV, z: gzip TSV, b: gzip binary, u: binary, n: NumPy .npy\n"
          "                           [from the -o name (.tsv .tsv.gz .wcb.gz .wcb .npy), else t]\n"
          "      --precision N        print numbers as %.Ng [shortest exact]\n"
          "      --no-version         omit the tool, cmd and date header lines\n"
          "      --limit NAME=N       set an input size limit: header (bytes) [1M],\n"
          "                           columns [1M], nodes [32768] (wckit(7) LIMITS)\n"
          "  -q, --quiet              no warnings or progress\n"
          "  -v, --verbose            report work done and time taken on stderr\n"
          "  -h, --help               this help\n"
          "      --version            versions of the tool and its libraries\n",
          out);
}

/* FFTW, LAPACK and OpenBLAS are linked only into the tools that compute with them (an
 * idle OpenBLAS thread pool costs the simulator a core), so their version symbols are
 * weak here: present in those tools, NULL elsewhere. */
extern const char fftw_version[] __attribute__((weak));
extern char *openblas_get_config(void) __attribute__((weak));
extern void LAPACKE_ilaver(int *major, int *minor, int *patch) __attribute__((weak));
extern void openblas_set_num_threads(int n) __attribute__((weak));

void wc_cli_blas_serial(void)
{
    if (openblas_set_num_threads) openblas_set_num_threads(1);
}

static void print_version(void)
{
    printf("%s (wckit) %s\n", wc_progname, WC_VERSION);
    printf("libwc %s, simd %s\n", wc_version(), wc_integrate_simd_name());
    printf("zlib %s\n", zlibVersion());
    printf("sleef %d.%d.%d\n", SLEEF_VERSION_MAJOR, SLEEF_VERSION_MINOR, SLEEF_VERSION_PATCHLEVEL);
    const char *bz = BZ2_bzlibVersion();   /* "1.0.8, 13-Jul-2019" */
    printf("libzip %s (loaded when a zip is read)\nbzip2 %.*s\n", LIBZIP_VERSION, (int)strcspn(bz, ","), bz);
    if (fftw_version) printf("fftw %s\n", fftw_version);
    if (LAPACKE_ilaver) {
        int maj = 0, min = 0, pat = 0;
        LAPACKE_ilaver(&maj, &min, &pat);
        printf("lapack %d.%d.%d\n", maj, min, pat);
    }
    if (openblas_get_config) printf("openblas %s\n", openblas_get_config());
}

static int parse_otype(const char *arg, wc_cli *c)
{
    if (strlen(arg) < 1 || !strchr("tzbun", arg[0])) return -1;
    if (arg[1] && (arg[1] < '1' || arg[1] > '9' || arg[2] || !strchr("zb", arg[0]))) return -1;
    c->otype = arg[0];
    if (arg[1]) c->wopts.level = arg[1] - '0';
    return 0;
}

int wc_cli_option(wc_cli *c, int opt, const char *arg)
{
    switch (opt) {
    case 'o':
        if (!*arg) wc_usage("-o: empty file name");
        c->output = arg;
        return 1;
    case 'O':
        if (parse_otype(arg, c) < 0) wc_usage("-O: unknown output type '%s' (t, z, b, u or n; b and z take a level 1-9)", arg);
        return 1;
    case WC_OPT_NO_VERSION: c->no_version = 1; return 1;
    case WC_OPT_PRECISION: c->wopts.precision = (int)wc_cli_count("--precision", arg, 1, 17); return 1;
    case WC_OPT_LIMIT:
        if (wc_limit_parse(arg) < 0) wc_usage("--limit: %s", wc_errmsg());
        return 1;
    case 'q': wc_verbosity = 0; return 1;
    case 'v': wc_verbosity = 2; return 1;
    case 'h': c->usage(stdout); wc_cli_finish(); exit(0);
    case WC_OPT_VERSION: print_version(); wc_cli_finish(); exit(0);
    case '?': /* getopt has printed "prog: unrecognized option ..." */
    case ':': wc_usage_hint();
    }
    return 0;
}

/* 'arg' quoted for a POSIX shell when it holds anything but safe characters. */
static void append_quoted(char **buf, size_t *len, size_t *cap, const char *arg)
{
    int safe = *arg != '\0';
    for (const char *p = arg; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=.,/:@%", *p)) safe = 0;
    size_t need = *len + 4 * strlen(arg) + 4;
    if (need > *cap) {
        *cap = 2 * need;
        char *nb = realloc(*buf, *cap);
        if (!nb) wc_die("out of memory");
        *buf = nb;
    }
    char *o = *buf + *len;
    if (*len) *o++ = ' ';
    if (safe) {
        o = stpcpy(o, arg);
    } else {
        *o++ = '\'';
        for (const char *p = arg; *p; p++) {
            if (*p == '\'') o = stpcpy(o, "'\\''");
            else if (*p == '\n') *o++ = ' ';
            else *o++ = *p;
        }
        *o++ = '\'';
    }
    *o = '\0';
    *len = o - *buf;
}

char *wc_cli_cmdline(int argc, char **argv)
{
    size_t len = 0, cap = 256;
    char *buf = malloc(cap);
    if (!buf) wc_die("out of memory");
    buf[0] = '\0';
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (i == 0 && strrchr(a, '/')) a = strrchr(a, '/') + 1;
        append_quoted(&buf, &len, &cap, a);
    }
    return buf;
}

void wc_cli_provenance(const wc_cli *c, wc_hdr *h)
{
    if (c->no_version) return;
    wc_hdr_add(h, "tool", "%s %s", wc_progname, WC_VERSION);
    char *invoked = c->argv[0];
    c->argv[0] = (char *)c->argv0;   /* record the command as it was typed */
    char *cmd = wc_cli_cmdline(c->argc, c->argv);
    c->argv[0] = invoked;
    wc_hdr_add(h, "cmd", "%s", cmd);
    free(cmd);
    /* SOURCE_DATE_EPOCH makes the date reproducible too (reproducible-builds.org) */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tm;
    char date[32];
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    wc_hdr_add(h, "date", "%s", date);
}

/* The output's name in messages. */
static const char *output_name(const wc_cli *c) { return c->output ? c->output : "stdout"; }

int wc_cli_otype(const wc_cli *c)
{
    int type = c->otype;
    if (!type && c->output) type = wc_stream_otype_from_path(c->output);
    return type > 0 ? type : WC_OUT_TSV;
}

void wc_cli_text_table(wc_cli *c, const char *what)
{
    int type = wc_cli_otype(c);
    if (type != WC_OUT_TSV && type != WC_OUT_TSVGZ) wc_usage("-O: the %s is text; use -Ot or -Oz", what);
    c->text_table = 1;
    c->wopts.no_header = 1;
}

wc_stream_writer *wc_cli_open_output(const wc_cli *c, const wc_hdr *h)
{
    /* a text table's writer only frames the output (file, gzip, errors) */
    wc_hdr *frame = h ? NULL : wc_hdr_new();
    if (!h && (!frame || wc_hdr_add_col(frame, "text") < 0)) wc_die("out of memory");
    wc_stream_writer *w = wc_stream_writer_open(c->output, wc_cli_otype(c), h ? h : frame, &c->wopts);
    wc_hdr_free(frame);
    if (!w) wc_die("%s: %s", output_name(c), wc_errmsg());
    return w;
}

void wc_cli_close_output(const wc_cli *c, wc_stream_writer *w)
{
    if (wc_stream_writer_close(w) < 0) wc_die("%s: %s", output_name(c), wc_errmsg());
}

long long wc_cli_steps(double T, double dt)
{
    wc_clock clk;
    wc_clock_init(&clk, dt);
    long long n = wc_clock_steps(&clk, T);
    if (n >= (long long)WC_CLOCK_MAX_STEPS) wc_usage("--duration %g at --dt %g is more than 2^53 steps", T, dt);
    return n;
}

void wc_cli_flush_output(const wc_cli *c, wc_stream_writer *w)
{
    if (wc_stream_writer_flush(w) < 0) wc_die("%s: %s", output_name(c), wc_errmsg());
}

void wc_cli_write_rows(const wc_cli *c, wc_stream_writer *w, const double *rows, size_t n)
{
    if (wc_stream_writer_rows(w, rows, n) < 0) wc_die("%s: %s", output_name(c), wc_errmsg());
}

void wc_cli_preset(wc_params *p, const char *name, int conv)
{
    char *path = wc_params_preset_find(name);
    if (!path) wc_usage("-x: %s", wc_errmsg());
    if (wc_params_load_file(p, path, conv) < 0) wc_die("preset %s", wc_errmsg());
    free(path);
}

void wc_cli_need_input(const wc_cli *c, const char *path)
{
    if ((path && strcmp(path, "-") != 0) || !isatty(STDIN_FILENO)) return;
    fprintf(stderr, "%s: no input: name a file or pipe a stream in (standard input is a terminal)\n\n", wc_progname);
    c->usage(stderr);
    exit(2);
}

wc_stream_reader *wc_cli_open_input(const char *path, const char **name)
{
    *name = path && strcmp(path, "-") != 0 ? path : "stdin";
    wc_stream_reader *r = wc_stream_reader_open(path);
    if (!r) wc_die("%s: %s", *name, wc_errmsg());
    return r;
}

int wc_cli_series_option(int opt, const char *arg, const char **vars, int *transpose, double *dt)
{
    switch (opt) {
    case WC_OPT_VARS: *vars = arg; return 1;
    case WC_OPT_TRANSPOSE: *transpose = 1; return 1;
    case WC_OPT_SERIES_DT: *dt = wc_cli_positive("--dt", arg); return 1;
    default: return 0;
    }
}

void wc_cli_usage_series(FILE *out)
{
    fputs("      --vars LIST          channels: names, or prefixes of numbered columns (rE: rE0, rE1 ...)\n"
          "                           [rE0, rE1 ... if any, else rE, else every column but t]\n"
          "      --transpose          rows of a plain table are the channels, columns the samples (BOLD)\n"
          "      --dt MS              sampling interval [the header's dt x every, else the t step]\n",
          out);
}

struct wc_series *wc_cli_open_series(const char *path, int transpose, const char *vars, double dt_opt, double *dt,
                                     const char **name)
{
    *name = path && strcmp(path, "-") != 0 ? path : "stdin";
    wc_series *s = wc_series_open(path, transpose);
    if (!s) wc_die("%s: %s", *name, wc_errmsg());
    if (wc_series_select(s, vars) < 0) {
        if (vars) wc_usage("%s: --vars: %s", *name, wc_errmsg());
        wc_die("%s: %s", *name, wc_errmsg());
    }
    if ((*dt = wc_series_dt(s, dt_opt)) < 0) wc_die("%s: %s", *name, wc_errmsg());
    return s;
}

long *wc_cli_columns(const wc_hdr *h, const char *list, const char *skip, const char *name, size_t *n)
{
    size_t cap = wc_hdr_ncols(h) + 1;
    for (const char *p = list; p && *p; p++) cap += *p == ',';
    long *idx = malloc(cap * sizeof *idx);
    char *copy = list ? strdup(list) : NULL, *save = NULL;
    if (!idx || (list && !copy)) wc_die("out of memory");
    *n = 0;
    if (!list) {
        for (size_t c = 0; c < wc_hdr_ncols(h); c++)
            if (!skip || strcmp(wc_hdr_col(h, c), skip) != 0) idx[(*n)++] = (long)c;
        return idx;
    }
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
        if ((idx[(*n)++] = wc_hdr_find_col(h, t)) < 0) wc_usage("%s: no column '%s'", name, t);
    free(copy);
    if (*n == 0) wc_usage("--columns: no column named");
    return idx;
}

void wc_cli_write_text(const wc_cli *c, wc_stream_writer *w, const char *text)
{
    if (wc_stream_writer_text(w, text, strlen(text)) < 0) wc_die("%s: %s", output_name(c), wc_errmsg());
}

void wc_cli_write_cells(const wc_cli *c, wc_stream_writer *w, const char *label, const double *v, size_t n)
{
    if (wc_stream_writer_cells(w, label, v, n) < 0) wc_die("%s: %s", output_name(c), wc_errmsg());
}

void wc_cli_finish(void)
{
    /* stdout's descriptor may already be closed by a writer that owned it: EBADF is fine */
    if (fflush(stdout) != 0 || ferror(stdout) || (fclose(stdout) != 0 && errno != EBADF)) {
        fprintf(stderr, "%s: write error on stdout\n", wc_progname);
        exit(1);
    }
}

double wc_cli_double(const char *opt, const char *arg)
{
    double x;
    if (wc_num_parse_finite(arg, &x) < 0) wc_usage("%s: %s", opt, wc_errmsg());
    return x;
}

double wc_cli_positive(const char *opt, const char *arg)
{
    double x = wc_cli_double(opt, arg);
    if (!(x > 0)) wc_usage("%s must be > 0 (got %s)", opt, arg);
    return x;
}

double wc_cli_nonneg(const char *opt, const char *arg)
{
    double x = wc_cli_double(opt, arg);
    if (!(x >= 0)) wc_usage("%s must be >= 0 (got %s)", opt, arg);
    return x;
}

long long wc_cli_count(const char *opt, const char *arg, long long min, long long max)
{
    long long k;
    if (wc_num_parse_int(arg, &k) < 0) wc_usage("%s: %s", opt, wc_errmsg());
    if (k < min || k > max) wc_usage("%s must be between %lld and %lld (got %s)", opt, min, max, arg);
    return k;
}

unsigned long long wc_cli_seed(const char *opt, const char *arg)
{
    long long k;
    double x;
    if (wc_num_parse_int(arg, &k) == 0) {
        if (k < 0 || k > (1LL << 62)) wc_usage("%s must be between 0 and %lld (got %s)", opt, 1LL << 62, arg);
        return (unsigned long long)k;
    }
    /* a seed as a TSV column holds it: 3.27110058669745e+15, an exact integer below 2^53 */
    if (wc_num_parse_finite(arg, &x) == 0 && x >= 0 && x < 0x1p53 && x == floor(x)) return (unsigned long long)x;
    wc_usage("%s: '%s' is not a whole number from 0 to 2^62", opt, arg);
}

void wc_cli_blank_lines(const wc_cli *c, wc_stream_writer *w, int n)
{
    int t = wc_cli_otype(c);
    if (t == WC_OUT_TSV || t == WC_OUT_TSVGZ) wc_cli_write_text(c, w, n == 1 ? "\n" : "\n\n");
}

int wc_cli_choice(const char *opt, const char *arg, const char *const *names, int n)
{
    char list[512] = "";
    for (int k = 0; k < n; k++) {
        if (strcmp(arg, names[k]) == 0) return k;
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%s", k == 0 ? "" : k == n - 1 ? " or " : ", ", names[k]);
    }
    wc_usage("%s: '%s' is not %s", opt, arg, list);
}

void wc_cli_hdr_span(wc_hdr *h, const char *key, double lo, double hi)
{
    char a[WC_NUM_BUFSZ], b[WC_NUM_BUFSZ];
    wc_num_fmt(a, lo, 0);
    wc_num_fmt(b, hi, 0);
    wc_hdr_add(h, key, "%s:%s", a, b);
}

double wc_cli_seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

void wc_cli_merge(const wc_cli *c, char *const *paths, size_t n)
{
    wc_hdr *extra = wc_hdr_new();
    if (!extra) wc_die("out of memory");
    wc_cli_provenance(c, extra);
    if (wc_grid_merge((const char *const *)paths, n, extra, c->output, wc_cli_otype(c), &c->wopts) < 0)
        wc_die("--merge: %s", wc_errmsg());
    wc_hdr_free(extra);
}

/* "250", "250ms", "60s", "30samples": a non-negative duration. */
wc_cli_span wc_cli_span_parse(const char *opt, const char *arg)
{
    static const struct {
        const char *suffix;
        int unit;
        double scale;
    } units[] = {{"samples", WC_SPAN_SAMPLES, 1}, {"ms", WC_SPAN_MS, 1}, {"s", WC_SPAN_MS, 1000}};
    size_t len = strlen(arg);
    for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
        size_t sl = strlen(units[k].suffix);
        if (len > sl && strcmp(arg + len - sl, units[k].suffix) == 0) {
            char num[64];
            if (len - sl >= sizeof num) break;
            memcpy(num, arg, len - sl);
            num[len - sl] = '\0';
            return (wc_cli_span){units[k].unit, wc_cli_nonneg(opt, num) * units[k].scale};
        }
    }
    return (wc_cli_span){WC_SPAN_MS, wc_cli_nonneg(opt, arg)};
}
