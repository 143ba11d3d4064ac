/* wc_cli.h — the tools' layer over libwc: what every wckit tool shares on its command
 * line (the common options, provenance header lines, opening and closing the output,
 * --version) and its diagnostics and exits (wc_cli_msg.c).  Only the tools use it; it
 * is not installed with the library, which never exits or prints.
 *
 * A tool lists WC_CLI_LONGOPTS in its getopt_long table and WC_CLI_SHORTOPTS in its
 * short option string, and passes every option it does not know to wc_cli_option(). */
#ifndef WC_CLI_H
#define WC_CLI_H

#include <getopt.h>
#include <stdio.h>
#include "wckit/wc_err.h"
#include "wckit/wc_hdr.h"
#include "wckit/wc_matrix.h"
#include "wckit/wc_explore.h"
#include "wckit/wc_net.h"
#include "wckit/wc_params.h"
#include "wckit/wc_range.h"
#include "wckit/wc_grid.h"
#include "wckit/wc_settle.h"
#include "wckit/wc_stream.h"

/* ---- diagnostics and exits (wc_cli_msg.c) ---- */

/** Program name used as the prefix of every diagnostic ("wc-run"). */
extern const char *wc_progname;
/** Verbosity: 0 quiet (-q), 1 normal, 2 verbose (-v). */
extern int wc_verbosity;

/** Set the program name, route libwc's log messages to wc_warn/wc_info, install the
 *  SIGINT/SIGTERM/SIGHUP handler that removes unfinished output files (for each of them
 *  not ignored on entry: nohup, a background job) and ignore SIGXFSZ (wc_cli_init
 *  calls it). */
void wc_msg_init(const char *prog);
/** Print "prog: message" to stderr (after flushing stdout), remove unfinished output
 *  files, exit 1. */
void wc_die(const char *fmt, ...) WC_PRINTF(1, 2) WC_NORETURN;
/** As wc_die, but exit 2 and add a hint to run --help. */
void wc_usage(const char *fmt, ...) WC_PRINTF(1, 2) WC_NORETURN;
/** After getopt has printed "prog: unrecognized option ...": the --help hint, exit 2. */
void wc_usage_hint(void) WC_NORETURN;
/** Print "prog: warning: message" unless quiet. */
void wc_warn(const char *fmt, ...) WC_PRINTF(1, 2);
/** Print "[prog] message" when verbose (-v). */
void wc_info(const char *fmt, ...) WC_PRINTF(1, 2);

/* ---- the command line ---- */

enum {
    WC_OPT_NO_VERSION = 1000, WC_OPT_VERSION, WC_OPT_PRECISION, WC_OPT_LIMIT,
    WC_OPT_PARAM_FILE, WC_OPT_CONVENTION, WC_OPT_LIST_PRESETS, WC_OPT_LIST_PARAMS,   /* the model's (wc_cli_model) */
    WC_OPT_TRANSIENT, WC_OPT_DT, WC_OPT_METHOD, WC_OPT_TOL, WC_OPT_NO_STOP,          /* the grid runs' (wc_cli_runs) */
    WC_OPT_SHARD, WC_OPT_COUNT, WC_OPT_HASH, WC_OPT_MERGE, WC_OPT_FORCE,
    WC_OPT_VARS, WC_OPT_TRANSPOSE, WC_OPT_SERIES_DT,                                  /* a series' (wc_cli_series_option) */
    WC_OPT_CONN, WC_OPT_DIST, WC_OPT_NO_DIST, WC_OPT_SPEED, WC_OPT_COUPLING,                   /* the network's (wc_cli_net) */
    WC_OPT_DELAY, WC_OPT_HISTORY, WC_OPT_SELF, WC_OPT_NO_SELF,
    WC_OPT_EVERY, WC_OPT_NOISE_E, WC_OPT_NOISE_I, WC_OPT_NOISE_TAU, WC_OPT_SIGMA,       /* a scored point's (wc_cli_point) */
    WC_OPT_BOLD, WC_OPT_TR, WC_OPT_BOLD_SCALE, WC_OPT_FC_EMP, WC_OPT_FCD_EMP, WC_OPT_WINDOW, WC_OPT_STEP,
    WC_OPT_TOOL_BASE = 1100
};

