/* paragraph.c — setting shaped text into lines. The shaped paragraph becomes
 * an explicit list of boxes (unbreakable text), glue (breakable word spaces)
 * and penalties (break opportunities with their class); lines are chosen
 * first-fit over that list (a total-fit pass can replace choose_lines alone),
 * then justified and cut into glyph runs in the caller's arena. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "text-private.h"

enum item_kind { IT_BOX, IT_GLUE, IT_PENALTY };

typedef struct para_item {
    enum item_kind kind;
    int brk;                 /* IT_PENALTY: BRK_* class */
    size_t a, b;             /* chars [a, b) (a penalty: b = a = the position) */
    double width;            /* points */
} para_item;

typedef struct line_span {
    size_t a, b;             /* chars [a, b) */
    size_t vis_end;          /* chars before this are visible (no trailing glue) */
    double width;            /* natural visible width */
    double indent, avail;
    int last, overfull;
} line_span;

typedef struct run_span {
    size_t a, b;             /* chars */
    size_t g0, g1;           /* glyphs */
} run_span;

static const double EPS = 1e-6;

static int oom(diag *d)
{
    srcpos nowhere = {0};
    diag_error(d, nowhere, "out of memory");
    return -1;
}

static int push_item(fontset *fs, size_t *n, enum item_kind kind, int brk, size_t a, size_t b)
{
    if (grow_array((void **)&fs->items, &fs->items_cap, *n + 1, sizeof(para_item)))
        return -1;
    para_item *it = &fs->items[(*n)++];
    it->kind = kind;
    it->brk = brk;
    it->a = a;
    it->b = b;
    it->width = fs->cumw[b] - fs->cumw[a];
    return 0;
}

/* A box for chars [a, b). One wider than `narrowest` (the narrowest line)
 * could only overflow: it is cut at every cluster boundary, with last-resort
 * penalties between the pieces (R7.2: a word longer than the measure breaks
 * at a grapheme boundary, without a hyphen). */
static int push_box(fontset *fs, size_t *n, size_t a, size_t b, double narrowest)
{
    if (fs->cumw[b] - fs->cumw[a] > narrowest) {
        for (size_t j = a + 1; j < b; j++) {
            if (!(fs->chars[j].flags & TC_CLUSTER) || !fs->chars[j].face)
                continue;
            if (push_item(fs, n, IT_BOX, 0, a, j) || push_item(fs, n, IT_PENALTY, BRK_EMERGENCY3, j, j))
                return -1;
            a = j;
        }
    }
    return push_item(fs, n, IT_BOX, 0, a, b);
}

/* Boxes, glue and penalties from the shaped chars and their break classes. */
static int build_items(fontset *fs, double narrowest, size_t *nitems)
{
    tchar *ch = fs->chars;
    size_t n = fs->nchars, k = 0, box = 0;
    for (size_t i = 0; i < n;) {
        if (ch[i].flags & TC_SPACE) {
            size_t e = i;
            while (e < n && (ch[e].flags & TC_SPACE))
                e++;
            if (e == n || (ch[e].flags & TC_HARD) || ch[e - 1].brk != BRK_NONE) {
                if (box < i && push_box(fs, &k, box, i, narrowest))
                    return -1;
                for (size_t j = i; j < e; j++)
                    ch[j].flags |= TC_GLUE;
                if (push_item(fs, &k, IT_GLUE, 0, i, e))
                    return -1;
                if (ch[e - 1].brk != BRK_NONE && push_item(fs, &k, IT_PENALTY, ch[e - 1].brk, e, e))
                    return -1;
                box = e;
            }
            i = e;
            continue;
        }
        if (ch[i].brk != BRK_NONE) {
            if (push_box(fs, &k, box, i + 1, narrowest) ||
                push_item(fs, &k, IT_PENALTY, ch[i].brk, i + 1, i + 1))
                return -1;
            box = i + 1;
        }
        i++;
    }
    if (box < n && push_box(fs, &k, box, n, narrowest))
        return -1;
    *nitems = k;
    return 0;
}

static int push_line(fontset *fs, size_t *nl, const line_span *l)
{
    if (grow_array((void **)&fs->spans, &fs->spans_cap, *nl + 1, sizeof(line_span)))
        return -1;
    fs->spans[(*nl)++] = *l;
    return 0;
}

/* First fit. Emergency penalties (R1.7) count only while the line holds no
 * normal break, i.e. when one word alone is wider than the line. */
