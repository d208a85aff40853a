/* stylesheet.c — a YAML style sheet over the computed style: page, fonts,
 * sizes, leading, spacing, Korean breaking, links, colours, the typographic
 * details of each block kind, running header and footer templates, cover and
 * contents, images (dpi, max-dpi, JPEG quality), the index by department,
 * the sources the archive carries. Every key is checked against
 * a table; unknown keys and bad values are errors at their line:col. The keys
 * are documented in styles/README.md (line breaking: text.h's break_params
 * says what each value does). */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "input-private.h"

#define MM(x) ((x) * 72.0 / 25.4)

enum value_kind {
    V_MAP,           /* a nested mapping, described by sub */
    V_SIZE,          /* points, > 0 and <= 200 */
    V_SPACE,         /* points, >= 0 and <= 200 */
    V_MM,            /* millimetres (stored as points), >= 0 and <= 200 */
    V_FACTOR,        /* leading factor, 0.5 .. 5 */
    V_RATIO,         /* a factor or a length in em, 0 .. 5 */
    V_COUNT,         /* a whole number, 0 .. 10 */
    V_BOOL,
    V_FONT,          /* font set name or family chain */
    V_COLOR,         /* "#rrggbb" */
    V_TEMPLATE,      /* running header/footer text with {fields} */
    V_SLOTS,         /* one side's running line: a mapping of left/center/right (sub) that
                        replaces all three slots; none: the side is empty */
    V_PAGE_SIZE,     /* A4 | A5 | B5 | letter | [w, h] in mm; sets page_w and page_h */
    V_KOREAN_BREAK,  /* eojeol | syllable */
    V_LINKS,         /* print | screen */
    V_LINE_BREAKING, /* total-fit | first-fit */
    V_SIDE,          /* left | right */
    V_NUMBER,        /* a number in its number_ranges row */
    V_INT,           /* a whole number in its number_ranges row */
};

typedef struct key_spec {
    const char *name;
    enum value_kind kind;
    size_t off;                   /* offset of the field in struct style */
    const struct key_spec *sub;   /* V_MAP */
} key_spec;

#define AT(field) offsetof(style, field)
#define FONT_AT(role) (offsetof(style, font) + (role) * sizeof(const char *))
#define HEADING_AT(level) (offsetof(style, heading_size) + (level) * sizeof(double))
#define END {NULL, V_MAP, 0, NULL}

