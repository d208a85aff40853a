/* fonts.c — the font registry: FreeType and fontconfig set up at start-up,
 * named font sets (fonts_dir/NAME.fontset), fallback chains resolved through
 * fontconfig, and the faces they hold (face.c opens each once per run).
 * Every chain a document can need is resolved at start-up; the registry is
 * then sealed: fontconfig's configuration and FreeType are freed, and layout
 * only looks chains up. fontconfig does not survive running out of memory
 * (it crashes inside its matching and XML parsing): start-up is its only
 * window.
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
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <freetype/ftmodapi.h>
#include "text-private.h"

/* FreeType's drivers for the fonts a chain holds. FT_Init_FreeType adds its
 * modules one by one and goes on without one it had no memory for: then
 * every font of its kind would seem unreadable. */
static int has_drivers(FT_Library ft)
{
    static const char *const drivers[] = {"sfnt", "truetype", "cff"};
    for (size_t i = 0; i < sizeof drivers / sizeof *drivers; i++)
        if (!FT_Get_Module(ft, drivers[i]))
            return 0;
    return 1;
}

font_registry *font_registry_new(const char *fonts_dir, diag *d)
{
    srcpos nowhere = {0};
    font_registry *r = calloc(1, sizeof *r);
    if (!r) {
        diag_oom(d);
        return NULL;
    }
    r->stderr_fd = -1;
    /* FT_Init_FreeType reads no file: it fails (with whatever error its
     * modules' set-up returned) only for want of memory */
    FT_Error err = FT_Init_FreeType(&r->ft);
    if (err)
        r->ft = NULL;
    if (err || !has_drivers(r->ft)) {
        diag_oom(d);
        font_registry_free(r);
        return NULL;
    }
    if (fc_load_config(r, d)) {
        font_registry_free(r);
        return NULL;
    }
    if (fonts_dir) {
        if (!(r->fonts_dir = strdup(fonts_dir))) {
            diag_oom(d);
            font_registry_free(r);
            return NULL;
        }
        struct stat st;
        if (stat(fonts_dir, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (fc_listen(r, d)) {
                font_registry_free(r);
                return NULL;
            }
            alloc_watch_start();
            int scanned = FcConfigAppFontAddDir(r->fc, (const FcChar8 *)fonts_dir);
            int heard = fc_heard(r, d);
            if (heard == 0 && alloc_watch_failed())
                heard = diag_oom(d);   /* it went on with less: fonts left out */
            if (heard >= 0)
                fc_pass_on(r);
            if (!scanned && heard == 0 && fc_listen(r, d) == 0) {   /* once more: */
                int again = FcConfigAppFontAddDir(r->fc, (const FcChar8 *)fonts_dir);
                if ((heard = fc_heard(r, d)) == 0 && again)
                    heard = diag_oom(d);   /* the first failed for want of memory */
            }
            if (!scanned || heard) {
                if (heard >= 0)
                    diag_system(d, nowhere, "fontconfig cannot read the font folder %s",
                                fonts_dir);
                font_registry_free(r);
                return NULL;
            }
        } else {
            diag_info(d, "font folder %s not found", fonts_dir);
        }
    }
    return r;
}

void font_registry_seal(font_registry *r)
{
    if (r->fc)
        FcConfigDestroy(r->fc);
    if (r->ft)
        FT_Done_FreeType(r->ft);
    strmap_free(r->families);
    if (r->fc_said)
        fclose(r->fc_said);
    r->fc_said = NULL;
    r->fc = NULL;
    r->ft = NULL;
    r->families = NULL;
}

void font_registry_free(font_registry *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nfaces; i++)
        face_free(r->faces[i]);
    free(r->faces);
    for (size_t i = 0; i < r->nchains; i++) {
        free(r->chains[i]->spec);
        free(r->chains[i]->faces);
        free(r->chains[i]);
    }
    free(r->chains);
    font_registry_seal(r);
    free(r->fonts_dir);
    free(r);
}

