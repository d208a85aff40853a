/* failwrite.c — an LD_PRELOAD shim for the output tests (tests/bad/output.sh
 * builds it): a full disk and an unwritable folder without mounting anything
 * or dropping root. Only files whose name holds ".tmp" (bulletin's temporary
 * output) are touched:
 *   FAILWRITE_AFTER=N    writes fail with ENOSPC once N bytes went through;
 *   FAILWRITE_FSYNC=1    fsync fails with EIO;
 *   FAILWRITE_CREATE=1   mkstemp fails with EACCES. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long long written;

/* Is fd bulletin's temporary output file? */
static int is_tmp_output(int fd)
{
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0)
        return 0;
    target[n] = 0;
    return strstr(target, ".tmp") != NULL;
}

ssize_t write(int fd, const void *buf, size_t count)
{
    static ssize_t (*real_write)(int, const void *, size_t);
    if (!real_write)
        real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    const char *after = getenv("FAILWRITE_AFTER");
    if (after && is_tmp_output(fd)) {
        long long limit = atoll(after);
        if (written >= limit) {
            errno = ENOSPC;
            return -1;
        }
        if (written + (long long)count > limit)
            count = (size_t)(limit - written);   /* a short write, then ENOSPC */
        written += (long long)count;
    }
    return real_write(fd, buf, count);
}

int fsync(int fd)
{
    static int (*real_fsync)(int);
    if (!real_fsync)
        real_fsync = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    if (getenv("FAILWRITE_FSYNC") && is_tmp_output(fd)) {
        errno = EIO;
        return -1;
    }
    return real_fsync(fd);
}

int mkstemp(char *template)
{
    static int (*real_mkstemp)(char *);
    if (!real_mkstemp)
        real_mkstemp = (int (*)(char *))dlsym(RTLD_NEXT, "mkstemp");
    if (getenv("FAILWRITE_CREATE")) {
        errno = EACCES;
        return -1;
    }
    return real_mkstemp(template);
}
