/* fuzz_labels.c — region labels (wc_matfile_labels) of a connectome directory: the input
 * is its regions.tsv (a table whose first line may name a "name" or "label" column;
 * else the first field of each line; '#' and blank lines skipped).  The directory is made
 * once, its regions.tsv a symbolic link to the input's memfd. */
#include "fuzz.h"
#include "wckit/wc_matfile.h"

static char dir[64];

static void cleanup(void)
{
    char p[128];
    snprintf(p, sizeof p, "%s/regions.tsv", dir);
    unlink(p);
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *fd = fz_file(0, data, size);
    if (!dir[0]) {
        char p[128];
        snprintf(dir, sizeof dir, "/tmp/wckit-fuzz-labels.XXXXXX");
        if (!mkdtemp(dir)) abort();
        snprintf(p, sizeof p, "%s/regions.tsv", dir);
        if (symlink(fd, p) < 0) abort();
        atexit(cleanup);
    }
    char **labels;
    fz_clear();
    long n = wc_matfile_labels(dir, &labels);
    if (n < 0) {
        fz_failed("wc_matfile_labels");
        return 0;
    }
    for (long i = 0; i < n; i++)
        FZ_CHECK(labels[i][0] && !strpbrk(labels[i], " \t\r\n"), "label '%s'", labels[i]);
    wc_matfile_labels_free(labels, (size_t)n);
    return 0;
}
