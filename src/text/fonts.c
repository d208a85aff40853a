/* fonts.c — the font machinery: FreeType and fontconfig set-up, named font
 * sets (fonts_dir/NAME.fontset), fallback chains resolved through fontconfig,
 * faces opened once per (file, index), and the face facts the PDF writer needs.
 *
 * .fontset format, one setting per line, '#' starts a comment:
 *     regular: Noto Serif, NanumMyeongjo, Noto Serif CJK KR
 *     bold: ...            (optional; default: the regular list)
 *     italic: ...          (optional; default: the regular list)
 *     bold-italic: ...     (optional; default: bold, then italic, then regular)
 * Each list is resolved with the requested weight and slant; a family without
 * an italic (Hangul faces) resolves to its upright face. An entry containing
 * '/' or ending in .ttf/.otf/.ttc is a font file (relative to fonts_dir). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <hb-ot.h>
#include <freetype/tttables.h>
#include "text-private.h"


fontset *fontset_new(const char *fonts_dir, diag *d)
{
    srcpos nowhere = {0};
    fontset *fs = calloc(1, sizeof *fs);
    if (!fs) {
        diag_error(d, nowhere, "out of memory");
        return NULL;
    }
    if (FT_Init_FreeType(&fs->ft)) {
        diag_error(d, nowhere, "cannot initialise FreeType");
        free(fs);
        return NULL;
    }
    fs->fc = FcInitLoadConfigAndFonts();
    if (!fs->fc) {
        diag_error(d, nowhere, "cannot load the fontconfig configuration");
        fontset_free(fs);
        return NULL;
    }
    if (fonts_dir) {
        fs->fonts_dir = strndup(fonts_dir, strlen(fonts_dir));
        if (!fs->fonts_dir) {
            diag_error(d, nowhere, "out of memory");
            fontset_free(fs);
            return NULL;
        }
        struct stat st;
        if (stat(fonts_dir, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (!FcConfigAppFontAddDir(fs->fc, (const FcChar8 *)fonts_dir))
                diag_info(d, "fontconfig could not scan %s", fonts_dir);
        } else {
            diag_info(d, "font folder %s not found", fonts_dir);
        }
    }
    fs->hb_buf = hb_buffer_create();
    if (!hb_buffer_allocation_successful(fs->hb_buf)) {
        diag_error(d, nowhere, "out of memory");
        fontset_free(fs);
        return NULL;
    }
    return fs;
}

static void face_free(face *f)
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

void fontset_free(fontset *fs)
{
    if (!fs)
        return;
    for (size_t i = 0; i < fs->nfaces; i++)
        face_free(fs->faces[i]);
    free(fs->faces);
    for (size_t i = 0; i < fs->nchains; i++) {
        free(fs->chains[i]->spec);
        free(fs->chains[i]->faces);
        free(fs->chains[i]);
    }
    free(fs->chains);
    hb_buffer_destroy(fs->hb_buf);
    word_cache_free(&fs->cache);
    strmap_free(fs->warned);
    free(fs->chars);
    free(fs->glyphs);
    free(fs->cumw);
    free(fs->u32);
    free(fs->lb);
    free(fs->key);
    free(fs->items);
    free(fs->spans);
    free(fs->spans_ff);
    free(fs->hang);
    free(fs->runs);
    free(fs->cumspace);
    free(fs->cumgap);
    free(fs->nodes);
    text_hyphen_free(fs);
    if (fs->fc)
        FcConfigDestroy(fs->fc);
    if (fs->ft)
        FT_Done_FreeType(fs->ft);
    free(fs->fonts_dir);
    free(fs);
}

/* ---- opening faces -------------------------------------------------- */

/* PostScript name: printable ASCII without spaces or PDF delimiters. */
static char *clean_psname(const char *raw, int serial)
{
    char tmp[64];
    size_t n = 0;
    for (const char *s = raw ? raw : ""; *s && n < sizeof tmp - 1; s++) {
        unsigned char c = (unsigned char)*s;
        if (c > 32 && c < 127 && !strchr("()<>[]{}/%#", c))
            tmp[n++] = (char)c;
    }
    if (n == 0)
        n = (size_t)snprintf(tmp, sizeof tmp, "Font%d", serial);
    return strndup(tmp, n);
}

static double to_milli(long v, int upem)
{
    return upem > 0 ? (double)v * 1000.0 / upem : 0;
}

