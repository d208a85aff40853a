/* manifest.c — manifests: a weekly bulletin (title, issue, date, lang,
 * publisher and its logo, `releases:`) or a yearly volume (the same keys,
 * `bulletins:` naming weekly manifests). Keys and entries are checked at
 * their file:line:col — every
 * problem in one run —, paths go through the sandbox (paths.c), and the
 * releases are loaded into the document with the heading levels of its
 * shape: a bulletin's releases under its cover title (H2), a volume's weekly
 * bulletins as Parts (H2) holding their releases (H3). The cover and the
 * contents are built from the result (frontpages.c). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "input-private.h"

enum mkey { M_TITLE, M_SUBTITLE, M_ISSUE, M_DATE, M_LANG, M_PUBLISHER, M_STYLE,
            M_RELEASES, M_BULLETINS, M_MAIL, M_LOGO, M_COUNT };
static const char *const mkey_names[M_COUNT] = {
    "title", "subtitle", "issue", "date", "lang", "publisher", "style", "releases", "bulletins",
    "mail", "logo",
};
static const int mkey_required[M_COUNT] = {1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0};

/* One manifest file read and checked; its list not yet followed. */
typedef struct manifest {
    const char *file;             /* as given or resolved, in the arena */
    char *real;                   /* heap: its real path */
    const char *value[M_COUNT];   /* scalars, in the document arena; NULL when absent */
    srcpos at[M_COUNT];
    const ynode *list;            /* releases or bulletins (in the scratch arena) */
    const ynode *mail;            /* the mail: block (scratch), NULL: none */
    srcpos mail_at;               /* where its key is */
    int is_volume;
    size_t bytes;                 /* its bytes as read (the archive carries them) */
    uint64_t hash;
} manifest;

