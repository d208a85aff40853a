/* index.c — the index by department of a bulletin or volume, built from the
 * releases' front matter as document nodes (layout sets the page numbers):
 *
 *   Sect (R_INDEX) > H2, Index > H3 initial, H4 department, L > LI > LBody >
 *   Reference > Link (the release's title, its target the title heading) and
 *   a P (R_ENTRY_META: its date and id)
 *
 * Departments are sorted by ICU's collation for the document's language
 * (punctuation and spaces ignored, as dictionaries do) and grouped under
 * the index characters CLDR gives each language present (ucol, ulocdata):
 * a name goes under the last of its own script's characters that collates
 * at or before it, at primary strength — Korean under its initial consonant
 * (ㄱ ㄴ ㄷ … ㅎ, the tense ones with their plain ones: 까 under ㄱ, as in
 * the 14 sections of a Korean dictionary, Hangul Orthography art. 4 order),
 * Latin under its base letter (É under E). A name in a script no language
 * present indexes goes under its own first letter, digits under "0–9".
 * A department is the name as written (NFC, blanks collapsed): a Korean and
 * an English name of one office are two entries, each under its own script;
 * no translation table exists to join them. Releases without a department
 * come last under a heading of their own. Within a department the releases
 * keep their order in the document (their page order). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include "input-private.h"

/* One department and the releases (N_SECTs) it issued, in document order. */
typedef struct dept {
    const char *name;           /* NFC, blanks collapsed (NULL: the releases without one) */
    const char *lang;           /* the language of its first release */
    const node **sects;
    size_t n, cap;
    char *key;                  /* collation sort key (heap) */
    const char *initial;        /* the heading it goes under */
} dept;

/* An index character of some language: its text, primary key and script. */
typedef struct index_label {
    char text[16];
    char *key;                  /* heap */
    UScriptCode script;
} index_label;

typedef struct indexer {
    node_builder b;             /* the document, its diag, and whether memory ran out */
    UCollator *coll;            /* the document's language, punctuation ignored */
    UCollator *primary;         /* the same at primary strength: initials */
    index_label *labels;
    size_t nlabels, labels_cap;
    dept *depts;
    size_t ndepts, depts_cap;
    strmap *by_name;            /* name → index in depts + 1 */
    dept none;                  /* releases without a department */
} indexer;

static int oom(indexer *x)
{
    x->b.failed = 1;
    return diag_oom(x->b.d);
}

/* s as UTF-16 (heap, *n units); NULL on OOM or invalid UTF-8. */
static UChar *to_utf16(const char *s, int32_t *n)
{
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, n, s, -1, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return NULL;
    UChar *u = malloc(((size_t)*n + 1) * sizeof *u);
    st = U_ZERO_ERROR;
    if (u)
        u_strFromUTF8(u, *n + 1, NULL, s, -1, &st);
    if (u && U_FAILURE(st)) {
        free(u);
        return NULL;
    }
    return u;
}

/* u[0..n) as UTF-8 in a. */
static char *to_utf8(arena *a, const UChar *u, int32_t n)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = 0;
    u_strToUTF8(NULL, 0, &len, u, n, &st);
    char *s = arena_alloc(a, (size_t)len + 1);
    st = U_ZERO_ERROR;
    if (s)
        u_strToUTF8(s, len + 1, NULL, u, n, &st);
    return s && U_SUCCESS(st) ? s : NULL;
}

/* A department's name as the index keys it: NFC, blanks trimmed and
 * collapsed to one space; NULL when nothing is left (no department). In a. */
