/* main.c — the command line: parse options, run input → layout → pdf, report,
 * and map the outcome to an exit code (0 written, 1 input error, 2 usage,
 * 3 system error). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/doc.h"
#include "input/input.h"
#include "layout/layout.h"
#include "mail/mail.h"
#include "pdf/pdf.h"
#include "text/text.h"
#include "util/util.h"

#ifndef BL_VERSION
#define BL_VERSION "0.0.0"
#endif
#ifndef BL_DATADIR
#define BL_DATADIR "/usr/local/share/bulletin"
#endif

enum { EXIT_WRITTEN = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

static const char usage_text[] =
    "usage: bulletin [options] MANIFEST.yaml\n"
    "       bulletin [options] RELEASE.md...\n"
    "Render a weekly bulletin or a yearly volume (a manifest), or Markdown press\n"
    "releases in the order given, into one tagged PDF.\n"
    "\n"
    "options:\n"
    "  -o FILE        output file (default: the manifest's or first release's name\n"
    "                 with .pdf, in the current folder)\n"
    "  -s STYLE       YAML style sheet, a file or a name from styles/ (print, digest,\n"
    "                 archive); default: the manifest's style, else print\n"
    "  --title TEXT   document title (default: the manifest's or first release's title)\n"
    "  --root DIR     paths inside the inputs (releases, images) resolve relative to the\n"
    "                 file that names them and must stay inside DIR (default: .)\n"
    "  --strict       treat warnings as errors\n"
    "  --max-release-size SIZE\n"
    "                 refuse a release whose Markdown file is larger than SIZE\n"
    "                 bytes, with k or M (1024, 1024 * 1024) after the number:\n"
    "                 512k, 64M (default: %zuM)\n"
    "  -j N           threads: with 2 or more, pages are written into the PDF on a\n"
    "                 thread of their own while layout goes on (the same bytes as\n"
    "                 -j 1); default: the number of processors\n"
    "  --mail FILE    also write the bulletin as an e-mail message (RFC 5322, MIME):\n"
    "                 a summary in plain text and HTML, the PDF attached byte for\n"
    "                 byte; the PDF and FILE are both written or neither. Send it\n"
    "                 with 'msmtp -t < FILE' or 'sendmail -t < FILE'\n"
    "  --mail-from ADDR, --mail-reply-to ADDR\n"
    "                 the sender, the address replies go to (over the manifest's\n"
    "                 mail: block); ADDR is local@domain or 'Name <local@domain>'\n"
    "  --mail-to ADDR, --mail-cc ADDR, --mail-bcc ADDR\n"
    "                 a recipient, each option once per address; any of them\n"
    "                 replaces all of the manifest's recipients\n"
    "  -q             quiet: no warnings\n"
    "  -v             verbose: report progress and figures\n"
    "  --help         show this help\n"
    "  --version      show the version\n"
    "\n"
    "environment: SOURCE_DATE_EPOCH (seconds since 1970) sets every date in the PDF;\n"
    "without it they are the newest release date, 00:00 UTC, so the same inputs\n"
    "give the same bytes;\n"
    "BULLETIN_FONTS names the font-set folder (default: fonts/ beside the program).\n"
    "\n"
    "exit status: 0 written (warnings allowed), 1 input error (nothing written),\n"
    "2 usage error (also an output that names an input or a folder), 3 system error\n"
    "(I/O: an output folder missing or not writable, a full disk; memory). On any error\n"
    "an older file at the output path is left as it was.\n";

typedef struct options {
    const char *output, *style, *title, *root, *jobs;
    const char *max_release;          /* --max-release-size as given */
    size_t max_release_bytes;         /* and read (0: the input module's default) */
    int strict, quiet, verbose;
    char **inputs;
    int ninputs;
    mail_options mail;   /* --mail and the addresses given with it */
} options;

static int usage_error(const char *fmt, const char *arg)
{
    fputs("bulletin: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'bulletin --help'.\n", stderr);
    return EXIT_USAGE;
}