static int choose_lines(fontset *fs, size_t nitems, const para_params *pp, size_t *nlines)
{
    const para_item *it = fs->items;
    size_t nl = 0, start = 0;
    while (start < nitems) {
        line_span l = {0};
        l.indent = nl == 0 ? pp->first_indent : pp->rest_indent;
        l.avail = pp->width - l.indent;
        double total = 0, visible = 0;
        size_t vis_end = it[start].a;
        long fit_allow = -1, fit_e1 = -1, fit_e2 = -1, fit_e3 = -1, first_any = -1;
        double w_allow = 0, w_e1 = 0, w_e2 = 0, w_e3 = 0, w_any = 0;
        size_t end_allow = 0, end_e1 = 0, end_e2 = 0, end_e3 = 0, end_any = 0;
        long brk_at = -1;
        double brk_w = 0;
        size_t brk_vis = 0;
        int overflow = 0;
        size_t i;
        for (i = start; i < nitems; i++) {
            if (it[i].kind == IT_BOX) {
                if (total + it[i].width > l.avail + EPS && !overflow) {
                    overflow = 1;
                    if (fit_allow >= 0 || fit_e1 >= 0 || fit_e2 >= 0 || fit_e3 >= 0)
                        break;
                }
                total += it[i].width;
                visible = total;
                vis_end = it[i].b;
            } else if (it[i].kind == IT_GLUE) {
                total += it[i].width;
            } else {
                if (it[i].brk == BRK_HARD) {
                    brk_at = (long)i, brk_w = visible, brk_vis = vis_end;
                    l.last = 1;
                    break;
                }
                if (overflow) {   /* nothing fitted: the first break of any class */
                    first_any = (long)i, w_any = visible, end_any = vis_end;
                    break;
                }
                if (it[i].brk == BRK_ALLOW)
                    fit_allow = (long)i, w_allow = visible, end_allow = vis_end;
                else if (fit_allow < 0 && it[i].brk == BRK_EMERGENCY1)
                    fit_e1 = (long)i, w_e1 = visible, end_e1 = vis_end;
                else if (fit_allow < 0 && it[i].brk == BRK_EMERGENCY2)
                    fit_e2 = (long)i, w_e2 = visible, end_e2 = vis_end;
                else if (fit_allow < 0 && it[i].brk == BRK_EMERGENCY3)
                    fit_e3 = (long)i, w_e3 = visible, end_e3 = vis_end;
            }
        }
        if (brk_at < 0) {
            if (i == nitems && !overflow) {
                brk_at = (long)nitems, brk_w = visible, brk_vis = vis_end;
                l.last = 1;
            } else if (fit_allow >= 0) {
                brk_at = fit_allow, brk_w = w_allow, brk_vis = end_allow;
            } else if (fit_e1 >= 0) {
                brk_at = fit_e1, brk_w = w_e1, brk_vis = end_e1;
            } else if (fit_e2 >= 0) {
                brk_at = fit_e2, brk_w = w_e2, brk_vis = end_e2;
            } else if (fit_e3 >= 0) {
                brk_at = fit_e3, brk_w = w_e3, brk_vis = end_e3;
            } else if (first_any >= 0) {
                brk_at = first_any, brk_w = w_any, brk_vis = end_any;
            } else {   /* overflowing to the end */
                brk_at = (long)nitems, brk_w = visible, brk_vis = vis_end;
                l.last = 1;
            }
        }
        l.a = it[start].a;
        l.b = (size_t)brk_at < nitems ? it[brk_at].a : fs->nchars;
        if (l.b < l.a)
            l.b = l.a;
        l.vis_end = brk_vis < l.a ? l.a : brk_vis;
        l.width = brk_w;
        l.overfull = brk_w > l.avail + 0.01;
        if (push_line(fs, &nl, &l))
            return -1;
        start = (size_t)brk_at + 1;
        if (l.last && (size_t)brk_at >= nitems)
            break;
    }
    *nlines = nl;
    return 0;
}

/* Justification: extra points per interior word-space glyph and per
 * Hangul–Hangul gap (R3.3: word spaces first, syllable gaps last). */
typedef struct stretch {
    double space, gap;
    double added;   /* total points added to the line */
} stretch;


/* Is there a stretchable Hangul–Hangul gap after char i (before vis_end)? */
static int syllable_gap_after(const tchar *ch, size_t i, size_t vis_end)
{
    return i + 1 < vis_end && is_hangul_syllable(ch[i].cp) && is_hangul_syllable(ch[i + 1].cp) &&
           (ch[i].flags & TC_CLUSTER) && (ch[i + 1].flags & TC_CLUSTER);
}

enum { SPACE_CAP_EM = 50, GAP_CAP_EM = 5 };   /* hundredths of an em per space / gap */

