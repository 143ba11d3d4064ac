/* wc_str_internal.h — small string helpers libwc's modules share (private). */
#ifndef WC_STR_INTERNAL_H
#define WC_STR_INTERNAL_H

#include <stddef.h>
#include <string.h>
#include <strings.h>

/** Do the first n bytes of s end in ext (case ignored), with something before it? */
static inline int wc_ends_with(const char *s, size_t n, const char *ext)
{
    size_t k = strlen(ext);
    return n > k && strncasecmp(s + n - k, ext, k) == 0;
}

#endif
