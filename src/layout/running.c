/* running.c — the page furniture: running header and footer from the
 * style's templates ({bulletin.title}, {release.title}, {page}, …), the
 * verso's on left-hand pages and the recto's on right-hand ones (every page
 * single-sided), set as each page closes, or, when they show the count of
 * body pages, once every page is made. None on the cover or on blank pages; no
 * header on a page where a release or section opens. All artifacts. */
#include <stdlib.h>
#include <string.h>
#include "layout-private.h"

/* ---- setting running texts --------------------------------------------- */

static text_piece running_piece(lay *L, const char *text, size_t len, const char *lang)
{
    return (text_piece){.text = text, .len = len, .chain = lay_chain(L, FONT_SANS, 0, 0),
                        .size = L->st->header_size, .color = L->st->text_color,
                        .lang = lang ? lang : L->doc->lang};
}

static double running_width(lay *L, const char *text, size_t len, const char *lang)
{
    text_piece p = running_piece(L, text, len, lang);
    double mn = 0, mx = 0;
    if (!p.chain || paragraph_measure(L->ts, &p, 1, &mn, &mx, L->d))
        return -1;
    return mx;
}

/* The longest prefix of text (at a character boundary, no trailing blank)
 * that fits in avail with an ellipsis after it; NULL when not one character does. */
static const char *running_cut(lay *L, const char *text, size_t len, double avail,
                               const char *lang, int varies)
{
    size_t *cuts = malloc((len + 1) * sizeof *cuts);
    buf probe = {0};
    if (!cuts) {
        lay_oom(L, NULL);
        return NULL;
    }
    size_t ncuts = 0;
    for (size_t off = 0; off < len;) {
        uint32_t cp;
        int k = utf8_decode(text + off, len - off, &cp);
        off += k > 0 ? (size_t)k : 1;
        cuts[ncuts++] = off;
    }
    size_t lo = 0, hi = ncuts;   /* prefixes cuts[0..lo) fit; lo = count of chars kept */
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        probe.len = 0;
        if (buf_append(&probe, text, cuts[mid - 1]) || buf_puts(&probe, "\xE2\x80\xA6")) {
            lo = 0;
            lay_oom(L, NULL);
            break;
        }
        double pw = running_width(L, probe.data, probe.len, lang);
        if (pw >= 0 && pw <= avail)
            lo = mid;
        else
            hi = mid - 1;
    }
    size_t keep = lo ? cuts[lo - 1] : 0;
    while (keep && text[keep - 1] == ' ')
        keep--;
    free(cuts);
    buf_free(&probe);
    return keep ? arena_printf(varies ? L->a : L->keep, "%.*s\xE2\x80\xA6", (int)keep, text)
                : NULL;
}

/* A one-line text of natural width w set in the running-head face, no wider
 * than avail (cut with an ellipsis); cached per text unless it varies. lang:
 * the language of the text (NULL: the document's). NULL: nothing fits. */
static const text_line *running_text(lay *L, const char *text, double w, double avail,
                                     int varies, const char *lang)
{
    for (int i = 0; !varies && i < RUNNING_CACHE; i++)
        if (L->running[i].text && L->running[i].avail == avail &&
            strcmp(L->running[i].text, text) == 0)
            return L->running[i].line;
    const char *shown = text;
    if (w > avail && !(shown = running_cut(L, text, strlen(text), avail, lang, varies)))
        return NULL;
    text_piece p = running_piece(L, shown, strlen(shown), lang);
    text_line *lines = NULL;
    int n = 0;
    para_params pp = {.width = ONE_LINE_MEASURE};
    /* a line set once for many pages outlives the release it was set for */
    if (!p.chain || paragraph_set(L->ts, varies ? L->a : L->keep, &p, 1, &pp, &lines, &n, L->d)
        || n < 1)
        return NULL;
    if (!varies) {
        const char *key = arena_strdup(L->keep, text);
        running_line *c = &L->running[L->running_next++ % RUNNING_CACHE];
        if (key)
            *c = (running_line){key, avail, &lines[0]};
    }
    return &lines[0];
}

