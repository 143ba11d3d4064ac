/* wc_params.c — parameter table, parsing, files and presets (see wc_params.h). */
#include "wckit/wc_params.h"
#include "wckit/wc_stream.h"
#include "wckit/wc_err.h"
#include "wckit/wc_hdr.h"
#include "wckit/wc_num.h"
#include "wc_share_internal.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum range { ANY, POSITIVE, NONNEG, STATE };

static const char *const range_text[] = {
    [ANY] = "any", [POSITIVE] = "> 0", [NONNEG] = ">= 0", [STATE] = "|x| <= " WC_PARAMS_STATE_BOUND_TEXT,
};

#define DIRSZ WC_SHARE_DIRSZ

static const struct {
    const char *name;
    double def;
    enum range range;
    const char *help;
    const char *unit;   /* NULL: dimensionless */
} table[WC_NPARAM] = {
    [WC_P_TAU_E] = {"tau_E", 1.0, POSITIVE, "time constant of E", "ms"},
    [WC_P_TAU_I] = {"tau_I", 1.0, POSITIVE, "time constant of I", "ms"},
    [WC_P_A_E] = {"a_E", 1.2, POSITIVE, "gain (slope) of the E sigmoid"},
    [WC_P_A_I] = {"a_I", 1.0, POSITIVE, "gain (slope) of the I sigmoid"},
    [WC_P_THETA_E] = {"theta_E", 2.8, ANY, "threshold of the E sigmoid"},
    [WC_P_THETA_I] = {"theta_I", 4.0, ANY, "threshold of the I sigmoid"},
    [WC_P_WEE] = {"wEE", 12.0, NONNEG, "weight E->E (recurrent excitation)"},
    [WC_P_WEI] = {"wEI", 4.0, NONNEG, "weight I->E (inhibition of E)"},
    [WC_P_WIE] = {"wIE", 13.0, NONNEG, "weight E->I (excitation of I)"},
    [WC_P_WII] = {"wII", 11.0, NONNEG, "weight I->I (recurrent inhibition)"},
    [WC_P_R] = {"r", 1.0, NONNEG, "refractory factor"},
    [WC_P_I_E] = {"I_E", 0.0, ANY, "constant external input to E"},
    [WC_P_I_I] = {"I_I", 0.0, ANY, "constant external input to I"},
    [WC_P_RE0] = {"rE0", 0.0, STATE, "initial E activity"},
    [WC_P_RI0] = {"rI0", 0.0, STATE, "initial I activity"},
    [WC_P_SIGMA_E] = {"sigma_E", 0.0, NONNEG, "OU noise intensity on the E input (0: off)"},
    [WC_P_SIGMA_I] = {"sigma_I", 0.0, NONNEG, "OU noise intensity on the I input (0: off)"},
    [WC_P_NOISE_TAU] = {"noise_tau", 10.0, POSITIVE, "OU noise time constant", "ms"},
    [WC_P_MU_E] = {"mu_E", 0.0, ANY, "OU noise mean on the E input"},
    [WC_P_MU_I] = {"mu_I", 0.0, ANY, "OU noise mean on the I input"},
};

void wc_params_init(wc_params *p)
{
    for (int i = 0; i < WC_NPARAM; i++) p->v[i] = table[i].def;
}

const char *wc_params_name(int id) { return table[id].name; }
const char *wc_params_help(int id) { return table[id].help; }
const char *wc_params_unit(int id) { return table[id].unit ? table[id].unit : "1"; }
const char *wc_params_range(int id) { return range_text[table[id].range]; }
double wc_params_default(int id) { return table[id].def; }

int wc_params_write_table(FILE *out)
{
    char num[WC_NUM_BUFSZ];
    fputs("name\tdefault\tunit\trange\tmeaning\n", out);
    for (int i = 0; i < WC_NPARAM; i++) {
        wc_num_fmt(num, table[i].def, 0);
        fprintf(out, "%s\t%s\t%s\t%s\t%s\n", table[i].name, num, wc_params_unit(i), wc_params_range(i), table[i].help);
    }
    return ferror(out) ? wc_seterr("write error") : 0;
}

/* brainmass's code swaps the two cross-population weight names. */
static int convert_id(int id, int conv)
{
    if (conv != WC_CONV_BRAINMASS) return id;
    if (id == WC_P_WEI) return WC_P_WIE;
    if (id == WC_P_WIE) return WC_P_WEI;
    return id;
}

int wc_params_lookup(const char *name, int conv)
{
    for (int i = 0; i < WC_NPARAM; i++)
        if (strcmp(name, table[i].name) == 0) return convert_id(i, conv);
    return -1;
}

const char *wc_params_name_in(int id, int conv) { return table[convert_id(id, conv)].name; }

