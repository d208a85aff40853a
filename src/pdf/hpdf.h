/* hpdf.h — libharu behind one door: the object layer the rest of src/pdf
 * builds the PDF with, and that hpdf.c alone implements on libharu 2.3.0
 * (its documents, dictionaries, arrays, strings, streams, pages, cross-
 * reference table, object writers and MD5). No other file includes a libharu
 * header, so a libharu upgrade is hpdf.c's work only.
 *
 * The model: a document (pdf_objs) holds objects (pdf_obj): dictionaries,
 * arrays, names, numbers, strings, streams. An object is direct (written
 * where it is put) until obj_indirect numbers it; streams and pages are
 * numbered when made. Objects put into a dictionary or array belong to it;
 * one never put anywhere is given back with obj_free. Dictionaries keep
 * their entries in the order put (putting a key again replaces its value in
 * place), and every object is written exactly as libharu writes it.
 *
 * Objects of ours (the structure elements, links, outline items, ParentTree
 * leaves) are written from compact records when the file is written: an
 * obj_hook writes a dictionary's body through the pdf_out functions.
 *
 * Errors: every function returns 0, or -1 (NULL) once the failure has been
 * reported through the diag given to objs_new — out of memory (diag_oom), a
 * limit of libharu's reached by the size of the input (an input error: split
 * it), or a call libharu refused (an internal error). The first failure is
 * the document's, sticky: later calls fail without a word. Given a NULL
 * object (an earlier failure), a function fails without a word too. */
#ifndef BULLETIN_PDF_OBJS_H
#define BULLETIN_PDF_OBJS_H

#include <stddef.h>
#include <sys/types.h>

#include "../util/util.h"

/* The most entries an array holds (libharu's limit; hpdf.c checks they
 * agree at compile time): a structure element with more kids is split
 * (tags.c), a longer tree gets /Kids (trees.c). */
enum { PDF_MAX_ARRAY = 32767 };
/* The most bytes a stream holds: libharu counts them in 32 bits. */
#define PDF_MAX_STREAM ((size_t)0x7FFFFFFF)

typedef struct pdf_objs pdf_objs;   /* a document's objects */
typedef struct pdf_obj pdf_obj;     /* one of them (opaque) */
typedef struct pdf_out pdf_out;     /* where an object's bytes go as the file is written */

/* ---- the document ---------------------------------------------------------- */

/* A new, empty PDF 1.7 document reporting through d. NULL on failure (reported). */
pdf_objs *objs_new(diag *d);
void objs_free(pdf_objs *o);
/* Our own allocation failed while building o: out of memory, reported once,
 * and o failed. Returns -1. */
int objs_oom(pdf_objs *o);
/* The catalog, the trailer, and the Info dictionary (made when first asked). */
pdf_obj *objs_catalog(pdf_objs *o);
pdf_obj *objs_trailer(pdf_objs *o);
pdf_obj *objs_info(pdf_objs *o);
/* The version of the library underneath ("2.3.0"), named in /Producer. */
const char *objs_library_version(void);
/* Feed n bytes to the hash the file's /ID is made from. */
void objs_hash(pdf_objs *o, const void *p, size_t n);
/* The trailer's /ID: the hash fed so far, twice. */
int objs_add_id(pdf_objs *o);
/* The MD5 of p[0..n) (an embedded file's /CheckSum). */
void objs_md5(const void *p, size_t n, unsigned char out[16]);

/* ---- objects --------------------------------------------------------------- */

pdf_obj *obj_dict(pdf_objs *o);
pdf_obj *obj_array(pdf_objs *o);
/* A string written as libharu writes text: (literal), escaped. */
pdf_obj *obj_string(pdf_objs *o, const char *s);
/* A string of n bytes, written in hex: <FEFF...>. */
pdf_obj *obj_binary(pdf_objs *o, const void *p, size_t n);
pdf_obj *obj_int(pdf_objs *o, int v);
/* Number obj (a new object numbered next): it is written once, and written
 * as "n 0 R" wherever it is put. 0, or -1. */
int obj_indirect(pdf_objs *o, pdf_obj *obj);
/* Give back an object that was never put anywhere (NULL is fine). */
void obj_free(pdf_objs *o, pdf_obj *obj);

/* dict[key] = value (value now dict's, even when this fails). */
int obj_put(pdf_obj *dict, const char *key, pdf_obj *value);
int obj_put_name(pdf_obj *dict, const char *key, const char *name);
int obj_put_int(pdf_obj *dict, const char *key, int v);
/* A real as libharu writes it (a few decimals); beyond ±32767 refused here
 * (an input error: libharu would make it unset and say nothing). */
