/* shape.c — from styled pieces to glyphs: UTF-8 decoding, face choice per
 * character (fallback chains, Korean punctuation face R2.3, code in the
 * chain's first face wherever it has the character), script itemisation
 * (UAX #24 with Common/Inherited joining their neighbours), HarfBuzz shaping
 * per word with the word cache, and the cumulative widths that line breaking
 * reads, into the paragraph's shaped text (para_text, text-private.h). The
 * shaper it uses (its HarfBuzz buffer, the word cache and the warnings
 * given) is the typesetter's, kept from one paragraph to the next. */
#include <stdlib.h>
#include <string.h>
#include <hb-ot.h>
#include "text-private.h"

/* R2.3: punctuation taken from the Korean face unless between two Latin chars. */
static int korean_punct(uint32_t c)
{
    switch (c) {
    case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0x00B7: case 0x2026:
    case 0x203B: case 0x2014: case 0x2015: case '(': case ')': case '[': case ']':
    case '{': case '}':
        return 1;
    default:
        return (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301B) ||
               c == 0xFF08 || c == 0xFF09;
    }
}

/* R4.1: markers, units and CJK symbols always from the Korean face. */
static int korean_symbol(uint32_t c)
{
    return (c >= 0x2100 && c <= 0x214F) || (c >= 0x2190 && c <= 0x21FF) ||
           (c >= 0x2460 && c <= 0x24FF) || (c >= 0x25A0 && c <= 0x26FF) ||
           (c >= 0x3000 && c <= 0x303F) || (c >= 0x3200 && c <= 0x33FF) ||
           (c >= 0xFF01 && c <= 0xFFEF);
}

/* Punctuation that takes the preceding character's face (R2.3). */
static int follows_prev(uint32_t c)
{
    return c == ' ' || c == '.' || c == ',' || c == ':' || c == ';' || c == '!' || c == '?';
}

static int is_latin(hb_unicode_funcs_t *uf, uint32_t c)
{
    return (c >= '0' && c <= '9') || hb_unicode_script(uf, c) == HB_SCRIPT_LATIN;
}

/* ---- warnings, once per (position, code point) ------------------------ */

/* 1 when this (position, cp) was already warned about; 0 when not, and it
 * is recorded (a paragraph set twice, e.g. measured then laid out, warns
 * once); -1 reported (out of memory). */
static int warned_before(shaper *sh, srcpos pos, uint32_t cp, diag *d)
{
    /* the whole file name: two long paths cut to a common prefix would share keys */
    buf key = {0};
    if (buf_printf(&key, "%d:%d:%X:%s", pos.line, pos.col, cp, pos.file ? pos.file : "") != 0)
        return diag_oom(d);
    int seen = -1;
    if (sh->warned || (sh->warned = strmap_new())) {
        seen = strmap_get(sh->warned, key.data) != NULL;
        if (!seen && strmap_put(sh->warned, key.data, sh))   /* any non-NULL value marks it */
            seen = -1;
    }
    buf_free(&key);
    return seen < 0 ? diag_oom(d) : seen;
}

/* ---- the word cache -------------------------------------------------- */

struct cache_entry {
    uint64_t hash;
    uint32_t keylen;
    uint32_t nglyphs;
    uint32_t offsets;        /* 1: some glyph is offset (GPOS: a mark), the offsets follow */
    uint32_t data[];         /* gids[n], advances[n] (int32), clusters[n], with offsets
                                x offsets[n] and y offsets[n] (int32), then key bytes */
};

/* 32-bit words of per-glyph data an entry of n glyphs holds. */
static size_t entry_words(size_t n, int offsets)
{
    return (offsets ? 5 : 3) * n;
}

static const char *entry_key(const cache_entry *e)
{
    return (const char *)(e->data + entry_words(e->nglyphs, (int)e->offsets));
}

static void word_cache_free(word_cache *c)
{
    for (size_t i = 0; i < c->nslots; i++)
        free(c->slots[i]);
    free(c->slots);
    c->slots = NULL;
    c->nslots = c->used = 0;
}

static cache_entry *cache_find(const word_cache *c, uint64_t h, const char *key, size_t keylen)
{
    if (!c->nslots)
        return NULL;
    for (size_t j = h & (c->nslots - 1);; j = (j + 1) & (c->nslots - 1)) {
        cache_entry *e = c->slots[j];
        if (!e)
            return NULL;
        if (e->hash == h && e->keylen == keylen && memcmp(entry_key(e), key, keylen) == 0)
            return e;
    }
}

