/* meta.c — document-level metadata: the Info dictionary and the XMP packet
 * (dc, xmp, pdf, pdfaid, pdfuaid with its PDF/A extension schema) written from
 * the same values, so each Info key equals its XMP property; the dates; the
 * catalog's accessibility entries (MarkInfo, Lang, ViewerPreferences,
 * Metadata, PageMode) and the page labels; the outline is outline.c's. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf-private.h"

/* xmp:CreatorTool and /Creator when the options name none */
#define DEFAULT_CREATOR "bulletin"

/* The values written twice, once in /Info and once in the XMP packet. */
typedef struct meta_values {
    const char *title, *lang, *author;
    const char *creator;                /* xmp:CreatorTool, /Creator */
    const char *producer;               /* pdf:Producer, /Producer */
    char pdfdate[80], xmpdate[80];      /* one instant, to the second, UTC */
    int part;                           /* pdfaid:part: 2, or 3 with associated files */
} meta_values;

/* The epoch as UTC fields; out-of-range values clamp to 1970. */
static void epoch_tm(long long epoch, struct tm *out)
{
    if (epoch < 0 || epoch > 253402300799LL)   /* up to 9999-12-31 */
        epoch = 0;
    time_t t = (time_t)epoch;
    if (!gmtime_r(&t, out))
        memset(out, 0, sizeof *out);
}

/* Append s with & < > " escaped for XML. */
static int xml_escape(buf *b, const char *s)
{
    for (; s && *s; s++) {
        int r;
        switch (*s) {
        case '&': r = buf_puts(b, "&amp;"); break;
        case '<': r = buf_puts(b, "&lt;"); break;
        case '>': r = buf_puts(b, "&gt;"); break;
        case '"': r = buf_puts(b, "&quot;"); break;
        default:
            if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n')
                r = buf_puts(b, " ");   /* not allowed in XML 1.0 */
            else
                r = buf_append(b, s, 1);
        }
        if (r < 0)
            return -1;
    }
    return 0;
}

static int build_xmp(const meta_values *v, buf *b)
{
    if (buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                    "  <rdf:Description rdf:about=\"\"\n"
                    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                    "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
                    "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
                    "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
                    "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                    "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">") < 0
        || xml_escape(b, v->title) < 0 || buf_puts(b, "</rdf:li>") < 0)
        return -1;
    /* the same title again under the document's language (x-default first) */
    if (v->lang && (buf_puts(b, "<rdf:li xml:lang=\"") < 0 || xml_escape(b, v->lang) < 0
                    || buf_puts(b, "\">") < 0 || xml_escape(b, v->title) < 0
                    || buf_puts(b, "</rdf:li>") < 0))
        return -1;
    if (buf_puts(b, "</rdf:Alt></dc:title>\n") < 0)
        return -1;
    if (v->author
        && (buf_puts(b, "   <dc:creator><rdf:Seq><rdf:li>") < 0 || xml_escape(b, v->author) < 0
            || buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n") < 0))
        return -1;
    if (v->lang
        && (buf_puts(b, "   <dc:language><rdf:Bag><rdf:li>") < 0 || xml_escape(b, v->lang) < 0
            || buf_puts(b, "</rdf:li></rdf:Bag></dc:language>\n") < 0))
        return -1;
    if (buf_printf(b,
                   "   <xmp:CreateDate>%s</xmp:CreateDate>\n"
                   "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                   "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n"
                   "   <xmp:CreatorTool>",
                   v->xmpdate, v->xmpdate, v->xmpdate) < 0
        || xml_escape(b, v->creator) < 0
        || buf_puts(b, "</xmp:CreatorTool>\n   <pdf:Producer>") < 0
        || xml_escape(b, v->producer) < 0
        || buf_printf(b, "</pdf:Producer>\n"
                         "   <pdfaid:part>%d</pdfaid:part>\n"
                         "   <pdfaid:conformance>A</pdfaid:conformance>\n"
                         "   <pdfuaid:part>1</pdfuaid:part>\n", v->part) < 0)
        return -1;
    return buf_puts(b,
                    "   <pdfaExtension:schemas><rdf:Bag>\n"
                    "    <rdf:li rdf:parseType=\"Resource\">\n"
                    "     <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
                    "     <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
                    "     <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
                    "     <pdfaSchema:property><rdf:Seq>\n"
                    "      <rdf:li rdf:parseType=\"Resource\">\n"
                    "       <pdfaProperty:name>part</pdfaProperty:name>\n"
                    "       <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
                    "       <pdfaProperty:category>internal</pdfaProperty:category>\n"
                    "       <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
                    "      </rdf:li>\n"
                    "     </rdf:Seq></pdfaSchema:property>\n"
                    "    </rdf:li>\n"
                    "   </rdf:Bag></pdfaExtension:schemas>\n"
                    "  </rdf:Description>\n"
                    " </rdf:RDF>\n"
                    "</x:xmpmeta>\n"
                    "<?xpacket end=\"w\"?>");
}

static int write_info(pdf_writer *w, const meta_values *v)
{
    /* makes libharu create the Info dictionary; every key is then set by hand */
    HPDF_TRY(HPDF_SetInfoAttr(w->pdf, HPDF_INFO_PRODUCER, "-"));
    HPDF_Dict info = w->pdf->info;
    if (!info)
        return -1;
    const char *const text[][2] = {
        {"Title", v->title}, {"Author", v->author}, {"Creator", v->creator},
        {"Producer", v->producer}, {"CreationDate", v->pdfdate}, {"ModDate", v->pdfdate},
    };
    for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
        void *s;
        if (!text[i][1])
            continue;
        HPDF_TRYP(s, pdfw_text_string(w, text[i][1]));
        HPDF_TRY(HPDF_Dict_Add(info, text[i][0], s));
    }
    return 0;
}

