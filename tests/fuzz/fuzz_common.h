/* fuzz_common.h — what the libFuzzer targets share: the input bytes written
 * to a file of this process's own (the loaders read paths, not memory). */
#ifndef BULLETIN_FUZZ_COMMON_H
#define BULLETIN_FUZZ_COMMON_H
#include <stdio.h>
#include <unistd.h>

/* A path /tmp/fuzz-NAME-PID.EXT in out[size]. */
static inline void fuzz_path(char *out, size_t size, const char *name, const char *ext)
{
    snprintf(out, size, "/tmp/fuzz-%s-%d.%s", name, (int)getpid(), ext);
}

/* Write n bytes to path; 0 ok, -1 when the file could not be written. */
static inline int fuzz_write(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(data, 1, n, f) == n;
    return fclose(f) == 0 && ok ? 0 : -1;
}

#endif
