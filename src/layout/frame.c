/* frame.c — the page template: the frame text is set in (the same size on
 * every page), which pages are left-hand ones, and where their frame starts
 * (mirrored margins, two-sided). A leaf: read by the page builder and the
 * running heads alike. */
#include "layout-private.h"

int lay_frame(frame *f, const style *st, diag *d)
{
    f->w = st->page_w - st->margin_inner - st->margin_outer;
    f->top = st->page_h - st->margin_top;
    f->bottom = st->margin_bottom;
    if (!(f->w >= MIN_FRAME) || !(f->top - f->bottom >= MIN_FRAME) || !(st->body_size > 0)) {
        diag_error(d, (srcpos){0}, "page size and margins leave no room for text "
                   "(frame %.0f x %.0f pt)", f->w, f->top - f->bottom);
        return -1;
    }
    return 0;
}

int lay_left_hand(const style *st, int number)
{
    return st->two_sided && number % 2 == 0;
}

double lay_frame_left(const style *st, int number)
{
    return lay_left_hand(st, number) ? st->margin_outer : st->margin_inner;
}
