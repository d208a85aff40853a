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
};

/* What a block is for, when its kind alone does not say how to lay it out. */
enum block_role {
    R_BODY,
    R_TITLE,        /* release title (an N_H) */
    R_SUBTITLE,     /* release subtitle (an N_P) */
    R_META,         /* date / department / contact line (an N_P) */
    R_RELEASE_HEAD, /* N_DIV holding subtitle and meta lines */
    R_NOTES,        /* N_DIV holding a release's footnotes */
};

enum cell_align { ALIGN_NONE, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

/* Release metadata from the front matter, hung on its N_SECT. */
typedef struct release_meta {
    const char *title, *subtitle, *date, *lang, *department, *contact, *id;
    const char *file;
} release_meta;

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
                            N_FIGURE: resolved image path; N_SECT: the release title */
    const char *alt;     /* N_FIGURE: alt text; N_LINK: description for /Contents */
    int img_w, img_h;    /* N_FIGURE: pixel size, read from the file header */
    int id;              /* unique in the document, in tree order (1-based) */
    const release_meta *meta;   /* N_SECT: the release's front matter */
    const node *target;  /* N_LINK of a footnote mark: the N_NOTE it points to */
};

typedef struct document {
    arena *arena;        /* owns every node and string of the document */
    node *root;          /* N_DOCUMENT */
    const char *title;   /* document title (Info, XMP, running head) */
    const char *lang;    /* document language, catalog /Lang */
    const char *date;    /* YYYY-MM-DD of the first release, for metadata */
    release_meta **releases;  /* in order, nreleases of them */
    int nreleases;
    int nnodes;          /* ids run 1..nnodes */
} document;

/* New empty document with a fresh arena and an N_DOCUMENT root; NULL on OOM. */
document *doc_new(void);
void doc_free(document *d);        /* frees the arena and everything in it */

node *doc_node_new(document *d, enum node_kind kind, srcpos pos);  /* NULL on OOM */
void doc_append(node *parent, node *child);
void doc_remove(node *n);          /* unlink from its parent */
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

/* ---- computed style: plain data, the default compiled in, overridden by -s ---- */

enum font_role { FONT_SERIF, FONT_SANS, FONT_MONO, FONT_ROLE_COUNT };

typedef struct style {
    /* page, in points */
    double page_w, page_h;
    double margin_top, margin_bottom, margin_inner, margin_outer;
    int two_sided;             /* mirrored margins; releases start on right-hand pages */
    /* fonts: a font set name (fonts/NAME.fontset) or a comma-separated family chain */
    const char *font[FONT_ROLE_COUNT];
    /* sizes in points; leading is a factor of the size (KL: 1.6 for Korean body) */
    double body_size, body_leading;
    double heading_size[7];    /* [1..6] */
    double heading_leading;
    double title_size, subtitle_size, meta_size;
    double code_size, table_size, note_size, header_size;
    double para_space;         /* space between paragraphs */
    double list_indent;        /* per nesting level */
    double quote_indent;
    int justify;               /* 1: justified body text, last line flush start */
    int korean_syllable_break; /* 0: eojeol (keep-all); 1: may break between syllables */
    int link_show_url;         /* print: append the URL after link text on paper */
    uint32_t text_color, link_color, rule_color;   /* 0xRRGGBB */
    /* running header / footer: fields are "title", "release", "page", "date", "" */
    const char *header_left, *header_right, *footer_center;
} style;

/* The compiled-in default style (print: two-sided A4). */
void style_default(style *s);

#endif