static const key_spec margin_keys[] = {
    {"top", V_MM, AT(margin_top), NULL},
    {"bottom", V_MM, AT(margin_bottom), NULL},
    {"inner", V_MM, AT(margin_inner), NULL},
    {"outer", V_MM, AT(margin_outer), NULL},
    END,
};
static const key_spec page_keys[] = {
    {"size", V_PAGE_SIZE, 0, NULL},
    {"margins", V_MAP, 0, margin_keys},
    {"two-sided", V_BOOL, AT(two_sided), NULL},
    END,
};
static const key_spec font_keys[] = {
    {"serif", V_FONT, FONT_AT(FONT_SERIF), NULL},
    {"sans", V_FONT, FONT_AT(FONT_SANS), NULL},
    {"mono", V_FONT, FONT_AT(FONT_MONO), NULL},
    END,
};
static const key_spec size_keys[] = {
    {"body", V_SIZE, AT(body_size), NULL},
    {"title", V_SIZE, AT(title_size), NULL},
    {"subtitle", V_SIZE, AT(subtitle_size), NULL},
    {"meta", V_SIZE, AT(meta_size), NULL},
    {"code", V_SIZE, AT(code_size), NULL},
    {"table", V_SIZE, AT(table_size), NULL},
    {"note", V_SIZE, AT(note_size), NULL},
    {"header", V_SIZE, AT(header_size), NULL},
    {"h1", V_SIZE, HEADING_AT(1), NULL},
    {"h2", V_SIZE, HEADING_AT(2), NULL},
    {"h3", V_SIZE, HEADING_AT(3), NULL},
    {"h4", V_SIZE, HEADING_AT(4), NULL},
    {"h5", V_SIZE, HEADING_AT(5), NULL},
    {"h6", V_SIZE, HEADING_AT(6), NULL},
    END,
};
static const key_spec leading_keys[] = {
    {"body", V_FACTOR, AT(body_leading), NULL},
    {"heading", V_FACTOR, AT(heading_leading), NULL},
    {"meta", V_FACTOR, AT(meta_leading), NULL},
    {"code", V_FACTOR, AT(code_leading), NULL},
    {"table", V_FACTOR, AT(table_leading), NULL},
    END,
};
static const key_spec color_keys[] = {
    {"text", V_COLOR, AT(text_color), NULL},
    {"link", V_COLOR, AT(link_color), NULL},
    {"rule", V_COLOR, AT(rule_color), NULL},
    {"meta", V_COLOR, AT(meta_color), NULL},
    {"code-background", V_COLOR, AT(code_background), NULL},
    END,
};
static const key_spec heading_keys[] = {
    {"space-before", V_RATIO, AT(heading_space_before), NULL},
    {"space-after", V_RATIO, AT(heading_space_after), NULL},
    END,
};
static const key_spec inline_keys[] = {
    {"code-scale", V_RATIO, AT(code_scale), NULL},
    {"superscript-scale", V_RATIO, AT(super_scale), NULL},
    {"superscript-rise", V_RATIO, AT(super_rise), NULL},
    END,
};
static const key_spec code_keys[] = {
    {"padding", V_SPACE, AT(code_padding), NULL},
    END,
};
static const key_spec table_keys[] = {
    {"cell-padding", V_SPACE, AT(cell_padding), NULL},
    {"rule", V_SPACE, AT(table_rule), NULL},
    {"header-rule", V_SPACE, AT(table_header_rule), NULL},
    END,
};
static const key_spec note_keys[] = {
    {"rule-length", V_SPACE, AT(note_rule_length), NULL},
    {"rule-share", V_RATIO, AT(note_rule_share), NULL},
    END,
};
static const key_spec list_keys[] = {
    {"label-gap", V_RATIO, AT(list_label_gap), NULL},
    {"item-space", V_RATIO, AT(list_item_space), NULL},
    {"bullet-scale", V_RATIO, AT(bullet_scale), NULL},
    {"bullet-rise", V_RATIO, AT(bullet_rise), NULL},
    {"square-scale", V_RATIO, AT(square_scale), NULL},
    {"square-rise", V_RATIO, AT(square_rise), NULL},
    END,
};
static const key_spec link_area_keys[] = {
    {"depth", V_RATIO, AT(link_depth), NULL},
    {"height", V_RATIO, AT(link_height), NULL},
    END,
};
static const key_spec quote_keys[] = {
    {"bar", V_SPACE, AT(quote_bar), NULL},
    END,
};
static const key_spec rule_keys[] = {
    {"width", V_SPACE, AT(rule_width), NULL},
    END,
};
static const key_spec figure_keys[] = {
    {"min-fit", V_RATIO, AT(figure_min_fit), NULL},
    {"min-height", V_SPACE, AT(figure_min_height), NULL},
    END,
};
#define RUNNING_KEYS(name, field, side)                                          \
    static const key_spec name[] = {                                             \
        {"left", V_TEMPLATE, AT(field[side].left), NULL},                        \
        {"center", V_TEMPLATE, AT(field[side].center), NULL},                    \
        {"right", V_TEMPLATE, AT(field[side].right), NULL},                      \
        END,                                                                     \
    }
