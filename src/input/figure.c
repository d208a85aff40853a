/* figure.c — images in a release: the path through the sandbox (paths.c),
 * the file checked once per document (type, pixel size within the limits, a
 * PNG decoded whole), alt text, and figures met inside running text moved
 * after their block. */
#include <stdlib.h>
#include <string.h>
#include "input-private.h"

enum { MAX_IMAGE_SIDE = 20000 };
#define MAX_IMAGE_PIXELS 50000000.0

/* An image file checked once per document: its type and pixel size from the
 * header, within the limits, and a PNG decoded whole (libharu would let libpng
 * abort on a damaged one). Checked files are remembered in l->image_cache.
 * 1 when usable (size in *w, *h), 0 after reporting why not. */
static int checked_image(loader *l, const char *real, const char *url, srcpos at, int *w, int *h)
{
    const int *known = l->image_cache ? strmap_get(l->image_cache, real) : NULL;
    if (known) {
        *w = known[0];
        *h = known[1];
        return 1;
    }
    enum image_format fmt;
    const char *why = NULL;
    if (image_read_size(real, &fmt, w, h, &why) != 0) {
        diag_error(l->d, at, "cannot use image '%s': %s", url, why);
        return 0;
    }
    if (*w > MAX_IMAGE_SIDE || *h > MAX_IMAGE_SIDE || (double)*w * *h > MAX_IMAGE_PIXELS) {
        diag_error(l->d, at, "image '%s' is %d x %d pixels; the limit is %d px a side and %.0f megapixels",
                   url, *w, *h, MAX_IMAGE_SIDE, MAX_IMAGE_PIXELS / 1e6);
        return 0;
    }
    char damage[160];
    if (fmt == IMAGE_PNG && image_check_png(real, damage, sizeof damage) != 0) {
        diag_error(l->d, at, "cannot use image '%s': %s", url, damage);
        return 0;
    }
    if (!l->image_cache)
        return 1;
    int *size = arena_array(l->doc->arena, 2, sizeof *size);
    if (!size || strmap_put(l->image_cache, real, size) != 0) {
        diag_error(l->d, at, "out of memory");
        return 0;
    }
    size[0] = *w;
    size[1] = *h;
    return 1;
}

node *figure_make(loader *l, cmark_node *c)
{
    srcpos at = loader_pos(l, c);
    const char *url = cmark_node_get_url(c);
    char *real = input_resolve_path(l->root, l->path, url, PATH_PERCENT, "image", at, l->d);
    if (!real)
        return NULL;
    node *fig = NULL;
    char *alt = NULL;
    int w = 0, h = 0;
    if (!checked_image(l, real, url, at, &w, &h))
        goto done;
    alt = loader_plain_text(c);
    if (!alt) {
        diag_error(l->d, at, "out of memory");
        goto done;
    }
    if (input_is_blank(alt))
        diag_warning(l->d, at, "image has no alt text");
    fig = loader_node(l, N_FIGURE, at);
    if (!fig)
        goto done;
    fig->text = arena_strdup(l->doc->arena, real);
    fig->alt = arena_strdup(l->doc->arena, alt);
    fig->img_w = w;
    fig->img_h = h;
    if (!fig->text || !fig->alt) {
        diag_error(l->d, at, "out of memory");
        fig = NULL;
    }
done:
    free(real);
    free(alt);
    return fig;
}

cmark_node *figure_lone_image(cmark_node *para)
{
    cmark_node *image = NULL;
    for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            continue;
        if (t == CMARK_NODE_TEXT && input_is_blank(cmark_node_get_literal(c)))
            continue;
        if (image)
            return NULL;
        if (t == CMARK_NODE_LINK) {
            /* [![alt](pic.png)](url): a linked image alone is still a figure */
            cmark_node *inner = cmark_node_first_child(c);
            if (!inner || cmark_node_next(inner) || cmark_node_get_type(inner) != CMARK_NODE_IMAGE)
                return NULL;
            image = inner;
            continue;
        }
        if (t != CMARK_NODE_IMAGE)
            return NULL;
        image = c;
    }
    return image;
}

void figure_flush(loader *l)
{
    if (!l->pending_figures)
        return;
    node *f;
    while ((f = l->pending_figures->first)) {
        doc_remove(f);
        doc_append(l->parent, f);
    }
}
