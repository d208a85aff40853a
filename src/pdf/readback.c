/* readback.c — the inputs' bytes read again by the writer (images to embed,
 * sources to carry inside the PDF): exactly the bytes the input stage read
 * and checked, or an error that says the file went or changed since. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pdf-private.h"

unsigned char *pdfw_read_checked(diag *d, srcpos at, const char *what, const char *path,
                                 size_t bytes, uint64_t hash)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOMEM)
            diag_oom(d);
        else
            diag_error(d, at, "%s: it can no longer be read: %s", what, strerror(errno));
        return NULL;
    }
    struct stat st;
    unsigned char *data = malloc(bytes ? bytes : 1);
    int same = data && fstat(fileno(f), &st) == 0 && (unsigned long long)st.st_size == bytes
               && fread(data, 1, bytes, f) == bytes && getc(f) == EOF
               && fnv1a(data, bytes, FNV1A_INIT) == hash;
    fclose(f);
    if (!same) {
        if (data)
            diag_error(d, at, "%s: the file changed after it was checked; render again", what);
        else
            diag_oom(d);
        free(data);
        return NULL;
    }
    return data;
}