RUNNING_KEYS(header_verso_keys, header, SIDE_VERSO);
RUNNING_KEYS(header_recto_keys, header, SIDE_RECTO);
RUNNING_KEYS(footer_verso_keys, footer, SIDE_VERSO);
RUNNING_KEYS(footer_recto_keys, footer, SIDE_RECTO);
static const key_spec header_keys[] = {
    {"verso", V_SLOTS, AT(header[SIDE_VERSO]), header_verso_keys},
    {"recto", V_SLOTS, AT(header[SIDE_RECTO]), header_recto_keys},
    {"offset", V_SPACE, AT(header_offset), NULL},
    {"gap", V_RATIO, AT(header_gap), NULL},
    {"center-share", V_RATIO, AT(header_center_share), NULL},
    {"rule", V_SPACE, AT(header_rule), NULL},
    {"rule-gap", V_SPACE, AT(header_rule_gap), NULL},
    END,
};
static const key_spec footer_keys[] = {
    {"verso", V_SLOTS, AT(footer[SIDE_VERSO]), footer_verso_keys},
    {"recto", V_SLOTS, AT(footer[SIDE_RECTO]), footer_recto_keys},
    {"offset", V_SPACE, AT(footer_offset), NULL},
    END,
};
static const key_spec cover_keys[] = {
    {"title-size", V_SIZE, AT(cover_title_size), NULL},
    {"subtitle-size", V_SIZE, AT(cover_subtitle_size), NULL},
    {"meta-size", V_SIZE, AT(cover_meta_size), NULL},
    {"entry-size", V_SIZE, AT(cover_entry_size), NULL},
    {"columns", V_COUNT, AT(cover_columns), NULL},
    {"column-gap", V_SPACE, AT(cover_column_gap), NULL},
    {"top-space", V_SPACE, AT(cover_top_space), NULL},
    {"rule", V_SPACE, AT(cover_rule), NULL},
    {"accent", V_COLOR, AT(cover_accent), NULL},
    {"band", V_SPACE, AT(cover_band), NULL},
    {"logo-height", V_SIZE, AT(cover_logo_height), NULL},
    {"logo-align", V_SIDE, AT(cover_logo_right), NULL},
    {"logo-gap", V_SPACE, AT(cover_logo_gap), NULL},
    {"logo-share", V_RATIO, AT(cover_logo_share), NULL},
    {"entry-share", V_RATIO, AT(cover_entry_share), NULL},
    END,
};
static const key_spec contents_keys[] = {
    {"size", V_SIZE, AT(contents_size), NULL},
    {"indent", V_SPACE, AT(contents_indent), NULL},
    {"leader", V_SPACE, AT(contents_leader), NULL},
    {"gap", V_SPACE, AT(contents_gap), NULL},
    END,
};
static const key_spec breaking_keys[] = {
    {"tolerance", V_NUMBER, AT(tolerance), NULL},
    {"hyphen-tolerance", V_NUMBER, AT(hyphen_tolerance), NULL},
    {"emergency-stretch", V_NUMBER, AT(emergency_stretch), NULL},
    {"line-penalty", V_NUMBER, AT(line_penalty), NULL},
    {"hyphen-penalty", V_NUMBER, AT(hyphen_penalty), NULL},
    {"last-resort-penalty", V_NUMBER, AT(last_resort_penalty), NULL},
    {"adjacent-demerits", V_NUMBER, AT(adjacent_demerits), NULL},
    {"double-hyphen-demerits", V_NUMBER, AT(double_hyphen_demerits), NULL},
    {"final-hyphen-demerits", V_NUMBER, AT(final_hyphen_demerits), NULL},
    {"hyphen-min-before", V_INT, AT(hyphen_min_before), NULL},
    {"hyphen-min-after", V_INT, AT(hyphen_min_after), NULL},
    {"hyphen-max-lines", V_INT, AT(hyphen_max_lines), NULL},
    {"space-stretch", V_NUMBER, AT(space_stretch), NULL},
    {"space-shrink", V_NUMBER, AT(space_shrink), NULL},
    {"gap-after", V_NUMBER, AT(gap_after), NULL},
    {"gap-shrink", V_NUMBER, AT(gap_shrink), NULL},
    {"glyph-scale", V_NUMBER, AT(glyph_scale), NULL},
    {"emergency-glyph-scale", V_NUMBER, AT(emergency_glyph_scale), NULL},
    {"space-limit", V_NUMBER, AT(space_limit), NULL},
    {"ragged-stretch", V_NUMBER, AT(ragged_stretch), NULL},
    {NULL, V_MAP, 0, NULL},
};
/* The range of each V_NUMBER and V_INT field. */
static const struct number_range {
    size_t off;
    double min, max;
} number_ranges[] = {
    {AT(tolerance), 0, 10000},
    {AT(hyphen_tolerance), 0, 10000},
    {AT(emergency_stretch), 0, 10},
    {AT(line_penalty), 0, 10000},
    {AT(hyphen_penalty), 0, 10000},
    {AT(last_resort_penalty), 0, 3333},
    {AT(adjacent_demerits), 0, 1e8},
    {AT(double_hyphen_demerits), 0, 1e8},
    {AT(final_hyphen_demerits), 0, 1e8},
    {AT(hyphen_min_before), 1, 10},
    {AT(hyphen_min_after), 1, 10},
    {AT(hyphen_max_lines), 1, 4},
    {AT(space_stretch), 0, 4},
    {AT(space_shrink), 0, 0.9},
    {AT(gap_after), 0, 4},
    {AT(gap_shrink), 0, 0.2},
    {AT(glyph_scale), 0, 0.1},
    {AT(emergency_glyph_scale), 0, 0.15},
    {AT(space_limit), 0, 10},
    {AT(ragged_stretch), 0, 20},
    {AT(images.dpi), 1, 2400},          /* pixels per inch */
    {AT(images.max_dpi), 0, 2400},      /* 0: every pixel kept */
    {AT(images.jpeg_quality), 1, 100},
};

