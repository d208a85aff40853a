/* fcwatch.c — what fontconfig says while it works at start-up, and its
 * configuration loaded. fontconfig reports on stderr and goes on: running out
 * of memory, it says so ("out of memory", "cannot get parse buffer", a value
 * saved as <void>) and leaves a folder, a rule or a value out, so that the
 * fonts it finds are not the ones it would. While it loads its configuration,
 * scans the fonts folder and matches families (fonts.c), its stderr goes to
 * a file of the registry's (fc_listen), read once it returns (fc_heard). */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "text-private.h"

/* Did fontconfig load its own configuration file? When it cannot (missing,
 * unreadable, or it or a file it includes does not parse),
 * FcInitLoadConfigAndFonts says so on stderr and goes on with a fallback of
 * its own that finds whatever fonts it finds: then the file the
 * configuration names is not among those it loaded. */
static int config_loaded(FcConfig *fc)
{
    FcChar8 *main_file = FcConfigGetFilename(fc, NULL);
    FcStrList *files = main_file ? FcConfigGetConfigFiles(fc) : NULL;
    int found = 0;
    for (FcChar8 *f; files && (f = FcStrListNext(files));)
        found |= strcmp((const char *)f, (const char *)main_file) == 0;
    if (files)
        FcStrListDone(files);
    if (main_file)
        FcStrFree(main_file);
    return found;
}

int fc_listen(font_registry *r, diag *d)
{
    if (!r->fc_said && !(r->fc_said = tmpfile()))
        return diag_errno(d, (srcpos){0}, errno, "cannot make a temporary file");
    fflush(stderr);
    if (ftruncate(fileno(r->fc_said), 0) != 0 || fseek(r->fc_said, 0, SEEK_SET) != 0 ||
        (r->stderr_fd = dup(STDERR_FILENO)) < 0)
        return diag_errno(d, (srcpos){0}, errno, "cannot hear fontconfig");
    if (dup2(fileno(r->fc_said), STDERR_FILENO) < 0) {
        int e = errno;
        close(r->stderr_fd);
        r->stderr_fd = -1;
        return diag_errno(d, (srcpos){0}, e, "cannot hear fontconfig");
    }
    return 0;
}

/* stderr back; what fontconfig said since fc_listen kept (r->fc_text, for
 * fc_pass_on) and judged: nothing, or warnings only, 0; for want of memory,
 * -1 out of memory (reported); an error, 1. */
int fc_heard(font_registry *r, diag *d)
{
    fflush(stderr);
    dup2(r->stderr_fd, STDERR_FILENO);
    close(r->stderr_fd);
    r->stderr_fd = -1;
    long len = ftell(r->fc_said);
    size_t n = 0;
    if (len > 0 && fseek(r->fc_said, 0, SEEK_SET) == 0)
        n = fread(r->fc_text, 1, sizeof r->fc_text - 1, r->fc_said);
    r->fc_text[n] = 0;
    const char *t = r->fc_text;
    if (strstr(t, "out of memory") || strstr(t, "parse buffer") || strstr(t, "<void>"))
        return diag_oom(d);
    return strstr(t, "Fontconfig error") != NULL;
}

/* What fontconfig said, passed on to stderr as it said it. */
void fc_pass_on(const font_registry *r)
{
    fputs(r->fc_text, stderr);
}

/* fontconfig's configuration into r->fc: 0, or -1 reported. When it cannot
 * load its own (missing, or it or a file it includes does not parse, or
 * memory ran out while it read them), FcInitLoadConfigAndFonts goes on with
 * a fallback: a configuration that failed is loaded once more, and one that
 * loads then failed for want of memory. */
int fc_load_config(font_registry *r, diag *d)
{
    for (int attempt = 0;; attempt++) {
        if (fc_listen(r, d))
            return -1;
        alloc_watch_start();
        r->fc = FcInitLoadConfigAndFonts();
        if (alloc_watch_failed()) {   /* it went on with less: a rule, a folder left out */
            fc_heard(r, d);
            return diag_oom(d);
        }
        int loaded = r->fc && config_loaded(r->fc), heard = fc_heard(r, d);
        if (heard < 0)
            return -1;   /* out of memory, said */
        if (loaded && heard == 0) {
            if (attempt == 0) {
                fc_pass_on(r);   /* its warnings */
                return 0;
            }
            return diag_oom(d);   /* the first attempt's failure was memory's */
        }
        if (attempt == 1) {
            fc_pass_on(r);
            diag_system(d, (srcpos){0}, "fontconfig cannot load its configuration (its "
                        "messages above say why; FONTCONFIG_FILE names another): the fonts it "
                        "would find are not the system's");
            return -1;
        }
        if (r->fc)
            FcConfigDestroy(r->fc);
        r->fc = NULL;
    }
}

