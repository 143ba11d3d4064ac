/* fuzz_stim.c — the stimulus grammar (lib/wc_stim.c): the input's first line is a --stim
 * specification ("E:pulse(100,110,2)", "I[0-3,7]:sine(1,10,0.5)", "E:file(PATH,COL)"...);
 * "%F" in it stands for the file made of the rest of the input, so that file() stimuli
 * read a fuzzed table too.  An accepted stimulus is checked against 8 nodes and
 * evaluated over 200 steps, every value finite. */
#include "fuzz.h"
#include "wckit/wc_stim.h"

#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *spec = fz_spec_with_file(data, size, 4096);
    if (!spec) return -1;
    fz_clear();
    wc_stim *s = wc_stim_parse(spec);
    if (!s) {
        fz_failed("wc_stim_parse");
        free(spec);
        return 0;
    }
    FZ_CHECK(!strcmp(wc_stim_spec(s), spec), "spec '%s' kept as '%s'", spec, wc_stim_spec(s));
    FZ_CHECK(wc_stim_pop(s) == WC_POP_E || wc_stim_pop(s) == WC_POP_I, "population %d", wc_stim_pop(s));
    fz_clear();
    if (wc_stim_check_nodes(s, 8) < 0) fz_failed("wc_stim_check_nodes");
    for (size_t i = 0; i < 8; i++) (void)wc_stim_targets(s, i);
    fz_clear();
    if (wc_stim_open(s) < 0) {
        fz_failed("wc_stim_open");
    } else {
        for (long long n = 0; n < 200; n++) {
            double v;
            fz_clear();
            if (wc_stim_value(s, n, 0.5 * (double)n, &v) < 0) {
                fz_failed("wc_stim_value");
                break;
            }
            FZ_CHECK(isfinite(v), "%s at step %lld: %g", spec, n, v);
        }
    }
    wc_stim_free(s);
    free(spec);
    return 0;
}
