/* frontmatter.c — a release's YAML front matter: finding it between '---'
 * fences, reading its keys (title, subtitle, date, lang, department, contact,
 * id) with their positions, and the checks of dates and language tags that
 * manifests share. */
#include <stdlib.h>
#include <string.h>
#include "input-private.h"

static const char *const fm_key_names[K_COUNT] = {
    "title", "subtitle", "date", "lang", "department", "contact", "id",
};
static const int fm_key_required[K_COUNT] = {1, 0, 1, 1, 0, 0, 0};

/* Is the line at p a fence of three `mark` characters (trailing blanks allowed)? */
static int is_fence_line(const char *p, const char *end, const char **next, const char *mark)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *eol = nl ? nl : end;
    *next = nl ? nl + 1 : end;
    if (eol - p < 3 || memcmp(p, mark, 3) != 0)
        return 0;
    for (const char *q = p + 3; q < eol; q++)
        if (*q != ' ' && *q != '\t' && *q != '\r')
            return 0;
    return 1;
}

int frontmatter_split(const char *file, const char *data, size_t len, diag *d, const char **ys,
                      size_t *ylen, const char **body, int *body_line)
{
    const char *p = data, *end = data + len, *next;
    if (is_fence_line(p, end, &next, "+++")) {
        diag_error(d, (srcpos){file, 1, 1}, "front matter in TOML ('+++') is not read: write the"
                   " keys in YAML ('title: ...') between lines '---'");
        return -1;
    }
    if (!is_fence_line(p, end, &next, "---")) {
        diag_error(d, (srcpos){file, 1, 1},
                   "a release must start with front matter: a line '---', the YAML keys, a line '---'");
        return -1;
    }
    *ys = next;
    int line = 2;
    for (p = next; p < end; p = next, line++) {
        if (is_fence_line(p, end, &next, "---")) {
            *ylen = (size_t)(p - *ys);
            *body = next;
            *body_line = line + 1;
            return 0;
        }
    }
    diag_error(d, (srcpos){file, 1, 1},
               "front matter is not closed: add a line '---' after its last key");
    return -1;
}

int input_month_days(int year, int month)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month < 1 || month > 12 ? 0 : mdays[month - 1] + (month == 2 && leap);
}

int input_valid_date(const char *s)
{
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return 0;
        } else if (!input_is_digit(s[i])) {
            return 0;
        }
    }
    if (s[10] != '\0')
        return 0;
    int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
    if (y < 1 || m < 1 || m > 12 || dd < 1)
        return 0;
    return dd <= input_month_days(y, m);
}

static const char *const months_en[] = {"January", "February", "March", "April", "May", "June",
                                        "July", "August", "September", "October", "November",
                                        "December"};

const char *input_display_date(arena *a, const char *date, const char *lang)
{
    static const char *const days_ko[] = {"일", "월", "화", "수", "목", "금", "토"};
    int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    if (lang_is(lang, "ko")) {
        /* day of the week, Sakamoto's method (0 = Sunday) */
        static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
        int yy = m < 3 ? y - 1 : y;
        int wd = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7;
        return arena_printf(a, "%d. %d. %d.(%s)", y, m, d, days_ko[wd]);
    }
    if (lang_is(lang, "en"))
        return arena_printf(a, "%d %s %d", d, months_en[m - 1], y);
    return date;
}

const char *input_display_range(arena *a, const char *from, const char *to, const char *lang)
{
    if (strcmp(from, to) == 0)
        return input_display_date(a, from, lang);
    int y1 = atoi(from), m1 = atoi(from + 5), d1 = atoi(from + 8);
    int y2 = atoi(to), m2 = atoi(to + 5), d2 = atoi(to + 8);
    if (lang_is(lang, "ko"))   /* 2019. 6. 17.~6. 21.; the year again only when it changes */
        return y1 == y2 ? arena_printf(a, "%d. %d. %d.~%d. %d.", y1, m1, d1, m2, d2)
                        : arena_printf(a, "%d. %d. %d.~%d. %d. %d.", y1, m1, d1, y2, m2, d2);
    if (lang_is(lang, "en")) {   /* 17–21 June 2019, 27 June – 3 July 2019 */
        if (y1 == y2 && m1 == m2)
            return arena_printf(a, "%d\u2013%d %s %d", d1, d2, months_en[m1 - 1], y1);
        if (y1 == y2)
            return arena_printf(a, "%d %s \u2013 %d %s %d", d1, months_en[m1 - 1], d2,
                                months_en[m2 - 1], y1);
        return arena_printf(a, "%d %s %d \u2013 %d %s %d", d1, months_en[m1 - 1], y1, d2,
                            months_en[m2 - 1], y2);
    }
    return arena_printf(a, "%s/%s", from, to);   /* ISO 8601's interval */
}

