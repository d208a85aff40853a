/* save.c — the finished document onto disk without ever leaving a partial
 * file: serialised (serialize.c) straight into path.tmpXXXXXX beside the
 * target with every write, the fsync and the close checked, then renamed over it. On
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

int pdf_save_file(pdf_objs *o, pdf_streams *s, diag *d, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        diag_system(d, (srcpos){0}, "the output %s is a folder: name a file (-o FILE.pdf)", path);
        return -1;
    }
    size_t n = strlen(path);
    char *tmp = malloc(n + 12);
    if (!tmp)
        return diag_oom(d);
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmpXXXXXX", 11);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        diag_system(d, (srcpos){0}, "cannot create a temporary file beside %s: %s (is the"
                    " folder there and writable?)", path, strerror(errno));
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
        diag_system(d, (srcpos){0}, "cannot set the mode of %s: %s", tmp, strerror(errno));
    } else if (pdfw_serialize(o, s, d, fd, path) < 0) {
        ;   /* reported */
    } else if (fsync(fd) < 0) {
        diag_system(d, (srcpos){0}, "cannot flush %s to disk: %s; the file there was left as"
                    " it was", path, strerror(errno));
    } else {
        rc = 0;
    }
    if (close(fd) < 0 && rc == 0) {
        diag_system(d, (srcpos){0}, "cannot write %s: %s; the file there was left as it was",
                    path, strerror(errno));
        rc = -1;
    }
    if (rc == 0 && rename(tmp, path) < 0) {
        diag_system(d, (srcpos){0}, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
        rc = -1;
    }
    if (rc < 0)
        unlink(tmp);
    free(tmp);
    return rc;
}
