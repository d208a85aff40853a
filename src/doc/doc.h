/* doc: the document tree and the computed style — plain data that input/
 * builds and layout/ and pdf/ read. The tree IS the structure tree of the PDF:
 * element node kinds are PDF structure types; a few kinds (TEXT, BREAK, RULE)
 * are content, not elements. Every node lives in the document's arena.
 * Walk it with doc_next (an ENTER/EXIT iterator, as in cmark). */
#ifndef BULLETIN_DOC_H
#define BULLETIN_DOC_H

#include "../util/util.h"

/* How deep lists, block quotes and footnotes nest in the tree. Input sets
 * what is nested deeper at this depth (one warning per release), so every
 * walk of the tree stays this shallow; layout indents no further than this.
 * Nothing is left out. */
enum { DOC_MAX_NESTING = 16 };

/* Heading levels run from 1 to this (H1 … H6, PDF's standard types). */
enum { DOC_HEADING_LEVELS = 6 };

enum node_kind {
    /* structure elements (PDF 1.7 standard structure types) */
    N_DOCUMENT, N_PART, N_SECT, N_DIV,
    N_H,                      /* level 1..6 in node.level, written as H1..H6 */
    N_P, N_BLOCKQUOTE, N_CODE, N_NOTE,
    N_L, N_LI, N_LBL, N_LBODY,
    N_TABLE, N_THEAD, N_TBODY, N_TR, N_TH, N_TD,
    N_FIGURE, N_CAPTION,
    N_LINK, N_SPAN, N_REFERENCE,
    N_TOC, N_TOCI,
    N_INDEX,                  /* the index by department: its initials, departments, entries */
    /* content: never structure elements themselves */
    N_TEXT,                   /* text = UTF-8, flags = inline style */
    N_BREAK,                  /* hard line break inside a paragraph */
    N_RULE,                   /* thematic break: drawn as an artifact */
    N_KIND_COUNT
};

/* Inline style flags on N_TEXT (and N_CODE for inline code). */
enum {
    NF_EMPH = 1u << 0,
    NF_STRONG = 1u << 1,
    NF_CODE = 1u << 2,        /* inline code span */
    NF_STRIKE = 1u << 3,
    NF_SUPER = 1u << 4,       /* superscript (footnote marks) */
    NF_ORDERED = 1u << 8,     /* N_L: numbered list */
    NF_BLOCK = 1u << 9,       /* N_CODE: a code block, not an inline span */
    NF_AUTOLINK = 1u << 10,   /* N_LINK: the text is the URL itself */
    NF_HEADER_ROW = 1u << 11, /* N_TR: the table's header row */
    NF_TASK = 1u << 12,       /* N_LI: a task list item ([ ] or [x]); its N_LBL's alt says its state */
    NF_CHECKED = 1u << 13,    /* N_LI: a task that is done ([x]) */
    NF_DECORATIVE = 1u << 14, /* N_FIGURE: empty alt text: drawn as an artifact, never tagged */
};

/* What a block is for, when its kind alone does not say how to lay it out. */
enum block_role {
    R_BODY,
    R_TITLE,        /* release title (an N_H) */
    R_SUBTITLE,     /* release subtitle (an N_P) */
    R_META,         /* date / department / contact line (an N_P) */
    R_RELEASE_HEAD, /* N_DIV holding subtitle and meta lines */
    R_NOTES,        /* N_DIV holding a release's footnotes */
    R_COVER,        /* N_DIV: a bulletin's or volume's cover (front matter, no running heads) */
    R_COVER_TITLE,  /* the cover's title (an N_H, level 1) */
    R_COVER_LIST,   /* the cover's list of releases or weekly bulletins (an N_L) */
    R_CONTENTS,     /* N_DIV holding the contents' heading and its N_TOC (front matter) */
    R_PART_TITLE,   /* a weekly bulletin's title inside a volume (an N_H) */
    R_ENTRY_META,   /* a second, smaller line of a cover entry (an N_P): date, language;
                       of an index entry: date, id */
    R_COVER_LOGO,   /* the publisher's logo on the cover (an N_FIGURE), its name beside it */
    R_INDEX,        /* N_SECT: the index by department (text: its heading's words) */
    R_INDEX_INITIAL,   /* an index initial (an N_H): ㄱ, A, or the no-department heading */
    R_INDEX_DEPARTMENT,   /* an index department's name (an N_H) */
};

