/* wc_ofile_internal.h — safe output files (private to libwc): every output that libwc
 * writes to a named regular file goes to a temporary file beside it, renamed into place
 * only when everything was written and closed without error, so a failure, a full disk
 * or a signal never leaves a half-written file, and an existing file stays as it was.
 * Standard output, devices, FIFOs and the /dev or /proc views of descriptors
 * (/dev/stdout) are written in place.  Temporary files still open are listed where
 * wc_stream_cleanup() (wc_stream.h), which a program's signal handler may call, can
 * remove them. */
#ifndef WC_OFILE_INTERNAL_H
#define WC_OFILE_INTERNAL_H

#include <stddef.h>

typedef struct {
    int fd;          /* where to write */
    int own_fd;      /* close fd at the end (not stdout; 0 once handed to zlib) */
    char *path;      /* the name asked for (NULL: stdout) */
    char *tmp;       /* the temporary name, renamed to path by wc_ofile_commit */
    int slot;        /* place in the clean-up list, or -1 */
} wc_ofile;

/** Open path for writing (NULL or "-": standard output).  @return 0, or -1 with
 *  wc_errmsg() set ("cannot create: ..."). */
int wc_ofile_open(wc_ofile *f, const char *path);
/** Close the descriptor (when still owned) and rename the temporary file into place.
 *  @return 0, or -1 with wc_errmsg() set; the temporary file is removed then. */
int wc_ofile_commit(wc_ofile *f);
/** Close without keeping anything: the temporary file is removed. */
void wc_ofile_abort(wc_ofile *f);
/** write(2) all n bytes, retrying after signals.  @return 0, or -1 with errno set. */
int wc_write_all(int fd, const void *p, size_t n);

#endif
