/* table.c — tables as a simple grid: column widths from each cell's min and
 * max widths fitted into the column, cell text wrapped and aligned, the header
 * row bold, thin rules as artifacts. Each row is one slice, so a page break
 * falls only between rows; a row taller than a page is cut into bands of
 * lines. Body rows name the header row's slices, which the paginator repeats
 * (as an artifact) at the top of each page the table continues on. */
#include <stdlib.h>
#include "layout-private.h"

typedef struct cell_info {
    const node *cell;
    size_t first, npieces;   /* range in the table's piece list */
    double min, max;
    text_line *lines;
    int nlines;
} cell_info;

typedef struct row_info {
    const node *tr;
    int header;
    size_t first_cell;
    int ncells;
} row_info;

typedef struct table_work {
    row_info *rows;
    size_t nrows, rows_cap;
    cell_info *cells;
    size_t ncells, cells_cap;
    piece_vec pieces;
    double *colmin, *colmax, *colw, *colx;
} table_work;

static void table_work_free(table_work *t)
{
    free(t->rows);
    free(t->cells);
    free(t->pieces.v);
    free(t->colmin);
    free(t->colmax);
    free(t->colw);
    free(t->colx);
}

static int add_row(diag *d, table_work *t, const node *tr, int header)
{
    if (grow_array((void **)&t->rows, &t->rows_cap, t->nrows + 1, sizeof *t->rows))
        return diag_oom(d);
    row_info *r = &t->rows[t->nrows++];
    *r = (row_info){.tr = tr, .header = header || (tr->flags & NF_HEADER_ROW),
                    .first_cell = t->ncells};
    for (const node *c = tr->first; c; c = c->next) {
        if (c->kind != N_TD && c->kind != N_TH)
            continue;
        if (grow_array((void **)&t->cells, &t->cells_cap, t->ncells + 1, sizeof *t->cells))
            return diag_oom(d);
        t->cells[t->ncells++] = (cell_info){.cell = c};
        r->ncells++;
    }
    return 0;
}

/* Column widths: natural widths when they fit (spread to the full column),
 * else shrink towards the minimum widths, else scale the minimums. */
static void fit_columns(table_work *t, int ncols, double width)
{
    double summin = 0, summax = 0;
    for (int c = 0; c < ncols; c++) {
        summin += t->colmin[c];
        summax += t->colmax[c];
    }
    for (int c = 0; c < ncols; c++) {
        if (summax <= width)
            t->colw[c] = t->colmax[c] + (width - summax) * t->colmax[c] / summax;
        else if (summin <= width && summax > summin)
            t->colw[c] = t->colmin[c] + (t->colmax[c] - t->colmin[c]) * (width - summin) /
                                            (summax - summin);
        else
            t->colw[c] = t->colmin[c] * width / summin;
    }
}

static int rule_item(slice_list *S, double x, double y, double w, double h, double lw)
{
    item *it = lay_item(S);
    if (!it)
        return -1;
    *it = (item){.kind = ITEM_RULE, .artifact = ART_LAYOUT, .x = x, .y = y, .w = w, .h = h,
                 .line_width = lw, .color = S->st->rule_color};
    return 0;
}

static int emit_row(flow *F, table_work *t, const row_info *r, int ncols, const env *te,
                    const env *e, double pad)
{
    slice_list *S = F->out;
    const style *st = F->set->st;
    double pitch = te->size * te->leading, base = lay_baseline(st, pitch, te->size);
    double frame_h = F->frame_h;
    int per_band = (int)((frame_h - 2 * pad) / pitch);
    if (per_band < 1)
        per_band = 1;
    int maxlines = 1;
    for (int k = 0; k < r->ncells; k++)
        if (t->cells[r->first_cell + k].nlines > maxlines)
            maxlines = t->cells[r->first_cell + k].nlines;
    double table_w = t->colx[ncols] - t->colx[0];
    for (int band = 0; band * per_band < maxlines; band++) {
        int from = band * per_band;
        int nl = maxlines - from < per_band ? maxlines - from : per_band;
        double h = nl * pitch + 2 * pad;
        slice *s = lay_slice(S, e, h);
        if (!s)
            return -1;
        s->keep_with_next = r->header && from + nl >= maxlines;
        if (rule_item(S, t->colx[0], 0, table_w, 0, st->table_rule) ||
            rule_item(S, t->colx[0], -h, table_w, 0, r->header ? st->table_header_rule : st->table_rule))
            return -1;
        for (int c = 0; c <= ncols; c++)
            if (rule_item(S, t->colx[c], -h, 0, h, st->table_rule))
                return -1;
        for (int k = 0; k < r->ncells && k < ncols; k++) {
            const cell_info *ci = &t->cells[r->first_cell + k];
            double avail = t->colw[k] - 2 * pad;
            for (int i = from; i < from + nl && i < ci->nlines; i++) {
                const text_line *ln = &ci->lines[i];
                double dx = 0;
                if (ln->width < avail) {
                    if (ci->cell->align == ALIGN_RIGHT)
                        dx = avail - ln->width;
                    else if (ci->cell->align == ALIGN_CENTER)
                        dx = (avail - ln->width) / 2;
                }
                double y = -(pad + (i - from) * pitch + base);
                if (lay_line_items(F, ln, t->colx[k] + pad + dx, y))
                    return -1;
            }
        }
    }
    return 0;
}

