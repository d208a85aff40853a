/* test_image.c — images end to end below the document: the facts the input
 * stage reads (format, size, colour, bits, alpha/tRNS, interlace, progressive,
 * CMYK with Adobe inversion, EXIF orientation, a logo's ink), the messages for
 * every kind of file it refuses, and what the PDF stage makes of them (pixels.c): bytes
 * passed through untouched, CMYK turned into the right RGB, alpha split into
 * a mask, box-filtered sizes, damage found where it decodes. Test images are
 * written by mkimage (tests/mkimage.c) or crafted here. */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

#include "check.h"
#include "input/input-private.h"
#include "pdf/pdf-private.h"

static char tmpdir[256];
static char mkimage[512];

/* Write an image with mkimage; returns its path (a ring of static buffers). */
static const char *make(const char *kind, int w, int h, int orientation, const char *ext)
{
    static char paths[8][600];
    static int next;
    char *path = paths[next++ % 8];
    snprintf(path, 600, "%s/%s-%d.%s", tmpdir, kind, next, ext);
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "'%s' %s '%s' %d %d %d", mkimage, kind, path, w, h, orientation);
    if (system(cmd) != 0)
        printf("  mkimage failed: %s\n", cmd);
    return path;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    char *data = NULL;
    if (read_file(path, &data, len) != 0)
        return NULL;
    return (unsigned char *)data;
}

/* What a message printed to text says after "cannot use image 'x': ", into why. */
static void reason_of(const char *text, char *why, size_t size)
{
    static const char lead[] = "cannot use image 'x': ";
    const char *r = text ? strstr(text, lead) : NULL;
    r = r ? r + sizeof lead - 1 : text ? text : "";
    snprintf(why, size, "%.*s", (int)strcspn(r, "\n"), r);
}

/* The facts of a file (or of bytes: path NULL), or why not (in why): what
 * the error reported through a diag says. */
static int facts_of_either(const char *path, const void *p, size_t n, image_info *info, char *why,
                           size_t size)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    diag d = {.out = m};
    const image_check ck = {"image", "x", {0}, &d};
    int rc = path ? input_read_image(path, info, "image", "x", (srcpos){0}, &d)
                  : image_read_facts(p, n, info, &ck);
    if (m)
        fclose(m);
    reason_of(text, why, size);
    free(text);
    CHECK((rc == 0) == (d.kind == ERR_NONE));   /* -1 exactly when reported */
    return rc;
}

/* image_encode at quality 85, what it reported (if anything) in msg: the
 * reason after "cannot use image 'x': ", or the whole line. */
static int encode_msg(const image_info *i, const unsigned char *p, size_t n, int w, int h,
                      image_data *o, char *msg, size_t size)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    diag d = {.out = f};
    image_report r = {.d = &d, .name = "x"};
    int rc = image_encode(i, p, n, w, h, 85, o, &r);
    if (f)
        fclose(f);
    reason_of(text, msg, size);
    free(text);
    return rc == 0 && d.errors ? -2 : rc;   /* no message without a failure */
}

static int facts_of(const char *path, image_info *info, char *why, size_t size)
{
    return facts_of_either(path, NULL, 0, info, why, size);
}

static int facts_of_bytes(const void *p, size_t n, image_info *info, char *why, size_t size)
{
    return facts_of_either(NULL, p, n, info, why, size);
}

static void put_be32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (24 - 8 * i));
}

/* Append a PNG chunk with a right CRC. */
static size_t chunk(unsigned char *out, size_t n, const char *type, const void *data, uint32_t len)
{
    put_be32(out + n, len);
    memcpy(out + n + 4, type, 4);
    if (len)
        memcpy(out + n + 8, data, len);
    put_be32(out + n + 8 + len, (uint32_t)crc32(crc32(0, NULL, 0), out + n + 4, len + 4));
    return n + 12 + len;
}

/* A w x h 8-bit grey PNG whose IDAT holds `idat` (len bytes) with right CRCs. */
static size_t png_with_idat(unsigned char *out, uint32_t w, uint32_t h, const void *idat,
                            uint32_t len)
{
    unsigned char ihdr[13] = {0};
    put_be32(ihdr, w);
    put_be32(ihdr + 4, h);
    ihdr[8] = 8;
    memcpy(out, "\x89PNG\r\n\x1A\n", 8);
    size_t n = chunk(out, 8, "IHDR", ihdr, 13);
    n = chunk(out, n, "IDAT", idat, len);
    return chunk(out, n, "IEND", NULL, 0);
}

