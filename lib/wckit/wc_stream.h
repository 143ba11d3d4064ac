/* wc_stream.h — reading and writing wc-streams (see man/wc-stream.5).
 *
 * Four on-disk forms share one text header:
 *     ## wc-stream 1 f64le        (or "## wc-stream 1 tsv")
 *     ## key value                (any number, in order)
 *     # col1<TAB>col2...          (always the last header line)
 * followed by rows: little-endian IEEE-754 doubles (f64le) or tab-separated text (tsv).
 * Either may be gzip-compressed.  Readers accept all four forms transparently, plus
 * plain TSV/CSV/vnlog tables without the magic line and NumPy .npy arrays (2-D, or 1-D
 * as one column; C order; float64, float32, integer or bool; read row by row).
 * Writers also produce NumPy .npy (float64, C order), naming the columns in a comment
 * after the header dict that numpy.load ignores.  The reader and the writer live in
 * wc_stream_read.c and wc_stream_write.c. */
#ifndef WC_STREAM_H
#define WC_STREAM_H

#include <stddef.h>
#include "wc_hdr.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Output types, as given to -O. */
enum wc_stream_otype {
    WC_OUT_TSV = 't',    /* text rows */
    WC_OUT_TSVGZ = 'z',  /* gzip-compressed text */
    WC_OUT_BINGZ = 'b',  /* gzip-compressed f64le */
    WC_OUT_BIN = 'u',    /* raw f64le, for pipes */
    WC_OUT_NPY = 'n'     /* NumPy .npy, 2-D float64 (rows x columns), no header keys */
};

/** Largest header accepted by readers, in bytes: the default of the "header" limit
 *  (wc_limits.h), which a program may raise. */
#define WC_HDR_MAX (1u << 20)
/** Largest number of columns accepted by readers: the default of the "columns" limit. */
#define WC_COLS_MAX (1u << 20)

typedef struct wc_stream_reader wc_stream_reader;
typedef struct wc_stream_writer wc_stream_writer;

/* ---- reading ---- */

/** Open a stream for reading; NULL or "-" means stdin.  Reads and checks the header.
 *  A .npy array's columns are named as its writer named them (wckit), else c0, c1 ...
 *  @return the reader, or NULL with wc_errmsg() set ("cannot open ...", "header
 *  larger than 1 MiB", "not a number ..."). */
wc_stream_reader *wc_stream_reader_open(const char *path);
/** The header read (for plain tables: the column names found or c1..cN). */
const wc_hdr *wc_stream_reader_hdr(const wc_stream_reader *r);
/** The name used in messages: the path, or "stdin". */
const char *wc_stream_reader_name(const wc_stream_reader *r);
/** Read the next row into row[0..ncols-1].
 *  @return 1 on a row, 0 at the end, -1 on error (truncated input, bad number...). */
int wc_stream_reader_next(wc_stream_reader *r, double *row);
/** 1 when the input is a wc-stream (it began with the magic line: its rows are samples
 *  over time), 0 for a plain table or a .npy array. */
int wc_stream_reader_is_stream(const wc_stream_reader *r);
/** Rows returned so far. */
long long wc_stream_reader_nrows(const wc_stream_reader *r);
/** Close and free (NULL is fine). */
void wc_stream_reader_close(wc_stream_reader *r);

/* ---- writing ---- */

/** Writer options beyond the type. */
typedef struct {
    int no_header;   /* TSV: write rows without any header line; npy: no column names */
    int precision;   /* 0: shortest round-trip; 1..17: "%.Ng" */
    int level;       /* gzip level 1..9 (0: default 6) */
} wc_stream_wopts;

/** The output type implied by a file name: .wcb.gz b, .wcb u, .tsv.gz z, .tsv t, .npy n;
 *  -1 when the name says nothing. */
int wc_stream_otype_from_path(const char *path);

/** Open an output; path NULL or "-" means stdout.  A named file is written under a
 *  temporary name and renamed at wc_stream_writer_close(), so an error never leaves a
 *  half-written file (see wc_stream_cleanup() for signals).  Binary to a terminal is refused.
 *  The header is copied and written at once (npy: at close).  Once an output outgrows
 *  one 256 KiB buffer (not for a device such as /dev/null), the writer starts one thread
 *  of its own that writes or compresses each full buffer while the caller fills the next;
 *  a failure there is returned by a later call or by wc_stream_writer_close().
 *  @return the writer, or NULL with wc_errmsg() set. */
wc_stream_writer *wc_stream_writer_open(const char *path, int otype, const wc_hdr *h, const wc_stream_wopts *o);
/** Write one row of ncols values (ncols from the header).  @return 0 or -1. */
int wc_stream_writer_row(wc_stream_writer *w, const double *row);
/** Write n rows stored one after another.  @return 0 or -1. */
int wc_stream_writer_rows(wc_stream_writer *w, const double *rows, size_t n);
/** Append raw text (TSV types only; for tables with text columns written with
 *  no_header).  @return 0 or -1. */
int wc_stream_writer_text(wc_stream_writer *w, const char *text, size_t n);
/** One line of a text table (TSV types only): label (NULL: none), then the n numbers
 *  in the writer's precision, tab-separated, then a newline.  @return 0 or -1. */
int wc_stream_writer_cells(wc_stream_writer *w, const char *label, const double *v, size_t n);
/** Write out what is buffered (gzip: a sync flush), so that a reader of the output sees
 *  every row so far (a log written as it happens; npy outputs are written at close).
 *  @return 0 or -1. */
int wc_stream_writer_flush(wc_stream_writer *w);
/** Flush, finish, check every error, rename into place, free.  @return 0 or -1. */
int wc_stream_writer_close(wc_stream_writer *w);
/** Give up: close and free without finishing; a named file's temporary is removed
 *  (nothing is left, an existing file stays as it was), standard output keeps what was
 *  written.  For a caller that finds its input bad halfway (NULL is fine). */
void wc_stream_writer_abort(wc_stream_writer *w);

/** Remove the temporary files of the named outputs still open (the writers' and
 *  wc_matfile_save's), so that nothing half-written stays behind.  Async-signal-safe:
 *  for a program's SIGINT/SIGTERM handler, or before it exits on a fatal error. */
void wc_stream_cleanup(void);

#ifdef __cplusplus
}
#endif
#endif
