/* wc_matfile.h — square matrices from and to the files users have (wc-model(7), NETWORKS):
 *   - plain whitespace- or comma-separated text (TVB's weights.txt / tract_lengths.txt,
 *     '#' comments allowed), gzip-compressed or not;
 *   - wc-streams (wc-stream(5)), any of the four encodings;
 *   - NumPy .npy: float64, float32 or an integer/bool dtype, C or Fortran order,
 *     little-endian;
 *   - braintools / flax msgpack: one map whose arrays are ext values of type 1 holding
 *     the msgpack array [shape, dtype name, raw little-endian C-order bytes]; lists are
 *     maps keyed "0", "1", ...  "FILE:KEY" selects the array under KEY ("KEY/SUB" one
 *     nested in a map);
 *   - The Virtual Brain's connectivity zips: weights.txt, tract_lengths.txt, centres.txt,
 *     each plain or bzip2-compressed (.txt.bz2), at the top or in a folder; "FILE.zip" is
 *     the weights, "FILE.zip:tract_lengths" the lengths;
 *   - connectome directories: KEY.tsv.gz (or .tsv .txt .npy .wcb .wcb.gz) matrices and
 *     regions.tsv; "DIR" is Cmat, "DIR:KEY" another (Dmat, FC).  A name without '/' that
 *     is no file is looked up among the shipped ones (wc_data_find): "hcp80", "hcp80:FC".
 * Reading recognises the format by content.  Writing goes through a temporary file that
 * is renamed into place at the end, so an error never leaves a half-written file. */
#ifndef WC_MATFILE_H
#define WC_MATFILE_H

#include <stddef.h>
#include "wc_hdr.h"
#include "wc_matrix.h"

#ifdef __cplusplus
extern "C" {
#endif

/** File formats. */
enum wc_matfile_format {
    WC_MAT_AUTO = 0,   /* writing: from the file name (wc_matfile_format_from_path) */
    WC_MAT_TEXT,       /* tab-separated rows, no header */
    WC_MAT_CSV,        /* comma-separated rows, no header */
    WC_MAT_NPY,        /* NumPy .npy, float64, C order */
    WC_MAT_MSGPACK,    /* braintools msgpack */
    WC_MAT_STREAM      /* wc-stream with a header (provenance), columns c1..cN */
};

/** Load a square matrix.  path "-" (or NULL) is stdin (text or wc-stream only).  A path
 *  that names an existing file is that file; otherwise "FILE:KEY" is the array KEY of
 *  the msgpack file FILE, the member KEY of the zip FILE or the matrix KEY of the
 *  directory FILE; otherwise a name without '/' is shipped data (see above).  A msgpack
 *  file without a key must hold exactly one array.  Every value must be finite.
 *  @return 0, or -1 with wc_errmsg() set (not square, ragged, NaN, no such key or
 *  member, corrupt zip or bzip2 data, unsupported dtype, a shape larger than the data ...). */
int wc_matfile_load(const char *path, wc_matrix *m);

/** The lengths that come with the weights path names: "FILE.zip:tract_lengths" for a TVB
 *  zip that has them, "DIR:Dmat" for a connectome directory (or shipped name) that has
 *  a Dmat; *lengths NULL for anything else.  *lengths is malloc'ed.
 *  @return 0, or -1 with wc_errmsg() set (an unreadable zip). */
int wc_matfile_lengths_source(const char *path, char **lengths);

/** The region labels that come with the weights path names, one per row: a TVB zip's
 *  centres.txt (first field of each line), a connectome directory's regions.tsv (its
 *  "name" column).  *labels gets a malloc'ed array of malloc'ed strings (free with
 *  wc_matfile_labels_free).  @return how many (0: none, *labels NULL), or -1 with
 *  wc_errmsg() set.  The count is not checked against the matrix. */
long wc_matfile_labels(const char *path, char ***labels);
void wc_matfile_labels_free(char **labels, size_t n);


/** Options for wc_matfile_save (NULL: all defaults). */
typedef struct {
    const wc_hdr *hdr;  /* WC_MAT_STREAM: key lines to write first (provenance); NULL none */
    int otype;          /* WC_MAT_STREAM: WC_OUT_TSV, _TSVGZ, _BINGZ or _BIN; 0: from the
                           name (.wcb u, .wcb.gz b, .tsv.gz z), else TSV */
    int precision;      /* text, csv, TSV streams: 0 shortest exact form, else "%.Ng" */
    const char *key;    /* WC_MAT_MSGPACK: key when the path gives none ["Cmat"] */
} wc_matfile_opts;

/** Write m to path ("-" or NULL: stdout) in the given format (WC_MAT_AUTO: from the
 *  name; an unknown name is an error).  For msgpack, "FILE.msgpack:KEY" names the key;
 *  an existing msgpack FILE keeps its other keys (KEY is added or replaced), a file that
 *  exists but is not a msgpack map is refused.  Every write is checked; a named file is
 *  written under a temporary name and renamed into place.
 *  @return 0, or -1 with wc_errmsg() set. */
int wc_matfile_save(const char *path, int format, const wc_matrix *m, const wc_matfile_opts *o);

/** The format named "text" (also "tsv", "txt"), "csv", "npy", "msgpack" or "stream";
 *  -1 if unknown. */
int wc_matfile_format_parse(const char *name);
/** "text", "csv", "npy", "msgpack" or "stream". */
const char *wc_matfile_format_name(int format);
/** The format implied by a file name: .txt .tsv text, .csv csv, .npy npy, .msgpack
 *  (with or without ":KEY") msgpack, .wcb .wcb.gz .tsv.gz stream; -1 when it says
 *  nothing. */
int wc_matfile_format_from_path(const char *path);

#ifdef __cplusplus
}
#endif
#endif
