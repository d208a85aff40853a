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

int pdf_save_file(pdf_objs *o, pdf_streams *s, diag *d, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        diag_system(d, (srcpos){0}, "the output %s is a folder: name a file (-o FILE.pdf)", path);
        return -1;
    }
    char *tmp;
    int fd = staged_create(path, &tmp, d);
    if (fd < 0)
        return -1;
    int rc = -1;
    if (pdfw_serialize(o, s, d, fd, path) < 0) {
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