/* The --mail-* options need --mail, and each address must be one. -1 when
 * they are fine, else the exit code (reported). */
static int check_mail_options(const mail_options *m, diag *d)
{
    const char *set = m->from ? "--mail-from" : m->reply_to ? "--mail-reply-to"
                    : m->nto ? "--mail-to" : m->ncc ? "--mail-cc" : m->nbcc ? "--mail-bcc" : NULL;
    if (set && !m->file)
        return usage_error("%s needs --mail FILE.eml (the message to write)", set);
    if (input_check_mail_options(m, d) == 0)
        return -1;
    if (d->kind != ERR_INPUT)
        return EXIT_SYSTEM;   /* out of memory */
    if (d->out)
        fputs("Try 'bulletin --help'.\n", d->out);
    return EXIT_USAGE;
}

/* A size in bytes as --max-release-size takes it: digits, then k or K
 * (KiB) or M (MiB). 0, or -1 when s is not one (or is 0, or too large). */
static int parse_size(const char *s, size_t *bytes)
{
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    char *end;
    unsigned long long n = strtoull(s, &end, 10);
    unsigned shift = 0;
    if (*end == 'k' || *end == 'K')
        shift = 10, end++;
    else if (*end == 'M')
        shift = 20, end++;
    if (*end || errno || n == 0 || n > (SIZE_MAX >> shift) / 2)
        return -1;
    *bytes = (size_t)n << shift;
    return 0;
}

/* Options may come before or after the inputs; "--" ends them. o->inputs
 * reuses argv's slots (compacted in place). Returns -1 when parsing
 * succeeded, else the exit code to leave with. */
static int parse_options(int argc, char **argv, options *o, diag *d)
{
    int ninputs = 0, only_inputs = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_inputs || a[0] != '-' || a[1] == 0) {
            argv[1 + ninputs++] = argv[i];
            continue;
        }
        const char **value = NULL;
        if (strcmp(a, "--") == 0)
            only_inputs = 1;
        else if (strcmp(a, "-o") == 0)
            value = &o->output;
        else if (strcmp(a, "-s") == 0)
            value = &o->style;
        else if (strcmp(a, "--title") == 0)
            value = &o->title;
        else if (strcmp(a, "--root") == 0)
            value = &o->root;
        else if (strcmp(a, "-j") == 0)
            value = &o->jobs;
        else if (strcmp(a, "--max-release-size") == 0)
            value = &o->max_release;
        else if (strcmp(a, "--mail") == 0)
            value = &o->mail.file;
        else if (strcmp(a, "--mail-from") == 0)
            value = &o->mail.from;
        else if (strcmp(a, "--mail-reply-to") == 0)
            value = &o->mail.reply_to;
        else if (strcmp(a, "--mail-to") == 0)
            value = &o->mail.to[o->mail.nto++];
        else if (strcmp(a, "--mail-cc") == 0)
            value = &o->mail.cc[o->mail.ncc++];
        else if (strcmp(a, "--mail-bcc") == 0)
            value = &o->mail.bcc[o->mail.nbcc++];
        else if (strncmp(a, "-j", 2) == 0)   /* -j2, as make takes it */
            o->jobs = a + 2;
        else if (strcmp(a, "--strict") == 0)
            o->strict = 1;
        else if (strcmp(a, "-q") == 0)
            o->quiet = 1;
        else if (strcmp(a, "-v") == 0)
            o->verbose = 1;
        else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            printf(usage_text, INPUT_MAX_RELEASE_BYTES >> 20);   /* its one % */
            return EXIT_WRITTEN;
        } else if (strcmp(a, "--version") == 0) {
            printf("bulletin %s\n", BL_VERSION);
            return EXIT_WRITTEN;
        } else
            return usage_error("unknown option '%s'", a);
        if (value) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", a);
            *value = argv[++i];
            if (!**value)
                return usage_error("option '%s' needs a non-empty value", a);
        }
    }
    if (o->jobs) {
        char *end;
        long j = strtol(o->jobs, &end, 10);
        if (*end || j < 1 || j > 1024)
            return usage_error("-j wants a number of threads from 1 to 1024, not '%s'", o->jobs);
    }
    if (o->max_release && parse_size(o->max_release, &o->max_release_bytes))
        return usage_error("--max-release-size wants a size in bytes, with k or M after it "
                           "(512k, 64M), not '%s'", o->max_release);
    int rc = check_mail_options(&o->mail, d);
    if (rc >= 0)
        return rc;
    o->inputs = argv + 1;
    o->ninputs = ninputs;
    if (o->ninputs == 0)
        return usage_error("%s", "no input files");
    int manifests = 0;
    for (int i = 0; i < ninputs; i++)
        manifests += input_is_manifest_name(o->inputs[i]);
    if (manifests && ninputs > 1)
        return usage_error("%s", manifests > 1 ? "one manifest at a time"
                                               : "a manifest and .md files on one command line: "
                                                 "list the releases in the manifest");
    return -1;
}

