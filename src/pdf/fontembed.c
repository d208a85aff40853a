/* fontembed.c — the fonts of a PDF: which glyphs of which face the display
 * list shows and what text each stands for (from HarfBuzz clusters), then one
 * Type 0 font per face: an hb-subset program (CIDFontType2 + FontFile2 for glyf
 * outlines, CIDFontType0 + FontFile3/CIDFontType0C for CFF), /W widths and
 * a ToUnicode CMap (their text from fontmaps.c), a deterministic subset tag.
 * Glyphs are noted as each page is written; the fonts are built at the end. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <hb-subset.h>
#include <libdeflate.h>

#include "pdf-private.h"

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

uint32_t *run_sorted_clusters(const glyph_run *r, int *n)
{
    *n = r->nglyphs > 0 ? r->nglyphs : 0;
    uint32_t *s = malloc((size_t)(*n ? *n : 1) * sizeof *s);
    if (!s)
        return NULL;
    int sorted = 1;
    for (int i = 0; i < *n; i++) {
        s[i] = r->clusters[i];
        sorted &= i == 0 || s[i - 1] <= s[i];
    }
    if (!sorted)   /* left to right text comes sorted: only the rest is */
        qsort(s, (size_t)*n, sizeof *s, cmp_u32);
    return s;
}

