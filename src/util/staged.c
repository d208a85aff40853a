/* staged.c — outputs that appear together or not at all: each is written to
 * a temporary file beside its target (PATH.tmpXXXXXX, the target's mode,
 * every write, the fsync and the close checked) and all are renamed over
 * their targets only when every one is complete. Should a rename fail after
 * others were done, those are put back (the old files were kept as hard
 * links until then), so a failure leaves every old file as it was. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"

int staged_create(const char *path, char **tmp, diag *d)
{
    size_t n = strlen(path);
    if (!(*tmp = malloc(n + 11)))
        return diag_oom(d);
    memcpy(*tmp, path, n);
    memcpy(*tmp + n, ".tmpXXXXXX", 11);
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        diag_system(d, (srcpos){0}, "cannot create a temporary file beside %s: %s (is the folder "
                   "there and writable?)", path, strerror(errno));
        free(*tmp);
        *tmp = NULL;
        return -1;
    }
    /* mkstemp makes the file 0600: give it the target's mode, or the usual one */
    struct stat st;
    mode_t mode;
    if (stat(path, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(022);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (fchmod(fd, mode) < 0) {
        diag_system(d, (srcpos){0}, "cannot set the mode of %s: %s", *tmp, strerror(errno));
        close(fd);
        staged_discard(*tmp);
        *tmp = NULL;
        return -1;
    }
    return fd;
}

char *staged_reserve(const char *path, diag *d)
{
    char *tmp;
    int fd = staged_create(path, &tmp, d);
    if (fd < 0)
        return NULL;
    if (close(fd) < 0) {
        diag_system(d, (srcpos){0}, "cannot prepare %s: %s", tmp, strerror(errno));
        staged_discard(tmp);
        return NULL;
    }
    return tmp;
}

int write_all(int fd, const void *data, size_t n)
{
    const unsigned char *p = data;
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

int staged_write(const char *tmp, const char *path, const void *data, size_t n, diag *d)
{
    int fd = open(tmp, O_WRONLY | O_TRUNC | O_CLOEXEC);
    int err = fd < 0 ? errno : 0;
    if (!err && write_all(fd, data, n) < 0)
        err = errno;
    if (!err && fsync(fd) < 0)
        err = errno;
    if (fd >= 0 && close(fd) < 0 && !err)
        err = errno;
    if (err) {
        diag_system(d, (srcpos){0}, "cannot write %s: %s; the file there was left as it was", path,
                   strerror(err));
        return -1;
    }
    return 0;
}

void staged_discard(char *tmp)
{
    if (tmp)
        unlink(tmp);
    free(tmp);
}

int staged_commit(char *const *tmp, const char *const *path, int n, diag *d)
{
    char **backup = calloc((size_t)n, sizeof *backup);
    int *existed = calloc((size_t)n, sizeof *existed);
    if (!backup || !existed) {
        free(backup);
        free(existed);
        return diag_oom(d);
    }
    /* the old files, kept under a second name until every rename is done */
    for (int i = 0; i < n; i++) {
        size_t len = strlen(tmp[i]);
        existed[i] = access(path[i], F_OK) == 0;
        if (!existed[i] || !(backup[i] = malloc(len + 5)))
            continue;
        memcpy(backup[i], tmp[i], len);
        memcpy(backup[i] + len, ".old", 5);
        if (link(path[i], backup[i]) != 0) {   /* no hard links there: no way back */
            free(backup[i]);
            backup[i] = NULL;
        }
    }
    int done = 0, rc = 0;
    for (; done < n; done++)
        if (rename(tmp[done], path[done]) != 0) {
            diag_system(d, (srcpos){0}, "cannot rename %s to %s: %s", tmp[done], path[done],
                       strerror(errno));
            rc = -1;
            break;
        }
    for (int i = 0; i < n; i++) {
        /* on failure: the old file back, or the new one away where there was none */
        if (rc < 0 && i < done &&
            (backup[i] ? rename(backup[i], path[i]) : existed[i] ? 0 : unlink(path[i])) != 0)
            diag_system(d, (srcpos){0}, "cannot restore %s: %s", path[i], strerror(errno));
        if (backup[i])
            unlink(backup[i]);
        free(backup[i]);
    }
    free(backup);
    free(existed);
    return rc;
}
