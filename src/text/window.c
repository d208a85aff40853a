/* window.c — paragraph_set and paragraph_measure, and the setting (and
 * measuring) of a long paragraph in windows.
 * A paragraph up to TEXT_WINDOW_MIN bytes is set at once, by total fit over
 * all of it (paragraph.c). A longer one — a release that is one paragraph of
 * megabytes — would hold its chars, glyphs, items and breaks whole at once,
 * some hundreds of bytes per byte of text: it is set a window of about
 * TEXT_WINDOW_BYTES at a time instead, each window broken as a paragraph of
 * its own; every line but the window's last is kept, and the next window
 * starts with the text of that line. The scratch of the typesetter then
 * stays the size of a window, and the lines kept (in the caller's arena) are
 * all that grows with the text. A window ends after a word space when one
 * comes soon after its size, so that no word is cut (its hyphenation points
 * are those of the whole word); the indent of the first line, the hang of a
 * lead marker (R4.2) and a word broken with a hyphen at a window's last kept
 * line are carried over. Lines near a window's end are chosen without the
 * text after it: a long paragraph may break otherwise than it would whole,
 * never worse than a paragraph ending there. A long paragraph is measured
 * (table columns) a window at a time: its widest unbreakable piece is the
 * widest of the windows' (one cut by a window's end, only in text without a
 * word space for kilobytes, is wider than any column anyway), its width on
 * one line the windows' summed. */
#include <stdlib.h>
#include <string.h>
#include "text-private.h"

/* Bytes of text from which a paragraph is set in windows, and the size of a
 * window: thousands of items, some hundred lines, far beyond what a line
 * break looks ahead in practice (a paragraph of a press release is a few
 * kilobytes: it is always set whole). */
enum { TEXT_WINDOW_MIN = 64 * 1024, TEXT_WINDOW_BYTES = 16 * 1024 };
/* How far past a window's size its end may move to come after a word space. */
enum { TEXT_WINDOW_SLACK = 2 * 1024 };

static size_t pieces_bytes(const text_piece *pieces, int npieces)
{
    size_t total = 0;
    for (int i = 0; i < npieces; i++)
        total += pieces[i].text ? pieces[i].len : 0;
    return total;
}

int paragraph_windowed(const text_piece *pieces, int npieces)
{
    return pieces_bytes(pieces, npieces) > TEXT_WINDOW_MIN;
}

/* The pieces of a paragraph cut to a window of its text: bytes [from, to)
 * of the pieces' texts laid end to end (the scratch of window.c). */
typedef struct window_pieces {
    text_piece *v;
    size_t *at;              /* where each piece of v starts in the whole text */
    size_t cap, at_cap;
    int n;
} window_pieces;

static void window_pieces_free(window_pieces *w)
{
    free(w->v);
    free(w->at);
}

/* Cut pieces to bytes [from, to) into w. 0, or -1 out of memory. */
static int cut_pieces(window_pieces *w, const text_piece *pieces, int npieces, size_t from,
                      size_t to)
{
    w->n = 0;
    size_t at = 0;
    for (int i = 0; i < npieces; i++) {
        const text_piece *pc = &pieces[i];
        size_t len = pc->text ? pc->len : 0, a = at, b = at + len;
        at = b;
        if (b <= from || a >= to)
            continue;
        size_t skip = from > a ? from - a : 0, end = (to < b ? to : b) - a;
        if (grow_array((void **)&w->v, &w->cap, (size_t)w->n + 1, sizeof *w->v) ||
            grow_array((void **)&w->at, &w->at_cap, (size_t)w->n + 1, sizeof *w->at))
            return -1;
        text_piece *cut = &w->v[w->n];
        *cut = *pc;
        cut->text = pc->text + skip;
        cut->len = end - skip;
        if (cut->pos.col > 0)   /* columns count bytes, as a char's own does (line_pos) */
            cut->pos.col += (int)skip;
        w->at[w->n++] = a + skip;
    }
    return 0;
}

/* A place in the whole text (pieces laid end to end): piece i, byte off. */
typedef struct text_cursor {
    const text_piece *pieces;
    int npieces, i;
    size_t off;
} text_cursor;

/* The cursor at byte `at` of the whole text (at the end: i == npieces). */
static text_cursor cursor_at(const text_piece *pieces, int npieces, size_t at)
{
    text_cursor c = {pieces, npieces, 0, at};
    for (size_t len; c.i < npieces && c.off >= (len = pieces[c.i].text ? pieces[c.i].len : 0);
         c.i++)
        c.off -= len;
    return c;
}

/* The byte under c (-1 at the end), and c moved one on. */
static int cursor_next(text_cursor *c)
{
    if (c->i >= c->npieces)
        return -1;
    unsigned char b = (unsigned char)c->pieces[c->i].text[c->off];
    if (++c->off >= c->pieces[c->i].len) {
        c->off = 0;
        for (c->i++; c->i < c->npieces && !(c->pieces[c->i].text && c->pieces[c->i].len);)
            c->i++;
    }
    return b;
}

