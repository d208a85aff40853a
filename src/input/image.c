/* image.c — what an image file is, decided once for the whole program: the
 * format (PNG or JPEG; any other format named in the refusal), the pixel size
 * within the pixel limit, colour type and components, bit depth, interlace,
 * alpha and tRNS, the JPEG colour space with Adobe inversion, progressive
 * coding and the EXIF orientation. Damage is found without decoding: PNG
 * chunks are walked to IEND with their CRCs, JPEG markers to EOI. The facts
 * go into an image_info (doc.h) that layout places and pdf/ embeds; nothing
 * later sniffs the file again. Each file is checked once per document
 * (input_checked_image), whoever names it: a release or a manifest. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <png.h>
#include <zlib.h>
#include "input-private.h"

/* The limits on an image, in one place. A header is refused by them before
 * any pixel is allocated anywhere. */
enum {
    MAX_IMAGE_SIDE = 20000,        /* pixels a side */
    MAX_JPEG_SCANS = 1000,         /* a progressive JPEG has about 10 */
};
#define MAX_IMAGE_PIXELS 50000000.0
#define MAX_INK_PIXELS 16000000.0   /* a logo's transparent margins are looked for up to this */
#define MAX_IMAGE_BYTES ((size_t)256 << 20)

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Say what is wrong with the image ck checks, as "cannot use WHAT 'NAME':
 * ..." at its position (an input error); returns -1 for "return fail(...)". */
