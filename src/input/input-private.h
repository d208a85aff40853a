/* input-private.h — what the files of input/ share, and nothing outside it:
 * a small YAML tree (yaml.c), character helpers, the sanitiser of a release's
 * characters (sanitize.c), front matter (frontmatter.c), the path sandbox
 * (paths.c), raw HTML (html.c), image headers (image.c), e-mail addresses
 * (address.c, parties.c, mailblock.c), and the release
 * loader that release.c, markdown.c, dates.c, footnotes.c, html.c and
 * figure.c work on together. Not part of the module's contract. */
#ifndef BULLETIN_INPUT_PRIVATE_H
#define BULLETIN_INPUT_PRIVATE_H

#include <cmark-gfm.h>
#include "input.h"

enum ynode_kind { Y_SCALAR, Y_SEQ, Y_MAP };

/* One YAML node. A mapping's children alternate key, value, key, value... */
typedef struct ynode ynode;
struct ynode {
    enum ynode_kind kind;
    srcpos pos;          /* where the node starts in the file (1-based) */
    const char *text;    /* Y_SCALAR: the value (UTF-8, NUL-terminated) */
    int plain;           /* Y_SCALAR: written without quotes */
    ynode *first, *last, *next;
    int count;           /* number of children */
};

/* Parse YAML text (len bytes) that starts at line first_line of file.
 * Nodes and strings live in a. *root is NULL for an empty stream.
 * 0 ok, -1 error (reported through d at the real file position). */
int yaml_load_tree(arena *a, const char *text, size_t len, const char *file,
                   int first_line, diag *d, ynode **root);

/* Is the scalar a YAML null (empty plain, "~", "null")? */
int yaml_is_null(const ynode *n);

/* What a plain (unquoted) scalar stands for when YAML reads it as no string:
 * "a number" (12, -1.5, 0x1F, .inf), "a boolean" (true, false); NULL otherwise. */
const char *yaml_plain_type(const ynode *n);

/* The name of a node's kind for messages: "a string", "a list", "a mapping". */
const char *yaml_kind_name(const ynode *n);

/* Wrap runs of another script's language in the text of release sect (Latin
 * in Korean, Hangul in English) in N_SPANs with that /Lang. 0 ok, -1 OOM. */
int input_mark_languages(document *doc, node *sect);

/* ---- characters ------------------------------------------------------ */

static inline int input_is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int input_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Only blanks (space, tab, CR, LF)? */
static inline int input_is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
}

/* The value of hex digit c (0..15), or -1. */
static inline int input_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* An image being checked, and how its problem is said: "cannot use WHAT
 * 'NAME': what is wrong and what to do", at `at`, through d. */
typedef struct image_check {
    const char *what, *name;   /* "image", "logo"; as the file naming it wrote it */
    srcpos at;
    diag *d;
} image_check;

/* The facts of the image file held in data[len] (image.c): 0 with *info
 * filled (path and name left NULL), or -1 reported as ck says. No pixel is
 * decoded. */
int image_read_facts(const unsigned char *data, size_t len, image_info *info,
                     const image_check *ck);
/* The facts of the image file at real (a resolved path inside the root),
 * read once per document and remembered in cache (may be NULL); name: as the
 * file naming it wrote it, what: "image", "logo" — for messages; ink: find
 * the box of its pixels that are not transparent too (image_info.ink_*). In
 * doc's arena; NULL after reporting at `at` why it cannot be used. */
const image_info *input_checked_image(document *doc, strmap *cache, const char *real,
                                      const char *name, const char *what, int ink, srcpos at,
                                      diag *d);

/* ---- characters of a release (sanitize.c) -------------------------------- */

/* The byte that stands in for a dropped code point in a release body, so
 * the columns cmark reports stay those of the file; the text pass removes it. */
enum { SANITIZE_FILL = 0x1A };   /* ASCII SUB, "substitute" */

/* What was dropped from one release, for one warning per kind. */
typedef struct sanitizer {
    diag *d;
    const char *file;
    int count[UC_KINDS];         /* how many of each kind */
    srcpos first[UC_KINDS];      /* where the first of each kind was */
    uint32_t first_cp[UC_KINDS];
    unsigned warned;             /* kinds reported (bit 1 << kind) */
} sanitizer;

enum { TEXT_INLINE, TEXT_CODE };

/* The position of byte off of data (lines from 1, columns in bytes from 1). */
srcpos sanitize_pos(const char *file, const char *data, size_t off);
/* Whole-file checks of a release's bytes: not empty, not UTF-16/32, no NUL,
 * valid UTF-8 (errors); then a leading byte-order mark is dropped and CRLF and
 * lone CR become LF (*len shrinks). 0 ok, -1 reported. */