static int cache_insert(word_cache *c, cache_entry *e)
{
    if ((c->used + 1) * 4 >= c->nslots * 3) {
        size_t n = c->nslots ? c->nslots * 2 : 1024;
        cache_entry **slots = calloc(n, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < c->nslots; i++) {
            cache_entry *o = c->slots[i];
            if (!o)
                continue;
            size_t j = o->hash & (n - 1);
            while (slots[j])
                j = (j + 1) & (n - 1);
            slots[j] = o;
        }
        free(c->slots);
        c->slots = slots;
        c->nslots = n;
    }
    size_t j = e->hash & (c->nslots - 1);
    while (c->slots[j])
        j = (j + 1) & (c->nslots - 1);
    c->slots[j] = e;
    c->used++;
    return 0;
}

int shaper_init(shaper *sh, diag *d)
{
    memset(sh, 0, sizeof *sh);
    sh->buf = hb_buffer_create();
    if (!hb_buffer_allocation_successful(sh->buf))
        return diag_oom(d);
    return 0;
}

void shaper_free(shaper *sh)
{
    hb_buffer_destroy(sh->buf);
    word_cache_free(&sh->cache);
    free(sh->uncached);
    strmap_free(sh->warned);
    free(sh->key);
    free(sh->plans);
    free(sh->scripts);
    memset(sh, 0, sizeof *sh);
}

/* ---- shape plans ------------------------------------------------------ */

/* HarfBuzz compiles a shape plan for each face, script, language and
 * direction the first time it shapes with them, and keeps it on the face.
 * Running out of memory while it compiles one leaves the plan with part of
 * its features, unreported: text would be shaped without them (no kerning,
 * no ligatures) for the rest of the run. So the first time a combination is
 * shaped, its plan is compiled again and the lookups the two apply compared:
 * plans that differ mean memory ran out (as does a set that cannot grow). */
struct plan_seen {
    int face;
    hb_script_t script;
    hb_language_t lang;
};

