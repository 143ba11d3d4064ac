/* fuzz_npy.c — the .npy preamble parser (wc_npy_parse) on memory: the input follows the
 * magic "\x93NUMPY" (so every mutation lands in the version, the length or the dict).
 * What it returns must describe bytes that are there: a 1-D or 2-D shape, a known
 * dtype, the data offset within the preamble it asked for; and the preamble the writer
 * makes must parse back to the same shape. */
#include "fuzz.h"
#include "wc_npy_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = malloc(size + 6);
    if (!buf) abort();
    memcpy(buf, "\x93NUMPY", 6);
    memcpy(buf + 6, data, size);
    size_t len = size + 6, need = 0;
    wc_npy_info info;
    fz_clear();
    int rc = wc_npy_parse(buf, len, &info, &need);
    if (rc == 1) {
        FZ_CHECK(need > len, "asks for %zu bytes with %zu there", need, len);
    } else if (rc < 0) {
        fz_failed("wc_npy_parse");
    } else {
        FZ_CHECK(info.dtype && (info.ndim == 1 || info.ndim == 2), "ndim %d", info.ndim);
        FZ_CHECK(info.data_off <= len, "data at %zu of %zu bytes", info.data_off, len);
        if (info.ndim == 1) FZ_CHECK(info.shape[1] == 1, "1-D with %llu columns", info.shape[1]);
        /* the elements that are there, as the readers convert them */
        volatile double sink = 0;
        for (size_t at = info.data_off; at + info.dtype->width <= len; at += info.dtype->width)
            sink += wc_npy_element(buf + at, info.dtype);
        (void)sink;
        free(info.names);
        /* the writer's preamble for a shape like this one reads back the same */
        if (info.shape[0] < (1ULL << 53) && info.shape[1] >= 1 && info.shape[1] <= (1u << 20)) {
            char pre[WC_NPY_PRE_MAX];
            size_t n = wc_npy_preamble(pre, (long long)info.shape[0], (size_t)info.shape[1], NULL, 0);
            wc_npy_info back;
            FZ_CHECK(wc_npy_parse((const unsigned char *)pre, n, &back, &need) == 0, "%s", wc_errmsg());
            FZ_CHECK(back.ndim == 2 && back.shape[0] == info.shape[0] && back.shape[1] == info.shape[1] &&
                     back.data_off == n && back.data_off % 64 == 0, "preamble of (%llu, %llu) reads back wrong",
                     info.shape[0], info.shape[1]);
            free(back.names);
        }
    }
    free(buf);
    return 0;
}
