/* wc_grid.c — parameter grids, their row-major numbering, shards and the merge of a
 * sharded run's parts (see wckit/wc_grid.h).
 *
 * The merge reads every part's header first (checking that the parts belong together
 * and that each shard K of N is there once), then streams the parts' rows in K order,
 * one part open at a time, into one writer; a part that fails a check aborts the
 * writer, so a named output is never left half-written. */
#include "wckit/wc_grid.h"
#include "wckit/wc_err.h"
#include "wckit/wc_num.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Indices travel as f64 in the rows: exact up to 2^53. */
#define EXACT_INDEX_MAX (1LL << 53)

static const char *const kind_name[] = { "span", "arange", "linspace", "one" };

void wc_grid_init(wc_grid *g)
{
    memset(g, 0, sizeof *g);
    g->npoints = 1;
}

/* An axis's name: the parameter's, or the extra's. */
static const char *axis_name(const wc_grid *g, int par)
{
    return par >= WC_GRID_EXTRA ? g->extra[par - WC_GRID_EXTRA].name : wc_params_name(par);
}

int wc_grid_set_extras(wc_grid *g, const wc_grid_extra *extra, size_t n)
{
    if (g->naxes > 0) return wc_seterr("grid extras: set them before adding axes");
    if (n > WC_GRID_MAX_EXTRA) return wc_seterr("grid extras: at most %d", WC_GRID_MAX_EXTRA);
    for (size_t k = 0; k < n; k++) {
        if (!extra[k].name || !extra[k].name[0]) return wc_seterr("grid extras: extra %zu has no name", k);
        if (wc_params_lookup(extra[k].name, WC_CONV_WC) >= 0 || wc_params_lookup(extra[k].name, WC_CONV_BRAINMASS) >= 0)
            return wc_seterr("grid extras: '%s' is a model parameter", extra[k].name);
        for (size_t j = 0; j < k; j++)
            if (strcmp(extra[j].name, extra[k].name) == 0) return wc_seterr("grid extras: '%s' twice", extra[k].name);
    }
    g->extra = n ? extra : NULL;
    g->nextra = n;
    return 0;
}

double wc_grid_extra_value(const wc_grid *g, long long i, size_t k, double dflt)
{
    if (g->table) return dflt;
    double v = dflt;
    for (size_t a = g->naxes; a-- > 0;) {    /* row-major, as wc_grid_point */
        const wc_grid_axis *ax = &g->axis[a];
        if (ax->par == WC_GRID_EXTRA + (int)k) v = wc_range_value(&ax->r, i % ax->r.n);
        i /= ax->r.n;
    }
    return v;
}

/* The name's id: a model parameter (convention conv), WC_GRID_EXTRA + k for extra k,
 * or -1. */
static int lookup(const wc_grid *g, const char *name, int conv)
{
    int id = wc_params_lookup(name, conv);
    for (size_t k = 0; id < 0 && k < g->nextra; k++)
        if (strcmp(g->extra[k].name, name) == 0) id = WC_GRID_EXTRA + (int)k;
    return id;
}

static int check_value(const wc_grid *g, int id, double v)
{
    if (id < WC_GRID_EXTRA) return wc_params_check(id, v);
    const wc_grid_extra *x = &g->extra[id - WC_GRID_EXTRA];
    if (!isfinite(v)) return wc_seterr("%s must be finite", x->name);
    return x->check ? x->check(v) : 0;
}

/* The parameter's own range holds the axis's points: its ranges are intervals, so the
 * first and the last point are enough (an extra's check must be an interval too). */
static int check_ends(const wc_grid *g, int id, const wc_range *r, const char *spec)
{
    double ends[2] = { wc_range_value(r, 0), wc_range_value(r, r->n - 1) };
    for (int e = 0; e < 2; e++)
        if (check_value(g, id, ends[e]) < 0)
            return wc_seterr("grid axis '%s': %s (its %s point)", spec, wc_errmsg(), e ? "last" : "first");
    return 0;
}