static const char *department_name(indexer *x, const char *raw)
{
    if (!raw)
        return NULL;
    int32_t n;
    UChar *u = to_utf16(raw, &n), *nfc = NULL;
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFCInstance(&st);
    int32_t m = 0;
    if (u && U_SUCCESS(st)) {
        m = unorm2_normalize(norm, u, n, NULL, 0, &st);
        st = U_ZERO_ERROR;
        if ((nfc = malloc(((size_t)m + 1) * sizeof *nfc)))
            m = unorm2_normalize(norm, u, n, nfc, m + 1, &st);
    }
    free(u);
    if (!nfc || U_FAILURE(st)) {
        free(nfc);
        oom(x);
        return NULL;
    }
    int32_t k = 0;
    for (int32_t i = 0; i < m; i++) {
        int blank = u_isUWhiteSpace(nfc[i]);
        if (blank && (k == 0 || nfc[k - 1] == ' '))
            continue;
        nfc[k++] = blank ? ' ' : nfc[i];
    }
    while (k > 0 && nfc[k - 1] == ' ')
        k--;
    const char *name = k ? to_utf8(x->b.doc->arena, nfc, k) : NULL;
    free(nfc);
    if (k && !name)
        oom(x);
    return name;
}

/* The sort key of s under coll (heap, NUL-terminated bytes); NULL on OOM. */
static char *sort_key(const UCollator *coll, const char *s)
{
    int32_t n;
    UChar *u = to_utf16(s, &n);
    if (!u)
        return NULL;
    int32_t len = ucol_getSortKey(coll, u, n, NULL, 0);
    uint8_t *key = len > 0 ? malloc((size_t)len) : NULL;
    if (key)
        ucol_getSortKey(coll, u, n, key, len);
    free(u);
    return (char *)key;
}

/* A collator for BCP 47 tag lang, punctuation and spaces ignorable; NULL when ICU has none. */
static UCollator *collator_for(const char *lang, UCollationStrength strength)
{
    char locale[ULOC_FULLNAME_CAPACITY];
    UErrorCode st = U_ZERO_ERROR;
    uloc_forLanguageTag(lang ? lang : "und", locale, sizeof locale, NULL, &st);
    if (U_FAILURE(st))
        locale[0] = '\0';   /* the root collation */
    st = U_ZERO_ERROR;
    UCollator *c = ucol_open(locale, &st);
    if (U_FAILURE(st))
        return NULL;
    ucol_setAttribute(c, UCOL_ALTERNATE_HANDLING, UCOL_SHIFTED, &st);
    ucol_setStrength(c, strength);
    if (U_FAILURE(st)) {
        ucol_close(c);
        return NULL;
    }
    return c;
}

/* Add the index characters CLDR gives language lang (ㄱ … ㅎ for ko, A … Z
 * for en), each once. 0 ok (also when it has none), -1 OOM. */
static int add_labels(indexer *x, const char *lang)
{
    char locale[ULOC_FULLNAME_CAPACITY];
    UErrorCode st = U_ZERO_ERROR;
    uloc_forLanguageTag(lang, locale, sizeof locale, NULL, &st);
    ULocaleData *ld = U_SUCCESS(st) ? ulocdata_open(locale, &st) : NULL;
    USet *set = ld ? ulocdata_getExemplarSet(ld, NULL, 0, ULOCDATA_ES_INDEX, &st) : NULL;
    int rc = 0;
    for (int32_t i = 0; set && U_SUCCESS(st) && rc == 0 && i < uset_size(set); i++) {
        UChar32 c = uset_charAt(set, i);
        if (c < 0)
            continue;   /* a string (a digraph): not an initial we can tell by its first letter */
        index_label lb = {.script = uscript_getScript(c, &st)};
        UChar u[2];
        int32_t n = 0;
        U16_APPEND_UNSAFE(u, n, c);
        UErrorCode e = U_ZERO_ERROR;
        u_strToUTF8(lb.text, sizeof lb.text, NULL, u, n, &e);
        int seen = U_FAILURE(e);
        for (size_t k = 0; k < x->nlabels && !seen; k++)
            seen = strcmp(x->labels[k].text, lb.text) == 0;
        if (seen)
            continue;
        if (!(lb.key = sort_key(x->primary, lb.text))
            || grow_array((void **)&x->labels, &x->labels_cap, x->nlabels + 1, sizeof *x->labels)) {
            free(lb.key);
            rc = -1;
            break;
        }
        x->labels[x->nlabels++] = lb;
    }
    uset_close(set);
    ulocdata_close(ld);
    return rc;
}

