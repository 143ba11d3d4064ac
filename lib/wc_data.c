/* wc_data.c — where wckit's shared files are: presets and shipped data (wc_data.h). */
#include "wckit/wc_data.h"
#include "wckit/wc_err.h"
#include "wc_share_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int wc_share_dirs(const char *env, const char *sub, char dirs[][WC_SHARE_DIRSZ], int max)
{
    int n = 0;
    const char *e = env ? getenv(env) : NULL;
    if (e && *e && n < max) snprintf(dirs[n++], WC_SHARE_DIRSZ, "%s", e);
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        if (n < max) snprintf(dirs[n++], WC_SHARE_DIRSZ, "%s/../share/%s", exe, sub);
        if (n < max) snprintf(dirs[n++], WC_SHARE_DIRSZ, "%s/../share/wckit/%s", exe, sub);
    }
#ifdef WC_DATADIR
    if (n < max) snprintf(dirs[n++], WC_SHARE_DIRSZ, "%s/%s", WC_DATADIR, sub);
#endif
    return n;
}

char *wc_share_find(const char *env, const char *sub, const char *file)
{
    char dirs[4][WC_SHARE_DIRSZ], path[WC_SHARE_DIRSZ + 300];
    int n = wc_share_dirs(env, sub, dirs, 4);
    for (int i = 0; i < n; i++) {
        if (snprintf(path, sizeof path, "%s/%.290s", dirs[i], file) >= (int)sizeof path) continue;
        if (access(path, R_OK) == 0) return strdup(path);
    }
    return NULL;
}

char *wc_data_find(const char *name)
{
    if (!*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return wc_seterr("'%s' is not a name of shipped data", name), NULL;
    char *path = strlen(name) <= 255 ? wc_share_find("WCKIT_DATA", "data", name) : NULL;
    if (path) return path;
    wc_seterr("no shipped data '%.255s' (looked in $WCKIT_DATA, ../share/data next to the program and %s)", name,
#ifdef WC_DATADIR
              WC_DATADIR "/data"
#else
              "no installed data directory"
#endif
    );
    return NULL;
}