int lay_table(flow *F, const node *table, const env *e)
{
    setter *S = F->set;
    const style *st = S->st;
    table_work t = {0};
    int rc = -1;
    for (const node *c = table->first; c; c = c->next) {
        if (c->kind == N_TR) {
            if (add_row(S->d, &t, c, 0))
                goto done;
        } else if (doc_is_element(c->kind)) {
            for (const node *r = c->first; r; r = r->next)
                if (r->kind == N_TR && add_row(S->d, &t, r, c->kind == N_THEAD))
                    goto done;
        }
    }
    int ncols = 0;
    for (size_t r = 0; r < t.nrows; r++)
        if (t.rows[r].ncells > ncols)
            ncols = t.rows[r].ncells;
    if (!ncols) {
        rc = 0; /* an empty table: nothing to draw */
        goto done;
    }
    env te = *e;
    te.size = st->table_size > 0 ? st->table_size : e->size;
    te.leading = st->table_leading;
    te.justify = 0;
    const double pad = st->cell_padding;
    t.colmin = calloc((size_t)ncols, sizeof *t.colmin);
    t.colmax = calloc((size_t)ncols, sizeof *t.colmax);
    t.colw = calloc((size_t)ncols, sizeof *t.colw);
    t.colx = calloc((size_t)ncols + 1, sizeof *t.colx);
    if (!t.colmin || !t.colmax || !t.colw || !t.colx) {
        diag_oom(S->d);
        goto done;
    }
    for (int c = 0; c < ncols; c++)
        t.colmin[c] = t.colmax[c] = 2 * pad + te.size;
    for (size_t r = 0; r < t.nrows; r++) {
        for (int k = 0; k < t.rows[r].ncells; k++) {
            cell_info *ci = &t.cells[t.rows[r].first_cell + k];
            env ce = te;
            ce.bold = t.rows[r].header || ci->cell->kind == N_TH;
            ci->first = t.pieces.n;
            if (lay_inline(S, ci->cell, &ce, &t.pieces))
                goto done;
            ci->npieces = t.pieces.n - ci->first;
            if (ci->npieces &&
                paragraph_measure(S->ts, t.pieces.v + ci->first, (int)ci->npieces, &ci->min,
                                  &ci->max, S->d))
                goto done;
            if (ci->min + 2 * pad > t.colmin[k])
                t.colmin[k] = ci->min + 2 * pad;
            if (ci->max + 2 * pad > t.colmax[k])
                t.colmax[k] = ci->max + 2 * pad;
        }
    }
    fit_columns(&t, ncols, e->width);
    t.colx[0] = e->left;
    for (int c = 0; c < ncols; c++)
        t.colx[c + 1] = t.colx[c] + t.colw[c];
    for (size_t r = 0; r < t.nrows; r++)
        for (int k = 0; k < t.rows[r].ncells; k++) {
            cell_info *ci = &t.cells[t.rows[r].first_cell + k];
            if (lay_set(S, t.pieces.v + ci->first, ci->npieces, t.colw[k] - 2 * pad, 0, 0, 0,
                        &ci->lines, &ci->nlines))
                goto done;
        }
    lay_want_space(F->out, e->para_space);
    size_t head_first = 0, head_n = 0;   /* the header row's slices */
    for (size_t r = 0; r < t.nrows; r++) {
        slice_list *out = F->out;
        size_t first = out->n;
        if (emit_row(F, &t, &t.rows[r], ncols, &te, e, pad))
            goto done;
        if (t.rows[r].header && !head_n) {
            head_first = first;
            head_n = out->n - first;
        } else if (head_n) {
            for (size_t k = first; k < out->n; k++) {
                out->v[k].repeat_first = head_first;
                out->v[k].repeat_n = head_n;
            }
        }
    }
    lay_want_space(F->out, e->para_space);
    rc = 0;
done:
    table_work_free(&t);
    return rc;
}