static int add_release(indexer *x, dept *dp, const node *sect)
{
    if (grow_array((void **)&dp->sects, &dp->cap, dp->n + 1, sizeof *dp->sects))
        return oom(x);
    dp->sects[dp->n++] = sect;
    return 0;
}

/* File the release sect under its department. */
static int file_release(indexer *x, const node *sect)
{
    const char *name = department_name(x, sect->meta->department);
    if (x->b.failed)
        return -1;
    if (!name)
        return add_release(x, &x->none, sect);
    size_t at = (size_t)(uintptr_t)strmap_get(x->by_name, name);
    if (!at) {
        if (grow_array((void **)&x->depts, &x->depts_cap, x->ndepts + 1, sizeof *x->depts))
            return oom(x);
        x->depts[x->ndepts] = (dept){.name = name, .lang = sect->meta->lang};
        if (!(x->depts[x->ndepts].key = sort_key(x->coll, name))
            || strmap_put(x->by_name, name, (void *)(uintptr_t)(x->ndepts + 1)))
            return oom(x);
        at = ++x->ndepts;
    }
    return add_release(x, &x->depts[at - 1], sect);
}

static int by_key(const void *a, const void *b)
{
    const dept *p = a, *q = b;
    int c = strcmp(p->key, q->key);
    return c ? c : strcmp(p->name, q->name);
}

/* The heading dp goes under (in the document's arena). */
static const char *initial_of(indexer *x, const dept *dp)
{
    UChar32 first = -1;
    for (int32_t i = 0, n = (int32_t)strlen(dp->name); i < n && first < 0;) {
        UChar32 c;
        U8_NEXT(dp->name, i, n, c);
        if (c >= 0 && u_isalnum(c))
            first = c;
    }
    if (first < 0)
        return "\xE2\x80\xA6";   /* … : a name of signs alone */
    if (u_isdigit(first))
        return "0\xE2\x80\x93" "9";
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(first, &st);
    char *key = sort_key(x->primary, dp->name);
    const index_label *best = NULL;
    for (size_t i = 0; key && i < x->nlabels; i++) {
        const index_label *lb = &x->labels[i];
        if (lb->script == script && strcmp(lb->key, key) <= 0
            && (!best || strcmp(lb->key, best->key) > 0))
            best = lb;
    }
    free(key);
    if (best)
        return arena_strdup(x->b.doc->arena, best->text);
    char own[8];   /* a script no language present indexes: its own letter */
    int len = 0;
    U8_APPEND_UNSAFE(own, len, u_toupper(first));
    return arena_strndup(x->b.doc->arena, own, (size_t)len);
}

/* ---- nodes ----------------------------------------------------------------- */

/* The releases of dp as a list: each a Reference > Link to its title, its
 * date and id under it. */
static void add_entries(indexer *x, node *parent, const dept *dp, const char *separator)
{
    node *list = builder_add(&x->b, parent, N_L, R_BODY);
    if (!list)
        return;
    list->level = 1;
    for (size_t i = 0; i < dp->n; i++) {
        const node *sect = dp->sects[i], *title = NULL;
        const release_meta *m = sect->meta;
        for (const node *c = sect->first; c && !title; c = c->next)
            if (c->kind == N_H)
                title = c;
        node *li = builder_add(&x->b, list, N_LI, R_BODY);
        node *body = li ? builder_add(&x->b, li, N_LBODY, R_BODY) : NULL;
        node *ref = body ? builder_add(&x->b, body, N_REFERENCE, R_BODY) : NULL;
        node *link = ref ? builder_add_text(&x->b, ref, N_LINK, R_BODY, sect->text) : NULL;
        if (!link)
            return;
        ref->lang = builder_foreign_lang(&x->b, sect->lang);
        link->target = title;
        link->alt = sect->text;
        const char *date = m->date && input_valid_date(m->date)
                               ? input_display_date(x->b.doc->arena, m->date, x->b.doc->lang) : NULL;
        const char *line = date && m->id ? arena_printf(x->b.doc->arena, "%s%s%s", date, separator, m->id)
                                         : date ? date : m->id;
        if ((date || m->id) && !line) {
            oom(x);
            return;
        }
        if (line)
            builder_add_text(&x->b, body, N_P, R_ENTRY_META, line);
    }
}