/* First index in sorted[0..n) whose value is > v (upper) or >= v (lower). */
static int bound(const uint32_t *sorted, int n, uint32_t v, int upper)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (upper ? sorted[mid] <= v : sorted[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int run_glyph_text(const glyph_run *r, const uint32_t *sorted, int nsorted, int i,
                   size_t *start, size_t *len)
{
    uint32_t c = r->clusters[i];
    int ub = bound(sorted, nsorted, c, 1), lb = bound(sorted, nsorted, c, 0);
    size_t end = ub < nsorted ? sorted[ub] : r->text_len;
    size_t s = c;
    if (!r->text || s > r->text_len)
        s = r->text_len;
    if (end > r->text_len)
        end = r->text_len;
    if (end < s)
        end = s;
    *start = s;
    *len = r->text ? end - s : 0;
    return ub - lb;
}

int fonts_init(pdf_fonts *f, pdf_objs *o, pdf_streams *s, pdf_obj *resources, int threads,
               diag *d)
{
    *f = (pdf_fonts){.objs = o, .streams = s, .d = d, .threads = threads};
    TRYP(f->dict, obj_dict(o));
    return obj_put(resources, "Font", f->dict);
}

pdf_font *fonts_use(pdf_fonts *fs, const face *f)
{
    for (int i = 0; i < fs->n; i++)
        if (fs->list[i].face == f)
            return &fs->list[i];
    if (grow_array((void **)&fs->list, &fs->cap, (size_t)fs->n + 1, sizeof *fs->list) < 0) {
        diag_oom(fs->d);
        return NULL;
    }
    pdf_font *pf = &fs->list[fs->n];
    memset(pf, 0, sizeof *pf);
    pf->face = f;
    unsigned n = hb_face_get_glyph_count(face_hb_face(f));
    pf->nglyphs = n ? n : 1;
    pf->used = calloc(pf->nglyphs, 1);
    pf->text = calloc(pf->nglyphs, sizeof *pf->text);
    pf->width = calloc(pf->nglyphs, sizeof *pf->width);
    fs->n++;   /* counted before the check so that fonts_free frees it */
    /* word spaces read as U+0020 wherever they are drawn, whatever else
     * shares their glyph: decided before any page is written */
    hb_codepoint_t space;
    if (!pf->used || !pf->text || !pf->width
        || (hb_font_get_nominal_glyph(face_hb_font(f), ' ', &space) && space > 0 && space < n
            && !(pf->text[space] = strdup(" ")))) {
        diag_oom(fs->d);
        return NULL;
    }
    /* named on pages from now on; filled in at the end (fonts_embed) */
    snprintf(pf->name, sizeof pf->name, "F%d", fs->n);
    if (!(pf->dict = obj_dict(fs->objs)) || obj_indirect(fs->objs, pf->dict) < 0
        || obj_put(fs->dict, pf->name, pf->dict) < 0)
        return NULL;
    return pf;
}

/* Glyph g's advance, 1/1000 em, to 3 decimals: its /W width. */
static double width1000(const face *fc, unsigned g)
{
    return round(face_glyph_width(fc, g) * 1000.0) / 1000.0;
}

/* In a cluster of several glyphs (a base with a mark HarfBuzz did not
 * compose: ẍ with a macron over it), a character of the cluster's text
 * at[0..len) that one of the glyphs after the cluster's first (glyph
 * `first`) is the font's own glyph for reads from that glyph; the first
 * reads as the rest. Glyph i's part into out[] (len bytes of room); returns
 * its length, 0 when it has none. */
static size_t cluster_part(const pdf_font *f, const glyph_run *r, int first, int i, const char *at,
                           size_t len, char *out)
{
    hb_font_t *font = face_hb_font(f->face);
    size_t n = 0;
    for (size_t o = 0; o < len;) {
        uint32_t cp;
        int u = utf8_decode(at + o, len - o, &cp);
        if (u <= 0)
            u = 1, cp = 0;
        hb_codepoint_t g;
        int own = -1;   /* the glyph of the cluster, past its first, that cp has */
        for (int k = first + 1; k < r->nglyphs && r->clusters[k] == r->clusters[first] && own < 0;
             k++)
            if (cp && hb_font_get_nominal_glyph(font, cp, &g) && g == r->gids[k])
                own = k;
        if (i == first ? own < 0 : own == i) {
            memcpy(out + n, at + o, (size_t)u);
            n += (size_t)u;
        }
        o += (size_t)u;
    }
    return n;
}

int fonts_show_run(pdf_font *f, const glyph_run *r, const uint32_t *sorted, int nsorted)
{
    for (int i = 0; i < r->nglyphs; i++) {
        uint32_t gid = r->gids[i];
        if (gid == 0 || gid >= f->nglyphs || gid > 0xFFFF)
            continue;
        if (!f->used[gid]) {
            f->used[gid] = 1;
            f->width[gid] = width1000(f->face, gid);
        }
        if (f->text[gid])
            continue;   /* the first text seen wins */
        size_t start, len;
        int shared = run_glyph_text(r, sorted, nsorted, i, &start, &len);
        const char *t = r->text + start;
        if (len == 0 && r->hyphen && i == r->nglyphs - 1)
            t = "-", len = 1;   /* an inserted hyphen: its content is /ActualText () */
        if (len == 0)
            continue;
        char *copy = malloc(len + 1);
        if (!copy)
            return -1;
        size_t n = len;
        if (shared > 1) {   /* the glyph's own part of its cluster's text, when it has one */
            int first = i;
            while (first > 0 && r->clusters[first - 1] == r->clusters[i])
                first--;
            n = cluster_part(f, r, first, i, t, len, copy);
            if (n == 0) {   /* none of its own: it reads as the whole cluster, as before */
                memcpy(copy, t, len);
                n = len;
            }
        } else {
            memcpy(copy, t, len);
        }
        copy[n] = 0;
        f->text[gid] = copy;
    }
    return 0;
}

void fonts_free(pdf_fonts *fs)
{
    for (int i = 0; i < fs->n; i++) {
        pdf_font *f = &fs->list[i];
        if (f->text)
            for (unsigned g = 0; g < f->nglyphs; g++)
                free(f->text[g]);
        free(f->text);
        free(f->used);
        free(f->width);
        free(f->program);
        free(f->widths);
    }
    free(fs->list);
    fs->list = NULL;
    fs->n = 0;
    fs->cap = 0;
}

/* Six letters A–Z from a hash of the PostScript name and the glyph set. */
static void subset_tag(const pdf_font *f, const char *psname, char tag[7])
{
    uint64_t h = fnv1a(psname, strlen(psname), FNV1A_INIT);
    for (unsigned g = 0; g < f->nglyphs; g++)
        if (f->used[g]) {
            unsigned char le[4] = {(unsigned char)g, (unsigned char)(g >> 8),
                                   (unsigned char)(g >> 16), (unsigned char)(g >> 24)};
            h = fnv1a(le, sizeof le, h);
        }
    for (int k = 0; k < 6; k++) {
        tag[k] = (char)('A' + h % 26);
        h /= 26;
    }
    tag[6] = 0;
}

/* The PostScript name, restricted to characters safe in a PDF name. */
static void safe_psname(const face *f, char *out, size_t cap)
{
    const char *ps = face_postscript_name(f);
    size_t o = 0;
    for (; ps && *ps && o + 1 < cap && o < 60; ps++) {
        char c = *ps;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
            || c == '_' || c == '.')
            out[o++] = c;
    }
    if (o == 0) {
        snprintf(out, cap, "Font%d", face_serial(f));
        return;
    }
    out[o] = 0;
}

/* The subset program: the whole font for glyf outlines, the bare CFF table
 * for CFF. NULL (blob) on failure. */
static hb_blob_t *subset_program(const pdf_font *f)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_t *glyphs = hb_subset_input_glyph_set(in);
    hb_set_add(glyphs, 0);
    for (unsigned g = 0; g < f->nglyphs; g++)
        if (f->used[g])
            hb_set_add(glyphs, g);
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
    hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
    hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
    hb_set_add(drop, HB_TAG('k', 'e', 'r', 'n'));
    int cff = face_is_cff(f->face);
    if (!cff) {
        /* a CIDFontType2's glyphs are reached through /CIDToGIDMap: its 'cmap'
         * "is not needed and shall not be used" (ISO 32000-1 §9.9), and
         * neither names nor PostScript glyph names are read. OS/2 stays: its
         * fsType says the font may be embedded. */
        hb_set_add(drop, HB_TAG('c', 'm', 'a', 'p'));
        hb_set_add(drop, HB_TAG('n', 'a', 'm', 'e'));
        hb_set_add(drop, HB_TAG('p', 'o', 's', 't'));
    }
    unsigned flags = HB_SUBSET_FLAGS_NO_HINTING;
    if (!cff)
        flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
    hb_subset_input_set_flags(in, flags);
    hb_face_t *own = face_hb_face_own(f->face), *sub = NULL;
    if (own)
        sub = hb_subset_or_fail(own, in);
    hb_subset_input_destroy(in);
    /* HarfBuzz 6.0's subsetter can leave the face it subsets damaged when an
     * allocation fails inside it, whether it then fails or goes on
     * (destroying the face frees a table twice): after one, the face is let
     * go, not destroyed — the run ends on out of memory (subset_ahead reads
     * the same errno) */
    if (errno != ENOMEM)
        hb_face_destroy(own);
    if (!sub)
        return NULL;
    hb_blob_t *blob = cff ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '))
                          : hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    if (blob && hb_blob_get_length(blob) == 0) {
        hb_blob_destroy(blob);
        return NULL;
    }
    return blob;
}