static int fail(const image_check *ck, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(const image_check *ck, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    diag_error(ck->d, ck->at, "cannot use %s '%s': %s", ck->what, ck->name, what);
    return -1;
}

static int within_limits(int w, int h, const image_check *ck)
{
    if (w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE || (double)w * h > MAX_IMAGE_PIXELS)
        return fail(ck, "it is %d x %d pixels, over the limit of %d pixels a side and "
                    "%.0f megapixels; scale it down", w, h, MAX_IMAGE_SIDE, MAX_IMAGE_PIXELS / 1e6);
    return 0;
}

/* ---- PNG ---------------------------------------------------------------- */

static int png_header(const unsigned char *c, image_info *info, const image_check *ck)
{
    uint32_t w = be32(c), h = be32(c + 4);
    int bits = c[8], type = c[9];
    int bits_ok = type == 0 ? (bits == 1 || bits == 2 || bits == 4 || bits == 8 || bits == 16)
                : type == 3 ? (bits == 1 || bits == 2 || bits == 4 || bits == 8)
                : (type == 2 || type == 4 || type == 6) ? (bits == 8 || bits == 16) : 0;
    if (w == 0 || h == 0 || w > 0x7fffffffu || h > 0x7fffffffu)
        return fail(ck, "damaged PNG: the header gives a size of %lu x %lu pixels",
                    (unsigned long)w, (unsigned long)h);
    if (!bits_ok || c[10] != 0 || c[11] != 0 || c[12] > 1)
        return fail(ck, "damaged PNG: the header is not valid (colour type %d, %d bits)",
                    type, bits);
    if (w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE)   /* before the int conversion */
        return fail(ck, "it is %lu x %lu pixels, over the limit of %d pixels a side; "
                    "scale it down", (unsigned long)w, (unsigned long)h, MAX_IMAGE_SIDE);
    if (within_limits((int)w, (int)h, ck) < 0)
        return -1;
    info->format = IMAGE_PNG;
    info->width = info->view_w = (int)w;
    info->height = info->view_h = (int)h;
    info->bits = bits;
    info->color = type == 3 ? IMAGE_PALETTE : (type & 2) ? IMAGE_RGB : IMAGE_GRAY;
    info->components = (type & 2) && type != 3 ? 3 : 1;
    info->flags = (type & 4 ? IMAGE_ALPHA : 0) | (c[12] ? IMAGE_INTERLACED : 0);
    info->orientation = 1;
    return 0;
}

/* Walk the chunks after the signature: IHDR first, every CRC right, PLTE
 * where a palette needs one, IDAT in one run, IEND at the end. */
static int png_facts(const unsigned char *d, size_t len, image_info *info, const image_check *ck)
{
    size_t off = 8;
    unsigned plte = 0;   /* palette entries */
    int idat = 0, after_idat = 0;
    for (int first = 1;; first = 0) {
        if (len - off < 12)
            return fail(ck, "damaged PNG: the file ends early, with no IEND chunk "
                        "(truncated?); export the image again");
        uint32_t clen = be32(d + off);
        const unsigned char *type = d + off + 4, *data = d + off + 8;
        if (clen > 0x7fffffffu || len - off - 12 < clen)
            return fail(ck, "damaged PNG: the chunk at byte %zu runs past the end of the "
                        "file (truncated?); export the image again", off);
        for (int k = 0; k < 4; k++)
            if (!input_is_alpha((char)type[k]))
                return fail(ck, "damaged PNG: no chunk name at byte %zu; export the "
                            "image again", off);
        if (crc32(crc32(0, NULL, 0), type, clen + 4) != be32(data + clen))
            return fail(ck, "damaged PNG: the %.4s chunk at byte %zu fails its CRC "
                        "check; export the image again", (const char *)type, off);
        int is_idat = memcmp(type, "IDAT", 4) == 0;
        if (first != (memcmp(type, "IHDR", 4) == 0))
            return fail(ck, "damaged PNG: %s", first ? "it does not start with an IHDR "
                        "chunk" : "a second IHDR chunk");
        if (first) {
            if (clen != 13)
                return fail(ck, "damaged PNG: the IHDR chunk has %lu bytes, not 13",
                            (unsigned long)clen);
            if (png_header(data, info, ck) < 0)
                return -1;
        } else if (memcmp(type, "PLTE", 4) == 0) {
            /* in a grey or RGB image a palette is a hint, ignored as libpng does */
            unsigned entries = clen / 3;
            if (info->color == IMAGE_PALETTE
                && (plte || idat || clen % 3 || entries == 0 || entries > 256))
                return fail(ck, "damaged PNG: a palette (PLTE) that does not fit the "
                            "image; export the image again");
            if (info->color == IMAGE_PALETTE)
                plte = entries;
        } else if (memcmp(type, "tRNS", 4) == 0) {
            /* as libpng: a tRNS that does not fit the colour type is ignored */
            if (!idat && ((info->color == IMAGE_PALETTE && clen >= 1 && clen <= plte)
                          || (info->color == IMAGE_GRAY && !(info->flags & IMAGE_ALPHA) && clen == 2)
                          || (info->color == IMAGE_RGB && !(info->flags & IMAGE_ALPHA) && clen == 6)))
                info->flags |= IMAGE_TRNS;
        } else if (is_idat) {
            if (info->color == IMAGE_PALETTE && !plte)
                return fail(ck, "damaged PNG: a palette image without a palette (PLTE); "
                            "export the image again");
            if (after_idat)
                return fail(ck, "damaged PNG: the image data (IDAT) is split by other "
                            "chunks; export the image again");
            idat = 1;
        } else if (memcmp(type, "IEND", 4) == 0) {
            if (!idat)
                return fail(ck, "damaged PNG: no image data (IDAT chunk)");
            return 0;
        } else if (type[0] >= 'A' && type[0] <= 'Z') {
            return fail(ck, "the PNG needs its %.4s chunk understood, and no PNG reader "
                        "here knows it; save the image again as a standard PNG",
                        (const char *)type);
        }
        after_idat |= idat && !is_idat;
        off += 12 + (size_t)clen;
    }
}

/* ---- JPEG --------------------------------------------------------------- */

/* The orientation (1..8) from an APP1 Exif segment, 1 when absent or odd. */
static int exif_orientation(const unsigned char *p, size_t n)
{
    if (n < 14 || memcmp(p, "Exif\0\0", 6) != 0)
        return 1;
    p += 6;
    n -= 6;
    int le = p[0] == 'I' && p[1] == 'I';
    if (!le && !(p[0] == 'M' && p[1] == 'M'))
        return 1;
#define U16(q) (le ? (unsigned)(q)[0] | (unsigned)(q)[1] << 8 : be16(q))
#define U32(q) (le ? (uint32_t)(q)[0] | (uint32_t)(q)[1] << 8 | (uint32_t)(q)[2] << 16 \
                       | (uint32_t)(q)[3] << 24 : be32(q))
    if (U16(p + 2) != 42)
        return 1;
    uint32_t ifd = U32(p + 4);
    if (ifd >= n || n - ifd < 2)
        return 1;
    size_t count = U16(p + ifd), room = (n - ifd - 2) / 12;
    for (size_t i = 0; i < count && i < room; i++) {
        const unsigned char *e = p + ifd + 2 + 12 * i;
        if (U16(e) == 0x0112 && U16(e + 2) == 3 && U32(e + 4) >= 1) {
            unsigned v = U16(e + 8);
            return v >= 1 && v <= 8 ? (int)v : 1;
        }
    }
#undef U16
#undef U32
    return 1;
}