/* ^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$, at most MAX_LANG_LEN characters (the
 * tag is written as a PDF string, which has a length limit). */
int input_valid_lang(const char *s)
{
    if (strlen(s) > MAX_LANG_LEN)
        return 0;
    int n = 0;
    while (input_is_alpha(s[n]))
        n++;
    if (n < 2 || n > 8)
        return 0;
    s += n;
    while (*s == '-') {
        s++;
        n = 0;
        while (input_is_alpha(s[n]) || input_is_digit(s[n]))
            n++;
        if (n < 1 || n > 8)
            return 0;
        s += n;
    }
    return *s == '\0';
}

int frontmatter_read(document *doc, const char *file, const char *ys, size_t ylen, diag *d,
                     sanitizer *z, front_matter *fm)
{
    memset(fm, 0, sizeof *fm);
    arena *tmp = arena_new();
    if (!tmp) {
        diag_oom(d);
        return -1;
    }
    ynode *root = NULL;
    int yaml_failed = yaml_load_tree(tmp, ys, ylen, file, 2, d, &root) != 0;
    int failed = yaml_failed;
    int seen[K_COUNT] = {0};
    srcpos key_at[K_COUNT];

    if (root && root->kind != Y_MAP && !yaml_is_null(root)) {
        diag_error(d, root->pos, "front matter must be a mapping of keys to values, not %s",
                   yaml_kind_name(root));
        failed = 1;
        root = NULL;
    }
    for (ynode *k = root && root->kind == Y_MAP ? root->first : NULL; k && k->next;
         k = k->next->next) {
        ynode *v = k->next;
        if (k->kind != Y_SCALAR) {
            diag_error(d, k->pos, "front matter keys must be plain names");
            failed = 1;
            continue;
        }
        int key = 0;
        while (key < K_COUNT && strcmp(k->text, fm_key_names[key]) != 0)
            key++;
        if (key == K_COUNT) {
            char hint[96];
            const char *best = name_nearest(k->text, fm_key_names, K_COUNT);
            diag_warning(d, k->pos, "unknown front matter key '%s'%s (ignored)", k->text,
                         name_did_you_mean(best, hint, sizeof hint));
            continue;
        }
        if (seen[key]) {
            diag_error(d, k->pos, "front matter key '%s' given twice (first on line %d): keep one",
                       k->text, key_at[key].line);
            failed = 1;
            continue;
        }
        seen[key] = 1;
        key_at[key] = k->pos;
        fm->at[key] = v->pos;
        if (v->kind != Y_SCALAR) {
            diag_error(d, v->pos, "'%s' must be a string, not %s", k->text, yaml_kind_name(v));
            failed = 1;
            continue;
        }
        if (key == K_DEPARTMENT && yaml_plain_type(v)) {   /* the index groups by this name */
            diag_error(d, v->pos, "'department' must be the department's name, not %s; "
                       "quote it (\"%s\") if that is its name", yaml_plain_type(v), v->text);
            failed = 1;
            continue;
        }
        if (yaml_is_null(v) || v->text[0] == '\0') {
            if (fm_key_required[key]) {
                diag_error(d, v->pos, "'%s' is empty", k->text);
                failed = 1;
            }
            continue;
        }
        if (key == K_DATE && !input_valid_date(v->text)) {
            diag_error(d, v->pos, "date '%s' is not a real date in the form YYYY-MM-DD",
                       v->text);
            failed = 1;
            continue;
        }
        if (key == K_LANG && !input_valid_lang(v->text)) {
            diag_error(d, v->pos, "lang '%.*s%s' is not a well-formed BCP 47 language tag"
                       " of at most %d characters", (int)MAX_LANG_LEN, v->text,
                       strlen(v->text) > MAX_LANG_LEN ? "..." : "", (int)MAX_LANG_LEN);
            failed = 1;
            continue;
        }
        fm->value[key] = sanitize_text(z, doc->arena, v->text, strlen(v->text), v->pos, TEXT_INLINE);
        if (!fm->value[key])
            failed = 1;   /* reported */
    }
    if (!yaml_failed) { /* after a YAML error the keys that follow were never read */
        for (int key = 0; key < K_COUNT; key++)
            if (fm_key_required[key] && !seen[key]) {
                diag_error(d, (srcpos){file, 1, 1}, "front matter has no '%s'",
                           fm_key_names[key]);
                failed = 1;
            }
    }
    arena_free(tmp);
    return failed ? -1 : 0;
}