enum cell_align { ALIGN_NONE, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

/* A file the document was made from, as the input stage read it: what the
 * archive carries as a PDF/A-3 associated file (input/sources.c). */
enum source_kind { SOURCE_MANIFEST, SOURCE_RELEASE, SOURCE_IMAGE, SOURCE_STYLE };

typedef struct source_file {
    enum source_kind kind;
    const char *path;        /* its real path, to read it again */
    const char *name;        /* its path relative to the root, '/'-separated (/F, /UF) */
    int outside_root;        /* named on the command line outside the root: name is its file name */
    const char *mime;        /* "text/markdown", "application/yaml", "image/png", "image/jpeg" */
    const char *desc;        /* what it is, in the document's words (/Desc) */
    size_t bytes;            /* its size as read */
    uint64_t hash;           /* FNV-1a of its bytes as read: pdf/ embeds only these bytes */
} source_file;

/* Release metadata from the front matter, hung on its N_SECT. */
typedef struct release_meta {
    const char *title, *subtitle, *date, *lang, *department, *contact, *id;
    const char *date_text;   /* the date as the release's readers write it */
    const char *file;
    const source_file **sources;   /* its Markdown, then the images it shows (once each) */
    int nsources;
} release_meta;

/* An image file as the input stage found it (input/image.c): its format and
 * every fact the later stages need to place and embed it, decided once. */
enum image_format { IMAGE_PNG = 1, IMAGE_JPEG };
enum image_color { IMAGE_GRAY, IMAGE_RGB, IMAGE_PALETTE, IMAGE_CMYK };
enum {
    IMAGE_ALPHA = 1u << 0,          /* PNG: an alpha channel (colour type 4 or 6) */
    IMAGE_TRNS = 1u << 1,           /* PNG: a tRNS chunk (transparent colour or palette alpha) */
    IMAGE_INTERLACED = 1u << 2,     /* PNG: Adam7 */
    IMAGE_PROGRESSIVE = 1u << 3,    /* JPEG: progressive (SOF2) */
    IMAGE_ADOBE_INVERTED = 1u << 4, /* JPEG CMYK with an Adobe APP14 marker: inverted inks */
    IMAGE_INK_FOUND = 1u << 5,      /* ink_* were looked for in the pixels (a cover's logo) */
};

typedef struct image_info {
    const char *path;         /* real path of the file, inside the root */
    const char *name;         /* as the first release that shows it wrote it, for messages */
    enum image_format format;
    enum image_color color;   /* JPEG YCbCr counts as RGB, YCCK as CMYK */
    int width, height;        /* pixels as stored */
    int view_w, view_h;       /* pixels as shown: swapped when orientation turns by 90° */
    int components;           /* colour samples per pixel as stored: 1, 3 or 4 (palette: 1) */
    int bits;                 /* bits per sample: PNG 1, 2, 4, 8, 16; JPEG 8 */
    int orientation;          /* EXIF 1..8; 1: as stored */
    int ink_x, ink_y, ink_w, ink_h;   /* the part of the picture as shown that is not fully
                                 transparent (looked for in a cover's logo, whose margins
                                 must not push it off the margin); else all of it */
    unsigned flags;           /* IMAGE_* */
    size_t bytes;             /* file size when checked */
    uint64_t hash;            /* FNV-1a of the file when checked: pdf/ embeds only these bytes */
    const source_file *source;   /* the file as the archive carries it; NULL: not recorded */
} image_info;

typedef struct node node;
struct node {
    enum node_kind kind;
    enum block_role role;
    node *parent, *first, *last, *prev, *next;
    srcpos pos;          /* where it came from in the source */
    const char *lang;    /* BCP 47 set on this node (Document, Sect, Span); NULL: inherited */
    unsigned flags;      /* NF_* */
    int level;           /* N_H: 1..6; N_L: nesting depth from 1 */
    int number;          /* N_L: first number of an ordered list; N_LI: its number;
                            N_NOTE / N_REFERENCE: footnote number; N_TH/N_TD: column */
    enum cell_align align;      /* N_TH / N_TD */
    const char *text;    /* N_TEXT: the text; N_CODE block: the code; N_LINK: the URI;
                            N_SECT, N_PART and the contents' N_DIV: the title */
    const char *alt;     /* N_FIGURE: alt text; N_LINK: description for /Contents;
                            N_LBL of a task: its state, spoken (/ActualText);
                            N_INDEX: the word after a department's name repeated
                            atop a column it continues in ("continued") */
    const image_info *image;    /* N_FIGURE: the image file, shared by figures that show it */
    int id;              /* unique in the document, in tree order (1-based) */
    const release_meta *meta;   /* N_SECT: the release's front matter */
    const node *target;  /* N_LINK of a footnote mark: the N_NOTE it points to;
                            N_LINK in a TOC: the heading it points to */
};

/* An e-mail address, checked (mail/address.c parses it): addr the addr-spec
 * (ASCII, local@domain), name the display name (UTF-8, one line) or NULL. */
/* Characters of an addr-spec at most: with <>, a comma and the folding
 * space it still fits one header line of 78. */
enum { MAIL_ADDRESS_MAX = 74 };

typedef struct mail_address {
    const char *name, *addr;
} mail_address;

/* Who the bulletin is sent from and to: a manifest's `mail:` block (input),
 * the command line's --mail-* options over it (main). */
typedef struct mail_parties {
    const mail_address *from, *reply_to;   /* NULL: none */
    const mail_address *to, *cc, *bcc;     /* nto, ncc, nbcc of them */
    int nto, ncc, nbcc;
} mail_parties;

/* What the document is, which decides its heading levels (DESIGN §2): releases
 * rendered on their own (titles H1), a weekly bulletin (H1 bulletin, H2
 * releases), or a yearly volume (H1 volume, H2 weekly bulletins as Parts, H3
 * releases). Bulletins and volumes have a cover and contents. */
enum doc_shape { SHAPE_RELEASES, SHAPE_BULLETIN, SHAPE_VOLUME };

typedef struct document {
    arena *arena;        /* owns every node and string of the document */
    node *root;          /* N_DOCUMENT */
    enum doc_shape shape;
    const char *title;   /* document title (Info, XMP, running head) */
    const char *lang;    /* document language, catalog /Lang */
    const char *date;    /* YYYY-MM-DD: the manifest's, else the first release's */
    const char *author;  /* the publisher, or the first release's department; NULL: none */
    release_meta **releases;  /* in order, nreleases of them */
    int nreleases;
    const source_file **sources;   /* the manifests (and a style sheet they name), as read */
    int nsources;
    int nnodes;          /* ids run 1..nnodes */
    mail_parties mail;   /* the manifest's `mail:` block; all empty without one */
} document;

/* New empty document with a fresh arena and an N_DOCUMENT root; NULL on OOM. */
document *doc_new(void);
void doc_free(document *d);        /* frees the arena and everything in it */

node *doc_node_new(document *d, enum node_kind kind, srcpos pos);  /* NULL on OOM */
void doc_append(node *parent, node *child);
void doc_remove(node *n);          /* unlink from its parent */
void doc_insert_after(node *ref, node *n);   /* n becomes ref's next sibling */
/* Give every node its id in tree order; call once the tree is complete. */
void doc_number(document *d);

/* ENTER/EXIT walk: returns the next node after cur, setting *entering.
 * Start with cur = root and *entering = 1 from the caller's first visit;
 * ends (NULL) after exiting root. Content kinds are visited entering only. */
node *doc_next(const node *root, const node *cur, int *entering);

/* The language in force at n (nearest lang up the tree). */
const char *doc_lang(const node *n);
/* The PDF structure type name of a kind ("P", "H2" for N_H level 2...); NULL for content kinds. */
const char *doc_struct_type(const node *n);
/* Is the kind a structure element (not TEXT/BREAK/RULE)? */
int doc_is_element(enum node_kind k);
/* level brought into 1 … DOC_HEADING_LEVELS: the one home of the clamp that
 * input's heading levels, layout's sizes, the structure types and the
 * outline all read. */
int doc_heading_level(int level);

/* The bullets of unordered lists, by nesting level: the first level's, the
 * second's, the third's, then again from the fourth. Layout draws the
 * character, the PDF's list attributes name the shape: both read it here. */
enum list_bullet { BULLET_DISC, BULLET_CIRCLE, BULLET_SQUARE, BULLET_KINDS };
/* The bullet of an unordered N_L at nesting level (node.level; from 1). */
enum list_bullet doc_list_bullet(int level);
/* Its character, UTF-8. */
const char *doc_bullet_text(enum list_bullet b);
/* Its name as PDF's /ListNumbering writes it: Disc, Circle, Square. */
const char *doc_bullet_numbering(enum list_bullet b);

/* ---- computed style: plain data, the default compiled in, overridden by -s ---- */

enum font_role { FONT_SERIF, FONT_SANS, FONT_MONO, FONT_ROLE_COUNT };

/* Images: shown at most at their size at `dpi` pixels per inch; embedded with
 * no more than `max_dpi` of their size on the page (0: as they are); JPEGs we
 * encode (CMYK converted, photographs downsampled) at `jpeg_quality` (1..100). */
typedef struct image_style {
    double dpi, max_dpi;
    int jpeg_quality;
} image_style;

/* Running header and footer fields, written {name} inside a template. */
enum running_field {
    FIELD_DOCUMENT_TITLE,   /* {document.title}: the whole document's title */
    FIELD_BULLETIN_TITLE,   /* {bulletin.title}: the weekly bulletin's (in a volume) or the document's */
    FIELD_RELEASE_TITLE,    /* {release.title}: the release on the page (or the section: Contents) */
    FIELD_RELEASE_DATE,     /* {release.date}: its date, as its readers write it */
    FIELD_PAGE,             /* {page}: the page's label (iii, 12) */
    FIELD_PAGES,            /* {pages}: how many body pages */
    FIELD_COUNT
};
/* The field's name as written between braces. */
extern const char *const running_field_names[FIELD_COUNT];

/* One running line: templates at the left, centre and right of the frame
 * ("" or NULL: nothing there). */
typedef struct running_spec {
    const char *left, *center, *right;
} running_spec;

enum { SIDE_VERSO, SIDE_RECTO };   /* left-hand and right-hand pages */

typedef struct style {
    /* page, in points */
    double page_w, page_h;
    double margin_top, margin_bottom, margin_inner, margin_outer;
    int two_sided;             /* mirrored margins; releases start on right-hand pages */
    /* fonts: a font set name (fonts/NAME.fontset) or a comma-separated family chain */
    const char *font[FONT_ROLE_COUNT];
    /* sizes in points; a leading is a factor of its size (KL: 1.6 for Korean body) */
    double body_size, body_leading;
    double heading_size[DOC_HEADING_LEVELS + 1];   /* [1..6] */
    double heading_leading;
    double heading_space_before, heading_space_after;   /* em of the heading's size */
    double title_size, subtitle_size, meta_size, meta_leading;
    double code_size, code_leading, code_padding;       /* code blocks; padding in points */
    uint32_t code_background;
    double code_scale;         /* inline code: factor of the text size */
    double super_scale, super_rise;   /* footnote marks: size and rise, factors of the text size */
    double table_size, table_leading, cell_padding, table_rule, table_header_rule;
    double note_size, note_rule_length;
    double note_rule_share;    /* ... the rule at most this share of the notes' column */
    double para_space;         /* space between paragraphs */
    double section_space;      /* around rules, after a release's head, above its notes */
    double baseline;           /* em: a line's baseline below the top of its type */
    double list_indent;        /* per nesting level, at least */
    double list_label_gap;     /* em between a list label and its text */
    double list_item_space;    /* factor of para_space between list items */
    double bullet_scale;       /* the second level's bullet ◦ (full-width in the Korean faces) set smaller */
    double bullet_rise;        /* ... and raised by this share of the height it lost */
    double square_scale;       /* the third level's bullet ■ (a full-width square in the
                                  Korean faces) set smaller */
    double square_rise;        /* ... and raised by this share of the height it lost */
    double min_measure;        /* em: nesting (lists, quotes, notes) never leaves a column
                                  narrower than this; nor is an index column made narrower */
    double quote_indent, quote_bar;   /* block quotes: indent, width of the rule beside them */
    double rule_width;         /* thematic breaks and the rule under a release's head */
    double figure_min_fit;     /* a figure shrinks to fit a page's rest down to this factor */
    double figure_min_height;  /* ... and never below this height, in points */
    int justify;               /* 1: justified body text, last line flush start */
    int korean_syllable_break; /* 0: eojeol (keep-all); 1: may break between syllables */
    int hang_markers;          /* Korean paragraphs opening with a marker (□ ○ ※ …) and a space:
                                  1: their other lines start under the text after it (R4.2);
                                  0: at the margin */
    /* line breaking (text.h break_params says what each value means) */
    int total_fit;             /* 1: Knuth–Plass; 0: first fit */
    int hyphenate;             /* English words in justified text hyphenate (libhyphen) */
    double tolerance, hyphen_tolerance, emergency_stretch;   /* badness; em */
    double line_penalty, hyphen_penalty, last_resort_penalty;
    double adjacent_demerits, double_hyphen_demerits, final_hyphen_demerits;
    int hyphen_min_before, hyphen_min_after, hyphen_max_lines;
    double space_stretch, space_shrink;   /* factors of a word space */
    double gap_after;          /* Korean: space stretch ratio before syllable gaps open */
    double gap_shrink;         /* em a syllable gap may close */
    double glyph_scale;        /* share glyphs may widen or narrow by, justifying */
    double emergency_glyph_scale;   /* the same, where spaces would pass space_limit */
    double space_limit;        /* share of its width a word space widens by at most */
    double ragged_stretch;     /* em, unjustified lines */
    int link_show_url;         /* print: append the URL after link text on paper */
    double link_depth, link_height;   /* em: a link's click area reaches this far below the
                                  baseline, and is this high */
    uint32_t text_color, link_color, rule_color, meta_color;   /* 0xRRGGBB */
    /* running header and footer: [SIDE_VERSO], [SIDE_RECTO]; single-sided
     * pages all use the recto's. Templates hold {fields} (enum running_field). */
    running_spec header[2], footer[2];
    double header_size;
    double header_gap;         /* em: at least this between two texts of a running line */
    double header_center_share;   /* a centred running text that does not fit beside the
                                  others keeps this share of the frame's width */
    double header_offset;      /* the header's rule sits this far above the frame */
    double header_rule;        /* its width; 0: no rule */
    double header_rule_gap;    /* the header's baseline above its rule */
    double footer_offset;      /* the footer's baseline this far below the frame */
    /* cover and contents (bulletins and volumes) */
    double cover_title_size, cover_subtitle_size, cover_meta_size, cover_entry_size;
    int cover_columns;         /* at most this many columns for the cover's list */
    double cover_column_gap;   /* between them, points */
    double cover_top_space;    /* above the cover's title, points */
    double cover_rule;         /* width of the rule above the cover's list */
    uint32_t cover_accent;     /* 0xRRGGBB: the cover's band and rule (the publisher's colour) */
    double cover_band;         /* height of the accent band across the cover's top edge; 0: none */
    double cover_logo_height;  /* the publisher's logo (manifest `logo:`), points high at most */
    int cover_logo_right;      /* 1: the logo at the frame's right, the publisher's name at its
                                  left; 0: the logo at the left, the name beside it */
    double cover_logo_gap;     /* between the logo and the publisher's name, points */
    double cover_logo_share;   /* the logo takes at most this share of the frame's width */
    double cover_entry_share;  /* an entry's meta line goes beside its main line when that
                                  takes at most this share of the column (and both fit) */
    double contents_size;      /* contents entries */
    double contents_indent;    /* per contents level, points */
    double contents_leader;    /* distance between leader dots, points */
    double contents_gap;       /* before the page number (and between entry and dots), points */
    image_style images;
    /* the index by department (bulletins and volumes) */
    int index_bulletin, index_volume;   /* made for a weekly bulletin / for a yearly volume */
    int index_columns;         /* its entries in this many columns */
    double index_column_gap;   /* between them, points */
    double index_size;         /* an entry's title and page number */
    double index_leading;      /* their line pitch, a factor of index_size */
    double index_meta_size;    /* an entry's date and id line */
    double index_initial_size; /* the initials (ㄱ, A) */
    double index_department_size;   /* a department's name */
    double index_indent;       /* entries under their department, points */
    /* the archive: the sources carried inside the PDF (PDF/A-3 associated files) */
    int embed_sources;         /* each release's Markdown and the manifests */
    int embed_images;          /* ... and the image files the releases show */
} style;

/* The compiled-in default style (print: two-sided A4). */
void style_default(style *s);

#endif