/* The default output: the first input's file name with .pdf, in the current folder. */
static char *default_output(const char *input)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    size_t n = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        n = (size_t)(dot - base);
    char *out = malloc(n + 5);
    if (out) {
        memcpy(out, base, n);
        memcpy(out + n, ".pdf", 5);
    }
    return out;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The data folder holding fonts/ and styles/: in a source tree the folder
 * above the program's (build/bulletin, build/asan/bulletin → ./fonts); for an
 * installed (or relocated) program PREFIX/share/bulletin beside its bin/;
 * else the share folder compiled in. */
static void data_dir(char *out, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            static const char *const up[] = {"/..", "/../..", "/../share/bulletin"};
            for (size_t i = 0; i < sizeof up / sizeof *up; i++) {
                char probe[PATH_MAX + 32];
                int len = snprintf(probe, sizeof probe, "%s%s/fonts/myeongjo.fontset", exe, up[i]);
                if (len > 0 && (size_t)len < sizeof probe && is_file(probe) &&
                    (size_t)snprintf(out, size, "%s%s", exe, up[i]) < size)
                    return;
            }
        }
    }
    snprintf(out, size, "%s", BL_DATADIR);
}

/* -s NAME: a file path, or NAME.yaml in the styles folder; *named: it was a
 * name (no file of that name exists). */
static const char *find_style(const char *spec, const char *data, char *buf, size_t size,
                              int *named)
{
    *named = 0;
    if (is_file(spec) || strchr(spec, '/'))
        return spec;
    *named = 1;
    int n = snprintf(buf, size, "%s/styles/%s.yaml", data, spec);
    return n > 0 && (size_t)n < size && is_file(buf) ? buf : spec;   /* never a cut path */
}

/* The style: -s, else the manifest's (its name checked at its position), else
 * the compiled-in default. 0 ok, -1 reported. */
static int load_style(const char *spec, srcpos at, const char *data, style *st, arena *a,
                      diag *d)
{
    char buf[PATH_MAX + 32];
    int named;
    style_default(st);
    if (!spec)
        return 0;
    const char *path = find_style(spec, data, buf, sizeof buf, &named);
    if (at.file && named && path == spec) {
        diag_error(d, at, "no style named '%s' (the styles are in %s/styles)", spec, data);
        return -1;
    }
    return input_load_style(path, st, a, d);
}