/* Read metrics and names through FreeType; the face is closed again. */
static int read_ft_facts(fontset *fs, face *f)
{
    FT_Face ft;
    if (FT_New_Face(fs->ft, f->file, f->index, &ft))
        return -1;
    int upem = ft->units_per_EM ? ft->units_per_EM : 1000;
    f->psname = clean_psname(FT_Get_Postscript_Name(ft), f->serial);
    face_metrics *m = &f->metrics;
    m->ascent = to_milli(ft->ascender, upem);
    m->descent = to_milli(ft->descender, upem);
    m->bbox[0] = to_milli(ft->bbox.xMin, upem);
    m->bbox[1] = to_milli(ft->bbox.yMin, upem);
    m->bbox[2] = to_milli(ft->bbox.xMax, upem);
    m->bbox[3] = to_milli(ft->bbox.yMax, upem);
    m->fixed_pitch = FT_IS_FIXED_WIDTH(ft) ? 1 : 0;
    TT_OS2 *os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2);
    TT_Postscript *post = FT_Get_Sfnt_Table(ft, FT_SFNT_POST);
    int weight = 400;
    if (os2 && os2->version != 0xFFFF) {
        if (os2->sTypoAscender > 0 && ft->ascender <= 0)
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
    if (!m->serif && ft->family_name) {
        const char *fam = ft->family_name;
        m->serif = strstr(fam, "Serif") || strstr(fam, "Myeongjo") || strstr(fam, "Batang");
        if (strstr(fam, "Sans"))
            m->serif = 0;
    }
    double s = weight / 65.0;  /* the usual StemV estimate from the weight class */
    m->stem_v = 50 + s * s;
    FT_Done_Face(ft);
    return f->psname ? 0 : -1;
}

/* The face for (file, index), opened on first use. NULL when it cannot be read. */
static face *open_face(fontset *fs, const char *file, int index, diag *d)
{
    for (size_t i = 0; i < fs->nfaces; i++)
        if (fs->faces[i]->index == index && strcmp(fs->faces[i]->file, file) == 0)
            return fs->faces[i];
    srcpos nowhere = {0};
    if (grow_array((void **)&fs->faces, &fs->faces_cap, fs->nfaces + 1, sizeof(face *))) {
        diag_error(d, nowhere, "out of memory");
        return NULL;
    }
    face *f = calloc(1, sizeof *f);
    if (!f || !(f->file = strndup(file, strlen(file)))) {
        free(f);
        diag_error(d, nowhere, "out of memory");
        return NULL;
    }
    f->index = index;
    f->serial = (int)fs->nfaces;
    f->blob = hb_blob_create_from_file(file);
    if (hb_blob_get_length(f->blob) == 0) {
        diag_info(d, "cannot read font file %s", file);
        face_free(f);
        return NULL;
    }
    f->hb_face = hb_face_create(f->blob, (unsigned)index);
    f->upem = (int)hb_face_get_upem(f->hb_face);
    if (hb_face_get_glyph_count(f->hb_face) == 0 || f->upem <= 0) {
        diag_info(d, "%s (face %d) is not a usable font", file, index);
        face_free(f);
        return NULL;
    }
    f->hb_font = hb_font_create(f->hb_face);   /* scale defaults to upem */
    hb_blob_t *cff = hb_face_reference_table(f->hb_face, HB_TAG('C', 'F', 'F', ' '));
    f->cff = hb_blob_get_length(cff) > 0;
    hb_blob_destroy(cff);
    hb_codepoint_t gid;
    f->hangul = hb_font_get_nominal_glyph(f->hb_font, 0xAC00, &gid);
    if (read_ft_facts(fs, f)) {
        diag_info(d, "FreeType cannot open %s (face %d)", file, index);
        face_free(f);
        return NULL;
    }
    fs->faces[fs->nfaces++] = f;
    return f;
}

/* ---- resolving families --------------------------------------------- */

static int family_matches(FcPattern *p, const char *family)
{
    FcChar8 *fam;
    for (int i = 0; FcPatternGetString(p, FC_FAMILY, i, &fam) == FcResultMatch; i++)
        if (FcStrCmpIgnoreCase(fam, (const FcChar8 *)family) == 0)
            return 1;
    return 0;
}

