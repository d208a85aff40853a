/* trees.c — number trees (the ParentTree) and name trees (the IDTree), ISO
 * 32000-1 7.9.6–7.9.7: one /Nums or /Names array while the entries fit a leaf,
 * else balanced /Kids of leaves with /Limits, so no array grows past what
 * libharu writes (32,767 entries) however long the document. */
#include <stdlib.h>

#include "pdf-private.h"

/* A key as an object: the integer, or a new string. */
static pdf_obj *tree_key(pdf_objs *o, const pdf_tree_entry *e)
{
    if (e->name)
        return obj_string(o, e->name);
    return obj_int(o, e->num);
}

/* node's /Limits: the keys of first and last. */
static int add_limits(pdf_objs *o, pdf_obj *node, const pdf_tree_entry *first,
                      const pdf_tree_entry *last)
{
    pdf_obj *lim;
    TRYP(lim, obj_array(o));
    TRY(obj_put(node, "Limits", lim));
    TRY(obj_push(lim, tree_key(o, first)));
    return obj_push(lim, tree_key(o, last));
}

/* /Nums or /Names of node: the n entries from e (for a leaf, its /Limits after). */
static int add_entries(pdf_objs *o, struct_records *se, pdf_obj *node, const pdf_tree_entry *e,
                       size_t n, int limits)
{
    if (!e->value)   /* the ParentTree's: written from the records */
        return se_parent_leaf(se, node, e, n, limits);
    pdf_obj *arr;
    TRYP(arr, obj_array(o));
    TRY(obj_put(node, e->name ? "Names" : "Nums", arr));
    for (size_t i = 0; i < n; i++) {
        TRY(obj_push(arr, tree_key(o, &e[i])));
        TRY(obj_push(arr, e[i].value));
    }
    return limits ? add_limits(o, node, &e[0], &e[n - 1]) : 0;
}

/* An indirect tree node; the first and last entries it covers are recorded. */
typedef struct tree_node {
    pdf_obj *dict;
    size_t first, last;
} tree_node;

static int new_node(pdf_objs *o, tree_node *t, size_t first, size_t last)
{
    TRYP(t->dict, obj_dict(o));
    TRY(obj_indirect(o, t->dict));
    t->first = first;
    t->last = last;
    return 0;
}

int pdfw_tree(pdf_objs *o, struct_records *se, pdf_obj *root, const pdf_tree_entry *e, size_t n)
{
    if (n <= PDF_TREE_LEAF)
        return n ? add_entries(o, se, root, e, n, 0) : 0;
    size_t count = (n + PDF_TREE_LEAF - 1) / PDF_TREE_LEAF;
    tree_node *level = calloc(count, sizeof *level);
    if (!level)
        return objs_oom(o);
    int rc = -1;
    for (size_t i = 0; i < count; i++) {   /* the leaves */
        size_t from = i * PDF_TREE_LEAF, k = n - from < PDF_TREE_LEAF ? n - from : PDF_TREE_LEAF;
        if (new_node(o, &level[i], from, from + k - 1) < 0
            || add_entries(o, se, level[i].dict, e + from, k, 1) < 0)
            goto out;
    }
    while (count > PDF_TREE_LEAF) {   /* intermediate levels, in place */
        size_t up = (count + PDF_TREE_LEAF - 1) / PDF_TREE_LEAF;
        for (size_t i = 0; i < up; i++) {
            size_t from = i * PDF_TREE_LEAF;
            size_t k = count - from < PDF_TREE_LEAF ? count - from : PDF_TREE_LEAF;
            tree_node parent;
            pdf_obj *kids;
            if (new_node(o, &parent, level[from].first, level[from + k - 1].last) < 0
                || !(kids = obj_array(o)) || obj_put(parent.dict, "Kids", kids) < 0
                || add_limits(o, parent.dict, &e[parent.first], &e[parent.last]) < 0)
                goto out;
            for (size_t j = 0; j < k; j++)
                if (obj_push(kids, level[from + j].dict) < 0)
                    goto out;
            level[i] = parent;
        }
        count = up;
    }
    pdf_obj *kids;   /* the root: /Kids only, no /Limits */
    if (!(kids = obj_array(o)) || obj_put(root, "Kids", kids) < 0)
        goto out;
    for (size_t i = 0; i < count; i++)
        if (obj_push(kids, level[i].dict) < 0)
            goto out;
    rc = 0;
out:
    free(level);
    return rc;
}
