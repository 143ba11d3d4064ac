/* fuzz_history.c — pseudo-history (lib/wc_net.c, wc-run --history): the input's first
 * line is the --history spec ("uniform", "uniform:LO:HI", "const:X", or a file: "%F"
 * stands for the table made of the rest of the input, fz_spec_with_file); the values of n = 1..4 nodes over the
 * ring of a network's longest delay (1..16 slots) must all be finite. */
#include "fuzz.h"
#include "wckit/wc_net.h"

#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *spec = fz_spec_with_file(data, size, 1024);
    if (!spec) return -1;
    wc_net_history_spec h;
    fz_clear();
    if (wc_net_history_parse(&h, spec) < 0) {
        fz_failed("wc_net_history_parse");
    } else {
        char text[256];
        wc_net_history_text(&h, text, sizeof text);
        size_t n = size % 4 + 1, len = (size / 4) % 16 + 1;
        fz_clear();
        double *v = wc_net_history_values(&h, n, len, 42);
        if (!v) {
            fz_failed("wc_net_history_values");
        } else {
            for (size_t i = 0; i < n * len; i++) FZ_CHECK(isfinite(v[i]), "%s: value %zu is %g", text, i, v[i]);
            free(v);
        }
    }
    free(spec);
    return 0;
}