static const key_spec image_keys[] = {
    {"dpi", V_NUMBER, AT(images.dpi), NULL},
    {"max-dpi", V_NUMBER, AT(images.max_dpi), NULL},
    {"jpeg-quality", V_INT, AT(images.jpeg_quality), NULL},
    END,
};
static const key_spec index_keys[] = {
    {"bulletin", V_BOOL, AT(index_bulletin), NULL},
    {"volume", V_BOOL, AT(index_volume), NULL},
    {"columns", V_COUNT, AT(index_columns), NULL},
    {"column-gap", V_SPACE, AT(index_column_gap), NULL},
    {"size", V_SIZE, AT(index_size), NULL},
    {"leading", V_FACTOR, AT(index_leading), NULL},
    {"meta-size", V_SIZE, AT(index_meta_size), NULL},
    {"initial-size", V_SIZE, AT(index_initial_size), NULL},
    {"department-size", V_SIZE, AT(index_department_size), NULL},
    {"indent", V_SPACE, AT(index_indent), NULL},
    END,
};
static const key_spec source_keys[] = {
    {"embed", V_BOOL, AT(embed_sources), NULL},
    {"images", V_BOOL, AT(embed_images), NULL},
    END,
};
static const key_spec top_keys[] = {
    {"page", V_MAP, 0, page_keys},
    {"fonts", V_MAP, 0, font_keys},
    {"sizes", V_MAP, 0, size_keys},
    {"leading", V_MAP, 0, leading_keys},
    {"paragraph-space", V_SPACE, AT(para_space), NULL},
    {"section-space", V_SPACE, AT(section_space), NULL},
    {"baseline", V_RATIO, AT(baseline), NULL},
    {"list-indent", V_SPACE, AT(list_indent), NULL},
    {"quote-indent", V_SPACE, AT(quote_indent), NULL},
    {"min-measure", V_RATIO, AT(min_measure), NULL},
    {"justify", V_BOOL, AT(justify), NULL},
    {"korean-break", V_KOREAN_BREAK, AT(korean_syllable_break), NULL},
    {"hang-markers", V_BOOL, AT(hang_markers), NULL},
    {"line-breaking", V_LINE_BREAKING, AT(total_fit), NULL},
    {"hyphenate", V_BOOL, AT(hyphenate), NULL},
    {"breaking", V_MAP, 0, breaking_keys},
    {"links", V_LINKS, AT(link_show_url), NULL},
    {"link-area", V_MAP, 0, link_area_keys},
    {"colors", V_MAP, 0, color_keys},
    {"headings", V_MAP, 0, heading_keys},
    {"inline", V_MAP, 0, inline_keys},
    {"code", V_MAP, 0, code_keys},
    {"table", V_MAP, 0, table_keys},
    {"notes", V_MAP, 0, note_keys},
    {"lists", V_MAP, 0, list_keys},
    {"quotes", V_MAP, 0, quote_keys},
    {"rules", V_MAP, 0, rule_keys},
    {"figures", V_MAP, 0, figure_keys},
    {"header", V_MAP, 0, header_keys},
    {"footer", V_MAP, 0, footer_keys},
    {"cover", V_MAP, 0, cover_keys},
    {"contents", V_MAP, 0, contents_keys},
    {"images", V_MAP, 0, image_keys},
    {"index", V_MAP, 0, index_keys},
    {"sources", V_MAP, 0, source_keys},
    END,
};