int wc_params_convention_parse(const char *s)
{
    if (strcmp(s, "wc") == 0) return WC_CONV_WC;
    if (strcmp(s, "brainmass") == 0) return WC_CONV_BRAINMASS;
    return -1;
}

int wc_params_check(int id, double x)
{
    if (!isfinite(x)) return wc_seterr("%s must be finite", table[id].name);
    if (table[id].range == POSITIVE && !(x > 0))
        return wc_seterr("%s must be > 0 (got %g)", table[id].name, x);
    if (table[id].range == NONNEG && !(x >= 0))
        return wc_seterr("%s must be >= 0 (got %g)", table[id].name, x);
    if (table[id].range == STATE && !(fabs(x) <= WC_PARAMS_STATE_BOUND))
        return wc_seterr("%s must be within +-%s (got %g)", table[id].name, WC_PARAMS_STATE_BOUND_TEXT, x);
    return 0;
}

int wc_params_set_text(wc_params *p, int id, const char *text)
{
    double x;
    if (wc_num_parse_double(text, &x) < 0)
        return wc_seterr("bad value for %s: '%s'", table[id].name, text);
    if (wc_params_check(id, x) < 0) return -1;
    p->v[id] = x;
    return 0;
}

/* Trim blanks in place; returns the first non-blank character. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* Apply one "KEY=VAL" item (blanks around both allowed); "convention=NAME" changes *conv. */
static int apply_item(wc_params *p, char *item, int *conv)
{
    char *eq = strchr(item, '=');
    if (!eq) return wc_seterr("expected KEY=VALUE, got '%s'", item);
    *eq = '\0';
    char *key = trim(item), *val = trim(eq + 1);
    if (strcmp(key, "convention") == 0) {
        int c = wc_params_convention_parse(val);
        if (c < 0) return wc_seterr("unknown convention '%s' (wc or brainmass)", val);
        *conv = c;
        return 0;
    }
    int id = wc_params_lookup(key, *conv);
    if (id < 0) return wc_seterr("unknown parameter '%s' (see wc-model(7))", key);
    return wc_params_set_text(p, id, val);
}

/* Items in a comma-separated list; empty items are skipped. */
static int parse_list(wc_params *p, char *list, int *conv)
{
    char *save = NULL;
    for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *item = trim(tok);
        if (*item && apply_item(p, item, conv) < 0) return -1;
    }
    return 0;
}

int wc_params_parse(wc_params *p, const char *list, int conv)
{
    char *copy = strdup(list);
    if (!copy) return wc_seterr("out of memory");
    int rc = parse_list(p, copy, &conv);
    free(copy);
    return rc;
}

int wc_params_load_file(wc_params *p, const char *path, int conv)
{
    FILE *f = fopen(path, "r");
    if (!f) return wc_seterr("cannot open '%s': %s", path, strerror(errno));
    char line[4096];
    int rc = 0;
    for (long ln = 1; rc == 0 && fgets(line, sizeof line, f); ln++) {
        if (!strchr(line, '\n') && !feof(f)) {
            rc = wc_seterr("%s: line %ld: line too long", path, ln);
            break;
        }
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        if (parse_list(p, line, &conv) < 0) rc = wc_seterr("%s: line %ld: %s", path, ln, wc_errmsg());
    }
    if (rc == 0 && ferror(f)) rc = wc_seterr("cannot read '%s': %s", path, strerror(errno));
    fclose(f);
    return rc;
}

int wc_params_to_hdr(const wc_params *p, wc_hdr *h, unsigned long skip)
{
    char key[64];
    for (int i = 0; i < WC_NPARAM; i++) {
        if (skip & (1ul << i)) continue;
        snprintf(key, sizeof key, "param.%s", table[i].name);
        if (wc_hdr_set_num(h, key, p->v[i]) < 0) return -1;
    }
    for (int i = 0; i < WC_NPARAM; i++) {
        if ((skip & (1ul << i)) || !table[i].unit) continue;
        snprintf(key, sizeof key, "unit.%s", table[i].name);
        if (wc_hdr_set(h, key, "%s", table[i].unit) < 0) return -1;
    }
    return 0;
}

int wc_params_from_hdr(wc_params *p, const wc_hdr *h)
{
    for (size_t k = 0; k < wc_hdr_nkeys(h); k++) {
        const char *key = wc_hdr_key(h, k);
        if (strncmp(key, "param.", 6) != 0) continue;
        int id = wc_params_lookup(key + 6, WC_CONV_WC);
        if (id >= 0 && wc_params_set_text(p, id, wc_hdr_val(h, k)) < 0) return -1;
    }
    return 0;
}

/* Directories searched for NAME.params, in order; n returned. */
static int preset_dirs(char dirs[][DIRSZ], int max)
{
    return wc_share_dirs("WCKIT_PRESETS", "presets", dirs, max);
}

