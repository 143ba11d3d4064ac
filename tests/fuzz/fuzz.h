/* fuzz.h — what the libFuzzer targets tests/fuzz/fuzz_*.c share (see tests/fuzz/README).
 *
 * The readers of libwc take paths, so an input reaches them as a file: fz_file() puts
 * the bytes into a memfd (one per slot, made once, rewritten for each input) and returns
 * its /proc/self/fd/N name; the reader opens that as it would open any file, at offset 0.
 * fz_str() gives a string parser an exactly sized NUL-terminated copy, so that ASan sees
 * a read past its end.
 *
 * Beyond ASan/UBSan, the targets check the error contract: a call that fails sets a
 * message (wc_errmsg) that is one line: non-empty, no control character but tab. */
#ifndef FUZZ_H
#define FUZZ_H

#include "wckit/wc_err.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FZ_SLOTS 8

/* Abort (libFuzzer then saves the input as a crash) when cond is false. */
#define FZ_CHECK(cond, ...)                                                              \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "fuzz check failed at %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                                \
            fputc('\n', stderr);                                                         \
            abort();                                                                     \
        }                                                                                \
    } while (0)

/* The bytes as a file: its name, valid until the next call for the same slot. */
static inline const char *fz_file(int slot, const void *data, size_t size)
{
    static int fd[FZ_SLOTS];
    static char name[FZ_SLOTS][40];
    if (!fd[slot]) {
        fd[slot] = memfd_create("wckit-fuzz", 0);
        if (fd[slot] < 0) {
            perror("memfd_create");
            abort();
        }
        snprintf(name[slot], sizeof name[slot], "/proc/self/fd/%d", fd[slot]);
    }
    if (ftruncate(fd[slot], 0) < 0) abort();
    const char *p = data;
    size_t left = size;
    off_t at = 0;
    while (left > 0) {
        ssize_t k = pwrite(fd[slot], p, left, at);
        if (k <= 0) abort();
        p += k, at += k, left -= (size_t)k;
    }
    return name[slot];
}

/* data[0..size) as a malloc'ed string (cut at a NUL byte). */
static inline char *fz_str(const void *data, size_t size)
{
    const char *nul = memchr(data, '\0', size);
    size_t n = nul ? (size_t)(nul - (const char *)data) : size;
    char *s = malloc(n + 1);
    if (!s) abort();
    memcpy(s, data, n);
    s[n] = '\0';
    return s;
}

/* A spec and a file in one input: the first line (at most max bytes, else NULL) is the
 * spec, the rest the file (slot 0), and each "%F" in the spec stands for the file's name.
 * @return the spec, malloc'ed. */
static inline char *fz_spec_with_file(const uint8_t *data, size_t size, size_t max)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t slen = nl ? (size_t)(nl - data) : size;
    if (slen > max) return NULL;
    const char *path = fz_file(0, nl ? nl + 1 : data + size, nl ? size - slen - 1 : 0);
    char *line = fz_str(data, slen);
    size_t plen = strlen(path);
    char *spec = malloc(strlen(line) * (plen + 1) + 1), *o = spec;
    if (!spec) abort();
    for (const char *p = line; *p; p++) {
        if (p[0] == '%' && p[1] == 'F') {
            memcpy(o, path, plen);
            o += plen;
            p++;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    free(line);
    return spec;
}

/* Clear the message before a call whose failure is to be checked. */
static inline void fz_clear(void) { wc_seterr("%s", ""); }

/* After a failure: the message is there and is one line. */
static inline void fz_failed(const char *call)
{
    const char *m = wc_errmsg();
    FZ_CHECK(m[0] != '\0', "%s failed without a message", call);
    for (const unsigned char *p = (const unsigned char *)m; *p; p++)
        FZ_CHECK((*p >= 0x20 && *p != 0x7f) || *p == '\t', "%s: message with control character 0x%02x: '%s'", call, *p, m);
}

/* Split data at the separator line sep (with its '\n'): part k into *p, *n.
 * @return the number of parts, at most max. */
static inline size_t fz_split(const uint8_t *data, size_t size, const char *sep, const uint8_t **p, size_t *n,
                              size_t max)
{
    size_t k = 0, slen = strlen(sep);
    const uint8_t *at = data, *end = data + size;
    while (k < max) {
        const uint8_t *s = k + 1 < max ? memmem(at, (size_t)(end - at), sep, slen) : NULL;
        p[k] = at;
        n[k] = s ? (size_t)(s - at) : (size_t)(end - at);
        k++;
        if (!s) break;
        at = s + slen;
    }
    return k;
}

#endif
