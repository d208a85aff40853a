/* paragraph.c — the typesetter, and the setting of shaped text into lines.
 * The typesetter owns its parts (text-private.h) and hands each step only
 * the part it works on. The shaped paragraph becomes
 * an explicit list of boxes (unbreakable text), glue (breakable word spaces)
 * and penalties (break opportunities with their class); linebreak.c chooses
 * the lines over that list; the lines are then justified and cut into glyph
 * runs in the caller's arena, with the hyphen drawn at a hyphenated break. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "text-private.h"

struct run_span {
    size_t a, b;             /* chars */
    size_t g0, g1;           /* glyphs */
};

/* ---- the typesetter ------------------------------------------------------ */

typesetter *typesetter_new(diag *d)
{
    typesetter *ts = calloc(1, sizeof *ts);
    if (!ts) {
        diag_oom(d);
        return NULL;
    }
    if (shaper_init(&ts->shaper, d)) {
        typesetter_free(ts);
        return NULL;
    }
    return ts;
}

static void paragraph_free(paragraph *p)
{
    free(p->t.chars);
    free(p->t.glyphs);
    free(p->t.cumw);
    uax14_scratch_free(&p->uax14);
    free(p->items);
    free(p->hang);
    free(p->runs);
    free(p->cumspace);
    free(p->cumgap);
    free(p->spans);
    free(p->spans_ff);
    free(p->nodes);
}

void typesetter_free(typesetter *ts)
{
    if (!ts)
        return;
    shaper_free(&ts->shaper);
    hyphenator_free(&ts->hyph);
    paragraph_free(&ts->para);
    free(ts);
}

void typesetter_cache_stats(const typesetter *ts, size_t *cache_hits, size_t *cache_misses)
{
    if (cache_hits)
        *cache_hits = ts->shaper.cache.hits;
    if (cache_misses)
        *cache_misses = ts->shaper.cache.misses;
}

void typesetter_watch(typesetter *ts, break_stats *into)
{
    ts->watch = into;
}

/* ---- items -------------------------------------------------------------- */

/* Width in points of the hyphen drawn at a break after char i: the face and
 * size of the last drawn char up to i. 0 when that face has no hyphen. */
static double hyphen_width(const para_text *t, const text_piece *pieces, size_t i)
{
    const tchar *ch = t->chars;
    while (i > 0 && !ch[i].face)
        i--;
    uint32_t gid;
    int32_t adv;
    if (!ch[i].face || text_hyphen_glyph(ch[i].face, &gid, &adv))
        return 0;
    return adv * pieces[ch[i].piece].size / ch[i].face->upem;
}

static int push_item(paragraph *p, size_t *n, enum para_item_kind kind, int brk, size_t a,
                     size_t b)
{
    if (grow_array((void **)&p->items, &p->items_cap, *n + 1, sizeof(para_item)))
        return -1;
    para_item *it = &p->items[(*n)++];
    it->kind = kind;
    it->brk = brk;
    it->a = a;
    it->b = b;
    it->width = p->t.cumw[b] - p->t.cumw[a];
    return 0;
}

/* R1.7's last-resort breaks (BRK_EMERGENCY1/2) stay only inside a word wider
 * than the narrowest line; anywhere else a Korean word is never broken. A word
 * wider than that line could only overflow: it also gets R7.2's last resort
 * at every cluster boundary (BRK_EMERGENCY3: a word longer than the measure
 * breaks at a grapheme boundary, without a hyphen). A word here runs between
 * allowed and hard breaks (spaces that may not break, as in 42억 원, and
 * hyphenation points do not end it). */
