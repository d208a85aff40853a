/* parties.c — who a message is from and to: a manifest's mail: block with
 * the command line's addresses over it. */
#include "input-private.h"

int input_check_mail_options(const mail_options *m, diag *d)
{
    struct { const char *option; const char *const *list; int n; } const given[] = {
        {"--mail-from", &m->from, m->from != NULL},
        {"--mail-reply-to", &m->reply_to, m->reply_to != NULL},
        {"--mail-to", m->to, m->nto},
        {"--mail-cc", m->cc, m->ncc},
        {"--mail-bcc", m->bcc, m->nbcc},
    };
    for (size_t g = 0; g < sizeof given / sizeof *given; g++)
        for (int i = 0; i < given[g].n; i++)
            if (input_parse_address(given[g].list[i], NULL, NULL, given[g].option, (srcpos){0},
                                    d) != 0)
                return -1;
    return 0;
}

/* n addresses of text (options, checked before) parsed into an array in a
 * (one when n is 0); NULL reported. */
static const mail_address *addresses(const char *option, const char *const *text, int n,
                                     arena *a, diag *d)
{
    mail_address *list = arena_array(a, (size_t)(n ? n : 1), sizeof *list);
    if (!list) {
        diag_oom(d);
        return NULL;
    }
    for (int i = 0; i < n; i++)
        if (input_parse_address(text[i], a, &list[i], option, (srcpos){0}, d) != 0)
            return NULL;
    return list;
}

int input_resolve_mail_parties(const document *doc, const mail_options *m, arena *a,
                               mail_parties *out, diag *d)
{
    *out = doc->mail;
    if ((m->from && !(out->from = addresses("--mail-from", &m->from, 1, a, d))) ||
        (m->reply_to && !(out->reply_to = addresses("--mail-reply-to", &m->reply_to, 1, a, d))))
        return -1;
    if (m->nto + m->ncc + m->nbcc == 0)
        return 0;
    out->nto = m->nto;
    out->ncc = m->ncc;
    out->nbcc = m->nbcc;
    return (out->to = addresses("--mail-to", m->to, m->nto, a, d)) &&
           (out->cc = addresses("--mail-cc", m->cc, m->ncc, a, d)) &&
           (out->bcc = addresses("--mail-bcc", m->bcc, m->nbcc, a, d)) ? 0 : -1;
}