int text_same_lookups(hb_shape_plan_t *a, hb_shape_plan_t *b)
{
    static const hb_tag_t tables[2] = {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S')};
    int same = 1;
    for (int t = 0; t < 2 && same; t++) {
        hb_set_t *x = hb_set_create(), *y = hb_set_create();
        hb_ot_shape_plan_collect_lookups(a, tables[t], x);
        hb_ot_shape_plan_collect_lookups(b, tables[t], y);
        same = hb_set_allocation_successful(x) && hb_set_allocation_successful(y) &&
               hb_set_is_equal(x, y);
        hb_set_destroy(x);
        hb_set_destroy(y);
    }
    return same;
}

/* After the first shaping of f with props: was its plan compiled whole?
 * 0 yes (or checked before), -1 memory ran out (not reported). */
static int plan_whole(shaper *sh, const face *f, const hb_segment_properties_t *props)
{
    for (size_t i = 0; i < sh->nplans; i++)
        if (sh->plans[i].face == f->id && sh->plans[i].script == props->script &&
            sh->plans[i].lang == props->language)
            return 0;
    hb_shape_plan_t *used = hb_shape_plan_create_cached2(f->hb_face, props, NULL, 0, NULL, 0, NULL);
    hb_shape_plan_t *again = hb_shape_plan_create2(f->hb_face, props, NULL, 0, NULL, 0, NULL);
    int whole = text_same_lookups(used, again);
    hb_shape_plan_destroy(used);
    hb_shape_plan_destroy(again);
    if (!whole || grow_array((void **)&sh->plans, &sh->plans_cap, sh->nplans + 1, sizeof *sh->plans))
        return -1;
    sh->plans[sh->nplans++] = (plan_seen){f->id, props->script, props->language};
    return 0;
}

/* Text longer than this (bytes) is shaped each time it comes and not kept
 * in the word cache: a unit that long (a word of a kilobyte, the window of a
 * paragraph without a space, window.c) does not come again, and kept it
 * would cost the cache some bytes per byte of text. */
enum { SHAPE_CACHE_MAX_BYTES = 1024 };

/* Shape text (one face, script, language; size independent, at upem) or
 * take it from the cache. NULL on OOM (not reported). The entry is the
 * cache's, or for text longer than SHAPE_CACHE_MAX_BYTES the shaper's until
 * the next such text is shaped. */
static const cache_entry *shape_word(shaper *sh, const face *f, hb_script_t script,
                                     const char *lang, const char *text, size_t len)
{
    /* key: face serial, script, feature set (0: defaults), lang, NUL, text */
    size_t langlen = lang ? strlen(lang) : 0;
    size_t keylen = 4 + 4 + 1 + langlen + 1 + len;
    if (grow_array((void **)&sh->key, &sh->key_cap, keylen, 1))
        return NULL;
    uint32_t id = (uint32_t)f->id, sc = (uint32_t)script;
    memcpy(sh->key, &id, 4);
    memcpy(sh->key + 4, &sc, 4);
    sh->key[8] = 0;
    if (langlen)
        memcpy(sh->key + 9, lang, langlen);
    sh->key[9 + langlen] = 0;
    memcpy(sh->key + 10 + langlen, text, len);
    uint64_t h = fnv1a(sh->key, keylen, FNV1A_INIT);
    cache_entry *e = cache_find(&sh->cache, h, sh->key, keylen);
    if (e) {
        sh->cache.hits++;
        return e;
    }
    sh->cache.misses++;
    hb_buffer_t *b = sh->buf;
    alloc_watch_start();
    hb_buffer_clear_contents(b);
    hb_buffer_add_utf8(b, text, (int)len, 0, (int)len);
    hb_buffer_set_direction(b, HB_DIRECTION_LTR);
    hb_buffer_set_script(b, script);
    hb_buffer_set_language(b, hb_language_from_string(lang ? lang : "und", -1));
    hb_buffer_set_flags(b, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
    hb_segment_properties_t props;
    hb_buffer_get_segment_properties(b, &props);
    if (!hb_buffer_allocation_successful(b) || !hb_shape_full(f->hb_font, b, NULL, 0, NULL) ||
        !hb_buffer_allocation_successful(b) || plan_whole(sh, f, &props) || alloc_watch_failed())
        return NULL;   /* HarfBuzz ran out of memory (its shape plan, a table, the buffer) */
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, NULL);
    size_t kept = 0;
    int offsets = 0;
    for (unsigned i = 0; i < n; i++) {
        kept += info[i].codepoint != 0;
        offsets |= info[i].codepoint != 0 && (pos[i].x_offset != 0 || pos[i].y_offset != 0);
    }
    size_t words = entry_words(kept, offsets);
    e = malloc(sizeof *e + words * sizeof(uint32_t) + keylen);
    if (!e)
        return NULL;
    e->hash = h;
    e->keylen = (uint32_t)keylen;
    e->nglyphs = (uint32_t)kept;
    e->offsets = (uint32_t)offsets;
    size_t k = 0;
    for (unsigned i = 0; i < n; i++) {
        if (info[i].codepoint == 0)   /* never draw .notdef */
            continue;
        e->data[k] = info[i].codepoint;
        int32_t adv = pos[i].x_advance, dx = pos[i].x_offset, dy = pos[i].y_offset;
        memcpy(&e->data[kept + k], &adv, 4);
        e->data[2 * kept + k] = info[i].cluster;
        if (offsets) {
            memcpy(&e->data[3 * kept + k], &dx, 4);
            memcpy(&e->data[4 * kept + k], &dy, 4);
        }
        k++;
    }
    memcpy(e->data + words, sh->key, keylen);
    if (len > SHAPE_CACHE_MAX_BYTES) {   /* not a word that comes again: used once */
        free(sh->uncached);
        sh->uncached = e;
        return e;
    }
    if (cache_insert(&sh->cache, e)) {
        free(e);
        return NULL;
    }
    return e;
}

/* ---- the paragraph ---------------------------------------------------- */

/* Decode every piece into t->chars. */
static int decode_pieces(para_text *t, const text_piece *pieces, int npieces, diag *d)
{
    size_t total = 0;
    for (int p = 0; p < npieces; p++)
        total += pieces[p].len;
    if (grow_array((void **)&t->chars, &t->chars_cap, total + 1, sizeof(tchar)))
        return diag_oom(d);
    size_t n = 0;
    for (int p = 0; p < npieces; p++) {
        const text_piece *pc = &pieces[p];
        if (!pc->text || pc->len == 0)
            continue;
        if (!pc->chain) {
            diag_internal(d, "text without a font chain");
            return -1;
        }
        if (pc->len > UINT32_MAX) {
            diag_error(d, pc->pos, "text piece too long");
            return -1;
        }
        uint8_t korean = (uint8_t)((lang_is(pc->lang, "ko") ? TC_KOREAN : 0) | (pc->url ? TC_URL : 0) |
                                   (pc->no_hyphen ? TC_NOHYPH : 0));
        for (size_t off = 0; off < pc->len;) {
            uint32_t cp;
            int used = utf8_decode(pc->text + off, pc->len - off, &cp);
            if (used == 0) {
                cp = 0xFFFD;
                used = 1;
            }
            tchar *c = &t->chars[n++];
            memset(c, 0, sizeof *c);
            c->cp = cp;
            c->piece = p;
            c->off = (uint32_t)off;
            c->len = (uint8_t)used;
            c->flags = korean;
            if (cp == ' ' || cp == 0x3000)
                c->flags |= TC_SPACE;
            else if (cp == '\n' || cp == 0x2028 || cp == 0x2029)
                c->flags |= TC_HARD;
            if (uchar_is_hangul(cp))
                c->flags |= TC_HANGUL;
            off += (size_t)used;
        }
    }
    t->nchars = n;
    return 0;
}

static int is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* In Korean text a number such as 2019년 or 104억 takes the Korean face's
 * digits, so it matches the weight of the syllables it is written with; one
 * written against Latin letters (5G, COVID-19, ISO 9001) keeps the Latin face.
 * The number around a digit reaches left over digits , . - and right over
 * digits , . — both ends are remembered while the scan moves right, so a
 * line of 100,000 digits is looked at once, not once per digit. */
typedef struct number_span {
    size_t left;             /* start of the left reach of the current char */
    size_t right;            /* end (inclusive) of the right reach last found */
    int have_right;
} number_span;

static int number_left_char(uint32_t c)
{
    return is_digit(c) || c == ',' || c == '.' || c == '-';
}

static int number_right_char(uint32_t c)
{
    return is_digit(c) || c == ',' || c == '.';
}

/* Advance ns to char i (call for every i in order, before asking about i). */
static void number_span_step(number_span *ns, const tchar *ch, size_t i)
{
    if (i == 0 || !number_left_char(ch[i - 1].cp))
        ns->left = i;
}

static int number_touches_latin(hb_unicode_funcs_t *uf, number_span *ns, const tchar *ch,
                                size_t n, size_t i)
{
    if (!ns->have_right || i > ns->right) {
        size_t b = i;
        while (b + 1 < n && number_right_char(ch[b + 1].cp))
            b++;
        ns->right = b;
        ns->have_right = 1;
    }
    size_t a = ns->left, b = ns->right;
    return (a > 0 && is_latin(uf, ch[a - 1].cp)) || (b + 1 < n && is_latin(uf, ch[b + 1].cp));
}

/* Pick each character's face; warn about characters no face covers. 0, or
 * -1 reported (out of memory). */
static int choose_faces(shaper *sh, para_text *t, const text_piece *pieces, diag *d)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    tchar *ch = t->chars;
    size_t n = t->nchars;
    number_span ns = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        tchar *c = &ch[i];
        number_span_step(&ns, ch, i);
        c->face = NULL;
        if (c->flags & TC_HARD)
            continue;
        hb_unicode_general_category_t gc = hb_unicode_general_category(uf, c->cp);
        if (gc == HB_UNICODE_GENERAL_CATEGORY_CONTROL || gc == HB_UNICODE_GENERAL_CATEGORY_FORMAT ||
            uchar_classify(c->cp) != UC_OK)
            continue;   /* not drawn, not reported (input drops and reports the unusable ones) */
        const font_chain *chain = pieces[c->piece].chain;
        const face *prev = i > 0 && pieces[ch[i - 1].piece].chain == chain ? ch[i - 1].face : NULL;
        const face *f = NULL;
        if (pieces[c->piece].code && face_has_char(chain->faces[0], c->cp))
            f = chain->faces[0];   /* code: no Korean digits or punctuation among Latin ones */
        if (!f && (c->flags & TC_KOREAN)) {
            int want = korean_symbol(c->cp);
            if (!want && korean_punct(c->cp))
                want = !(i > 0 && i + 1 < n && is_latin(uf, ch[i - 1].cp) && is_latin(uf, ch[i + 1].cp));
            if (!want && is_digit(c->cp))
                want = !number_touches_latin(uf, &ns, ch, n, i);
            for (int k = 0; want && k < chain->nfaces && !f; k++)
                if (chain->faces[k]->hangul && face_has_char(chain->faces[k], c->cp))
                    f = chain->faces[k];
        }
        if (!f && prev && (follows_prev(c->cp) || gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
                           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK) && face_has_char(prev, c->cp))
            f = prev;
        for (int k = 0; k < chain->nfaces && !f; k++)
            if (face_has_char(chain->faces[k], c->cp))
                f = chain->faces[k];
        if (!f) {
            srcpos at = pieces[c->piece].pos;
            if (at.col > 0)   /* the character's own column, in bytes like the rest */
                at.col += (int)c->off;
            int seen = warned_before(sh, at, c->cp, d);
            if (seen < 0)
                return -1;
            if (!seen)
                diag_warning(d, at, "no font has U+%04X", c->cp);
        }
        c->face = f;
    }
    return 0;
}

