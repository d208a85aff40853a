/* figure.c — images in a release: the path through the sandbox (paths.c),
 * the file's facts read once per document (image.c), alt text (empty: a
 * decorative image), and figures met inside running text moved after their
 * block. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "input-private.h"

/* Does the file name end in .ext (any case)? */
static int has_extension(const char *path, const char *ext)
{
    const char *dot = strrchr(path, '.');
    return dot && !strchr(dot, '/') && strcasecmp(dot + 1, ext) == 0;
}

/* The facts of an image file, read once per document and remembered in
 * l->image_cache; NULL after reporting why it cannot be used. */
static const image_info *checked_image(loader *l, const char *real, const char *url, srcpos at)
{
    image_info *known = l->image_cache ? strmap_get(l->image_cache, real) : NULL;
    if (known)
        return known;
    image_info facts;
    char why[256];
    if (input_read_image(real, &facts, why, sizeof why) != 0) {
        diag_error(l->d, at, "cannot use image '%s': %s", url, why);
        return NULL;
    }
    const char *is = facts.format == IMAGE_PNG ? "PNG" : "JPEG";
    if ((facts.format == IMAGE_JPEG && has_extension(real, "png"))
        || (facts.format == IMAGE_PNG && (has_extension(real, "jpg") || has_extension(real, "jpeg"))))
        diag_warning(l->d, at, "image '%s' holds %s data; it is used as the %s it is (rename the "
                     "file to match)", url, is, is);
    image_info *info = arena_alloc(l->doc->arena, sizeof *info);
    if (info) {
        *info = facts;
        info->path = arena_strdup(l->doc->arena, real);
        info->name = arena_strdup(l->doc->arena, url);
    }
    if (!info || !info->path || !info->name
        || (l->image_cache && strmap_put(l->image_cache, real, info) != 0)) {
        diag_error(l->d, at, "out of memory");
        return NULL;
    }
    return info;
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
    const image_info *image = checked_image(l, real, url, at);
    if (!image)
        goto done;
    alt = loader_plain_text(c);
    if (!alt) {
        diag_error(l->d, at, "out of memory");
        goto done;
    }
    fig = loader_node(l, N_FIGURE, at);
    if (!fig)
        goto done;
    fig->image = image;
    if (input_is_blank(alt)) {
        fig->flags |= NF_DECORATIVE;
        diag_warning(l->d, at, "image has no alt text, so it is drawn as decoration that screen "
                     "readers skip; describe it in ![...] if it carries information");
    }
    fig->alt = arena_strdup(l->doc->arena, input_is_blank(alt) ? "" : alt);
    if (!fig->alt) {
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