/* ---- opening faces -------------------------------------------------- */

/* The face for (file, index), opened on first use: 0 with *out (NULL when
 * it cannot be used), -1 reported (out of memory). */
static int open_face(font_registry *r, const char *file, int index, face **out, diag *d)
{
    for (size_t i = 0; i < r->nfaces; i++)
        if (r->faces[i]->index == index && strcmp(r->faces[i]->file, file) == 0) {
            *out = r->faces[i];
            return 0;
        }
    if (grow_array((void **)&r->faces, &r->faces_cap, r->nfaces + 1, sizeof(face *)))
        return diag_oom(d);
    if (face_open(r->ft, file, index, (int)r->nfaces, out, d))
        return -1;
    if (*out)
        r->faces[r->nfaces++] = *out;
    return 0;
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

/* Did a match come back empty for want of memory, rather than for want of a font? */
static int match_failed(const FcPattern *match, FcResult res)
{
    return res == FcResultOutOfMemory || (!match && res == FcResultMatch);
}

/* Match family in weight/slant; fonts_dir's fonts are tried before the
 * system's. *file: the font file's name (heap; NULL: no face of the family),
 * *index: the face in it. 0, or -1 out of memory (not reported). */
static int match_family(font_registry *r, const char *family, int bold, int italic, char **file,
                        int *index)
{
    *file = NULL;
    *index = 0;
    FcPattern *pat = FcPatternCreate();
    if (!pat)
        return -1;
    if (!FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family) ||
        !FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR) ||
        !FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN) ||
        !FcConfigSubstitute(r->fc, pat, FcMatchPattern)) {
        FcPatternDestroy(pat);
        return -1;
    }
    FcDefaultSubstitute(pat);
    FcResult res = FcResultNoMatch;
    FcPattern *match = NULL;
    FcFontSet *app = FcConfigGetFonts(r->fc, FcSetApplication);
    if (app && app->nfont > 0) {
        match = FcFontSetMatch(r->fc, &app, 1, pat, &res);
        if (match_failed(match, res)) {
            FcPatternDestroy(pat);
            return -1;
        }
        if (match && !family_matches(match, family)) {
            FcPatternDestroy(match);
            match = NULL;
        }
    }
    if (!match) {
        res = FcResultNoMatch;
        match = FcFontMatch(r->fc, pat, &res);
        if (match_failed(match, res)) {
            FcPatternDestroy(pat);
            return -1;
        }
    }
    FcPatternDestroy(pat);
    int rc = 0;
    FcChar8 *name;
    if (match && family_matches(match, family) &&
        FcPatternGetString(match, FC_FILE, 0, &name) == FcResultMatch) {
        if (FcPatternGetInteger(match, FC_INDEX, 0, index) != FcResultMatch)
            *index = 0;
        *index &= 0xFFFF;
        if (!(*file = strdup((const char *)name)))
            rc = -1;
    }
    if (match)
        FcPatternDestroy(match);
    return rc;
}

/* The face of family in weight/slant: 0 with *out (NULL: not found), -1
 * reported (out of memory). fontconfig gives up quietly on running out of
 * memory in places (FcDefaultSubstitute returns nothing; a match can come
 * back short of a value), and another font would be used: an allocation
 * that failed while it matched (errno, alloc_watch_failed) is out of memory. */
static int find_family_now(font_registry *r, const char *family, int bold, int italic,
                           face **out, diag *d)
{
    char *file = NULL;
    int index;
    *out = NULL;
    if (fc_listen(r, d))
        return -1;
    alloc_watch_start();
    int failed = match_family(r, family, bold, italic, &file, &index) || alloc_watch_failed();
    int heard = fc_heard(r, d);
    if (heard >= 0)
        fc_pass_on(r);   /* its warnings, or the error said below */
    if (failed || heard) {
        if (heard == 0)
            diag_oom(d);
        else if (heard > 0)
            diag_system(d, (srcpos){0}, "fontconfig cannot match the family \"%s\"", family);
        free(file);
        return -1;
    }
    int rc = file ? open_face(r, file, index, out, d) : 0;
    free(file);
    return rc;
}

