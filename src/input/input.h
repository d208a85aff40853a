/* input: files into the document model — release front matter (libyaml),
 * Markdown bodies (cmark-gfm with tables, strikethrough, autolinks and
 * footnotes), and YAML style sheets. All checking of what users write happens
 * here, with file:line:col positions; later stages trust the tree. */
#ifndef BULLETIN_INPUT_H
#define BULLETIN_INPUT_H

#include "../doc/doc.h"

/* The largest release (bytes of its Markdown file) read when the options do
 * not say (--max-release-size): a press release is some kilobytes; one of
 * 4 MiB is more than a thousand pages, and layout holds some 90 bytes (up to
 * 180 for text that changes script at every letter) for each byte of it
 * until its pages are written — more is refused before it is read rather
 * than let it take the machine's memory. */
#define INPUT_MAX_RELEASE_BYTES ((size_t)4 << 20)

typedef struct input_options {
    const char *root;        /* paths named inside inputs must stay below it */
    size_t max_release_bytes;   /* a release file larger is refused (0: INPUT_MAX_RELEASE_BYTES) */
    int title_level;         /* heading level of a release title (1 alone) */
    strmap *image_cache;     /* optional, owned by the caller: images already checked,
                                shared by the releases of one document (values in its arena) */
    node *parent;            /* where a release is appended; NULL: the document's root */
    const char *name;        /* how messages name the release; NULL: as its path */
    /* input_load_manifest calls it (when set) once the manifest itself is
     * read and its style known, before the releases it names are: main's
     * start-up (the style, the fonts) runs there. style as *style below. */
    void (*style_known)(void *ctx, const char *style, srcpos style_at);
    void *style_ctx;
} input_options;

/* Parse the release at path and append it to doc->root as an N_SECT with its
 * own /Lang: title (N_H, R_TITLE), head block (subtitle, date, department,
 * contact), body, and its footnotes (R_NOTES). 0 ok, -1 error (reported). */
int input_load_release(document *doc, const char *path, const input_options *o, diag *d);

/* Read and check the image file at path (format, size within the pixel
 * limit, colour, damage; see image_info in doc.h): 0 with *info filled (path
 * and name left NULL), or -1 reported through d at `at` as "cannot use WHAT
 * 'NAME': what is wrong" (what: "image", "logo"; name: as written). */
int input_read_image(const char *path, image_info *info, const char *what, const char *name,
                     srcpos at, diag *d);

/* Read the manifest at path — a weekly bulletin (`releases:`) or a yearly
 * volume (`bulletins:` naming weekly manifests) — and every release it names
 * into doc, with the cover and contents and the heading levels of the
 * document's shape (doc->shape). Paths resolve beside the file naming them
 * and stay inside o->root. Every problem is reported, not only the first.
 * *style: the manifest's style (a name, or a resolved path), NULL when it has
 * none, written at *style_at. 0 ok, -1 error. */
int input_load_manifest(document *doc, const char *path, const input_options *o, diag *d,
                        const char **style, srcpos *style_at);
/* Is path a manifest (.yaml, .yml) rather than a release? */
int input_is_manifest_name(const char *path);

/* Append the index by department to a weekly bulletin or a yearly volume
 * when the style asks for one (index.bulletin, index.volume), after the last
 * release, listed in the contents (index.c). 0 ok (also when none is made),
 * -1 error (reported). */
int input_add_index(document *doc, const style *st, diag *d);

/* Read a YAML style sheet over s (start from style_default). Strings live in a.
 * Unknown keys and bad values are errors at the key. 0 ok, -1 error. */
int input_load_style(const char *path, style *s, arena *a, diag *d);

/* ---- e-mail addresses (a manifest's mail: block, the --mail-* options) ---- */

/* Parse text as one RFC 5322 mailbox: `local@domain`, or `Display Name
 * <local@domain>` where the name is words, "quoted strings" or both, and may
 * be UTF-8 (it is written as RFC 2047 encoded words). The address itself is
 * ASCII (dot-atom or quoted local part, a host name as the domain) of at
 * most MAIL_ADDRESS_MAX (doc.h) characters. No comments, groups or address literals;
 * no control characters anywhere. 0 with *out filled (strings in a; with a
 * NULL, only checked and out may be NULL), or -1 reported through d: what is
 * wrong, as "'TEXT' is not an e-mail address (RFC 5322): ..." at `at`, or
 * for an option ("--mail-cc") as "--mail-cc: not an e-mail address ...";
 * or out of memory. */
int input_parse_address(const char *text, arena *a, mail_address *out, const char *option,
                        srcpos at, diag *d);

/* --mail and the addresses given on the command line with it. */
typedef struct mail_options {
    const char *file;              /* the message to write; NULL: none */
    const char *from, *reply_to;   /* NULL: the manifest's */
    const char **to, **cc, **bcc;  /* nto, ncc, nbcc of them */
    int nto, ncc, nbcc;
} mail_options;

/* Is every address in m one (input_parse_address)? 0, or -1 with the first
 * that is not reported, named by its option ("--mail-cc"), or out of memory
 * (the diag's kind tells which). */
int input_check_mail_options(const mail_options *m, diag *d);
/* Who the message is from and to: the document's (a manifest's mail:
 * block) with m over it — from and reply-to each, and any recipient given
 * in m replaces all of the document's (To, Cc and Bcc together). Addresses
 * in a. 0, or -1 reported (out of memory: m was checked). The caller checks
 * there is a from and a recipient. */
int input_resolve_mail_parties(const document *doc, const mail_options *m, arena *a,
                               mail_parties *out, diag *d);

#endif
