/* wc_limits.c — the sizes libwc accepts from its inputs (see wckit/wc_limits.h). */
#include "wckit/wc_limits.h"
#include "wckit/wc_err.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name, *unit;
    long long dflt, ceiling;
} info[WC_LIMIT_COUNT] = {
    [WC_LIMIT_HEADER] = { "header", "bytes", 1LL << 20, 1LL << 30 },
    [WC_LIMIT_COLUMNS] = { "columns", "columns", 1LL << 20, 1LL << 26 },
    [WC_LIMIT_NODES] = { "nodes", "nodes", 32768, 1LL << 17 },
};

static long long value[WC_LIMIT_COUNT];   /* 0: the default */

static int known(wc_limit_id id) { return (unsigned)id < WC_LIMIT_COUNT; }

long long wc_limit(wc_limit_id id)
{
    if (!known(id)) return 0;
    return value[id] ? value[id] : info[id].dflt;
}

const char *wc_limit_name(wc_limit_id id) { return known(id) ? info[id].name : NULL; }

int wc_limit_set(wc_limit_id id, long long v)
{
    if (!known(id)) return wc_seterr("no such limit");
    if (v < 1 || v > info[id].ceiling)
        return wc_seterr("limit %s=%lld: between 1 and %lld please", info[id].name, v, info[id].ceiling);
    value[id] = v;
    return 0;
}

int wc_limit_parse(const char *spec)
{
    const char *eq = spec ? strchr(spec, '=') : NULL;
    if (!eq) return wc_seterr("limit '%s': expected NAME=N (header, columns or nodes)", spec ? spec : "");
    int id = 0;
    while (id < WC_LIMIT_COUNT && (strncmp(spec, info[id].name, (size_t)(eq - spec)) != 0
                                   || info[id].name[eq - spec] != '\0'))
        id++;
    if (id == WC_LIMIT_COUNT)
        return wc_seterr("limit '%.*s': unknown (header, columns or nodes)", (int)(eq - spec), spec);
    char *end;
    errno = 0;
    long long v = strtoll(eq + 1, &end, 10);
    int shift = *end == 'k' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
    if (shift) end++;
    if (end == eq + 1 || *end || errno || v < 1 || v > (info[id].ceiling >> shift))
        return wc_seterr("limit '%s': N must be a whole number from 1 to %lld", spec, info[id].ceiling);
    return wc_limit_set((wc_limit_id)id, v << shift);
}

int wc_limit_refuse(wc_limit_id id, const char *what)
{
    if (!known(id)) return wc_seterr("%s: too large", what);
    return wc_seterr("%s: over the limit of %lld %s (--limit %s=N raises it)", what, wc_limit(id), info[id].unit,
                     info[id].name);
}
