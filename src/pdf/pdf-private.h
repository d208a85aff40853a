/* pdf-private.h — what the files of src/pdf share; not part of the module's
 * contract (pdf.h is). A writer (writer.c) is made of parts, each owned by
 * one file and handed to a function only when it needs it; every object goes
 * through the door to libharu (hpdf.h). The files, by what they own:
 *
 *   writer.c      the flow: pdf_open, the page sink, pdf_close, pdf_write
 *   pages.c       the pages as they come and in document order, /Resources,
 *                 destinations                                  (pdf_pages)
 *   content.c     one page's content stream                     (page_parts)
 *   fontembed.c   the fonts the pages show, embedded at the end (pdf_fonts)
 *   fontmaps.c    a font's /W and ToUnicode, as text
 *   image.c       the images the pages show, as XObjects        (pdf_images)
 *   pixels.c      an image's stream data, decoded and encoded when it must be
 *   pngpass.c     a PNG's own IDAT bytes, checked, when PDF can take them
 *   tags.c        what the pages mark, and the structure tree built from it
 *                                                                (pdf_tags)
 *   structelem.c  StructElems and ParentTree leaves, written from records
 *                                                          (struct_records)
 *   trees.c       number and name trees
 *   annots.c      link annotations                              (pdf_links)
 *   outline.c     the outline (bookmarks)
 *   meta.c        Info, XMP, the catalog's entries, page labels
 *   embedded.c    the sources as PDF/A-3 associated files    (pdf_embedded)
 *   intent.c      the sRGB output intent
 *   flate.c       stream data: deflated, held, spooled         (pdf_streams)
 *   strings.c     how numbers and text are spelled
 *   readback.c    the inputs' bytes read again, checked
 *   serialize.c   the bytes of the file: object and cross-reference streams
 *   save.c        the file written beside its target and renamed over it
 *   hpdf.c        libharu behind one door (hpdf.h)                (pdf_objs)
 *
 * Errors: a function returns 0, or -1 (NULL) once the failure has been
 * reported through the diag its part carries (util.h): out of memory by
 * diag_oom, libharu's failures by hpdf.c. */
#ifndef BULLETIN_PDF_PRIVATE_H
#define BULLETIN_PDF_PRIVATE_H

#include <sys/types.h>

#include "hpdf.h"
#include "pdf.h"

/* Stop the current function with -1 when a call fails (it has reported). */
#define TRY(call)                                                               \
    do {                                                                        \
        if ((call) < 0)                                                         \
            return -1;                                                          \
    } while (0)
#define TRYP(var, call)                                                         \
    do {                                                                        \
        if (!((var) = (call)))                                                  \
            return -1;                                                          \
    } while (0)

/* The longest string written (bytes): the PDF/A and ISO 32000 Annex C limit;
 * libharu itself refuses strings over 65535 bytes. */
enum { PDF_MAX_STRING = 32767 };
/* Entries per leaf of a number or name tree, and kids per inner node. */
enum { PDF_TREE_LEAF = 512 };

typedef struct pdf_annot pdf_annot;
typedef struct pdf_embedded pdf_embedded;
typedef struct struct_elem struct_elem;
typedef struct struct_records struct_records;

/* ---- flate.c: stream data ------------------------------------------------- */

/* Stream data compressed once, by us (libdeflate), held at its compressed
 * size until the file is written; page content spooled to a file. */
typedef struct pdf_streams {
    diag *d;
    int compress;                  /* the options': deflate what may be */
    struct libdeflate_compressor *deflater;   /* made when first needed */
    int spool_fd;                  /* page content spooled; -1: none yet */
    int spool_failed;              /* none can be had: content stays in memory */
    off_t spool_at;
} pdf_streams;

void streams_init(pdf_streams *s, int compress, diag *d);
void streams_free(pdf_streams *s);
/* How pdfw_stream_data holds data: as it is; deflated here when the options
 * compress (and spooled to a file until the save: page content); deflated
 * already (a font program, PNG data); a JPEG. */
