/* message.c — the message put together: headers (From, To, Cc, Bcc,
 * Reply-To, Subject, Date, Message-ID, MIME-Version, Content-Language), a
 * multipart/mixed holding a multipart/alternative (text/plain, then
 * text/html, both UTF-8) and the PDF (application/pdf, base64, an
 * attachment with an ASCII filename and, for any other name, an RFC 2231
 * filename*). Nothing is random: the Date is the document's instant, the
 * boundaries and the Message-ID are FNV-1a hashes of what the message holds. */
#include <string.h>
#include <time.h>
#include "mail-private.h"

/* Two FNV-1a lanes over n bytes, continuing from h[0], h[1]. */
static void hash_bytes(uint64_t h[2], const void *p, size_t n)
{
    h[0] = fnv1a(p, n, h[0]);
    h[1] = fnv1a(p, n, h[1]);
}

static void hash_init(uint64_t h[2])
{
    h[0] = FNV1A_INIT;
    h[1] = FNV1A_INIT ^ 0x9E3779B97F4A7C15ULL;   /* a second lane: 128 bits in all */
}

/* RFC 5322 date-time of epoch (UTC): "Fri, 28 Jun 2019 00:00:00 +0000". */
static void date_time(long long epoch, char *out, size_t size)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t t = (time_t)epoch;
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        t = 0;
        gmtime_r(&t, &tm);
    }
    snprintf(out, size, "%s, %d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The attachment's name in ASCII, for mail readers that know no RFC 2231:
 * the name itself when it is printable ASCII (no '"' or '\\'); else
 * "bulletin", a '-' and the stem's runs of those joined by '_' when it has
 * any ("제25호 주간.pdf" → "bulletin-25.pdf"), and its extension when that is
 * letters and digits. 1 when it is the name itself. */
static int ascii_file_name(const char *name, char *out, size_t size)
{
    size_t n = strlen(name);
    int same = n > 0 && n <= 60;   /* printable ASCII that a quoted string holds as it is */
    for (size_t i = 0; i < n && same; i++)
        same = name[i] >= 0x20 && name[i] < 0x7F && name[i] != '"' && name[i] != '\\';
    if (same) {
        snprintf(out, size, "%s", name);
        return 1;
    }
    const char *dot = strrchr(name, '.');
    size_t stem = dot && dot != name ? (size_t)(dot - name) : n;
    size_t w = (size_t)snprintf(out, size, "bulletin-"), keep = w;
    for (size_t i = 0; i < stem && w < 60 && w + 1 < size; i++) {
        unsigned char c = (unsigned char)name[i];
        int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (letter || (w > keep && strchr(".+-_", c)))
            out[w++] = (char)c;
        else if (w > keep && out[w - 1] != '_')
            out[w++] = '_';
    }
    while (w >= keep && strchr(".+-_", out[w - 1]))
        w--;   /* "bulletin-" with nothing after it loses its '-' too */
    out[w] = 0;
    const char *ext = stem < n ? name + stem + 1 : "";
    int ext_ok = *ext && strlen(ext) <= 8;
    for (const char *e = ext; *e && ext_ok; e++)
        ext_ok = (*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9');
    if (ext_ok && w + strlen(ext) + 2 <= size)
        snprintf(out + w, size - w, ".%s", ext);
    return 0;
}

/* The part's bytes, the boundary hashed from them: "=_" and 32 hex digits
 * (quoted-printable and base64 never make "=_", so no line of a part can be
 * taken for a boundary). */
static void boundary_of(const uint64_t h[2], const char *kind, char *out, size_t size)
{
    snprintf(out, size, "=_%s_%016llx%016llx", kind, (unsigned long long)h[0],
             (unsigned long long)h[1]);
}

static void text_part(mail_out *o, const char *type, const char *lang, const buf *text)
{
    mail_header_begin(o, "Content-Type");
    mail_header_piece(o, type, strlen(type), 1);
    static const char *const params[] = {"charset=UTF-8", "format=flowed", "delsp=no"};
    for (size_t i = 0; i < (strcmp(type, "text/plain") == 0 ? 3u : 1u); i++) {
        mail_header_piece(o, ";", 1, 0);
        mail_header_piece(o, params[i], strlen(params[i]), 1);
    }
    mail_header_end(o);
    mail_header_begin(o, "Content-Language");
    mail_header_piece(o, lang, strlen(lang), 1);
    mail_header_end(o);
    mail_header_begin(o, "Content-Transfer-Encoding");
    const char *cte = mail_text_encoding(text->data, text->len);
    mail_header_piece(o, cte, strlen(cte), 1);
    mail_header_end(o);
    mail_puts(o, "\n");
    mail_encode_text(o, text->data, text->len);
}

/* The body of the message: everything after its top-level headers. */
static void mime_body(mail_out *o, const mail_input *in, const buf *plain, const buf *html,
                      const char *mixed, const char *alt)
{
    const char *lang = in->doc->lang;
    mail_puts(o, "This is a message in MIME format: the bulletin summarised in plain text\n"
                 "and in HTML, and attached as a PDF.\n\n--");
    mail_puts(o, mixed);
    mail_puts(o, "\nContent-Type: multipart/alternative;\n boundary=\"");
    mail_puts(o, alt);
    mail_puts(o, "\"\n\n--");
    mail_puts(o, alt);
    mail_puts(o, "\n");
    text_part(o, "text/plain", lang, plain);
    mail_puts(o, "\n--");
    mail_puts(o, alt);
    mail_puts(o, "\n");
    text_part(o, "text/html", lang, html);
    mail_puts(o, "\n--");
    mail_puts(o, alt);
    mail_puts(o, "--\n\n--");
    mail_puts(o, mixed);
    mail_puts(o, "\n");

    /* a name other than plain ASCII: the ASCII one as the type's name, the
     * real one as the disposition's filename* (both in one header would be
     * one parameter given twice, RFC 2231 §4, and readers differ on which wins) */
    char ascii[80], size[32];
    int ascii_only = ascii_file_name(in->pdf_name, ascii, sizeof ascii);
    mail_header_begin(o, "Content-Type");
    mail_header_piece(o, "application/pdf", 15, 1);
    mail_header_param(o, "name", ascii);
    mail_header_end(o);
    mail_header_begin(o, "Content-Disposition");
    mail_header_piece(o, "attachment", 10, 1);
    if (ascii_only)
        mail_header_param(o, "filename", ascii);
    else
        mail_header_param_extended(o, "filename", in->pdf_name);
    int n = snprintf(size, sizeof size, "size=%zu", in->pdf_len);
    mail_header_piece(o, ";", 1, 0);
    mail_header_piece(o, size, (size_t)n, 1);
    mail_header_end(o);
    mail_puts(o, "Content-Transfer-Encoding: base64\n\n");
    mail_base64(o, in->pdf, in->pdf_len);
    mail_puts(o, "\n--");
    mail_puts(o, mixed);
    mail_puts(o, "--\n");
}

/* The headers before the Message-ID. */
static void address_headers(mail_out *o, const mail_input *in)
{
    const mail_parties *p = in->parties;
    struct {
        const char *name;
        const mail_address *list;
        int n;
    } const rows[] = {
        {"From", p->from, p->from ? 1 : 0},
        {"To", p->to, p->nto},
        {"Cc", p->cc, p->ncc},
        {"Bcc", p->bcc, p->nbcc},   /* sendmail -t and msmtp -t send to them and drop it */
        {"Reply-To", p->reply_to, p->reply_to ? 1 : 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        if (!rows[i].n)
            continue;
        mail_header_begin(o, rows[i].name);
        mail_header_addresses(o, rows[i].list, rows[i].n);
        mail_header_end(o);
    }
    mail_header_begin(o, "Subject");
    mail_header_words(o, in->doc->title, 0);
    mail_header_end(o);
    char date[64];
    date_time(in->epoch, date, sizeof date);
    mail_header_begin(o, "Date");
    mail_header_piece(o, date, strlen(date), 1);
    mail_header_end(o);
}

/* "<id@domain>": id base32 of the hash (26 characters: 130 bits), domain
 * the sender's — or its longest tail of whole labels that leaves a line
 * room for 13 characters (64 bits) of id. */
static void message_id(const uint64_t h[2], const char *domain, char *out, size_t size)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz234567";
    enum { ID_MIN = 13, ID_MAX = 26, FRAME = 5 };   /* " <", "@", ">", a ',' kept free */
    while (strlen(domain) + ID_MIN + FRAME > MAIL_LINE_MAX && strchr(domain, '.'))
        domain = strchr(domain, '.') + 1;
    size_t d = strlen(domain), n = ID_MAX;
    if (d + n + FRAME > MAIL_LINE_MAX)
        n = d + ID_MIN + FRAME <= MAIL_LINE_MAX ? MAIL_LINE_MAX - FRAME - d : ID_MIN;
    char id[ID_MAX + 1];
    for (size_t i = 0; i < n; i++) {   /* 5 bits at a time from the two lanes */
        size_t bit = i * 5;
        uint64_t lane = h[bit / 64 % 2];
        id[i] = digits[(lane >> (bit % 64)) & 31];
    }
    id[n] = 0;
    snprintf(out, size, "<%s@%s>", id, domain);
}

int mail_compose(const mail_input *in, buf *out, diag *d)
{
    mail_out plain = {0}, html = {0}, head = {0}, body = {0};
    mail_body_plain(&plain, in);
    mail_body_html(&html, in);
    int rc = -1;
    if (plain.failed || html.failed)
        goto done;

    uint64_t h[2];
    char mixed[64], alt[64];
    hash_init(h);
    hash_bytes(h, plain.b.data, plain.b.len);
    hash_bytes(h, html.b.data, html.b.len);
    boundary_of(h, "alt", alt, sizeof alt);
    hash_bytes(h, in->pdf, in->pdf_len);
    boundary_of(h, "mixed", mixed, sizeof mixed);

    address_headers(&head, in);
    mime_body(&body, in, &plain.b, &html.b, mixed, alt);
    if (head.failed || body.failed)
        goto done;
    /* the Message-ID: all of the rest, and the sender's domain */
    const char *domain = strrchr(in->parties->from->addr, '@') + 1;
    hash_init(h);
    hash_bytes(h, head.b.data, head.b.len);
    hash_bytes(h, body.b.data, body.b.len);
    hash_bytes(h, domain, strlen(domain));
    char id[MAIL_LINE_MAX + 8];
    message_id(h, domain, id, sizeof id);

    mail_out o = {.b = *out};
    mail_put(&o, head.b.data, head.b.len);
    mail_header_begin(&o, "Message-ID");
    mail_header_piece(&o, id, strlen(id), 1);
    mail_header_end(&o);
    mail_puts(&o, "MIME-Version: 1.0\n");
    mail_header_begin(&o, "Content-Language");
    mail_header_piece(&o, in->doc->lang, strlen(in->doc->lang), 1);
    mail_header_end(&o);
    mail_puts(&o, "Content-Type: multipart/mixed;\n boundary=\"");
    mail_puts(&o, mixed);
    mail_puts(&o, "\"\n\n");
    mail_put(&o, body.b.data, body.b.len);
    *out = o.b;
    rc = o.failed ? -1 : 0;
done:
    buf_free(&plain.b);
    buf_free(&html.b);
    buf_free(&head.b);
    buf_free(&body.b);
    return rc == 0 ? 0 : diag_oom(d);   /* the parts' sticky flags: memory is all that fails */
}
