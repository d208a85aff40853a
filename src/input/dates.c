/* dates.c — bulletin's one departure from CommonMark: a block that begins
 * with a date written the Korean way — "2001. 1. 16. 제정(법률 제6353호)",
 * "2019. 6. 24.(월)", "2019. 6." — is text, where CommonMark reads ordered
 * lists nested in each other (starting at 2001, 1 and 16).
 *
 * The date: a year of four digits (1000–2999), a month (1–12) and
 * optionally a day (real for that month), one or two digits each, every
 * number followed by '.' and a blank or the end of the line. Anything else —
 * `2019. Budget review`, `2019. 13. x`, `1. 2. 3.` — stays as CommonMark
 * reads it.
 *
 * How: cmark parses the body; every item of an ordered list (`N.`) whose
 * marker in the source starts such a date is found — lines in code blocks
 * never make list items, so they are never looked at —, the '.' after its
 * year is overwritten in a copy of the body with DATE_MARK (one byte for
 * one: every column cmark reports stays that of the file), and the copy is
 * parsed again; "2019\x1F 6. 24." starts no list. Then the mark is put back
 * as '.' in the text node that begins at that place, so the text is the
 * source's characters. */
#include <stdlib.h>
#include <string.h>
#include "input-private.h"

/* The byte that stands for a year's '.' while cmark parses: a C0 control,
 * which sanitize_source never leaves in a body. */
enum { DATE_MARK = 0x1F };
/* Parses at most this often: each finds dates the one before hid. */
enum { DATE_ROUNDS = 4 };

/* 1–2 digits at s[*i] (stopping at n) followed by '.' and a blank or the end
 * of the line: their value, *i past the '.'; -1 when not so. */
static int date_number(const char *s, size_t n, size_t *i)
{
    size_t k = *i;
    int v = 0;
    while (k < n && k - *i < 3 && input_is_digit(s[k]))
        v = v * 10 + (s[k++] - '0');
    if (k == *i || k - *i > 2 || k >= n || s[k] != '.')
        return -1;
    k++;
    if (k < n && s[k] != ' ' && s[k] != '\t' && s[k] != '\n')
        return -1;
    *i = k;
    return v;
}

static size_t skip_blanks(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

size_t input_korean_date(const char *s, size_t n)
{
    if (n < 5 || !input_is_digit(s[0]) || !input_is_digit(s[1]) || !input_is_digit(s[2]) ||
        !input_is_digit(s[3]) || s[4] != '.' || n < 6 || (s[5] != ' ' && s[5] != '\t'))
        return 0;
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (year < 1000 || year > 2999)
        return 0;
    size_t i = skip_blanks(s, n, 5);
    int month = date_number(s, n, &i);
    if (month < 1 || month > 12)
        return 0;
    size_t end = i, j = skip_blanks(s, n, i);
    if (j > i && j < n && input_is_digit(s[j])) {
        size_t k = j;
        int day = date_number(s, n, &k);
        if (day == 0 || day > input_month_days(year, month))
            return 0;   /* "2019. 2. 30.": not a real day, so not a date */
        if (day > 0)
            end = k;
    }
    return end;
}

/* Where a year's '.' was marked: the body line and column of the year. */
typedef struct date_at {
    int line, col;
} date_at;

typedef struct date_marks {
    date_at *at;
    size_t n, cap;
    size_t *line_start;   /* byte offset of each body line */
    int nlines;
} date_marks;

/* The offset of each line of body[len] into m->line_start. 0 ok, -1 OOM. */
static int find_lines(date_marks *m, const char *body, size_t len)
{
    int lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += body[i] == '\n';
    m->line_start = malloc((size_t)lines * sizeof *m->line_start);
    if (!m->line_start)
        return -1;
    m->line_start[0] = 0;
    m->nlines = 1;
    for (size_t i = 0; i < len; i++)
        if (body[i] == '\n')
            m->line_start[m->nlines++] = i + 1;
    return 0;
}

/* Mark the year's '.' of every list item of root whose marker starts a
 * date. root was parsed from src; the marks go into *copy, a copy of src
 * made at the first one (or src itself when it is *copy). How many were
 * marked, or -1 when out of memory. */
static int mark_dates(date_marks *m, cmark_node *root, const char *src, size_t len, char **copy)
{
    cmark_iter *it = cmark_iter_new(root);
    if (!it)
        return -1;
    int marked = 0;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *item = cmark_iter_get_node(it), *list = cmark_node_parent(item);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(item) != CMARK_NODE_ITEM || !list ||
            cmark_node_get_list_type(list) != CMARK_ORDERED_LIST ||
            cmark_node_get_list_delim(list) != CMARK_PERIOD_DELIM)
            continue;
        int line = cmark_node_get_start_line(item), col = cmark_node_get_start_column(item);
        if (!m->line_start && find_lines(m, src, len) != 0) {
            marked = -1;
            break;
        }
        if (line < 1 || line > m->nlines || col < 1)
            continue;
        size_t start = m->line_start[line - 1];
        size_t end = line < m->nlines ? m->line_start[line] - 1 : len;
        size_t off = skip_blanks(src, end, start + (size_t)col - 1);
        if (off >= end || input_korean_date(src + off, end - off) == 0)
            continue;
        if (!*copy && (*copy = malloc(len + 1)) != NULL) {
            memcpy(*copy, src, len);
            (*copy)[len] = '\0';
        }
        if (!*copy || grow_array((void **)&m->at, &m->cap, m->n + 1, sizeof *m->at) != 0) {
            marked = -1;
            break;
        }
        (*copy)[off + 4] = DATE_MARK;
        m->at[m->n++] = (date_at){line, (int)(off - start) + 1};
        marked++;
    }
    cmark_iter_free(it);
    return marked;
}