/* Where the window from `from` ends: TEXT_WINDOW_BYTES on, past the next
 * word space if one comes within TEXT_WINDOW_SLACK, else at the start of a
 * character; the end of the text (total) when that is near. */
static size_t window_end(const text_piece *pieces, int npieces, size_t from, size_t total)
{
    if (total - from <= TEXT_WINDOW_BYTES + TEXT_WINDOW_SLACK)
        return total;
    size_t to = from + TEXT_WINDOW_BYTES;
    text_cursor c = cursor_at(pieces, npieces, to);
    for (size_t k = to; k < to + TEXT_WINDOW_SLACK; k++)
        if (cursor_next(&c) == ' ')
            return k + 1;
    c = cursor_at(pieces, npieces, to);
    for (int b; (b = cursor_next(&c)) >= 0 && (b & 0xC0) == 0x80;)
        to++;   /* not inside a UTF-8 sequence */
    return to;
}

/* Lines kept from the windows so far, copied into the arena at the end. */
typedef struct line_vec {
    text_line *v;
    size_t n, cap;
} line_vec;

int paragraph_set(typesetter *ts, arena *a, const text_piece *pieces, int npieces,
                  const para_params *pp, text_line **lines, int *nlines, diag *d)
{
    para_window win = {.first = 1, .final = 1};
    if (!paragraph_windowed(pieces, npieces))
        return text_set_window(ts, a, pieces, npieces, pp, &win, lines, nlines, d);
    *lines = NULL;
    *nlines = 0;
    size_t total = pieces_bytes(pieces, npieces), from = 0;
    window_pieces wp = {0};
    line_vec kept = {0};
    int rc = 0;
    while (rc == 0 && from < total) {
        size_t to = window_end(pieces, npieces, from, total);
        para_params wpp = *pp;
        if (!win.first)
            wpp.first_indent = pp->rest_indent;
        /* the line that may not end with a hyphen, counted in this window */
        wpp.unhyphenated_line = pp->unhyphenated_line > (int)kept.n
                                    ? pp->unhyphenated_line - (int)kept.n : 0;
        win.final = to == total;
        text_line *got;
        int ngot;
        if (cut_pieces(&wp, pieces, npieces, from, to)) {
            rc = diag_oom(d);
            break;
        }
        if (text_set_window(ts, a, wp.v, wp.n, &wpp, &win, &got, &ngot, d)) {
            rc = -1;
            break;
        }
        if (grow_array((void **)&kept.v, &kept.cap, kept.n + (size_t)ngot + 1, sizeof *kept.v)) {
            rc = diag_oom(d);
            break;
        }
        memcpy(kept.v + kept.n, got, (size_t)ngot * sizeof *got);
        kept.n += (size_t)ngot;
        size_t next = to;
        if (win.next < ts->para.t.nchars) {   /* a line was left: the next window starts with it */
            const tchar *c = &ts->para.t.chars[win.next];
            next = wp.at[c->piece] + c->off;
        }
        if (next <= from || next >= to) {   /* none left (or no way on): on after the window */
            next = to;
            win.next_hang = 0;
            win.next_after_hyphen = 0;
        }
        win.first = 0;
        win.hang = win.next_hang;
        win.after_hyphen = win.next_after_hyphen;
        from = next;
    }
    if (rc == 0 && kept.n > 0) {
        if (!(*lines = arena_array(a, kept.n, sizeof **lines)))
            rc = diag_oom(d);
        else {
            memcpy(*lines, kept.v, kept.n * sizeof **lines);
            *nlines = (int)kept.n;
        }
    }
    free(kept.v);
    window_pieces_free(&wp);
    return rc;
}

int paragraph_measure(typesetter *ts, const text_piece *pieces, int npieces,
                      double *min_width, double *max_width, diag *d)
{
    if (!paragraph_windowed(pieces, npieces))
        return text_measure_window(ts, pieces, npieces, min_width, max_width, d);
    *min_width = *max_width = 0;
    size_t total = pieces_bytes(pieces, npieces);
    window_pieces wp = {0};
    int rc = 0;
    for (size_t from = 0, to; rc == 0 && from < total; from = to) {
        to = window_end(pieces, npieces, from, total);
        double mn, mx;
        if (cut_pieces(&wp, pieces, npieces, from, to))
            rc = diag_oom(d);
        else if (!(rc = text_measure_window(ts, wp.v, wp.n, &mn, &mx, d))) {
            *min_width = mn > *min_width ? mn : *min_width;
            *max_width += mx;
        }
    }
    window_pieces_free(&wp);
    return rc;
}
