/* face.c — one font face: opened from its file once per run at start-up
 * (HarfBuzz's blob, face and font, made immutable before any other thread
 * can see them, with the tables layout reads loaded there and then), the
 * facts FreeType reads while it opens (metrics, names; no FT_Face outlives
 * face_open), and what the PDF writer asks of it (text.h).
 *
 * Threads: after face_open a face is only read — by layout and, with -j 2
 * or more, by the PDF writer at the same time; HarfBuzz allows that of
 * immutable objects. The one field written later, serial (face_use), is
 * written before any glyph run of the face exists, so before the writer can
 * see the face. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <freetype/ftadvanc.h>
#include <freetype/tttables.h>
#include "text-private.h"

void face_free(face *f)
{
    if (!f)
        return;
    hb_font_destroy(f->hb_font);
    hb_face_destroy(f->hb_face);
    hb_blob_destroy(f->blob);
    free(f->file);
    free(f->psname);
    free(f);
}

/* The PostScript name: printable ASCII without spaces or PDF delimiters;
 * NULL (and *oom 0) when nothing is left, NULL with *oom 1 out of memory. */
static char *clean_psname(const char *raw, int *oom)
{
    char tmp[64];
    size_t n = 0;
    *oom = 0;
    for (const char *s = raw ? raw : ""; *s && n < sizeof tmp - 1; s++) {
        unsigned char c = (unsigned char)*s;
        if (c > 32 && c < 127 && !strchr("()<>[]{}/%#", c))
            tmp[n++] = (char)c;
    }
    if (n == 0)
        return NULL;
    char *s = strndup(tmp, n);
    *oom = !s;
    return s;
}

static double to_milli(long v, int upem)
{
    return upem > 0 ? (double)v * 1000.0 / upem : 0;
}

/* What FreeType reads of a face that HarfBuzz reads too: the em and the
 * glyph count (head, maxp), the first character of the cmap with its glyph,
 * and that glyph's advance (hmtx). */
typedef struct ft_counts {
    long upem, glyphs;
    unsigned long first_char;
    unsigned first_gid;       /* 0: no cmap */
    long first_advance;
} ft_counts;

/* Read metrics and names through FreeType; the FT_Face is closed again.
 * 0 ok, 1 FreeType cannot open the face, -1 out of memory (not reported). */
static int read_ft_facts(FT_Library ft, face *f, ft_counts *counts)
{
    FT_Face fc;
    alloc_watch_start();   /* FreeType goes on without a table it had no memory for */
    FT_Error err = FT_New_Face(ft, f->file, f->index, &fc);
    if (err)
        return err == FT_Err_Out_Of_Memory ? -1 : 1;
    counts->upem = fc->units_per_EM;
    counts->glyphs = fc->num_glyphs;
    FT_UInt gid = 0;
    counts->first_char = FT_Get_First_Char(fc, &gid);
    counts->first_gid = gid;
    FT_Fixed adv = 0;
    if (gid && FT_Get_Advance(fc, gid, FT_LOAD_NO_SCALE, &adv) == FT_Err_Out_Of_Memory) {
        FT_Done_Face(fc);
        return -1;
    }
    counts->first_advance = adv;
    int upem = fc->units_per_EM ? fc->units_per_EM : 1000, oom;
    f->psname = clean_psname(FT_Get_Postscript_Name(fc), &oom);
    face_metrics *m = &f->metrics;
    m->ascent = to_milli(fc->ascender, upem);
    m->descent = to_milli(fc->descender, upem);
    m->bbox[0] = to_milli(fc->bbox.xMin, upem);
    m->bbox[1] = to_milli(fc->bbox.yMin, upem);
    m->bbox[2] = to_milli(fc->bbox.xMax, upem);
    m->bbox[3] = to_milli(fc->bbox.yMax, upem);
    m->fixed_pitch = FT_IS_FIXED_WIDTH(fc) ? 1 : 0;
    TT_OS2 *os2 = FT_Get_Sfnt_Table(fc, FT_SFNT_OS2);
    TT_Postscript *post = FT_Get_Sfnt_Table(fc, FT_SFNT_POST);
    int weight = 400;
    if (os2 && os2->version != 0xFFFF) {
        if (os2->sTypoAscender > 0 && fc->ascender <= 0)
            m->ascent = to_milli(os2->sTypoAscender, upem);
        if (os2->version >= 2 && os2->sCapHeight > 0)
            m->cap_height = to_milli(os2->sCapHeight, upem);
        if (os2->usWeightClass >= 1 && os2->usWeightClass <= 1000)
            weight = os2->usWeightClass;
        /* PANOSE: family kind 2 (Latin text); serif styles 2..10 have serifs */
        if (os2->panose[0] == 2)
            m->serif = os2->panose[1] >= 2 && os2->panose[1] <= 10;
    }
    if (post) {
        m->italic_angle = post->italicAngle / 65536.0;
        if (post->isFixedPitch)
            m->fixed_pitch = 1;
    }
    if (m->cap_height <= 0) {   /* fall back to the height of 'H', then 70% of ascent */
        hb_codepoint_t gid;
        hb_glyph_extents_t ext;
        if (hb_font_get_nominal_glyph(f->hb_font, 'H', &gid) &&
            hb_font_get_glyph_extents(f->hb_font, gid, &ext) && ext.y_bearing > 0)
            m->cap_height = to_milli(ext.y_bearing, upem);
        else
            m->cap_height = m->ascent * 0.7;
    }
    if (!m->serif && fc->family_name) {
        const char *fam = fc->family_name;
        m->serif = strstr(fam, "Serif") || strstr(fam, "Myeongjo") || strstr(fam, "Batang");
        if (strstr(fam, "Sans"))
            m->serif = 0;
    }
    double s = weight / 65.0;  /* the usual StemV estimate from the weight class */
    m->stem_v = 50 + s * s;
    FT_Done_Face(fc);
    return oom || alloc_watch_failed() ? -1 : 0;
}