#define WC_CLI_SHORTOPTS "o:O:qvh"
#define WC_CLI_LONGOPTS                                                     \
    {"output", required_argument, 0, 'o'},                                  \
    {"output-type", required_argument, 0, 'O'},                             \
    {"no-version", no_argument, 0, WC_OPT_NO_VERSION},                      \
    {"precision", required_argument, 0, WC_OPT_PRECISION},                  \
    {"limit", required_argument, 0, WC_OPT_LIMIT},                          \
    {"quiet", no_argument, 0, 'q'},                                         \
    {"verbose", no_argument, 0, 'v'},                                       \
    {"help", no_argument, 0, 'h'},                                          \
    {"version", no_argument, 0, WC_OPT_VERSION}

typedef struct {
    const char *output;   /* -o FILE, NULL = stdout */
    int otype;            /* -O type, 0 = from the file name, else TSV */
    int no_version;       /* --no-version: no tool/cmd/date lines */
    wc_stream_wopts wopts;       /* --precision, gzip level */
    int text_table;       /* the output is a text table (wc_cli_text_table) */
    int argc;
    char **argv;
    const char *argv0;    /* argv[0] as invoked (argv[0] itself is set to the program name) */
    void (*usage)(FILE *);
} wc_cli;

/** Set the program name for diagnostics and fill c with defaults. */
void wc_cli_init(wc_cli *c, const char *prog, int argc, char **argv, void (*usage)(FILE *));
/** Handle a common option (prints help/version and exits for -h/--version; exits 2 on
 *  a bad value or on '?' from getopt).  @return 1 if opt was a common option, else 0. */
int wc_cli_option(wc_cli *c, int opt, const char *arg);
/** Print the common options' help lines. */
void wc_cli_usage_common(FILE *out);
/** Add this tool's "tool", "cmd" and "date" lines to h, unless --no-version. */
void wc_cli_provenance(const wc_cli *c, wc_hdr *h);
/** The output type: -O, else from the -o name, else TSV. */
int wc_cli_otype(const wc_cli *c);
/** Declare the output a text table (a text column, or lines of the tool's own): -O
 *  must then be t or z, else exit 2 with "-O: the WHAT is text; use -Ot or -Oz"; the
 *  writer writes no header of its own (the tool writes its lines). */
void wc_cli_text_table(wc_cli *c, const char *what);
/** Open the output chosen with -o/-O for header h (NULL for a text table); exits 1
 *  with a message on error. */
wc_stream_writer *wc_cli_open_output(const wc_cli *c, const wc_hdr *h);
/** Close an output; exits 1 with a message on error. */
void wc_cli_close_output(const wc_cli *c, wc_stream_writer *w);
/** The steps of a run of T ms at dt ms (wc_clock_steps); exit 2 when they reach 2^53. */
long long wc_cli_steps(double T, double dt);
/** Flush an output (wc_stream_writer_flush), or die. */
void wc_cli_flush_output(const wc_cli *c, wc_stream_writer *w);
/** Write rows, or text (tables with a text column), or die. */
void wc_cli_write_rows(const wc_cli *c, wc_stream_writer *w, const double *rows, size_t n);
void wc_cli_write_text(const wc_cli *c, wc_stream_writer *w, const char *text);
/** A table line: label (NULL: none), then the numbers (wc_stream_writer_cells), or die. */
void wc_cli_write_cells(const wc_cli *c, wc_stream_writer *w, const char *label, const double *v, size_t n);
/** Apply preset NAME (-x) to p: an unknown name exits 2, a bad preset file exits 1. */
void wc_cli_preset(wc_params *p, const char *name, int conv);