/* Match family in weight/slant; fonts_dir's fonts are tried before the system's. */
static face *find_family(fontset *fs, const char *family, int bold, int italic, diag *d)
{
    FcPattern *pat = FcPatternCreate();
    if (!pat)
        return NULL;
    if (!FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family) ||
        !FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR) ||
        !FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN) ||
        !FcConfigSubstitute(fs->fc, pat, FcMatchPattern)) {
        FcPatternDestroy(pat);   /* out of memory: the family is not found */
        return NULL;
    }
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *match = NULL;
    FcFontSet *app = FcConfigGetFonts(fs->fc, FcSetApplication);
    if (app && app->nfont > 0) {
        match = FcFontSetMatch(fs->fc, &app, 1, pat, &res);
        if (match && !family_matches(match, family)) {
            FcPatternDestroy(match);
            match = NULL;
        }
    }
    if (!match)
        match = FcFontMatch(fs->fc, pat, &res);
    FcPatternDestroy(pat);
    face *f = NULL;
    FcChar8 *file;
    int index = 0;
    if (match && family_matches(match, family) &&
        FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
        if (FcPatternGetInteger(match, FC_INDEX, 0, &index) != FcResultMatch)
            index = 0;
        f = open_face(fs, (const char *)file, index & 0xFFFF, d);
    }
    if (match)
        FcPatternDestroy(match);
    return f;
}

static int is_font_path(const char *s, size_t n)
{
    if (memchr(s, '/', n))
        return 1;
    return n > 4 && (strcasecmp(s + n - 4, ".ttf") == 0 || strcasecmp(s + n - 4, ".otf") == 0 ||
                     strcasecmp(s + n - 4, ".ttc") == 0);
}

static face *find_file(fontset *fs, const char *path, diag *d)
{
    char full[4096];
    if (path[0] != '/' && fs->fonts_dir) {
        int n = snprintf(full, sizeof full, "%s/%s", fs->fonts_dir, path);
        struct stat st;
        if (n > 0 && (size_t)n < sizeof full && stat(full, &st) == 0)   /* not a cut path */
            return open_face(fs, full, 0, d);
    }
    return open_face(fs, path, 0, d);
}

/* Add the comma-separated families of list[0..n) to chain c. */
static int add_families(fontset *fs, font_chain *c, const char *list, size_t n, int bold,
                        int italic, diag *d)
{
    size_t cap = (size_t)c->nfaces;
    const char *end = list + n;
    while (list < end) {
        const char *comma = memchr(list, ',', (size_t)(end - list));
        const char *stop = comma ? comma : end;
        const char *a = list, *b = stop;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
            b--;
        list = comma ? comma + 1 : end;
        if (a == b)
            continue;
        char *name = strndup(a, (size_t)(b - a));
        if (!name)
            return -1;
        face *f = is_font_path(name, strlen(name)) ? find_file(fs, name, d)
                                                    : find_family(fs, name, bold, italic, d);
        if (!f)
            diag_info(d, "font family \"%s\" not found, skipped", name);
        free(name);
        if (!f)
            continue;
        int dup = 0;
        for (int i = 0; i < c->nfaces; i++)
            dup |= c->faces[i] == f;
        if (dup)
            continue;
        if (grow_array((void **)&c->faces, &cap, (size_t)c->nfaces + 1, sizeof(face *)))
            return -1;
        c->faces[c->nfaces++] = f;
    }
    return 0;
}