static stretch justify_line(const fontset *fs, const text_piece *pieces, const line_span *l)
{
    stretch s = {0, 0, 0};
    double need = l->avail - l->width;
    if (need <= EPS || l->last || l->overfull)
        return s;
    size_t spaces = 0, gaps = 0;
    double em = 0;
    for (size_t i = l->a; i < l->vis_end; i++) {
        const tchar *c = &fs->chars[i];
        if (!(c->flags & TC_CLUSTER))
            continue;
        double size = pieces[c->piece].size;
        if (em == 0 || size < em)
            em = size;
        if (c->flags & TC_GLUE)
            for (size_t g = c->glyph; g < fs->nglyphs && fs->glyphs[g].ch == i; g++)
                spaces++;
        gaps += syllable_gap_after(fs->chars, i, l->vis_end);
    }
    double space_cap = em * SPACE_CAP_EM / 100, gap_cap = em * GAP_CAP_EM / 100;
    if (spaces && need / (double)spaces <= space_cap) {
        s.space = need / (double)spaces;
    } else if (gaps && (need - space_cap * (double)spaces) / (double)gaps <= gap_cap) {
        s.space = spaces ? space_cap : 0;
        s.gap = (need - s.space * (double)spaces) / (double)gaps;
    } else if (gaps) {
        /* A loose line: syllable gaps stay at their cap, since a wider gap inside a
         * word reads as a word space to text extraction and screen readers; the rest
         * goes to the word spaces, and a line without any stays short. */
        s.gap = gap_cap;
        s.space = spaces ? (need - gap_cap * (double)gaps) / (double)spaces : 0;
    } else if (spaces) {
        s.space = need / (double)spaces;
    }
    s.added = s.space * (double)spaces + s.gap * (double)gaps;
    return s;
}

