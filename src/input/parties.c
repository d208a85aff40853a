/* parties.c — who a message is from and to: a manifest's mail: block with
 * the command line's addresses over it. */
#include "input-private.h"

int input_check_mail_options(const mail_options *m, const char **option, char *why, size_t size)
{
    struct { const char *option; const char *const *list; int n; } const given[] = {
        {"--mail-from", &m->from, m->from != NULL},
        {"--mail-reply-to", &m->reply_to, m->reply_to != NULL},
        {"--mail-to", m->to, m->nto},
        {"--mail-cc", m->cc, m->ncc},
        {"--mail-bcc", m->bcc, m->nbcc},
    };
    for (size_t g = 0; g < sizeof given / sizeof *given; g++) {
        for (int i = 0; i < given[g].n; i++) {
            int rc = input_parse_address(given[g].list[i], NULL, NULL, why, size);
            if (rc != 0) {
                *option = given[g].option;
                return rc;
            }
        }
    }
    return 0;
}

/* n addresses of text parsed into an array in a (one when n is 0); NULL on OOM. */
static const mail_address *addresses(const char *const *text, int n, arena *a)
{
    mail_address *list = arena_array(a, (size_t)(n ? n : 1), sizeof *list);
    char why[256];
    for (int i = 0; list && i < n; i++)
        if (input_parse_address(text[i], a, &list[i], why, sizeof why) != 0)
            return NULL;   /* checked before: only memory can fail */
    return list;
}

int input_resolve_mail_parties(const document *doc, const mail_options *m, arena *a,
                         mail_parties *out)
{
    *out = doc->mail;
    if ((m->from && !(out->from = addresses(&m->from, 1, a))) ||
        (m->reply_to && !(out->reply_to = addresses(&m->reply_to, 1, a))))
        return -1;
    if (m->nto + m->ncc + m->nbcc == 0)
        return 0;
    out->nto = m->nto;
    out->ncc = m->ncc;
    out->nbcc = m->nbcc;
    return (out->to = addresses(m->to, m->nto, a)) && (out->cc = addresses(m->cc, m->ncc, a)) &&
           (out->bcc = addresses(m->bcc, m->nbcc, a)) ? 0 : -1;
}