/** The tool's input is path (NULL or "-": standard input).  If that is standard input
 *  and standard input is a terminal, nothing is piped in: print one line saying so and
 *  the usage to stderr and exit 2, rather than wait for the user to type a stream (as
 *  samtools does). */
void wc_cli_need_input(const wc_cli *c, const char *path);
/** Open an input stream (NULL or "-": stdin) or exit 1 with "prog: NAME: why".
 *  *name gets the name used in messages ("stdin" for standard input). */
wc_stream_reader *wc_cli_open_input(const char *path, const char **name);
/** Open a time series for an analysis tool (wc_series.h) and select its channels
 *  (vars: --vars, or NULL), or exit: 1 for data errors, 2 for a --vars naming no column.
 *  *dt gets the sampling interval in ms (dt_opt if > 0, else from the input; 0 when
 *  unknown).  *name as for wc_cli_open_input. */
/** The options wc_cli_open_series takes, for a tool's getopt table, and their handling:
 *  @return 1 if opt was one (setting *vars, *transpose or *dt), else 0. */
#define WC_CLI_SERIES_LONGOPTS                                              \
    {"vars", required_argument, 0, WC_OPT_VARS},                            \
    {"transpose", no_argument, 0, WC_OPT_TRANSPOSE},                        \
    {"dt", required_argument, 0, WC_OPT_SERIES_DT}
int wc_cli_series_option(int opt, const char *arg, const char **vars, int *transpose, double *dt);
/** The help lines of the options wc_cli_open_series takes: --vars, --transpose, --dt. */
void wc_cli_usage_series(FILE *out);
struct wc_series *wc_cli_open_series(const char *path, int transpose, const char *vars, double dt_opt, double *dt,
                                     const char **name);
/** Column indices, malloc'ed, for a comma-separated list of names (in that order,
 *  repeats allowed); with list NULL every column except one named skip (NULL: none).
 *  Exits 2 on an unknown name ("prog: NAME: no column 'x'") or an empty list. */
long *wc_cli_columns(const wc_hdr *h, const char *list, const char *skip, const char *name, size_t *n);

/* ---- the model's parameters (wc_cli_model.c): -x, -p, --param-file, --convention ----
 * A tool lists WC_CLI_MODEL_LONGOPTS and WC_CLI_MODEL_SHORTOPTS, gives the options to
 * wc_cli_model_option(), and builds its parameters with wc_cli_model_params().  Tools
 * whose --param means something else (wc-cont) leave out WC_CLI_MODEL_PARAM_LONGOPT. */

#define WC_CLI_MODEL_SHORTOPTS "x:p:"
#define WC_CLI_MODEL_PARAM_LONGOPT {"param", required_argument, 0, 'p'}
#define WC_CLI_MODEL_LONGOPTS                                               \
    {"preset", required_argument, 0, 'x'},                                  \
    {"param-file", required_argument, 0, WC_OPT_PARAM_FILE},                \
    {"convention", required_argument, 0, WC_OPT_CONVENTION},                \
    {"list-presets", no_argument, 0, WC_OPT_LIST_PRESETS},                  \
    {"list-params", no_argument, 0, WC_OPT_LIST_PARAMS}

/* A parameter assignment, applied in command-line order after the preset. */
typedef struct {
    enum { WC_SET_LIST, WC_SET_FILE, WC_SET_ONE } kind;   /* -p K=V,..., --param-file, one parameter */
    int id;                                              /* WC_SET_ONE: the parameter */
    const char *arg;
} wc_cli_param_action;

typedef struct {
    const char *preset;   /* -x */
    int conv;             /* --convention */
    wc_cli_param_action act[256];
    int nact;
} wc_cli_model;