/* The same, each family and variant asked of fontconfig once however many
 * chains list it (they share their fallbacks). */
static int find_family(font_registry *r, const char *family, int bold, int italic, face **out,
                       diag *d)
{
    *out = NULL;
    buf key = {0};
    if (buf_printf(&key, "%d %d %s", bold, italic, family) ||
        (!r->families && !(r->families = strmap_new()))) {
        buf_free(&key);
        return diag_oom(d);
    }
    void *known = strmap_get(r->families, key.data);
    if (known) {
        *out = known == (void *)r ? NULL : known;
        buf_free(&key);
        return 0;
    }
    int rc = find_family_now(r, family, bold, italic, out, d);
    if (rc == 0 && strmap_put(r->families, key.data, *out ? (void *)*out : (void *)r))
        rc = diag_oom(d);
    buf_free(&key);
    return rc;
}

static int is_font_path(const char *s, size_t n)
{
    if (memchr(s, '/', n))
        return 1;
    return n > 4 && (strcasecmp(s + n - 4, ".ttf") == 0 || strcasecmp(s + n - 4, ".otf") == 0 ||
                     strcasecmp(s + n - 4, ".ttc") == 0);
}

/* The font file at path (relative to fonts_dir when it is there): as open_face. */
static int find_file(font_registry *r, const char *path, face **out, diag *d)
{
    char full[4096];
    if (path[0] != '/' && r->fonts_dir) {
        int n = snprintf(full, sizeof full, "%s/%s", r->fonts_dir, path);
        struct stat st;
        if (n > 0 && (size_t)n < sizeof full && stat(full, &st) == 0)   /* not a cut path */
            return open_face(r, full, 0, out, d);
    }
    return open_face(r, path, 0, out, d);
}

/* Add the comma-separated families of list[0..n) to chain c. 0, or -1
 * reported (out of memory). */
static int add_families(font_registry *r, font_chain *c, const char *list, size_t n, int bold,
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
            return diag_oom(d);
        face *f;
        int rc = is_font_path(name, strlen(name)) ? find_file(r, name, &f, d)
                                                  : find_family(r, name, bold, italic, &f, d);
        if (rc == 0 && !f)
            diag_info(d, "font family \"%s\" not found, skipped", name);
        free(name);
        if (rc)
            return -1;
        if (!f)
            continue;
        int dup = 0;
        for (int i = 0; i < c->nfaces; i++)
            dup |= c->faces[i] == f;
        if (dup)
            continue;
        if (grow_array((void **)&c->faces, &cap, (size_t)c->nfaces + 1, sizeof(face *)))
            return diag_oom(d);
        c->faces[c->nfaces++] = f;
    }
    return 0;
}

/* From the .fontset file at path, the family list for the variant into
 * *list (heap). 0 ok, 1 there is no such file, -1 reported (a bad file, one
 * that cannot be read, out of memory). */
static int read_fontset_file(const char *path, int bold, int italic, char **list, diag *d)
{
    char *data;
    size_t len;
    *list = NULL;
    if (read_file(path, &data, &len)) {
        if (errno == ENOENT || errno == ENOTDIR || errno == EISDIR)
            return 1;   /* no such set */
        if (errno == ENOMEM)
            return diag_oom(d);
        diag_system(d, (srcpos){path, 0, 0}, "cannot read the font set: %s", strerror(errno));
        return -1;
    }
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
        if (!*list) {
            free(data);
            return diag_oom(d);
        }
    }
    free(data);
    return bad ? -1 : 0;
}

static font_chain *find_chain(const font_registry *r, const char *spec, int bold, int italic)
{
    for (size_t i = 0; i < r->nchains; i++) {
        font_chain *c = r->chains[i];
        if (c->bold == bold && c->italic == italic && strcmp(c->spec, spec) == 0)
            return c;
    }
    return NULL;
}