/* From a .fontset file, the family list for the variant; *list is heap. */
static int read_fontset_file(const char *path, int bold, int italic, char **list, diag *d)
{
    char *data;
    size_t len;
    *list = NULL;
    if (read_file(path, &data, &len))
        return 1;   /* no such set */
    /* lines for regular, bold, italic, bold-italic */
    const char *val[4] = {0};
    size_t vlen[4] = {0};
    static const char *const keys[4] = {"regular", "bold", "italic", "bold-italic"};
    int line = 0, bad = 0;
    for (char *s = data; s < data + len;) {
        char *nl = memchr(s, '\n', (size_t)(data + len - s));
        char *e = nl ? nl : data + len;
        line++;
        char *hash = memchr(s, '#', (size_t)(e - s));
        char *stop = hash ? hash : e;
        char *p = s;
        while (p < stop && (*p == ' ' || *p == '\t'))
            p++;
        if (p < stop && !(stop - p == 1 && *p == '\r')) {
            char *colon = memchr(p, ':', (size_t)(stop - p));
            char *k = p, *ke = colon ? colon : stop;
            while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
                ke--;
            int which = -1;
            for (int i = 0; i < 4 && colon; i++)
                if (strlen(keys[i]) == (size_t)(ke - k) && strncmp(keys[i], k, (size_t)(ke - k)) == 0)
                    which = i;
            if (which < 0) {
                srcpos at = {path, line, (int)(p - s) + 1};
                if (colon)
                    diag_error(d, at, "unknown font set key '%.*s' (regular, bold, italic, bold-italic)",
                               (int)(ke - k), k);
                else
                    diag_error(d, at, "expected 'variant: family, family, ...'");
                bad = 1;
            } else {
                val[which] = colon + 1;
                vlen[which] = (size_t)(stop - colon - 1);
            }
        }
        s = nl ? nl + 1 : data + len;
    }
    if (!bad && !val[0]) {
        srcpos at = {path, 1, 1};
        diag_error(d, at, "font set has no 'regular:' line");
        bad = 1;
    }
    if (!bad) {
        int order[4][4] = {{0, -1}, {1, 0, -1}, {2, 0, -1}, {3, 1, 2, 0}};
        int variant = (bold ? 1 : 0) + (italic ? 2 : 0);
        for (int i = 0; i < 4 && order[variant][i] >= 0; i++) {
            int w = order[variant][i];
            if (val[w]) {
                *list = strndup(val[w], vlen[w]);
                break;
            }
            if (w == 0)
                break;
        }
        if (!*list)
            bad = 1;
    }
    free(data);
    return bad ? -1 : 0;
}

const font_chain *fontset_chain(fontset *fs, const char *spec, int bold, int italic, diag *d)
{
    srcpos nowhere = {0};
    bold = bold != 0;
    italic = italic != 0;
    if (!spec || !*spec) {
        diag_error(d, nowhere, "empty font specification");
        return NULL;
    }
    for (size_t i = 0; i < fs->nchains; i++) {
        font_chain *c = fs->chains[i];
        if (c->bold == bold && c->italic == italic && strcmp(c->spec, spec) == 0)
            return c->nfaces ? c : NULL;   /* a failed spec was reported once already */
    }
    font_chain *c = calloc(1, sizeof *c);
    if (!c || !(c->spec = strndup(spec, strlen(spec))) ||
        grow_array((void **)&fs->chains, &fs->chains_cap, fs->nchains + 1, sizeof(font_chain *))) {
        if (c)
            free(c->spec);
        free(c);
        diag_error(d, nowhere, "out of memory");
        return NULL;
    }
    c->bold = bold;
    c->italic = italic;
    int rc = 1;
    char *list = NULL;
    if (fs->fonts_dir && !strchr(spec, ',') && !strchr(spec, '/')) {
        char path[4096];
        int n = snprintf(path, sizeof path, "%s/%s.fontset", fs->fonts_dir, spec);
        if (n > 0 && (size_t)n < sizeof path)   /* a cut path names no set */
            rc = read_fontset_file(path, bold, italic, &list, d);
    }
    int err = rc < 0;
    if (!err) {
        const char *l = rc == 0 ? list : spec;
        err = add_families(fs, c, l, strlen(l), bold, italic, d) != 0;
        if (err)
            diag_error(d, nowhere, "out of memory");
        else if (c->nfaces == 0) {
            diag_error(d, nowhere, "no font of \"%s\" is installed (Debian: fonts-noto-core, "
                       "fonts-nanum, fonts-noto-cjk; `make deps` installs them)", spec);
            free(list);
            fs->chains[fs->nchains++] = c;   /* remembered, so it is reported once */
            return NULL;
        }
    }
    free(list);
    if (err) {
        free(c->faces);
        free(c->spec);
        free(c);
        return NULL;
    }
    fs->chains[fs->nchains++] = c;
    diag_info(d, "font chain \"%s\"%s%s: %d faces", spec, bold ? " bold" : "",
              italic ? " italic" : "", c->nfaces);
    return c;
}

/* ---- face facts ----------------------------------------------------- */

hb_face_t *face_hb_face(const face *f) { return f->hb_face; }
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

int font_chain_count(const font_chain *c)
{
    return c ? c->nfaces : 0;
}

const face *font_chain_face(const font_chain *c, int i)
{
    return c && i >= 0 && i < c->nfaces ? c->faces[i] : NULL;
}

int face_has_char(const face *f, uint32_t cp)
{
    hb_codepoint_t gid;
    return f && hb_font_get_nominal_glyph(f->hb_font, cp, &gid) && gid != 0;
}
