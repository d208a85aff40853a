/* trees.c — number trees (the ParentTree) and name trees (the IDTree), ISO
 * 32000-1 7.9.6–7.9.7: one /Nums or /Names array while the entries fit a leaf,
 * else balanced /Kids of leaves with /Limits, so no array grows past what
 * libharu writes (32,767 entries) however long the document. */
#include <stdlib.h>

#include "pdf-private.h"

/* A key as a libharu object: the integer, or a new string. */
static void *tree_key(pdf_writer *w, const pdf_tree_entry *e)
{
    if (e->name)
        return HPDF_String_New(w->pdf->mmgr, e->name, NULL);
    return HPDF_Number_New(w->pdf->mmgr, e->num);
}

/* node's /Limits: the keys of first and last. */
static int add_limits(pdf_writer *w, HPDF_Dict node, const pdf_tree_entry *first,
                      const pdf_tree_entry *last)
{
    HPDF_Array lim;
    void *k;
    HPDF_TRYP(lim, HPDF_Array_New(w->pdf->mmgr));
    HPDF_TRY(HPDF_Dict_Add(node, "Limits", lim));
    HPDF_TRYP(k, tree_key(w, first));
    HPDF_TRY(HPDF_Array_Add(lim, k));
    HPDF_TRYP(k, tree_key(w, last));
    HPDF_TRY(HPDF_Array_Add(lim, k));
    return 0;
}

/* /Nums or /Names of node: the n entries from e (for a leaf, its /Limits after). */
static int add_entries(pdf_writer *w, HPDF_Dict node, const pdf_tree_entry *e, size_t n,
                       int limits)
{
    if (!e->value)   /* the ParentTree's: written from the marks */
        return se_parent_leaf(w, node, e, n, limits);
    HPDF_Array arr;
    HPDF_TRYP(arr, HPDF_Array_New(w->pdf->mmgr));
    HPDF_TRY(HPDF_Dict_Add(node, e->name ? "Names" : "Nums", arr));
    for (size_t i = 0; i < n; i++) {
        void *k;
        HPDF_TRYP(k, tree_key(w, &e[i]));
        HPDF_TRY(HPDF_Array_Add(arr, k));
        HPDF_TRY(HPDF_Array_Add(arr, e[i].value));
    }
    return limits ? add_limits(w, node, &e[0], &e[n - 1]) : 0;
}

/* An indirect tree node; the first and last entries it covers are recorded. */
typedef struct tree_node {
    HPDF_Dict dict;
    size_t first, last;
} tree_node;

static int new_node(pdf_writer *w, tree_node *t, size_t first, size_t last)
{
    HPDF_TRYP(t->dict, HPDF_Dict_New(w->pdf->mmgr));
    HPDF_TRY(HPDF_Xref_Add(w->pdf->xref, t->dict));
    t->first = first;
    t->last = last;
    return 0;
}

int pdfw_tree(pdf_writer *w, HPDF_Dict root, const pdf_tree_entry *e, size_t n)
{
    if (n <= PDF_TREE_LEAF)
        return n ? add_entries(w, root, e, n, 0) : 0;
    size_t count = (n + PDF_TREE_LEAF - 1) / PDF_TREE_LEAF;
    tree_node *level = calloc(count, sizeof *level);
    if (!level)
        return -1;
    int rc = -1;
    for (size_t i = 0; i < count; i++) {   /* the leaves */
        size_t from = i * PDF_TREE_LEAF, k = n - from < PDF_TREE_LEAF ? n - from : PDF_TREE_LEAF;
        if (new_node(w, &level[i], from, from + k - 1) < 0
            || add_entries(w, level[i].dict, e + from, k, 1) < 0)
            goto out;
    }
    while (count > PDF_TREE_LEAF) {   /* intermediate levels, in place */
        size_t up = (count + PDF_TREE_LEAF - 1) / PDF_TREE_LEAF;
        for (size_t i = 0; i < up; i++) {
            size_t from = i * PDF_TREE_LEAF;
            size_t k = count - from < PDF_TREE_LEAF ? count - from : PDF_TREE_LEAF;
            tree_node parent;
            HPDF_Array kids;
            if (new_node(w, &parent, level[from].first, level[from + k - 1].last) < 0
                || !(kids = HPDF_Array_New(w->pdf->mmgr))
                || HPDF_Dict_Add(parent.dict, "Kids", kids) != HPDF_OK
                || add_limits(w, parent.dict, &e[parent.first], &e[parent.last]) < 0)
                goto out;
            for (size_t j = 0; j < k; j++)
                if (HPDF_Array_Add(kids, level[from + j].dict) != HPDF_OK)
                    goto out;
            level[i] = parent;
        }
        count = up;
    }
    HPDF_Array kids;   /* the root: /Kids only, no /Limits */
    if (!(kids = HPDF_Array_New(w->pdf->mmgr)) || HPDF_Dict_Add(root, "Kids", kids) != HPDF_OK)
        goto out;
    for (size_t i = 0; i < count; i++)
        if (HPDF_Array_Add(kids, level[i].dict) != HPDF_OK)
            goto out;
    rc = 0;
out:
    free(level);
    return rc;
}
