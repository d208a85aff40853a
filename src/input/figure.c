/* figure.c — images in a release: the path through the sandbox (paths.c),
 * the file's facts read once per document (input_checked_image, image.c),
 * alt text (empty: a decorative image), and figures met inside running text
 * moved after their block. */
#include <stdlib.h>
#include <string.h>
#include "input-private.h"

node *figure_make(loader *l, cmark_node *c)
{
    srcpos at = loader_pos(l, c);
    const char *url = cmark_node_get_url(c);
    char *real = input_resolve_path(l->root, l->path, url, PATH_PERCENT, "image", at, l->d);
    if (!real)
        return NULL;
    node *fig = NULL;
    char *alt = NULL;
    const image_info *image = input_checked_image(l->doc, l->image_cache, real, url, "image",
                                                  0, at, l->d);
    if (!image || !source_of_image(l->doc, l->root, image, l->lang, l->d))
        goto done;
    alt = loader_plain_text(c);
    if (!alt) {
        diag_oom(l->d);
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
        diag_oom(l->d);
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
