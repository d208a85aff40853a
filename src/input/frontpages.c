/* frontpages.c — the front matter of a bulletin or volume as document nodes:
 * the cover (the publisher's logo — a Figure whose alt text is the
 * publisher's name — and name, title H1, subtitle, issue and date, the list
 * of releases with date and language, or of weekly bulletins with their date
 * ranges) and the contents (an H2 and a TOC of TOCI > Reference > Link
 * entries pointing at the release and bulletin titles; two levels in a
 * volume), and the head of each weekly bulletin in a volume (its issue and
 * dates). The words these pages add are in the bulletin's language. Layout
 * adds the page numbers; the cover and contents are laid out after the body. */
#include <string.h>
#include "input-private.h"

/* The words the front matter adds, per bulletin language (the first is the default). */
typedef struct labels {
    const char *lang;
    const char *contents;      /* the contents' heading */
    const char *in_issue;      /* the cover list's caption, bulletin */
    const char *in_volume;     /* ... volume */
    const char *issue;         /* "Issue %s": a bulletin's number */
    const char *volume;        /* a volume's */
    const char *separator;     /* between the parts of a meta line */
    const char *index;         /* the index's heading */
    const char *no_department; /* its heading of releases without a department */
    const char *continued;     /* after a department's name repeated atop a column */
} labels;

static const labels label_sets[] = {
    {"en", "Contents", "In this issue", "Weekly bulletins", "Issue %s", "Volume %s", " \xC2\xB7 ",
     "Index by department", "No department given", "continued"},
    {"ko", "\xEC\xB0\xA8\xEB\xA1\x80", "\xEC\x9D\xB4\xEB\xB2\x88 \xED\x98\xB8 \xEB\xB3\xB4\xEB\x8F\x84\xEC\x9E\x90\xEB\xA3\x8C",
     "\xEC\x88\x98\xEB\xA1\x9D\xEB\x90\x9C \xEC\xA3\xBC\xEA\xB0\x84 \xEB\xB3\xB4\xEB\x8F\x84\xEC\x9E\x90\xEB\xA3\x8C",
     "\xEC\xA0\x9C%s\xED\x98\xB8", "%s \xED\x95\xA9\xEB\xB3\xB8", " \xC2\xB7 ",
     "\xEB\xB6\x80\xEC\x84\x9C\xEB\xB3\x84 \xEC\x83\x89\xEC\x9D\xB8",   /* 부서별 색인 */
     "\xEB\xB6\x80\xEC\x84\x9C \xEB\xAF\xB8\xEA\xB8\xB0\xEC\x9E\xAC",   /* 부서 미기재 */
     "\xEA\xB3\x84\xEC\x86\x8D"},   /* 계속 */
};

static const labels *labels_for(const char *lang)
{
    for (size_t i = 0; i < sizeof label_sets / sizeof *label_sets; i++)
        if (lang_is(lang, label_sets[i].lang))
            return &label_sets[i];
    return &label_sets[0];
}

/* A language's name as its own speakers write it (a reader scanning the
 * cover looks for their own); the tag itself for others. */
static const char *language_name(const char *tag)
{
    if (lang_is(tag, "ko"))
        return "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4";   /* 한국어 */
    if (lang_is(tag, "en"))
        return "English";
    return tag;
}

node *builder_add(node_builder *b, node *parent, enum node_kind kind, enum block_role role)
{
    node *n = doc_node_new(b->doc, kind, parent->pos);
    if (!n) {
        if (!b->failed)
            diag_oom(b->d);
        b->failed = 1;
        return NULL;
    }
    n->role = role;
    doc_append(parent, n);
    return n;
}

node *builder_add_text(node_builder *b, node *parent, enum node_kind kind, enum block_role role,
                       const char *text)
{
    if (!text || !parent)
        return NULL;
    node *e = builder_add(b, parent, kind, role);
    node *t = e ? builder_add(b, e, N_TEXT, R_BODY) : NULL;
    if (t)
        t->text = text;
    return e;
}

