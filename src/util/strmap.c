/* strmap.c — a string-keyed hash map (open addressing, FNV-1a), keys copied. */
#include <stdlib.h>
#include <string.h>
#include "util.h"

typedef struct slot {
    char *key;
    void *value;
} slot;

struct strmap {
    slot *slots;
    size_t cap, count;   /* cap: a power of two */
};

static size_t hash(const char *s)
{
    return (size_t)fnv1a(s, strlen(s), FNV1A_INIT);
}

strmap *strmap_new(void)
{
    strmap *m = calloc(1, sizeof *m);
    if (m && !(m->slots = calloc(16, sizeof *m->slots))) {
        free(m);
        return NULL;
    }
    if (m)
        m->cap = 16;
    return m;
}

void strmap_free(strmap *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    free(m);
}

static slot *find(const strmap *m, const char *key)
{
    size_t i = hash(key) & (m->cap - 1);
    while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

void *strmap_get(const strmap *m, const char *key)
{
    return find(m, key)->value;
}

static int grow(strmap *m)
{
    size_t cap = m->cap * 2;
    slot *old = m->slots, *fresh = calloc(cap, sizeof *fresh);
    if (!fresh)
        return -1;
    size_t oldcap = m->cap;
    m->slots = fresh;
    m->cap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].key)
            *find(m, old[i].key) = old[i];
    free(old);
    return 0;
}

int strmap_put(strmap *m, const char *key, void *value)
{
    if ((m->count + 1) * 4 > m->cap * 3 && grow(m))
        return -1;
    slot *s = find(m, key);
    if (!s->key) {
        if (!(s->key = strdup(key)))
            return -1;
        m->count++;
    }
    s->value = value;
    return 0;
}
