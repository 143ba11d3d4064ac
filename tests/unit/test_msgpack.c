/* test_msgpack.c — the MessagePack codec (lib/wc_msgpack.c): every encoding the writer
 * chooses reads back; the bytes equal those of Debian's python3-msgpack for the same
 * values; truncated or lying input fails cleanly. */
#include "tap.h"
#include "wckit/wc_err.h"
#include "wc_msgpack_internal.h"

#include <stdlib.h>

/* The hex of w's buffer (static storage). */
static const char *hex(const unsigned char *p, size_t n)
{
    static char buf[512];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 3 < sizeof buf; i++) k += (size_t)snprintf(buf + k, 3, "%02x", p[i]);
    buf[k] = '\0';
    return buf;
}

/* python3 -c "import msgpack; print(msgpack.packb(VALUE, use_bin_type=True).hex())" */
static int python_hex(const char *value, char *out, size_t size)
{
    const char *py = getenv("PYTHON") ? getenv("PYTHON") : "/usr/bin/python3";
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s -c \"import msgpack; print(msgpack.packb(%s, use_bin_type=True).hex())\" 2>/dev/null",
             py, value);
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    int ok = fgets(out, (int)size, p) != NULL;
    if (pclose(p) != 0 || !ok) return -1;
    out[strcspn(out, "\n")] = '\0';
    return 0;
}

static void uint_roundtrip(uint64_t v)
{
    wc_mp_writer w;
    wc_mp_reader r;
    wc_mp_obj o;
    wc_mp_writer_init(&w);
    wc_mp_put_uint(&w, v);
    wc_mp_reader_init(&r, w.buf, w.len);
    OK(wc_mp_read(&r, &o) == 0 && o.type == WC_MP_UINT && o.u == v && wc_mp_left(&r) == 0,
       "uint %llu reads back (%zu bytes)",
       (unsigned long long)v, w.len);
    wc_mp_writer_free(&w);
}

static void sized_roundtrip(size_t n)
{
    unsigned char *data = calloc(n + 1, 1);
    wc_mp_writer w;
    wc_mp_reader r;
    wc_mp_obj s, b, e, a, m;
    wc_mp_writer_init(&w);
    wc_mp_put_str(&w, (const char *)data, n);
    wc_mp_put_bin(&w, data, n);
    wc_mp_put_ext_head(&w, -5, n);
    wc_mp_put_raw(&w, data, n);
    wc_mp_put_array(&w, n);
    for (size_t i = 0; i < n; i++) wc_mp_put_uint(&w, i & 0x7f);
    wc_mp_put_map(&w, n / 2);
    for (size_t i = 0; i < n / 2 * 2; i++) wc_mp_put_uint(&w, 1);
    wc_mp_reader_init(&r, w.buf, w.len);
    OK(wc_mp_writer_ok(&w) == 0 && wc_mp_read(&r, &s) == 0 && s.type == WC_MP_STR && s.n == n && wc_mp_read(&r, &b) == 0 &&
           b.type == WC_MP_BIN && b.n == n && wc_mp_read(&r, &e) == 0 && e.type == WC_MP_EXT && e.ext == -5 &&
           e.n == n && wc_mp_read(&r, &a) == 0 && a.type == WC_MP_ARRAY && a.n == n,
       "str, bin, ext, array of %zu read back", n);
    for (size_t i = 0; i < n; i++) wc_mp_skip(&r);
    OK(wc_mp_read(&r, &m) == 0 && m.type == WC_MP_MAP && m.n == n / 2, "map of %zu pairs reads back", n / 2);
    wc_mp_reader_init(&r, w.buf, w.len);
    int skips = 0;
    while (wc_mp_left(&r) > 0 && wc_mp_skip(&r) == 0) skips++;
    OK(skips == 5 && wc_mp_left(&r) == 0, "wc_mp_skip steps over the five objects (%d)", skips);
    wc_mp_writer_free(&w);
    free(data);
}