enum { PDFW_RAW, PDFW_FLATE, PDFW_SPOOL, PDFW_DEFLATED, PDFW_DCT };
/* Make data[0..len) the data of stream (obj_stream), held at its exact size
 * and freed with it, as `how` says. 0, or -1 reported. */
int pdfw_stream_data(pdf_streams *s, pdf_obj *stream, const void *data, size_t len, int how);
/* A compressor of pdfw_stream_data's level, for one thread (libdeflate_free_compressor it). */
struct libdeflate_compressor *pdfw_deflater(void);
/* The same at the level for font programs (smaller, slower). */
struct libdeflate_compressor *pdfw_font_deflater(void);
/* data[0..len) deflated by c into a heap block of *out_len bytes; NULL when
 * memory runs out (not reported: callers on other threads report it). */
unsigned char *pdfw_deflate(struct libdeflate_compressor *c, const void *data, size_t len,
                            size_t *out_len);
/* The streams' compressor (the pages'), made when first needed; NULL reported. */
struct libdeflate_compressor *streams_deflater(pdf_streams *s);

/* ---- pages.c: the pages ---------------------------------------------------- */

/* A page as it came. Pages are known by their slot while they come in:
 * body page i is slot i, front page i slot -1 - i; pages_index_of_slot gives
 * the place in the document once every page is in. */
typedef struct pdf_page_ref {
    pdf_obj *page;
    pdf_obj *annots;               /* its /Annots, made with its first link */
    double width, height;
} pdf_page_ref;

typedef struct pdf_pages {
    pdf_objs *objs;
    diag *d;
    pdf_obj *resources;            /* every page's /Resources: fonts and images named once */
    pdf_page_ref *body, *front;    /* as they came */
    size_t nbody, nfront, capbody, capfront;
    pdf_obj **order;               /* at the end: every page, in document order */
    int count;
} pdf_pages;

/* The shared /Resources (numbered now: the first object after libharu's own). */
int pages_init(pdf_pages *p, pdf_objs *o, diag *d);
void pages_free(pdf_pages *p);
/* A new page for layout's page pg, the index'th of its part (appended to the
 * body, or put before the body's first page: the front matter, in its
 * order); its slot in *slot. NULL on failure (pages out of order: internal). */
pdf_page_ref *pages_add(pdf_pages *p, const page *pg, enum page_part part, int index, int *slot);
/* The page in slot, or NULL when no such page came. Valid until the next pages_add. */
pdf_page_ref *pages_at_slot(pdf_pages *p, int slot);
/* Every page in (npages, layout's count): the document order, each page's /StructParents. */
int pages_order(pdf_pages *p, int npages);
/* The page index in the document of a slot, once every page is in. */
int pages_index_of_slot(const pdf_pages *p, int slot);
/* Write the destination [page /XYZ 0 y null] to page index pg, as libharu writes arrays. */
int pages_put_dest(const pdf_pages *p, pdf_out *out, int pg, double y);

/* ---- fontembed.c: the fonts ------------------------------------------------ */

/* One embedded font: a face and the glyphs shown with it. */
typedef struct pdf_font {
    const face *face;
    unsigned nglyphs;       /* glyphs in the face */
    unsigned char *used;    /* nglyphs flags */
    char **text;            /* nglyphs: ToUnicode text (UTF-8, heap) or NULL */
    double *width;          /* nglyphs: /W width, 1/1000 em, to 3 decimals */
    pdf_obj *dict;          /* the Type0 font dictionary */
    char name[16];          /* its resource name, the same on every page */
    unsigned char *program; /* the subset program, made ahead (fonts_embed): deflated when */
    size_t program_len;     /* the options compress, program_len bytes of it */
    unsigned program_raw;   /* its size before */
    int program_oom;        /* no program for want of memory (else the face cannot be subset) */
    char *widths;           /* the CIDFont's /DW and /W, written after its entries */
} pdf_font;

typedef struct pdf_fonts {
    pdf_objs *objs;
    pdf_streams *streams;
    diag *d;
    int threads;                   /* subset on this many threads */
    pdf_obj *dict;                 /* /Resources /Font */
    pdf_font *list;                /* in order of first use */
    int n;
    size_t cap;
} pdf_fonts;