/** Handle a model option (--list-* print and exit 0).  @return 1 if it was one, else 0. */
int wc_cli_model_option(wc_cli_model *m, int opt, const char *arg);
/** Queue "parameter id = arg" (as -p would), e.g. for --noise-E. */
void wc_cli_model_set(wc_cli_model *m, int id, const char *arg);
/** The parameters: defaults, the preset, then -p/--param-file/wc_cli_model_set in order;
 *  exits 2 on a bad value or name, 1 on an unreadable file. */
void wc_cli_model_params(const wc_cli_model *m, wc_params *p);
/** The help lines of the model options (with_param_long: -p is also --param). */
void wc_cli_usage_model(FILE *out, int with_param_long);
/** "preset" and "convention" header lines (the parameters themselves: wc_params_to_hdr). */
void wc_cli_model_hdr(const wc_cli_model *m, wc_hdr *h);

/* ---- durations: SPAN is ms, or a number with a unit: 250ms, 60s, 30samples ---- */
enum { WC_SPAN_NONE, WC_SPAN_MS, WC_SPAN_SAMPLES };
typedef struct {
    int unit;   /* WC_SPAN_*: none given, ms, samples */
    double v;   /* ms or samples */
} wc_cli_span;
/** Parse a non-negative SPAN, or exit 2 with "opt: why". */
wc_cli_span wc_cli_span_parse(const char *opt, const char *arg);

/* ---- windows and ranges (the range grammar, wc_range.h) ---- */

/** Parse opt's value as a range accepting accept (WC_RANGE_ACCEPT_*), or exit 2 with
 *  "--opt: why". */
void wc_cli_range(const char *opt, const char *arg, int accept, wc_range *r);

/** For tools whose linear algebra is small (2x2 to a few hundred unknowns): OpenBLAS's
 *  worker threads only compete with the tool for the cores, so use none. */
void wc_cli_blas_serial(void);

/** Blank lines in a text output (nothing in binary): n = 2 between blocks (gnuplot's
 *  index), n = 1 between the scans of a grid (splot, pm3d). */
void wc_cli_blank_lines(const wc_cli *c, wc_stream_writer *w, int n);
/** The index of arg among the n words names, or exit 2 with "opt: 'arg' is not a, b or c". */
int wc_cli_choice(const char *opt, const char *arg, const char *const *names, int n);
/** Add the header line "key LO:HI" (numbers in shortest exact form). */
void wc_cli_hdr_span(wc_hdr *h, const char *key, double lo, double hi);
/** Seconds since t0 (CLOCK_MONOTONIC). */
#include <time.h>
double wc_cli_seconds_since(const struct timespec *t0);

/* ---- the one progress display (wc_cli_progress.c) ----
 * On a terminal (stderr), unless -q, for work that lasts more than a second: one line
 * "prog: 42%  1234 of 5000 points, 812/s, 5 s left", refreshed 4 times a second, and
 * cleared when the work ends or a message is printed. */
typedef struct {
    const char *unit;     /* what is counted, plural: "steps", "trajectories" */
    struct timespec t0, last;
    int shown;
    int tty;              /* stderr is a terminal and not -q: checked once, at the start */
} wc_cli_progress;

/** Start timing work counted in units. */
void wc_cli_progress_start(wc_cli_progress *p, const char *unit);
/** done of total units are done (a callback for the library's progress hooks: ctx is
 *  the wc_cli_progress). */
void wc_cli_progress_show(void *ctx, long long done, long long total);
/** Clear the line, if one was shown.  @return the seconds since the start. */
double wc_cli_progress_end(wc_cli_progress *p);

/** --merge PART...: the parts of a sharded run into the output of -o/-O (wc_grid_merge),
 *  with this tool's provenance lines; exits 1 with "prog: --merge: why" if they do not
 *  make one run. */
void wc_cli_merge(const wc_cli *c, char *const *paths, size_t n);

