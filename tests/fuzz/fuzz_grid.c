/* fuzz_grid.c — grid specifications (lib/wc_grid.c): each input line is a --grid axis
 * "NAME=RANGE" (a model parameter, in either convention, or one of the extras k, speed
 * and sigma that wc-explore varies), or "shard K/N".  The grid built from the lines that
 * are accepted must have the product of the axes' counts as its points, every point's
 * parameters within their ranges, and a shard's block within [0, M); its header lines
 * must be valid header lines. */
#include "fuzz.h"
#include "wckit/wc_grid.h"

#include <math.h>

static int positive(double v) { return v > 0 ? 0 : wc_seterr("must be > 0"); }
static int nonneg(double v) { return v >= 0 ? 0 : wc_seterr("must be >= 0"); }

static void point(const wc_grid *g, long long i, const wc_params *base)
{
    wc_params p;
    double vals[WC_GRID_MAX_AXES + 1];
    wc_grid_point(g, i, base, &p, vals);
    for (int id = 0; id < WC_NPARAM; id++)
        FZ_CHECK(wc_params_check(id, p.v[id]) == 0, "point %lld: %s", i, wc_errmsg());
    for (size_t k = 0; k < g->nextra; k++) {
        double v = wc_grid_extra_value(g, i, k, 1.0);
        FZ_CHECK(isfinite(v) && (!g->extra[k].check || g->extra[k].check(v) == 0), "point %lld: %s = %g", i,
                 g->extra[k].name, v);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const wc_grid_extra extras[] = {{"k", nonneg}, {"speed", positive}, {"sigma", nonneg}};
    char *text = fz_str(data, size), *save = NULL;
    wc_grid g;
    wc_shard sh = {0, 1};
    int have_shard = 0;
    wc_grid_init(&g);
    FZ_CHECK(wc_grid_set_extras(&g, extras, 3) == 0, "%s", wc_errmsg());
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        fz_clear();
        if (strncmp(line, "shard ", 6) == 0) {
            wc_shard s;
            if (wc_shard_parse(line + 6, &s) == 0) {
                FZ_CHECK(s.n >= 1 && s.n <= WC_SHARD_MAX && s.k >= 0 && s.k < s.n, "shard %lld/%lld", s.k, s.n);
                sh = s;
                have_shard = 1;
            } else {
                fz_failed("wc_shard_parse");
            }
        } else if (wc_grid_add_axis(&g, line, (int)(size & 1)) < 0) {
            fz_failed("wc_grid_add_axis");
        }
    }
    free(text);
    long long m = 1;
    for (size_t a = 0; a < g.naxes; a++) m *= g.axis[a].r.n;
    FZ_CHECK(m == g.npoints && m >= 1 && m <= WC_GRID_MAX_POINTS, "%lld points, the axes make %lld", g.npoints, m);
    FZ_CHECK(wc_grid_ncols(&g) == g.naxes, "%zu columns", wc_grid_ncols(&g));
    for (size_t k = 0; k < g.naxes; k++) FZ_CHECK(wc_grid_col(&g, k), "column %zu", k);
    wc_params base;
    wc_params_init(&base);
    long long b, e;
    wc_shard_range(&sh, g.npoints, &b, &e);
    FZ_CHECK(0 <= b && b <= e && e <= g.npoints, "shard %lld/%lld of %lld: [%lld, %lld)", sh.k, sh.n, g.npoints, b, e);
    point(&g, 0, &base);
    point(&g, g.npoints - 1, &base);
    point(&g, g.npoints / 3, &base);
    if (b < e) point(&g, b, &base), point(&g, e - 1, &base);
    wc_hdr *h = wc_hdr_new();
    if (!h) abort();
    uint64_t hash = wc_grid_hash(&g, "fuzz");
    FZ_CHECK(wc_grid_hdr(&g, hash, have_shard ? &sh : NULL, h) == 0, "wc_grid_hdr: %s", wc_errmsg());
    wc_hdr_free(h);
    return 0;
}