/* Bytes of our writer equal python's for the same value. */
static void same_as_python(const char *value, void (*build)(wc_mp_writer *))
{
    char want[512];
    if (python_hex(value, want, sizeof want) < 0) {
        printf("skip - python3-msgpack not available for %s\n", value);
        return;
    }
    wc_mp_writer w;
    wc_mp_writer_init(&w);
    build(&w);
    const char *got = hex(w.buf, w.len);
    OK(strcmp(got, want) == 0, "%s: %s (python %s)", value, got, want);
    wc_mp_writer_free(&w);
}

static void b_map(wc_mp_writer *w)
{
    wc_mp_put_map(w, 2);
    wc_mp_put_str(w, "Cmat", 4);
    wc_mp_put_array(w, 2);
    wc_mp_put_uint(w, 80);
    wc_mp_put_uint(w, 300);
    wc_mp_put_str(w, "n", 1);
    wc_mp_put_uint(w, 70000);
}

static void b_big(wc_mp_writer *w)
{
    wc_mp_put_array(w, 3);
    wc_mp_put_uint(w, 1ull << 40);
    wc_mp_put_bin(w, "abc", 3);
    wc_mp_put_str(w, "float64float64float64float64float64", 35);
}

static void expect_fail(const void *p, size_t n, const char *msg, const char *what)
{
    wc_mp_reader r;
    wc_mp_reader_init(&r, p, n);
    int rc = wc_mp_skip(&r);
    OK(rc < 0 && strstr(wc_errmsg(), msg), "%s: %s", what, rc < 0 ? wc_errmsg() : "accepted");
}

int main(void)
{
    uint64_t vals[] = {0, 127, 128, 255, 256, 65535, 65536, 0xffffffffull, 0x100000000ull, ~0ull};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) uint_roundtrip(vals[i]);
    size_t sizes[] = {0, 1, 15, 16, 31, 32, 255, 256, 65535, 65536};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) sized_roundtrip(sizes[i]);
    same_as_python("{'Cmat': [80, 300], 'n': 70000}", b_map);
    same_as_python("[1 << 40, b'abc', 'float64' * 5]", b_big);

    /* signed integers and floats from python's bytes */
    const unsigned char ints[] = {0xff, 0xd0, 0x80, 0xd1, 0x80, 0x00, 0xd3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
                                  0xca, 0x3f, 0xc0, 0x00, 0x00, 0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0xc3, 0xc0};
    wc_mp_reader r;
    wc_mp_obj o[7];
    wc_mp_reader_init(&r, ints, sizeof ints);
    int rc = 0;
    for (int k = 0; k < 7; k++) rc |= wc_mp_read(&r, &o[k]);
    OK(rc == 0 && o[0].i == -1 && o[1].i == -128 && o[2].i == -32768 && o[3].i == -2 && o[4].f == 1.5 && o[5].f == 1.5 &&
           o[6].type == WC_MP_BOOL && o[6].u == 1,
       "negative fixint, int8, int16, int64, float32, float64, true");

    /* hostile input */
    expect_fail("", 0, "truncated", "empty buffer");
    expect_fail("\xc1", 1, "invalid msgpack byte 0xc1", "reserved byte");
    expect_fail("\xdd\xff\xff\xff\xff", 5, "truncated (array of 4294967295 elements",
                "array promising 2^32-1 elements");
    expect_fail("\xdf\x00\x00\x00\x03\x01\x02\x03\x04\x05", 10, "truncated (map of 3",
                "map promising more pairs than bytes");
    expect_fail("\xc6\x7f\xff\xff\xff\x00", 6, "truncated (bin of 2147483647 bytes",
                "bin longer than the buffer");
    expect_fail("\xc9\x00\x00\x01\x00", 5, "truncated", "ext32 without its type byte");
    expect_fail("\x93\x01\x02", 3, "truncated", "array missing its last element");
    expect_fail("\x91\x91\x91\x91\x91\x91\x91", 7, "truncated", "deep nesting without an end");
    return tap_done();
}