/* ---- templates ------------------------------------------------------------ */

typedef struct page_fields {
    const char *value[FIELD_COUNT];
    const char *lang[FIELD_COUNT];   /* the language each value is written in */
} page_fields;

static void fields_of(lay *L, const page *pg, const page_info *pi, int body_pages,
                      char *label, size_t label_size, char *count, size_t count_size,
                      page_fields *f)
{
    const document *doc = L->doc;
    const node *rel = pi->release;
    const release_meta *m = rel ? rel->meta : NULL;
    page_label(pg, label, label_size);
    snprintf(count, count_size, "%d", body_pages);
    *f = (page_fields){0};
    f->value[FIELD_DOCUMENT_TITLE] = doc->title;
    f->lang[FIELD_DOCUMENT_TITLE] = doc->lang;
    f->value[FIELD_BULLETIN_TITLE] = pi->part ? pi->part->text : doc->title;
    f->lang[FIELD_BULLETIN_TITLE] = pi->part ? doc_lang(pi->part) : doc->lang;
    f->value[FIELD_RELEASE_TITLE] = rel ? rel->text : pi->section ? pi->section->text : NULL;
    f->lang[FIELD_RELEASE_TITLE] = rel ? doc_lang(rel) : doc->lang;
    f->value[FIELD_RELEASE_DATE] = m ? (m->date_text ? m->date_text : m->date) : NULL;
    f->lang[FIELD_RELEASE_DATE] = f->lang[FIELD_RELEASE_TITLE];
    f->value[FIELD_PAGE] = label;
    f->value[FIELD_PAGES] = count;
}

/* Expand template t into out. *varies: it holds the page's number; *lang:
 * the language of its text (that of the first title field). 0 ok, -1 OOM. */
static int expand(const char *t, const page_fields *f, buf *out, int *varies,
                  const char **lang)
{
    out->len = 0;
    *varies = 0;
    *lang = NULL;
    for (const char *p = t; *p;) {
        const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;
        if (!close) {
            if (buf_puts(out, p) < 0)
                return -1;
            break;
        }
        if (buf_append(out, p, (size_t)(open - p)) < 0)
            return -1;
        for (int k = 0; k < FIELD_COUNT; k++) {
            size_t n = strlen(running_field_names[k]);
            if (n != (size_t)(close - open - 1) || strncmp(open + 1, running_field_names[k], n))
                continue;
            if (f->value[k] && buf_puts(out, f->value[k]) < 0)
                return -1;
            *varies |= k == FIELD_PAGE;
            if (!*lang)
                *lang = f->lang[k];
        }
        p = close + 1;
    }
    return 0;
}

/* Widths for the three slots of a line so that they never overlap. */
static void allot(double frame_w, double gap, double center_share, const double natural[3],
                  double avail[3])
{
    double l = natural[0], c = natural[1], r = natural[2];
    avail[0] = l, avail[1] = c, avail[2] = r;
    if (l + c + r + (c > 0 ? 2 : 1) * gap <= frame_w)
        return;
    if (c > 0) {
        double most = frame_w * center_share;
        avail[1] = c < most ? c : most;
        double side = (frame_w - avail[1]) / 2 - gap;
        avail[0] = l < side ? l : side;
        avail[2] = r < side ? r : side;
        return;
    }
    double room = frame_w - gap, half = room / 2;
    if (r <= half)
        avail[0] = room - r;
    else if (l <= half)
        avail[2] = room - l;
    else
        avail[0] = avail[2] = half;
}