/* ---- the runs of a grid of trajectories (wc_cli_runs.c): wc-sweep, wc-basin ----
 * -T, --transient, --dt, --method, --tol, --no-early-stop, -t, and the one sharding
 * contract: --shard K/N, --count, --hash, --merge PART..., --force. */

#define WC_CLI_RUNS_SHORTOPTS "T:t:"
#define WC_CLI_RUNS_LONGOPTS                                                \
    {"duration", required_argument, 0, 'T'},                                \
    {"transient", required_argument, 0, WC_OPT_TRANSIENT},                  \
    {"dt", required_argument, 0, WC_OPT_DT},                                \
    {"method", required_argument, 0, WC_OPT_METHOD},                        \
    {"tol", required_argument, 0, WC_OPT_TOL},                              \
    {"no-early-stop", no_argument, 0, WC_OPT_NO_STOP},                      \
    {"threads", required_argument, 0, 't'},                                 \
    WC_CLI_SHARD_LONGOPTS
/* The sharding contract alone (a grid tool whose runs are not wc_settle's: wc-explore);
 * wc_cli_runs_option handles them. */
#define WC_CLI_SHARD_LONGOPTS                                               \
    {"shard", required_argument, 0, WC_OPT_SHARD},                          \
    {"count", no_argument, 0, WC_OPT_COUNT},                                \
    {"hash", no_argument, 0, WC_OPT_HASH},                                  \
    {"merge", no_argument, 0, WC_OPT_MERGE},                                \
    {"force", no_argument, 0, WC_OPT_FORCE}

typedef struct {
    wc_settle_opts settle;    /* -T (observe), --transient, --dt, --method, --tol, --no-early-stop */
    long long threads;        /* -t, 0: auto */
    wc_shard shard;
    int sharded, count, hash, merge, force;
} wc_cli_runs;

/** The defaults (wc_settle_opts_init). */
void wc_cli_runs_init(wc_cli_runs *r);
/** Handle a runs option.  @return 1 if it was one, else 0. */
int wc_cli_runs_option(wc_cli_runs *r, int opt, const char *arg);
/** The help lines of the runs and sharding options. */
void wc_cli_usage_runs(FILE *out);
/** The help lines of the sharding options alone. */
void wc_cli_usage_shards(FILE *out);
/** With --merge: merge the parts argv[first..argc-1] (wc_cli_merge) and exit 0; else
 *  return. */
void wc_cli_runs_merge_and_exit(const wc_cli_runs *r, const wc_cli *c, int argc, char **argv, int first);
/** With --count: print m and exit 0; else return. */
void wc_cli_runs_count_and_exit(const wc_cli_runs *r, long long m);
/** With --hash: print the grid hash as grid.hash has it (16 hex digits) and exit 0; else
 *  return. */
void wc_cli_runs_hash_and_exit(const wc_cli_runs *r, uint64_t hash);
/** After the options (first: getopt's optind): --merge needs parts, other runs take no
 *  argument; the runs' steps (--transient, -T, --dt) must number 2 to 2^53 (else exit 2). */
void wc_cli_runs_args(const wc_cli_runs *r, int argc, char **argv, int first);
/** The block of points this run computes out of grid g ([0, M), or the shard's), after
 *  checking the size cap (exit 2 over WC_GRID_CAP without --force); what names the
 *  points in the message ("points", "starts"). */
void wc_cli_runs_block(const wc_cli_runs *r, const wc_grid *g, const char *what, long long *begin, long long *end);
/** Settle options for n trajectories: threads (auto: the cores, up to 8, from 256
 *  trajectories on, as wc-run), progress on prog (NULL: none). */
void wc_cli_runs_settle(const wc_cli_runs *r, size_t n, wc_cli_progress *prog, wc_settle_opts *so);
/** The header lines of the run's settings. */
void wc_cli_runs_hdr(const wc_cli_runs *r, wc_hdr *h);

