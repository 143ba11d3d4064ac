/* fuzz_tvbzip.c — The Virtual Brain's connectivity zips (lib/wc_tvbzip.c through
 * wc_matfile): the input is the zip; its weights, its tract_lengths, its centres' labels
 * and the lengths that come with it are read as wc-conn and wc-run read them.  libzip
 * parses the archive (it is not ours to fuzz); what is ours is the member lookup, the
 * sizes believed, the bzip2 members and the text behind them. */
#include "fuzz.h"
#include "wckit/wc_matfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4 || memcmp(data, "PK", 2) != 0) return -1;   /* the loader takes anything else for text */
    const char *zip = fz_file(0, data, size);
    char path[64];
    wc_matrix m;
    static const char *const keys[] = {"", ":tract_lengths"};
    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s%s", zip, keys[k]);
        fz_clear();
        if (wc_matfile_load(path, &m) < 0) fz_failed("wc_matfile_load");
        else wc_matrix_free(&m);
    }
    char **labels, *lengths;
    fz_clear();
    long n = wc_matfile_labels(zip, &labels);
    if (n < 0) fz_failed("wc_matfile_labels");
    else wc_matfile_labels_free(labels, (size_t)n);
    fz_clear();
    if (wc_matfile_lengths_source(zip, &lengths) < 0) fz_failed("wc_matfile_lengths_source");
    else free(lengths);
    return 0;
}