static void mark_last_resorts(para_text *t, double narrowest)
{
    tchar *ch = t->chars;
    size_t n = t->nchars, s = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && ch[i].brk != BRK_ALLOW && ch[i].brk != BRK_HARD)
            continue;
        size_t e = i + 1;
        while (e > s && (ch[e - 1].flags & TC_SPACE))
            e--;   /* the spaces it may break at are not the word's */
        int wide = t->cumw[e] - t->cumw[s] > narrowest;
        for (size_t j = s; j < e; j++) {
            if (!wide && (ch[j].brk == BRK_EMERGENCY1 || ch[j].brk == BRK_EMERGENCY2))
                ch[j].brk = BRK_NONE;
            else if (wide && j + 1 < e && ch[j].brk == BRK_NONE && (ch[j + 1].flags & TC_CLUSTER) &&
                     ch[j + 1].face && !(ch[j].flags & TC_MARKER))   /* R4.3 even here */
                ch[j].brk = BRK_EMERGENCY3;
        }
        s = i + 1;
    }
}

/* A penalty at position `at` (after char at - 1); breaks drawn with a hyphen
 * carry its width. */
static int push_penalty(paragraph *p, const text_piece *pieces, size_t *n, int brk, size_t at)
{
    if (push_item(p, n, PI_PENALTY, brk, at, at))
        return -1;
    if (brk_drawn_hyphen(brk))
        p->items[*n - 1].width = hyphen_width(&p->t, pieces, at - 1);
    return 0;
}

