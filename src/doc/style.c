/* style.c — the compiled-in default style (print: two-sided A4) — the one
 * home of every typographic default — and the names of the running-head fields. */
#include "doc.h"

#define MM(x) ((x) * 72.0 / 25.4)

const char *const running_field_names[FIELD_COUNT] = {
    [FIELD_DOCUMENT_TITLE] = "document.title",
    [FIELD_BULLETIN_TITLE] = "bulletin.title",
    [FIELD_RELEASE_TITLE] = "release.title",
    [FIELD_RELEASE_DATE] = "release.date",
    [FIELD_PAGE] = "page",
    [FIELD_PAGES] = "pages",
};

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
        .heading_space_before = 0.9, .heading_space_after = 0.4,
        .title_size = 18, .subtitle_size = 12.5, .meta_size = 9, .meta_leading = 1.4,
        .code_size = 9, .code_leading = 1.4, .code_padding = 4, .code_background = 0xf2f2f2,
        .code_scale = 0.9,
        .super_scale = 0.7, .super_rise = 0.33,
        .table_size = 9.5, .table_leading = 1.4, .cell_padding = 4,
        .table_rule = 0.5, .table_header_rule = 0.9,
        .note_size = 8.5, .note_rule_length = 72, .note_rule_share = 0.25,
        .para_space = 6, .section_space = 12, .baseline = 0.8,
        .list_indent = 14, .list_label_gap = 0.5, .list_item_space = 0.5, .bullet_scale = 0.7,
        .bullet_rise = 0.25, .square_scale = 0.3, .square_rise = 0.35, .min_measure = 4,
        .quote_indent = 18, .quote_bar = 1.5,
        .rule_width = 0.5,
        .figure_min_fit = 0.333, .figure_min_height = 36,
        .justify = 1,
        .korean_syllable_break = 0,
        .hang_markers = 1,
        /* TeX's values where TeX has one (plain.tex), R1.7 and R3.2 of
         * notes/korean-typography.md for the last resorts and the Korean space */
        .total_fit = 1, .hyphenate = 1,
        .tolerance = 100, .hyphen_tolerance = 200, .emergency_stretch = 1.5,
        .line_penalty = 10, .hyphen_penalty = 50, .last_resort_penalty = 3000,
        .adjacent_demerits = 10000, .double_hyphen_demerits = 10000,
        .final_hyphen_demerits = 5000,
        .hyphen_min_before = 2, .hyphen_min_after = 3, .hyphen_max_lines = 2,
        .space_stretch = 0.5, .space_shrink = 0.33, .gap_after = 0.5, .gap_shrink = 0.05,
        .glyph_scale = 0.02, .emergency_glyph_scale = 0.08, .space_limit = 1,
        .ragged_stretch = 2,
        .link_show_url = 1, .link_depth = 0.25, .link_height = 1.15,
        .text_color = 0x000000, .link_color = 0x1a4f8b, .rule_color = 0x808080,
        .meta_color = 0x505050,
        .header = {[SIDE_VERSO] = {.left = "{bulletin.title}"},
                   [SIDE_RECTO] = {.right = "{release.title}"}},
        .footer = {[SIDE_VERSO] = {.left = "{page}"}, [SIDE_RECTO] = {.right = "{page}"}},
        .header_size = 8, .header_gap = 2, .header_center_share = 0.333, .header_offset = 12, .header_rule = 0.4, .header_rule_gap = 3.2,
        .footer_offset = 24,
        .cover_title_size = 26, .cover_subtitle_size = 14, .cover_meta_size = 11,
        .cover_entry_size = 10, .cover_columns = 3, .cover_column_gap = 30, .cover_top_space = 84, .cover_rule = 1.5,
        .cover_accent = 0x004696, .cover_band = 28, .cover_logo_height = 60, .cover_logo_right = 0,
        .cover_logo_gap = 12, .cover_logo_share = 0.5, .cover_entry_share = 0.333,
        .contents_size = 10.5, .contents_indent = 18, .contents_leader = 4.5, .contents_gap = 9,
        .images = {.dpi = 150, .max_dpi = 0, .jpeg_quality = 90},
        .index_bulletin = 0, .index_volume = 1, .index_columns = 2, .index_column_gap = 18,
        .index_size = 9, .index_leading = 1.4, .index_meta_size = 7.5, .index_initial_size = 15,
        .index_department_size = 9.5, .index_indent = 9,
        .embed_sources = 0, .embed_images = 1,
    };
}
