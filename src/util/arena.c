/* arena.c — a bump allocator over a list of blocks; freed all at once. */
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

enum { BLOCK_MIN = 64 * 1024 };

typedef struct block {
    struct block *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
} block;

struct arena {
    block *head;
    size_t bytes;
};

arena *arena_new(void)
{
    return calloc(1, sizeof(arena));
}

void arena_free(arena *a)
{
    if (!a)
        return;
    for (block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

void *arena_alloc(arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    if (size > SIZE_MAX - align - sizeof(block))   /* the block header must fit too */
        return NULL;
    size = (size + align - 1) & ~(align - 1);
    block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t bsize = size > BLOCK_MIN ? size : BLOCK_MIN;
        b = malloc(sizeof(block) + bsize);
        if (!b)
            return NULL;
        b->size = bsize;
        b->used = 0;
        /* keep a partly used head in front when the new block is a big one-off */
        if (a->head && size > BLOCK_MIN) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
        a->bytes += sizeof(block) + bsize;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

void *arena_array(arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    size_t total = n * size;
    return arena_alloc(a, total ? total : 1);
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = arena_alloc(a, n + 1);
    if (p && n)
        memcpy(p, s, n);
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t arena_bytes(const arena *a)
{
    return a->bytes;
}
