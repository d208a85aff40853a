/* pdf-private.h — what writer.c, fontembed.c, tags.c, meta.c, image.c and pixels.c share: the
 * writer state (one per pdf_write call, owned by it) and the helpers that
 * build libharu objects. Not part of the module's contract. */
#ifndef BULLETIN_PDF_PRIVATE_H
#define BULLETIN_PDF_PRIVATE_H

#include <sys/types.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_encrypt.h>

#include "pdf.h"

/* Stop the current function with -1 when a libharu call fails. The error
 * handler has recorded the code; callers turn -1 into a diagnostic. */
#define HPDF_TRY(call)                                                          \
    do {                                                                        \
        if ((call) != HPDF_OK)                                                  \
            return -1;                                                          \
    } while (0)
#define HPDF_TRYP(var, call)                                                    \
    do {                                                                        \
        if (!((var) = (call)))                                                  \
            return -1;                                                          \
    } while (0)

/* The longest string written (bytes): the PDF/A and ISO 32000 Annex C limit;
 * libharu itself refuses strings over 65535 bytes. */
enum { PDF_MAX_STRING = 32767 };
/* The most entries libharu lets an array hold (HPDF_LIMIT_MAX_ARRAY): a
 * structure element with more kids is split (tags.c). */
enum { PDF_MAX_ARRAY = HPDF_LIMIT_MAX_ARRAY };
/* Entries per leaf of a number or name tree, and kids per inner node. */
enum { PDF_TREE_LEAF = 512 };

/* One embedded font: a face and the glyphs shown with it. */
typedef struct pdf_font {
    const face *face;
    unsigned nglyphs;       /* glyphs in the face */
    unsigned char *used;    /* nglyphs flags */
    char **text;            /* nglyphs: ToUnicode text (UTF-8, heap) or NULL */
    double *width;          /* nglyphs: /W width, 1/1000 em, to 3 decimals */
    HPDF_Dict dict;         /* the Type0 font dictionary */
    char name[16];          /* its resource name, the same on every page */
    unsigned char *program; /* the subset program, made ahead (fonts_embed): deflated when */
    size_t program_len;     /* the options compress, program_len bytes of it */
    unsigned program_raw;   /* its size before */
    char *widths;           /* the CIDFont's /DW and /W, written by its hook */
    int program_oom;        /* no program for want of memory (else the face cannot be subset) */
} pdf_font;

/* Pages are known by their slot while they come in: body page i is slot i,
 * front page i slot -1 - i; pdfw_page_of_slot gives the place in the
 * document once every page is in. */
typedef struct pdf_page_ref {
    HPDF_Page hp;
    double width, height;
} pdf_page_ref;

/* A link annotation as we write it (annots.c): libharu's dictionary gives it
 * its object number; the bytes are ours. */
typedef struct pdf_annot {
    struct pdf_writer *w;
    HPDF_Dict dict;
    char *head, *tail;        /* entries before and after /Dest, as written */
    const node *target, *link;   /* a link inside the document: its /Dest goes to target */
    int slot;                 /* of the page it is on */
    double height;            /* of that page */
    int dest_page;            /* -1: no /Dest (a URI link) */
    double dest_y;
    int key;                  /* /StructParent, -1: none */
    HPDF_Dict holder;         /* the StructElem whose /K holds it */
} pdf_annot;

/* A piece of tagged content, in display (reading) order: a marked-content
 * sequence (mcid >= 0) or a link annotation (mcid < 0, annot set). */
typedef struct pdf_mark {
    int page;                 /* its slot while pages come in; the page index after
                                 tags_order_marks */
    int mcid;
    const node *elem;
    HPDF_Dict annot;          /* its ParentTree key and holder are its record's (annots.c) */
} pdf_mark;

/* A kid of a StructElem's /K (structelem.c writes them). */
enum se_kid_kind { KID_MCID, KID_MCR, KID_OBJR, KID_ELEM };
typedef struct se_kid {
    void *obj;              /* KID_OBJR: the annotation; KID_ELEM: the element's dictionary */
    int page;               /* KID_MCR, KID_OBJR: the page's index */
    int mcid : 29;          /* KID_MCID, KID_MCR (below 2^28: a page holds no more) */
    unsigned kind : 3;      /* enum se_kid_kind */
} se_kid;

/* A StructElem as we write it: libharu's dictionary gives it its object
 * number, the rest is this record's (structelem.c). */