int obj_put_real(pdf_obj *dict, const char *key, double v);
int obj_put_bool(pdf_obj *dict, const char *key, int v);
/* Append to an array. */
int obj_push(pdf_obj *array, pdf_obj *value);
int obj_push_name(pdf_obj *array, const char *name);
int obj_push_int(pdf_obj *array, int v);
int obj_push_real(pdf_obj *array, double v);

/* The entries of dict as they would be written inside it ("/Key value\n"
 * each), copied into a (NULL when it has none); dict is freed. 0, or -1. */
int obj_entries(pdf_objs *o, pdf_obj *dict, arena *a, char **out);
/* Write text (entries, as written: "/DW 1000\n/W [ ... ]\n") after dict's
 * own entries; text must live until the file is written. */
int obj_put_text(pdf_obj *dict, const char *text);

/* ---- streams --------------------------------------------------------------- */

/* A stream (a dictionary with data), numbered, with its /Length (another
 * object, numbered next). Its data is empty until obj_stream_data. */
pdf_obj *obj_stream(pdf_objs *o);

/* How a stream's data is written: as it is; deflated already (/Filter
 * /FlateDecode); or a JPEG (/Filter [ /DCTDecode ]). */
enum obj_filter { OBJ_RAW, OBJ_DEFLATED, OBJ_DCT };

/* A stream's data held until the file is written: len bytes in data[], or,
 * when fd >= 0, at offset `at` of the file fd (which outlives the document). */
typedef struct obj_data {
    size_t len;
    size_t pos;                /* hpdf.c's: where reading is */
    int fd;
    off_t at;
    unsigned char data[];
} obj_data;

/* Make data (a malloc'ed block, now the stream's and freed with it, even
 * when this fails) the data of stream s, written as filter says. 0, or -1. */
int obj_stream_data(pdf_obj *s, obj_data *data, enum obj_filter filter);

/* ---- pages ----------------------------------------------------------------- */

/* A new page of width x height points: the last, or the one before `before`.
 * Its /Contents is an empty stream (obj_page_contents). NULL on failure. */
pdf_obj *obj_page(pdf_objs *o, pdf_obj *before, double width, double height);
pdf_obj *obj_page_contents(pdf_obj *page);

/* ---- objects of ours ------------------------------------------------------- */

/* What writes the body of an object of ours (the entries of a dictionary,
 * without << >>), when the file is written: write(ctx, rec, out), rec being
 * the object's record, whose first member points to this hook. 0, or -1
 * once reported (a failed write of out's is its owner's to report). */
typedef struct obj_hook {
    int (*write)(void *ctx, const void *rec, pdf_out *out);
    void *ctx;
} obj_hook;

/* An empty dictionary, numbered, written by rec's hook: rec is the address
 * of the record's first member, and the record lives until the file is
 * written. Made from a pool freed with the document (a volume has hundreds
 * of thousands). NULL on failure. */
pdf_obj *obj_custom(pdf_objs *o, const obj_hook *const *rec);
/* The same for dict (its own entries written first). */
int obj_hook_dict(pdf_obj *dict, const obj_hook *const *rec);

/* Writing while the file is written: 0, or -1 (the sink failed). */
int out_str(pdf_out *out, const char *s);
int out_char(pdf_out *out, char c);
int out_int(pdf_out *out, int v);
int out_real(pdf_out *out, double v);      /* as libharu writes reals */
int out_name(pdf_out *out, const char *name);   /* "/Name", escaped */
int out_ref(pdf_out *out, const pdf_obj *obj);   /* "12 0 R" */

/* ---- the file (serialize.c) ------------------------------------------------ */

/* An output writing through write(ctx, p, n): 0, or -1 once reported or
 * recorded by its owner. NULL on failure. */
pdf_out *out_new(pdf_objs *o, int (*write)(void *ctx, const void *p, size_t n), void *ctx);
void out_free(pdf_out *out);

/* The objects are numbered 1 .. objs_count() - 1. */
unsigned objs_count(const pdf_objs *o);
/* Check that o can be written by objs_write: not encrypted, not an
 * incremental update, every object in use and of generation 0. 0, or -1
 * reported (internal). */
int objs_check(pdf_objs *o);
/* What object num is: a stream (written as itself), or any other (fit for
 * an object stream). */
enum obj_kind { OBJ_STREAM, OBJ_PLAIN };
enum obj_kind objs_kind(const pdf_objs *o, unsigned num);
/* Object num's value ("<< ... >>", a stream with its data after) into out;
 * num 0: the trailer's. 0, or -1. */
int objs_write(pdf_objs *o, unsigned num, pdf_out *out);

#endif