/* The fonts of a document whose pages share resources (its /Font made now). */
int fonts_init(pdf_fonts *f, pdf_objs *o, pdf_streams *s, pdf_obj *resources, int threads,
               diag *d);
void fonts_free(pdf_fonts *f);
/* The font of face, made (its Type 0 dictionary, named on pages) when first used. NULL on error. */
pdf_font *fonts_use(pdf_fonts *f, const face *face);
/* The glyphs of r are shown in f (sorted: its clusters, run_sorted_clusters):
 * mark them used, with the text each stands for
 * (the first text a glyph is seen with stays its ToUnicode text; the space glyph
 * is always U+0020). 0 ok, -1 OOM (not reported: the caller says it). */
int fonts_show_run(pdf_font *f, const glyph_run *r, const uint32_t *sorted, int nsorted);
/* Build every Type 0 font (subset, /W, ToUnicode). 0, or -1 reported. */
int fonts_embed(pdf_fonts *f);
/* Text of glyph i of a run (its cluster's bytes): *start, *len; returns how
 * many glyphs share that cluster. sorted: from run_sorted_clusters. */
int run_glyph_text(const glyph_run *r, const uint32_t *sorted, int nsorted, int i,
                    size_t *start, size_t *len);
/* The cluster offsets of r, sorted (duplicates kept), in a heap array of *n. NULL on OOM. */
uint32_t *run_sorted_clusters(const glyph_run *r, int *n);

/* ---- fontmaps.c: what a font says of its glyphs ---------------------------- */

/* The CIDFont's /DW and /W for f's used glyphs, as dictionary entries
 * ("/DW n\n/W [ ... ]\n"); a heap string, NULL on OOM (not reported). */
char *fontmap_widths(const pdf_font *f);
/* f's ToUnicode CMap (every used glyph's text, U+FFFD when unknown) into
 * out. 0 ok, -1 OOM (not reported). */
int fontmap_tounicode(const pdf_font *f, buf *out);

/* ---- image.c: the images --------------------------------------------------- */

typedef struct pdf_images {
    pdf_objs *objs;
    pdf_streams *streams;
    diag *d;
    arena *records;                /* the images' records */
    image_style style;             /* resolution cap and JPEG quality */
    pdf_obj *resources, *dict;     /* /Resources, and its /XObject made with the first image */
    strmap *by_path;               /* image path → its record, embedded once */
    struct pdf_image *list;        /* the same, in order of first appearance */
    struct pdf_image **tail;       /* where the next one goes */
    int count;
} pdf_images;

/* The images of a document whose pages share resources, in the style st
 * (NULL: the default style's). */
void images_init(pdf_images *im, pdf_objs *o, pdf_streams *s, arena *records,
                 pdf_obj *resources, const image_style *st, diag *d);
void images_free(pdf_images *im);
/* Draw image item it into a page's content (q, cm for its size, place and
 * orientation, Do, Q); its XObject is made on first use, filled by
 * images_embed. 0, or -1 reported. */
int images_draw(pdf_images *im, buf *out, const item *it);
/* Embed every image the pages showed, once each, with no more pixels than the
 * style's max-dpi wants where it is drawn largest. 0, or -1 reported (a
 * damaged file at its first figure: an input error). */
int images_embed(pdf_images *im);

/* ---- pixels.c: an image's stream data -------------------------------------- */

/* An image's stream data, ready for an XObject. */
typedef struct image_data {
    const unsigned char *data;   /* the stream: own's bytes, or borrowed from the file */
    size_t len;
    buf own;                     /* encoded or gathered bytes */
    int dct;                     /* 1: /DCTDecode; 0: /FlateDecode */
    int predictors;              /* Flate with PNG predictors (/Predictor 15) */
    int width, height;           /* pixels */
    int colors, bits;            /* samples per pixel, bits per sample */
    const char *space;           /* "DeviceGray", "DeviceRGB"; NULL: /Indexed over palette */
    unsigned char palette[768];
    int palette_size;            /* entries */
    buf smask;                   /* 8-bit alpha, Flate with predictors; empty: none */
} image_data;

