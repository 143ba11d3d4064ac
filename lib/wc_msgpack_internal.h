/* wc_msgpack.h — a small MessagePack reader and writer over memory buffers
 * (https://github.com/msgpack/msgpack/blob/master/spec.md), enough for the braintools /
 * flax array files of wc-conn(1), FORMATS.
 *
 * The reader never trusts a length: every object head is checked against the bytes
 * left before anything points into the buffer, and an array or map head may not
 * promise more elements than there are bytes left.  Nothing is allocated, and
 * wc_mp_skip() walks nested objects with a counter, not recursion.
 *
 * The writer appends to a growing buffer; an allocation failure is remembered and
 * reported once, by wc_mp_writer_ok(). */
#ifndef WC_MSGPACK_H
#define WC_MSGPACK_H

#include <stddef.h>
#include <stdint.h>

enum wc_mp_type {
    WC_MP_NIL, WC_MP_BOOL, WC_MP_UINT, WC_MP_INT, WC_MP_FLOAT,
    WC_MP_STR, WC_MP_BIN, WC_MP_ARRAY, WC_MP_MAP, WC_MP_EXT
};

/** A read position in a buffer. */
typedef struct {
    const unsigned char *p, *end;
} wc_mp_reader;

/** One object head.  Scalars carry their value; STR, BIN and EXT point at their payload
 *  (which the read has stepped over); ARRAY and MAP give the element count and the
 *  elements follow (a map's n pairs are 2n objects: key, value, key, value ...). */
typedef struct {
    int type;                    /* enum wc_mp_type */
    uint64_t n;                  /* STR/BIN/EXT: payload bytes; ARRAY: elements; MAP: pairs */
    const unsigned char *data;   /* STR/BIN/EXT payload */
    int ext;                     /* EXT: application type, -128..127 */
    uint64_t u;                  /* UINT value; BOOL 0 or 1 */
    int64_t i;                   /* INT value (negative; non-negative ones are UINT) */
    double f;                    /* FLOAT value (float32 widened) */
} wc_mp_obj;

/** Start reading len bytes at buf. */
void wc_mp_reader_init(wc_mp_reader *r, const void *buf, size_t len);
/** Bytes not yet read. */
size_t wc_mp_left(const wc_mp_reader *r);
/** Read one object head into o.  @return 0, or -1 with wc_errmsg() set (truncated data,
 *  the reserved byte 0xc1, a count larger than the bytes left). */
int wc_mp_read(wc_mp_reader *r, wc_mp_obj *o);
/** Step over one whole object, with everything nested in it.  @return 0 or -1. */
int wc_mp_skip(wc_mp_reader *r);
/** "nil", "bool", "uint", "int", "float", "str", "bin", "array", "map" or "ext". */
const char *wc_mp_type_name(int type);

/** An output buffer. */
typedef struct {
    unsigned char *buf;
    size_t len, cap;
    int failed;          /* out of memory, or a count msgpack cannot express */
} wc_mp_writer;

void wc_mp_writer_init(wc_mp_writer *w);
void wc_mp_writer_free(wc_mp_writer *w);
/** @return 0, or -1 with wc_errmsg() set if any put failed. */
int wc_mp_writer_ok(const wc_mp_writer *w);

/* Each put appends the shortest encoding msgpack allows. */
void wc_mp_put_map(wc_mp_writer *w, uint64_t pairs);
void wc_mp_put_array(wc_mp_writer *w, uint64_t n);
void wc_mp_put_uint(wc_mp_writer *w, uint64_t v);
void wc_mp_put_str(wc_mp_writer *w, const char *s, size_t n);
void wc_mp_put_bin(wc_mp_writer *w, const void *p, size_t n);
/** An ext head of application type 'type' and n payload bytes; the payload follows
 *  (append it with wc_mp_put_raw). */
void wc_mp_put_ext_head(wc_mp_writer *w, int type, size_t n);
/** Append bytes as they are (an already encoded object, an ext payload). */
void wc_mp_put_raw(wc_mp_writer *w, const void *p, size_t n);

#endif
