/* wc_msgpack.c — MessagePack reading and writing over memory buffers (see wc_msgpack.h).
 * All multi-byte numbers in msgpack are big-endian. */
#include "wc_msgpack_internal.h"
#include "wckit/wc_err.h"

#include <stdlib.h>
#include <string.h>

/* ==== reading ==== */

void wc_mp_reader_init(wc_mp_reader *r, const void *buf, size_t len)
{
    r->p = buf;
    r->end = r->p + len;
}

size_t wc_mp_left(const wc_mp_reader *r) { return (size_t)(r->end - r->p); }

/* The next k bytes as a big-endian number (k <= 8), after checking they are there. */
static int take(wc_mp_reader *r, unsigned k, uint64_t *v)
{
    if (wc_mp_left(r) < k) return wc_seterr("msgpack data truncated");
    uint64_t x = 0;
    for (unsigned i = 0; i < k; i++) x = x << 8 | r->p[i];
    r->p += k;
    *v = x;
    return 0;
}

/* A payload of n bytes (STR, BIN, EXT): point at it and step over it. */
static int payload(wc_mp_reader *r, wc_mp_obj *o, uint64_t n)
{
    if (n > wc_mp_left(r)) return wc_seterr("msgpack data truncated (%s of %llu bytes, %zu left)",
                                            wc_mp_type_name(o->type), (unsigned long long)n, wc_mp_left(r));
    o->n = n;
    o->data = r->p;
    r->p += n;
    return 0;
}

/* An array or map head: every element takes at least one byte, so a count larger than
 * the bytes left is a lie (and would let a skip loop run for 2^32 rounds). */
static int count(wc_mp_reader *r, wc_mp_obj *o, int type, uint64_t n)
{
    o->type = type;
    o->n = n;
    uint64_t need = type == WC_MP_MAP ? 2 * n : n;
    if (need > wc_mp_left(r))
        return wc_seterr("msgpack data truncated (%s of %llu %s, %zu bytes left)", wc_mp_type_name(type),
                         (unsigned long long)n, type == WC_MP_MAP ? "pairs" : "elements", wc_mp_left(r));
    return 0;
}

/* EXT with an explicit length: the type byte follows the length. */
static int ext(wc_mp_reader *r, wc_mp_obj *o, uint64_t n)
{
    uint64_t t = 0;
    o->type = WC_MP_EXT;
    if (take(r, 1, &t) < 0) return -1;
    o->ext = (int)(int8_t)(uint8_t)t;
    return payload(r, o, n);
}

static int read_float(wc_mp_reader *r, wc_mp_obj *o, unsigned k)
{
    uint64_t v = 0;
    if (take(r, k, &v) < 0) return -1;
    o->type = WC_MP_FLOAT;
    if (k == 4) {
        uint32_t u = (uint32_t)v;
        float f;
        memcpy(&f, &u, 4);
        o->f = f;
    } else {
        memcpy(&o->f, &v, 8);
    }
    return 0;
}

static int read_int(wc_mp_reader *r, wc_mp_obj *o, unsigned k, int is_signed)
{
    uint64_t v = 0;
    if (take(r, k, &v) < 0) return -1;
    if (is_signed && k < 8 && (v >> (8 * k - 1)) & 1) v |= ~(uint64_t)0 << (8 * k);   /* sign-extend */
    if (is_signed && (int64_t)v < 0) {
        o->type = WC_MP_INT;
        o->i = (int64_t)v;
    } else {
        o->type = WC_MP_UINT;
        o->u = v;
    }
    return 0;
}

/* Heads whose length is in the following 1, 2 or 4 bytes. */
static int read_sized(wc_mp_reader *r, wc_mp_obj *o, int type, unsigned k)
{
    uint64_t n = 0;
    if (take(r, k, &n) < 0) return -1;
    if (type == WC_MP_EXT) return ext(r, o, n);
    if (type == WC_MP_ARRAY || type == WC_MP_MAP) return count(r, o, type, n);
    o->type = type;
    return payload(r, o, n);
}

