/* wc_stim.c — stimulus grammar and evaluation (see wc_stim.h). */
#include "wckit/wc_stim.h"
#include "wckit/wc_err.h"
#include "wckit/wc_num.h"
#include "wckit/wc_stream.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum kind { PULSE, STEP, RAMP, SINE, CONST, FILEIN };

static const struct {
    const char *name;
    int min_args, max_args;
} kinds[] = {
    [PULSE] = {"pulse", 3, 3}, [STEP] = {"step", 2, 2}, [RAMP] = {"ramp", 4, 4},
    [SINE] = {"sine", 2, 3}, [CONST] = {"const", 1, 1}, [FILEIN] = {"file", 1, 2},
};

#define MAX_RANGES 64

struct wc_stim {
    char *spec;
    int pop, kind, nargs;
    double a[4];
    size_t nranges;
    size_t lo[MAX_RANGES], hi[MAX_RANGES];   /* nranges == 0: every node */
    /* file(): streamed, two rows in hand */
    char *path, *column;
    wc_stream_reader *in;
    double *row;
    long tcol, vcol;
    double cur, next_t, next_v;
    double prev_t;       /* the t of the row before next (-inf: none yet) */
    int have_next;
    long long rows_seen;
};

/* "[0-9,12]" -> ranges; *p points at '['. */
static int parse_nodes(wc_stim *s, const char **p)
{
    const char *q = *p + 1;
    for (;;) {
        char *end;
        if (!isdigit((unsigned char)*q)) return wc_seterr("expected a node index in '%s'", s->spec);
        unsigned long long lo = strtoull(q, &end, 10), hi = lo;
        q = end;
        if (*q == '-') {
            if (!isdigit((unsigned char)q[1])) return wc_seterr("expected a node index in '%s'", s->spec);
            hi = strtoull(q + 1, &end, 10);
            q = end;
        }
        if (hi < lo) return wc_seterr("empty node range %llu-%llu in '%s'", lo, hi, s->spec);
        if (s->nranges == MAX_RANGES) return wc_seterr("more than %d node ranges in '%s'", MAX_RANGES, s->spec);
        s->lo[s->nranges] = lo;
        s->hi[s->nranges++] = hi;
        if (*q == ']') break;
        if (*q != ',') return wc_seterr("expected ',' or ']' in node list of '%s'", s->spec);
        q++;
    }
    *p = q + 1;
    return 0;
}

/* Open file(PATH[,COLUMN]) and read its first row. */
static int open_file_input(wc_stim *s, const char *path, const char *column)
{
    s->in = wc_stream_reader_open(path);
    if (!s->in) return wc_seterr("stimulus file '%s': %s", path, wc_errmsg());
    const wc_hdr *h = wc_stream_reader_hdr(s->in);
    size_t nc = wc_hdr_ncols(h);
    s->tcol = wc_hdr_find_col(h, "t");
    s->vcol = -1;
    if (column) {
        long long k;
        s->vcol = wc_hdr_find_col(h, column);
        if (s->vcol < 0 && wc_num_parse_int(column, &k) == 0 && k >= 1 && (size_t)k <= nc) s->vcol = k - 1;
        if (s->vcol < 0) return wc_seterr("stimulus file '%s' has no column '%s'", path, column);
    } else {
        for (size_t c = 0; c < nc && s->vcol < 0; c++)
            if ((long)c != s->tcol) s->vcol = c;
        if (s->vcol < 0) return wc_seterr("stimulus file '%s' has no data column", path);
    }
    s->row = malloc(nc * sizeof *s->row);
    if (!s->row) return wc_seterr("out of memory");
    s->cur = 0;
    s->prev_t = -INFINITY;
    return 0;
}

/* Split "a,b,c" (modified in place) into at most 4 fields. */
static int split_args(char *args, char *field[4])
{
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(args, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (n == 4) return 5;
        while (*t == ' ') t++;
        field[n++] = t;
    }
    return n;
}

static int parse_func(wc_stim *s, const char *p)
{
    size_t len = strcspn(p, "(");
    s->kind = -1;
    for (int k = 0; k <= FILEIN; k++)
        if (strlen(kinds[k].name) == len && strncmp(p, kinds[k].name, len) == 0) s->kind = k;
    if (s->kind < 0)
        return wc_seterr("unknown stimulus '%.*s' in '%s' (pulse, step, ramp, sine, const, file)", (int)len, p, s->spec);
    const char *open = p + len, *close = strrchr(p, ')');
    if (*open != '(' || !close || close[1] != '\0')
        return wc_seterr("expected %s(...) in '%s'", kinds[s->kind].name, s->spec);
    char args[4096], *field[4];
    if ((size_t)(close - open - 1) >= sizeof args) return wc_seterr("stimulus too long");
    memcpy(args, open + 1, close - open - 1);
    args[close - open - 1] = '\0';
    int n = split_args(args, field);
    if (n < kinds[s->kind].min_args || n > kinds[s->kind].max_args)
        return kinds[s->kind].min_args == kinds[s->kind].max_args
                   ? wc_seterr("%s() takes %d arguments, got %d in '%s'", kinds[s->kind].name,
                               kinds[s->kind].min_args, n, s->spec)
                   : wc_seterr("%s() takes %d or %d arguments, got %d in '%s'", kinds[s->kind].name,
                               kinds[s->kind].min_args, kinds[s->kind].max_args, n, s->spec);
    if (s->kind == FILEIN) {
        s->path = strdup(field[0]);
        s->column = n > 1 ? strdup(field[1]) : NULL;
        return s->path && (n == 1 || s->column) ? 0 : wc_seterr("out of memory");
    }
    s->nargs = n;
    for (int i = 0; i < n; i++)
        if (wc_num_parse_finite(field[i], &s->a[i]) < 0)
            return wc_seterr("bad number '%s' in '%s'", field[i], s->spec);
    if ((s->kind == RAMP || s->kind == PULSE) && !(s->a[1] > s->a[0]))
        return wc_seterr("%s needs T1 > T0 in '%s'", kinds[s->kind].name, s->spec);
    /* the ramp's value is V0 + (V1 - V0) (t - T0) / (T1 - T0): both spans must be numbers */
    if (s->kind == RAMP && !(isfinite(s->a[1] - s->a[0]) && isfinite(s->a[3] - s->a[2])))
        return wc_seterr("ramp: T1 - T0 or V1 - V0 is too large in '%s'", s->spec);
    return 0;
}