static int compare_at(const void *a, const void *b)
{
    const date_at *x = a, *y = b;
    return x->line != y->line ? (x->line > y->line) - (x->line < y->line)
                              : (x->col > y->col) - (x->col < y->col);
}

/* Put the '.' back in each text node that begins at a marked year (m->at
 * sorted). 0 ok, -1 OOM. */
static int unmark_dates(const date_marks *m, cmark_node *root)
{
    cmark_iter *it = cmark_iter_new(root);
    if (!it)
        return -1;
    int rc = 0;
    cmark_event_type ev;
    while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *t = cmark_iter_get_node(it);
        const char *lit = cmark_node_get_literal(t);
        date_at key = {cmark_node_get_start_line(t), cmark_node_get_start_column(t)};
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(t) != CMARK_NODE_TEXT || !lit ||
            strlen(lit) < 5 || lit[4] != DATE_MARK ||
            !bsearch(&key, m->at, m->n, sizeof *m->at, compare_at))
            continue;
        char *fixed = strdup(lit);
        if (!fixed) {
            rc = -1;
            break;
        }
        fixed[4] = '.';
        if (!cmark_node_set_literal(t, fixed))
            rc = -1;
        free(fixed);
    }
    cmark_iter_free(it);
    return rc;
}

cmark_node *dates_as_text(loader *l, cmark_node *root, const char *body, size_t len)
{
    date_marks m = {0};
    char *copy = NULL;
    for (int round = 0; root && round < DATE_ROUNDS; round++) {
        int marked = mark_dates(&m, root, copy ? copy : body, len, &copy);
        if (marked < 0)
            goto oom;
        if (marked == 0)
            break;
        cmark_node_free(root);
        root = markdown_parse(l, copy, len);   /* NULL: reported */
    }
    if (root && m.n > 0) {
        qsort(m.at, m.n, sizeof *m.at, compare_at);
        if (unmark_dates(&m, root) != 0)
            goto oom;
    }
    free(copy);
    free(m.at);
    free(m.line_start);
    return root;
oom:
    diag_oom(l->d);
    free(copy);
    free(m.at);
    free(m.line_start);
    cmark_node_free(root);
    return NULL;
}