typedef struct sheet {
    style *s;
    arena *a;        /* the caller's: strings kept in the style */
    arena *scratch;  /* key paths for messages, freed with the YAML tree */
    diag *d;
} sheet;

static void *field_ptr(style *s, size_t off)
{
    return (char *)s + off;
}

/* A number written as a plain YAML scalar. 0 ok. */
static int scalar_number(const ynode *v, double *out)
{
    if (v->kind != Y_SCALAR || !v->text[0])
        return -1;
    char *end;
    errno = 0;
    double x = strtod(v->text, &end);
    if (*end != '\0' || errno || !isfinite(x))
        return -1;
    *out = x;
    return 0;
}

static int scalar_bool(const ynode *v, int *out)
{
    static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no", "off"};
    if (v->kind != Y_SCALAR)
        return -1;
    for (int i = 0; i < 3; i++) {
        if (strcasecmp(v->text, yes[i]) == 0)
            return *out = 1, 0;
        if (strcasecmp(v->text, no[i]) == 0)
            return *out = 0, 0;
    }
    return -1;
}

static int scalar_color(const ynode *v, uint32_t *out)
{
    if (v->kind != Y_SCALAR || strlen(v->text) != 7 || v->text[0] != '#')
        return -1;
    uint32_t c = 0;
    for (int i = 1; i < 7; i++) {
        int h = input_hex_digit(v->text[i]);
        if (h < 0)
            return -1;
        c = c << 4 | (uint32_t)h;
    }
    *out = c;
    return 0;
}

/* "page.margins.top" for messages. */
static const char *key_path(sheet *sh, const char *prefix, const char *name)
{
    const char *p = prefix[0] ? arena_printf(sh->scratch, "%s.%s", prefix, name) : name;
    return p ? p : name;
}

static int page_size(sheet *sh, const ynode *v, const char *path)
{
    static const struct { const char *name; double w, h; } sizes[] = {
        {"A4", 210, 297}, {"A5", 148, 210}, {"B5", 176, 250}, {"letter", 215.9, 279.4},
    };
    if (v->kind == Y_SCALAR) {
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
            if (strcasecmp(v->text, sizes[i].name) == 0) {
                sh->s->page_w = MM(sizes[i].w);
                sh->s->page_h = MM(sizes[i].h);
                return 0;
            }
    } else if (v->kind == Y_SEQ && v->count == 2) {
        double w, h;
        if (scalar_number(v->first, &w) == 0 && scalar_number(v->first->next, &h) == 0 &&
            w >= 50 && w <= 1000 && h >= 50 && h <= 1000) {
            sh->s->page_w = MM(w);
            sh->s->page_h = MM(h);
            return 0;
        }
    }
    diag_error(sh->d, v->pos,
               "'%s' must be A4, A5, B5, letter or [width, height] in mm (50 to 1000)", path);
    return -1;
}

/* A running header/footer template: text with {fields} (running_field_names);
 * an empty value or "none" is nothing. 0 ok, -1 reported. */