int sanitize_file(const char *file, char *data, size_t *len, diag *d);
/* Drop unusable code points from source text s (*n bytes starting at line
 * first_line, column 1): removed, or with fill overwritten by SANITIZE_FILL
 * bytes; form feed, vertical tab and NEL become a space. Counted for
 * sanitize_report. */
void sanitize_source(sanitizer *z, char *s, size_t *n, int first_line, int fill);
/* One warning per kind counted so far and not yet reported, at the first one. */
void sanitize_report(sanitizer *z);
/* A copy in a of decoded text s[0..n) without fill bytes and unusable code
 * points (those made by entities or escapes warned at `at`, once per kind),
 * tabs as one space (TEXT_INLINE) or to stops of 4 (TEXT_CODE). NULL on OOM (reported). */
char *sanitize_text(sanitizer *z, arena *a, const char *s, size_t n, srcpos at, int mode);
/* The same in place on a NUL-terminated string, without warnings. */
void sanitize_strip(char *s);

/* ---- front matter (frontmatter.c) --------------------------------------- */

enum { MAX_LANG_LEN = 63 };   /* RFC 5646 asks for at least 35 */

enum fm_key { K_TITLE, K_SUBTITLE, K_DATE, K_LANG, K_DEPARTMENT, K_CONTACT, K_ID, K_COUNT };

typedef struct front_matter {
    const char *value[K_COUNT];   /* in the document arena; NULL when absent */
    srcpos at[K_COUNT];           /* where each value was written */
} front_matter;

/* Find the front matter of a release: YAML text [*ys, *ys + *ylen), the body
 * from *body (at file line *body_line). 0 ok, -1 reported. */
int frontmatter_split(const char *file, const char *data, size_t len, diag *d, const char **ys,
                      size_t *ylen, const char **body, int *body_line);
/* Read and check the front matter keys; values are copied into doc's arena
 * through z (what YAML escapes make is sanitised like the body's text).
 * Every problem is reported; 0 when there was none. */
int frontmatter_read(document *doc, const char *file, const char *ys, size_t ylen, diag *d,
                     sanitizer *z, front_matter *fm);
/* YYYY-MM-DD naming a real day? */
int input_valid_date(const char *s);
/* The days of month (1–12) in year (the Gregorian calendar). */
int input_month_days(int year, int month);
/* The date as a reader of lang writes it: Korean "2019. 6. 19.(수)", English
 * "19 June 2019", else as given. date must be valid; the string lives in a. */
const char *input_display_date(arena *a, const char *date, const char *lang);
/* A well-formed BCP 47 tag of at most MAX_LANG_LEN characters? */
int input_valid_lang(const char *s);
/* The days from..to (valid dates, from <= to) as a reader of lang writes a
 * range: "17–21 June 2019", "2019. 6. 17.~6. 21.". In a. */
const char *input_display_range(arena *a, const char *from, const char *to, const char *lang);


/* ---- paths (paths.c) ----------------------------------------------------- */

enum {
    PATH_PERCENT = 1,      /* the reference is a URL path: %XX escapes are decoded */
    PATH_IN_MANIFEST = 2,  /* named in a manifest (for the messages) */
};

/* How messages name ref, written in the file `from`: from's folder joined
 * with ref, "dir/../" pairs folded ("../corpus/releases/x.md"). In a. */
const char *input_display_path(arena *a, const char *from, const char *ref);
/* Does s start with a URL scheme ("https:", "data:", "file:")? */
int input_has_url_scheme(const char *s);
/* Resolve ref, written in the file `from`, relative to from's folder. It must
 * be relative, not a URL, and name a regular file inside root (checked
 * lexically and after symbolic links). Returns the real path (heap, the
 * caller frees), or NULL after one error at `at` naming `what` ("image"). */
char *input_resolve_path(const char *root, const char *from, const char *ref, unsigned flags,
                         const char *what, srcpos at, diag *d);

/* ---- raw HTML (html.c) --------------------------------------------------- */

/* Raw HTML met so far in a release. */
typedef struct html_state {
    const char *hidden;  /* inside this element (script, style...): nothing is shown */
    const char *last;    /* the hidden element opened last */
    int opened;          /* such elements opened so far */
} html_state;

/* Raw HTML without its tags, comments and the content of hidden elements
 * (script, style, iframe, object, template; st carries an open one from one
 * piece of HTML to the next), entities decoded, blanks collapsed; each <br>
 * (<br/>, <br />, any case) a '\n', the only one. *only_breaks: its tags
 * were <br> and nothing else (nothing was left out). Heap; NULL when out of
 * memory. */
char *html_strip(const char *html, html_state *st, int *only_breaks);

