/* wc_ofile.c — safe output files (see wc_ofile_internal.h). */
#include "wc_ofile_internal.h"
#include "wckit/wc_err.h"
#include "wckit/wc_stream.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Temporary files not yet renamed or removed: what wc_stream_cleanup() unlinks.  Slots
 * are claimed and released atomically; a program with more outputs open at once than
 * this still works, only a signal could then leave the extra temporaries behind. */
#define NSLOTS 64
static char *volatile pending[NSLOTS];

static int claim_slot(char *tmp)
{
    for (int i = 0; i < NSLOTS; i++) {
        char *expect = NULL;
        if (__atomic_compare_exchange_n(&pending[i], &expect, tmp, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return i;
    }
    return -1;
}

static void release_slot(wc_ofile *f)
{
    if (f->slot >= 0) __atomic_store_n(&pending[f->slot], NULL, __ATOMIC_SEQ_CST);
    f->slot = -1;
}

/* Async-signal-safe: unlink(2) only. */
void wc_stream_cleanup(void)
{
    for (int i = 0; i < NSLOTS; i++) {
        char *tmp = __atomic_exchange_n(&pending[i], NULL, __ATOMIC_SEQ_CST);
        if (tmp) unlink(tmp);
    }
}

int wc_write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Create a temporary "PATH.<6 random characters>" beside path (mkostemp's template ends
 * in six 'X'), with the mode a plain open() would give. */
static int open_temp(wc_ofile *f, const char *path)
{
    size_t n = strlen(path);
    if (!(f->path = strdup(path)) || !(f->tmp = malloc(n + 8))) return wc_seterr("out of memory");
    memcpy(f->tmp, path, n);
    f->tmp[n] = '.';
    memset(f->tmp + n + 1, 'X', 6);
    f->tmp[n + 7] = '\0';
    /* listed for wc_stream_cleanup() before the file exists: a signal while mkostemp
     * creates it removes it too (before, the name is one nobody has: unlink fails) */
    f->slot = claim_slot(f->tmp);
    if ((f->fd = mkostemp(f->tmp, O_CLOEXEC)) < 0) {
        int e = errno;
        release_slot(f);
        free(f->tmp);
        f->tmp = NULL;
        return wc_seterr("cannot create: %s", strerror(e));
    }
    f->own_fd = 1;
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(f->fd, 0666 & ~mask) < 0) return wc_seterr("cannot create: %s", strerror(errno));
    return 0;
}

int wc_ofile_open(wc_ofile *f, const char *path)
{
    struct stat st;
    memset(f, 0, sizeof *f);
    f->fd = -1;
    f->slot = -1;
    if (!path || strcmp(path, "-") == 0) {
        f->fd = STDOUT_FILENO;
        return 0;
    }
    if (!*path) return wc_seterr("empty file name");
    int is_link = lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
    char *real = is_link ? realpath(path, NULL) : NULL;
    /* Devices, FIFOs and the /proc or /dev/fd views of descriptors (/dev/stdout) are
     * written in place; renaming over them would replace the name, not fill the file. */
    int in_place = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
    in_place |= real && (strncmp(real, "/proc/", 6) == 0 || strncmp(real, "/dev/", 5) == 0);
    int rc = 0;
    if (in_place) {
        if ((f->fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0) rc = wc_seterr("cannot create: %s", strerror(errno));
        f->own_fd = rc == 0;
    } else {
        /* through a symbolic link: write beside, and rename onto, the file it names */
        rc = open_temp(f, real ? real : path);
    }
    free(real);
    if (rc < 0) wc_ofile_abort(f);
    return rc;
}

static void discard(wc_ofile *f)
{
    if (f->tmp) unlink(f->tmp);
    release_slot(f);
    free(f->tmp);
    free(f->path);
    f->tmp = f->path = NULL;
}

int wc_ofile_commit(wc_ofile *f)
{
    int rc = 0;
    if (f->own_fd && close(f->fd) < 0) rc = wc_seterr("write error: %s", strerror(errno));
    f->own_fd = 0;
    if (rc == 0 && f->tmp && rename(f->tmp, f->path) < 0)
        rc = wc_seterr("cannot rename temporary file into place: %s", strerror(errno));
    if (rc == 0) {
        release_slot(f);
        free(f->tmp);
        free(f->path);
        f->tmp = f->path = NULL;
    } else {
        discard(f);
    }
    return rc;
}

void wc_ofile_abort(wc_ofile *f)
{
    if (f->own_fd) close(f->fd);
    f->own_fd = 0;
    discard(f);
}
