/* util: what every stage shares and nothing else — diagnostics in GCC style
 * (file:line:col: error|warning: message), the per-document arena, a growable
 * byte buffer, a growable array helper, a string map, UTF-8 decoding, the
 * classes of code points text may carry, and the nearest known name to a
 * mistyped one ("did you mean"). No globals: a diag is made by main
 * and handed down. */
#ifndef BULLETIN_UTIL_H
#define BULLETIN_UTIL_H

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- errors: the one convention -------------------------------------
 *
 * A function that can fail returns 0, or -1 once the failure has been
 * reported through the diag its context carries (never both a code and a
 * message to pass up; never silence). A pointer-returning one returns NULL
 * the same way. The report records the failure's kind in the diag, sticky,
 * as HarfBuzz's objects carry one error flag checked once: what the program
 * exits with is read from there at the end (main.c), never passed up as a
 * code. A kind once recorded stays: a graver one replaces it.
 *   ERR_INPUT     the input's fault: what the user wrote (exit 1)
 *   ERR_SYSTEM    the machine's: I/O, a full disk, out of memory (exit 3)
 *   ERR_INTERNAL  ours: a broken invariant, a library misused (exit 3) */
enum err_kind { ERR_NONE = 0, ERR_INPUT, ERR_SYSTEM, ERR_INTERNAL };

/* ---- diagnostics ---------------------------------------------------- */

typedef struct diag {
    FILE *out;     /* where messages go (stderr); NULL: counted, not printed */
    int quiet;     /* -q: warnings are counted but not printed */
    int verbose;   /* -v: diag_info prints */
    int errors;    /* errors reported so far */
    int warnings;  /* warnings reported so far */
    enum err_kind kind;   /* the gravest error reported so far (sticky) */
    int oom;              /* out of memory was reported: said once, however often it happens */
} diag;

/* A source position; file NULL means "no file" (message starts with "bulletin:"). */
typedef struct srcpos {
    const char *file;
    int line, col;   /* 1-based; 0 when unknown (printed as 1) */
} srcpos;

