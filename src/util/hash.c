/* hash.c — FNV-1a, the one hash of the project (maps, caches, subset tags),
 * and language-tag matching. */
#include <ctype.h>
#include <string.h>
#include "util.h"

uint64_t fnv1a(const void *p, size_t n, uint64_t h)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ULL;
    return h;
}

int lang_is(const char *tag, const char *primary)
{
    if (!tag)
        return 0;
    size_t n = strlen(primary);
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)tag[i]) != primary[i])
            return 0;   /* also stops at the tag's end */
    return tag[n] == 0 || tag[n] == '-' || tag[n] == '_';
}
