/* mail: the bulletin as a message ready to send (RFC 5322 + MIME, RFC 2045–
 * 2049): headers from the mail parties, a summary of the document in plain
 * text (format=flowed, wrapped at 72 columns) and in accessible HTML, and the
 * PDF attached byte for byte. It reads the document tree (the title, the
 * cover's lines, each release's metadata and lead paragraph) and the pages
 * where releases start (the display's anchors and page labels); it knows
 * nothing of Markdown or of PDF internals. The same inputs give the same
 * bytes: the Date is the document's one instant, the Message-ID and the MIME
 * boundaries are hashes of the content. No line of the message is longer
 * than 78 characters, and no header value can start a header of its own.
 * Lines end in LF, as local mail files and `sendmail -t` take them; the
 * program that submits the message writes CRLF on the wire. */
#ifndef BULLETIN_MAIL_H
#define BULLETIN_MAIL_H

#include "../doc/doc.h"
#include "../layout/display.h"

enum {
    MAIL_LINE_MAX = 78,     /* characters on a line of the message, line end not counted */
    MAIL_WRAP = 72,         /* columns of the plain-text body (a Hangul syllable is two) */
    MAIL_ADDRESS_MAX = 74,  /* characters of an addr-spec: with <>, a comma and the
                               folding space it still fits one header line */
};

/* Parse text as one RFC 5322 mailbox: `local@domain`, or `Display Name
 * <local@domain>` where the name is words, "quoted strings" or both, and may
 * be UTF-8 (it is written as RFC 2047 encoded words). The address itself is
 * ASCII (dot-atom or quoted local part, a host name as the domain) of at
 * most MAIL_ADDRESS_MAX characters. No comments, groups or address literals;
 * no control characters anywhere. 0 with *out filled (strings in a; with a
 * NULL, only checked and out may be NULL); MAIL_NOT_AN_ADDRESS with what is
 * wrong in why[size] (no position: the caller knows where text was
 * written); MAIL_NO_MEMORY. Nothing is reported: the caller says it. */
enum { MAIL_NOT_AN_ADDRESS = -1, MAIL_NO_MEMORY = -2 };
int mail_address_parse(const char *text, arena *a, mail_address *out, char *why, size_t size);

/* --mail and the addresses given on the command line with it. */
typedef struct mail_options {
    const char *file;              /* the message to write; NULL: none */
    const char *from, *reply_to;   /* NULL: the manifest's */
    const char **to, **cc, **bcc;  /* nto, ncc, nbcc of them */
    int nto, ncc, nbcc;
} mail_options;

/* Is every address in m one (mail_address_parse)? 0; MAIL_NOT_AN_ADDRESS
 * with the first that is not: its option ("--mail-cc") in *option, the
 * reason in why; MAIL_NO_MEMORY. */
int mail_options_check(const mail_options *m, const char **option, char *why, size_t size);
/* Who the message is from and to: the document's (a manifest's mail:
 * block) with m over it — from and reply-to each, and any recipient given
 * in m replaces all of the document's (To, Cc and Bcc together). Addresses
 * in a. 0, or -1 out of memory. The caller checks there is a from and a
 * recipient. */
int mail_parties_resolve(const document *doc, const mail_options *m, arena *a,
                         mail_parties *out);

/* What a message is made of. */
typedef struct mail_input {
    const document *doc;          /* numbered, laid out */
    const display *dl;            /* its pages and anchors (layout_document_to's) */
    const mail_parties *parties;  /* from and at least one recipient */
    const unsigned char *pdf;     /* the PDF's bytes, attached as they are */
    size_t pdf_len;
    const char *pdf_name;         /* the attachment's file name (UTF-8, no folder) */
    long long epoch;              /* the document's instant: the Date header */
} mail_input;

/* The whole message into out (appended). 0 ok, -1 out of memory. */
int mail_compose(const mail_input *in, buf *out);

#endif