static int template_value(sheet *sh, const ynode *v, const char *path, const char **dst)
{
    if (v->kind != Y_SCALAR) {
        diag_error(sh->d, v->pos, "'%s' must be a text such as \"{release.title}\", not %s", path,
                   yaml_kind_name(v));
        return -1;
    }
    if (yaml_is_null(v) || strcmp(v->text, "none") == 0) {
        *dst = "";
        return 0;
    }
    for (const char *p = v->text; *p; p++) {
        if (*p == '}') {
            diag_error(sh->d, v->pos, "'%s': a '}' without its '{'", path);
            return -1;
        }
        if (*p != '{')
            continue;
        const char *end = strchr(p, '}');
        int known = 0;
        for (int f = 0; end && f < FIELD_COUNT; f++)
            known |= strlen(running_field_names[f]) == (size_t)(end - p - 1) &&
                     strncmp(p + 1, running_field_names[f], (size_t)(end - p - 1)) == 0;
        if (!known) {
            buf names = {0};
            for (int f = 0; f < FIELD_COUNT; f++)
                buf_printf(&names, "%s{%s}", f ? ", " : "", running_field_names[f]);
            diag_error(sh->d, v->pos, "'%s': unknown field '%.*s' (known: %s)", path,
                       end ? (int)(end - p + 1) : (int)strlen(p), p, names.data ? names.data : "");
            buf_free(&names);
            return -1;
        }
        p = end;
    }
    *dst = arena_strdup(sh->a, v->text);
    if (!*dst) {
        diag_oom(sh->d);
        return -1;
    }
    return 0;
}

/* A switch written as one of two names: *dst = 0 for name0, 1 for name1. */
static int two_names(sheet *sh, const ynode *v, const char *path, int *dst, const char *name0,
                     const char *name1)
{
    if (v->kind == Y_SCALAR && (strcmp(v->text, name0) == 0 || strcmp(v->text, name1) == 0))
        return *dst = strcmp(v->text, name1) == 0, 0;
    diag_error(sh->d, v->pos, "'%s' must be %s or %s", path, name0, name1);
    return -1;
}

/* Check and store one leaf value. 0 ok, -1 reported. */
static int set_value(sheet *sh, const key_spec *k, const ynode *v, const char *path)
{
    void *dst = field_ptr(sh->s, k->off);
    double x;
    int b;
    switch (k->kind) {
    case V_SIZE:
        if (scalar_number(v, &x) == 0 && x > 0 && x <= 200)
            return *(double *)dst = x, 0;
        diag_error(sh->d, v->pos, "'%s' must be a size in points, above 0 and up to 200", path);
        return -1;
    case V_SPACE:
        if (scalar_number(v, &x) == 0 && x >= 0 && x <= 200)
            return *(double *)dst = x, 0;
        diag_error(sh->d, v->pos, "'%s' must be a length in points, 0 to 200", path);
        return -1;
    case V_MM:
        if (scalar_number(v, &x) == 0 && x >= 0 && x <= 200)
            return *(double *)dst = MM(x), 0;
        diag_error(sh->d, v->pos, "'%s' must be a length in mm, 0 to 200", path);
        return -1;
    case V_FACTOR:
        if (scalar_number(v, &x) == 0 && x >= 0.5 && x <= 5)
            return *(double *)dst = x, 0;
        diag_error(sh->d, v->pos, "'%s' must be a factor of the font size, 0.5 to 5", path);
        return -1;
    case V_BOOL:
        if (scalar_bool(v, &b) == 0)
            return *(int *)dst = b, 0;
        diag_error(sh->d, v->pos, "'%s' must be true or false", path);
        return -1;
    case V_FONT:
        if (v->kind == Y_SCALAR && !yaml_is_null(v) && v->text[0]) {
            const char *copy = arena_strdup(sh->a, v->text);
            if (!copy) {
                diag_oom(sh->d);
                return -1;
            }
            *(const char **)dst = copy;
            return 0;
        }
        diag_error(sh->d, v->pos, "'%s' must be a font set name or a list of families", path);
        return -1;
    case V_COLOR:
        if (scalar_color(v, (uint32_t *)dst) == 0)
            return 0;
        if (yaml_is_null(v))
            diag_error(sh->d, v->pos, "'%s' must be a colour \"#rrggbb\" (quote it: # starts a YAML comment)", path);
        else
            diag_error(sh->d, v->pos, "'%s' must be a colour \"#rrggbb\"", path);
        return -1;
    case V_RATIO:
        if (scalar_number(v, &x) == 0 && x >= 0 && x <= 5)
            return *(double *)dst = x, 0;
        diag_error(sh->d, v->pos, "'%s' must be a number from 0 to 5", path);
        return -1;
    case V_COUNT:
        if (scalar_number(v, &x) == 0 && x >= 0 && x <= 10 && x == (int)x)
            return *(int *)dst = (int)x, 0;
        diag_error(sh->d, v->pos, "'%s' must be a whole number from 0 to 10", path);
        return -1;
    case V_TEMPLATE:
        return template_value(sh, v, path, (const char **)dst);
    case V_PAGE_SIZE:
        return page_size(sh, v, path);
    case V_KOREAN_BREAK:
        return two_names(sh, v, path, (int *)dst, "eojeol", "syllable");
    case V_LINKS:
        return two_names(sh, v, path, (int *)dst, "screen", "print");
    case V_LINE_BREAKING:
        return two_names(sh, v, path, (int *)dst, "first-fit", "total-fit");
    case V_SIDE:
        return two_names(sh, v, path, (int *)dst, "left", "right");
    case V_NUMBER:
    case V_INT: {
        const struct number_range *r = number_ranges;
        while (r->off != k->off)
            r++;
        if (scalar_number(v, &x) == 0 && x >= r->min && x <= r->max &&
            (k->kind == V_NUMBER || x == floor(x))) {
            if (k->kind == V_NUMBER)
                *(double *)dst = x;
            else
                *(int *)dst = (int)x;
            return 0;
        }
        diag_error(sh->d, v->pos, "'%s' must be a %snumber from %g to %g", path,
                   k->kind == V_INT ? "whole " : "", r->min, r->max);
        return -1;
    }
    case V_MAP:
    case V_SLOTS:
        break;
    }
    return -1;
}