/* ---- a network of nodes (wc_cli_net.c): wc-run, wc-explore ----
 * --conn, --dist, --no-dist, --speed, -k, --coupling, --delay, --history, --self,
 * --no-self: the connectome files, wc_net_opts and the pseudo-history. */

#define WC_CLI_NET_SHORTOPTS "k:"
#define WC_CLI_NET_LONGOPTS                                                 \
    {"conn", required_argument, 0, WC_OPT_CONN},                            \
    {"dist", required_argument, 0, WC_OPT_DIST},                            \
    {"no-dist", no_argument, 0, WC_OPT_NO_DIST},                            \
    {"speed", required_argument, 0, WC_OPT_SPEED},                          \
    {"coupling-strength", required_argument, 0, 'k'},                       \
    {"coupling", required_argument, 0, WC_OPT_COUPLING},                    \
    {"delay", required_argument, 0, WC_OPT_DELAY},                          \
    {"history", required_argument, 0, WC_OPT_HISTORY},                      \
    {"self", no_argument, 0, WC_OPT_SELF},                                  \
    {"no-self", no_argument, 0, WC_OPT_NO_SELF}

typedef struct {
    const char *conn, *dist;     /* weights and lengths files */
    char *dist_found;            /* the lengths that come with --conn (wc_matfile_lengths_source) */
    int no_dist;                 /* --no-dist: no delays, whatever comes with --conn */
    const char *net_only;        /* a network option given (wc-run: needs --conn), or NULL */
    wc_net_opts net;             /* k [1], speed [2], coupling, delay, keep_self */
    wc_net_history_spec history; /* [uniform:0:0.05] */
} wc_cli_net;

/** The defaults. */
void wc_cli_net_init(wc_cli_net *n);
/** Handle a network option (exit 2 on a bad value).  @return 1 if it was one, else 0. */
int wc_cli_net_option(wc_cli_net *n, int opt, const char *arg);
/** After the options: --dist and --no-dist exclude each other (exit 2). */
void wc_cli_net_args(const wc_cli_net *n);
/** The help lines of the network options. */
void wc_cli_usage_net(FILE *out);
/** Load the weights of --conn into C and the lengths into D (those of --dist, else the
 *  ones that come with --conn, unless --no-dist); *have_D says whether there are any.
 *  Exits 1 with "prog: FILE: why". */
void wc_cli_net_load(wc_cli_net *n, wc_matrix *C, wc_matrix *D, int *have_D);
/** Header lines conn, dist, speed, k, coupling, delay, history, self. */
void wc_cli_net_hdr(const wc_cli_net *n, wc_hdr *h);
void wc_cli_net_free(wc_cli_net *n);

/* ---- a scored network point (wc_cli_point.c): wc-explore, wc-fit ----
 * The run (-T, --dt, --method, --transient/--skip, --every, -s, --noise-*, --sigma), the
 * network (wc_cli_net), the model (wc_cli_model), BOLD (--bold, --tr, --bold-scale) and
 * the scores (--fc-emp, --fcd-emp, --window, --step): everything a wc_explore_cfg holds. */