int frontpages_begin(document *doc, node **cover, node **contents, diag *d)
{
    srcpos at = {0};
    *cover = doc_node_new(doc, N_DIV, at);
    *contents = doc_node_new(doc, N_DIV, at);
    if (!*cover || !*contents) {
        diag_oom(d);
        return -1;
    }
    (*cover)->role = R_COVER;
    (*contents)->role = R_CONTENTS;
    (*contents)->text = labels_for(doc->lang)->contents;   /* for {release.title} */
    doc_append(doc->root, *cover);
    doc_append(doc->root, *contents);
    return 0;
}

/* The title heading of a release or part (its first N_H child). */
static const node *title_of(const node *group)
{
    for (const node *c = group->first; c; c = c->next)
        if (c->kind == N_H)
            return c;
    return NULL;
}

const char *builder_foreign_lang(const node_builder *b, const char *lang)
{
    return lang && !lang_is(lang, b->doc->lang ? b->doc->lang : "") ? lang : NULL;
}

/* "first · second", or the one of them there is (NULL: neither). In a. */
static const char *joined(arena *a, const labels *lb, const char *first, const char *second)
{
    return first && second ? arena_printf(a, "%s%s%s", first, lb->separator, second)
                           : first ? first : second;
}

/* One contents entry: TOCI > Reference > Link to the title of group. */
static node *toc_entry(node_builder *b, node *toc, const node *group)
{
    const node *h = title_of(group);
    node *toci = builder_add(b, toc, N_TOCI, R_BODY);
    node *ref = toci ? builder_add(b, toci, N_REFERENCE, R_BODY) : NULL;
    node *link = ref ? builder_add_text(b, ref, N_LINK, R_BODY, group->text) : NULL;
    if (!link)
        return NULL;
    ref->lang = builder_foreign_lang(b, group->lang);
    link->target = h;
    link->alt = group->text;
    return toci;
}

/* Earliest and latest release date of a part (YYYY-MM-DD compare as strings). */
static void part_dates(const node *part, const char **from, const char **to)
{
    *from = *to = NULL;
    for (const node *c = part->first; c; c = c->next) {
        if (c->kind != N_SECT || !c->meta || !c->meta->date)
            continue;
        if (!*from || strcmp(c->meta->date, *from) < 0)
            *from = c->meta->date;
        if (!*to || strcmp(c->meta->date, *to) > 0)
            *to = c->meta->date;
    }
}

/* One cover list entry: its main line and a smaller meta line, in lang. */
static void cover_entry(node_builder *b, node *list, const char *text, const char *meta,
                        const char *lang)
{
    node *li = builder_add(b, list, N_LI, R_BODY);
    node *body = li ? builder_add(b, li, N_LBODY, R_BODY) : NULL;
    if (!body)
        return;
    li->lang = builder_foreign_lang(b, lang);
    builder_add_text(b, body, N_P, R_BODY, text);
    builder_add_text(b, body, N_P, R_ENTRY_META, meta);
}

static void fill_cover(node_builder *b, node *cover, const frontpage_info *info, const labels *lb)
{
    document *doc = b->doc;
    arena *a = doc->arena;
    node *logo = info->logo ? builder_add(b, cover, N_FIGURE, R_COVER_LOGO) : NULL;
    if (logo) {   /* the publisher's name says what it is; without it, decoration */
        logo->pos = info->logo_at;
        logo->image = info->logo;
        logo->alt = info->publisher ? info->publisher : "";
        logo->flags |= info->publisher ? 0 : NF_DECORATIVE;
    }
    builder_add_text(b, cover, N_P, R_META, info->publisher);
    node *title = builder_add_text(b, cover, N_H, R_COVER_TITLE, doc->title);
    if (title)
        title->level = 1;
    builder_add_text(b, cover, N_P, R_SUBTITLE, info->subtitle);
    const char *issue = info->issue
        ? arena_printf(a, doc->shape == SHAPE_VOLUME ? lb->volume : lb->issue, info->issue) : NULL;
    const char *date = doc->date ? input_display_date(a, doc->date, doc->lang) : NULL;
    builder_add_text(b, cover, N_P, R_META, joined(a, lb, issue, date));

    node *list = builder_add(b, cover, N_L, R_COVER_LIST);
    if (!list)
        return;
    list->level = 1;
    builder_add_text(b, list, N_CAPTION, R_BODY,
                  doc->shape == SHAPE_VOLUME ? lb->in_volume : lb->in_issue);
    int part_index = 0;
    for (const node *c = doc->root->first; c; c = c->next) {
        if (c->kind == N_SECT && c->meta) {
            const char *when = c->meta->date_text ? c->meta->date_text : c->meta->date;
            cover_entry(b, list, c->text, joined(a, lb, when, language_name(c->meta->lang)),
                        c->meta->lang);
        } else if (c->kind == N_PART) {
            const char *from, *to;
            part_dates(c, &from, &to);
            const char *num = part_index < info->nparts ? info->part_issue[part_index] : NULL;
            part_index++;
            cover_entry(b, list, num ? arena_printf(a, lb->issue, num) : c->text,
                        from ? input_display_range(a, from, to, doc->lang) : "", NULL);
        }
    }
}