static int write_catalog(pdf_writer *w, const meta_values *v)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict cat = w->pdf->catalog;
    HPDF_Dict mark, vp, meta;
    void *s;
    HPDF_TRYP(mark, HPDF_Dict_New(mm));
    HPDF_TRY(HPDF_Dict_Add(cat, "MarkInfo", mark));
    HPDF_TRY(HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE));
    if (v->lang) {
        HPDF_TRYP(s, HPDF_String_New(mm, v->lang, NULL));
        HPDF_TRY(HPDF_Dict_Add(cat, "Lang", s));
    }
    HPDF_TRYP(vp, HPDF_Dict_New(mm));
    HPDF_TRY(HPDF_Dict_Add(cat, "ViewerPreferences", vp));
    HPDF_TRY(HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE));

    HPDF_TRYP(meta, HPDF_DictStream_New(mm, w->pdf->xref));
    meta->filter = HPDF_STREAM_FILTER_NONE;   /* XMP stays readable */
    HPDF_TRY(HPDF_Dict_AddName(meta, "Type", "Metadata"));
    HPDF_TRY(HPDF_Dict_AddName(meta, "Subtype", "XML"));
    HPDF_TRY(HPDF_Dict_Add(cat, "Metadata", meta));
    buf x = {0};
    int rc = build_xmp(v, &x);
    if (rc == 0 && HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)x.data, (HPDF_UINT)x.len)
                       != HPDF_OK)
        rc = -1;
    if (rc == 0)   /* the file's /ID covers the metadata, dates included */
        HPDF_MD5Update(&w->md5, (const HPDF_BYTE *)x.data, (HPDF_UINT32)x.len);
    buf_free(&x);
    return rc;
}

/* /PageLabels: a range wherever the numbering changes or does not run on
 * (cover and contents i, ii, …; the body from 1), as layout printed them. */
static int write_page_labels(pdf_writer *w)
{
    const display *dl = w->dl;
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict labels;
    HPDF_Array nums;
    HPDF_TRYP(labels, HPDF_Dict_New(mm));
    HPDF_TRYP(nums, HPDF_Array_New(mm));
    HPDF_TRY(HPDF_Dict_Add(labels, "Nums", nums));
    for (int i = 0; i < dl->npages; i++) {
        const page *p = &dl->pages[i], *prev = i ? &dl->pages[i - 1] : NULL;
        if (prev && prev->numbering == p->numbering && prev->number + 1 == p->number)
            continue;
        HPDF_Dict range;
        HPDF_TRYP(range, HPDF_Dict_New(mm));
        HPDF_TRY(HPDF_Array_AddNumber(nums, i));
        HPDF_TRY(HPDF_Array_Add(nums, range));
        HPDF_TRY(HPDF_Dict_AddName(range, "S", p->numbering == NUMBER_ROMAN ? "r" : "D"));
        if (p->number != 1)
            HPDF_TRY(HPDF_Dict_AddNumber(range, "St", p->number));
    }
    HPDF_TRY(HPDF_Dict_Add(w->pdf->catalog, "PageLabels", labels));
    return 0;
}

void pdfw_dates(long long epoch, char pdfdate[80], char xmpdate[80])
{
    struct tm tm;
    epoch_tm(epoch, &tm);
    snprintf(pdfdate, 80, "D:%04d%02d%02d%02d%02d%02dZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    snprintf(xmpdate, 80, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int meta_write(pdf_writer *w)
{
    const pdf_options *o = w->opts;
    meta_values v = {.lang = o->lang && *o->lang ? o->lang : NULL,
                     .part = o->embed_sources ? 3 : 2};
    pdfw_dates(o->epoch, v.pdfdate, v.xmpdate);
    char *title = pdfw_text_clean(o->title);
    char *author = o->author && *o->author ? pdfw_text_clean(o->author) : NULL;
    char *creator = pdfw_text_clean(o->creator && *o->creator ? o->creator : DEFAULT_CREATOR);
    buf producer = {0};
    int rc = -1;
    if (!title || !creator || (o->author && *o->author && !author)
        || buf_printf(&producer, "%s (libharu %s)", creator, HPDF_VERSION_TEXT) < 0)
        goto out;
    v.title = title;
    v.author = author && *author ? author : NULL;
    v.creator = creator;
    v.producer = producer.data;   /* the PDF library too */
    if (write_info(w, &v) < 0 || write_catalog(w, &v) < 0 || outline_write(w) < 0 ||
        write_page_labels(w) < 0)
        goto out;
    rc = 0;
out:
    free(title);
    free(author);
    free(creator);
    buf_free(&producer);
    return rc;
}