#define WC_CLI_POINT_SHORTOPTS WC_CLI_MODEL_SHORTOPTS WC_CLI_NET_SHORTOPTS "T:s:"
#define WC_CLI_POINT_LONGOPTS                                               \
    WC_CLI_MODEL_LONGOPTS,                                                  \
    WC_CLI_MODEL_PARAM_LONGOPT,                                             \
    WC_CLI_NET_LONGOPTS,                                                    \
    {"duration", required_argument, 0, 'T'},                                \
    {"dt", required_argument, 0, WC_OPT_DT},                                \
    {"method", required_argument, 0, WC_OPT_METHOD},                        \
    {"transient", required_argument, 0, WC_OPT_TRANSIENT},                  \
    {"skip", required_argument, 0, WC_OPT_TRANSIENT},                       \
    {"every", required_argument, 0, WC_OPT_EVERY},                          \
    {"seed", required_argument, 0, 's'},                                    \
    {"noise-E", required_argument, 0, WC_OPT_NOISE_E},                      \
    {"noise-I", required_argument, 0, WC_OPT_NOISE_I},                      \
    {"noise-tau", required_argument, 0, WC_OPT_NOISE_TAU},                  \
    {"sigma", required_argument, 0, WC_OPT_SIGMA},                          \
    {"bold", no_argument, 0, WC_OPT_BOLD},                                  \
    {"tr", required_argument, 0, WC_OPT_TR},                                \
    {"bold-scale", required_argument, 0, WC_OPT_BOLD_SCALE},                \
    {"fc-emp", required_argument, 0, WC_OPT_FC_EMP},                        \
    {"fcd-emp", required_argument, 0, WC_OPT_FCD_EMP},                      \
    {"window", required_argument, 0, WC_OPT_WINDOW},                        \
    {"step", required_argument, 0, WC_OPT_STEP}

typedef struct {
    wc_cli_model model;           /* -x, -p, ...; --noise-*, --sigma */
    wc_cli_net nw;                /* --conn [hcp80], --dist, --speed, -k ... */
    double T, dt, transient, tr, bold_scale;
    int method, bold;
    long long every;
    unsigned long long seed;
    const char *fc_emp, *fcd_emp; /* file names (fc_emp: hcp80:FC with --conn hcp80) */
    wc_cli_span window, step;
    /* after wc_cli_point_load: */
    wc_matrix C, D, fc_m, fcd_m;
    int have_D, have_fc, have_fcd;
    wc_explore_cfg cfg;           /* the point as the options give it */
} wc_cli_point;

/** The defaults: T ms of simulated time, dt 0.1 ms, every 1, TR 0.72 s, --conn hcp80. */
void wc_cli_point_init(wc_cli_point *pt, double T);
/** Handle a point option (model and network ones included).  @return 1 if it was one. */
int wc_cli_point_option(wc_cli_point *pt, int opt, const char *arg);
/** After the options: the checks that need no file (exit 2). */
void wc_cli_point_args(wc_cli_point *pt);
/** The help lines of the run, network, BOLD and score options (T: -T's default). */
void wc_cli_usage_point(FILE *out, double T);
/** Load the connectome and the empirical data and fill pt->cfg (exit 1 on a bad file, 2 on
 *  a bad combination); pt->cfg then passes wc_explore_check, speed aside. */
void wc_cli_point_load(wc_cli_point *pt);
/** Header lines: integrator, dt, duration, transient, every, seed, nodes, the network's,
 *  BOLD, fc-emp, fcd-emp, the FCD window, the model's (not its parameters). */
void wc_cli_point_hdr(const wc_cli_point *pt, wc_hdr *h);
/** A text of every option that changes a point's result (the model's parameters and the
 *  data's contents included), for a hash; malloc'd. */
char *wc_cli_point_text(const wc_cli_point *pt);
void wc_cli_point_free(wc_cli_point *pt);

/** Flush and close stdout, exiting 1 if that fails (late write errors). */
void wc_cli_finish(void);

/** Strict option-value parsers that exit 2 with "--opt: ..." on a bad value. */
double wc_cli_double(const char *opt, const char *arg);
double wc_cli_positive(const char *opt, const char *arg);
double wc_cli_nonneg(const char *opt, const char *arg);
long long wc_cli_count(const char *opt, const char *arg, long long min, long long max);
/** A seed: a whole number from 0 to 2^62, also written as a double that is one exactly
 *  (3.27110058669745e+15, as a TSV column shows a 16-digit seed). */
unsigned long long wc_cli_seed(const char *opt, const char *arg);

/** The command line as one shell-quoted string (malloc'ed). */
char *wc_cli_cmdline(int argc, char **argv);

#endif
