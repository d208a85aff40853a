/* diag.c — GCC-style diagnostics: "file:line:col: error: message". */
#include "util.h"

static void report(diag *d, srcpos at, const char *kind, const char *fmt, va_list ap)
{
    if (!d->out)
        return;
    if (at.file)
        fprintf(d->out, "%s:%d:%d: %s: ", at.file, at.line > 0 ? at.line : 1,
                at.col > 0 ? at.col : 1, kind);
    else
        fprintf(d->out, "bulletin: %s: ", kind);
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
}

void diag_error(diag *d, srcpos at, const char *fmt, ...)
{
    va_list ap;
    d->errors++;
    va_start(ap, fmt);
    report(d, at, "error", fmt, ap);
    va_end(ap);
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