static void build_nodes(indexer *x, node *index, const frontpage_words *w)
{
    const char *initial = NULL;
    for (size_t i = 0; i < x->ndepts && !x->b.failed; i++) {
        dept *dp = &x->depts[i];
        if (!initial || strcmp(initial, dp->initial) != 0) {
            node *h = builder_add_text(&x->b, index, N_H, R_INDEX_INITIAL, dp->initial);
            if (!h)
                return;
            h->level = 3;
            initial = dp->initial;
        }
        node *h = builder_add_text(&x->b, index, N_H, R_INDEX_DEPARTMENT, dp->name);
        if (!h)
            return;
        h->level = 4;
        h->lang = builder_foreign_lang(&x->b, dp->lang);
        add_entries(x, index, dp, w->separator);
    }
    if (x->none.n && !x->b.failed) {
        node *h = builder_add_text(&x->b, index, N_H, R_INDEX_INITIAL, w->no_department);
        if (!h)
            return;
        h->level = 3;
        add_entries(x, index, &x->none, w->separator);
    }
}

/* Every release of the document, in order, filed; the languages' index characters. */
static int gather(indexer *x)
{
    if (add_labels(x, x->b.doc->lang) != 0)
        return oom(x);
    for (const node *c = x->b.doc->root->first; c; c = c->next) {
        const node *first = c->kind == N_PART ? c->first : c, *end = c->kind == N_PART ? NULL : c->next;
        for (const node *s = first; s != end; s = s->next) {
            if (s->kind != N_SECT || !s->meta)
                continue;
            if (file_release(x, s) != 0 || add_labels(x, s->meta->lang) != 0)
                return oom(x);
        }
    }
    return 0;
}

int input_add_index(document *doc, const style *st, diag *d)
{
    int wanted = doc->shape == SHAPE_VOLUME ? st->index_volume
               : doc->shape == SHAPE_BULLETIN ? st->index_bulletin : 0;
    if (!wanted || !doc->nreleases)
        return 0;
    indexer x = {.b = {doc, d, 0}};
    x.coll = collator_for(doc->lang, UCOL_QUATERNARY);
    x.primary = collator_for(doc->lang, UCOL_PRIMARY);
    x.by_name = strmap_new();
    node *index = NULL;
    frontpage_words words;
    if (!x.coll || !x.primary) {
        diag_system(d, (srcpos){0}, "cannot build the index: ICU has no collation for '%s'",
                    doc->lang);
        x.b.failed = 1;
    } else if (!x.by_name) {
        oom(&x);
    } else if (gather(&x) == 0) {
        if (x.ndepts)
            qsort(x.depts, x.ndepts, sizeof *x.depts, by_key);
        for (size_t i = 0; i < x.ndepts && !x.b.failed; i++)
            if (!(x.depts[i].initial = initial_of(&x, &x.depts[i])))
                oom(&x);
        if (!x.b.failed && frontpages_index(doc, &index, &words, d) != 0)
            x.b.failed = 1;   /* reported */
        if (!x.b.failed)
            build_nodes(&x, index, &words);
    }
    for (size_t i = 0; i < x.ndepts; i++) {
        free(x.depts[i].sects);
        free(x.depts[i].key);
    }
    for (size_t i = 0; i < x.nlabels; i++)
        free(x.labels[i].key);
    free(x.depts);
    free(x.labels);
    free(x.none.sects);
    strmap_free(x.by_name);
    ucol_close(x.coll);
    ucol_close(x.primary);
    return x.b.failed ? -1 : 0;
}