wc_stim *wc_stim_parse(const char *spec)
{
    wc_stim *s = calloc(1, sizeof *s);
    if (!s || !(s->spec = strdup(spec))) {
        free(s);
        wc_seterr("out of memory");
        return NULL;
    }
    const char *p = spec;
    int rc = 0;
    if (*p == 'E' || *p == 'I') s->pop = *p++ == 'E' ? WC_POP_E : WC_POP_I;
    else rc = wc_seterr("stimulus '%s' must start with E or I (e.g. E:pulse(100,110,2))", spec);
    if (rc == 0 && *p == '[') rc = parse_nodes(s, &p);
    if (rc == 0 && *p++ != ':') rc = wc_seterr("expected ':' after the population in '%s'", spec);
    if (rc == 0) rc = parse_func(s, p);
    if (rc < 0) {
        wc_stim_free(s);
        return NULL;
    }
    return s;
}

void wc_stim_free(wc_stim *s)
{
    if (!s) return;
    wc_stream_reader_close(s->in);
    free(s->path);
    free(s->column);
    free(s->row);
    free(s->spec);
    free(s);
}

int wc_stim_open(wc_stim *s)
{
    if (s->kind != FILEIN || s->in) return 0;
    return open_file_input(s, s->path, s->column);
}

const char *wc_stim_spec(const wc_stim *s) { return s->spec; }
int wc_stim_pop(const wc_stim *s) { return s->pop; }

int wc_stim_targets(const wc_stim *s, size_t node)
{
    if (s->nranges == 0) return 1;
    for (size_t k = 0; k < s->nranges; k++)
        if (node >= s->lo[k] && node <= s->hi[k]) return 1;
    return 0;
}

int wc_stim_check_nodes(const wc_stim *s, size_t n)
{
    for (size_t k = 0; k < s->nranges; k++)
        if (s->hi[k] >= n)
            return wc_seterr("stimulus '%s' names node %zu, but there %s only %zu node%s", s->spec, s->hi[k],
                             n == 1 ? "is" : "are", n, n == 1 ? "" : "s");
    return 0;
}

/* Read rows until the one after step n / time t; keep the held value in s->cur. */
static int advance_file(wc_stim *s, long long n, double t)
{
    for (;;) {
        if (!s->have_next) {
            int rc = wc_stream_reader_next(s->in, s->row);
            if (rc < 0) return wc_seterr("stimulus file '%s': %s", s->path, wc_errmsg());
            if (rc == 0) return 0; /* past the end: hold the last value */
            s->next_t = s->tcol >= 0 ? s->row[s->tcol] : (double)s->rows_seen;
            s->next_v = s->row[s->vcol];
            s->rows_seen++;
            if (!isfinite(s->next_t) || !isfinite(s->next_v))
                return wc_seterr("stimulus file '%s': row %lld: %s %g is not finite", s->path, s->rows_seen,
                                 isfinite(s->next_t) ? "value" : "time", isfinite(s->next_t) ? s->next_v : s->next_t);
            if (s->next_t < s->prev_t)   /* rows out of order would be skipped without a word */
                return wc_seterr("stimulus file '%s': row %lld: t %g is before the previous row's %g", s->path,
                                 s->rows_seen, s->next_t, s->prev_t);
            s->prev_t = s->next_t;
            s->have_next = 1;
        }
        /* rows are held from their own time on; 1e-9 ms absorbs text rounding of t */
        int due = s->tcol >= 0 ? s->next_t <= t + 1e-9 : s->next_t <= (double)n;
        if (!due) return 0;
        s->cur = s->next_v;
        s->have_next = 0;
    }
}

int wc_stim_value(wc_stim *s, long long n, double t, double *v)
{
    const double *a = s->a;
    switch (s->kind) {
    case PULSE: *v = (t > a[0] && t < a[1]) ? a[2] : 0.0; break;
    case STEP: *v = t > a[0] ? a[1] : 0.0; break;
    case RAMP:
        *v = t <= a[0] ? 0.0 : t >= a[1] ? a[3] : a[2] + (a[3] - a[2]) * ((t - a[0]) / (a[1] - a[0]));
        break;
    case SINE: *v = a[0] * sin(2.0 * M_PI * a[1] * t / 1000.0 + (s->nargs > 2 ? a[2] : 0.0)); break;
    case CONST: *v = a[0]; break;
    case FILEIN:
        if (advance_file(s, n, t) < 0) return -1;
        *v = s->cur;
        break;
    }
    /* finite numbers can still make one that is not (sine(1,1e308): 2 pi f t is inf) */
    if (!isfinite(*v)) return wc_seterr("stimulus '%s' is not finite at t = %g ms", s->spec, t);
    return 0;
}
