/* save.c — the finished document onto disk without ever leaving a partial
 * file: serialised straight into path.tmpXXXXXX beside the target with every
 * write, the fsync and the close checked, then renamed over it. On
 * any failure the temporary file is removed and what was at the path stays. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdf-private.h"

int pdfw_write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            if (k == 0)
                errno = EIO;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* libharu's serialiser writes through this into the file, in big writes. */
typedef struct file_sink {
    int fd;
    int err;                      /* errno of the first failed write */
    size_t len;
    unsigned char data[1 << 16];
} file_sink;

static int sink_flush(file_sink *k)
{
    if (k->len && !k->err && pdfw_write_all(k->fd, k->data, k->len) < 0)
        k->err = errno ? errno : EIO;
    k->len = 0;
    return k->err ? -1 : 0;
}

static HPDF_STATUS sink_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
    file_sink *k = s->attr;
    if (k->len + n > sizeof k->data && sink_flush(k) < 0)
        return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, (HPDF_STATUS)k->err);
    if (n >= sizeof k->data) {
        if (pdfw_write_all(k->fd, p, n) < 0) {
            k->err = errno ? errno : EIO;
            return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, (HPDF_STATUS)k->err);
        }
        return HPDF_OK;
    }
    memcpy(k->data + k->len, p, n);
    k->len += n;
    return HPDF_OK;
}

/* The finished document into the open file fd, serialised straight into it
 * (libharu's own file writer never checks fclose, so a full disk could cut
 * the tail off the file unseen: every write here is checked). 0 ok; -1
 * reported. */
static int write_document(pdf_writer *w, int fd, const char *path)
{
    file_sink *k = malloc(sizeof *k);
    if (!k)
        return -1;
    k->fd = fd;
    k->err = 0;
    k->len = 0;
    HPDF_Stream s = HPDF_CallbackWriter_New(w->pdf->mmgr, sink_write, k);
    if (!s) {
        free(k);
        return -1;
    }
    HPDF_Stream_Free(w->pdf->stream);   /* a stream of its own, if libharu made one */
    w->pdf->stream = s;
    int rc = HPDF_SaveToStream(w->pdf) == HPDF_OK && sink_flush(k) == 0 ? 0 : -1;
    if (rc < 0 && k->err) {
        diag_error(w->d, (srcpos){0}, "cannot write %s: %s; the file there was left as it was",
                   path, strerror(k->err));
        w->reported = 1;
    }
    w->pdf->stream = NULL;   /* the sink dies here, not with the document */
    HPDF_Stream_Free(s);
    free(k);
    return rc;   /* else libharu's error: report_failure says it */
}

int pdf_save_file(pdf_writer *w, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        diag_error(w->d, (srcpos){0}, "the output %s is a folder: name a file (-o FILE.pdf)", path);
        w->reported = 1;
        return -1;
    }
    size_t n = strlen(path);
    char *tmp = malloc(n + 12);
    if (!tmp)
        return -1;
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmpXXXXXX", 11);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        diag_error(w->d, (srcpos){0}, "cannot create a temporary file beside %s: %s (is the"
                   " folder there and writable?)", path, strerror(errno));
        w->reported = 1;
        free(tmp);
        return -1;
    }
    /* mkstemp makes the file 0600: give it the target's mode, or the usual one */
    mode_t mode;
    if (stat(path, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(022);
        umask(mask);
        mode = 0666 & ~mask;
    }
    int rc = -1;
    if (fchmod(fd, mode) < 0) {
        diag_error(w->d, (srcpos){0}, "cannot set the mode of %s: %s", tmp, strerror(errno));
        w->reported = 1;
    } else if (write_document(w, fd, path) < 0) {
        ;   /* reported, or left to report_failure */
    } else if (fsync(fd) < 0) {
        diag_error(w->d, (srcpos){0}, "cannot flush %s to disk: %s; the file there was left as"
                   " it was", path, strerror(errno));
        w->reported = 1;
    } else {
        rc = 0;
    }
    if (close(fd) < 0 && rc == 0) {
        diag_error(w->d, (srcpos){0}, "cannot write %s: %s; the file there was left as it was",
                   path, strerror(errno));
        w->reported = 1;
        rc = -1;
    }
    if (rc == 0 && rename(tmp, path) < 0) {
        diag_error(w->d, (srcpos){0}, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
        w->reported = 1;
        rc = -1;
    }
    if (rc < 0)
        unlink(tmp);
    free(tmp);
    return rc;
}