/* Where an image is reported (at its first figure) and by what name. */
typedef struct image_report {
    diag *d;
    srcpos at;
    const char *name;
} image_report;

/* The stream data of the image whose file bytes are file[len] and whose facts
 * are info, at w x h pixels (its stored size: passed through where PDF
 * allows; smaller: box-filtered), JPEGs we encode at quality. 0; or -1
 * reported through r ("cannot use image 'NAME': damaged PNG: ...", an input
 * error; out of memory). image_data_free it either way. */
int image_encode(const image_info *info, const unsigned char *file, size_t len, int w, int h,
                 int quality, image_data *out, const image_report *r);
void image_data_free(image_data *d);
/* Report that the image cannot be used, and why: an input error. Returns -1. */
int image_unusable(const image_report *r, const char *why);

/* ---- pngpass.c ------------------------------------------------------------- */

/* o as the IDAT bytes of the PNG d[0..len) (facts in info), checked. 0, or
 * -1 reported through r (a damaged file, out of memory). */
int png_pass(const image_info *info, const unsigned char *d, size_t len, image_data *o,
             const image_report *r);

/* ---- tags.c: what the pages mark, and the structure tree ------------------- */

/* A piece of tagged content, in display (reading) order: a marked-content
 * sequence (mcid >= 0) or a link annotation (mcid < 0, annot set). */
typedef struct pdf_mark {
    int page;                 /* its slot while pages come in; the page index after
                                 tags_order_marks */
    int mcid;
    const node *elem;
    pdf_annot *annot;         /* its ParentTree key and holder are set here */
} pdf_mark;

/* Per structure element (indexed by node id; one per node of a yearly volume,
 * so kept small: what few elements have, in side tables). */
typedef struct pdf_elem {
    const node *node;
    struct_elem *se;          /* the StructElem; NULL when it has no content */
    int page;                 /* page of its own marked content, -1: none */
    unsigned nkids : 28;      /* entries its /K gets: own MCIDs, OBJRs, child elements */
    unsigned has_content : 1;
    unsigned multi_page : 1;  /* own marked content on more than one page */
    unsigned linked : 1;      /* already in its parent's /K */
    unsigned has_bbox : 1;    /* a Figure drawn: its box is in the boxes */
} pdf_elem;

/* A Figure's box (pdf_elem.has_bbox). */
typedef struct pdf_box {
    int id;
    double b[4];
} pdf_box;

/* An element with more kids than an array holds: the element now taking them. */
typedef struct pdf_group {
    int id;
    struct_elem *group;
    unsigned fill;
} pdf_group;

typedef struct pdf_tags {
    const document *doc;
    const char *lang;              /* the catalog's /Lang */
    diag *d;
    pdf_elem *elems;               /* doc->nnodes + 1, by node id */
    int nelems;
    pdf_mark *marks;
    size_t nmarks, capmarks;
    int nannots;                   /* link annotations among the marks */
    pdf_box *boxes;                /* figures' boxes */
    size_t nboxes, capboxes;
    pdf_group *groups;             /* elements split in groups (tags_build) */
    size_t ngroups, capgroups;
} pdf_tags;

/* Index doc's elements by id (lang: the catalog's). 0, or -1 reported (a
 * tree not numbered: internal). */
int tags_init(pdf_tags *t, const document *doc, const char *lang, diag *d);
void tags_free(pdf_tags *t);
/* The structure element an item's node stands for, or NULL. */
const node *tags_element_of(const pdf_tags *t, const node *n);
/* Record a marked-content sequence or an annotation on the page in slot. 0, or -1 reported. */
int tags_add_mark(pdf_tags *t, int slot, int mcid, const node *elem, pdf_annot *annot);
/* Figure elem is drawn in box (x0 y0 x1 y1): its /BBox grows to hold it. 0, or -1 reported. */
int tags_add_box(pdf_tags *t, const node *elem, const double box[4]);
/* Every page in: marks in document order with page indices, annotations'
 * /StructParent keys (after the pages'). 0, or -1 reported. */