/* The frame header: size, precision, components and their sampling. */
static int jpeg_frame(const unsigned char *s, size_t n, int marker, image_info *info,
                      const image_check *ck)
{
    if (n < 6 || n < 6 + 3 * (size_t)s[5])
        return fail(ck, "damaged JPEG: a short frame header; export the image again");
    int bits = s[0], h = (int)be16(s + 1), w = (int)be16(s + 3), comps = s[5];
    if (bits != 8)
        return fail(ck, "it is a %d-bit JPEG, and PDF readers show only 8-bit ones; save "
                    "it again as an ordinary (8-bit) JPEG", bits);
    if (h == 0)
        return fail(ck, "the JPEG gives its height only after the image data (a DNL "
                    "marker), which PDF readers do not follow; save it again");
    if (w == 0)
        return fail(ck, "damaged JPEG: the frame header gives a width of 0");
    if (comps != 1 && comps != 3 && comps != 4)
        return fail(ck, "the JPEG has %d colour components; only grey (1), RGB (3) and "
                    "CMYK (4) can be used: save it again as RGB", comps);
    for (int c = 0; c < comps; c++) {
        int hs = s[7 + 3 * c] >> 4, vs = s[7 + 3 * c] & 15;
        if (hs < 1 || hs > 4 || vs < 1 || vs > 4)
            return fail(ck, "damaged JPEG: a component with sampling %dx%d", hs, vs);
    }
    if (within_limits(w, h, ck) < 0)
        return -1;
    info->format = IMAGE_JPEG;
    info->width = w;
    info->height = h;
    info->components = comps;
    info->bits = 8;
    info->color = comps == 1 ? IMAGE_GRAY : comps == 3 ? IMAGE_RGB : IMAGE_CMYK;
    if (marker == 0xC2)
        info->flags |= IMAGE_PROGRESSIVE;
    return 0;
}

/* Why a frame type PDF readers do not all decode is refused; NULL when fine. */
static const char *jpeg_unsupported(int m)
{
    if (m == 0xC3 || m == 0xC7 || m == 0xCB || m == 0xCF)
        return "lossless";
    if (m >= 0xC9 && m <= 0xCF)
        return "arithmetic";
    if (m >= 0xC5 && m <= 0xC7)
        return "hierarchical";
    return NULL;
}

/* After a scan header: skip the entropy-coded data to the next marker. */
static size_t skip_entropy(const unsigned char *d, size_t len, size_t off)
{
    for (;;) {
        const unsigned char *ff = memchr(d + off, 0xFF, len - off);
        if (!ff)
            return len;
        off = (size_t)(ff - d);
        if (off + 1 >= len)
            return len;
        unsigned char next = d[off + 1];
        if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7))
            return off;
        off += next == 0xFF ? 1 : 2;   /* FF FF: fill before a marker */
    }
}

/* Walk the JPEG segments from after SOI to EOI. */
static int jpeg_facts(const unsigned char *d, size_t len, image_info *info,
                      const image_check *ck)
{
    size_t off = 2;
    int frame = 0, scans = 0, adobe = 0, orientation = 1;
    for (;;) {
        if (off >= len)
            return fail(ck, "damaged JPEG: the file ends early, with no end-of-image "
                        "marker (truncated?); export the image again");
        if (d[off] != 0xFF)
            return fail(ck, "damaged JPEG: no marker at byte %zu; export the image "
                        "again", off);
        while (off < len && d[off] == 0xFF)
            off++;
        if (off >= len)
            continue;
        int m = d[off++];
        if (m == 0xD9)
            break;
        if (m == 0xD8 || m == 0x00)
            return fail(ck, "damaged JPEG: a misplaced marker at byte %zu; export the "
                        "image again", off - 2);
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue;   /* markers without a length */
        if (len - off < 2 || be16(d + off) < 2 || len - off < be16(d + off))
            return fail(ck, "damaged JPEG: the segment at byte %zu runs past the end of "
                        "the file (truncated?); export the image again", off - 2);
        const unsigned char *s = d + off + 2;
        size_t n = be16(d + off) - 2;
        const char *how = jpeg_unsupported(m);
        if (how)
            return fail(ck, "the JPEG uses %s coding, which PDF readers do not all show; "
                        "save it again as a baseline or progressive JPEG", how);
        if (m == 0xC0 || m == 0xC1 || m == 0xC2) {
            if (frame++)
                return fail(ck, "damaged JPEG: two frame headers");
            if (jpeg_frame(s, n, m, info, ck) < 0)
                return -1;
        } else if (m == 0xE1) {   /* the first Exif orientation other than 1 counts */
            if (orientation == 1)
                orientation = exif_orientation(s, n);
        } else if (m == 0xEE) {
            adobe |= n >= 12 && memcmp(s, "Adobe", 5) == 0;
        } else if (m == 0xDA) {
            if (!frame)
                return fail(ck, "damaged JPEG: image data before the frame header");
            if (++scans > MAX_JPEG_SCANS)
                return fail(ck, "the JPEG has more than %d scans; save it again",
                            MAX_JPEG_SCANS);
            off = skip_entropy(d, len, off + 2 + n);
            continue;
        }
        off += 2 + n;
    }
    if (!frame || !scans)
        return fail(ck, "damaged JPEG: no image data before the end-of-image marker");
    info->orientation = orientation;
    int turned = orientation >= 5;
    info->view_w = turned ? info->height : info->width;
    info->view_h = turned ? info->width : info->height;
    if (adobe && info->color == IMAGE_CMYK)
        info->flags |= IMAGE_ADOBE_INVERTED;
    return 0;
}

