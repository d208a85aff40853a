/* diag.c — GCC-style diagnostics: "file:line:col: error: message". File
 * names and quoted input may hold control characters: they are written as
 * \xHH, so no input can move the cursor or recolour the user's terminal.
 * Each error records its kind, the gravest sticky (util.h); out of memory is
 * said once and is the last thing said. */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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
    if (!d->out || d->oom)   /* out of memory was the last word: what follows is its echo */
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

static void report_printf(diag *d, srcpos at, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report_printf(diag *d, srcpos at, const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(d, at, kind, fmt, ap);
    va_end(ap);
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
    if (!d->out || d->oom)
        return;
    fputs("bulletin: internal error: ", d->out);
    va_start(ap, fmt);
    vfprintf(d->out, fmt, ap);
    va_end(ap);
    fputc('\n', d->out);
}

/* Memory is the process's: "out of memory" is said once by whichever diag
 * reports it first (a release's, another thread's, main's). */
static atomic_int oom_said;

int diag_oom(diag *d)
{
    record(d, ERR_SYSTEM);
    if (d->out && !d->oom && !atomic_exchange(&oom_said, 1))
        fputs("bulletin: error: out of memory\n", d->out);
    d->oom = 1;
    return -1;
}

int diag_errno(diag *d, srcpos at, int err, const char *fmt, ...)
{
    if (err == ENOMEM)
        return diag_oom(d);
    /* what names a file wrongly, or one the user may not read, is the input's */
    static const int input_errs[] = {ENOENT, ENOTDIR, EISDIR, EACCES, EPERM, ELOOP,
                                     ENAMETOOLONG, ENXIO, ENODEV, EFBIG};
    enum err_kind k = ERR_SYSTEM;
    for (size_t i = 0; i < sizeof input_errs / sizeof *input_errs; i++)
        if (err == input_errs[i])
            k = ERR_INPUT;
    record(d, k);
    char what[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    report_printf(d, at, "error", "%s: %s", what, strerror(err));
    return -1;
}

diag diag_child(const diag *parent)
{
    return (diag){.out = parent->out, .quiet = parent->quiet, .verbose = parent->verbose,
                  .oom = parent->oom};
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

static diag *oom_exit_diag;

void diag_oom_exit_register(diag *d)
{
    oom_exit_diag = d;
}

void diag_oom_exit(void)
{
    static const char message[] = "bulletin: error: out of memory\n";
    if (oom_exit_diag) {
        diag_oom(oom_exit_diag);
        if (oom_exit_diag->out)
            fflush(oom_exit_diag->out);
    } else if (!atomic_exchange(&oom_said, 1) &&
               write(STDERR_FILENO, message, sizeof message - 1) < 0) {
        ;   /* nowhere left to say it */
    }
    _exit(3);   /* no atexit handler runs on a heap that just failed */
}