static int embed_one(pdf_fonts *fs, pdf_font *f)
{
    pdf_objs *o = fs->objs;
    int cff = face_is_cff(f->face);

    char ps[64], tag[7], base[80];
    safe_psname(f->face, ps, sizeof ps);
    subset_tag(f, ps, tag);
    snprintf(base, sizeof base, "%s+%s", tag, ps);

    if (!f->program) {   /* subset ahead (subset_ahead) */
        if (f->program_oom)
            return diag_oom(fs->d);
        diag_system(fs->d, (srcpos){0}, "cannot subset font %s (%s)", ps, face_file(f->face));
        return -1;
    }
    unsigned blen = f->program_raw;
    pdf_obj *file = obj_stream(o);
    /* deflated already when the options compress (subset_ahead) */
    int wrote = file && pdfw_stream_data(fs->streams, file, f->program, f->program_len,
                                         fs->streams->compress ? PDFW_DEFLATED : PDFW_RAW) == 0;
    free(f->program);
    f->program = NULL;
    if (!wrote)
        return -1;
    if (cff)
        TRY(obj_put_name(file, "Subtype", "CIDFontType0C"));
    else
        TRY(obj_put_int(file, "Length1", (int)blen));

    face_metrics m;
    memset(&m, 0, sizeof m);
    face_get_metrics(f->face, &m);
    pdf_obj *desc, *cid, *cmap, *sysinfo, *bbox, *desc_arr;
    TRYP(desc, obj_dict(o));
    TRY(obj_indirect(o, desc));
    TRY(obj_put_name(desc, "Type", "FontDescriptor"));
    TRY(obj_put_name(desc, "FontName", base));
    TRY(obj_put_int(desc, "Flags", 4));
    TRYP(bbox, obj_array(o));
    TRY(obj_put(desc, "FontBBox", bbox));
    for (int k = 0; k < 4; k++)
        TRY(obj_push_int(bbox, (int)lround(m.bbox[k])));
    TRY(obj_put_real(desc, "ItalicAngle", m.italic_angle));
    TRY(obj_put_int(desc, "Ascent", (int)lround(m.ascent)));
    TRY(obj_put_int(desc, "Descent", (int)lround(m.descent)));
    TRY(obj_put_int(desc, "CapHeight", (int)lround(m.cap_height)));
    TRY(obj_put_int(desc, "StemV", (int)lround(m.stem_v > 0 ? m.stem_v : 80)));
    TRY(obj_put(desc, cff ? "FontFile3" : "FontFile2", file));

    TRYP(cid, obj_dict(o));
    TRY(obj_indirect(o, cid));
    TRY(obj_put_name(cid, "Type", "Font"));
    TRY(obj_put_name(cid, "Subtype", cff ? "CIDFontType0" : "CIDFontType2"));
    TRY(obj_put_name(cid, "BaseFont", base));
    TRYP(sysinfo, obj_dict(o));
    TRY(obj_put(cid, "CIDSystemInfo", sysinfo));
    TRY(obj_put(sysinfo, "Registry", obj_string(o, "Adobe")));
    TRY(obj_put(sysinfo, "Ordering", obj_string(o, "Identity")));
    TRY(obj_put_int(sysinfo, "Supplement", 0));
    TRY(obj_put(cid, "FontDescriptor", desc));
    if (!(f->widths = fontmap_widths(f)))
        return diag_oom(fs->d);
    TRY(obj_put_text(cid, f->widths));   /* its /DW and /W, after its entries */
    if (!cff)
        TRY(obj_put_name(cid, "CIDToGIDMap", "Identity"));

    TRYP(cmap, obj_stream(o));
    buf text = {0};
    int made = fontmap_tounicode(f, &text);
    if (made < 0)
        diag_oom(fs->d);
    else
        made = pdfw_stream_data(fs->streams, cmap, text.data, text.len, PDFW_FLATE);
    buf_free(&text);
    if (made < 0)
        return -1;

    pdf_obj *type0 = f->dict;
    TRY(obj_put_name(type0, "Type", "Font"));
    TRY(obj_put_name(type0, "Subtype", "Type0"));
    TRY(obj_put_name(type0, "BaseFont", base));
    TRY(obj_put_name(type0, "Encoding", "Identity-H"));
    TRYP(desc_arr, obj_array(o));
    TRY(obj_put(type0, "DescendantFonts", desc_arr));
    TRY(obj_push(desc_arr, cid));
    return obj_put(type0, "ToUnicode", cmap);
}

