/* mail-private.h — what the files of mail/ share, and nothing outside it:
 * an output buffer with a sticky error flag, the encoders (mime.c: base64,
 * quoted-printable, RFC 2047 encoded words, RFC 2231 parameters, folded
 * header lines), the plain-text wrapping (wrap.c, widths.c) and the bodies
 * (body.c). Not part of the module's contract; the unit tests use it. */
#ifndef BULLETIN_MAIL_PRIVATE_H
#define BULLETIN_MAIL_PRIVATE_H

#include "mail.h"

/* Bytes being written, the column of the current line (headers fold by it)
 * and a sticky flag: once an append fails, the rest are skipped and failed
 * stays set; check it once at the end. */
typedef struct mail_out {
    buf b;
    size_t col;
    int failed;
} mail_out;

void mail_put(mail_out *o, const void *p, size_t n);
void mail_puts(mail_out *o, const char *s);

/* RFC 5322 atext (letters, digits, !#$%&'*+-/=?^_`{|}~)? */

/* ---- header lines (mime.c): every line at most MAIL_LINE_MAX characters,
 * folded at spaces; values never hold a line end that is not a fold. ---- */

/* "Name:" at the start of a header line. */
void mail_header_begin(mail_out *o, const char *name);
/* One unbreakable piece of a header value (at most MAIL_LINE_MAX - 2
 * characters), after a space (folded there when the line is full) or, with
 * space 0, straight after what came before (a ';' or ','). */
void mail_header_piece(mail_out *o, const char *s, size_t n, int space);
/* Text as unstructured header text (phrase 0: Subject) or a display name
 * (phrase 1): words as they are where they can be, RFC 2047 encoded words
 * (UTF-8, Q or B, whichever is shorter) where not, folded. Blanks and line
 * ends become single spaces; other control characters are dropped. */
void mail_header_words(mail_out *o, const char *text, int phrase);
/* The addresses, comma-separated: `Name <local@domain>` or `local@domain`. */
void mail_header_addresses(mail_out *o, const mail_address *list, int n);
/* "; attr=value": quoted, or as RFC 2231 `attr*=UTF-8''%..` (continued as
 * attr*0*, attr*1*, ... when long) where value is not plain ASCII or does
 * not fit a line. */
void mail_header_param(mail_out *o, const char *attr, const char *value);
/* "; attr*=UTF-8''%.." (RFC 2231), continued when long, whatever value is. */
void mail_header_param_extended(mail_out *o, const char *attr, const char *value);
/* Ends the header line. */
void mail_header_end(mail_out *o);

/* ---- bodies' transfer encodings (mime.c) ---- */

/* Base64 in lines of 76 characters, each ending in LF. */
void mail_base64(mail_out *o, const void *data, size_t n);
/* Quoted-printable (RFC 2045 §6.7) of text with LF line ends: lines of at
 * most 76 characters, soft breaks "=", blanks before a line end, '=', bytes
 * outside printable ASCII, and a '.' or "From " that opens a line encoded. */
void mail_quoted_printable(mail_out *o, const char *text, size_t n);
/* The transfer encoding for text: quoted-printable, or base64 where that is
 * shorter (Korean text); its name for Content-Transfer-Encoding. */
const char *mail_text_encoding(const char *text, size_t n);
/* text in the encoding mail_text_encoding chose. */
void mail_encode_text(mail_out *o, const char *text, size_t n);

/* ---- plain text (wrap.c, widths.c) ---- */

/* Columns code point cp takes on a terminal: 2 for East Asian Wide and
 * Fullwidth characters (Hangul syllables, CJK), 0 for combining marks and
 * format characters, 1 for the rest. */
int mail_char_columns(uint32_t cp);
/* Columns of UTF-8 text s[0..n). */
size_t mail_columns(const char *s, size_t n);
/* Text as format=flowed (RFC 3676) lines of at most width columns: broken at
 * spaces only (a Korean word is never split; a word longer than the line
 * stays whole on its own), each line that continues ending in a space, a
 * line that opens with '>', ' ' or "From " stuffed with a space (counted).
 * Runs of blanks count as one space. Appends the lines, each ending in LF;
 * *widest gets the widest line's columns (without its trailing space). */
void mail_wrap(mail_out *o, const char *text, int width, size_t *widest);

/* ---- the bodies (body.c) ---- */

/* The summary of the document as format=flowed plain text and as HTML. */
void mail_body_plain(mail_out *o, const mail_input *in);
void mail_body_html(mail_out *o, const mail_input *in);

#endif