char *wc_params_preset_find(const char *name)
{
    if (strchr(name, '/')) {
        if (access(name, R_OK) == 0) return strdup(name);
        return wc_seterr("cannot read preset file '%s': %s", name, strerror(errno)), NULL;
    }
    char file[300];
    char *path = snprintf(file, sizeof file, "%.255s.params", name) < (int)sizeof file
                     ? wc_share_find("WCKIT_PRESETS", "presets", file) : NULL;
    if (path) return path;
    wc_seterr("unknown preset '%s' (see --list-presets; set WCKIT_PRESETS to a directory of NAME.params files)", name);
    return NULL;
}

/* The first comment line of a preset file, as its one-line description. */
static void preset_title(const char *path, char *out, size_t n)
{
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f))
        if (line[0] == '#') {
            char *t = line + 1;
            while (*t == ' ' || *t == '#') t++;
            snprintf(out, n, "%s", trim(t));
            break;
        }
    fclose(f);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void wc_params_presets_list(FILE *out)
{
    char dirs[4][DIRSZ];
    int nd = preset_dirs(dirs, 4);
    for (int i = 0; i < nd; i++) {
        DIR *d = opendir(dirs[i]);
        if (!d) continue;
        char *names[256];
        int nn = 0;
        struct dirent *e;
        while ((e = readdir(d)) && nn < 256) {
            size_t len = strlen(e->d_name);
            if (len > 7 && strcmp(e->d_name + len - 7, ".params") == 0) names[nn++] = strdup(e->d_name);
        }
        closedir(d);
        qsort(names, nn, sizeof *names, cmp_str);
        for (int k = 0; k < nn; k++) {
            char path[DIRSZ + 300], title[256];
            if (snprintf(path, sizeof path, "%s/%.255s", dirs[i], names[k]) >= (int)sizeof path) continue;
            preset_title(path, title, sizeof title);
            names[k][strlen(names[k]) - 7] = '\0';
            fprintf(out, "%-14s %s\n", names[k], title);
            free(names[k]);
        }
        if (nn) return; /* the first directory with presets wins */
    }
}

/* The parameter id of each of the table's columns, and their bit set. */
static int table_columns(const wc_hdr *h, int conv, int *ids, unsigned long *cols)
{
    size_t nc = wc_hdr_ncols(h);
    if (nc > WC_NPARAM) return wc_seterr("%zu columns, but there are only %d parameters", nc, WC_NPARAM);
    for (size_t c = 0; c < nc; c++) {
        if ((ids[c] = wc_params_lookup(wc_hdr_col(h, c), conv)) < 0)
            return wc_seterr("column '%s' is not a parameter name (see wc-model(7))", wc_hdr_col(h, c));
        *cols |= 1ul << ids[c];
    }
    return 0;
}

static wc_params *read_rows(wc_stream_reader *r, const int *ids, const wc_params *base, size_t max_rows, size_t *n)
{
    size_t nc = wc_hdr_ncols(wc_stream_reader_hdr(r)), cap = 64;
    wc_params *p = malloc(cap * sizeof *p);
    double row[WC_NPARAM];
    int rc = p ? 0 : wc_seterr("out of memory");
    for (*n = 0; rc == 0 && (rc = wc_stream_reader_next(r, row)) > 0; (*n)++) {
        rc = 0;
        wc_params *more = *n < cap ? p : realloc(p, (cap *= 2) * sizeof *p);
        if (!more) rc = wc_seterr("out of memory");
        else if (*n >= max_rows) rc = wc_seterr("more than %zu rows", max_rows);
        if (rc < 0) break;
        p = more;
        p[*n] = *base;
        for (size_t c = 0; c < nc && rc == 0; c++)
            if ((rc = wc_params_check(ids[c], row[c])) == 0) p[*n].v[ids[c]] = row[c];
            else wc_seterr("row %zu: %s", *n + 1, wc_errmsg());
    }
    if (rc == 0 && *n == 0) rc = wc_seterr("no rows");
    if (rc < 0) {
        free(p);
        return NULL;
    }
    return p;
}

wc_params *wc_params_read_table(const char *path, const wc_params *base, int conv, size_t max_rows, size_t *n,
                                unsigned long *cols)
{
    unsigned long set = 0;
    int ids[WC_NPARAM];
    wc_stream_reader *r = wc_stream_reader_open(path);
    if (!r) return NULL;
    wc_params *p = table_columns(wc_stream_reader_hdr(r), conv, ids, &set) < 0 ? NULL : read_rows(r, ids, base, max_rows, n);
    wc_stream_reader_close(r);
    if (p && cols) *cols |= set;
    return p;
}