/* Would writing output replace one of the input files (releases, style sheet)? */
static int names_an_input(const char *output, const options *o, const char *style_path)
{
    struct stat out, in;
    if (stat(output, &out) != 0)
        return 0;
    for (int i = 0; i < o->ninputs; i++)
        if (stat(o->inputs[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
            return 1;
    return style_path && stat(style_path, &in) == 0 && in.st_dev == out.st_dev &&
           in.st_ino == out.st_ino;
}

/* SOURCE_DATE_EPOCH: *have 1 and *epoch when it is set. 0, or -1 reported
 * when it is not a number of seconds. */
static int source_date_epoch(diag *d, long long *epoch, int *have)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    *have = 0;
    if (!s || !*s)
        return 0;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0 || v > 253402300799LL) {
        diag_error(d, (srcpos){0}, "SOURCE_DATE_EPOCH is not a number of seconds: '%s'", s);
        return -1;
    }
    *epoch = v;
    *have = 1;
    return 0;
}

/* Seconds since 1970 at 00:00 UTC of a YYYY-MM-DD date (proleptic Gregorian,
 * days_from_civil); the input stage has checked the form. */
static long long date_epoch(const char *date)
{
    long long y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (era * 146097 + doe - 719468) * 86400;
}

/* The PDF's dates: SOURCE_DATE_EPOCH, else the newest date among the inputs
 * (the manifest's and the releases'), so that rendering the same inputs again
 * gives the same bytes. */
static long long document_epoch(const document *doc, long long sde, int have_sde)
{
    if (have_sde)
        return sde;
    const char *newest = doc->date && strlen(doc->date) == 10 ? doc->date : NULL;
    for (int i = 0; i < doc->nreleases; i++) {
        const char *date = doc->releases[i]->date;
        if (date && strlen(date) == 10 && (!newest || strcmp(date, newest) > 0))
            newest = date;   /* YYYY-MM-DD sorts as text */
    }
    return newest ? date_epoch(newest) : 0;
}

/* Threads to use: -j, else one per processor. */
static int job_count(const options *o)
{
    if (o->jobs)
        return atoi(o->jobs);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 1 ? (int)(n < 1024 ? n : 1024) : 1;
}

/* Messages of the PDF stage's thread, kept aside while layout's print and
 * added after them (so that no two threads write one stream). */
typedef struct side_diag {
    diag d;
    char *text;
    size_t len, shown;
} side_diag;

static void side_flush(side_diag *s, diag *to)
{
    if (!s->d.out)
        return;
    fflush(s->d.out);
    if (to->out && s->len > s->shown)
        fwrite(s->text + s->shown, 1, s->len - s->shown, to->out);
    s->shown = s->len;
    diag_merge(to, &s->d);   /* counts and kind */
    s->d.errors = s->d.warnings = 0;
}

/* The last of the writer's messages over to `to`, and the stream closed. */
static void side_close(side_diag *s, diag *to)
{
    side_flush(s, to);
    if (s->d.out)
        fclose(s->d.out);
    free(s->text);
}

/* --mail FILE: not a folder, not an input, not the PDF. 0, or -1 reported. */
static int check_mail_file(const options *o, const char *output, const char *style_path,
                           diag *d)
{
    const char *file = o->mail.file;
    struct stat a, b;
    if (is_dir(file))
        diag_error(d, (srcpos){0}, "the message '%s' is a folder: name a file (--mail FILE.eml)",
                   file);
    else if (names_an_input(file, o, style_path))
        diag_error(d, (srcpos){0}, "the message '%s' is one of the inputs", file);
    else if (strcmp(file, output) == 0 || (stat(file, &a) == 0 && stat(output, &b) == 0 &&
                                           a.st_dev == b.st_dev && a.st_ino == b.st_ino))
        diag_error(d, (srcpos){0}, "--mail '%s' names the PDF itself: give the message a file "
                   "of its own (FILE.eml)", file);
    else
        return 0;
    return -1;
}

/* Are the message's sender or recipients missing? Then 1, reported. */
static int mail_parties_missing(const mail_parties *p, diag *d)
{
    int recipients = p->nto + p->ncc + p->nbcc > 0;
    if (p->from && recipients)
        return 0;
    if (!p->from && !recipients)
        diag_error(d, (srcpos){0}, "--mail: the message has no sender and no recipient: add a "
                   "'mail:' block to the manifest (from:, to:) or give --mail-from ADDR and "
                   "--mail-to ADDR");
    else
        diag_error(d, (srcpos){0}, "--mail: the message has no %s: add '%s' to the manifest's "
                   "'mail:' block or give %s", p->from ? "recipient" : "sender",
                   p->from ? "to:" : "from:", p->from ? "--mail-to ADDR" : "--mail-from ADDR");
    return 1;
}

/* The message of the PDF now at staged[0]: composed, written to staged[1],
 * then both put in place (output, file). 0, or -1 reported. */
static int write_message(mail_input *mi, const char *output, const char *file,
                         char *staged[2], diag *d)
{
    char *pdf;
    size_t len;
    if (read_file(staged[0], &pdf, &len) != 0)
        return diag_errno(d, (srcpos){0}, errno, "cannot read back %s", staged[0]);
    const char *base = strrchr(output, '/');
    mi->pdf = (const unsigned char *)pdf;
    mi->pdf_len = len;
    mi->pdf_name = base ? base + 1 : output;
    buf msg = {0};
    int rc = -1;
    const char *const targets[2] = {output, file};
    if (mail_compose(mi, &msg, d) == 0 && staged_write(staged[1], file, msg.data, msg.len, d) == 0 &&
        staged_commit(staged, targets, 2, d) == 0) {
        diag_info(d, "wrote %s (%zu bytes)", file, msg.len);
        free(staged[0]);
        free(staged[1]);
        staged[0] = staged[1] = NULL;   /* in place: nothing to take away */
        rc = 0;
    }
    buf_free(&msg);
    free(pdf);
    return rc;
}

/* What a failed run exits with (it was reported): the gravest kind its
 * diag recorded — the input's fault 1, the machine's or ours 3. */
static int failure_status(diag *d)
{
    switch (d->kind) {
    case ERR_INPUT:
        return EXIT_INPUT;
    case ERR_SYSTEM:
    case ERR_INTERNAL:
        return EXIT_SYSTEM;
    case ERR_NONE:
        break;
    }
    diag_internal(d, "a step failed without saying why");   /* never silence */
    return EXIT_SYSTEM;
}

/* A hook for tests, and nothing else: called once start-up is over — the
 * style read, the fonts opened and every font chain the style can need
 * resolved, after which nothing calls fontconfig or FreeType again — before
 * the releases are read (a manifest is read first: it names the style). The
 * program does not define it: a test does (tests/oom/forksweep.c, preloaded)
 * to learn where start-up ends, e.g. to make allocations fail only after it.
 * A weak reference: without a definition it is NULL. */
extern void bl_startup_done(void) __attribute__((weak));

/* Start-up: the style, then the fonts — every chain the style can need
 * resolved through fontconfig once, the registry sealed — and the
 * typesetter. Run once the style is known, before the releases are read. */
typedef struct startup {
    const options *o;
    const char *data;          /* the data folder (styles/, fonts/) */
    arena *arena;              /* the document's: the style's strings */
    style *st;
    diag *d;
    int ran;                   /* start-up ran (failed or not) */
    font_registry *fonts;      /* NULL: start-up failed (reported) or has not run */
    typesetter *ts;
} startup;

static void start_up(startup *s, const char *sheet, srcpos sheet_at)
{
    char fontsbuf[PATH_MAX + 16];
    s->ran = 1;
    if (s->o->style) {
        sheet = s->o->style;
        sheet_at = (srcpos){0};   /* -s wins over the manifest's */
    }
    if (uchar_setup(s->d) != 0 || load_style(sheet, sheet_at, s->data, s->st, s->arena, s->d))
        return;
    const char *fonts_dir = getenv("BULLETIN_FONTS");
    if (!fonts_dir || !*fonts_dir) {
        snprintf(fontsbuf, sizeof fontsbuf, "%s/fonts", s->data);
        fonts_dir = fontsbuf;
    }
    font_registry *fonts = font_registry_new(fonts_dir, s->d);
    if (fonts && layout_resolve_fonts(fonts, s->st, s->d) == 0 &&
        (s->ts = typesetter_new(s->d))) {
        font_registry_seal(fonts);
        s->fonts = fonts;
        if (bl_startup_done)
            bl_startup_done();
        return;
    }
    font_registry_free(fonts);
}

static void manifest_style_known(void *ctx, const char *style, srcpos style_at)
{
    start_up(ctx, style, style_at);
}

/* Lay doc out and write it at output (with --mail, the message too). 0, or
 * -1 reported. */
static int render(const options *o, document *doc, style *st, const startup *su,
                  const mail_parties *parties, long long epoch, const char *output, diag *d)
{
    int jobs = job_count(o);
    pdf_options po = {
        .title = doc->title,
        .lang = doc->lang,
        .author = doc->author,
        .creator = "bulletin " BL_VERSION,
        .epoch = epoch,
        .compress = 1,
        .threads = jobs,
        .images = &st->images,
        .embed_sources = st->embed_sources,
        .embed_images = st->embed_images,
    };
    /* pages are written as layout finishes them (on a thread of their own
     * with -j 2 or more); the file only at the end */
    side_diag side = {.d = diag_child(d)};
    side.d.out = NULL;
    int threaded = jobs > 1 && (side.d.out = open_memstream(&side.text, &side.len));
    diag *pd = threaded ? &side.d : d;
    pdf_doc *pdf = pdf_open(doc, &po, pd);
    page_pipe *pipe = NULL;
    if (!pdf) {
        side_close(&side, d);
        return -1;
    }
    page_sink direct = pdf_page_sink(pdf);
    if (threaded && !(pipe = page_pipe_new(&direct, d)))
        threaded = 0;   /* no thread to be had: the same work on this one */
    page_sink sink = pipe ? page_pipe_sink(pipe) : direct;
    display dl;
    int laid = layout_document_to(doc, st, su->fonts, su->ts, d, &sink, &dl) == 0;
    if (page_pipe_free(pipe) < 0)
        laid = 0;
    side_flush(&side, d);   /* the writer's warnings count for --strict */
    if (laid)
        diag_info(d, "laid out %d releases on %d pages (%zu KiB of model and layout)",
                  doc->nreleases, dl.npages, arena_bytes(doc->arena) / 1024);
    if (laid && o->strict && d->warnings) {
        diag_error(d, (srcpos){0}, "%d warning%s treated as errors (--strict)", d->warnings,
                   d->warnings == 1 ? "" : "s");
        laid = 0;
    }
    /* with --mail, the PDF goes to a file beside its target until the
     * message is written too; then both are put in place */
    char *staged[2] = {NULL, NULL};
    int ready = laid && (!o->mail.file || ((staged[0] = staged_reserve(output, d)) &&
                                           (staged[1] = staged_reserve(o->mail.file, d))));
    int rc = pdf_close(pdf, ready ? &dl : NULL, staged[0] ? staged[0] : output);
    side_close(&side, d);
    if (!ready)
        rc = -1;   /* reported: by layout, --strict or staging */
    if (rc == 0 && o->mail.file) {
        mail_input mi = {.doc = doc, .dl = &dl, .parties = parties, .epoch = epoch};
        rc = write_message(&mi, output, o->mail.file, staged, d);
    }
    staged_discard(staged[0]);
    staged_discard(staged[1]);
    if (rc == 0) {
        size_t hits, misses;
        typesetter_cache_stats(su->ts, &hits, &misses);
        diag_info(d, "wrote %s (%d pages; shaping cache %zu hits, %zu misses)", output,
                  dl.npages, hits, misses);
    }
    return rc;
}

/* The exit code of the run o asks for: usage errors (2) found here, where
 * the options meet the files; anything else from what the diag recorded. */
static int run(const options *o, diag *d)
{
    char data[PATH_MAX], stylebuf[PATH_MAX + 32];
    style st;

    data_dir(data, sizeof data);
    long long sde = 0;
    int have_sde = 0;
    if (source_date_epoch(d, &sde, &have_sde) != 0)
        return EXIT_USAGE;
    const char *root = o->root ? o->root : ".";
    if (!is_dir(root)) {
        diag_error(d, (srcpos){0}, "--root '%s' is not a folder", root);
        return EXIT_USAGE;
    }
    char *output = o->output ? strdup(o->output) : default_output(o->inputs[0]);
    if (!output) {
        diag_oom(d);
        return EXIT_SYSTEM;
    }
    int named;
    const char *style_path = o->style ? find_style(o->style, data, stylebuf, sizeof stylebuf,
                                                   &named) : NULL;
    int usage = 1;
    if (names_an_input(output, o, style_path))
        diag_error(d, (srcpos){0}, "the output '%s' is one of the inputs", output);
    else if (is_dir(output))
        diag_error(d, (srcpos){0}, "the output '%s' is a folder: name a file (-o FILE.pdf)", output);
    else if (!o->mail.file || check_mail_file(o, output, style_path, d) == 0)
        usage = 0;
    if (usage) {
        free(output);
        return EXIT_USAGE;
    }

    int rc = -1, usage_error = 0;
    document *doc = doc_new();
    strmap *images = strmap_new();
    startup su = {.o = o, .data = data, .st = &st, .d = d};
    if (!doc || !images) {
        diag_oom(d);
        goto done;
    }
    su.arena = doc->arena;
    input_options in = {.root = root, .max_release_bytes = o->max_release_bytes,
                        .title_level = 1, .image_cache = images,
                        .style_known = manifest_style_known, .style_ctx = &su};
    if (input_is_manifest_name(o->inputs[0])) {
        const char *named = NULL;
        srcpos named_at = {0};
        input_load_manifest(doc, o->inputs[0], &in, d, &named, &named_at);
        if (!su.ran && d->kind == ERR_NONE)   /* not called: the manifest was not read */
            start_up(&su, NULL, (srcpos){0});
    } else {
        start_up(&su, NULL, (srcpos){0});
        for (int i = 0; i < o->ninputs && su.fonts && d->kind < ERR_SYSTEM; i++)
            input_load_release(doc, o->inputs[i], &in, d); /* reports; keep going to report all */
    }
    if (!su.fonts || d->kind != ERR_NONE)
        goto done;
    if (o->title)
        doc->title = o->title;
    if (!doc->title || !doc->lang) {
        diag_error(d, (srcpos){0}, "no release to render");
        goto done;
    }
    if (input_add_index(doc, &st, d) != 0)
        goto done;
    doc_number(doc);
    mail_parties parties = {0};
    if (o->mail.file && (input_resolve_mail_parties(doc, &o->mail, doc->arena, &parties, d) != 0 ||
                         mail_parties_missing(&parties, d))) {
        usage_error = d->kind == ERR_INPUT;   /* --mail without a sender or a recipient */
        goto done;
    }

    rc = render(o, doc, &st, &su, &parties, document_epoch(doc, sde, have_sde), output, d);
done:
    free(output);
    strmap_free(images);
    typesetter_free(su.ts);
    font_registry_free(su.fonts);
    doc_free(doc);
    return rc == 0 ? EXIT_WRITTEN : usage_error ? EXIT_USAGE : failure_status(d);
}

int main(int argc, char **argv)
{
    diag d = {.out = stderr};
    diag_oom_exit_register(&d);   /* for cmark-gfm's allocator (input/markdown.c) */
    options o = {0};
    const char **slots = calloc(3 * (size_t)argc, sizeof *slots);   /* --mail-to, -cc, -bcc */
    if (!slots) {
        diag_oom(&d);
        return EXIT_SYSTEM;
    }
    o.mail.to = slots;
    o.mail.cc = slots + argc;
    o.mail.bcc = slots + 2 * argc;
    int rc = parse_options(argc, argv, &o, &d);
    if (rc < 0) {
        d.quiet = o.quiet;
        d.verbose = o.verbose;
        rc = run(&o, &d);
    }
    free(slots);
    return rc;
}
