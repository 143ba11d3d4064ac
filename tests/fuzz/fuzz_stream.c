/* fuzz_stream.c — the stream reader on any bytes: wc-streams (f64le, tsv), their gzip,
 * .npy arrays, plain TSV/CSV tables (see fuzz_stream_common.h). */
#include "fuzz_stream_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_stream(fz_file(0, data, size));
    return 0;
}