static int cmp_font_serial(const void *a, const void *b)
{
    int x = face_serial((*(pdf_font *const *)a)->face), y = face_serial((*(pdf_font *const *)b)->face);
    return x < y ? -1 : x > y;
}

/* The fonts' subset programs, made (and deflated) by as many threads as the
 * options allow: the subsetting of each face is independent of the others'. */
typedef struct subset_jobs {
    pdf_font **fonts;
    int n, next;
    int compress;
    pthread_mutex_t lock;
} subset_jobs;

/* f's subset program into f->program (NULL when it cannot be made; then
 * f->program_oom when memory ran out). An allocation that failed inside
 * HarfBuzz leaves errno ENOMEM even when it goes on to a lesser subset: that
 * one is not used either. */
static void subset_ahead(pdf_font *f, struct libdeflate_compressor *c)
{
    errno = 0;
    hb_blob_t *blob = subset_program(f);
    int oom = errno == ENOMEM;
    unsigned len = 0;
    const char *data = blob && !oom ? hb_blob_get_data(blob, &len) : NULL;
    if (data && len) {
        f->program_raw = len;
        if (c) {
            f->program = pdfw_deflate(c, data, len, &f->program_len);
        } else if ((f->program = malloc(len))) {
            memcpy(f->program, data, len);
            f->program_len = len;
        }
        oom = !f->program;
    }
    f->program_oom = oom;
    hb_blob_destroy(blob);
}

