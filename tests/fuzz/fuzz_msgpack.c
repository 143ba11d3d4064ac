/* fuzz_msgpack.c — the msgpack reader (wc_mp_read, wc_mp_skip) on memory: walk every
 * object head in order, and skip whole objects from the start; every payload it points
 * at must lie inside the buffer (ASan checks the reads), and the reader never moves
 * backwards or past the end. */
#include "fuzz.h"
#include "wc_msgpack_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact copy, so a read past the end is a heap overflow */
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf) abort();
    memcpy(buf, data, size);
    wc_mp_reader r;
    wc_mp_obj o;
    volatile unsigned sum = 0;
    wc_mp_reader_init(&r, buf, size);
    for (;;) {
        size_t left = wc_mp_left(&r);
        if (left == 0) break;
        fz_clear();
        if (wc_mp_read(&r, &o) < 0) {
            fz_failed("wc_mp_read");
            break;
        }
        FZ_CHECK(wc_mp_left(&r) < left && r.p <= r.end, "the reader did not move forward");
        if (o.type == WC_MP_STR || o.type == WC_MP_BIN || o.type == WC_MP_EXT) {
            FZ_CHECK(o.data >= buf && o.n <= (uint64_t)(buf + size - o.data), "payload outside the buffer");
            for (uint64_t k = 0; k < o.n; k++) sum += o.data[k];
        }
        if (o.type == WC_MP_ARRAY || o.type == WC_MP_MAP)
            FZ_CHECK(o.n <= wc_mp_left(&r), "%llu elements promised, %zu bytes left", (unsigned long long)o.n,
                     wc_mp_left(&r));
        (void)wc_mp_type_name(o.type);
    }
    (void)sum;
    wc_mp_reader_init(&r, buf, size);
    while (wc_mp_left(&r) > 0) {
        size_t left = wc_mp_left(&r);
        fz_clear();
        if (wc_mp_skip(&r) < 0) {
            fz_failed("wc_mp_skip");
            break;
        }
        FZ_CHECK(wc_mp_left(&r) < left && r.p <= r.end, "skip did not move forward");
    }
    free(buf);
    return 0;
}