/* ---- facts ---------------------------------------------------------------- */

static void test_png_facts(void)
{
    image_info i;
    char why[256];
    CHECK(facts_of(make("png-rgb", 64, 48, 1, "png"), &i, why, sizeof why) == 0);
    CHECK(i.format == IMAGE_PNG && i.color == IMAGE_RGB && i.components == 3 && i.bits == 8);
    CHECK(i.width == 64 && i.height == 48 && i.view_w == 64 && i.view_h == 48 && i.flags == 0);
    CHECK(i.orientation == 1 && i.bytes > 0 && i.hash != 0);
    CHECK(facts_of(make("png-rgb16", 8, 8, 1, "png"), &i, why, sizeof why) == 0 && i.bits == 16);
    CHECK(facts_of(make("png-gray1", 8, 8, 1, "png"), &i, why, sizeof why) == 0
          && i.bits == 1 && i.color == IMAGE_GRAY && i.components == 1);
    CHECK(facts_of(make("png-rgba", 8, 8, 1, "png"), &i, why, sizeof why) == 0
          && i.flags == IMAGE_ALPHA && i.components == 3);
    CHECK(facts_of(make("png-palette", 8, 8, 1, "png"), &i, why, sizeof why) == 0
          && i.color == IMAGE_PALETTE && i.flags == 0 && i.components == 1);
    CHECK(facts_of(make("png-palette-trns", 8, 8, 1, "png"), &i, why, sizeof why) == 0
          && i.color == IMAGE_PALETTE && i.flags == IMAGE_TRNS);
    CHECK(facts_of(make("png-gray-trns", 8, 8, 1, "png"), &i, why, sizeof why) == 0
          && i.flags == IMAGE_TRNS);
    CHECK(facts_of(make("png-interlaced", 8, 8, 1, "png"), &i, why, sizeof why) == 0
          && i.flags == IMAGE_INTERLACED);
}

/* A palette in a grey or RGB PNG is only a hint (libpng ignores it): accepted. */
static void test_png_hint_palette(void)
{
    unsigned char png[128], ihdr[13] = {0}, raw[2] = {0, 128}, z[32];
    uLongf zn = sizeof z;
    CHECK(compress(z, &zn, raw, sizeof raw) == Z_OK);
    put_be32(ihdr, 1);
    put_be32(ihdr + 4, 1);
    ihdr[8] = 8;   /* 8-bit grey */
    memcpy(png, "\x89PNG\r\n\x1A\n", 8);
    size_t n = chunk(png, 8, "IHDR", ihdr, 13);
    n = chunk(png, n, "PLTE", "\x10\x20\x30\x40\x50\x60", 6);
    n = chunk(png, n, "IDAT", z, (uint32_t)zn);
    n = chunk(png, n, "IEND", NULL, 0);
    image_info i;
    char why[256];
    CHECK(facts_of_bytes(png, n, &i, why, sizeof why) == 0 && i.color == IMAGE_GRAY);
    image_data o;
    CHECK(encode_msg(&i, png, n, 1, 1, &o, why, sizeof why) == 0);
    CHECK(o.space && strcmp(o.space, "DeviceGray") == 0);
    image_data_free(&o);
}