/* Load now, on the start-up thread, what setting text asks of a font later
 * (the cmap, advances, GSUB and GPOS with GDEF, read through shaping): a
 * table HarfBuzz loads lazily is then never loaded while pages are set.
 * HarfBuzz keeps a table it could not load for want of memory as empty, for
 * good: the plan the shaping compiled is compared with one compiled on a
 * face of its own, which loads them afresh. 0, or -1 when memory ran out. */
static int load_tables(face *f)
{
    alloc_watch_start();
    hb_buffer_t *b = hb_buffer_create();
    hb_buffer_add_utf8(b, "Hx", -1, 0, -1);
    hb_buffer_guess_segment_properties(b);
    int ok = hb_buffer_allocation_successful(b) && hb_shape_full(f->hb_font, b, NULL, 0, NULL) &&
             hb_buffer_allocation_successful(b);
    if (ok) {
        hb_segment_properties_t props;
        hb_buffer_get_segment_properties(b, &props);
        hb_face_t *fresh = hb_face_create(f->blob, (unsigned)f->index);
        hb_shape_plan_t *used = hb_shape_plan_create_cached2(f->hb_face, &props, NULL, 0, NULL, 0,
                                                             NULL);
        hb_shape_plan_t *again = hb_shape_plan_create2(fresh, &props, NULL, 0, NULL, 0, NULL);
        ok = fresh != hb_face_get_empty() && text_same_lookups(used, again);
        hb_shape_plan_destroy(used);
        hb_shape_plan_destroy(again);
        hb_face_destroy(fresh);
    }
    hb_buffer_destroy(b);
    return ok && !alloc_watch_failed() ? 0 : -1;
}

/* Does the face's table directory list tag? (Read from the file's header:
 * nothing is allocated, unlike hb_face_reference_table.) */
static int has_table(hb_face_t *hf, hb_tag_t tag)
{
    hb_tag_t tags[32];
    unsigned start = 0, n;
    do {
        n = sizeof tags / sizeof *tags;
        hb_face_get_table_tags(hf, start, &n, tags);
        for (unsigned i = 0; i < n; i++)
            if (tags[i] == tag)
                return 1;
        start += n;
    } while (n == sizeof tags / sizeof *tags);
    return 0;
}