/* ---- front matter of bulletins and volumes (frontpages.c) ---------------- */

/* Nodes input makes itself for what a document says of it (cover, contents,
 * index): into doc, out of memory said through d once (failed). */
typedef struct node_builder {
    document *doc;
    diag *d;
    int failed;
} node_builder;

/* A node of kind with role appended to parent; NULL out of memory (said). */
node *builder_add(node_builder *b, node *parent, enum node_kind kind, enum block_role role);
/* An element of kind with role holding text (NULL text or parent: nothing
 * added, NULL); NULL out of memory (said). */
node *builder_add_text(node_builder *b, node *parent, enum node_kind kind, enum block_role role,
                       const char *text);
/* lang when it is not the document's (the element then carries its own
 * /Lang), else NULL. */
const char *builder_foreign_lang(const node_builder *b, const char *lang);

typedef struct frontpage_info {
    const char *subtitle, *issue, *publisher;   /* from the manifest; NULL when absent */
    const image_info *logo;    /* the publisher's logo (`logo:`), NULL when absent */
    srcpos logo_at;            /* where the manifest names it */
    const char **part_issue;   /* a volume: each weekly bulletin's issue, in order */
    int nparts;
} frontpage_info;

/* Append the (empty) cover and contents N_DIVs to doc->root, before any release. */
int frontpages_begin(document *doc, node **cover, node **contents, diag *d);
/* After a weekly bulletin's title in a volume (part's first child), its head
 * block: the issue and the dates of its releases. 0 ok, -1 OOM (reported). */
int frontpages_part_head(document *doc, node *part, const char *issue, diag *d);
/* Words of the front matter's language that other parts of input/ set. */
typedef struct frontpage_words {
    const char *no_department;   /* the index's heading of releases without a department */
    const char *separator;       /* between the parts of a meta line (" · ") */
} frontpage_words;
/* Append the index's section to doc->root — an N_SECT (R_INDEX) holding its
 * heading (an H2, in the bulletin's language) and the empty N_INDEX returned
 * in *index — and list it last in the contents. 0 ok, -1 OOM (reported). */
int frontpages_index(document *doc, node **index, frontpage_words *words, diag *d);
/* Fill them from the releases and parts now in the tree. 0 ok, -1 OOM (reported). */
int frontpages_fill(document *doc, node *cover, node *contents, const frontpage_info *info,
                    diag *d);

/* ---- a manifest's mail: block (mailblock.c) --------------------------------- */

/* The mail: block (written at key_at) into doc->mail: from, reply-to, to, cc,
 * bcc, each address checked; every problem reported at its value. 0, or -1. */
int manifest_read_mail(document *doc, const ynode *block, srcpos key_at, diag *d);

/* ---- the files a document is made from (sources.c) ------------------------ */

/* What is known of a file when it has been read. */
typedef struct source_spec {
    enum source_kind kind;
    const char *path;          /* as it was opened */
    size_t bytes;              /* its bytes exactly as read: how many, */
    uint64_t hash;             /* and their FNV-1a */
    enum image_format image_format;   /* SOURCE_IMAGE: PNG or JPEG (its MIME type) */
    const char *title;         /* what its description names (a title); NULL: its path */
    const char *lang;          /* the description's language while the document has none */
} source_spec;

/* A record of the file s (its path relative to root, MIME type, description)
 * in doc's arena; NULL when reported (out of memory, the path gone). */
const source_file *source_record(document *doc, const char *root, const source_spec *s, diag *d);
/* The record of info's file (made once, kept with info). NULL when reported. */
const source_file *source_of_image(document *doc, const char *root, const image_info *info,
                                   const char *lang, diag *d);
/* Append f to doc->sources (the catalog's files: manifests, style sheets). 0 ok, -1 OOM. */
int source_add_to_document(document *doc, const source_file *f);
/* meta's sources: md (the release's Markdown), then each image the figures
 * under sect show, once each. 0 ok, -1 OOM. */
int source_list_release(document *doc, release_meta *meta, node *sect, const source_file *md);

/* ---- the release loader (release.c, markdown.c, figure.c) ------------------ */

/* One open cmark container: what to restore when it is exited. */
typedef struct frame {
    cmark_node *src;
    node *parent;        /* doc parent before entering */
    unsigned flags;      /* inline flags before entering */
    int nests;           /* 1: a list, block quote or footnote (DOC_MAX_NESTING) */
    int counter;         /* list: next item number */
} frame;

typedef struct heading_mark {
    int md_level;        /* level written in Markdown (the title counts as 1) */
    int rel;             /* depth below the title it was set at */
} heading_mark;

