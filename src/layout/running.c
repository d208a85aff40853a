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

static text_piece running_piece(running *R, const char *text, size_t len, const char *lang)
{
    setter *S = R->set;
    return (text_piece){.text = text, .len = len, .chain = lay_chain(S, FONT_SANS, 0, 0),
                        .size = S->st->header_size, .color = S->st->text_color,
                        .lang = lang ? lang : S->doc->lang};
}

/* The natural width of text set in the running-head face into *w. 0, or -1
 * reported. */
static int running_width(running *R, const char *text, size_t len, const char *lang, double *w)
{
    text_piece p = running_piece(R, text, len, lang);
    double mn = 0;
    if (!p.chain) {
        diag_error(R->set->d, (srcpos){0}, "no font for the running heads");
        return -1;
    }
    return paragraph_measure(R->set->ts, &p, 1, &mn, w, R->set->d) ? -1 : 0;
}

/* The longest prefix of text (at a character boundary, no trailing blank)
 * that fits in avail with an ellipsis after it into *out; NULL when not one
 * character does. 0, or -1 reported. */
static int running_cut(running *R, const char *text, size_t len, double avail,
                       const char *lang, int varies, const char **out)
{
    *out = NULL;
    size_t *cuts = malloc((len + 1) * sizeof *cuts);
    if (!cuts)
        return diag_oom(R->set->d);
    buf probe = {0};
    size_t ncuts = 0;
    for (size_t off = 0; off < len;) {
        uint32_t cp;
        int k = utf8_decode(text + off, len - off, &cp);
        off += k > 0 ? (size_t)k : 1;
        cuts[ncuts++] = off;
    }
    int rc = 0;
    size_t lo = 0, hi = ncuts;   /* prefixes cuts[0..lo) fit; lo = count of chars kept */
    while (lo < hi && !rc) {
        size_t mid = (lo + hi + 1) / 2;
        double pw = 0;
        probe.len = 0;
        if (buf_append(&probe, text, cuts[mid - 1]) || buf_puts(&probe, "\xE2\x80\xA6"))
            rc = diag_oom(R->set->d);
        else if (!(rc = running_width(R, probe.data, probe.len, lang, &pw)) && pw <= avail)
            lo = mid;
        else
            hi = mid - 1;
    }
    size_t keep = lo ? cuts[lo - 1] : 0;
    while (keep && text[keep - 1] == ' ')
        keep--;
    free(cuts);
    buf_free(&probe);
    if (rc || !keep)
        return rc;
    *out = arena_printf(varies ? R->set->a : R->keep, "%.*s\xE2\x80\xA6", (int)keep, text);
    return *out ? 0 : diag_oom(R->set->d);
}

/* A one-line text of natural width w set in the running-head face, no wider
 * than avail (cut with an ellipsis), into *out; cached per text unless it
 * varies. lang: the language of the text (NULL: the document's). *out NULL:
 * nothing fits. 0, or -1 reported. */
static int running_text(running *R, const char *text, double w, double avail, int varies,
                        const char *lang, const text_line **out)
{
    setter *S = R->set;
    *out = NULL;
    for (int i = 0; !varies && i < RUNNING_CACHE; i++)
        if (R->cache[i].text && R->cache[i].avail == avail &&
            strcmp(R->cache[i].text, text) == 0) {
            *out = R->cache[i].line;
            return 0;
        }
    const char *shown = text;
    if (w > avail) {
        if (running_cut(R, text, strlen(text), avail, lang, varies, &shown))
            return -1;
        if (!shown)
            return 0;   /* not one character fits */
    }
    text_piece p = running_piece(R, shown, strlen(shown), lang);
    text_line *lines = NULL;
    int n = 0;
    para_params pp = {.width = ONE_LINE_MEASURE};
    /* a line set once for many pages outlives the release it was set for */
    if (!p.chain) {
        diag_error(S->d, (srcpos){0}, "no font for the running heads");
        return -1;
    }
    if (paragraph_set(S->ts, varies ? S->a : R->keep, &p, 1, &pp, &lines, &n, S->d))
        return -1;
    if (n < 1) {
        diag_internal(S->d, "a running head set in no line");
        return -1;
    }
    if (!varies) {
        const char *key = arena_strdup(R->keep, text);
        if (!key)
            return diag_oom(S->d);
        R->cache[R->next++ % RUNNING_CACHE] = (running_line){key, avail, &lines[0]};
    }
    *out = &lines[0];
    return 0;
}