int tags_order_marks(pdf_tags *t, const pdf_pages *pages);
/* Build the structure tree, ParentTree and IDTree into the catalog (the
 * StructElems through se, a release's /AF from emb); the marks and
 * per-element records it was built from are freed. 0, or -1 reported. */
int tags_build(pdf_tags *t, struct_records *se, const pdf_embedded *emb);

/* ---- structelem.c: StructElems and ParentTree leaves ----------------------- */

/* A kid of a StructElem's /K. */
enum se_kid_kind { KID_MCID, KID_MCR, KID_OBJR, KID_ELEM };
typedef struct se_kid {
    pdf_obj *obj;           /* KID_OBJR: the annotation; KID_ELEM: the element */
    int page;               /* KID_MCR, KID_OBJR: the page's index */
    int mcid : 29;          /* KID_MCID, KID_MCR (below 2^28: a page holds no more) */
    unsigned kind : 3;      /* enum se_kid_kind */
} se_kid;

/* A StructElem as we write it: its object is ours (obj_custom), the rest is
 * this record's. */
struct struct_elem {
    const obj_hook *hook;   /* first: the records' elem_hook */
    pdf_obj *dict;          /* the object */
    const char *type;       /* /S */
    pdf_obj *parent;        /* /P */
    se_kid *kids;           /* /K: in the records, or on the heap once it grew */
    char *props;            /* further entries (/Lang, /Alt, /A ...) as written, after /Pg; or NULL */
    int page;               /* /Pg's page index, -1: none */
    unsigned nkids, capkids : 31, kids_on_heap : 1;
};

/* An entry of a number tree (name NULL, key num) or a name tree (key name, ASCII). */
typedef struct pdf_tree_entry {
    int num;
    const char *name;
    pdf_obj *value;         /* any object, put in the tree once; or NULL: the
                               ParentTree's (structelem.c), one of */
    size_t first, count;    /* a page's: the holders of its MCIDs, holders[first..first+count) */
    pdf_obj *holder;        /* an annotation's: the element holding it */
} pdf_tree_entry;

/* A ParentTree leaf we write. */
typedef struct parent_leaf {
    const obj_hook *hook;   /* first: the records' leaf_hook */
    const pdf_tree_entry *e;
    size_t n;
    int limits;
} parent_leaf;

/* The structure tree's objects as we write them: tags.c makes and fills
 * them, structelem.c writes them when the file is. */
struct struct_records {
    pdf_objs *objs;
    diag *d;
    arena *records;                /* StructElems and the kids counted ahead */
    const pdf_pages *pages;        /* what /Pg names */
    obj_hook elem_hook, leaf_hook;
    struct_elem **grown;           /* StructElems whose kids moved to the heap */
    size_t ngrown, capgrown;
    pdf_obj **holders;             /* per MCID, in page order: the element holding it (tags.c's) */
    size_t nholders;
    pdf_tree_entry *entries;       /* the ParentTree's entries (tags.c's) */
    parent_leaf **leaves;          /* its leaves */
    size_t nleaves, capleaves;
};

void se_init(struct_records *r, pdf_objs *o, arena *records, const pdf_pages *pages, diag *d);
void se_free(struct_records *r);
/* A new StructElem record of type with parent as /P and /Pg page (-1: none),
 * room for nkids kids, its object numbered. NULL reported. */
struct_elem *se_new(struct_records *r, const char *type, pdf_obj *parent, int page, size_t nkids);
/* Keep the entries of props (a dictionary, freed here) as e's further
 * entries, in the bytes libharu would write. 0, or -1 reported. */
int se_set_props(struct_records *r, struct_elem *e, pdf_obj *props);
/* Append a kid to e's /K. 0, or -1 reported. */
int se_add_kid(struct_records *r, struct_elem *e, se_kid k);
/* Make d a ParentTree leaf writing /Nums for e[0..n) (and /Limits when
 * limits), values from the holders. 0, or -1 reported. */
int se_parent_leaf(struct_records *r, pdf_obj *d, const pdf_tree_entry *e, size_t n, int limits);

