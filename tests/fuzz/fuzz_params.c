/* fuzz_params.c — model parameters (lib/wc_params.c): the input as a "-p" list
 * (KEY=VALUE[,KEY=VALUE...], in both naming conventions), as a parameter or preset file
 * (lines of such lists, '#' comments), as a parameter table (a stream or plain table
 * whose columns are parameter names: wc-run --table, wc-sweep --table) and as a stream
 * whose "## param.NAME VALUE" header lines are read back (wc_params_from_hdr).  Whatever
 * is accepted must pass the parameters' own range checks. */
#include "fuzz.h"
#include "wckit/wc_params.h"
#include "wckit/wc_stream.h"

static void in_range(const wc_params *p, const char *how)
{
    for (int id = 0; id < WC_NPARAM; id++)
        FZ_CHECK(wc_params_check(id, p->v[id]) == 0, "%s: %s", how, wc_errmsg());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fz_str(data, size);
    wc_params p, base;
    wc_params_init(&base);
    for (int conv = WC_CONV_WC; conv <= WC_CONV_BRAINMASS; conv++) {
        p = base;
        fz_clear();
        if (wc_params_parse(&p, s, conv) == 0) in_range(&p, "-p list");
        else fz_failed("wc_params_parse");
    }
    free(s);

    const char *path = fz_file(0, data, size);
    p = base;
    fz_clear();
    if (wc_params_load_file(&p, path, WC_CONV_WC) == 0) in_range(&p, "parameter file");
    else fz_failed("wc_params_load_file");

    size_t n = 0;
    unsigned long cols = 0;
    fz_clear();
    wc_params *rows = wc_params_read_table(path, &base, WC_CONV_WC, 1000, &n, &cols);
    if (rows) {
        FZ_CHECK(n >= 1 && n <= 1000, "%zu rows", n);
        for (size_t i = 0; i < n; i++) in_range(&rows[i], "table row");
        free(rows);
    } else {
        fz_failed("wc_params_read_table");
    }

    wc_stream_reader *r = wc_stream_reader_open(path);
    if (r) {
        p = base;
        fz_clear();
        if (wc_params_from_hdr(&p, wc_stream_reader_hdr(r)) == 0) in_range(&p, "header");
        else fz_failed("wc_params_from_hdr");
        wc_stream_reader_close(r);
    }
    return 0;
}