static void test_jpeg_facts(void)
{
    image_info i;
    char why[256];
    CHECK(facts_of(make("jpeg-rgb", 64, 48, 1, "jpg"), &i, why, sizeof why) == 0);
    CHECK(i.format == IMAGE_JPEG && i.color == IMAGE_RGB && i.components == 3 && i.bits == 8);
    CHECK(i.width == 64 && i.height == 48 && i.flags == 0 && i.orientation == 1);
    CHECK(facts_of(make("jpeg-progressive", 64, 48, 1, "jpg"), &i, why, sizeof why) == 0
          && i.flags == IMAGE_PROGRESSIVE);
    CHECK(facts_of(make("jpeg-gray", 16, 16, 1, "jpg"), &i, why, sizeof why) == 0
          && i.color == IMAGE_GRAY && i.components == 1);
    CHECK(facts_of(make("jpeg-cmyk", 16, 16, 1, "jpg"), &i, why, sizeof why) == 0
          && i.color == IMAGE_CMYK && i.components == 4 && i.flags == IMAGE_ADOBE_INVERTED);
    CHECK(facts_of(make("jpeg-ycck", 16, 16, 1, "jpg"), &i, why, sizeof why) == 0
          && i.color == IMAGE_CMYK && i.flags == IMAGE_ADOBE_INVERTED);
    for (int o = 1; o <= 8; o++) {   /* stored turned; shown 64 x 48 */
        CHECK(facts_of(make("jpeg-rgb", 64, 48, o, "jpg"), &i, why, sizeof why) == 0);
        CHECK(i.orientation == o && i.view_w == 64 && i.view_h == 48);
        CHECK(i.width == (o >= 5 ? 48 : 64) && i.height == (o >= 5 ? 64 : 48));
    }
}