/* ---- trees.c --------------------------------------------------------------- */

/* Write the n entries, sorted by key, as the tree rooted at root: /Nums or
 * /Names, or /Kids of leaves with /Limits when they pass PDF_TREE_LEAF.
 * Entries without a value are the ParentTree's: their leaves are written by
 * se (structelem.c), and e must live until the file is saved. 0, or -1 reported. */
int pdfw_tree(pdf_objs *o, struct_records *se, pdf_obj *root, const pdf_tree_entry *e, size_t n);

/* ---- annots.c: link annotations -------------------------------------------- */

/* A link annotation as we write it: its object is ours (obj_custom); the
 * bytes are this record's. */
struct pdf_annot {
    const obj_hook *hook;     /* first: the links' */
    pdf_obj *dict;
    char *head, *tail;        /* entries before and after /Dest, as written */
    const node *target, *link;   /* a link inside the document: its /Dest goes to target */
    int slot;                 /* of the page it is on */
    double height;            /* of that page */
    int dest_page;            /* -1: no /Dest (a URI link) */
    double dest_y;
    int key;                  /* /StructParent, -1: none (tags_order_marks) */
    pdf_obj *holder;          /* the StructElem whose /K holds it (tags_build) */
};

typedef struct pdf_links {
    pdf_objs *objs;
    diag *d;
    arena *records;                /* the annotations' records */
    const pdf_pages *pages;        /* where /Dest goes */
    obj_hook hook;
    pdf_annot **inside;            /* links inside the document, their /Dest to set */
    size_t ninside, capinside;
    const node *uri_warned;        /* the link last warned about (address too long) */
} pdf_links;

void links_init(pdf_links *l, pdf_objs *o, arena *records, const pdf_pages *pages, diag *d);
void links_free(pdf_links *l);
/* A link annotation on page (in slot) over rect (x0 y0 x1 y1): to uri
 * (percent-encoded), or inside the document to it->dest, its /Dest set by
 * links_resolve; contents is its /Contents. NULL reported. */
pdf_annot *annot_link(pdf_links *l, pdf_page_ref *page, int slot, const double rect[4],
                      const char *uri, const item *it, const char *contents);
/* Every link inside the document: its target's page and place (its own page
 * when the target was not laid out, with a warning). 0, or -1 reported. */
int links_resolve(pdf_links *l, const display *dl);

/* ---- content.c: a page's content ------------------------------------------- */

/* What writing a page's content adds to. */
typedef struct page_parts {
    diag *d;
    pdf_objs *objs;
    pdf_streams *streams;
    pdf_fonts *fonts;
    pdf_images *images;
    pdf_tags *tags;
    pdf_links *links;
} page_parts;

/* Write page pg's content stream (its items, then its furniture) into ref's
 * page, in slot. 0, or -1 reported. */
int content_write_page(const page_parts *pp, const page *pg, pdf_page_ref *ref, int slot);
/* Running heads set after the page was written: a second content stream. */
int content_write_furniture(const page_parts *pp, pdf_page_ref *ref, int slot,
                            const item *items, size_t n);

/* ---- outline.c ------------------------------------------------------------- */

/* The outline: an entry per heading, nested by level, the top level open
 * (records in a). 0, or -1 reported. */
int outline_write(pdf_objs *o, arena *a, const pdf_pages *pages, const document *doc,
                  const display *dl);

/* ---- meta.c ---------------------------------------------------------------- */

/* Info, XMP metadata (pdfaid:part 3 when the sources are embedded), the
 * catalog's entries. 0, or -1 reported. */
int meta_write(pdf_objs *o, pdf_streams *s, const pdf_options *opts);
/* /PageLabels, as layout numbered the pages. 0, or -1 reported. */
int meta_page_labels(pdf_objs *o, const display *dl);
/* The document's one instant as a PDF date (D:20190619000000Z) and an XMP
 * date (2019-06-19T00:00:00Z). */
void pdfw_dates(long long epoch, char pdfdate[80], char xmpdate[80]);

/* ---- embedded.c: the sources carried inside -------------------------------- */