typedef struct struct_elem {
    struct pdf_writer *w;
    HPDF_Dict dict;         /* empty; its write hook writes the record */
    const char *type;       /* /S */
    HPDF_Dict parent;       /* /P */
    se_kid *kids;           /* /K: in the writer's records, or on the heap once it grew */
    char *props;            /* further entries (/Lang, /Alt, /A ...) as written, after /Pg; or NULL */
    int page;               /* /Pg's page index, -1: none */
    unsigned nkids, capkids : 31, kids_on_heap : 1;
} struct_elem;

/* An entry of a number tree (name NULL, key num) or a name tree (key name, ASCII). */
typedef struct pdf_tree_entry {
    int num;
    const char *name;
    void *value;            /* any libharu object, added to the tree once; or NULL: the
                               ParentTree's (structelem.c), one of */
    size_t first, count;    /* a page's: the holders of its MCIDs, holders[first..first+count) */
    HPDF_Dict holder;       /* an annotation's: the element holding it */
} pdf_tree_entry;

/* A ParentTree leaf we write (structelem.c). */
typedef struct parent_leaf {
    struct pdf_writer *w;
    const pdf_tree_entry *e;
    size_t n;
    int limits;
} parent_leaf;

/* Per structure element (indexed by node id; one per node of a yearly volume,
 * so kept small: what few elements have, in side tables). */
