/* test_markdown.c — Markdown as a Korean press office writes it: blocks that
 * begin with a Korean date ("2001. 1. 16. 제정", "2019. 6. 24.(월)",
 * "2019. 6.") are text, not nested ordered lists, with their characters and
 * positions as in the file; real numbered lists, a list at 2019 followed
 * by a word, "2019. 13. x" and code stay as CommonMark reads them. And
 * <br> in raw HTML is a line break, without a warning. */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "input_fixture.h"
#include "input/input-private.h"

/* Korean front matter: the body starts at line 6. */
#define FM_KO "---\ntitle: 시험\ndate: 2019-06-18\nlang: ko\n---\n"

/* Load FM_KO + body as a release, which must give that many warnings and
 * no error: the release's section, or NULL (a failed check, r done). */
static const node *load_body(run *r, const char *name, const char *body, int warnings)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s", FM_KO, body);
    load_text(r, name, text);
    const node *sect = r->rc == 0 ? r->doc->root->first : NULL;
    CHECK(sect && r->d.errors == 0 && r->d.warnings == warnings);
    if (!sect)
        done(r);
    return sect;
}

/* The i-th block of the body (after the title and the head block). */
static const node *block(const node *sect, int i)
{
    return child(sect, 2 + i);
}

/* Is n a P whose text is want? */
static int is_text(const node *n, const char *want)
{
    char got[1024];
    if (!n || n->kind != N_P) {
        printf("  want a P \"%s\", got %s\n", want, n ? "another kind" : "nothing");
        return 0;
    }
    text_of(n, got, sizeof got);
    if (strcmp(got, want) != 0)
        printf("  want \"%s\", got \"%s\"\n", want, got);
    return strcmp(got, want) == 0;
}

/* The body paragraph of item i of list l. */
static const node *item_para(const node *l, int i)
{
    const node *li = child(l, i);
    const node *body = li ? child(li, 1) : NULL;
    return body && body->kind == N_LBODY ? body->first : NULL;
}

static void test_dates_in_list_items_are_text(void)
{
    run r;
    const node *sect = load_body(&r, "items.md",
                                 "- 2001. 1. 16. 제정(법률 제6353호)\n"
                                 "- 2019. 6. 24.(월) 개정\n"
                                 "- 2019. 6.\n", 0);
    if (!sect)
        return;
    const node *l = block(sect, 0);
    CHECK(l->kind == N_L && !(l->flags & NF_ORDERED) && block(sect, 1) == NULL);
    CHECK(count_kind(sect, N_L) == 1 && count_kind(sect, N_LI) == 3);
    CHECK(is_text(item_para(l, 0), "2001. 1. 16. 제정(법률 제6353호)"));
    CHECK(is_text(item_para(l, 1), "2019. 6. 24.(월) 개정"));
    CHECK(is_text(item_para(l, 2), "2019. 6."));
    /* positions as in the file: line 6, the text after "- " */
    const node *p = item_para(l, 0);
    CHECK(p->pos.line == 6 && p->pos.col == 3);
    CHECK(p->first->pos.line == 6 && p->first->pos.col == 3);
    done(&r);
}

static void test_dates_in_paragraphs_are_text(void)
{
    run r;
    const node *sect = load_body(&r, "paras.md",
                                 "2019. 6. 24.(월) 14:00, 정부서울청사\n"     /* 6 */
                                 "\n"
                                 "2019. 6.\n"                                /* 8 */
                                 "\n"
                                 "2020. 2. 29. 윤일 *강조*\n"                 /* 10 */
                                 "\n"
                                 "> 2019. 6. 1. 인용\n"                       /* 12 */
                                 "\n"
                                 " 2019.  06.  05. 두 칸\n"                   /* 14 */
                                 "계속되는 줄\n"
                                 "\n"
                                 "1446. 10. 9. 훈민정음 반포\n", 0);           /* 17 */
    if (!sect)
        return;
    CHECK(count_kind(sect, N_L) == 0);
    CHECK(is_text(block(sect, 0), "2019. 6. 24.(월) 14:00, 정부서울청사"));
    CHECK(block(sect, 0)->pos.line == 6 && block(sect, 0)->pos.col == 1);
    CHECK(is_text(block(sect, 1), "2019. 6."));
    CHECK(is_text(block(sect, 2), "2020. 2. 29. 윤일 강조"));
    const node *em = find_kind(block(sect, 2), N_TEXT, 1);
    CHECK(em && (em->flags & NF_EMPH) && strcmp(em->text, "강조") == 0);
    CHECK(em && em->pos.line == 10 && em->pos.col == 22);   /* bytes, as in the file */
    const node *q = block(sect, 3);
    CHECK(q->kind == N_BLOCKQUOTE && is_text(q->first, "2019. 6. 1. 인용"));
    CHECK(q->first->pos.line == 12 && q->first->pos.col == 3);
    CHECK(is_text(block(sect, 4), "2019.  06.  05. 두 칸 계속되는 줄"));
    CHECK(block(sect, 4)->pos.line == 14 && block(sect, 4)->pos.col == 2);
    CHECK(is_text(block(sect, 5), "1446. 10. 9. 훈민정음 반포"));
    done(&r);
}

