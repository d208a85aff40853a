/* meta.c — document-level metadata: the Info dictionary, the XMP packet
 * (dc, xmp, pdf, pdfuaid with its PDF/A extension schema), the catalog's
 * accessibility entries (MarkInfo, Lang, ViewerPreferences, Metadata,
 * PageMode), the page labels and the outline built from the headings. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf-private.h"

#define PRODUCER "bulletin"
#define CREATOR_TOOL "bulletin"

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

static int build_xmp(pdf_writer *w, buf *b, const char *date)
{
    const pdf_options *o = w->opts;
    if (buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                    "  <rdf:Description rdf:about=\"\"\n"
                    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                    "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
                    "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
                    "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                    "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">") < 0
        || xml_escape(b, o->title ? o->title : "") < 0
        || buf_puts(b, "</rdf:li></rdf:Alt></dc:title>\n") < 0)
        return -1;
    if (o->author && *o->author
        && (buf_puts(b, "   <dc:creator><rdf:Seq><rdf:li>") < 0 || xml_escape(b, o->author) < 0
            || buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n") < 0))
        return -1;
    if (o->lang && *o->lang
        && (buf_puts(b, "   <dc:language><rdf:Bag><rdf:li>") < 0 || xml_escape(b, o->lang) < 0
            || buf_puts(b, "</rdf:li></rdf:Bag></dc:language>\n") < 0))
        return -1;
    if (buf_printf(b,
                   "   <xmp:CreateDate>%s</xmp:CreateDate>\n"
                   "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                   "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n"
                   "   <xmp:CreatorTool>" CREATOR_TOOL "</xmp:CreatorTool>\n"
                   "   <pdf:Producer>" PRODUCER "</pdf:Producer>\n"
                   "   <pdfuaid:part>1</pdfuaid:part>\n",
                   date, date, date) < 0)
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

static int write_info(pdf_writer *w, const char *pdfdate)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    const pdf_options *o = w->opts;
    /* makes libharu create the Info dictionary; every key is then set by hand */
    HPDF_TRY(HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, CREATOR_TOOL));
    HPDF_Dict info = w->pdf->info;
    if (!info)
        return -1;
    void *s;
    HPDF_TRYP(s, pdfw_text_string(w, o->title ? o->title : ""));
    HPDF_TRY(HPDF_Dict_Add(info, "Title", s));
    if (o->author && *o->author) {
        HPDF_TRYP(s, pdfw_text_string(w, o->author));
        HPDF_TRY(HPDF_Dict_Add(info, "Author", s));
    }
    HPDF_TRYP(s, HPDF_String_New(mm, PRODUCER, NULL));
    HPDF_TRY(HPDF_Dict_Add(info, "Producer", s));
    HPDF_TRYP(s, HPDF_String_New(mm, pdfdate, NULL));
    HPDF_TRY(HPDF_Dict_Add(info, "CreationDate", s));
    HPDF_TRYP(s, HPDF_String_New(mm, pdfdate, NULL));
    HPDF_TRY(HPDF_Dict_Add(info, "ModDate", s));
    return 0;
}

static int write_catalog(pdf_writer *w, const char *xmpdate)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict cat = w->pdf->catalog;
    HPDF_Dict mark, vp, meta;
    void *s;
    HPDF_TRYP(mark, HPDF_Dict_New(mm));
    HPDF_TRY(HPDF_Dict_Add(cat, "MarkInfo", mark));
    HPDF_TRY(HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE));
    if (w->opts->lang && *w->opts->lang) {
        HPDF_TRYP(s, HPDF_String_New(mm, w->opts->lang, NULL));
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
    int rc = build_xmp(w, &x, xmpdate);
    if (rc == 0 && HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)x.data, (HPDF_UINT)x.len)
                       != HPDF_OK)
        rc = -1;
    buf_free(&x);
    return rc;
}

/* One outline entry per heading, nested by level, pointing at its anchor. */
static int write_outline(pdf_writer *w)
{
    const document *doc = w->doc;
    HPDF_Outline stack[7] = {0};   /* stack[l]: the last entry of level l */
    int count = 0, entering = 1;
    for (const node *c = doc->root; c; c = doc_next(doc->root, c, &entering)) {
        if (!entering || c->kind != N_H)
            continue;
        const anchor *a = layout_anchor(w->dl, c);
        if (!a || a->page < 0 || a->page >= w->dl->npages)
            continue;
        int level = c->level < 1 ? 1 : c->level > 6 ? 6 : c->level;
        HPDF_Outline parent = NULL;
        for (int l = level - 1; l >= 1 && !parent; l--)
            parent = stack[l];
        HPDF_Outline o;
        HPDF_TRYP(o, HPDF_CreateOutline(w->pdf, parent, "-", NULL));
        for (int l = level; l <= 6; l++)
            stack[l] = NULL;
        stack[level] = o;
        char *title = pdfw_node_text(doc->arena, c);
        void *s;
        HPDF_TRYP(s, pdfw_text_string(w, title && *title ? title : "Untitled"));
        HPDF_TRY(HPDF_Dict_Add(o, "Title", s));
        HPDF_Destination dst;
        HPDF_TRYP(dst, pdfw_destination(w, a->page, a->y));
        HPDF_TRY(HPDF_Outline_SetDestination(o, dst));
        /* the top level open: a bulletin shows its releases, a volume its weeks */
        HPDF_TRY(HPDF_Outline_SetOpened(o, level == 1 ? HPDF_TRUE : HPDF_FALSE));
        count++;
    }
    if (count)
        HPDF_TRY(HPDF_Dict_AddName(w->pdf->catalog, "PageMode", "UseOutlines"));
    return 0;
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

int meta_write(pdf_writer *w)
{
    struct tm tm;
    epoch_tm(w->opts->epoch, &tm);
    char pdfdate[80], xmpdate[80];
    snprintf(pdfdate, sizeof pdfdate, "D:%04d%02d%02d%02d%02d%02dZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    snprintf(xmpdate, sizeof xmpdate, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (write_info(w, pdfdate) < 0 || write_catalog(w, xmpdate) < 0 || write_outline(w) < 0 ||
        write_page_labels(w) < 0)
        return -1;
    return 0;
}
