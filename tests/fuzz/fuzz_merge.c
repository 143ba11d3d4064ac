/* fuzz_merge.c — merging the parts of a sharded run (wc_grid_merge, wc-sweep --merge):
 * the input holds up to 4 parts separated by a line "~~part~~"; each becomes a file, and
 * the merge reads their headers (grid.hash, grid.points, grid.shard, grid.block, the
 * other lines, the columns) and then their rows (the global index first) into
 * /dev/null. */
#include "fuzz.h"
#include "wckit/wc_grid.h"

#define PARTS 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p[PARTS];
    size_t n[PARTS];
    size_t np = fz_split(data, size, "~~part~~\n", p, n, PARTS);
    char names[PARTS][40];
    const char *paths[PARTS];
    for (size_t k = 0; k < np; k++) {
        snprintf(names[k], sizeof names[k], "%s", fz_file((int)k, p[k], n[k]));
        paths[k] = names[k];
    }
    wc_hdr *extra = wc_hdr_new();
    if (!extra || wc_hdr_add(extra, "merged", "by fuzz_merge") < 0) abort();
    static const int otypes[] = {WC_OUT_BIN, WC_OUT_TSV, WC_OUT_BINGZ};
    fz_clear();
    if (wc_grid_merge(paths, np, extra, "/dev/null", otypes[size % 3], NULL) < 0) fz_failed("wc_grid_merge");
    wc_hdr_free(extra);
    return 0;
}
