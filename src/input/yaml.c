/* yaml.c — YAML text into a small tree of ynodes through libyaml's event API,
 * with positions in the real file. Aliases and anchors are refused (no
 * billion-laughs), nesting is bounded, only one document is read. */
#include <string.h>
#include <yaml.h>
#include "input-private.h"

enum { YAML_MAX_DEPTH = 32 };

static srcpos mark_pos(const char *file, int first_line, yaml_mark_t m)
{
    return (srcpos){file, (int)m.line + first_line, (int)m.column + 1};
}

static void add_child(ynode *parent, ynode *child)
{
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
    parent->count++;
}

int yaml_is_null(const ynode *n)
{
    if (!n || n->kind != Y_SCALAR || !n->plain)
        return 0;
    return n->text[0] == '\0' || strcmp(n->text, "~") == 0 ||
           strcmp(n->text, "null") == 0 || strcmp(n->text, "Null") == 0 ||
           strcmp(n->text, "NULL") == 0;
}

/* Does s[0..) match [-+]?digits (when sign) with at least one digit; where it ends in *end. */
static int digits(const char *s, const char **end)
{
    const char *p = s;
    while (input_is_digit(*p))
        p++;
    *end = p;
    return p > s;
}

const char *yaml_plain_type(const ynode *n)
{
    if (!n || n->kind != Y_SCALAR || !n->plain || !n->text[0])
        return NULL;
    static const char *const bools[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
    for (size_t i = 0; i < sizeof bools / sizeof *bools; i++)
        if (strcmp(n->text, bools[i]) == 0)
            return "a boolean";
    /* the YAML 1.2 core schema's numbers: 12, -3, 0o17, 0x1F, 1.5, .5, 6e3, .inf, .nan */
    const char *p = n->text, *e;
    if (p[0] == '0' && (p[1] == 'o' || p[1] == 'x') && p[2]) {
        for (e = p + 2; *e && (p[1] == 'o' ? *e >= '0' && *e <= '7' : input_hex_digit(*e) >= 0); e++)
            ;
        return *e ? NULL : "a number";
    }
    if (*p == '-' || *p == '+')
        p++;
    if (strcmp(p, ".inf") == 0 || strcmp(p, ".Inf") == 0 || strcmp(p, ".INF") == 0
        || strcmp(n->text, ".nan") == 0 || strcmp(n->text, ".NaN") == 0
        || strcmp(n->text, ".NAN") == 0)
        return "a number";
    int whole = digits(p, &e), frac = 0;
    if (*e == '.')
        frac = digits(e + 1, &e);
    if (!whole && !frac)
        return NULL;
    if (*e == 'e' || *e == 'E') {
        const char *x = e + 1 + (e[1] == '-' || e[1] == '+');
        if (!digits(x, &e))
            return NULL;
    }
    return *e ? NULL : "a number";
}

const char *yaml_kind_name(const ynode *n)
{
    switch (n->kind) {
    case Y_SEQ: return "a list";
    case Y_MAP: return "a mapping";
    default: return yaml_is_null(n) ? "empty" : "a string";
    }
}

/* The anchor of an event that can carry one, or NULL. */
static const unsigned char *event_anchor(const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT: return ev->data.scalar.anchor;
    case YAML_SEQUENCE_START_EVENT: return ev->data.sequence_start.anchor;
    case YAML_MAPPING_START_EVENT: return ev->data.mapping_start.anchor;
    default: return NULL;
    }
}

int yaml_load_tree(arena *a, const char *text, size_t len, const char *file,
                   int first_line, diag *d, ynode **root)
{
    yaml_parser_t parser;
    ynode *stack[YAML_MAX_DEPTH + 1];
    int depth = 0, documents = 0, failed = 0, done = 0;

    *root = NULL;
    if (!yaml_parser_initialize(&parser)) {
        diag_oom(d);
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);

    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            const char *problem = parser.problem ? parser.problem : "syntax error";
            if (parser.error == YAML_MEMORY_ERROR)
                diag_oom(d);
            else if (parser.context) {   /* "while scanning a quoted scalar": say where it began */
                srcpos from = mark_pos(file, first_line, parser.context_mark);
                diag_error(d, mark_pos(file, first_line, parser.problem_mark),
                           "YAML: %s %s (the one at line %d, column %d)", problem, parser.context,
                           from.line, from.col);
            }
            else
                diag_error(d, mark_pos(file, first_line, parser.problem_mark),
                           "YAML: %s", problem);
            failed = 1;
            break;
        }
        srcpos at = mark_pos(file, first_line, ev.start_mark);
        ynode *made = NULL;

        if (event_anchor(&ev)) {   /* one error, and no further reading: no alias bomb */
            diag_error(d, at, "YAML anchors (&%s) are not allowed: write the value out",
                       (const char *)event_anchor(&ev));
            failed = 1;
            done = 1;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1) {
                diag_error(d, at, "only one YAML document is allowed here");
                failed = 1;
                done = 1;
            }
            break;
        case YAML_ALIAS_EVENT:
            diag_error(d, at, "YAML aliases (*%s) are not allowed: write the value out",
                       (const char *)ev.data.alias.anchor);
            failed = 1;
            done = 1;
            /* stand in an empty scalar so the shape of the tree stays right */
            made = arena_alloc(a, sizeof *made);
            if (made) {
                made->kind = Y_SCALAR;
                made->text = "";
            }
            break;
        case YAML_SCALAR_EVENT:
            made = arena_alloc(a, sizeof *made);
            if (made) {
                made->kind = Y_SCALAR;
                made->text = arena_strndup(a, (const char *)ev.data.scalar.value,
                                           ev.data.scalar.length);
                made->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
                if (!made->text)
                    made = NULL;
            }
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            made = arena_alloc(a, sizeof *made);
            if (made)
                made->kind = ev.type == YAML_MAPPING_START_EVENT ? Y_MAP : Y_SEQ;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (depth > 0)
                depth--;
            break;
        default:
            break;
        }
        if ((ev.type == YAML_SCALAR_EVENT || ev.type == YAML_SEQUENCE_START_EVENT ||
             ev.type == YAML_MAPPING_START_EVENT || ev.type == YAML_ALIAS_EVENT) && !made) {
            diag_oom(d);
            failed = 1;
            done = 1;
        }
        if (made) {
            made->pos = at;
            if (depth > 0)
                add_child(stack[depth - 1], made);
            else if (!*root)
                *root = made;
            if (made->kind != Y_SCALAR) {
                if (depth == YAML_MAX_DEPTH) {
                    diag_error(d, at, "YAML nested more than %d levels deep", YAML_MAX_DEPTH);
                    failed = 1;
                    done = 1;
                } else {
                    stack[depth++] = made;
                }
            }
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return failed ? -1 : 0;
}