/* Resolved script per char (Common/Inherited join their neighbours), in sh->scripts. */
static int resolve_scripts(shaper *sh, const para_text *t, diag *d)
{
    size_t n = t->nchars;
    if (grow_array((void **)&sh->scripts, &sh->scripts_cap, n + 1, sizeof(uint32_t)))
        return diag_oom(d);
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    hb_script_t cur = HB_SCRIPT_INVALID;
    size_t pending = 0;   /* chars before the first real script */
    for (size_t i = 0; i < n; i++) {
        hb_script_t s = hb_unicode_script(uf, t->chars[i].cp);
        if (s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN) {
            sh->scripts[i] = (uint32_t)cur;
            if (cur == HB_SCRIPT_INVALID)
                pending = i + 1;
            continue;
        }
        cur = s;
        sh->scripts[i] = (uint32_t)s;
        for (; pending > 0; pending--)
            sh->scripts[pending - 1] = (uint32_t)s;
    }
    for (size_t i = 0; i < pending; i++)
        sh->scripts[i] = (uint32_t)HB_SCRIPT_COMMON;
    return 0;
}

/* Append the glyphs of chars[a..b) shaped as one word. */
static int shape_unit(shaper *sh, para_text *t, const text_piece *pieces, size_t a, size_t b,
                      diag *d)
{
    tchar *ch = t->chars;
    const text_piece *pc = &pieces[ch[a].piece];
    const char *text = pc->text + ch[a].off;
    size_t len = ch[b - 1].off + ch[b - 1].len - ch[a].off;
    const cache_entry *e = shape_word(sh, ch[a].face, (hb_script_t)sh->scripts[a], pc->lang, text,
                                      len);
    if (!e)
        return diag_oom(d);
    size_t n = e->nglyphs;
    if (grow_array((void **)&t->glyphs, &t->glyphs_cap, t->nglyphs + n, sizeof(tglyph)))
        return diag_oom(d);
    size_t j = a;
    for (size_t k = 0; k < n; k++) {
        uint32_t cl = e->data[2 * n + k] + ch[a].off;
        while (j + 1 < b && ch[j + 1].off <= cl)
            j++;
        tglyph *g = &t->glyphs[t->nglyphs];
        g->gid = e->data[k];
        memcpy(&g->adv, &e->data[n + k], 4);
        g->dx = g->dy = 0;
        if (e->offsets) {
            memcpy(&g->dx, &e->data[3 * n + k], 4);
            memcpy(&g->dy, &e->data[4 * n + k], 4);
        }
        g->ch = (uint32_t)j;
        if (!(ch[j].flags & TC_CLUSTER)) {
            ch[j].flags |= TC_CLUSTER;
            ch[j].glyph = (uint32_t)t->nglyphs;
        }
        t->nglyphs++;
    }
    return 0;
}