static void fill_contents(node_builder *b, node *contents, const labels *lb)
{
    node *h = builder_add_text(b, contents, N_H, R_BODY, lb->contents);
    if (h)
        h->level = 2;
    node *toc = builder_add(b, contents, N_TOC, R_BODY);
    for (const node *c = b->doc->root->first; toc && c; c = c->next) {
        if (c->kind == N_SECT) {
            toc_entry(b, toc, c);
        } else if (c->kind == N_PART) {
            node *toci = toc_entry(b, toc, c);
            node *sub = toci ? builder_add(b, toci, N_TOC, R_BODY) : NULL;
            for (const node *s = c->first; sub && s; s = s->next)
                if (s->kind == N_SECT)
                    toc_entry(b, sub, s);
        }
    }
}

int frontpages_part_head(document *doc, node *part, const char *issue, diag *d)
{
    node_builder b = {doc, d, 0};
    const labels *lb = labels_for(doc->lang);
    node *title = part->first;
    if (!title || title->kind != N_H)
        return 0;
    const char *from, *to;
    part_dates(part, &from, &to);
    const char *num = issue ? arena_printf(doc->arena, lb->issue, issue) : NULL;
    const char *dates = from ? input_display_range(doc->arena, from, to, doc->lang) : NULL;
    const char *line = joined(doc->arena, lb, num, dates);
    node *head = doc_node_new(doc, N_DIV, title->pos);
    if (!head) {
        diag_oom(d);
        return -1;
    }
    head->role = R_RELEASE_HEAD;   /* laid out as a release's head block: meta lines, a rule */
    doc_insert_after(title, head);
    builder_add_text(&b, head, N_P, R_META, line);
    return b.failed ? -1 : 0;
}

int frontpages_index(document *doc, node **index, frontpage_words *words, diag *d)
{
    node_builder b = {doc, d, 0};
    const labels *lb = labels_for(doc->lang);
    node *contents = NULL, *toc = NULL;
    for (node *c = doc->root->first; c && !contents; c = c->next)
        if (c->kind == N_DIV && c->role == R_CONTENTS)
            contents = c;
    for (node *c = contents ? contents->first : NULL; c && !toc; c = c->next)
        if (c->kind == N_TOC)
            toc = c;
    node *sect = builder_add(&b, doc->root, N_SECT, R_INDEX);
    node *h = sect ? builder_add_text(&b, sect, N_H, R_BODY, lb->index) : NULL;
    *index = h ? builder_add(&b, sect, N_INDEX, R_BODY) : NULL;
    if (!*index)
        return -1;
    sect->text = lb->index;   /* for {release.title} and the contents */
    sect->lang = doc->lang;   /* its words are the document's (Korean breaks between words) */
    (*index)->alt = lb->continued;   /* layout's word for a department's name repeated */
    h->level = 2;             /* as a weekly bulletin's title in a volume, a release's in a bulletin */
    if (toc)
        toc_entry(&b, toc, sect);
    *words = (frontpage_words){lb->no_department, lb->separator};
    return b.failed ? -1 : 0;
}

int frontpages_fill(document *doc, node *cover, node *contents, const frontpage_info *info,
                    diag *d)
{
    node_builder b = {doc, d, 0};
    const labels *lb = labels_for(doc->lang);
    fill_cover(&b, cover, info, lb);
    fill_contents(&b, contents, lb);
    return b.failed ? -1 : 0;
}