int wc_grid_add_axis(wc_grid *g, const char *spec, int conv)
{
    char name[64];
    const char *eq = strchr(spec, '=');
    if (g->table)
        return wc_seterr("grid axis '%s': the grid is a parameter table already (axes or a table, not both)", spec);
    if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof name)
        return wc_seterr("grid axis '%s': expected NAME=RANGE (e.g. I_E=0:5.5:0.05 or wEE=8:20/25)", spec);
    memcpy(name, spec, (size_t)(eq - spec));
    name[eq - spec] = '\0';
    int id = lookup(g, name, conv);
    if (id < 0)
        return wc_seterr("grid axis '%s': unknown parameter '%s'", spec, name);
    for (size_t a = 0; a < g->naxes; a++)
        if (g->axis[a].par == id)
            return wc_seterr("grid axis '%s': %s is on an axis already ('%s')", spec, axis_name(g, id), g->axis[a].text);
    if (g->naxes == WC_GRID_MAX_AXES)
        return wc_seterr("grid axis '%s': at most %d axes", spec, WC_GRID_MAX_AXES);
    wc_grid_axis ax;
    ax.par = id;
    if (wc_range_parse(eq + 1, WC_RANGE_ACCEPT_POINTS, &ax.r) < 0)
        return wc_seterr("grid axis '%s': %s", spec, wc_errmsg());
    if (check_ends(g, id, &ax.r, spec) < 0)
        return -1;
    if ((size_t)snprintf(ax.text, sizeof ax.text, "%s=%s", axis_name(g, id), eq + 1) >= sizeof ax.text)
        return wc_seterr("grid axis '%s': longer than %zu characters", spec, sizeof ax.text - 1);
    if (g->npoints > WC_GRID_MAX_POINTS / ax.r.n)
        return wc_seterr("grid axis '%s': the grid would have more than 2^62 points", spec);
    g->npoints *= ax.r.n;
    g->axis[g->naxes++] = ax;
    return 0;
}

int wc_grid_set_table(wc_grid *g, const wc_params *rows, size_t n, unsigned long cols)
{
    if (g->naxes > 0)
        return wc_seterr("parameter table: the grid has axes already (axes or a table, not both)");
    if (!rows || n == 0)
        return wc_seterr("parameter table: no rows");
    if ((unsigned long long)n > (unsigned long long)WC_GRID_MAX_POINTS)
        return wc_seterr("parameter table: more than 2^62 rows");
    g->table = rows;
    g->ntable = n;
    g->table_cols = cols & ((1UL << WC_NPARAM) - 1);
    g->npoints = (long long)n;
    return 0;
}

void wc_grid_point(const wc_grid *g, long long i, const wc_params *base, wc_params *out, double *vals)
{
    *out = *base;
    if (g->table) {
        const wc_params *row = &g->table[i];
        size_t k = 0;
        for (int id = 0; id < WC_NPARAM; id++)
            if (g->table_cols >> id & 1) {
                out->v[id] = row->v[id];
                if (vals) vals[k++] = row->v[id];
            }
        return;
    }
    for (size_t a = g->naxes; a-- > 0;) {    /* row-major: the last axis varies fastest */
        const wc_grid_axis *ax = &g->axis[a];
        double x = wc_range_value(&ax->r, i % ax->r.n);
        i /= ax->r.n;
        if (ax->par < WC_GRID_EXTRA) out->v[ax->par] = x;
        if (vals) vals[a] = x;
    }
}

size_t wc_grid_ncols(const wc_grid *g)
{
    if (!g->table) return g->naxes;
    size_t n = 0;
    for (int id = 0; id < WC_NPARAM; id++) n += g->table_cols >> id & 1;
    return n;
}

const char *wc_grid_col(const wc_grid *g, size_t k)
{
    if (!g->table) return k < g->naxes ? axis_name(g, g->axis[k].par) : NULL;
    for (int id = 0; id < WC_NPARAM; id++)
        if ((g->table_cols >> id & 1) && k-- == 0) return wc_params_name(id);
    return NULL;
}