/* ---- other formats: named in the refusal --------------------------------- */

static int starts(const unsigned char *d, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(d, magic, n) == 0;
}

/* What the file is, when it is no PNG or JPEG: an SVG, a GIF..., a text file. */
static const char *other_format(const unsigned char *d, size_t len, const char **todo)
{
    *todo = "convert it to PNG or JPEG";
    if (starts(d, len, "GIF87a", 6) || starts(d, len, "GIF89a", 6))
        return *todo = "convert it to PNG", "a GIF image";
    if (len >= 12 && starts(d, len, "RIFF", 4) && memcmp(d + 8, "WEBP", 4) == 0)
        return "a WebP image";
    if (starts(d, len, "II*\0", 4) || starts(d, len, "MM\0*", 4))
        return "a TIFF image";
    if (len >= 14 && starts(d, len, "BM", 2) && !memcmp(d + 6, "\0\0\0\0", 4))
        return *todo = "convert it to PNG", "a BMP image";
    if (starts(d, len, "\0\0\0\x0CjP  \r\n\x87\n", 12) || starts(d, len, "\xFF\x4F\xFF\x51", 4))
        return "a JPEG 2000 image";
    if (len >= 12 && memcmp(d + 4, "ftyp", 4) == 0)
        return "a HEIF or AVIF image";
    if (starts(d, len, "%PDF-", 5))
        return *todo = "export the picture as PNG or JPEG", "a PDF file";
    size_t head = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 4 <= head; i++)
        if (memcmp(d + i, "<svg", 4) == 0)
            return *todo = "export it as PNG", "an SVG image";
    if (utf8_check((const char *)d, len) == (size_t)-1) {
        size_t i = 0;
        while (i < len && (d[i] >= 0x20 || d[i] == '\t' || d[i] == '\n' || d[i] == '\r'))
            i++;
        if (i == len)
            return *todo = "name a PNG or JPEG file", "a text file";
    }
    return NULL;
}

int image_read_facts(const unsigned char *data, size_t len, image_info *info, const image_check *ck)
{
    memset(info, 0, sizeof *info);
    info->bytes = len;
    if (len == 0)
        return fail(ck, "the file is empty (0 bytes); export the image again");
    int rc;
    if (starts(data, len, "\x89PNG\r\n\x1A\n", 8)) {
        rc = png_facts(data, len, info, ck);
    } else if (starts(data, len, "\xFF\xD8\xFF", 3)) {
        rc = jpeg_facts(data, len, info, ck);
    } else {
        const char *todo, *what = other_format(data, len, &todo);
        if (what)
            return fail(ck, "it is %s; only PNG and JPEG images can be used: %s", what,
                        todo);
        return fail(ck, "it is neither a PNG nor a JPEG image (the only formats that "
                    "can be used); convert it to PNG or JPEG");
    }
    if (rc == 0) {
        info->hash = fnv1a(data, len, FNV1A_INIT);
        info->ink_w = info->view_w;
        info->ink_h = info->view_h;
    }
    return rc;
}

/* The box of a PNG's pixels that are not fully transparent, into info->ink_*
 * (all of it when it has no transparency, is too large to look at, or
 * cannot be read now: the PDF stage reports that). 0, or -1 reported (out
 * of memory). */
