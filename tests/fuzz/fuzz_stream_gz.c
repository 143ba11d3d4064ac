/* fuzz_stream_gz.c — the stream reader on gzip data whose content is the input, so the
 * mutations reach the parsers behind zlib (in fuzz_stream they mostly break the CRC).
 * An input of odd length is cut short inside its last deflate block, and one whose
 * length is 2 mod 4 gets a second gzip member appended (concatenated members read as one
 * stream, as gzip -d does). */
#include "fuzz_stream_common.h"

#include <zlib.h>

static size_t gzip(const uint8_t *src, size_t n, uint8_t *dst, size_t cap, int level)
{
    z_stream z = {0};
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) abort();
    z.next_in = (Bytef *)src;
    z.avail_in = (uInt)n;
    z.next_out = dst;
    z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) abort();
    size_t out = z.total_out;
    deflateEnd(&z);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t cap = 2 * (compressBound((uLong)size) + 64);
    uint8_t *buf = malloc(cap);
    if (!buf) abort();
    size_t n = gzip(data, size, buf, cap, size % 9 + 1);
    if (size % 2 == 1 && n > 20) n -= 1 + size % 13;
    else if (size % 4 == 2) n += gzip(data, size / 2, buf + n, cap - n, 6);
    read_stream(fz_file(0, buf, n));
    free(buf);
    return 0;
}