/* ---- shards ---- */

/* A whole number of decimal digits in s[0..len), saturated (no overflow) above 10^17. */
static int parse_digits(const char *s, size_t len, long long *v)
{
    if (len == 0) return -1;
    long long x = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        if (x < 100000000000000000LL) x = 10 * x + (s[i] - '0');   /* beyond 10^17 it stays there: too large */
    }
    *v = x;
    return 0;
}

int wc_shard_parse(const char *text, wc_shard *s)
{
    const char *slash = strchr(text, '/');
    long long k, n;
    if (!slash)
        return wc_seterr("shard '%s': expected K/N, part K of N counting from 0 (e.g. 0/4)", text);
    if (parse_digits(text, (size_t)(slash - text), &k) < 0)
        return wc_seterr("shard '%s': K must be a whole number from 0 to N-1", text);
    if (parse_digits(slash + 1, strlen(slash + 1), &n) < 0)
        return wc_seterr("shard '%s': N must be a whole number >= 1", text);
    if (n < 1)
        return wc_seterr("shard '%s': N must be >= 1", text);
    if (n > WC_SHARD_MAX)
        return wc_seterr("shard '%s': more than %lld shards", text, WC_SHARD_MAX);
    if (k >= n)
        return wc_seterr("shard '%s': K must be below N (0 to %lld)", text, n - 1);
    s->k = k;
    s->n = n;
    return 0;
}

/* floor(k m / n) for 0 <= k <= n, 0 <= m: with m = q n + r, k m / n = k q + k r / n,
 * where k r < n^2 (128 bits where the compiler has them). */
static long long block_start(long long k, long long n, long long m)
{
    unsigned long long q = (unsigned long long)m / (unsigned long long)n;
    unsigned long long r = (unsigned long long)m % (unsigned long long)n;
#ifdef __SIZEOF_INT128__
    unsigned long long f = (unsigned long long)((unsigned __int128)k * r / (unsigned long long)n);
#else
    unsigned long long f = (unsigned long long)k * r / (unsigned long long)n;   /* exact for n < 2^32 */
#endif
    return (long long)((unsigned long long)k * q + f);
}

void wc_shard_range(const wc_shard *s, long long m, long long *begin, long long *end)
{
    if (m <= 0 || s->n < 1 || s->k < 0 || s->k >= s->n) {
        *begin = *end = 0;
        return;
    }
    *begin = block_start(s->k, s->n, m);
    *end = block_start(s->k + 1, s->n, m);
}

/* ---- hash and header ---- */

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= FNV_PRIME;
    }
    return h;
}

