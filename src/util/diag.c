/* diag.c — GCC-style diagnostics: "file:line:col: error: message". File
 * names and quoted input may hold control characters: they are written as
 * \xHH, so no input can move the cursor or recolour the user's terminal. */
#include <stdlib.h>
#include "util.h"

/* s to out with C0, DEL and (UTF-8) C1 controls escaped. */
static void put_escaped(FILE *out, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    for (; *u; u++) {
        if (*u < 0x20 || *u == 0x7F)
            fprintf(out, "\\x%02X", *u);
        else if (*u == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F)
            fprintf(out, "\\u%04X", *++u);
        else
            fputc(*u, out);
    }
}

static void report(diag *d, srcpos at, const char *kind, const char *fmt, va_list ap)
{
    if (!d->out)
        return;
    if (at.file) {
        put_escaped(d->out, at.file);
        fprintf(d->out, ":%d:%d: %s: ", at.line > 0 ? at.line : 1, at.col > 0 ? at.col : 1, kind);
    } else {
        fprintf(d->out, "bulletin: %s: ", kind);
    }
    char small[512], *msg = small;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= (int)sizeof small && (msg = malloc((size_t)n + 1)) != NULL)
        vsnprintf(msg, (size_t)n + 1, fmt, again);
    va_end(again);
    put_escaped(d->out, msg ? msg : small);   /* cut short when out of memory */
    if (msg != small)
        free(msg);
    fputc('\n', d->out);
}

/* Record an error of kind k: the gravest stays (internal > system > input). */
static void record(diag *d, enum err_kind k)
{
    d->errors++;
    if (k > d->kind)
        d->kind = k;
}

void diag_error(diag *d, srcpos at, const char *fmt, ...)
{
    va_list ap;
    record(d, ERR_INPUT);
    va_start(ap, fmt);
    report(d, at, "error", fmt, ap);
    va_end(ap);
}

void diag_system(diag *d, srcpos at, const char *fmt, ...)
{
    va_list ap;
    record(d, ERR_SYSTEM);
    va_start(ap, fmt);
    report(d, at, "error", fmt, ap);
    va_end(ap);
}

void diag_internal(diag *d, const char *fmt, ...)
{
    va_list ap;
    record(d, ERR_INTERNAL);
    if (!d->out)
        return;
    fputs("bulletin: internal error: ", d->out);
    va_start(ap, fmt);
    vfprintf(d->out, fmt, ap);
    va_end(ap);
    fputc('\n', d->out);
}

int diag_oom(diag *d)
{
    record(d, ERR_SYSTEM);
    if (d->out && !d->oom)
        fputs("bulletin: error: out of memory\n", d->out);
    d->oom = 1;
    return -1;
}

void diag_merge(diag *d, const diag *side)
{
    d->errors += side->errors;
    d->warnings += side->warnings;
    if (side->kind > d->kind)
        d->kind = side->kind;
    d->oom |= side->oom;
}

void diag_warning(diag *d, srcpos at, const char *fmt, ...)
{
    va_list ap;
    d->warnings++;
    if (d->quiet)
        return;
    va_start(ap, fmt);
    report(d, at, "warning", fmt, ap);
    va_end(ap);
}

void diag_info(diag *d, const char *fmt, ...)
{
    va_list ap;
    if (!d->verbose || !d->out)
        return;
    fputs("bulletin: ", d->out);
    va_start(ap, fmt);
    vfprintf(d->out, fmt, ap);
    va_end(ap);
    fputc('\n', d->out);
}
