/* mailblock.c — a manifest's `mail:` block: who the bulletin's message is
 * from (`from:`, one address; `reply-to:`, one) and to (`to:`, `cc:`,
 * `bcc:`, each one address or a list), checked into doc->mail. Every
 * address is an RFC 5322 mailbox (address.c says what is taken); each
 * problem is an error at the value that has it, all of them in one run. */
#include <string.h>
#include "input-private.h"

enum mail_key { MK_FROM, MK_TO, MK_CC, MK_BCC, MK_REPLY_TO, MK_COUNT };
static const char *const mail_key_names[MK_COUNT] = {"from", "to", "cc", "bcc", "reply-to"};

typedef struct block_reader {
    document *doc;
    diag *d;
    int failed;
} block_reader;

/* One address written at v (a string) into *out; 0, or -1 reported. */
static int read_address(block_reader *r, const char *key, const ynode *v, mail_address *out)
{
    if (v->kind != Y_SCALAR) {
        diag_error(r->d, v->pos, "each address in '%s' must be a string, not %s", key,
                   yaml_kind_name(v));
        return -1;
    }
    if (yaml_is_null(v) || !v->text[0]) {
        diag_error(r->d, v->pos, "empty address in '%s'", key);
        return -1;
    }
    return input_parse_address(v->text, r->doc->arena, out, NULL, v->pos, r->d);
}

/* The addresses of a key: one string, or a list of them. *n of them, in the
 * arena; the problems reported. */
static const mail_address *read_list(block_reader *r, const char *key, const ynode *v, int *n,
                                     int one)
{
    *n = 0;
    if (v->kind == Y_MAP || (one && v->kind == Y_SEQ)) {
        diag_error(r->d, v->pos, "'%s' must be %s, not %s", key,
                   one ? "one address" : "an address or a list of addresses", yaml_kind_name(v));
        r->failed = 1;
        return NULL;
    }
    int count = v->kind == Y_SEQ ? v->count : 1;
    if (count == 0) {
        diag_error(r->d, v->pos, "'%s' lists nothing", key);
        r->failed = 1;
        return NULL;
    }
    mail_address *list = arena_array(r->doc->arena, (size_t)count, sizeof *list);
    if (!list) {
        diag_oom(r->d);
        r->failed = 1;
        return NULL;
    }
    const ynode *e = v->kind == Y_SEQ ? v->first : v;
    for (; e && *n < count; e = v->kind == Y_SEQ ? e->next : NULL) {
        if (read_address(r, key, e, &list[*n]) != 0)
            r->failed = 1;
        else
            (*n)++;
    }
    return list;
}

/* A recipient named twice gets one copy: a warning at the second naming. */
static void warn_repeats(block_reader *r, const ynode *const at[MK_COUNT])
{
    const mail_parties *p = &r->doc->mail;
    struct { const mail_address *list; int n; enum mail_key key; } const lists[] = {
        {p->to, p->nto, MK_TO}, {p->cc, p->ncc, MK_CC}, {p->bcc, p->nbcc, MK_BCC},
    };
    for (int l = 0; l < 3; l++) {
        const ynode *v = at[lists[l].key];
        const ynode *e = v && v->kind == Y_SEQ ? v->first : v;
        for (int i = 0; i < lists[l].n && e; i++, e = v->kind == Y_SEQ ? e->next : NULL) {
            const char *first = NULL;
            for (int m = 0; m <= l && !first; m++)
                for (int j = 0; j < (m == l ? i : lists[m].n) && !first; j++)
                    if (strcmp(lists[l].list[i].addr, lists[m].list[j].addr) == 0)
                        first = mail_key_names[lists[m].key];
            if (first)
                diag_warning(r->d, e->pos, "%s is already a recipient (in '%s')",
                             lists[l].list[i].addr, first);
        }
    }
}

int manifest_read_mail(document *doc, const ynode *block, srcpos key_at, diag *d)
{
    block_reader r = {doc, d, 0};
    if (block->kind != Y_MAP) {
        diag_error(d, block->pos, "'mail' must be a mapping of from, to, cc, bcc and reply-to, "
                   "not %s", yaml_kind_name(block));
        return -1;
    }
    const ynode *at[MK_COUNT] = {0};
    for (const ynode *k = block->first; k && k->next; k = k->next->next) {
        const ynode *v = k->next;
        int key = 0;
        while (k->kind == Y_SCALAR && key < MK_COUNT && strcmp(k->text, mail_key_names[key]))
            key++;
        if (key == MK_COUNT) {
            char hint[96];
            const char *best = k->kind == Y_SCALAR ? name_nearest(k->text, mail_key_names,
                                                                  MK_COUNT) : NULL;
            diag_error(d, k->pos, "unknown key '%s' in 'mail'%s (from, to, cc, bcc, reply-to)",
                       k->kind == Y_SCALAR ? k->text : "?",
                       name_did_you_mean(best, hint, sizeof hint));
            r.failed = 1;
        } else if (at[key]) {
            diag_error(d, k->pos, "'%s' given twice in 'mail'", k->text);
            r.failed = 1;
        } else if (!yaml_is_null(v) && !(v->kind == Y_SCALAR && !v->text[0])) {
            at[key] = v;   /* an empty value is no value */
        }
    }
    mail_parties *p = &doc->mail;
    int one;
    if (at[MK_FROM] && (p->from = read_list(&r, "from", at[MK_FROM], &one, 1)) && !one)
        p->from = NULL;
    if (at[MK_REPLY_TO] &&
        (p->reply_to = read_list(&r, "reply-to", at[MK_REPLY_TO], &one, 1)) && !one)
        p->reply_to = NULL;
    if (at[MK_TO])
        p->to = read_list(&r, "to", at[MK_TO], &p->nto, 0);
    if (at[MK_CC])
        p->cc = read_list(&r, "cc", at[MK_CC], &p->ncc, 0);
    if (at[MK_BCC])
        p->bcc = read_list(&r, "bcc", at[MK_BCC], &p->nbcc, 0);
    if (!at[MK_FROM]) {
        diag_error(d, key_at, "'mail' has no 'from': add the sender's address "
                   "(from: \"Name <local@example.go.kr>\")");
        r.failed = 1;
    }
    if (!at[MK_TO] && !at[MK_CC] && !at[MK_BCC]) {
        diag_error(d, key_at, "'mail' names no recipient: add 'to' (or 'cc', 'bcc') with "
                   "one address or a list");
        r.failed = 1;
    }
    if (!r.failed)
        warn_repeats(&r, at);
    return r.failed ? -1 : 0;
}
