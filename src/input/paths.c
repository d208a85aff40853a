/* paths.c — the sandbox for paths written inside input files (images in a
 * release, releases and bulletins in a manifest): resolved relative to the
 * file that names them, never a URL, never absolute, and never leaving the
 * root folder, neither lexically nor through a symbolic link. The one home
 * of these rules: releases, images and manifests all come through here. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "input-private.h"

int input_has_url_scheme(const char *s)
{
    if (!input_is_alpha(s[0]))
        return 0;
    const char *p = s + 1;
    while (input_is_alpha(*p) || input_is_digit(*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':';
}

/* dir + "/" + rel with "." and ".." resolved lexically. Heap; NULL on OOM. */
static char *join_normalised(const char *dir, const char *rel)
{
    size_t cap = strlen(dir) + strlen(rel) + 2;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    size_t len = strlen(dir);
    memcpy(out, dir, len + 1);
    while (len > 1 && out[len - 1] == '/')
        out[--len] = '\0';
    const char *p = rel;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.')) {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            char *last = strrchr(out, '/');
            if (last && last != out)
                *last = '\0';
            else
                strcpy(out, "/");
            len = strlen(out);
        } else {
            if (len > 1 || out[0] != '/')
                out[len++] = '/';
            memcpy(out + len, p, n);
            len += n;
            out[len] = '\0';
        }
        p += n + (slash ? 1 : 0);
    }
    return out;
}

static int path_under(const char *path, const char *root)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return path[0] == '/';
    return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* A URL path with %XX escapes decoded (%00 kept as written). Heap; NULL on OOM. */
static char *percent_decode(const char *url)
{
    size_t ulen = strlen(url), k = 0;
    char *rel = malloc(ulen + 1);
    if (!rel)
        return NULL;
    for (size_t i = 0; i < ulen; i++) {
        int hi, lo;
        if (url[i] == '%' && (hi = input_hex_digit(url[i + 1])) >= 0 &&
            (lo = input_hex_digit(url[i + 2])) >= 0 && (hi | lo) != 0) {
            rel[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            rel[k++] = url[i];
        }
    }
    rel[k] = '\0';
    return rel;
}

/* The real folder holding the real file `from`. Heap; NULL with errno set. */
static char *real_folder(const char *from)
{
    char *real = realpath(from, NULL);
    if (!real)
        return NULL;
    char *slash = strrchr(real, '/');
    if (slash == real)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    return real;
}

char *input_resolve_path(const char *root, const char *from, const char *ref, unsigned flags,
                         const char *what, srcpos at, diag *d)
{
    if (!ref || !*ref) {
        diag_error(d, at, "%s path is empty", what);
        return NULL;
    }
    if (input_has_url_scheme(ref) || strncmp(ref, "//", 2) == 0) {
        diag_error(d, at, "%ss are not fetched: '%s' (use a file below the root folder)", what,
                   ref);
        return NULL;
    }
    if (ref[0] == '/') {
        diag_error(d, at, "%s path '%s' is absolute; write it relative to %s", what, ref,
                   (flags & PATH_IN_MANIFEST) ? "the manifest" : "the release");
        return NULL;
    }
    char *rel = (flags & PATH_PERCENT) ? percent_decode(ref) : strdup(ref);
    char *real_root = NULL, *dir = NULL, *lexical = NULL, *real = NULL;
    if (!rel) {
        diag_oom(d);
        return NULL;
    }
    if (!(real_root = realpath(root, NULL))) {
        diag_errno(d, at, errno, "cannot resolve the root folder '%s'", root);
        goto fail;
    }
    if (!(dir = real_folder(from))) {
        diag_errno(d, at, errno, "cannot resolve the folder of '%s'", from);
        goto fail;
    }
    if (!(lexical = join_normalised(dir, rel))) {
        diag_oom(d);
        goto fail;
    }
    if (!path_under(lexical, real_root)) {
        diag_error(d, at, "%s path leaves the root folder: '%s'", what, ref);
        goto fail;
    }
    if (!(real = realpath(lexical, NULL))) {
        diag_errno(d, at, errno, "cannot read %s '%s'", what, ref);
        goto fail;
    }
    if (!path_under(real, real_root)) {
        diag_error(d, at, "%s path leaves the root folder: '%s'", what, ref);
        goto fail;
    }
    struct stat st;
    if (stat(real, &st) != 0) {
        diag_errno(d, at, errno, "cannot read %s '%s'", what, ref);
        goto fail;
    }
    if (S_ISDIR(st.st_mode)) {
        diag_error(d, at, "%s '%s' is a folder, not a file", what, ref);
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_error(d, at, "cannot read %s '%s': not a regular file", what, ref);
        goto fail;
    }
    goto done;
fail:
    free(real);
    real = NULL;
done:
    free(rel);
    free(real_root);
    free(dir);
    free(lexical);
    return real;
}

const char *input_display_path(arena *a, const char *from, const char *ref)
{
    const char *slash = strrchr(from, '/');
    char *joined = slash ? arena_printf(a, "%.*s/%s", (int)(slash - from), from, ref)
                         : arena_strdup(a, ref);
    if (!joined)
        return NULL;
    size_t n = strlen(joined), out = 0;
    char *res = arena_alloc(a, n + 1);
    if (!res)
        return NULL;
    int absolute = joined[0] == '/';
    if (absolute)
        res[out++] = '/';
    size_t kept = 0;   /* segments in res that a ".." may fold away */
    for (char *p = joined; *p;) {
        char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 2 && p[0] == '.' && p[1] == '.' && kept > 0) {
            /* drop the last kept segment and its separator */
            while (out > (size_t)absolute && res[out - 1] != '/')
                out--;
            if (out > (size_t)absolute)
                out--;
            while (out > (size_t)absolute && res[out - 1] != '/')
                out--;
            kept--;
        } else if (len && !(len == 1 && p[0] == '.')) {
            if (len != 2 || p[0] != '.' || p[1] != '.')
                kept++;
            memcpy(res + out, p, len);
            out += len;
            res[out++] = '/';
        }
        p += len + (end ? 1 : 0);
    }
    if (out > (size_t)absolute)
        out--;   /* the last separator */
    res[out] = '\0';
    return res;
}