int text_shape_pieces(shaper *sh, para_text *t, const text_piece *pieces, int npieces, diag *d)
{
    t->nchars = t->nglyphs = 0;
    if (decode_pieces(t, pieces, npieces, d) || choose_faces(sh, t, pieces, d) ||
        resolve_scripts(sh, t, d))
        return -1;
    tchar *ch = t->chars;
    size_t n = t->nchars;
    /* units: same piece, face and script; a word ends after its spaces */
    for (size_t a = 0; a < n;) {
        if (!ch[a].face) {
            a++;
            continue;
        }
        size_t b = a + 1;
        while (b < n && ch[b].face == ch[a].face && ch[b].piece == ch[a].piece &&
               sh->scripts[b] == sh->scripts[a] &&
               !((ch[b - 1].flags & TC_SPACE) && !(ch[b].flags & TC_SPACE)))
            b++;
        if (shape_unit(sh, t, pieces, a, b, d))
            return -1;
        a = b;
    }
    /* cumulative widths in points */
    if (grow_array((void **)&t->cumw, &t->cumw_cap, n + 1, sizeof(double)))
        return diag_oom(d);
    double w = 0;
    size_t g = 0;
    for (size_t i = 0; i < n; i++) {
        t->cumw[i] = w;
        const text_piece *pc = &pieces[ch[i].piece];
        for (; g < t->nglyphs && t->glyphs[g].ch == i; g++)
            w += t->glyphs[g].adv * pc->size / ch[i].face->upem;
    }
    t->cumw[n] = w;
    return 0;
}
