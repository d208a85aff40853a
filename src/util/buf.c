/* buf.c — growable byte buffers, growable arrays, whole-file reads. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

int grow_array(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return -1;
        n *= 2;
    }
    if (size && n > SIZE_MAX / size)
        return -1;
    void *q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

int buf_append(buf *b, const void *p, size_t n)
{
    if (n > SIZE_MAX - b->len - 1)
        return -1;
    if (grow_array((void **)&b->data, &b->cap, b->len + n + 1, 1))
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}

int buf_puts(buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || grow_array((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1))
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void buf_free(buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *buf_take(buf *b)
{
    char *s = b->data;
    if (!s && (s = malloc(1)))
        *s = 0;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

int read_file(const char *path, char **data, size_t *len)
{
    return read_file_max(path, SIZE_MAX - 1, data, len);
}

int read_file_max(const char *path, size_t max, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > max) {   /* one byte past max is enough to know */
            buf_free(&b);
            fclose(f);
            errno = EFBIG;
            return -1;
        }
        if (buf_append(&b, chunk, n)) {
            buf_free(&b);
            fclose(f);
            errno = ENOMEM;
            return -1;
        }
    }
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (err) {
        buf_free(&b);
        errno = err;
        return -1;
    }
    if (!b.data && buf_append(&b, "", 0)) {
        errno = ENOMEM;
        return -1;
    }
    *data = b.data;
    *len = b.len;
    return 0;
}