static int find_ink(image_info *info, diag *d)
{
    info->flags |= IMAGE_INK_FOUND;
    if (info->format != IMAGE_PNG || !(info->flags & (IMAGE_ALPHA | IMAGE_TRNS)) ||
        (double)info->width * info->height > MAX_INK_PIXELS)
        return 0;
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    errno = 0;
    if (!png_image_begin_read_from_file(&im, info->path))
        return errno == ENOMEM ? diag_oom(d) : 0;   /* libpng's allocations set it as they fail */
    unsigned char *px = NULL;
    size_t stride = 0;
    if (im.width == (png_uint_32)info->width && im.height == (png_uint_32)info->height) {
        im.format = PNG_FORMAT_GA;   /* grey and alpha: the alpha is all we look at */
        stride = PNG_IMAGE_ROW_STRIDE(im);
        if (!(px = malloc(PNG_IMAGE_BUFFER_SIZE(im, stride)))) {
            png_image_free(&im);
            return diag_oom(d);
        }
    }
    errno = 0;
    if (!px || !png_image_finish_read(&im, NULL, px, (png_int_32)stride, NULL)) {
        int oom = px && errno == ENOMEM;
        png_image_free(&im);
        free(px);
        return oom ? diag_oom(d) : 0;
    }
    int x0 = info->width, y0 = info->height, x1 = -1, y1 = -1;
    for (int y = 0; y < info->height; y++)
        for (int x = 0; x < info->width; x++)
            if (px[(size_t)y * stride + 2 * (size_t)x + 1]) {
                if (x < x0)
                    x0 = x;
                if (x > x1)
                    x1 = x;
                if (y < y0)
                    y0 = y;
                y1 = y;
            }
    free(px);
    if (x1 >= 0) {   /* PNGs are never turned: as stored is as shown */
        info->ink_x = x0;
        info->ink_y = y0;
        info->ink_w = x1 - x0 + 1;
        info->ink_h = y1 - y0 + 1;
    }
    return 0;
}

int input_read_image(const char *path, image_info *info, const char *what, const char *name,
                     srcpos at, diag *d)
{
    const image_check check = {what, name, at, d}, *ck = &check;
    memset(info, 0, sizeof *info);
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        int err = errno;
        if (f)
            fclose(f);
        return diag_errno(d, at, err, "cannot use %s '%s'", what, name);
    }
    if ((unsigned long long)st.st_size > MAX_IMAGE_BYTES) {
        fclose(f);
        return fail(ck, "the file has %lld MB, over the limit of %zu MB; make it smaller",
                    (long long)st.st_size >> 20, MAX_IMAGE_BYTES >> 20);
    }
    size_t len = (size_t)st.st_size;
    unsigned char *data = malloc(len ? len : 1);
    if (!data) {
        fclose(f);
        return diag_oom(d);
    }
    size_t got = fread(data, 1, len, f);
    int err = ferror(f) ? errno : 0;
    int rc = err ? diag_errno(d, at, err, "cannot use %s '%s'", what, name)
           : got != len ? fail(ck, "the file changed while it was read")
           : image_read_facts(data, len, info, ck);
    fclose(f);
    free(data);
    return rc;
}

/* Does the file name end in .ext (any case)? */
static int has_extension(const char *path, const char *ext)
{
    const char *dot = strrchr(path, '.');
    return dot && !strchr(dot, '/') && strcasecmp(dot + 1, ext) == 0;
}

const image_info *input_checked_image(document *doc, strmap *cache, const char *real,
                                      const char *name, const char *what, int ink, srcpos at,
                                      diag *d)
{
    image_info *known = cache ? strmap_get(cache, real) : NULL;
    if (known && ink && !(known->flags & IMAGE_INK_FOUND) && find_ink(known, d) != 0)
        return NULL;
    if (known)
        return known;
    image_info facts;
    if (input_read_image(real, &facts, what, name, at, d) != 0)
        return NULL;
    const char *is = facts.format == IMAGE_PNG ? "PNG" : "JPEG";
    if ((facts.format == IMAGE_JPEG && has_extension(real, "png"))
        || (facts.format == IMAGE_PNG && (has_extension(real, "jpg") || has_extension(real, "jpeg"))))
        diag_warning(d, at, "%s '%s' holds %s data; it is used as the %s it is (rename the "
                     "file to match)", what, name, is, is);
    image_info *info = arena_alloc(doc->arena, sizeof *info);
    if (info) {
        *info = facts;
        info->path = arena_strdup(doc->arena, real);
        info->name = arena_strdup(doc->arena, name);
    }
    if (!info || !info->path || !info->name || (cache && strmap_put(cache, real, info) != 0)) {
        diag_oom(d);
        return NULL;
    }
    return ink && find_ink(info, d) != 0 ? NULL : info;
}