/* Offer the dotted paths of the keys below keys ("sizes.header",
 * "page.margins.top"), under prefix, to s; *exact when one is typed itself. */
static void offer_paths(sheet *sh, name_suggest *s, const key_spec *keys, const char *prefix,
                        int depth, int *exact)
{
    for (const key_spec *k = keys; k->name && depth < 4; k++) {
        const char *path = prefix ? arena_printf(sh->scratch, "%s.%s", prefix, k->name) : k->name;
        if (!path) {
            diag_oom(sh->d);
            return;
        }
        if (strcmp(path, s->typed) == 0)
            *exact = 1;
        name_suggest_offer(s, path);
        if (k->sub)   /* a mapping, or a side of the running heads */
            offer_paths(sh, s, k->sub, path, depth + 1, exact);
    }
}

/* The error for key k, unknown in the mapping described by keys (prefix
 * names it): the nearest known name when one is close, and the names known
 * there. A dotted key ("sizes.hedaer", as styles/README.md names keys) is
 * compared with the dotted paths below; one that names a key exactly is
 * told to nest. */
static void unknown_key(sheet *sh, const key_spec *keys, const ynode *k, const char *prefix)
{
    name_suggest near;
    int exact = 0;
    name_suggest_start(&near, k->text);
    if (strchr(k->text, '.'))
        offer_paths(sh, &near, keys, NULL, 0, &exact);
    else
        for (const key_spec *s = keys; s->name; s++)
            name_suggest_offer(&near, s->name);
    buf known = {0};
    if (exact) {
        buf_puts(&known, "style keys nest, one name a level:");
        for (const char *p = k->text, *dot; p; p = dot ? dot + 1 : NULL) {
            dot = strchr(p, '.');
            buf_printf(&known, " %s'%.*s:'", p == k->text ? "" : "then, indented under it, ",
                       dot ? (int)(dot - p) : (int)strlen(p), p);
        }
        diag_error(sh->d, k->pos, "unknown style key '%s': %s", k->text,
                   known.data ? known.data : "");
        buf_free(&known);
        return;
    }
    for (const key_spec *s = keys; s->name; s++)
        buf_printf(&known, "%s%s", s == keys ? "" : ", ", s->name);
    char hint[160];
    const char *did = name_did_you_mean(name_suggest_result(&near), hint, sizeof hint);
    if (prefix[0])
        diag_error(sh->d, k->pos, "unknown style key '%s' in '%s'%s (known: %s)", k->text, prefix,
                   did, known.data ? known.data : "");
    else
        diag_error(sh->d, k->pos, "unknown style key '%s'%s (known: %s)", k->text, did,
                   known.data ? known.data : "");
    buf_free(&known);
}