int wc_mp_read(wc_mp_reader *r, wc_mp_obj *o)
{
    memset(o, 0, sizeof *o);
    if (r->p >= r->end) return wc_seterr("msgpack data truncated");
    unsigned b = *r->p++;
    if (b <= 0x7f) return o->type = WC_MP_UINT, o->u = b, 0;
    if (b >= 0xe0) return o->type = WC_MP_INT, o->i = (int8_t)b, 0;
    if (b <= 0x8f) return count(r, o, WC_MP_MAP, b & 0x0f);
    if (b <= 0x9f) return count(r, o, WC_MP_ARRAY, b & 0x0f);
    if (b <= 0xbf) return o->type = WC_MP_STR, payload(r, o, b & 0x1f);
    switch (b) {
    case 0xc0: o->type = WC_MP_NIL; return 0;
    case 0xc2: case 0xc3: o->type = WC_MP_BOOL; o->u = b & 1; return 0;
    case 0xc4: return read_sized(r, o, WC_MP_BIN, 1);
    case 0xc5: return read_sized(r, o, WC_MP_BIN, 2);
    case 0xc6: return read_sized(r, o, WC_MP_BIN, 4);
    case 0xc7: return read_sized(r, o, WC_MP_EXT, 1);
    case 0xc8: return read_sized(r, o, WC_MP_EXT, 2);
    case 0xc9: return read_sized(r, o, WC_MP_EXT, 4);
    case 0xca: return read_float(r, o, 4);
    case 0xcb: return read_float(r, o, 8);
    case 0xcc: return read_int(r, o, 1, 0);
    case 0xcd: return read_int(r, o, 2, 0);
    case 0xce: return read_int(r, o, 4, 0);
    case 0xcf: return read_int(r, o, 8, 0);
    case 0xd0: return read_int(r, o, 1, 1);
    case 0xd1: return read_int(r, o, 2, 1);
    case 0xd2: return read_int(r, o, 4, 1);
    case 0xd3: return read_int(r, o, 8, 1);
    case 0xd4: return ext(r, o, 1);   /* fixext 1, 2, 4, 8, 16 */
    case 0xd5: return ext(r, o, 2);
    case 0xd6: return ext(r, o, 4);
    case 0xd7: return ext(r, o, 8);
    case 0xd8: return ext(r, o, 16);
    case 0xd9: return read_sized(r, o, WC_MP_STR, 1);
    case 0xda: return read_sized(r, o, WC_MP_STR, 2);
    case 0xdb: return read_sized(r, o, WC_MP_STR, 4);
    case 0xdc: return read_sized(r, o, WC_MP_ARRAY, 2);
    case 0xdd: return read_sized(r, o, WC_MP_ARRAY, 4);
    case 0xde: return read_sized(r, o, WC_MP_MAP, 2);
    case 0xdf: return read_sized(r, o, WC_MP_MAP, 4);
    }
    return wc_seterr("invalid msgpack byte 0x%02x", b);   /* 0xc1, never used */
}

int wc_mp_skip(wc_mp_reader *r)
{
    /* objects still to step over; bounded by the bytes left (see count()) */
    uint64_t todo = 1;
    while (todo > 0) {
        wc_mp_obj o;
        if (wc_mp_read(r, &o) < 0) return -1;
        todo--;
        if (o.type == WC_MP_ARRAY) todo += o.n;
        else if (o.type == WC_MP_MAP) todo += 2 * o.n;
    }
    return 0;
}

const char *wc_mp_type_name(int type)
{
    static const char *const names[] = {"nil", "bool", "uint", "int", "float",
                                        "str", "bin", "array", "map", "ext"};
    return type >= 0 && type <= WC_MP_EXT ? names[type] : "?";
}

/* ==== writing ==== */

void wc_mp_writer_init(wc_mp_writer *w) { memset(w, 0, sizeof *w); }

