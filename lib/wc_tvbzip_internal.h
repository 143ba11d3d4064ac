/* wc_tvbzip_internal.h — members of The Virtual Brain's connectivity zips (private to
 * libwc; wc_matfile reads the matrices and labels in them).
 *
 * A TVB zip holds weights.txt, tract_lengths.txt, centres.txt (and more), each plain or
 * bzip2-compressed (weights.txt.bz2), at the top or in one subfolder. */
#ifndef WC_TVBZIP_INTERNAL_H
#define WC_TVBZIP_INTERNAL_H

#include <stddef.h>

/** A zip's first bytes ("PK\3\4", or "PK\5\6" for an empty archive). */
int wc_tvbzip_magic(const unsigned char *b, size_t n);

/** The member of zip whose name, without folders, a ".bz2" and a ".txt", is key
 *  ("weights", "tract_lengths", "centres"; a ".txt" on key is ignored): decompressed into
 *  *buf (malloc'ed, NUL-terminated, *len bytes), its name into member[msize].
 *  @return 0; 1 when there is no such member (wc_errmsg() says so, listing the members);
 *  -1 on any other error (not a zip, two such members, corrupt data, too large). */
int wc_tvbzip_read(const char *zip, const char *key, char **buf, size_t *len, char *member, size_t msize);

#endif