/* A date inside an item of a real list, and in a footnote. */
static void test_dates_inside_containers(void)
{
    run r;
    const node *sect = load_body(&r, "inside.md",
                                 "1. 추진 경과\n"
                                 "   2019. 6. 24. 회의\n"
                                 "\n"
                                 "   2019. 7. 1. 발표\n"
                                 "\n"
                                 "본문[^1].\n"
                                 "\n"
                                 "[^1]: 2019. 6. 24. 보도자료\n", 0);
    if (!sect)
        return;
    const node *l = block(sect, 0);
    CHECK(l->kind == N_L && (l->flags & NF_ORDERED) && l->number == 1);
    CHECK(count_kind(l, N_L) == 1 && count_kind(l, N_LI) == 1);
    const node *body = child(child(l, 0), 1);
    CHECK(is_text(child(body, 0), "추진 경과 2019. 6. 24. 회의"));
    CHECK(is_text(child(body, 1), "2019. 7. 1. 발표"));
    CHECK(child(body, 1)->pos.line == 9 && child(body, 1)->pos.col == 4);
    const node *note = find_kind(sect, N_NOTE, 0);
    CHECK(note && count_kind(note, N_L) == 0 && is_text(note->first, "2019. 6. 24. 보도자료"));
    done(&r);
}

/* Real lists stay lists; so do what only looks like a date. */
static void test_lists_stay_lists(void)
{
    run r;
    const node *sect = load_body(&r, "lists.md",
                                 "1. 하나\n2. 둘\n3. 셋\n"
                                 "\n---\n\n"
                                 "2019. Budget review\n2020. Outlook\n"
                                 "\n---\n\n"
                                 "2019. 13. x\n"
                                 "\n---\n\n"
                                 "2019. 2. 29. not a day\n"
                                 "\n---\n\n"
                                 "2019.\n"
                                 "\n---\n\n"
                                 "0999. 1. 2. x\n"
                                 "\n---\n\n"
                                 "2019) 6) 24) x\n", 0);
    if (!sect)
        return;
    const node *l = block(sect, 0);
    CHECK(l->kind == N_L && (l->flags & NF_ORDERED) && l->number == 1);
    CHECK(count_kind(l, N_LI) == 3 && is_text(item_para(l, 2), "셋"));
    l = block(sect, 2);
    CHECK(l->kind == N_L && l->number == 2019 && count_kind(l, N_LI) == 2);
    CHECK(is_text(item_para(l, 0), "Budget review") && child(l, 1)->number == 2020);
    l = block(sect, 4);   /* 13 is not a month */
    CHECK(l->kind == N_L && l->number == 2019 && count_kind(l, N_L) == 2);
    l = block(sect, 6);   /* 2019 has no 29 February */
    CHECK(l->kind == N_L && l->number == 2019 && count_kind(l, N_L) == 3);
    l = block(sect, 8);   /* a year alone */
    CHECK(l->kind == N_L && l->number == 2019);
    l = block(sect, 10);  /* not a plausible year */
    CHECK(l->kind == N_L && l->number == 999);
    l = block(sect, 12);  /* ')' lists */
    CHECK(l->kind == N_L && l->number == 2019 && count_kind(l, N_L) == 3);
    done(&r);
}

static void test_code_untouched(void)
{
    run r;
    const node *sect = load_body(&r, "code.md",
                                 "```\n2019. 6. 24. 코드\n- 2001. 1. 16. 제정\n```\n"
                                 "\n"
                                 "    2019. 6. 24. 들여쓴 코드\n"
                                 "\n"
                                 "2019. 6. 24. `2019. 6. 1.` 글\n", 0);
    if (!sect)
        return;
    const node *code = block(sect, 0);
    CHECK(code->kind == N_CODE && strcmp(code->text, "2019. 6. 24. 코드\n- 2001. 1. 16. 제정") == 0);
    code = block(sect, 1);
    CHECK(code->kind == N_CODE && strcmp(code->text, "2019. 6. 24. 들여쓴 코드") == 0);
    CHECK(is_text(block(sect, 2), "2019. 6. 24. 2019. 6. 1. 글"));
    done(&r);
}

/* The mark that stands for the year's '.' while cmark parses cannot be
 * written by an entity: &#31; stays a control character, dropped with a warning. */
static void test_date_mark_not_forged(void)
{
    run r;
    const node *sect = load_body(&r, "forged.md", "2019&#31; 6. 24. x\n", 1);
    if (!sect)
        return;
    CHECK(is_text(block(sect, 0), "2019 6. 24. x"));
    CHECK(said(&r, r.doc->root->first->pos.file, "6:1",
               "warning: control character U+001F dropped; controls are not text: remove it"));
    done(&r);
}