/* A font set file that is bad is reported once, not once per variant. */
static int spec_failed(const font_registry *r, const char *spec)
{
    for (size_t i = 0; i < r->nchains; i++)
        if (r->chains[i]->failed && strcmp(r->chains[i]->spec, spec) == 0)
            return 1;
    return 0;
}

int font_registry_resolve(font_registry *r, const char *spec, int bold, int italic, diag *d)
{
    bold = bold != 0;
    italic = italic != 0;
    if (!spec || !*spec) {
        diag_error(d, (srcpos){0}, "empty font specification");
        return -1;
    }
    font_chain *c = find_chain(r, spec, bold, italic);
    if (c)
        return c->failed ? -1 : 0;
    if (!r->fc) {
        diag_internal(d, "font chain \"%s\" resolved after start-up", spec);
        return -1;
    }
    int failed = spec_failed(r, spec);
    c = calloc(1, sizeof *c);
    if (!c || !(c->spec = strdup(spec)) ||
        grow_array((void **)&r->chains, &r->chains_cap, r->nchains + 1, sizeof(font_chain *))) {
        if (c)
            free(c->spec);
        free(c);
        return diag_oom(d);
    }
    c->bold = bold;
    c->italic = italic;
    r->chains[r->nchains++] = c;   /* remembered, failed or not: each is reported once */
    if (failed) {
        c->failed = 1;
        return -1;
    }
    int rc = 1;
    char *list = NULL;
    if (r->fonts_dir && !strchr(spec, ',') && !strchr(spec, '/')) {
        char path[4096];
        int n = snprintf(path, sizeof path, "%s/%s.fontset", r->fonts_dir, spec);
        if (n > 0 && (size_t)n < sizeof path)   /* a cut path names no set */
            rc = read_fontset_file(path, bold, italic, &list, d);
    }
    if (rc < 0) {
        c->failed = 1;
        return -1;
    }
    const char *l = rc == 0 ? list : spec;
    rc = add_families(r, c, l, strlen(l), bold, italic, d);
    free(list);
    if (rc) {
        c->failed = 1;
        return -1;
    }
    diag_info(d, "font chain \"%s\"%s%s: %d faces", spec, bold ? " bold" : "",
              italic ? " italic" : "", c->nfaces);
    return 0;
}

const font_chain *font_registry_chain(font_registry *r, const char *spec, int bold, int italic,
                                      diag *d)
{
    bold = bold != 0;
    italic = italic != 0;
    font_chain *c = spec ? find_chain(r, spec, bold, italic) : NULL;
    if (!c) {
        if (!r->fc && spec && *spec) {
            diag_internal(d, "font chain \"%s\"%s%s was not resolved at start-up", spec,
                          bold ? " bold" : "", italic ? " italic" : "");
            return NULL;
        }
        if (font_registry_resolve(r, spec, bold, italic, d))
            return NULL;
        c = find_chain(r, spec, bold, italic);
    }
    if (c->failed)
        return NULL;   /* reported when it was resolved */
    if (!c->used) {
        c->used = 1;
        if (c->nfaces == 0)
            diag_system(d, (srcpos){0}, "no font of \"%s\" is installed (Debian: "
                        "fonts-noto-core, fonts-nanum, fonts-noto-cjk; `make deps` installs them)",
                        spec);
        for (int i = 0; i < c->nfaces; i++)
            if (c->faces[i]->serial < 0 && face_use(c->faces[i], r->next_serial++, d))
                return NULL;
    }
    return c->nfaces ? c : NULL;
}

int font_chain_count(const font_chain *c)
{
    return c ? c->nfaces : 0;
}

const face *font_chain_face(const font_chain *c, int i)
{
    return c && i >= 0 && i < c->nfaces ? c->faces[i] : NULL;
}