static void *subset_worker(void *arg)
{
    subset_jobs *j = arg;
    struct libdeflate_compressor *c = j->compress ? pdfw_font_deflater() : NULL;
    for (;;) {
        pthread_mutex_lock(&j->lock);
        int i = j->next++;
        pthread_mutex_unlock(&j->lock);
        if (i >= j->n)
            break;
        if (!j->compress || c)
            subset_ahead(j->fonts[i], c);
        else
            j->fonts[i]->program_oom = 1;   /* no compressor to be had */
    }
    libdeflate_free_compressor(c);
    return NULL;
}

static void subset_all(const pdf_fonts *fs, pdf_font **fonts, int n)
{
    subset_jobs j = {.fonts = fonts, .n = n, .compress = fs->streams->compress};
    int threads = fs->threads > 1 ? fs->threads : 1;
    if (threads > n)
        threads = n;
    pthread_t *t = threads > 1 ? calloc((size_t)threads - 1, sizeof *t) : NULL;
    int started = 0;
    if (t && pthread_mutex_init(&j.lock, NULL) == 0) {
        for (; started < threads - 1; started++)
            if (pthread_create(&t[started], NULL, subset_worker, &j))
                break;
        subset_worker(&j);   /* this thread takes its share */
        for (int i = 0; i < started; i++)
            pthread_join(t[i], NULL);
        pthread_mutex_destroy(&j.lock);
    } else {   /* one thread: no lock needed */
        struct libdeflate_compressor *c = j.compress ? pdfw_font_deflater() : NULL;
        for (int i = 0; i < n; i++)
            if (!j.compress || c)
                subset_ahead(fonts[i], c);
            else
                fonts[i]->program_oom = 1;   /* no compressor to be had */
        libdeflate_free_compressor(c);
    }
    free(t);
}

int fonts_embed(pdf_fonts *fs)
{
    /* in face order, whatever order the pages first used them in */
    pdf_font **order = malloc((fs->n ? (size_t)fs->n : 1) * sizeof *order);
    if (!order)
        return diag_oom(fs->d);
    for (int i = 0; i < fs->n; i++)
        order[i] = &fs->list[i];   /* .notdef goes in anyway, never marked used (fonts_show_run) */
    qsort(order, (size_t)fs->n, sizeof *order, cmp_font_serial);
    subset_all(fs, order, fs->n);
    int rc = 0;
    for (int i = 0; i < fs->n && !rc; i++)
        rc = embed_one(fs, order[i]);
    free(order);
    return rc;
}