/* Does the file name end in .yaml or .yml (a manifest) rather than .md? */
int input_is_manifest_name(const char *path)
{
    size_t n = strlen(path);
    return (n > 5 && strcmp(path + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(path + n - 4, ".yml") == 0);
}

/* Read and check the keys of the manifest at m->file; the YAML tree lives in
 * scratch. Every problem is reported; 0 when there was none. */
static int read_manifest(document *doc, arena *scratch, manifest *m, diag *d)
{
    srcpos start = {m->file, 1, 1};
    char *data = NULL;
    size_t len = 0;
    if (read_file(m->file, &data, &len) != 0)
        return diag_errno(d, start, errno, "cannot read");
    m->bytes = len;
    m->hash = fnv1a(data, len, FNV1A_INIT);
    ynode *root = NULL;
    int failed = sanitize_file(m->file, data, &len, d) != 0;
    if (!failed) {   /* the same character checks as a release's front matter */
        sanitizer san = {.d = d, .file = m->file};
        sanitize_source(&san, data, &len, 1, 0);
        sanitize_report(&san);
        failed = yaml_load_tree(scratch, data, len, m->file, 1, d, &root) != 0;
    }
    free(data);
    if (failed)
        return -1;
    if (!root || root->kind != Y_MAP) {
        diag_error(d, root ? root->pos : start, "a manifest must be a mapping of keys (title, "
                   "issue, date, lang, releases or bulletins), not %s",
                   root ? yaml_kind_name(root) : "empty");
        return -1;
    }
    int seen[M_COUNT] = {0};
    for (const ynode *k = root->first; k && k->next; k = k->next->next) {
        const ynode *v = k->next;
        int key = 0;
        while (k->kind == Y_SCALAR && key < M_COUNT && strcmp(k->text, mkey_names[key]) != 0)
            key++;
        if (k->kind != Y_SCALAR) {
            diag_error(d, k->pos, "manifest keys must be plain names");
            failed = 1;
            continue;
        }
        if (key == M_COUNT) {
            char hint[96];
            const char *best = name_nearest(k->text, mkey_names, M_COUNT);
            diag_warning(d, k->pos, "unknown manifest key '%s'%s (ignored)", k->text,
                         name_did_you_mean(best, hint, sizeof hint));
            continue;
        }
        if (seen[key]) {
            diag_error(d, k->pos, "manifest key '%s' given twice", k->text);
            failed = 1;
            continue;
        }
        seen[key] = 1;
        m->at[key] = v->pos;
        if (key == M_MAIL) {   /* checked by manifest_read_mail, for the top manifest */
            m->mail = v;
            m->mail_at = k->pos;
            continue;
        }
        if (key == M_RELEASES || key == M_BULLETINS) {
            if (v->kind != Y_SEQ) {
                diag_error(d, v->pos, "'%s' must be a list of paths, one per line starting '- ', "
                           "not %s", k->text, yaml_kind_name(v));
                failed = 1;
            } else if (v->count == 0) {
                diag_error(d, v->pos, "'%s' lists nothing", k->text);
                failed = 1;
            } else {
                m->list = v;
                m->is_volume = key == M_BULLETINS;
            }
            continue;
        }
        if (v->kind != Y_SCALAR || yaml_is_null(v) || !v->text[0]) {
            if (v->kind != Y_SCALAR) {
                diag_error(d, v->pos, "'%s' must be a string, not %s", k->text, yaml_kind_name(v));
                failed = 1;
            } else if (mkey_required[key]) {
                diag_error(d, v->pos, "'%s' is empty", k->text);
                failed = 1;
            }
            continue;
        }
        if (key == M_DATE && !input_valid_date(v->text)) {
            diag_error(d, v->pos, "date '%s' is not a real date in the form YYYY-MM-DD", v->text);
            failed = 1;
            continue;
        }
        if (key == M_LANG && !input_valid_lang(v->text)) {
            diag_error(d, v->pos, "lang '%s' is not a well-formed BCP 47 language tag (ko, en, "
                       "en-GB)", v->text);
            failed = 1;
            continue;
        }
        if (!(m->value[key] = arena_strdup(doc->arena, v->text))) {
            diag_oom(d);
            failed = 1;
        }
    }
    for (int key = 0; key < M_COUNT; key++)
        if (mkey_required[key] && !seen[key]) {
            diag_error(d, start, "manifest has no '%s'", mkey_names[key]);
            failed = 1;
        }
    if (seen[M_RELEASES] && seen[M_BULLETINS]) {
        diag_error(d, m->at[M_BULLETINS], "a manifest lists either 'releases' (a weekly "
                   "bulletin) or 'bulletins' (a yearly volume), not both");
        failed = 1;
    } else if (!seen[M_RELEASES] && !seen[M_BULLETINS]) {
        diag_error(d, start, "manifest has no 'releases' (a weekly bulletin) or 'bulletins' "
                   "(a yearly volume)");
        failed = 1;
    }
    return failed ? -1 : 0;
}

/* The file at path (a manifest m, or the style sheet it names) among the
 * document's sources, which the archive carries. 0 ok, -1 reported. */
static int record_source(document *doc, const manifest *m, const char *path,
                         enum source_kind kind, const input_options *o, diag *d)
{
    source_spec spec = {.kind = kind, .path = path, .bytes = m->bytes, .hash = m->hash,
                        .title = kind == SOURCE_MANIFEST ? m->value[M_TITLE] : NULL,
                        .lang = m->value[M_LANG]};
    char *data = NULL;
    if (kind == SOURCE_STYLE) {   /* read as main reads it; its hash says if it changes */
        if (read_file(path, &data, &spec.bytes) != 0) {
            diag_error(d, m->at[M_STYLE], "cannot read: %s", strerror(errno));
            return -1;
        }
        spec.hash = fnv1a(data, spec.bytes, FNV1A_INIT);
        free(data);
    }
    const source_file *f = source_record(doc, o->root, &spec, d);
    if (!f)
        return -1;
    if (source_add_to_document(doc, f) != 0)
        return diag_oom(d);
    return 0;
}

/* One entry of m's list: its real path (heap), or NULL after reporting. real
 * paths of the entries before it are in seen[0..n) with their positions. */
static char *resolve_entry(const manifest *m, const ynode *e, const char *root,
                           char *const *seen, const srcpos *seen_at, int n, diag *d)
{
    const char *what = m->is_volume ? "bulletin" : "release";
    if (e->kind != Y_SCALAR) {
        diag_error(d, e->pos, "each %s must be a path, not %s", what, yaml_kind_name(e));
        return NULL;
    }
    if (yaml_is_null(e) || !e->text[0]) {
        diag_error(d, e->pos, "empty entry: write the %s's path after '- '", what);
        return NULL;
    }
    if (m->is_volume && !input_is_manifest_name(e->text)) {
        diag_error(d, e->pos, "a volume lists weekly bulletins (.yaml manifests), not releases: "
                   "'%s'", e->text);
        return NULL;
    }
    if (!m->is_volume && input_is_manifest_name(e->text)) {
        diag_error(d, e->pos, "a weekly bulletin lists releases (.md files), not manifests: '%s'",
                   e->text);
        return NULL;
    }
    char *real = input_resolve_path(root, m->file, e->text, PATH_IN_MANIFEST, what, e->pos, d);
    if (!real)
        return NULL;
    if (m->real && strcmp(real, m->real) == 0) {
        diag_error(d, e->pos, "the manifest lists itself: '%s'", e->text);
        free(real);
        return NULL;
    }
    for (int i = 0; i < n; i++)
        if (seen[i] && strcmp(seen[i], real) == 0) {
            diag_error(d, e->pos, "'%s' is listed twice (first at line %d)", e->text,
                       seen_at[i].line);
            free(real);
            return NULL;
        }
    return real;
}

/* The entries of m resolved: a heap array of m->list->count heap paths (NULL
 * where an entry failed, reported). NULL on OOM (reported). */
static char **resolve_entries(const manifest *m, const char *root, diag *d)
{
    int n = m->list->count;
    char **real = calloc((size_t)n, sizeof *real);
    srcpos *at = calloc((size_t)n, sizeof *at);
    if (!real || !at) {
        diag_oom(d);
        free(real);
        free(at);
        return NULL;
    }
    int i = 0;
    for (const ynode *e = m->list->first; e && i < n; e = e->next, i++) {
        at[i] = e->pos;
        real[i] = resolve_entry(m, e, root, real, at, i, d);
    }
    free(at);
    return real;
}

static void free_entries(char **real, int n)
{
    for (int i = 0; real && i < n; i++)
        free(real[i]);
    free(real);
}

/* Load a weekly bulletin's releases into parent with titles at title_level;
 * messages name each release as the manifest's folder joined with its entry. */
static int load_releases(document *doc, const manifest *m, char **real, node *parent,
                         int title_level, const input_options *o, diag *d)
{
    input_options in = *o;
    in.parent = parent;
    in.title_level = title_level;
    int failed = 0, i = 0;
    for (const ynode *e = m->list->first; e && d->kind < ERR_SYSTEM; e = e->next, i++) {
        if (!real[i])
            continue;
        in.name = input_display_path(doc->arena, m->file, e->text);
        failed |= input_load_release(doc, real[i], &in, d) != 0;
    }
    return failed ? -1 : 0;
}

/* A weekly bulletin inside a volume, named by entry: read it, check it is
 * not a volume, and load it as an N_PART of doc->root; *issue: its issue. */
static int load_part(document *doc, arena *scratch, const char *path, const ynode *entry,
                     const char *name, const char **issue, const input_options *o, diag *d)
{
    manifest m = {.file = name, .real = strdup(path)};
    if (!m.file || !m.real) {
        diag_oom(d);
        free(m.real);
        return -1;
    }
    int rc = -1;
    char **real = NULL;
    if (read_manifest(doc, scratch, &m, d) != 0 && !m.list)
        goto done;   /* with its list, go on: the releases' own errors are reported too */
    if (m.is_volume) {   /* also what a loop of manifests comes to */
        diag_error(d, entry->pos, "'%s' is a volume; a volume lists weekly bulletins, not "
                   "other volumes", entry->text);
        goto done;
    }
    if (m.value[M_STYLE])
        diag_warning(d, m.at[M_STYLE], "a weekly bulletin's style is not used inside a volume "
                     "(the volume's is)");
    if (m.mail)
        diag_warning(d, m.mail_at, "a weekly bulletin's mail block is not used inside a volume "
                     "(the volume's is)");
    if (m.value[M_LOGO])
        diag_warning(d, m.at[M_LOGO], "a weekly bulletin's logo is not used inside a volume "
                     "(the volume's cover shows the volume's)");
    node *part = doc_node_new(doc, N_PART, (srcpos){m.file, 1, 1});
    node *h = doc_node_new(doc, N_H, m.at[M_TITLE]);
    node *t = doc_node_new(doc, N_TEXT, m.at[M_TITLE]);
    if (!part || !h || !t) {
        diag_oom(d);
        goto done;
    }
    if (!(real = resolve_entries(&m, o->root, d)))
        goto done;   /* reported */
    if (record_source(doc, &m, m.real, SOURCE_MANIFEST, o, d) != 0)
        goto done;
    *issue = m.value[M_ISSUE];
    part->lang = m.value[M_LANG];
    part->text = m.value[M_TITLE];
    h->role = R_PART_TITLE;
    h->level = 2;
    t->text = m.value[M_TITLE];
    doc_append(h, t);
    doc_append(part, h);
    doc_append(doc->root, part);
    rc = load_releases(doc, &m, real, part, 3, o, d);
    if (rc == 0)
        rc = frontpages_part_head(doc, part, m.value[M_ISSUE], d);
done:
    free_entries(real, m.list ? m.list->count : 0);
    free(m.real);
    return rc;
}

/* The cover's logo that m names: resolved inside the root like the other
 * paths of a manifest and checked once like any image. Without a publisher
 * to name it, it is decoration (warned). *logo: NULL when it cannot be used
 * (reported). */
static void read_logo(document *doc, const manifest *m, const input_options *o,
                      const image_info **logo, diag *d)
{
    const char *name = m->value[M_LOGO];
    char *real = input_resolve_path(o->root, m->file, name, PATH_IN_MANIFEST, "logo",
                                    m->at[M_LOGO], d);
    *logo = real ? input_checked_image(doc, o->image_cache, real, name, "logo", 1,
                                       m->at[M_LOGO], d) : NULL;
    free(real);
    /* a file the manifest names: the archive carries it with the manifests */
    const source_file *f = *logo ? source_of_image(doc, o->root, *logo, m->value[M_LANG], d) : NULL;
    if (*logo && (!f || source_add_to_document(doc, f) != 0)) {
        if (f)
            diag_oom(d);
        *logo = NULL;
        return;
    }
    if (*logo && !m->value[M_PUBLISHER])
        diag_warning(d, m->at[M_LOGO], "the logo has no alt text without a 'publisher', so it is "
                     "drawn as decoration that screen readers skip; name the publisher");
}

/* The manifest at path and what it names, read with d its own (a
 * diag_child): every problem reported, the cover and contents filled only
 * when there was none. */
static int load_manifest(document *doc, const char *path, const input_options *o, diag *d,
                         const char **style, srcpos *style_at)
{
    *style = NULL;
    arena *scratch = arena_new();
    manifest m = {.file = arena_strdup(doc->arena, path), .real = realpath(path, NULL)};
    char **real = NULL;
    if (!scratch || !m.file) {
        diag_oom(d);
        goto done;
    }
    if (read_manifest(doc, scratch, &m, d) != 0 && !m.list)
        goto done;
    doc->shape = m.is_volume ? SHAPE_VOLUME : SHAPE_BULLETIN;
    doc->title = m.value[M_TITLE];
    doc->lang = m.value[M_LANG];
    doc->date = m.value[M_DATE];
    doc->author = m.value[M_PUBLISHER];
    if (m.mail)
        manifest_read_mail(doc, m.mail, m.mail_at, d);   /* reported; rendering goes on */
    if (record_source(doc, &m, m.real ? m.real : m.file, SOURCE_MANIFEST, o, d) != 0)
        goto done;
    if (m.value[M_STYLE]) {
        *style_at = m.at[M_STYLE];
        const char *s = m.value[M_STYLE];
        if (strchr(s, '/') || input_is_manifest_name(s)) {   /* a path beside the manifest */
            char *r = input_resolve_path(o->root, m.file, s, PATH_IN_MANIFEST, "style",
                                         m.at[M_STYLE], d);
            *style = r ? arena_strdup(doc->arena, r) : NULL;
            if (r && record_source(doc, &m, r, SOURCE_STYLE, o, d) != 0)
                *style = NULL;
            free(r);
        } else {
            *style = s;
        }
    }
    if (o->style_known)
        o->style_known(o->style_ctx, *style, *style_at);
    node *cover = NULL, *contents = NULL;
    if (frontpages_begin(doc, &cover, &contents, d) != 0 ||
        !(real = resolve_entries(&m, o->root, d)))
        goto done;
    if (!m.is_volume)
        load_releases(doc, &m, real, doc->root, 2, o, d);
    frontpage_info info = {
        .subtitle = m.value[M_SUBTITLE], .issue = m.value[M_ISSUE],
        .publisher = m.value[M_PUBLISHER], .logo_at = m.at[M_LOGO],
    };
    if (m.value[M_LOGO])   /* a bad one is reported; the releases' problems are too */
        read_logo(doc, &m, o, &info.logo, d);
    if (m.is_volume && !(info.part_issue = arena_array(doc->arena, (size_t)m.list->count,
                                                       sizeof *info.part_issue))) {
        diag_oom(d);
        goto done;
    }
    int i = 0;
    for (const ynode *e = m.list->first; m.is_volume && e && d->kind < ERR_SYSTEM; e = e->next, i++)
        if (real[i] && load_part(doc, scratch, real[i], e,
                                 input_display_path(doc->arena, m.file, e->text),
                                 &info.part_issue[info.nparts], o, d) == 0)
            info.nparts++;
    if (d->kind == ERR_NONE)   /* the manifest's sticky error, read once */
        frontpages_fill(doc, cover, contents, &info, d);
done:
    free_entries(real, m.list ? m.list->count : 0);
    free(m.real);
    arena_free(scratch);
    return d->kind != ERR_NONE ? -1 : 0;
}

int input_load_manifest(document *doc, const char *path, const input_options *o, diag *d,
                        const char **style, srcpos *style_at)
{
    diag mine = diag_child(d);
    int rc = load_manifest(doc, path, o, &mine, style, style_at);
    diag_merge(d, &mine);
    return rc;
}
