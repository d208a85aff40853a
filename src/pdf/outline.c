/* outline.c — the outline (bookmarks): one entry per heading, nested by
 * level, pointing at the heading's place, the top level open (a bulletin
 * shows its releases, a volume its weeks). Entries are written by us from
 * compact records, in the form libharu writes its own outline items (/Title
 * /Type /Prev /Parent /Dest /First /Last /Next /Count), with the destination
 * inline: a volume has an entry for every heading of every release. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

typedef struct outline_item {
    const obj_hook *hook;     /* first: the outline's */
    pdf_obj *dict;
    struct outline_item *parent, *first, *last, *prev, *next;
    char *title;              /* "/Title ...", as written; NULL: the outline's root */
    int page;
    double y;
    int opened;
} outline_item;

/* Entries shown below it when the outline opens (libharu's count). */
static long visible(const outline_item *o)
{
    long n = 0;
    for (const outline_item *c = o->first; c; c = c->next)
        n += 1 + (c->opened ? visible(c) : 0);
    return n;
}

static int put_link(pdf_out *out, const char *key, const outline_item *o)
{
    if (!o)
        return 0;
    if (out_str(out, key) < 0 || out_ref(out, o->dict) < 0)
        return -1;
    return out_str(out, "\012");
}

static int write_item(void *ctx, const void *rec, pdf_out *out)
{
    const pdf_pages *pages = ctx;
    const outline_item *o = rec;
    if (o->title && out_str(out, o->title) < 0)
        return -1;
    if (out_str(out, "/Type /Outlines\012") < 0)
        return -1;
    if (o->title && (put_link(out, "/Prev ", o->prev) < 0 || put_link(out, "/Parent ", o->parent) < 0
                     || out_str(out, "/Dest ") < 0 || pages_put_dest(pages, out, o->page, o->y) < 0
                     || out_str(out, "\012") < 0))
        return -1;
    if (put_link(out, "/First ", o->first) < 0 || put_link(out, "/Last ", o->last) < 0
        || put_link(out, "/Next ", o->next) < 0)
        return -1;
    long n = visible(o);
    if (!n)
        return 0;
    if (out_str(out, "/Count ") < 0 || out_int(out, (int)(o->opened ? n : -n)) < 0)
        return -1;
    return out_str(out, "\012");
}

/* Making the outline: its items' records and their hook. */
typedef struct outline {
    pdf_objs *objs;
    arena *records;
    const obj_hook *hook;
} outline;

static outline_item *new_item(const outline *ol, outline_item *parent)
{
    outline_item *o = arena_alloc(ol->records, sizeof *o);
    if (!o) {
        objs_oom(ol->objs);
        return NULL;
    }
    o->hook = ol->hook;
    if (!(o->dict = obj_custom(ol->objs, &o->hook)))
        return NULL;
    if (parent) {
        o->parent = parent;
        o->prev = parent->last;
        if (parent->last)
            parent->last->next = o;
        else
            parent->first = o;
        parent->last = o;
    }
    return o;
}

int outline_write(pdf_objs *objs, arena *records, const pdf_pages *pages, const document *doc,
                  const display *dl)
{
    obj_hook *hook = arena_alloc(records, sizeof *hook);   /* lives as long as the items */
    if (!hook)
        return objs_oom(objs);
    *hook = (obj_hook){write_item, (void *)pages};
    outline ol = {objs, records, hook};
    outline_item *root = NULL, *stack[7] = {0};   /* stack[l]: the last entry of level l */
    int entering = 1;
    for (const node *c = doc->root; c; c = doc_next(doc->root, c, &entering)) {
        if (!entering || c->kind != N_H)
            continue;
        const anchor *a = layout_anchor(dl, c);
        if (!a || a->page < 0 || a->page >= dl->npages)
            continue;
        if (!root) {
            if (!(root = new_item(&ol, NULL)) || obj_put(objs_catalog(objs), "Outlines", root->dict) < 0)
                return -1;
            root->opened = 1;
        }
        int level = doc_heading_level(c->level);
        outline_item *parent = NULL;
        for (int l = level - 1; l >= 1 && !parent; l--)
            parent = stack[l];
        outline_item *o = new_item(&ol, parent ? parent : root);
        if (!o)
            return -1;
        for (int l = level; l <= 6; l++)
            stack[l] = NULL;
        stack[level] = o;
        char *title = pdfw_node_text(c);
        if (!title)
            return objs_oom(objs);
        pdf_obj *t = obj_dict(objs);
        int rc = obj_put(t, "Title", pdfw_text_string(objs, *title ? title : "Untitled"));
        free(title);
        if (rc < 0) {
            obj_free(objs, t);
            return -1;
        }
        if (obj_entries(objs, t, records, &o->title) < 0)
            return -1;
        o->page = a->page;
        o->y = isfinite(a->y) ? a->y : 0;
        o->opened = level == 1;
    }
    if (root)
        TRY(obj_put_name(objs_catalog(objs), "PageMode", "UseOutlines"));
    return 0;
}