int text_build_items(paragraph *p, const text_piece *pieces, double narrowest, size_t *nitems)
{
    tchar *ch = p->t.chars;
    size_t n = p->t.nchars, k = 0, box = 0;
    mark_last_resorts(&p->t, narrowest);
    for (size_t i = 0; i < n;) {
        if (ch[i].flags & TC_SPACE) {
            size_t e = i;
            while (e < n && (ch[e].flags & TC_SPACE))
                e++;
            if (e == n || (ch[e].flags & TC_HARD) || ch[e - 1].brk != BRK_NONE) {
                if (box < i && push_item(p, &k, PI_BOX, 0, box, i))
                    return -1;
                for (size_t j = i; j < e; j++)
                    ch[j].flags |= TC_GLUE;
                if (push_item(p, &k, PI_GLUE, 0, i, e))
                    return -1;
                if (ch[e - 1].brk != BRK_NONE && push_penalty(p, pieces, &k, ch[e - 1].brk, e))
                    return -1;
                box = e;
            }
            i = e;
            continue;
        }
        if (ch[i].brk != BRK_NONE) {
            if (push_item(p, &k, PI_BOX, 0, box, i + 1) || push_penalty(p, pieces, &k, ch[i].brk, i + 1))
                return -1;
            box = i + 1;
        }
        i++;
    }
    if (box < n && push_item(p, &k, PI_BOX, 0, box, n))
        return -1;
    *nitems = k;
    return 0;
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

/* Append the hyphen of a hyphenated line to its last run g (room for it was made). */
static void add_hyphen(glyph_run *g, int at)
{
    uint32_t gid;
    int32_t adv;
    if (text_hyphen_glyph(g->face, &gid, &adv))
        return;   /* the breakers only hyphenate where the face has a hyphen */
    double w = adv * g->size / g->face->upem * g->hscale;
    g->gids[at] = gid;
    g->advances[at] = w;
    g->clusters[at] = (uint32_t)g->text_len;   /* an empty cluster: no text */
    g->nglyphs = at + 1;
    g->width += w;
    g->hyphen = 1;
}

/* Glyph k of run g (of `room` glyphs) is drawn offset by gl's dx, dy: the
 * run's offsets, made when its first offset glyph comes (a run without one
 * has none). 0, or -1 out of memory. */
static int set_offset(glyph_run *g, arena *ar, size_t room, size_t k, const tglyph *gl, int upem)
{
    if (!g->offsets && !(g->offsets = arena_array(ar, room, sizeof(glyph_offset))))
        return -1;
    double em = g->size / upem;
    g->offsets[k] = (glyph_offset){gl->dx * em * g->hscale, gl->dy * em};
    return 0;
}

/* The space glyph a line ended by a hard break ends with, in the face of
 * the line's last run: 0 when it has none, or the line has no hard break. */
static uint32_t break_space_glyph(const para_text *t, const line_span *l, const face *last)
{
    hb_codepoint_t gid;
    if (l->b == 0 || !(t->chars[l->b - 1].flags & TC_HARD) || !last ||
        !hb_font_get_nominal_glyph(last->hb_font, ' ', &gid))
        return 0;
    return gid;
}

/* A hard break reads as a space: the line it ends ends in a space glyph of
 * its last run's face (glyph gid), drawn where the line's text ends, of no
 * width, standing for a " " added to the run's text (text has room for it)
 * — as a word space at the end of a line already does, the next line's text
 * is then read as a word of its own. */
static void add_break_space(glyph_run *g, char *text, int at, uint32_t gid)
{
    g->gids[at] = gid;
    g->advances[at] = 0;
    g->clusters[at] = (uint32_t)g->text_len;
    text[g->text_len++] = ' ';
    text[g->text_len] = 0;
    g->nglyphs = at + 1;
}

/* A word broken with an inserted hyphen: chars [from, to), broken at `at`.
 * The word is what surrounds the break without a space, in one piece, up to
 * TEXT_WORD_MAX chars either side (a run of soft hyphens megabytes long is
 * not a word, and each line it ends would copy it whole). */
enum { TEXT_WORD_MAX = 256 };
typedef struct broken_word {
    size_t from, at, to;
} broken_word;

static broken_word word_around(const para_text *t, size_t at)
{
    const tchar *ch = t->chars;
    size_t n = t->nchars, a = at, b = at;
    int piece = ch[at > 0 ? at - 1 : 0].piece;
    while (a > 0 && at - a < TEXT_WORD_MAX && !(ch[a - 1].flags & (TC_SPACE | TC_HARD)) &&
           ch[a - 1].piece == piece)
        a--;
    while (b < n && b - at < TEXT_WORD_MAX && !(ch[b].flags & (TC_SPACE | TC_HARD)) &&
           ch[b].piece == piece)
        b++;
    return (broken_word){a, at, b};
}

/* The text of chars [a, b) in arena ar, NUL-terminated; NULL on OOM. */
static char *chars_text(const para_text *t, const text_piece *pieces, arena *ar, size_t a,
                        size_t b)
{
    const tchar *ch = t->chars;
    size_t len = 0;
    for (size_t i = a; i < b; i++)
        len += ch[i].len;
    char *s = arena_alloc(ar, len + 1);
    for (size_t i = a, o = 0; s && i < b; o += ch[i++].len)
        memcpy(s + o, pieces[ch[i].piece].text + ch[i].off, ch[i].len);
    return s;
}

/* Cut line l into runs in arena a, justified by extra. ends: the word broken
 * with a hyphen at the end of this line; starts: at the end of the line before. */
static int build_runs(paragraph *p, arena *ar, const text_piece *pieces, const line_span *l,
                      stretch extra, const broken_word *ends, const broken_word *starts,
                      text_line *out)
{
    const para_text *t = &p->t;
    const tchar *ch = t->chars;
    size_t nr = 0;
    for (size_t i = l->a; i < l->b; i++) {
        if (!(ch[i].flags & TC_CLUSTER) || (ch[i].flags & TC_HARD))
            continue;
        run_span *cur = nr ? &p->runs[nr - 1] : NULL;
        if (cur && same_run(ch, pieces, t->glyphs[cur->g0].ch, i))
            continue;
        if (cur)
            cur->b = i;
        if (grow_array((void **)&p->runs, &p->runs_cap, nr + 1, sizeof(run_span)))
            return -1;
        cur = &p->runs[nr++];
        cur->a = nr == 1 ? l->a : i;
        cur->g0 = ch[i].glyph;
    }
    if (nr == 0)
        return 0;
    p->runs[nr - 1].b = l->b;
    for (size_t r = 0; r + 1 < nr; r++)
        p->runs[r].g1 = p->runs[r + 1].g0;
    /* the last run's glyphs end with the last cluster before l->b */
    size_t g1 = p->runs[nr - 1].g0;
    while (g1 < t->nglyphs && t->glyphs[g1].ch < l->b)
        g1++;
    p->runs[nr - 1].g1 = g1;
    out->runs = arena_array(ar, nr, sizeof(glyph_run));
    if (!out->runs)
        return -1;
    out->nruns = (int)nr;
    uint32_t hard_space = break_space_glyph(t, l, ch[t->glyphs[p->runs[nr - 1].g0].ch].face);
    double x = l->indent;
    for (size_t r = 0; r < nr; r++) {
        const run_span *rs = &p->runs[r];
        glyph_run *g = &out->runs[r];
        const tchar *first = &ch[t->glyphs[rs->g0].ch];
        const text_piece *pc = &pieces[first->piece];
        g->face = first->face;
        g->size = pc->size;
        g->rise = pc->rise;
        g->color = pc->color;
        g->deco = pc->deco;
        g->tag = pc->tag;
        g->lang = pc->lang;
        g->x = x;
        g->hscale = 1 + extra.scale;
        size_t tlen = 0;
        for (size_t i = rs->a; i < rs->b; i++)
            if (!(ch[i].flags & TC_HARD))
                tlen += ch[i].len;
        int hard = r + 1 == nr && hard_space != 0;
        char *text = arena_alloc(ar, tlen + 1 + (size_t)hard);
        size_t ng = rs->g1 - rs->g0, room = ng + (l->hyphen && r + 1 == nr) + (size_t)hard;
        g->nglyphs = (int)ng;
        g->gids = arena_array(ar, room, sizeof(uint32_t));
        g->advances = arena_array(ar, room, sizeof(double));
        g->clusters = arena_array(ar, room, sizeof(uint32_t));
        if (!text || !g->gids || !g->advances || !g->clusters)
            return -1;
        /* text, and each glyph's cluster as a byte offset into it */
        size_t o = 0, gi = rs->g0;
        for (size_t i = rs->a; i < rs->b; i++) {
            if (ch[i].flags & TC_HARD)
                continue;
            for (; gi < rs->g1 && t->glyphs[gi].ch == i; gi++) {
                const tglyph *gl = &t->glyphs[gi];
                double adv = gl->adv * pieces[ch[i].piece].size / ch[i].face->upem;
                if ((ch[i].flags & TC_GLUE) && i >= l->a && i < l->vis_end)
                    adv += adv * extra.space;
                else if (!(ch[i].flags & (TC_GLUE | TC_MARKER)))
                    adv += adv * extra.scale;
                if (extra.gap != 0 && (gi + 1 >= t->nglyphs || t->glyphs[gi + 1].ch != i) &&
                    text_syllable_gap_after(ch, i, l->vis_end))
                    adv += extra.gap;
                g->gids[gi - rs->g0] = gl->gid;
                g->advances[gi - rs->g0] = adv;
                g->clusters[gi - rs->g0] = (uint32_t)o;
                g->width += adv;
                if ((gl->dx || gl->dy) &&
                    set_offset(g, ar, room, gi - rs->g0, gl, ch[i].face->upem))
                    return -1;
            }
            if (ends && r + 1 == nr && i == (ends->from > rs->a ? ends->from : rs->a))
                g->word_from = o;
            memcpy(text + o, pieces[ch[i].piece].text + ch[i].off, ch[i].len);
            o += ch[i].len;
            if (starts && r == 0 && i < starts->to)
                g->word_rest = o;
        }
        /* chars before the first glyph (not drawn) belong to its cluster */
        for (size_t k = 1; k < ng && g->clusters[k] == g->clusters[0]; k++)
            g->clusters[k] = 0;
        if (ng)
            g->clusters[0] = 0;
        g->text = text;
        g->text_len = o;
        if (hard) {
            add_break_space(g, text, (int)ng, hard_space);
        } else if (room > ng) {
            add_hyphen(g, (int)ng);
            if (!(g->word = chars_text(t, pieces, ar, ends->from, ends->to)))
                return -1;
        }
        x += g->width;
    }
    return 0;
}

/* Where a line starts in the source, for its warning: the column of its first char. */
static srcpos line_pos(const para_text *t, const text_piece *pieces, size_t a)
{
    if (a >= t->nchars)
        return pieces[0].pos;
    srcpos at = pieces[t->chars[a].piece].pos;
    if (at.col > 0)
        at.col += (int)t->chars[a].off;
    return at;
}

/* R4.2 with pp->hang_marker: the hang of a line starting at each char into
 * p->hang — after a line that opens with a lead marker and a space (the
 * paragraph's first, or one after a hard break), the width of both as set;
 * a line after a hard break without a marker keeps the hang in force. The
 * marker and its space are marked TC_MARKER. A marker wider than half the
 * measure does not hang (a narrow column: the rest would be too narrow to
 * read). *widest: the widest hang. 0 ok, -1 on OOM. */
static int mark_hangs(paragraph *p, const para_params *pp, const para_window *win,
                      double *widest)
{
    tchar *ch = p->t.chars;
    size_t n = p->t.nchars;
    p->hanging = 0;
    *widest = 0;
    if (!pp->hang_marker || n == 0)
        return 0;
    if (grow_array((void **)&p->hang, &p->hang_cap, n + 1, sizeof(double)))
        return -1;
    double hang = win->hang;   /* in force where the window starts (0 at the paragraph's) */
    if (hang > 0) {
        p->hanging = 1;
        *widest = hang;
    }
    for (size_t s = 0; s <= n;) {
        /* a window after the first starts inside a line of text, where no marker opens */
        size_t t = s < n && (s > 0 || win->first) ? text_marker_text(&p->t, s) : s, e = s;
        double w = p->t.cumw[t] - p->t.cumw[s];
        int marker = t > s && w < (pp->width - pp->rest_indent) / 2;
        if (marker) {
            hang = w;
            *widest = fmax(*widest, w);
            p->hanging = 1;
            for (size_t k = s; k < t; k++)
                ch[k].flags |= TC_MARKER;
        }
        while (e < n && !(ch[e].flags & TC_HARD))
            e++;
        p->hang[s] = marker ? 0 : hang;   /* the marker's own line starts at the indent */
        for (size_t k = s + 1; k <= e && k <= n; k++)
            p->hang[k] = hang;
        s = e + 1;
    }
    return 0;
}

/* ---- the three ways in ---------------------------------------------------- */

/* Shape pieces into the typesetter's paragraph and find its breaks (hard
 * breaks, R1.7 last resorts, syllable breaks as syllable_break says). 0, or
 * -1 reported. */
static int shape_and_break(typesetter *ts, const text_piece *pieces, int npieces,
                           int syllable_break, diag *d)
{
    paragraph *p = &ts->para;
    return text_shape_pieces(&ts->shaper, &p->t, pieces, npieces < 0 ? 0 : npieces, d) ||
                   text_find_breaks(&p->t, &p->uax14, syllable_break, d)
               ? -1
               : 0;
}

int text_set_window(typesetter *ts, arena *a, const text_piece *pieces, int npieces,
                    const para_params *pp, para_window *win, text_line **lines, int *nlines,
                    diag *d)
{
    paragraph *p = &ts->para;
    size_t nitems, nl;
    double hang;
    line_model model;
    *lines = NULL;
    *nlines = 0;
    win->kept = 0;
    win->next = (size_t)-1;   /* no line left for the next window */
    if (shape_and_break(ts, pieces, npieces, pp->syllable_break, d))
        return -1;
    if (mark_hangs(p, pp, win, &hang))
        return diag_oom(d);
    double narrowest = pp->width - fmax(pp->first_indent, pp->rest_indent + hang);
    if (!(narrowest > 1))
        narrowest = HUGE_VAL;   /* no room to speak of: splitting words would not help */
    if (text_build_items(p, pieces, narrowest, &nitems))
        return diag_oom(d);
    if (text_break_lines(p, &ts->hyph, pieces, pp, narrowest, &nitems, &nl, &model, ts->watch, d))
        return -1;
    /* a window before the paragraph's last keeps every line but its last, which
     * the next window sets again with the text after it (all, when it has one) */
    size_t keep = !win->final && nl >= 2 ? nl - 1 : nl;
    if (keep < nl) {
        win->next = p->spans[keep].a;
        win->next_hang = p->hanging ? p->hang[win->next] : 0;
        win->next_after_hyphen = p->spans[keep - 1].hyphen;
    }
    if (keep == 0)
        return 0;
    text_line *out = arena_array(a, keep, sizeof(text_line));
    if (!out)
        return diag_oom(d);
    /* the word a hyphen broke at the end of the window before ends here */
    broken_word prev = win->after_hyphen && p->t.nchars ? word_around(&p->t, 0)
                                                        : (broken_word){0, 0, 0};
    for (size_t k = 0; k < keep; k++) {
        const line_span *l = &p->spans[k];
        stretch extra = {0, 0, 0, 0};
        if (pp->justify)
            extra = text_justify(p, &model, l);
        broken_word ends = l->hyphen ? word_around(&p->t, l->b) : (broken_word){0, 0, 0},
                    starts = prev;
        int after_hyphen = k > 0 ? p->spans[k - 1].hyphen : win->after_hyphen;
        if (build_runs(p, a, pieces, l, extra, l->hyphen ? &ends : NULL,
                       after_hyphen ? &starts : NULL, &out[k]))
            return diag_oom(d);
        prev = ends;
        /* visible width: justified lines fill the measure, unless they have
         * no word space to take what the syllable gaps may not */
        out[k].width = l->width + extra.added;
        out[k].last = l->last;
        out[k].overfull = l->overfull;
        out[k].hyphenated = l->hyphen;
        if (l->overfull)
            diag_warning(d, line_pos(&p->t, pieces, l->a),
                         "overfull line: an unbreakable piece of text is %.1f pt wider than the "
                         "measure", l->width - l->avail);
        else if (pp->breaking && !l->last && extra.space > pp->breaking->space_limit + TEXT_EPS)
            diag_warning(d, line_pos(&p->t, pieces, l->b),
                         "very loose line: its word spaces are %.1f times as wide as they should "
                         "be, as the text from here on cannot move up to it or break sooner",
                         1 + extra.space);
    }
    *lines = out;
    *nlines = (int)keep;
    win->kept = keep;
    return 0;
}

int paragraph_hyphen_points(typesetter *ts, const text_piece *pieces, int npieces,
                            const break_params *bp, size_t *offsets, int max, diag *d)
{
    para_text *t = &ts->para.t;
    if (shape_and_break(ts, pieces, npieces, 0, d))
        return -1;
    if (bp->hyphenate && text_hyphenate(&ts->hyph, t, pieces, bp, d) < 0)
        return -1;
    size_t base = 0;
    int n = 0, piece = 0;
    for (size_t i = 0; i < t->nchars; i++) {
        const tchar *c = &t->chars[i];
        for (; piece < c->piece; piece++)
            base += pieces[piece].len;
        if (brk_drawn_hyphen(c->brk)) {
            if (n < max)
                offsets[n] = base + c->off + c->len;
            n++;
        }
    }
    return n;
}

int text_measure_window(typesetter *ts, const text_piece *pieces, int npieces,
                        double *min_width, double *max_width, diag *d)
{
    paragraph *p = &ts->para;
    size_t nitems;
    *min_width = *max_width = 0;
    if (shape_and_break(ts, pieces, npieces, 0, d))
        return -1;
    if (text_build_items(p, pieces, HUGE_VAL, &nitems))
        return diag_oom(d);
    double word = 0, line = 0, pending_glue = 0;
    for (size_t i = 0; i < nitems; i++) {
        const para_item *it = &p->items[i];
        if (it->kind == PI_BOX) {
            word += it->width;
            line += pending_glue + it->width;
            pending_glue = 0;
            if (word > *min_width)
                *min_width = word;
            if (line > *max_width)
                *max_width = line;
        } else if (it->kind == PI_GLUE) {
            pending_glue += it->width;
        } else if (it->brk == BRK_ALLOW || it->brk == BRK_HARD) {
            word = 0;
            if (it->brk == BRK_HARD)
                line = pending_glue = 0;
        }
    }
    return 0;
}