typedef struct pdf_elem {
    const node *node;
    struct_elem *se;        /* the StructElem (se->dict); NULL when it has no content */
    int page;               /* page of its own marked content, -1: none */
    unsigned nkids : 28;    /* entries its /K gets: own MCIDs, OBJRs, child elements */
    unsigned has_content : 1;
    unsigned multi_page : 1;   /* own marked content on more than one page */
    unsigned linked : 1;       /* already in its parent's /K */
    unsigned has_bbox : 1;     /* a Figure drawn: its box is in the writer's boxes */
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

typedef struct pdf_writer {
    const document *doc;
    const display *dl;             /* layout's summary, given at the end */
    const pdf_options *opts;       /* own_opts */
    pdf_options own_opts;
    diag *d;
    HPDF_Doc pdf;
    HPDF_STATUS err, err_detail;   /* first libharu error */
    int reported;                  /* a diagnostic for the failure has been given (its kind in d) */
    int failed;                    /* a page could not be written: nothing will be */
    pdf_page_ref *body, *front;    /* pages as they came */
    size_t nbody, nfront, capbody, capfront;
    HPDF_Page *pages;              /* at the end: dl->npages, in document order */
    struct pdf_annot **links;      /* links inside the document, their /Dest to set */
    size_t nlinks, caplinks;
    HPDF_Dict resources;           /* every page's /Resources: */
    HPDF_Dict res_fonts, res_xobjects;   /* its /Font and /XObject */
    int nxobjects;

    pdf_font *fonts;               /* in order of first use */
    int nfonts;
    size_t capfonts;

    pdf_elem *elems;               /* doc->nnodes + 1, by node id */
    int nelems;

    pdf_mark *marks;
    size_t nmarks, capmarks;
    int nannots;

    strmap *images;                /* image path → its pdf_image (image.c), embedded once */
    struct pdf_image *image_list;  /* the same, in order of first appearance */
    struct pdf_image **image_tail; /* where the next one goes */

    pdf_box *boxes;                /* figures' boxes */
    size_t nboxes, capboxes;
    pdf_group *groups;             /* elements split in groups (tags.c) */
    size_t ngroups, capgroups;
    arena *records;                /* compact records of objects we write: StructElems and
                                      their kids (structelem.c), links (annots.c) */
    HPDF_MMgr shells;              /* a pool for the (empty) dictionaries of those objects:
                                      freed with the document, never one by one */
    HPDF_List shell_list;          /* their one (empty) list of entries */
    struct_elem **grown;           /* those whose kids moved to the heap */
    size_t ngrown, capgrown;
    HPDF_Dict *holders;            /* per MCID, in page order: the element holding it */
    size_t nholders;
    parent_leaf **leaves;          /* ParentTree leaves we write, and their entries */
    size_t nleaves, capleaves;
    pdf_tree_entry *parent_entries;

    HPDF_MD5_CTX md5;              /* over the title and every page's content */
    struct libdeflate_compressor *deflater;   /* flate.c's, made when first needed */
    int spool_fd;                  /* page content spooled (flate.c); -1: none yet */
    int spool_failed;              /* none can be had: content stays in memory */
    off_t spool_at;
    const node *uri_warned;        /* the link last warned about (address too long) */
    strmap *embedded;              /* source path → its /Filespec (embedded.c) */
} pdf_writer;

/* ---- strings.c ---- */
/* Append v to b with at most 3 decimals, never "-0". 0 ok, -1 OOM. */
int pdfw_num(buf *b, double v);
/* Append v as at least four upper-case hex digits (printf's %04X). 0 ok, -1 OOM. */
int pdfw_hex4(buf *b, unsigned v);
/* A text string: literal when printable ASCII, else UTF-16BE with BOM; cut to
 * PDF_MAX_STRING bytes. NULL on error. */
void *pdfw_text_string(pdf_writer *w, const char *utf8);
/* Append UTF-8 s as UTF-16BE hex (no BOM) to b; invalid bytes become U+FFFD. */
int pdfw_utf16_hex(buf *b, const char *s, size_t len);
/* utf8 (NULL: "") as valid UTF-8 without control characters (made spaces) or
 * noncharacters (U+FFFD), cut to what pdfw_text_string keeps: the same text
 * fits /Info and XMP. A heap string the caller frees; NULL on OOM. */
char *pdfw_text_clean(const char *utf8);

/* ---- flate.c ---- */
/* How pdfw_stream_data holds data: as it is, deflated, or deflated and
 * spooled to a file until the save (page content). */
enum { PDFW_RAW = 0, PDFW_FLATE = 1, PDFW_SPOOL = 2 };
/* Make data[0..len) the stream data of stream dictionary d, held at its
 * exact size and freed with d: deflated (and /Filter /FlateDecode written)
 * when flate (PDFW_FLATE, PDFW_SPOOL) and the options compress, else as it is
 * (d's filter off; set d->filter or d->write_fn after for data compressed
 * already). 0 ok, -1 OOM. */
int pdfw_stream_data(pdf_writer *w, HPDF_Dict d, const void *data, size_t len, int flate);
/* A dictionary hook writing /Filter /FlateDecode (libharu drops a /Filter
 * key from a stream whose own filter is off). */
HPDF_STATUS pdfw_write_flate_filter(HPDF_Dict d, HPDF_Stream s);
/* A compressor of pdfw_stream_data's level, for one thread (libdeflate_free_compressor it). */
struct libdeflate_compressor *pdfw_deflater(void);
/* The same at the level for font programs (smaller, slower). */
struct libdeflate_compressor *pdfw_font_deflater(void);
/* data[0..len) deflated by c into a heap block of *out_len bytes; NULL on OOM. */
unsigned char *pdfw_deflate(struct libdeflate_compressor *c, const void *data, size_t len,
                            size_t *out_len);
void pdfw_flate_free(pdf_writer *w);

/* ---- writer.c ---- */
/* The page index in the document of a slot (pdf_page_ref), once every page is in. */
int pdfw_page_of_slot(const pdf_writer *w, int slot);
/* The structure element an item's node stands for, or NULL. */
const node *pdfw_element_of(const pdf_writer *w, const node *n);
/* Write the destination [page /XYZ 0 y null] to page index pg, as libharu writes arrays. */
HPDF_STATUS pdfw_put_dest(HPDF_Stream s, pdf_writer *w, int pg, double y);
/* The bytes of the file at path, exactly those the input stage read (bytes
 * of them, FNV-1a hash): heap, the caller frees. NULL with the reason in
 * why[size] ("out of memory", or what the user must do). */
unsigned char *pdfw_read_checked(const char *path, size_t bytes, uint64_t hash, char *why,
                                 size_t size);
/* Concatenated N_TEXT below n (heading titles, link descriptions), on the
 * heap (the caller frees it); "" if none, NULL on OOM. */
char *pdfw_node_text(const node *n);

/* ---- content.c ---- */
/* Write page pg's content stream (its items, then its furniture) into hp. 0 ok, -1 error. */
int content_write_page(pdf_writer *w, const page *pg, HPDF_Page hp, int slot);
/* Running heads set after the page was written: a second content stream. */
int content_write_furniture(pdf_writer *w, const page *pg, HPDF_Page hp, int slot,
                            const item *items, size_t n);

/* ---- annots.c ---- */
/* A link annotation on page hp (in slot, of the given height) over rect: to
 * uri (percent-encoded), or inside the document to it->dest, its /Dest set
 * by links_resolve; contents is its /Contents. NULL on error. */
HPDF_Dict annot_link(pdf_writer *w, HPDF_Page hp, int slot, double height, HPDF_Rect rect,
                     const char *uri, const item *it, const char *contents);
/* Every link inside the document: its target's page and place (its own page
 * when the target was not laid out, with a warning). */
int links_resolve(pdf_writer *w);

/* ---- fontembed.c ---- */
/* The font of face f, made (its Type 0 dictionary, named on pages) when first used. NULL on error. */
pdf_font *fonts_use(pdf_writer *w, const face *f);
/* The glyphs of r are shown in f (sorted: its clusters, run_sorted_clusters):
 * mark them used, with the text each stands for
 * (the first text a glyph is seen with stays its ToUnicode text; the space glyph
 * is always U+0020). 0 ok, -1 OOM. */
int fonts_show_run(pdf_font *f, const glyph_run *r, const uint32_t *sorted, int nsorted);
/* Build every Type 0 font (subset, /W, ToUnicode). 0 ok, -1 error (reported or recorded). */
int fonts_embed(pdf_writer *w);
void fonts_free(pdf_writer *w);
/* Text of glyph i of a run (its cluster's bytes): *start, *len; returns how
 * many glyphs share that cluster. sorted: from run_sorted_clusters. */
int run_glyph_text(const glyph_run *r, const uint32_t *sorted, int nsorted, int i,
                    size_t *start, size_t *len);
/* The cluster offsets of r, sorted (duplicates kept), in a heap array of *n. NULL on OOM. */
uint32_t *run_sorted_clusters(const glyph_run *r, int *n);

/* ---- fontmaps.c ---- */
/* The CIDFont's /DW and /W for f's used glyphs, as dictionary entries
 * ("/DW n\n/W [ ... ]\n"); a heap string, NULL on OOM. */
char *fontmap_widths(const pdf_font *f);
/* f's ToUnicode CMap (every used glyph's text, U+FFFD when unknown) into out. 0 ok, -1 OOM. */
int fontmap_tounicode(const pdf_font *f, buf *out);

/* ---- tags.c ---- */
/* Index the tree's elements by id. 0 ok, -1 (reported) when the tree is not numbered. */
int tags_index(pdf_writer *w);
/* Record a marked-content sequence or an annotation on the page in slot. 0 ok, -1 OOM. */
int tags_add_mark(pdf_writer *w, int slot, int mcid, const node *elem, HPDF_Dict annot);
/* Every page in: marks in document order with page indices, annotations'
 * /StructParent keys (after the pages'). 0 ok, -1 error. */
int tags_order_marks(pdf_writer *w);
/* Build the structure tree, ParentTree and IDTree into the catalog; the marks
 * and per-element records it was built from are freed. */
int tags_build(pdf_writer *w);

/* ---- structelem.c ---- */
/* An empty dictionary in the xref for an object we write (its write hook and
 * attr set by the caller), from the writer's pool. NULL on OOM. */
HPDF_Dict pdfw_shell(pdf_writer *w);
/* libharu's spelling of an indirect reference to obj: "12 0 R". */
HPDF_STATUS pdfw_put_ref(HPDF_Stream s, const void *obj);
/* The entries of d as HPDF_Dict_Write writes them, into *out (in w->records;
 * NULL when none); d is freed. 0 ok, -1 error. */
int pdfw_entries(pdf_writer *w, HPDF_Dict d, char **out);
/* A new StructElem record of type with parent as /P and /Pg page (-1: none),
 * room for nkids kids, its dictionary in the xref. NULL on OOM. */
struct_elem *se_new(pdf_writer *w, const char *type, HPDF_Dict parent, int page, size_t nkids);
/* Keep the entries of props (a libharu dictionary, freed here) as e's further
 * entries, in the bytes libharu would write. 0 ok, -1 error. */
int se_set_props(struct_elem *e, HPDF_Dict props);
/* Append a kid to e's /K. 0 ok, -1 OOM. */
int se_add_kid(struct_elem *e, se_kid k);
void se_free_all(pdf_writer *w);
/* Make d a ParentTree leaf writing /Nums for e[0..n) (and /Limits when
 * limits), values from the marks. 0 ok, -1 OOM. */
int se_parent_leaf(pdf_writer *w, HPDF_Dict d, const pdf_tree_entry *e, size_t n, int limits);
void se_free_leaves(pdf_writer *w);

/* ---- trees.c ---- */
/* Write the n entries, sorted by key, as the tree rooted at root: /Nums or
 * /Names, or /Kids of leaves with /Limits when they pass PDF_TREE_LEAF.
 * Entries without a value are the ParentTree's: their leaves are written by
 * structelem.c, and e must live until the file is saved. 0 ok, -1 error. */
int pdfw_tree(pdf_writer *w, HPDF_Dict root, const pdf_tree_entry *e, size_t n);

/* ---- image.c ---- */
/* Embed every image the pages showed, once each, with no more pixels than the
 * style's max-dpi wants where it is drawn largest. 0 ok, -1 error (a damaged
 * file reported at its first figure: an input error). */
int images_embed(pdf_writer *w);
/* Draw image item it into a page's content (q, cm for its size, place and
 * orientation, Do, Q); its XObject is made on first use, filled by
 * images_embed. 0 ok, -1 error. */
int images_draw(pdf_writer *w, buf *out, const item *it);

/* ---- pixels.c ---- */
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

/* The stream data of the image whose file bytes are file[len] and whose facts
 * are info, at w x h pixels (its stored size: passed through where PDF
 * allows; smaller: box-filtered), JPEGs we encode at quality. 0 ok; -1 with
 * the reason in why[size]. image_data_free it either way. */
int image_encode(const image_info *info, const unsigned char *file, size_t len, int w, int h,
                 int quality, image_data *out, char *why, size_t size);
void image_data_free(image_data *d);

/* ---- pngpass.c ---- */
/* o as the IDAT bytes of the PNG d[0..len) (facts in info), checked; NULL,
 * or why not (a damaged file, out of memory). */
const char *png_pass(const image_info *info, const unsigned char *d, size_t len, image_data *o);

/* ---- outline.c ---- */
/* The outline: an entry per heading, nested by level, the top level open. */
int outline_write(pdf_writer *w);

/* ---- meta.c ---- */
/* Info, XMP metadata (pdfaid:part 3 when the sources are embedded), catalog
 * entries, the outline. */
int meta_write(pdf_writer *w);
/* The document's one instant as a PDF date (D:20190619000000Z) and an XMP
 * date (2019-06-19T00:00:00Z). */
void pdfw_dates(long long epoch, char pdfdate[80], char xmpdate[80]);

/* ---- embedded.c ---- */
/* The sources as PDF/A-3 associated files, when the options ask: each file
 * once (a /Filespec with /F, /UF, /Desc, /AFRelationship /Source and its
 * /EmbeddedFile stream: MIME /Subtype, /Params /Size /ModDate /CheckSum), the
 * catalog's /AF (the manifests) and /Names /EmbeddedFiles. Before tags_build,
 * which hangs each release's files on its Sect (embedded_add_af). 0 ok, -1 error. */
int embedded_write(pdf_writer *w);
/* Does n's StructElem carry an /AF (a release whose files are embedded)? */
int embedded_has_af(const pdf_writer *w, const node *n);
/* Add n's /AF [filespecs] to dict. 0 ok, -1 error. */
int embedded_add_af(pdf_writer *w, const node *n, HPDF_Dict dict);

/* ---- intent.c ---- */
/* The catalog's /OutputIntents: PDF/A with the compiled-in sRGB profile. */
int intent_write(pdf_writer *w);

/* ---- serialize.c ---- */
/* The finished document as the bytes of the file into fd: stream objects as
 * themselves, every other object in deflated object streams, a
 * cross-reference stream. 0 ok; -1 on error: *io_err the errno of a failed
 * write (else 0: libharu's error, recorded, or out of memory, or reported). */
int pdfw_serialize(pdf_writer *w, int fd, int *io_err);

/* ---- save.c ---- */
/* Write the finished document to path.tmpXXXXXX beside path, every write,
 * the fsync and the close checked, and rename it over path; on failure remove
 * it, leaving path as it was. 0 ok; -1 reported (w->reported) or left to libharu's error. */
int pdf_save_file(pdf_writer *w, const char *path);
/* All n bytes of p to fd, EINTR retried; -1 with errno set (ENOSPC on a full disk). */
int pdfw_write_all(int fd, const unsigned char *p, size_t n);

#endif