static int same_lang(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Do chars i and j (both with glyphs) belong in the same run? */
static int same_run(const tchar *ch, const text_piece *pieces, size_t i, size_t j)
{
    const text_piece *p = &pieces[ch[i].piece], *q = &pieces[ch[j].piece];
    return ch[i].face == ch[j].face &&
           (p == q || (p->size == q->size && p->rise == q->rise && p->color == q->color &&
                       p->deco == q->deco && p->tag == q->tag && same_lang(p->lang, q->lang)));
}

/* Cut line l into runs in arena a, stretched by extra. */
static int build_runs(fontset *fs, arena *ar, const text_piece *pieces, const line_span *l,
                      stretch extra, text_line *out)
{
    const tchar *ch = fs->chars;
    size_t nr = 0;
    for (size_t i = l->a; i < l->b; i++) {
        if (!(ch[i].flags & TC_CLUSTER) || (ch[i].flags & TC_HARD))
            continue;
        run_span *cur = nr ? &fs->runs[nr - 1] : NULL;
        if (cur && same_run(ch, pieces, fs->glyphs[cur->g0].ch, i))
            continue;
        if (cur)
            cur->b = i;
        if (grow_array((void **)&fs->runs, &fs->runs_cap, nr + 1, sizeof(run_span)))
            return -1;
        cur = &fs->runs[nr++];
        cur->a = nr == 1 ? l->a : i;
        cur->g0 = ch[i].glyph;
    }
    if (nr == 0)
        return 0;
    fs->runs[nr - 1].b = l->b;
    for (size_t r = 0; r + 1 < nr; r++)
        fs->runs[r].g1 = fs->runs[r + 1].g0;
    /* the last run's glyphs end with the last cluster before l->b */
    size_t g1 = fs->runs[nr - 1].g0;
    while (g1 < fs->nglyphs && fs->glyphs[g1].ch < l->b)
        g1++;
    fs->runs[nr - 1].g1 = g1;
    out->runs = arena_array(ar, nr, sizeof(glyph_run));
    if (!out->runs)
        return -1;
    out->nruns = (int)nr;
    double x = l->indent;
    for (size_t r = 0; r < nr; r++) {
        const run_span *rs = &fs->runs[r];
        glyph_run *g = &out->runs[r];
        const tchar *first = &ch[fs->glyphs[rs->g0].ch];
        const text_piece *pc = &pieces[first->piece];
        g->face = first->face;
        g->size = pc->size;
        g->rise = pc->rise;
        g->color = pc->color;
        g->deco = pc->deco;
        g->tag = pc->tag;
        g->lang = pc->lang;
        g->x = x;
        size_t tlen = 0;
        for (size_t i = rs->a; i < rs->b; i++)
            if (!(ch[i].flags & TC_HARD))
                tlen += ch[i].len;
        char *text = arena_alloc(ar, tlen + 1);
        size_t ng = rs->g1 - rs->g0;
        g->nglyphs = (int)ng;
        g->gids = arena_array(ar, ng, sizeof(uint32_t));
        g->advances = arena_array(ar, ng, sizeof(double));
        g->clusters = arena_array(ar, ng, sizeof(uint32_t));
        if (!text || !g->gids || !g->advances || !g->clusters)
            return -1;
        /* text, and each glyph's cluster as a byte offset into it */
        size_t o = 0, gi = rs->g0;
        for (size_t i = rs->a; i < rs->b; i++) {
            if (ch[i].flags & TC_HARD)
                continue;
            for (; gi < rs->g1 && fs->glyphs[gi].ch == i; gi++) {
                const tglyph *gl = &fs->glyphs[gi];
                double adv = gl->adv * pieces[ch[i].piece].size / ch[i].face->upem;
                if ((ch[i].flags & TC_GLUE) && i < l->vis_end)
                    adv += extra.space;
                else if (extra.gap > 0 && (gi + 1 >= fs->nglyphs || fs->glyphs[gi + 1].ch != i) &&
                         syllable_gap_after(ch, i, l->vis_end))
                    adv += extra.gap;
                g->gids[gi - rs->g0] = gl->gid;
                g->advances[gi - rs->g0] = adv;
                g->clusters[gi - rs->g0] = (uint32_t)o;
                g->width += adv;
            }
            memcpy(text + o, pieces[ch[i].piece].text + ch[i].off, ch[i].len);
            o += ch[i].len;
        }
        /* chars before the first glyph (not drawn) belong to its cluster */
        for (size_t k = 1; k < ng && g->clusters[k] == g->clusters[0]; k++)
            g->clusters[k] = 0;
        if (ng)
            g->clusters[0] = 0;
        g->text = text;
        g->text_len = o;
        x += g->width;
    }
    return 0;
}

/* Shape, find breaks, build items. Words wider than `narrowest` points get
 * last-resort breaks inside (HUGE_VAL: none, as for measuring). */
static int shape_and_break(fontset *fs, const text_piece *pieces, int npieces, int syllable,
                           double narrowest, size_t *nitems, diag *d)
{
    if (npieces < 0)
        npieces = 0;
    if (text_shape_pieces(fs, pieces, npieces, d))
        return -1;
    if (text_find_breaks(fs, syllable) || build_items(fs, narrowest, nitems))
        return oom(d);
    return 0;
}

int paragraph_set(fontset *fs, arena *a, const text_piece *pieces, int npieces,
                  const para_params *pp, text_line **lines, int *nlines, diag *d)
{
    size_t nitems, nl;
    *lines = NULL;
    *nlines = 0;
    double narrowest = pp->width - fmax(pp->first_indent, pp->rest_indent);
    if (!(narrowest > 1))
        narrowest = HUGE_VAL;   /* no room to speak of: splitting words would not help */
    if (shape_and_break(fs, pieces, npieces, pp->syllable_break, narrowest, &nitems, d))
        return -1;
    if (choose_lines(fs, nitems, pp, &nl))
        return oom(d);
    if (nl == 0)
        return 0;
    text_line *out = arena_array(a, nl, sizeof(text_line));
    if (!out)
        return oom(d);
    for (size_t k = 0; k < nl; k++) {
        const line_span *l = &fs->spans[k];
        stretch extra = {0, 0, 0};
        if (pp->justify)
            extra = justify_line(fs, pieces, l);
        if (build_runs(fs, a, pieces, l, extra, &out[k]))
            return oom(d);
        /* visible width: justified lines fill the measure, unless they have
         * no word space to take what the syllable gaps may not */
        out[k].width = l->width + extra.added;
        out[k].last = l->last;
        out[k].overfull = l->overfull;
        if (l->overfull) {
            srcpos at = l->a < fs->nchars ? pieces[fs->chars[l->a].piece].pos : pieces[0].pos;
            diag_warning(d, at, "overfull line (%.1f pt too wide)", l->width - l->avail);
        }
    }
    *lines = out;
    *nlines = (int)nl;
    return 0;
}

int paragraph_measure(fontset *fs, const text_piece *pieces, int npieces,
                      double *min_width, double *max_width, diag *d)
{
    size_t nitems;
    *min_width = *max_width = 0;
    if (shape_and_break(fs, pieces, npieces, 0, HUGE_VAL, &nitems, d))
        return -1;
    double word = 0, line = 0, pending_glue = 0;
    for (size_t i = 0; i < nitems; i++) {
        const para_item *it = &fs->items[i];
        if (it->kind == IT_BOX) {
            word += it->width;
            line += pending_glue + it->width;
            pending_glue = 0;
            if (word > *min_width)
                *min_width = word;
            if (line > *max_width)
                *max_width = line;
        } else if (it->kind == IT_GLUE) {
            pending_glue += it->width;
        } else if (it->brk == BRK_ALLOW || it->brk == BRK_HARD) {
            word = 0;
            if (it->brk == BRK_HARD)
                line = pending_glue = 0;
        }
    }
    return 0;
}