/* Each refused file: the whole message, which says what is wrong and what to do. */
static void test_refused_files(void)
{
    static const struct { const char *bytes; size_t len; const char *why; } cases[] = {
        {"", 0, "the file is empty (0 bytes); export the image again"},
        {"GIF89a\x01\0\x01\0\0\0\0;", 14, "it is a GIF image; only PNG and JPEG images can be "
         "used: convert it to PNG"},
        {"RIFF\x1a\0\0\0WEBPVP8 ", 16, "it is a WebP image; only PNG and JPEG images can be used: "
         "convert it to PNG or JPEG"},
        {"II*\0\x08\0\0\0\0\0", 10, "it is a TIFF image; only PNG and JPEG images can be used: "
         "convert it to PNG or JPEG"},
        {"MM\0*\0\0\0\x08\0\0", 10, "it is a TIFF image; only PNG and JPEG images can be used: "
         "convert it to PNG or JPEG"},
        {"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0", 14, "it is a BMP image; only PNG and JPEG images can be "
         "used: convert it to PNG"},
        {"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n", 65,
         "it is an SVG image; only PNG and JPEG images can be used: export it as PNG"},
        {"%PDF-1.7\n", 9, "it is a PDF file; only PNG and JPEG images can be used: export the "
         "picture as PNG or JPEG"},
        {"this is not a PNG\n", 18, "it is a text file; only PNG and JPEG images can be used: "
         "name a PNG or JPEG file"},
        {"\x01\x02\x03\x04", 4, "it is neither a PNG nor a JPEG image (the only formats that can "
         "be used); convert it to PNG or JPEG"},
        {"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 20, "damaged JPEG: the file "
         "ends early, with no end-of-image marker (truncated?); export the image again"},
        {"\xFF\xD8\xFF\xC9\0\x11\x08\0\x10\0\x10\x03\x01\x11\0\x02\x11\0\x03\x11\0\xFF\xD9", 23,
         "the JPEG uses arithmetic coding, which PDF readers do not all show; save it again as a "
         "baseline or progressive JPEG"},
        {"\xFF\xD8\xFF\xC0\0\x0B\x0C\0\x10\0\x10\x01\x01\x11\0\xFF\xD9", 17, "it is a 12-bit "
         "JPEG, and PDF readers show only 8-bit ones; save it again as an ordinary (8-bit) JPEG"},
        {"\xFF\xD8\xFF\xC0\0\x0B\x08\x75\x30\x75\x30\x01\x01\x11\0\xFF\xD9", 17, "it is 30000 x "
         "30000 pixels, over the limit of 20000 pixels a side and 50 megapixels; scale it down"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        image_info i;
        char why[256];
        int rc = facts_of_bytes(cases[k].bytes, cases[k].len, &i, why, sizeof why);
        CHECK(rc == -1);
        if (strcmp(why, cases[k].why) != 0) {
            printf("  case %zu: got \"%s\"\n", k, why);
            CHECK(0);
        }
    }
}

/* Damage in a PNG found by walking its chunks: a flipped byte, a cut file, a
 * header over the pixel limit (refused before anything is allocated for it). */
static void test_png_damage(void)
{
    size_t len;
    unsigned char *png = slurp(make("png-rgb", 64, 48, 1, "png"), &len);
    CHECK(png && len > 100);
    if (!png)
        return;
    image_info i;
    char why[256];
    png[len - 20] ^= 0x55;   /* inside the last IDAT */
    CHECK(facts_of_bytes(png, len, &i, why, sizeof why) == -1);
    CHECK(strstr(why, "damaged PNG: the IDAT chunk at byte ") == why
          && strstr(why, "fails its CRC check; export the image again"));
    png[len - 20] ^= 0x55;
    CHECK(facts_of_bytes(png, len, &i, why, sizeof why) == 0);
    CHECK(facts_of_bytes(png, len - 12, &i, why, sizeof why) == -1);   /* no IEND */
    CHECK(strcmp(why, "damaged PNG: the file ends early, with no IEND chunk (truncated?); "
                      "export the image again") == 0);
    CHECK(facts_of_bytes(png, 60, &i, why, sizeof why) == -1);
    CHECK(strstr(why, "runs past the end of the file (truncated?)") != NULL);
    free(png);

    unsigned char big[64];
    unsigned char ihdr[13] = {0};
    put_be32(ihdr, 30000);
    put_be32(ihdr + 4, 30000);
    ihdr[8] = 8;
    ihdr[9] = 2;
    memcpy(big, "\x89PNG\r\n\x1A\n", 8);
    size_t n = chunk(big, 8, "IHDR", ihdr, 13);
    CHECK(facts_of_bytes(big, n, &i, why, sizeof why) == -1);
    CHECK(strcmp(why, "it is 30000 x 30000 pixels, over the limit of 20000 pixels a side; "
                      "scale it down") == 0);
    /* an unknown critical chunk: no reader could show the image */
    put_be32(ihdr, 16);
    put_be32(ihdr + 4, 16);
    n = chunk(big, 8, "IHDR", ihdr, 13);
    n = chunk(big, n, "CgBI", "x", 1);
    CHECK(facts_of_bytes(big, n, &i, why, sizeof why) == -1);
    CHECK(strstr(why, "needs its CgBI chunk understood") != NULL);
}

/* ---- the PDF stage's side (pixels.c) ---------------------------------------- */

typedef struct encoded {
    image_info info;
    unsigned char *file;
    size_t len;
    image_data out;
    int rc;
    char why[256];
} encoded;

static void encode(encoded *e, const char *path, int w, int h)
{
    memset(e, 0, sizeof *e);
    e->file = slurp(path, &e->len);
    e->rc = -1;
    if (!e->file || facts_of(path, &e->info, e->why, sizeof e->why) != 0)
        return;
    e->rc = encode_msg(&e->info, e->file, e->len, w ? w : e->info.width,
                       h ? h : e->info.height, &e->out, e->why, sizeof e->why);
}

static void release(encoded *e)
{
    image_data_free(&e->out);
    free(e->file);
}

/* JPEGs and plain PNGs pass through: the DCT bytes are the file, the Flate
 * bytes the IDAT data with PNG predictors; 16 bits stay 16. */
static void test_pass_through(void)
{
    encoded e;
    encode(&e, make("jpeg-progressive", 64, 48, 1, "jpg"), 0, 0);
    CHECK(e.rc == 0 && e.out.dct && e.out.data == e.file && e.out.len == e.len);
    CHECK(e.out.colors == 3 && e.out.bits == 8 && strcmp(e.out.space, "DeviceRGB") == 0);
    release(&e);
    encode(&e, make("jpeg-rgb", 64, 48, 6, "jpg"), 0, 0);   /* turned when drawn, not here */
    CHECK(e.rc == 0 && e.out.data == e.file && e.out.width == 48 && e.out.height == 64);
    release(&e);
    encode(&e, make("png-rgb16", 20, 10, 1, "png"), 0, 0);
    CHECK(e.rc == 0 && !e.out.dct && e.out.predictors && e.out.bits == 16 && e.out.colors == 3);
    CHECK(e.out.smask.len == 0 && e.out.len > 0 && e.out.len < e.len);
    release(&e);
    encode(&e, make("png-palette", 20, 10, 1, "png"), 0, 0);
    CHECK(e.rc == 0 && !e.out.space && e.out.palette_size == 4 && e.out.colors == 1);
    CHECK(e.out.palette[0] == 230 && e.out.palette[1] == 20);   /* red, as written */
    release(&e);
    encode(&e, make("png-gray1", 20, 10, 1, "png"), 0, 0);
    CHECK(e.rc == 0 && e.out.bits == 1 && strcmp(e.out.space, "DeviceGray") == 0);
    release(&e);
}

/* The first pixel of an encoded JPEG, decoded. */
static void jpeg_first_pixel(const image_data *o, unsigned char px[3])
{
    struct jpeg_decompress_struct c;
    struct jpeg_error_mgr err;
    c.err = jpeg_std_error(&err);
    jpeg_create_decompress(&c);
    jpeg_mem_src(&c, o->data, (unsigned long)o->len);
    jpeg_read_header(&c, TRUE);
    c.out_color_space = JCS_RGB;
    jpeg_start_decompress(&c);
    unsigned char *row = malloc((size_t)c.output_width * 3);
    JSAMPROW r = row;
    jpeg_read_scanlines(&c, &r, 1);
    memcpy(px, row, 3);
    jpeg_abort_decompress(&c);
    jpeg_destroy_decompress(&c);
    free(row);
}

/* CMYK (Adobe-inverted, and YCCK) becomes an RGB JPEG whose red quadrant is
 * red: the inversion honoured. Never DeviceCMYK. */
static void test_cmyk_to_rgb(void)
{
    const char *kinds[] = {"jpeg-cmyk", "jpeg-ycck"};
    for (int k = 0; k < 2; k++) {
        encoded e;
        encode(&e, make(kinds[k], 32, 32, 1, "jpg"), 0, 0);
        CHECK(e.rc == 0 && e.out.dct && e.out.colors == 3 && strcmp(e.out.space, "DeviceRGB") == 0);
        CHECK(e.out.width == 32 && e.out.height == 32 && e.out.data != e.file);
        if (e.rc == 0) {
            unsigned char px[3];
            jpeg_first_pixel(&e.out, px);
            CHECK(px[0] > 190 && px[1] < 70 && px[2] < 70);
        }
        release(&e);
    }
}

/* Alpha and tRNS: colour and an 8-bit mask, both Flate with predictors. */
static void test_alpha_and_trns(void)
{
    const char *kinds[] = {"png-rgba", "png-palette-trns", "png-gray-trns", "png-interlaced"};
    for (int k = 0; k < 4; k++) {
        encoded e;
        encode(&e, make(kinds[k], 30, 20, 1, "png"), 0, 0);
        CHECK(e.rc == 0 && !e.out.dct && e.out.predictors && e.out.bits == 8);
        CHECK((e.out.smask.len > 0) == (k < 3));
        CHECK(e.out.colors == (k == 2 ? 1 : 3) && e.out.width == 30 && e.out.height == 20);
        release(&e);
    }
}

/* A logo's ink: the box of its pixels that are not fully transparent, found
 * when a manifest names it (input_checked_image with ink); all of the
 * picture for one without transparency, for a photograph, and for an image
 * a release shows. */
static void test_logo_ink(void)
{
    /* 40 x 20 RGBA, transparent but for x 10..29, y 5..14 (a faint pixel counts) */
    enum { W = 40, H = 20 };
    static unsigned char px[W * H * 4];
    memset(px, 0, sizeof px);
    for (int y = 5; y < 15; y++)
        for (int x = 10; x < 30; x++)
            px[(y * W + x) * 4 + 3] = x == 10 ? 1 : 255;
    char path[400];
    snprintf(path, sizeof path, "%s/margins.png", tmpdir);
    png_image im = {.version = PNG_IMAGE_VERSION, .width = W, .height = H,
                    .format = PNG_FORMAT_RGBA};
    CHECK(png_image_write_to_file(&im, path, 0, px, 0, NULL));
    document *doc = doc_new();
    diag d = {0};
    srcpos at = {"bulletin.yaml", 6, 7};
    const image_info *logo = input_checked_image(doc, NULL, path, "margins.png", "logo", 1, at, &d);
    CHECK(logo && logo->ink_x == 10 && logo->ink_y == 5 && logo->ink_w == 20 && logo->ink_h == 10);
    const image_info *figure = input_checked_image(doc, NULL, path, "margins.png", "image", 0, at,
                                                   &d);
    CHECK(figure && figure->ink_x == 0 && figure->ink_w == W && figure->ink_h == H);
    const char *opaque[] = {make("png-rgb", 30, 20, 1, "png"), make("jpeg-rgb", 30, 20, 6, "jpg")};
    for (int k = 0; k < 2; k++) {   /* the JPEG stored turned, 20 x 30: as shown, 30 x 20 */
        const image_info *i = input_checked_image(doc, NULL, opaque[k], "o", "logo", 1, at, &d);
        CHECK(i && i->ink_x == 0 && i->ink_y == 0 && i->ink_w == 30 && i->ink_h == 20 &&
              i->view_w == 30 && i->width == (k ? 20 : 30));
    }
    CHECK(d.errors == 0);
    doc_free(doc);
}

/* Fewer pixels wanted: a box filter; JPEG sources stay JPEG, PNG ones Flate. */
static void test_downsample(void)
{
    encoded e;
    encode(&e, make("jpeg-rgb", 400, 300, 1, "jpg"), 41, 31);
    CHECK(e.rc == 0 && e.out.dct && e.out.width == 41 && e.out.height == 31);
    if (e.rc == 0) {
        unsigned char px[3];
        jpeg_first_pixel(&e.out, px);
        CHECK(px[0] > 190 && px[1] < 70 && px[2] < 70);
    }
    release(&e);
    encode(&e, make("png-rgba", 300, 200, 1, "png"), 100, 67);
    CHECK(e.rc == 0 && !e.out.dct && e.out.width == 100 && e.out.height == 67);
    CHECK(e.out.smask.len > 0);
    release(&e);
    encode(&e, make("png-gray16", 300, 200, 1, "png"), 3, 2);
    CHECK(e.rc == 0 && e.out.bits == 8 && e.out.width == 3 && e.out.height == 2);
    release(&e);
}

/* Damage only a decode finds — right CRCs around a corrupt or short zlib
 * stream — is reported by the PDF stage, never an abort. */
static void test_damage_found_when_embedding(void)
{
    unsigned char png[256];
    image_info i;
    char why[256];
    static const unsigned char junk[] = {0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, 0x00, 0x11};
    size_t n = png_with_idat(png, 4, 4, junk, sizeof junk);
    CHECK(facts_of_bytes(png, n, &i, why, sizeof why) == 0);
    image_data o;
    CHECK(encode_msg(&i, png, n, 4, 4, &o, why, sizeof why) == -1);
    CHECK(strcmp(why, "damaged PNG: the compressed image data is corrupt") == 0);
    image_data_free(&o);
    unsigned char raw[5] = {0, 1, 2, 3, 4}, z[64];
    uLongf zn = sizeof z;
    CHECK(compress(z, &zn, raw, sizeof raw) == Z_OK);   /* one row of four, not four rows */
    n = png_with_idat(png, 4, 4, z, (uint32_t)zn);
    CHECK(facts_of_bytes(png, n, &i, why, sizeof why) == 0);
    CHECK(encode_msg(&i, png, n, 4, 4, &o, why, sizeof why) == -1);
    CHECK(strcmp(why, "damaged PNG: the image data ends early") == 0);
    image_data_free(&o);
    CHECK(encode_msg(&i, png, n, 2, 2, &o, why, sizeof why) == -1);   /* decoded: libpng */
    CHECK(strncmp(why, "damaged PNG: ", 13) == 0);
    image_data_free(&o);
}

int main(int argc, char **argv)
{
    (void)argc;
    const char *slash = strrchr(argv[0], '/');
    snprintf(mkimage, sizeof mkimage, "%.*smkimage", slash ? (int)(slash - argv[0] + 1) : 0,
             argv[0]);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_image_XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_png_facts);
    RUN(test_png_hint_palette);
    RUN(test_jpeg_facts);
    RUN(test_refused_files);
    RUN(test_png_damage);
    RUN(test_pass_through);
    RUN(test_cmyk_to_rgb);
    RUN(test_alpha_and_trns);
    RUN(test_logo_ink);
    RUN(test_downsample);
    RUN(test_damage_found_when_embedding);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return CHECK_DONE();
}