/* An input error: what the user wrote is wrong (ERR_INPUT). */
void diag_error(diag *d, srcpos at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A system error: I/O, a full disk, a missing font (ERR_SYSTEM). */
void diag_system(diag *d, srcpos at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A bug of ours: "internal error: …" (ERR_INTERNAL). */
void diag_internal(diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "out of memory" (ERR_SYSTEM), printed once however often and through
 * whichever diags it is reported (memory is the process's), and the last
 * message d prints: what is reported after it (the failure's echoes) is
 * counted, not printed. Returns -1, so that `return diag_oom(d);` reads right. */
int diag_oom(diag *d);
/* Did an allocation fail inside library calls that do not say so? HarfBuzz,
 * FreeType and fontconfig go on with less (a table, a rule, a value left
 * out) when malloc fails; malloc sets errno ENOMEM when it does. Clear errno
 * before the calls (alloc_watch_start), read it after (alloc_watch_failed):
 * true means memory ran out in between. errno is the thread's own. */
static inline void alloc_watch_start(void) { errno = 0; }
static inline int alloc_watch_failed(void) { return errno == ENOMEM; }
/* A failed system call about a file: "MESSAGE: strerror(err)". Its kind is
 * read from err — out of memory (diag_oom), a file named wrongly or not the
 * user's to read (ENOENT, EACCES, EISDIR...: ERR_INPUT), anything else
 * (EIO, ENOSPC, EMFILE...: ERR_SYSTEM). Returns -1. */
int diag_errno(diag *d, srcpos at, int err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Where an allocator can neither fail nor reach a context (cmark-gfm's
 * cmark_mem, process-wide): diag_oom on the diag main registered, then the
 * process exits 3 at once. Only for allocations made while nothing is open
 * for writing (the inputs being read), so that nothing half-written is left
 * behind. */
void diag_oom_exit_register(diag *d);
_Noreturn void diag_oom_exit(void);
/* A diag for a part of the work (a release being read, another thread)
 * that prints where parent does but keeps its own counts and kind: the
 * part's sticky error, read once when it is done and then folded into the
 * parent with diag_merge. */
diag diag_child(const diag *parent);
/* Fold what side reported (another thread's diag, a part's) into d: counts and kind. */
void diag_merge(diag *d, const diag *side);
void diag_warning(diag *d, srcpos at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Progress for -v, "bulletin: message"; silent otherwise. */
void diag_info(diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- arena ---------------------------------------------------------- */

/* One arena per document: the model and the layout live in it and die with it. */
typedef struct arena arena;

arena *arena_new(void);                   /* NULL when out of memory */
void arena_free(arena *a);                /* frees every block; NULL is fine */
void *arena_alloc(arena *a, size_t size); /* zeroed, max-aligned; NULL on OOM */
void *arena_array(arena *a, size_t n, size_t size); /* overflow-checked */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t arena_bytes(const arena *a);       /* bytes held, for make bench */

/* ---- growable buffers (heap; owner frees with buf_free) -------------- */

typedef struct buf {
    char *data;   /* NUL-terminated when len > 0 */
    size_t len, cap;
} buf;

int buf_append(buf *b, const void *p, size_t n);  /* 0 ok, -1 OOM */
int buf_puts(buf *b, const char *s);
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(buf *b);
/* Hand the contents over as a heap string (an empty one when nothing was
 * appended) and leave b empty; NULL on OOM. The caller frees it. */
char *buf_take(buf *b);

/* Make room for `need` elements of `size` bytes in *p (capacity *cap).
 * 0 ok, -1 OOM (then *p is unchanged). */
int grow_array(void **p, size_t *cap, size_t need, size_t size);

/* ---- a string-keyed map (heap; keys copied, values borrowed) -------- */

typedef struct strmap strmap;
strmap *strmap_new(void);                          /* NULL on OOM */
void strmap_free(strmap *m);                       /* frees the keys, not the values */
void *strmap_get(const strmap *m, const char *key); /* NULL when absent */
int strmap_put(strmap *m, const char *key, void *value); /* 0 ok, -1 OOM */

/* ---- small shared helpers -------------------------------------------- */

/* Does BCP 47 tag name the language `primary` ("ko" for "ko", "ko-KR", "KO")? */
int lang_is(const char *tag, const char *primary);

/* FNV-1a over n bytes, continuing from h (start with FNV1A_INIT). */
#define FNV1A_INIT 14695981039346656037ULL
uint64_t fnv1a(const void *p, size_t n, uint64_t h);

/* ---- the nearest known name, for "did you mean" (suggest.c) ------------ */

/* The optimal string alignment distance between UTF-8 names a and b: the
 * fewest insertions, deletions, substitutions and swaps of two neighbouring
 * characters that make one the other, ASCII case ignored. -1 when either is
 * not valid UTF-8 or longer than 64 characters. */
int name_distance(const char *a, const char *b);
/* How far a known name may be from `name` and still be suggested: 1 edit up
 * to 5 characters, then one more for every 3. */
int name_distance_limit(const char *name);

/* The nearest of the known names offered, when it is within the limit and
 * no other is as near: start, offer each known name, read the result. */
typedef struct name_suggest {
    const char *typed;   /* borrowed */
    const char *best;    /* the nearest so far (borrowed); NULL: none in reach */
    int distance;        /* best's distance, or the limit + 1 */
    int tied;            /* another name is as near as best */
} name_suggest;
void name_suggest_start(name_suggest *s, const char *typed);
void name_suggest_offer(name_suggest *s, const char *known);
const char *name_suggest_result(const name_suggest *s);   /* NULL: no suggestion */
/* "; did you mean 'BEST'?" written into out[size], or "" when best is NULL:
 * what a message about an unknown key says right after the key. */
const char *name_did_you_mean(const char *best, char *out, size_t size);
/* The suggestion for typed among known[0..n), or NULL. */
const char *name_nearest(const char *typed, const char *const *known, size_t n);

/* ---- UTF-8 ----------------------------------------------------------- */

/* Decode one code point from s[0..len). Returns bytes used (1..4) and sets *cp,
 * or 0 when the bytes are not valid UTF-8 (overlong, surrogate, > U+10FFFF). */
int utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (4 bytes room); returns bytes written. */
int utf8_encode(uint32_t cp, char *out);
/* Offset of the first invalid byte, or (size_t)-1 when all of s is valid. */
size_t utf8_check(const char *s, size_t len);

/* ---- code point classes (uchar.c) -------------------------------------- */

/* What a code point is to text: usable, or a kind that is dropped. Tab and
 * line feed are usable (the parsers need them); CR never reaches here. */
enum uchar_kind {
    UC_OK = 0,        /* letters, marks, numbers, punctuation, symbols, separators
                         (U+2028/2029 are line breaks), format characters, private use */
    UC_CONTROL,       /* C0 controls other than tab and line feed, DEL */
    UC_C1_CONTROL,    /* U+0080–009F: mostly Windows-1252 text read as Latin-1 */
    UC_NONCHARACTER,  /* U+FDD0–FDEF and U+xFFFE/xFFFF */
    UC_UNASSIGNED,    /* no character in the Unicode version HarfBuzz knows */
    UC_SURROGATE,     /* U+D800–DFFF (not in valid UTF-8; made by escapes) */
    UC_BOM,           /* U+FEFF past the start of a file */
    UC_INVALID,       /* beyond U+10FFFF */
    UC_KINDS
};
/* HarfBuzz's Unicode functions, which uchar_classify (and shaping) read,
 * made before any text is read: 0, or -1 reported (out of memory; HarfBuzz
 * would go on with empty ones, every character unassigned). */
int uchar_setup(diag *d);
enum uchar_kind uchar_classify(uint32_t cp);
/* Is cp a letter Korean is spelled with: a precomposed Hangul syllable, or
 * a jamo (conjoining, compatibility, extended A and B)? The one home of the
 * Hangul ranges: language spans (input) and Korean setting (text) ask here.
 * Circled and parenthesised Hangul (R4.1 markers) and halfwidth jamo are not. */
int uchar_is_hangul(uint32_t cp);
/* A precomposed Hangul syllable (U+AC00–D7A3): the unit of Korean breaking
 * and spacing. */
static inline int uchar_is_hangul_syllable(uint32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}
/* "control character", "noncharacter", … for messages. */
const char *uchar_kind_name(enum uchar_kind k);

/* ---- outputs written together (staged.c) ------------------------------ */

/* Outputs that appear all or none: an empty temporary file beside path
 * (path.tmpXXXXXX, path's mode) for each, filled, then staged_commit. */
char *staged_reserve(const char *path, diag *d);   /* heap name; NULL reported */
/* The same file left open for writing, for an output written as it is made
 * (the PDF): its fd, *tmp its heap name (staged_discard it on failure); -1
 * reported. */
int staged_create(const char *path, char **tmp, diag *d);
/* All n bytes of data to fd, EINTR retried: 0, or -1 with errno set
 * (ENOSPC on a full disk, EIO for a write that wrote nothing). */
int write_all(int fd, const void *data, size_t n);
/* data into the reserved tmp of path, flushed to disk. 0, or -1 reported. */
int staged_write(const char *tmp, const char *path, const void *data, size_t n, diag *d);
/* Rename each tmp[i] over path[i]; if one fails, the others are put back as
 * they were. The tmp names stay the caller's. 0, or -1 reported. */
int staged_commit(char *const *tmp, const char *const *path, int n, diag *d);
/* Remove tmp (when the output is given up) and free the name; NULL is fine. */
void staged_discard(char *tmp);

/* RFC 5322 atext: what an atom of a mail header is made of (ASCII). */
int is_mail_atext(unsigned char c);

/* Read a whole file into a NUL-terminated heap buffer. 0 ok; -1 with errno set. */
int read_file(const char *path, char **data, size_t *len);
/* The same, for a file of at most max bytes: a longer one is -1 with errno
 * EFBIG, having read no more than max plus a chunk. */
int read_file_max(const char *path, size_t max, char **data, size_t *len);

#endif