/* ---- templates ------------------------------------------------------------ */

typedef struct page_fields {
    const char *value[FIELD_COUNT];
    const char *lang[FIELD_COUNT];   /* the language each value is written in */
} page_fields;

static void fields_of(const document *doc, const page *pg, const page_info *pi,
                      int body_pages, char *label, size_t label_size, char *count,
                      size_t count_size, page_fields *f)
{
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
static int running_slots(running *R, const running_spec *spec, const page_fields *f,
                         double left, double y, enum artifact_kind art, buf *scratch, int *drawn)
{
    const style *st = R->set->st;
    diag *d = R->set->d;
    const char *t[3] = {spec->left, spec->center, spec->right};
    const char *text[3] = {0}, *lang[3] = {0};
    int varies[3] = {0};
    double natural[3] = {0}, avail[3];
    for (int i = 0; i < 3; i++) {
        if (!t[i] || !*t[i])
            continue;
        if (expand(t[i], f, scratch, &varies[i], &lang[i]) < 0)
            return diag_oom(d);
        if (!scratch->len)
            continue;
        if (!(text[i] = arena_strdup(R->set->a, scratch->data)))
            return diag_oom(d);
        if (running_width(R, text[i], strlen(text[i]), lang[i], &natural[i]))
            return -1;
    }
    allot(R->fr.w, st->header_gap * st->header_size, st->header_center_share, natural, avail);
    for (int i = 0; i < 3; i++) {
        if (!text[i] || avail[i] <= 0)
            continue;
        const text_line *ln;
        if (running_text(R, text[i], natural[i], avail[i], varies[i], lang[i], &ln))
            return -1;
        if (!ln)
            continue;   /* not one character fits */
        double x = i == 0 ? left : i == 1 ? left + (R->fr.w - ln->width) / 2
                                          : left + R->fr.w - ln->width;
        for (int r = 0; r < ln->nruns; r++) {
            if (grow_array((void **)&R->furn, &R->furn_cap, R->nfurn + 1, sizeof *R->furn))
                return diag_oom(d);
            R->furn[R->nfurn++] = (item){.kind = ITEM_GLYPHS, .artifact = art,
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

int lay_page_furniture(running *R, const page *pg, const page_info *pi, int body_pages)
{
    const style *st = R->set->st;
    R->nfurn = 0;
    if (pi->bare)
        return 0;
    int verso = lay_left_hand(st, pg->number);
    int side = verso ? SIDE_VERSO : SIDE_RECTO;
    double left = lay_frame_left(st, pg->number);
    char label[32], count[16];
    page_fields f;
    fields_of(R->set->doc, pg, pi, body_pages, label, sizeof label, count, sizeof count, &f);
    buf scratch = {0};
    int rc = 0, head = 0, foot = 0;
    double rule_y = R->fr.top + st->header_offset;
    if (!pi->opening)
        rc = running_slots(R, &st->header[side], &f, left, rule_y + st->header_rule_gap,
                           ART_HEADER, &scratch, &head);
    if (!rc && head && st->header_rule > 0) {
        if (grow_array((void **)&R->furn, &R->furn_cap, R->nfurn + 1, sizeof *R->furn))
            rc = diag_oom(R->set->d);
        else
            R->furn[R->nfurn++] = (item){.kind = ITEM_RULE, .artifact = ART_HEADER,
                                         .x = left, .y = rule_y, .w = R->fr.w,
                                         .line_width = st->header_rule, .color = st->rule_color};
    }
    if (!rc)
        rc = running_slots(R, &st->footer[side], &f, left, R->fr.bottom - st->footer_offset,
                           ART_FOOTER, &scratch, &foot);
    buf_free(&scratch);
    return rc;
}

void lay_running_free(running *R)
{
    free(R->furn);
}
