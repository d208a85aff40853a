/* mail: the bulletin as a message ready to send (RFC 5322 + MIME, RFC 2045–
 * 2049): headers from the mail parties, a summary of the document in plain
 * text (format=flowed, wrapped at 72 columns) and in accessible HTML, and the
 * PDF attached byte for byte. Who it is from and to comes checked from
 * input (input_check_mail_options, input_resolve_mail_parties). It reads the document tree (the title, the
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
};

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

/* The whole message into out (appended). 0, or -1 reported (out of memory). */
int mail_compose(const mail_input *in, buf *out, diag *d);

#endif