struct pdf_embedded {
    pdf_objs *objs;
    pdf_streams *streams;
    diag *d;
    int images;                    /* the images are carried too */
    strmap *filespecs;             /* source path → its /Filespec; NULL: nothing carried */
};

void embedded_init(pdf_embedded *e, pdf_objs *o, pdf_streams *s, int images, diag *d);
void embedded_free(pdf_embedded *e);
/* The sources of doc as PDF/A-3 associated files: each file once (a
 * /Filespec with /F, /UF, /Desc, /AFRelationship /Source and its
 * /EmbeddedFile stream: MIME /Subtype, /Params /Size /ModDate (epoch)
 * /CheckSum), the catalog's /AF (the manifests) and /Names /EmbeddedFiles.
 * Before tags_build, which hangs each release's files on its Sect
 * (embedded_add_af). 0, or -1 reported. */
int embedded_write(pdf_embedded *e, const document *doc, long long epoch);
/* Does n's StructElem carry an /AF (a release whose files are embedded)? */
int embedded_has_af(const pdf_embedded *e, const node *n);
/* Add n's /AF [filespecs] to dict. 0, or -1 reported. */
int embedded_add_af(const pdf_embedded *e, const node *n, pdf_obj *dict);

/* ---- intent.c -------------------------------------------------------------- */

/* The catalog's /OutputIntents: PDF/A with the compiled-in sRGB profile. 0, or -1 reported. */
int intent_write(pdf_objs *o, pdf_streams *s);

/* ---- strings.c ------------------------------------------------------------- */

/* Append v to b with at most 3 decimals, never "-0". 0 ok, -1 OOM. */
int pdfw_num(buf *b, double v);
/* Append v as at least four upper-case hex digits (printf's %04X). 0 ok, -1 OOM. */
int pdfw_hex4(buf *b, unsigned v);
/* A text string: literal when printable ASCII, else UTF-16BE with BOM; cut to
 * PDF_MAX_STRING bytes. NULL reported. */
pdf_obj *pdfw_text_string(pdf_objs *o, const char *utf8);
/* Append UTF-8 s as UTF-16BE hex (no BOM) to b; invalid bytes become U+FFFD. 0 ok, -1 OOM. */
int pdfw_utf16_hex(buf *b, const char *s, size_t len);
/* utf8 (NULL: "") as valid UTF-8 without control characters (made spaces) or
 * noncharacters (U+FFFD), cut to what pdfw_text_string keeps: the same text
 * fits /Info and XMP. A heap string the caller frees; NULL on OOM. */
char *pdfw_text_clean(const char *utf8);
/* Concatenated N_TEXT below n (heading titles, link descriptions), on the
 * heap (the caller frees it); "" if none, NULL on OOM. */
char *pdfw_node_text(const node *n);

/* ---- readback.c ------------------------------------------------------------ */

/* The bytes of the file at path, exactly those the input stage read (bytes
 * of them, FNV-1a hash): heap, the caller frees. NULL reported through d at
 * `at`: "WHAT: it can no longer be read: ..." or "WHAT: the file changed
 * after it was checked; render again" (input errors), or out of memory. */
unsigned char *pdfw_read_checked(diag *d, srcpos at, const char *what, const char *path,
                                 size_t bytes, uint64_t hash);

/* ---- serialize.c ----------------------------------------------------------- */

/* The finished document o as the bytes of the file into fd (its
 * temporary file, beside path: a failed write is reported as path's):
 * stream objects as themselves, every other object in deflated object
 * streams (s's compressor, when s compresses), a cross-reference stream.
 * 0, or -1 reported. */
int pdfw_serialize(pdf_objs *o, pdf_streams *s, diag *d, int fd, const char *path);

/* ---- save.c ---------------------------------------------------------------- */

/* Write the finished document to path.tmpXXXXXX beside path, every write,
 * the fsync and the close checked, and rename it over path; on failure remove
 * it, leaving path as it was. 0, or -1 reported. */
int pdf_save_file(pdf_objs *o, pdf_streams *s, diag *d, const char *path);

#endif