static uint64_t fnv_printf(uint64_t h, const char *fmt, ...) WC_PRINTF(2, 3);
static uint64_t fnv_printf(uint64_t h, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return fnv(h, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

uint64_t wc_grid_hash(const wc_grid *g, const char *options)
{
    uint64_t h = fnv_printf(FNV_OFFSET, "wc_grid 1\npoints %lld\n", g->npoints);
    for (size_t a = 0; a < g->naxes; a++) {
        const wc_range *r = &g->axis[a].r;
        h = fnv_printf(h, "axis %s %s %.17g %.17g %.17g %lld\n", axis_name(g, g->axis[a].par), kind_name[r->kind],
                       r->lo, r->hi, r->step, r->n);
    }
    if (g->table) {
        h = fnv_printf(h, "table %zu", g->ntable);
        for (size_t k = 0; k < wc_grid_ncols(g); k++) h = fnv_printf(h, " %s", wc_grid_col(g, k));
        h = fnv(h, "\n", 1);
        for (size_t i = 0; i < g->ntable; i++)
            for (int id = 0; id < WC_NPARAM; id++)
                if (g->table_cols >> id & 1) h = fnv_printf(h, "%.17g\n", g->table[i].v[id]);
    }
    if (!options) options = "";
    h = fnv_printf(h, "options %zu\n", strlen(options));
    return fnv(h, options, strlen(options));
}

uint64_t wc_grid_digest(const double *x, size_t n)
{
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < n; i++) {
        double v = x[i] == 0 ? 0 : x[i];   /* -0 and 0 are the same value */
        h = fnv(h, &v, sizeof v);
    }
    return h;
}

static const char *const grid_keys[] = { "grid.axis", "grid.table", "grid.points", "grid.hash", "grid.shard", "grid.block" };

int wc_grid_hdr(const wc_grid *g, uint64_t hash, const wc_shard *s, wc_hdr *h)
{
    for (size_t k = 0; k < sizeof grid_keys / sizeof grid_keys[0]; k++) wc_hdr_del(h, grid_keys[k]);
    int rc = 0;
    for (size_t a = 0; a < g->naxes; a++) rc |= wc_hdr_add(h, "grid.axis", "%s", g->axis[a].text);
    if (g->table) rc |= wc_hdr_add(h, "grid.table", "%zu rows", g->ntable);
    rc |= wc_hdr_add(h, "grid.points", "%lld", g->npoints);
    rc |= wc_hdr_add(h, "grid.hash", "%016" PRIx64, hash);
    if (s) {
        long long b, e;
        wc_shard_range(s, g->npoints, &b, &e);
        rc |= wc_hdr_add(h, "grid.shard", "%lld/%lld", s->k, s->n);
        rc |= wc_hdr_add(h, "grid.block", "%lld %lld", b, e);
    }
    return rc ? -1 : 0;
}

/* ---- merge ---- */

typedef struct {
    const char *const *paths;
    size_t n;
    wc_stream_reader *in_stdin;  /* a part read from stdin stays open between the passes */
    const char *out_name;        /* the output, in messages */
    wc_hdr *ref;                 /* the first part's header, for comparisons */
    char *ref_name;
    long long m, nshards;
    long long nrows;             /* the rows the parts promise ("nrows" lines), or -1 if one does not */
    size_t *slot;                /* shard K -> its part, or n when none yet */
    double *row;
} merge;

static int is_stdin(const char *path) { return !path || strcmp(path, "-") == 0; }

static wc_stream_reader *open_part(merge *mg, size_t i)
{
    if (is_stdin(mg->paths[i]) && mg->in_stdin) return mg->in_stdin;
    wc_stream_reader *r = wc_stream_reader_open(mg->paths[i]);
    if (!r) wc_seterr("%s: %s", is_stdin(mg->paths[i]) ? "stdin" : mg->paths[i], wc_errmsg());
    return r;
}

static void close_part(merge *mg, wc_stream_reader *r)
{
    if (r != mg->in_stdin) wc_stream_reader_close(r);
}

/* Header lines that differ between the parts of one run (provenance, the shard, the
 * part's row count). */
static int part_specific(const char *key)
{
    return !strcmp(key, "tool") || !strcmp(key, "cmd") || !strcmp(key, "date") || !strcmp(key, "grid.shard") ||
           !strcmp(key, "grid.block") || !strcmp(key, "nrows");
}

/* The rows a part promises: the merge promises their sum when every part does. */
static int count_rows(merge *mg, const wc_hdr *h, const char *name)
{
    const char *v = wc_hdr_get(h, "nrows");
    long long n;
    if (!v) {
        mg->nrows = -1;
        return 0;
    }
    if (parse_digits(v, strlen(v), &n) < 0 || n >= EXACT_INDEX_MAX)
        return wc_seterr("%s: nrows '%s' is not a row count", name, v);
    if (mg->nrows >= 0) mg->nrows = mg->nrows + n < EXACT_INDEX_MAX ? mg->nrows + n : -1;
    return 0;
}

/* Next line at or after *i that is not part-specific; n at the end. */
static size_t next_common(const wc_hdr *h, size_t i)
{
    while (i < wc_hdr_nkeys(h) && part_specific(wc_hdr_key(h, i))) i++;
    return i;
}

static int same_lines(const wc_hdr *a, const wc_hdr *b, const char *name, const char *ref_name)
{
    size_t i = next_common(a, 0), j = next_common(b, 0);
    for (; i < wc_hdr_nkeys(a) && j < wc_hdr_nkeys(b); i = next_common(a, i + 1), j = next_common(b, j + 1))
        if (strcmp(wc_hdr_key(a, i), wc_hdr_key(b, j)) || strcmp(wc_hdr_val(a, i), wc_hdr_val(b, j)))
            return wc_seterr("%s: header line '%s %s' differs from %s's '%s %s'", name, wc_hdr_key(a, i),
                             wc_hdr_val(a, i), ref_name, wc_hdr_key(b, j), wc_hdr_val(b, j));
    if (i < wc_hdr_nkeys(a))
        return wc_seterr("%s: header line '%s %s' is not in %s", name, wc_hdr_key(a, i), wc_hdr_val(a, i), ref_name);
    if (j < wc_hdr_nkeys(b))
        return wc_seterr("%s: no header line '%s %s' (%s has it)", name, wc_hdr_key(b, j), wc_hdr_val(b, j), ref_name);
    size_t nc = wc_hdr_ncols(a);
    if (nc != wc_hdr_ncols(b))
        return wc_seterr("%s: %zu columns, %s has %zu", name, nc, ref_name, wc_hdr_ncols(b));
    for (size_t c = 0; c < nc; c++)
        if (strcmp(wc_hdr_col(a, c), wc_hdr_col(b, c)))
            return wc_seterr("%s: column %zu is '%s', %s's is '%s'", name, c + 1, wc_hdr_col(a, c), ref_name, wc_hdr_col(b, c));
    return 0;
}

/* A header value that must be there. */
static const char *need(const wc_hdr *h, const char *key, const char *name)
{
    const char *v = wc_hdr_get(h, key);
    if (!v) wc_seterr("%s: no %s line in the header (not a part of a sharded grid run)", name, key);
    return v;
}

/* The shard and block a part's header declares, checked against the grid of m points. */
static int part_shard(const wc_hdr *h, const char *name, long long m, wc_shard *s)
{
    const char *v = need(h, "grid.shard", name), *blk;
    if (!v) return -1;
    if (wc_shard_parse(v, s) < 0) return wc_seterr("%s: grid.shard: %s", name, wc_errmsg());
    if (!(blk = need(h, "grid.block", name))) return -1;
    long long b, e;
    char want[64];
    wc_shard_range(s, m, &b, &e);
    snprintf(want, sizeof want, "%lld %lld", b, e);
    if (strcmp(blk, want))
        return wc_seterr("%s: grid.block '%s' is not shard %s's block of %lld points (%s)", name, blk, v, m, want);
    return 0;
}

/* grid.points of a part: 1 <= M <= 2^53 (indices are f64 in the rows). */
static int part_points(const wc_hdr *h, const char *name, long long *m)
{
    const char *v = need(h, "grid.points", name);
    if (!v) return -1;
    if (parse_digits(v, strlen(v), m) < 0 || *m < 1)
        return wc_seterr("%s: grid.points '%s' is not a whole number >= 1", name, v);
    if (*m > EXACT_INDEX_MAX)
        return wc_seterr("%s: %lld grid points: indices above 2^53 are not exact in f64 rows, cannot merge", name, *m);
    return 0;
}

/* Pass 1, one part: its header matches the first part's; its shard is new. */
static int check_part(merge *mg, size_t i, const wc_hdr *h, const char *name)
{
    long long m;
    wc_shard s;
    if (!need(h, "grid.hash", name) || part_points(h, name, &m) < 0 || part_shard(h, name, m, &s) < 0 ||
        count_rows(mg, h, name) < 0)
        return -1;
    if (!mg->ref) {
        mg->m = m;
        mg->nshards = s.n;
        if (!(mg->ref = wc_hdr_dup(h)) || !(mg->ref_name = strdup(name)) || !(mg->slot = malloc((size_t)s.n * sizeof *mg->slot)))
            return wc_seterr("out of memory");
        for (long long k = 0; k < s.n; k++) mg->slot[k] = mg->n;
    } else {
        const char *hash = wc_hdr_get(h, "grid.hash"), *ref_hash = wc_hdr_get(mg->ref, "grid.hash");
        if (strcmp(hash, ref_hash))
            return wc_seterr("%s: grid.hash %s differs from %s's %s (another grid or other options)", name, hash,
                             mg->ref_name, ref_hash);
        if (m != mg->m)
            return wc_seterr("%s: %lld grid points, %s has %lld", name, m, mg->ref_name, mg->m);
        if (s.n != mg->nshards)
            return wc_seterr("%s: shard %lld/%lld, but %s is one of %lld shards", name, s.k, s.n, mg->ref_name, mg->nshards);
        if (same_lines(h, mg->ref, name, mg->ref_name) < 0) return -1;
    }
    if (wc_hdr_ncols(h) < 1) return wc_seterr("%s: no columns", name);
    if (mg->slot[s.k] != mg->n) {
        const char *other = mg->paths[mg->slot[s.k]];
        if (!is_stdin(other) && !strcmp(other, name)) return wc_seterr("%s: given twice", name);
        return wc_seterr("%s: shard %lld/%lld given twice (%s has it too)", name, s.k, s.n, is_stdin(other) ? "stdin" : other);
    }
    mg->slot[s.k] = i;
    return 0;
}

static int read_headers(merge *mg)
{
    size_t nstdin = 0;
    if (mg->n == 0) return wc_seterr("no parts to merge");
    for (size_t i = 0; i < mg->n; i++) nstdin += is_stdin(mg->paths[i]);
    if (nstdin > 1) return wc_seterr("stdin given as a part twice");
    for (size_t i = 0; i < mg->n; i++) {
        wc_stream_reader *r = open_part(mg, i);
        if (!r) return -1;
        if (is_stdin(mg->paths[i])) mg->in_stdin = r;
        int rc = check_part(mg, i, wc_stream_reader_hdr(r), wc_stream_reader_name(r));
        close_part(mg, r);
        if (rc < 0) return -1;
    }
    long long missing = 0, first = -1;
    for (long long k = 0; k < mg->nshards; k++)
        if (mg->slot[k] == mg->n && missing++ == 0) first = k;
    if (missing == 1) return wc_seterr("shard %lld/%lld is missing", first, mg->nshards);
    if (missing > 1)
        return wc_seterr("shard %lld/%lld is missing, and %lld other%s", first, mg->nshards, missing - 1, missing > 2 ? "s" : "");
    return 0;
}

/* The merged header: part 0's without its shard lines and with the parts' total row
 * count (if each has one), then extra's lines. */
static wc_hdr *merged_hdr(const wc_hdr *part0, long long nrows, const wc_hdr *extra)
{
    wc_hdr *h = wc_hdr_dup(part0);
    if (!h) return NULL;
    wc_hdr_del(h, "grid.shard");
    wc_hdr_del(h, "grid.block");
    if (nrows < 0) wc_hdr_del(h, "nrows");
    else if (wc_hdr_set(h, "nrows", "%lld", nrows) < 0) {
        wc_hdr_free(h);
        return NULL;
    }
    for (size_t i = 0; extra && i < wc_hdr_nkeys(extra); i++)
        if (wc_hdr_add(h, wc_hdr_key(extra, i), "%s", wc_hdr_val(extra, i)) < 0) {
            wc_hdr_free(h);
            return NULL;
        }
    return h;
}

/* Pass 2, one part: its rows, checked, to the writer. */
static int copy_rows(merge *mg, wc_stream_reader *r, const wc_shard *s, wc_stream_writer *w)
{
    const char *name = wc_stream_reader_name(r);
    long long b, e, prev = -1, expect;
    int rc;
    wc_shard_range(s, mg->m, &b, &e);
    expect = b;
    while ((rc = wc_stream_reader_next(r, mg->row)) > 0) {
        double x = mg->row[0];
        long long nr = wc_stream_reader_nrows(r);
        if (!(x >= 0 && x < (double)mg->m && x == floor(x)))
            return wc_seterr("%s: row %lld: %.17g in the first column is not a grid index (0 to %lld)", name, nr, x, mg->m - 1);
        long long i = (long long)x;
        if (i < b || i >= e)
            return wc_seterr("%s: row %lld: index %lld is outside the block of shard %lld/%lld (%lld to %lld)", name, nr, i,
                             s->k, s->n, b, e - 1);
        if (i < prev)
            return wc_seterr("%s: row %lld: index %lld after %lld (the indices go back)", name, nr, i, prev);
        if (i > prev) {
            if (i != expect)
                return wc_seterr("%s: row %lld: index %lld is missing (the rows jump to %lld)", name, nr, expect, i);
            expect = i + 1;
            prev = i;
        }
        if (wc_stream_writer_row(w, mg->row) < 0) return wc_seterr("%s: %s", mg->out_name, wc_errmsg());
    }
    if (rc < 0) return wc_seterr("%s: %s", name, wc_errmsg());
    if (expect < e)
        return wc_seterr("%s: index %lld is missing (the part ends after %lld rows; its block ends at %lld)", name, expect,
                         wc_stream_reader_nrows(r), e - 1);
    return 0;
}

/* Reopened for pass 2: still the part pass 1 checked. */
static int recheck(merge *mg, wc_stream_reader *r, long long k, wc_shard *s)
{
    const wc_hdr *h = wc_stream_reader_hdr(r);
    const char *name = wc_stream_reader_name(r), *hash = wc_hdr_get(h, "grid.hash");
    if (r == mg->in_stdin) return part_shard(h, name, mg->m, s);
    if (part_shard(h, name, mg->m, s) < 0 || s->k != k || !hash || strcmp(hash, wc_hdr_get(mg->ref, "grid.hash")) ||
        wc_hdr_ncols(h) != wc_hdr_ncols(mg->ref))
        return wc_seterr("%s: the file changed while merging", name);
    return 0;
}

static int write_parts(merge *mg, const wc_hdr *extra, const char *out, int otype, const wc_stream_wopts *wopts)
{
    wc_stream_writer *w = NULL;
    int rc = 0;
    if (!(mg->row = malloc(wc_hdr_ncols(mg->ref) * sizeof *mg->row))) return wc_seterr("out of memory");
    for (long long k = 0; k < mg->nshards && rc == 0; k++) {
        wc_stream_reader *r = open_part(mg, mg->slot[k]);
        wc_shard s;
        if (!r || recheck(mg, r, k, &s) < 0) {
            rc = -1;
        } else if (!w) {
            wc_hdr *h = merged_hdr(wc_stream_reader_hdr(r), mg->nrows, extra);
            if (!h) rc = wc_seterr("out of memory");
            else if (!(w = wc_stream_writer_open(out, otype, h, wopts)))
                rc = wc_seterr("%s: %s", mg->out_name, wc_errmsg());
            wc_hdr_free(h);
        }
        if (rc == 0) rc = copy_rows(mg, r, &s, w);
        if (r) close_part(mg, r);
    }
    if (rc < 0) {
        wc_stream_writer_abort(w);
        return -1;
    }
    if (wc_stream_writer_close(w) < 0) return wc_seterr("%s: %s", mg->out_name, wc_errmsg());
    return 0;
}

int wc_grid_merge(const char *const *paths, size_t n, const wc_hdr *extra, const char *out, int otype,
                  const wc_stream_wopts *wopts)
{
    merge mg = { .paths = paths, .n = n, .nrows = 0, .out_name = is_stdin(out) ? "stdout" : out };
    int rc = read_headers(&mg);
    if (rc == 0) rc = write_parts(&mg, extra, out, otype, wopts);
    wc_stream_reader_close(mg.in_stdin);
    wc_hdr_free(mg.ref);
    free(mg.ref_name);
    free(mg.slot);
    free(mg.row);
    return rc;
}