static void test_korean_date_grammar(void)
{
    static const struct { const char *s; size_t len; } cases[] = {
        {"2019. 6. 24. x", 12}, {"2019. 6. 24.(월)", 8}, {"2019. 6.", 8}, {"2019. 6.\nx", 8},
        {"2019. 12. 31.", 13}, {"2019.\t6.\t1.", 11}, {"2020. 2. 29.", 12}, {"1000. 1.", 8},
        {"2999. 1.", 8}, {"2019. 06. 05.", 13}, {"2019. 6. 24", 8}, {"2019. 6. 100. x", 8},
        {"2019. 13. 1.", 0}, {"2019. 0. 1.", 0}, {"2019. 2. 29.", 0}, {"2019. 4. 31.", 0},
        {"2019. 6. 0.", 0}, {"2019.", 0}, {"2019. ", 0}, {"2019. Budget", 0}, {"0999. 1.", 0},
        {"3000. 1.", 0}, {"219. 6.", 0}, {"20190. 6.", 0}, {"2019.6.", 0}, {"2019. 6.5", 0},
        {"2019. 6.x", 0}, {"2019) 6)", 0}, {"", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t got = input_korean_date(cases[i].s, strlen(cases[i].s));
        if (got != cases[i].len)
            printf("  \"%s\": %zu, want %zu\n", cases[i].s, got, cases[i].len);
        CHECK(got == cases[i].len);
    }
}

/* The kinds of n's children, as letters: T text, B break (at most 15). */
static const char *shape(const node *n)
{
    static char out[16];
    int i = 0;
    for (const node *c = n ? n->first : NULL; c && i < 15; c = c->next)
        out[i++] = c->kind == N_TEXT ? 'T' : c->kind == N_BREAK ? 'B' : '?';
    out[i] = '\0';
    return out;
}

/* <br> in a table cell (GitHub's way to break a line there) and in
 * running text: a line break, no warning, nothing of the tag in the text. */
static void test_br_is_a_line_break(void)
{
    run r;
    const node *sect = load_body(&r, "br.md",
                                 "| 구분 | 내용 |\n"
                                 "|---|---|\n"
                                 "| 일정 | 2019. 6. 24.<br>2019. 6. 25. |\n"
                                 "| b | a<BR/>b<br />c<br class=\"x\">d |\n"
                                 "| c | <br>앞<br> |\n"
                                 "\n"
                                 "첫 줄<br>\n"
                                 "둘째 줄\n"
                                 "\n"
                                 "<br>\n", 0);
    if (!sect)
        return;
    const node *table = block(sect, 0);
    CHECK(table->kind == N_TABLE);
    const node *rows = table ? child(table, 1) : NULL;
    const node *cell = child(child(rows, 0), 1);
    CHECK(cell && cell->kind == N_TD && strcmp(shape(cell), "TBT") == 0);
    CHECK(strcmp(child(cell, 0)->text, "2019. 6. 24.") == 0 &&
          strcmp(child(cell, 2)->text, "2019. 6. 25.") == 0);
    CHECK(child(cell, 1)->pos.line == 8 && child(cell, 1)->pos.col == 24);
    cell = child(child(rows, 1), 1);
    CHECK(strcmp(shape(cell), "TBTBTBT") == 0);
    cell = child(child(rows, 2), 1);   /* at a cell's edges a break breaks nothing */
    CHECK(strcmp(shape(cell), "T") == 0 && strcmp(cell->first->text, "앞") == 0);
    /* the line's end after <br> adds no space to the next line */
    const node *p = block(sect, 1);
    CHECK(p && p->kind == N_P && strcmp(shape(p), "TBT") == 0);
    CHECK(strcmp(child(p, 0)->text, "첫 줄") == 0 && strcmp(child(p, 2)->text, "둘째 줄") == 0);
    CHECK(block(sect, 2) == NULL);   /* <br> alone: nothing */
    done(&r);
}

/* Around other tags <br> still breaks, but the other tags are warned about;
 * inside a script it is nothing. */
static void test_br_among_other_html(void)
{
    run r;
    const node *sect = load_body(&r, "brhtml.md",
                                 "<p>블록<br>나뉨</p>\n"
                                 "\n"
                                 "앞 <script>x<br>y</script> 뒤\n", 2);
    if (!sect)
        return;
    CHECK(said(&r, r.doc->root->first->pos.file, "6:1",
               "warning: raw HTML is not rendered; tags dropped, their text kept"));
    CHECK(said(&r, r.doc->root->first->pos.file, "8:5",
               "warning: raw HTML <script> is not rendered; its content is left out"));
    const node *p = block(sect, 0);
    CHECK(p && strcmp(shape(p), "TBT") == 0 && strcmp(child(p, 2)->text, "나뉨") == 0);
    p = block(sect, 1);
    CHECK(count_kind(p, N_BREAK) == 0 && is_text(p, "앞  뒤"));
    done(&r);
}

int main(void)
{
    if (fixture_open("test_markdown") != 0)
        return 1;
    RUN(test_korean_date_grammar);
    RUN(test_dates_in_list_items_are_text);
    RUN(test_dates_in_paragraphs_are_text);
    RUN(test_dates_inside_containers);
    RUN(test_lists_stay_lists);
    RUN(test_code_untouched);
    RUN(test_date_mark_not_forged);
    RUN(test_br_is_a_line_break);
    RUN(test_br_among_other_html);
    remove_tree(tmpdir);
    return CHECK_DONE();
}
