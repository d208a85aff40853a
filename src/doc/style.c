/* style.c — the compiled-in default style: print, two-sided A4. */
#include "doc.h"

#define MM(x) ((x) * 72.0 / 25.4)

void style_default(style *s)
{
    *s = (style){
        .page_w = MM(210), .page_h = MM(297),
        .margin_top = MM(25), .margin_bottom = MM(25),
        .margin_inner = MM(25), .margin_outer = MM(20),
        .two_sided = 1,
        .font = {"myeongjo", "gothic", "mono"},
        .body_size = 10.5, .body_leading = 1.6,
        .heading_size = {0, 18, 15, 13, 12, 11, 10.5},
        .heading_leading = 1.3,
        .title_size = 18, .subtitle_size = 12.5, .meta_size = 9,
        .code_size = 9, .table_size = 9.5, .note_size = 8.5, .header_size = 8,
        .para_space = 6,
        .list_indent = 14,
        .quote_indent = 18,
        .justify = 1,
        .korean_syllable_break = 0,
        .link_show_url = 1,
        .text_color = 0x000000, .link_color = 0x1a4f8b, .rule_color = 0x808080,
        .header_left = "title", .header_right = "release", .footer_center = "page",
        .images = {.dpi = 150, .max_dpi = 0, .jpeg_quality = 90},
    };
}
