/* meta.c — document-level metadata: the Info dictionary and the XMP packet
 * (dc, xmp, pdf, pdfaid, pdfuaid with its PDF/A extension schema) written from
 * the same values, so each Info key equals its XMP property; the dates; the
 * catalog's accessibility entries (MarkInfo, Lang, ViewerPreferences,
 * Metadata) and the page labels; the outline (and PageMode) is outline.c's. */
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

static int write_info(pdf_objs *o, const meta_values *v)
{
    pdf_obj *info;
    TRYP(info, objs_info(o));
    const char *const text[][2] = {
        {"Title", v->title}, {"Author", v->author}, {"Creator", v->creator},
        {"Producer", v->producer}, {"CreationDate", v->pdfdate}, {"ModDate", v->pdfdate},
    };
    for (size_t i = 0; i < sizeof text / sizeof *text; i++)
        if (text[i][1])
            TRY(obj_put(info, text[i][0], pdfw_text_string(o, text[i][1])));
    return 0;
}

static int write_catalog(pdf_objs *o, pdf_streams *s, const meta_values *v)
{
    pdf_obj *cat = objs_catalog(o);
    pdf_obj *mark, *vp, *meta;
    TRYP(mark, obj_dict(o));
    TRY(obj_put(cat, "MarkInfo", mark));
    TRY(obj_put_bool(mark, "Marked", 1));
    if (v->lang)
        TRY(obj_put(cat, "Lang", obj_string(o, v->lang)));
    TRYP(vp, obj_dict(o));
    TRY(obj_put(cat, "ViewerPreferences", vp));
    TRY(obj_put_bool(vp, "DisplayDocTitle", 1));

    TRYP(meta, obj_stream(o));
    TRY(obj_put_name(meta, "Type", "Metadata"));
    TRY(obj_put_name(meta, "Subtype", "XML"));
    TRY(obj_put(cat, "Metadata", meta));
    buf x = {0};
    int rc = build_xmp(v, &x);
    if (rc < 0)
        diag_oom(s->d);
    else   /* as it is: XMP stays readable */
        rc = pdfw_stream_data(s, meta, x.data, x.len, PDFW_RAW);
    if (rc == 0)   /* the file's /ID covers the metadata, dates included */
        objs_hash(o, x.data, x.len);
    buf_free(&x);
    return rc;
}

/* The ranges of /PageLabels into nums. 0, or -1 reported. */
static int label_ranges(pdf_objs *o, const display *dl, pdf_obj *nums)
{
    for (int i = 0; i < dl->npages; i++) {
        const page *p = &dl->pages[i], *prev = i ? &dl->pages[i - 1] : NULL;
        if (prev && prev->numbering == p->numbering && prev->number + 1 == p->number)
            continue;
        pdf_obj *range;
        TRYP(range, obj_dict(o));
        TRY(obj_push_int(nums, i));
        TRY(obj_push(nums, range));
        TRY(obj_put_name(range, "S", p->numbering == NUMBER_ROMAN ? "r" : "D"));
        if (p->number != 1)
            TRY(obj_put_int(range, "St", p->number));
    }
    return 0;
}

int meta_page_labels(pdf_objs *o, const display *dl)
{
    pdf_obj *labels, *nums;
    TRYP(labels, obj_dict(o));
    /* labels is put into the catalog last (its place among the catalog's
     * entries): until then it is ours to free when a step fails */
    if (!(nums = obj_array(o)) || obj_put(labels, "Nums", nums) < 0
        || label_ranges(o, dl, nums) < 0) {
        obj_free(o, labels);
        return -1;
    }
    return obj_put(objs_catalog(o), "PageLabels", labels);
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

int meta_write(pdf_objs *objs, pdf_streams *s, const pdf_options *o)
{
    meta_values v = {.lang = o->lang && *o->lang ? o->lang : NULL,
                     .part = o->embed_sources ? 3 : 2};
    pdfw_dates(o->epoch, v.pdfdate, v.xmpdate);
    char *title = pdfw_text_clean(o->title);
    char *author = o->author && *o->author ? pdfw_text_clean(o->author) : NULL;
    char *creator = pdfw_text_clean(o->creator && *o->creator ? o->creator : DEFAULT_CREATOR);
    buf producer = {0};
    int rc = -1;
    if (!title || !creator || (o->author && *o->author && !author)
        || buf_printf(&producer, "%s (libharu %s)", creator, objs_library_version()) < 0) {
        diag_oom(s->d);
        goto out;
    }
    v.title = title;
    v.author = author && *author ? author : NULL;
    v.creator = creator;
    v.producer = producer.data;   /* the PDF library too */
    if (write_info(objs, &v) < 0 || write_catalog(objs, s, &v) < 0)
        goto out;
    rc = 0;
out:
    free(title);
    free(author);
    free(creator);
    buf_free(&producer);
    return rc;
}