void wc_mp_writer_free(wc_mp_writer *w)
{
    free(w->buf);
    memset(w, 0, sizeof *w);
}

int wc_mp_writer_ok(const wc_mp_writer *w)
{
    return w->failed ? wc_seterr("msgpack output failed: out of memory, or an object over 4 GiB") : 0;
}

void wc_mp_put_raw(wc_mp_writer *w, const void *p, size_t n)
{
    if (w->failed) return;
    if (n > w->cap - w->len) {
        size_t cap = w->cap ? w->cap : 256;
        while (cap - w->len < n) {
            if (cap > SIZE_MAX / 2) {
                w->failed = 1;
                return;
            }
            cap *= 2;
        }
        unsigned char *b = realloc(w->buf, cap);
        if (!b) {
            w->failed = 1;
            return;
        }
        w->buf = b;
        w->cap = cap;
    }
    if (n) memcpy(w->buf + w->len, p, n);
    w->len += n;
}

/* A marker byte followed by v in k big-endian bytes. */
static void put_be(wc_mp_writer *w, unsigned marker, uint64_t v, unsigned k)
{
    unsigned char b[9];
    b[0] = (unsigned char)marker;
    for (unsigned i = 0; i < k; i++) b[1 + i] = (unsigned char)(v >> (8 * (k - 1 - i)));
    wc_mp_put_raw(w, b, 1 + k);
}

/* A length with the 8-, 16- and 32-bit markers m8, m16, m32 (m8 0: none for this type). */
static void put_len(wc_mp_writer *w, uint64_t n, unsigned m8, unsigned m16, unsigned m32)
{
    if (m8 && n <= 0xff) put_be(w, m8, n, 1);
    else if (n <= 0xffff) put_be(w, m16, n, 2);
    else if (n <= 0xffffffffu) put_be(w, m32, n, 4);
    else w->failed = 1;   /* msgpack has no 64-bit lengths */
}

void wc_mp_put_map(wc_mp_writer *w, uint64_t pairs)
{
    if (pairs <= 15) put_be(w, 0x80 | (unsigned)pairs, 0, 0);
    else put_len(w, pairs, 0, 0xde, 0xdf);
}

void wc_mp_put_array(wc_mp_writer *w, uint64_t n)
{
    if (n <= 15) put_be(w, 0x90 | (unsigned)n, 0, 0);
    else put_len(w, n, 0, 0xdc, 0xdd);
}

void wc_mp_put_uint(wc_mp_writer *w, uint64_t v)
{
    if (v <= 0x7f) put_be(w, (unsigned)v, 0, 0);
    else if (v <= 0xff) put_be(w, 0xcc, v, 1);
    else if (v <= 0xffff) put_be(w, 0xcd, v, 2);
    else if (v <= 0xffffffffu) put_be(w, 0xce, v, 4);
    else put_be(w, 0xcf, v, 8);
}

void wc_mp_put_str(wc_mp_writer *w, const char *s, size_t n)
{
    if (n <= 31) put_be(w, 0xa0 | (unsigned)n, 0, 0);
    else put_len(w, n, 0xd9, 0xda, 0xdb);
    wc_mp_put_raw(w, s, n);
}

void wc_mp_put_bin(wc_mp_writer *w, const void *p, size_t n)
{
    put_len(w, n, 0xc4, 0xc5, 0xc6);
    wc_mp_put_raw(w, p, n);
}

void wc_mp_put_ext_head(wc_mp_writer *w, int type, size_t n)
{
    static const unsigned char fixext[17] = {[1] = 0xd4, [2] = 0xd5, [4] = 0xd6, [8] = 0xd7, [16] = 0xd8};
    if (n <= 16 && fixext[n]) put_be(w, fixext[n], 0, 0);
    else put_len(w, n, 0xc7, 0xc8, 0xc9);
    unsigned char t = (unsigned char)(int8_t)type;
    wc_mp_put_raw(w, &t, 1);
}