/* One running line (header or footer) at baseline y; *drawn: something was. */
static int running_slots(lay *L, const running_spec *spec, const page_fields *f, double left,
                        double y, enum artifact_kind art, buf *scratch, int *drawn)
{
    const char *t[3] = {spec->left, spec->center, spec->right};
    const char *text[3] = {0}, *lang[3] = {0};
    int varies[3] = {0};
    double natural[3] = {0}, avail[3];
    for (int i = 0; i < 3; i++) {
        if (!t[i] || !*t[i])
            continue;
        if (expand(t[i], f, scratch, &varies[i], &lang[i]) < 0)
            return lay_oom(L, NULL);
        if (!scratch->len)
            continue;
        if (!(text[i] = arena_strdup(L->a, scratch->data)))
            return lay_oom(L, NULL);
        natural[i] = running_width(L, text[i], strlen(text[i]), lang[i]);
        if (natural[i] < 0)
            return -1;
    }
    allot(L->frame_w, L->st->header_gap * L->st->header_size, L->st->header_center_share,
          natural, avail);
    for (int i = 0; i < 3; i++) {
        if (!text[i] || avail[i] <= 0)
            continue;
        const text_line *ln = running_text(L, text[i], natural[i], avail[i], varies[i],
                                             lang[i]);
        if (!ln)
            continue;
        double x = i == 0 ? left : i == 1 ? left + (L->frame_w - ln->width) / 2
                                          : left + L->frame_w - ln->width;
        for (int r = 0; r < ln->nruns; r++) {
            if (grow_array((void **)&L->furn, &L->furn_cap, L->nfurn + 1, sizeof *L->furn))
                return lay_oom(L, NULL);
            L->furn[L->nfurn++] = (item){.kind = ITEM_GLYPHS, .artifact = art,
                                         .run = &ln->runs[r], .x = x + ln->runs[r].x, .y = y};
        }
        *drawn = 1;
    }
    return 0;
}

int lay_running_needs_total(const style *st)
{
    const running_spec *specs[] = {&st->header[SIDE_VERSO], &st->header[SIDE_RECTO],
                                   &st->footer[SIDE_VERSO], &st->footer[SIDE_RECTO]};
    char field[32];
    snprintf(field, sizeof field, "{%s}", running_field_names[FIELD_PAGES]);
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++) {
        const char *t[3] = {specs[i]->left, specs[i]->center, specs[i]->right};
        for (int k = 0; k < 3; k++)
            if (t[k] && strstr(t[k], field))
                return 1;
    }
    return 0;
}

int lay_page_furniture(lay *L, size_t i, int body_pages)
{
    const style *st = L->st;
    const page *pg = &L->pages[i];
    const page_info *pi = &L->pinfo[i];
    L->nfurn = 0;
    if (pi->bare)
        return 0;
    int verso = lay_left_hand(st, pg->number);
    int side = verso ? SIDE_VERSO : SIDE_RECTO;
    double left = verso ? st->margin_outer : st->margin_inner;
    char label[32], count[16];
    page_fields f;
    fields_of(L, pg, pi, body_pages, label, sizeof label, count, sizeof count, &f);
    buf scratch = {0};
    int rc = 0, head = 0, foot = 0;
    double rule_y = L->frame_top + st->header_offset;
    if (!pi->opening)
        rc = running_slots(L, &st->header[side], &f, left, rule_y + st->header_rule_gap,
                          ART_HEADER, &scratch, &head);
    if (!rc && head && st->header_rule > 0) {
        if (grow_array((void **)&L->furn, &L->furn_cap, L->nfurn + 1, sizeof *L->furn))
            rc = lay_oom(L, NULL);
        else
            L->furn[L->nfurn++] = (item){.kind = ITEM_RULE, .artifact = ART_HEADER,
                                         .x = left, .y = rule_y, .w = L->frame_w,
                                         .line_width = st->header_rule, .color = st->rule_color};
    }
    if (!rc)
        rc = running_slots(L, &st->footer[side], &f, left, L->frame_bottom - st->footer_offset,
                          ART_FOOTER, &scratch, &foot);
    buf_free(&scratch);
    return rc;
}

int lay_running_heads(lay *L)
{
    int body_pages = (int)(L->npages - L->nfront);
    size_t nfront = L->nfront;
    for (size_t i = 0; i < L->npages; i++) {
        if (lay_page_furniture(L, i, body_pages))
            return -1;
        enum page_part part = i < nfront ? PART_FRONT : PART_BODY;
        int index = (int)(part == PART_FRONT ? i : i - nfront);
        if (L->nfurn && L->sink->furniture(L->sink->user, part, index, L->furn, L->nfurn))
            return -1;
    }
    L->nfurn = 0;
    return 0;
}