/* The state of loading one release. */
typedef struct loader {
    document *doc;
    diag *d;
    const char *file;          /* as messages name it, in the arena: for positions */
    const char *path;          /* as it was read: images resolve beside it */
    size_t raw_bytes;          /* the file's bytes as read, before any clean-up: */
    uint64_t raw_hash;         /* how many, and their FNV-1a (sources.c) */
    const char *lang;
    int title_level;
    int line_offset;           /* file line = cmark line + line_offset */
    size_t *line_len;          /* heap: byte length of each body line (index = cmark line - 1) */
    int nlines;
    const char *root;          /* option root ("." by default) */
    node *parent_of_release;   /* where the N_SECT goes; NULL: the document's root */

    node *parent;              /* where the next node goes */
    unsigned flags;            /* inline style in force */
    srcpos block_pos;          /* position of the innermost block, for inlines without one */
    srcpos inline_end;         /* just after the last inline with a position (line 0: none yet) */
    frame *frames;             /* heap stack of open containers */
    size_t nframes, frames_cap;
    int nesting;               /* lists, block quotes and footnotes open */
    int depth_reported;        /* the DOC_MAX_NESTING warning was given */
    sanitizer san;             /* characters dropped from this release */
    html_state html;           /* raw HTML: inside a script or the like? */
    srcpos hidden_at;          /* where the open hidden element started */
    int html_reported;         /* the raw-HTML warning was given */

    int list_depth;
    int in_table;
    uint8_t *table_align;      /* owned by cmark */
    int table_cols;
    int cell_col;
    node *tbody;

    node *pending_figures;     /* N_DIV not in the tree: figures waiting for their block to end */
    node *notes;               /* N_DIV R_NOTES, attached at the end */
    strmap *image_cache;       /* from input_options: images already checked */
    int nnotes;

    heading_mark headings[8];  /* open heading levels; [0] is the title */
    int nheadings;
} loader;

/* A new node (not yet in the tree); NULL after reporting. */
node *loader_node(loader *l, enum node_kind kind, srcpos at);
/* An N_TEXT with a copy of s (n bytes) appended to parent; NULL after reporting. */
node *loader_text(loader *l, node *parent, const char *s, size_t n, unsigned flags, srcpos at);
/* The position of cmark node c in the file. */
srcpos loader_pos(loader *l, cmark_node *c);
/* Plain text of a cmark subtree (link text, image alt). Heap; NULL on OOM. */
char *loader_plain_text(cmark_node *c);

/* Parse the Markdown body (len bytes) and append its nodes to sect. */
void markdown_convert(loader *l, node *sect, const char *body, size_t len);
/* cmark-gfm's tree of body (len bytes) with the extensions bulletin reads,
 * text nodes consolidated; NULL after reporting. The caller frees it. */
cmark_node *markdown_parse(loader *l, const char *body, size_t len);

/* Korean dates (dates.c), bulletin's one departure from CommonMark: the
 * length of the date "YYYY. M." or "YYYY. M. D." that s[0..n) starts with
 * (a year 1000–2999, a month 1–12, a real day; each number followed by '.'
 * and a blank or the end of the line), through its last '.'; 0 when none. */
size_t input_korean_date(const char *s, size_t n);
/* root, parsed from body, with every block that begins with a Korean date
 * read as text rather than as nested ordered lists (body parsed again when
 * there is one; root is then freed). NULL after reporting. */
cmark_node *dates_as_text(loader *l, cmark_node *root, const char *body, size_t len);
/* Point each footnote mark of sect at its N_NOTE (footnotes.c). */
void markdown_link_footnotes(loader *l, node *sect);
/* Warn about the footnotes of the Markdown body (len bytes) that cmark
 * passes over: defined twice, not defined, never referred to (footnotes.c). */
void footnotes_check(loader *l, const char *body, size_t len);

/* An N_FIGURE for the cmark image c, or NULL when it cannot be used (reported). */
node *figure_make(loader *l, cmark_node *c);
/* The image of a paragraph that holds one image (maybe linked) and nothing else but blanks. */
cmark_node *figure_lone_image(cmark_node *para);
/* Move figures found inside running text to just after the block that ended. */
void figure_flush(loader *l);

/* Raw HTML (html.c): its text kept — a paragraph of its own for a block —
 * tags dropped, the content of scripts and the like left out; one warning
 * each per release. <br> is a line break (N_BREAK), without a warning. */
void html_convert(loader *l, cmark_node *c, srcpos at, int block);
/* Inside a script, style or the like that raw HTML opened, must a node of
 * this type be skipped? Only more raw HTML (which may close it) and the
 * blocks around the text are still looked at. */
int html_hides(const loader *l, cmark_node_type type);

#endif