/* Can the file be read at all (a font file fontconfig listed may have gone)? */
static int readable_file(const char *file)
{
    struct stat st;
    return stat(file, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && access(file, R_OK) == 0;
}

int face_open(FT_Library ft, const char *file, int index, int id, face **out, diag *d)
{
    *out = NULL;
    if (!readable_file(file)) {
        diag_info(d, "cannot read font file %s", file);
        return 0;
    }
    face *f = calloc(1, sizeof *f);
    if (!f || !(f->file = strdup(file))) {
        free(f);
        return diag_oom(d);
    }
    f->index = index;
    f->id = id;
    f->serial = -1;
    /* a file that can be read gives an empty blob, face or font only for
     * want of memory: HarfBuzz's empty objects say so */
    alloc_watch_start();   /* and HarfBuzz's tables loaded lazily, here and below */
    f->blob = hb_blob_create_from_file_or_fail(file);
    if (!f->blob || hb_blob_get_length(f->blob) == 0)
        goto oom;
    hb_blob_make_immutable(f->blob);
    f->hb_face = hb_face_create(f->blob, (unsigned)index);
    if (f->hb_face == hb_face_get_empty())
        goto oom;
    hb_face_make_immutable(f->hb_face);
    f->upem = (int)hb_face_get_upem(f->hb_face);
    unsigned glyphs = hb_face_get_glyph_count(f->hb_face);
    /* no OpenType tables: a bitmap or Type 1 font, not for HarfBuzz */
    int sfnt = has_table(f->hb_face, HB_TAG('h', 'e', 'a', 'd'));
    if (!sfnt || glyphs == 0 || f->upem <= 0) {
        if (sfnt && glyphs == 0)
            goto oom;   /* its maxp failed to load (below) */
        diag_info(d, "%s (face %d) is not a usable font", file, index);
        face_free(f);
        return 0;
    }
    f->hb_font = hb_font_create(f->hb_face);   /* scale defaults to upem */
    if (f->hb_font == hb_font_get_empty() || alloc_watch_failed() || load_tables(f))
        goto oom;
    hb_font_make_immutable(f->hb_font);
    f->cff = has_table(f->hb_face, HB_TAG('C', 'F', 'F', ' '));
    hb_codepoint_t gid;
    f->hangul = hb_font_get_nominal_glyph(f->hb_font, 0xAC00, &gid);
    if (alloc_watch_failed())
        goto oom;
    ft_counts ftc;
    int rc = read_ft_facts(ft, f, &ftc);
    if (rc > 0) {
        diag_info(d, "FreeType cannot open %s (face %d)", file, index);
        face_free(f);
        return 0;
    }
    /* HarfBuzz reads a table it could not load for want of memory as absent
     * (a default em, no glyphs, no cmap, no advances) and keeps it so for
     * the life of the face; FreeType, which says when it runs out, reads the
     * same tables: where they disagree HarfBuzz ran out (they agree on every
     * face fontconfig lists from Debian's font packages) */
    hb_codepoint_t first = 0;
    if (rc < 0 || ftc.upem != f->upem || ftc.glyphs != (long)glyphs ||
        (ftc.first_gid &&
         (!hb_font_get_nominal_glyph(f->hb_font, (hb_codepoint_t)ftc.first_char, &first) ||
          first != ftc.first_gid ||
          hb_font_get_glyph_h_advance(f->hb_font, first) != ftc.first_advance)))
        goto oom;
    *out = f;
    return 0;
oom:
    face_free(f);
    return diag_oom(d);
}

int face_use(face *f, int serial, diag *d)
{
    f->serial = serial;
    if (!f->psname) {   /* no PostScript name of its own */
        char tmp[32];
        snprintf(tmp, sizeof tmp, "Font%d", serial);
        if (!(f->psname = strdup(tmp)))
            return diag_oom(d);
    }
    return 0;
}

/* ---- face facts ----------------------------------------------------- */

hb_face_t *face_hb_face(const face *f) { return f->hb_face; }

hb_face_t *face_hb_face_own(const face *f)
{
    hb_face_t *own = hb_face_create(f->blob, (unsigned)f->index);
    return own == hb_face_get_empty() ? NULL : own;
}
hb_font_t *face_hb_font(const face *f) { return f->hb_font; }
const char *face_postscript_name(const face *f) { return f->psname; }
const char *face_file(const face *f) { return f->file; }
int face_upem(const face *f) { return f->upem; }
int face_is_cff(const face *f) { return f->cff; }
int face_serial(const face *f) { return f->serial; }

void face_get_metrics(const face *f, face_metrics *m)
{
    *m = f->metrics;
}

double face_glyph_width(const face *f, unsigned gid)
{
    return hb_font_get_glyph_h_advance(f->hb_font, gid) * 1000.0 / f->upem;
}

int face_has_char(const face *f, uint32_t cp)
{
    hb_codepoint_t gid;
    return f && hb_font_get_nominal_glyph(f->hb_font, cp, &gid) && gid != 0;
}
