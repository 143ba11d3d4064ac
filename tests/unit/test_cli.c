/* test_cli.c — the shared command-line pieces: the quoted command line recorded in
 * headers, output types from file names, provenance lines. */
#include "tap.h"
#include "wc_cli.h"
#include "wckit/wc_err.h"
#include "wckit/wc_hdr.h"
#include "wckit/wc_stream.h"

#include <stdlib.h>

static void usage(FILE *out) { fputs("usage\n", out); }

int main(void)
{
    char *argv[] = {"/usr/bin/wc-run", "-p", "wEE=16,I_E=1.25", "--stim", "E:pulse(100,110,2)", "it's", "", "a b", NULL};
    char *cmd = wc_cli_cmdline(8, argv);
    OK(strcmp(cmd, "wc-run -p wEE=16,I_E=1.25 --stim 'E:pulse(100,110,2)' 'it'\\''s' '' 'a b'") == 0,
       "command line quoted for a POSIX shell: %s", cmd);
    free(cmd);
    OK(wc_stream_otype_from_path("x.wcb.gz") == WC_OUT_BINGZ && wc_stream_otype_from_path("x.wcb") == WC_OUT_BIN &&
           wc_stream_otype_from_path("x.tsv.gz") == WC_OUT_TSVGZ && wc_stream_otype_from_path("x.tsv") == WC_OUT_TSV &&
           wc_stream_otype_from_path("x.npy") == WC_OUT_NPY && wc_stream_otype_from_path("x.dat") < 0,
       "output type from the file name");
    wc_cli c;
    wc_cli_init(&c, "wc-test", 8, argv, usage);
    OK(strcmp(wc_progname, "wc-test") == 0, "program name set for messages");
    OK(wc_cli_option(&c, 'O', "b9") == 1 && c.otype == 'b' && c.wopts.level == 9, "-Ob9: gzip binary, level 9");
    OK(wc_cli_option(&c, 'o', "out.tsv") == 1 && strcmp(c.output, "out.tsv") == 0, "-o");
    OK(wc_cli_option(&c, 'Z', NULL) == 0, "unknown options are left to the tool");
    wc_hdr *h = wc_hdr_new();
    setenv("SOURCE_DATE_EPOCH", "0", 1);
    wc_cli_provenance(&c, h);
    OK(wc_hdr_get(h, "tool") && strncmp(wc_hdr_get(h, "tool"), "wc-test ", 8) == 0, "tool line");
    OK(wc_hdr_get(h, "cmd") && strncmp(wc_hdr_get(h, "cmd"), "wc-run -p", 9) == 0, "cmd line");
    OK(wc_hdr_get(h, "date") && strcmp(wc_hdr_get(h, "date"), "1970-01-01T00:00:00Z") == 0, "date honours SOURCE_DATE_EPOCH");
    wc_hdr_free(h);
    h = wc_hdr_new();
    c.no_version = 1;
    wc_cli_provenance(&c, h);
    OK(wc_hdr_nkeys(h) == 0, "--no-version: no provenance lines");
    wc_hdr_free(h);
    h = wc_hdr_new();
    wc_hdr_add(h, "dt", "0.1");
    wc_hdr_add(h, "empty", "%s", "");
    const char *cols[] = {"t", "rE"};
    wc_hdr_set_cols(h, 2, cols);
    size_t len;
    char *text = wc_hdr_text(h, 1, &len), *keys = wc_hdr_text(h, 0, NULL);
    OK(text && strcmp(text, "## dt 0.1\n## empty\n# t\trE\n") == 0 && len == strlen(text), "header text with columns");
    OK(keys && strcmp(keys, "## dt 0.1\n## empty\n") == 0, "header text, keys only");
    free(text), free(keys);
    wc_hdr_free(h);
    wc_seterr("inner %d", 7);
    wc_seterr("outer: %s: %s", wc_errmsg(), wc_errmsg());
    OK(strcmp(wc_errmsg(), "outer: inner 7: inner 7") == 0, "wc_seterr may quote wc_errmsg(): %s", wc_errmsg());
    return tap_done();
}
