/* fuzz_image.c — libFuzzer target: arbitrary bytes as an image file, through
 * every path that reads untrusted image bytes: the input stage's facts and
 * damage check (image_read_facts: PNG chunk walk, JPEG marker walk, EXIF),
 * and, for what it accepts, the PDF stage's stream making (image_encode:
 * IDAT inflation, libpng and libjpeg decoding under setjmp, CMYK conversion,
 * the box filter, the Flate and JPEG encoders) at the stored size or smaller,
 * chosen by the input's length. A PNG goes through twice: as it is, and with
 * its chunk CRCs made right, so that mutations inside chunks reach the
 * decoders instead of stopping at the CRC check. Build and run: make fuzz-image. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "input/input-private.h"
#include "pdf/pdf-private.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void facts_and_streams(const unsigned char *data, size_t size)
{
    image_info info;
    diag d = {0};   /* counted, not printed */
    const image_check ck = {"image", "fuzz", {0}, &d};
    if (image_read_facts(data, size, &info, &ck) != 0)
        return;
    int w = info.width, h = info.height;
    if (size % 3 == 1) {          /* half size: the box filter, JPEG scaled decoding */
        w = (w + 1) / 2;
        h = (h + 1) / 2;
    } else if (size % 3 == 2) {   /* a thumbnail: uneven boxes */
        w = w / 7 + 1;
        h = h / 7 + 1;
    }
    image_data out;
    image_report r = {.d = &d, .name = "fuzz"};
    image_encode(&info, data, size, w, h, 75, &out, &r);
    image_data_free(&out);
}

/* A copy of a PNG with every whole chunk's CRC recomputed; NULL for others. */
static unsigned char *with_right_crcs(const unsigned char *data, size_t size)
{
    if (size < 8 || memcmp(data, "\x89PNG\r\n\x1A\n", 8) != 0)
        return NULL;
    unsigned char *copy = malloc(size);
    if (!copy)
        return NULL;
    memcpy(copy, data, size);
    for (size_t off = 8; size - off >= 12;) {
        uint32_t n = (uint32_t)copy[off] << 24 | (uint32_t)copy[off + 1] << 16
                     | (uint32_t)copy[off + 2] << 8 | copy[off + 3];
        if (n > size - off - 12)
            break;
        uint32_t crc = (uint32_t)crc32(crc32(0, NULL, 0), copy + off + 4, n + 4);
        for (int k = 0; k < 4; k++)
            copy[off + 8 + n + k] = (unsigned char)(crc >> (24 - 8 * k));
        off += 12 + (size_t)n;
    }
    return copy;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    facts_and_streams(data, size);
    unsigned char *fixed = with_right_crcs(data, size);
    if (fixed) {
        facts_and_streams(fixed, size);
        free(fixed);
    }
    return 0;
}