/* Apply a mapping described by keys. prefix names it in messages ("" at the top). */
static int apply_map(sheet *sh, const key_spec *keys, const ynode *map, const char *prefix)
{
    if (map->kind != Y_MAP) {
        if (prefix[0])
            diag_error(sh->d, map->pos, "'%s' must be a mapping of keys to values, not %s",
                       prefix, yaml_kind_name(map));
        else
            diag_error(sh->d, map->pos, "a style sheet must be a mapping of keys to values, not %s",
                       yaml_kind_name(map));
        return -1;
    }
    int failed = 0;
    for (const ynode *k = map->first; k && k->next; k = k->next->next) {
        const ynode *v = k->next;
        if (k->kind != Y_SCALAR) {
            diag_error(sh->d, k->pos, "style keys must be plain names");
            failed = 1;
            continue;
        }
        const key_spec *spec = keys;
        while (spec->name && strcmp(spec->name, k->text) != 0)
            spec++;
        if (!spec->name) {
            unknown_key(sh, keys, k, prefix);
            failed = 1;
            continue;
        }
        for (const ynode *e = map->first; e != k; e = e->next->next)
            if (e->kind == Y_SCALAR && strcmp(e->text, k->text) == 0) {
                diag_error(sh->d, k->pos, "style key '%s' given twice", k->text);
                failed = 1;
                break;
            }
        const char *path = key_path(sh, prefix, k->text);
        if (spec->kind == V_SLOTS)   /* a side set at all is set whole: no slot inherited */
            *(running_spec *)field_ptr(sh->s, spec->off) = (running_spec){"", "", ""};
        if (spec->kind == V_SLOTS && v->kind == Y_SCALAR &&
            (yaml_is_null(v) || strcmp(v->text, "none") == 0))
            continue;
        if (spec->kind == V_MAP || spec->kind == V_SLOTS)
            failed |= apply_map(sh, spec->sub, v, path) != 0;
        else
            failed |= set_value(sh, spec, v, path) != 0;
    }
    return failed ? -1 : 0;
}

int input_load_style(const char *path, style *s, arena *a, diag *d)
{
    char *data = NULL;
    size_t len = 0;
    srcpos start = {path, 1, 1};
    if (read_file(path, &data, &len) != 0)
        return diag_errno(d, start, errno, "cannot read");
    size_t bad = utf8_check(data, len);
    const char *nul = memchr(data, '\0', len);
    if (bad != (size_t)-1 || nul) {
        size_t off = nul && (bad == (size_t)-1 || (size_t)(nul - data) < bad) ? (size_t)(nul - data) : bad;
        diag_error(d, sanitize_pos(path, data, off),
                   nul ? "style sheet is not text (NUL byte or invalid UTF-8)"
                       : "invalid UTF-8 in style sheet");
        free(data);
        return -1;
    }
    arena *tmp = arena_new();
    if (!tmp) {
        diag_oom(d);
        free(data);
        return -1;
    }
    ynode *root = NULL;
    int rc = yaml_load_tree(tmp, data, len, path, 1, d, &root);
    if (rc == 0 && root && !yaml_is_null(root)) {
        sheet sh = {s, a, tmp, d};
        rc = apply_map(&sh, top_keys, root, "");
    }
    arena_free(tmp);
    free(data);
    return rc;
}
