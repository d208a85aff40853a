/* mkimage.c — writes the test images the image tests need (none are
 * committed), through libpng and libjpeg:
 *
 *   mkimage KIND OUT W H [ORIENTATION]
 *
 * Most show four quadrants that a test can find on a rendered page: red top
 * left, green top right, blue bottom left, yellow bottom right, as the picture
 * is meant to be seen. KIND: png-rgb png-rgb16 png-gray16 png-gray1 png-rgba
 * png-palette png-palette-trns png-gray-trns png-interlaced jpeg-rgb
 * jpeg-progressive jpeg-gray jpeg-cmyk jpeg-ycck. jpeg-rgb with ORIENTATION
 * 2..8 stores the pixels turned and writes an EXIF orientation that turns
 * them back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <png.h>

static const unsigned char quad_rgb[4][3] = {
    {230, 20, 20}, {20, 200, 40}, {20, 40, 230}, {250, 230, 20},
};

/* The quadrant (0 TL, 1 TR, 2 BL, 3 BR) of pixel (x, y) of a w x h picture. */
static int quadrant(int x, int y, int w, int h)
{
    return (y >= h / 2) * 2 + (x >= w / 2);
}

/* The pixel of the upright picture (W x H) that stored pixel (sx, sy) shows,
 * for EXIF orientation o. */
static void shown_at(int o, int sx, int sy, int W, int H, int *dx, int *dy)
{
    switch (o) {
    case 2: *dx = W - 1 - sx; *dy = sy; break;
    case 3: *dx = W - 1 - sx; *dy = H - 1 - sy; break;
    case 4: *dx = sx; *dy = H - 1 - sy; break;
    case 5: *dx = sy; *dy = sx; break;
    case 6: *dx = W - 1 - sy; *dy = sx; break;
    case 7: *dx = W - 1 - sy; *dy = H - 1 - sx; break;
    case 8: *dx = sy; *dy = H - 1 - sx; break;
    default: *dx = sx; *dy = sy; break;
    }
}

static int write_png(const char *out, int w, int h, int type, int bits, int interlace,
                     const char *kind)
{
    FILE *f = fopen(out, "wb");
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!f || !info || setjmp(png_jmpbuf(png))) {
        fprintf(stderr, "mkimage: cannot write %s\n", out);
        return 1;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, bits, type,
                 interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (type == PNG_COLOR_TYPE_PALETTE) {
        png_color pal[4];
        for (int i = 0; i < 4; i++)
            pal[i] = (png_color){quad_rgb[i][0], quad_rgb[i][1], quad_rgb[i][2]};
        png_set_PLTE(png, info, pal, 4);
        if (strstr(kind, "trns")) {
            png_byte alpha[4] = {255, 255, 128, 255};   /* blue half transparent */
            png_set_tRNS(png, info, alpha, 4, NULL);
        }
    } else if (strstr(kind, "trns")) {
        png_color_16 key = {.gray = 0};   /* black is transparent */
        png_set_tRNS(png, info, NULL, 0, &key);
    }
    png_write_info(png, info);
    int channels = type == PNG_COLOR_TYPE_RGB ? 3 : type == PNG_COLOR_TYPE_RGBA ? 4 : 1;
    size_t rowbytes = ((size_t)w * channels * bits + 7) / 8;
    png_bytep row = calloc(rowbytes, 1);
    png_bytepp rows = calloc((size_t)h, sizeof *rows);
    for (int y = 0; y < h; y++) {
        rows[y] = calloc(rowbytes, 1);
        for (int x = 0; x < w; x++) {
            int q = quadrant(x, y, w, h);
            const unsigned char *c = quad_rgb[q];
            png_bytep r = rows[y];
            if (type == PNG_COLOR_TYPE_PALETTE) {
                r[x] = (png_byte)q;
            } else if (type == PNG_COLOR_TYPE_GRAY && bits == 1) {
                if ((x / 4 + y / 4) % 2)
                    r[x / 8] |= (png_byte)(0x80 >> (x % 8));
            } else if (type == PNG_COLOR_TYPE_GRAY) {
                unsigned v = (unsigned)(65535.0 * x / (w > 1 ? w - 1 : 1));
                if (bits == 16) {
                    r[2 * x] = (png_byte)(v >> 8);
                    r[2 * x + 1] = (png_byte)v;
                } else {
                    r[x] = (png_byte)(x == 0 ? 0 : 40 + (v >> 8) * 200 / 255);  /* column 0 keyed */
                }
            } else {
                for (int k = 0; k < 3; k++) {
                    if (bits == 16) {
                        r[(size_t)x * channels * 2 + 2 * k] = c[k];
                        r[(size_t)x * channels * 2 + 2 * k + 1] = (png_byte)(x * 7 + y);
                    } else {
                        r[(size_t)x * channels + k] = c[k];
                    }
                }
                if (channels == 4) {   /* opaque in the middle, fading out to the rim */
                    double dx = (x - w / 2.0) / (w / 2.0), dy = (y - h / 2.0) / (h / 2.0);
                    double d = dx * dx + dy * dy;
                    r[(size_t)x * 4 + 3] = (png_byte)(d < 0.5 ? 255 : d > 1 ? 0 : 255 * (1 - d) * 2);
                }
            }
        }
    }
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    for (int y = 0; y < h; y++)
        free(rows[y]);
    free(rows);
    free(row);
    return fclose(f) != 0;
}

/* An APP1 Exif segment body holding only the orientation (big-endian TIFF). */
static void exif_orientation(unsigned char seg[32], int o)
{
    static const unsigned char head[] = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8,
                                         0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1};
    memset(seg, 0, 32);
    memcpy(seg, head, sizeof head);
    seg[sizeof head + 1] = (unsigned char)o;   /* SHORT value, then padding and next IFD 0 */
}

static int write_jpeg(const char *out, int W, int H, const char *kind, int o)
{
    FILE *f = fopen(out, "wb");
    if (!f) {
        fprintf(stderr, "mkimage: cannot write %s\n", out);
        return 1;
    }
    int gray = strstr(kind, "gray") != NULL, cmyk = strstr(kind, "cmyk") || strstr(kind, "ycck");
    int sw = o >= 5 ? H : W, sh = o >= 5 ? W : H;
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr err;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    jpeg_stdio_dest(&c, f);
    c.image_width = (JDIMENSION)sw;
    c.image_height = (JDIMENSION)sh;
    c.input_components = gray ? 1 : cmyk ? 4 : 3;
    c.in_color_space = gray ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_set_defaults(&c);
    if (strstr(kind, "ycck"))
        jpeg_set_colorspace(&c, JCS_YCCK);
    jpeg_set_quality(&c, 95, TRUE);
    if (strstr(kind, "progressive"))
        jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    if (o > 1) {
        unsigned char seg[32];
        exif_orientation(seg, o);
        jpeg_write_marker(&c, JPEG_APP0 + 1, seg, sizeof seg);
    }
    unsigned char *row = malloc((size_t)sw * 4);
    for (int sy = 0; sy < sh; sy++) {
        for (int sx = 0; sx < sw; sx++) {
            int dx, dy;
            shown_at(o, sx, sy, W, H, &dx, &dy);
            const unsigned char *q = quad_rgb[quadrant(dx, dy, W, H)];
            if (gray) {
                row[sx] = (unsigned char)((q[0] * 30 + q[1] * 59 + q[2] * 11) / 100);
            } else if (cmyk) {   /* Adobe style: inverted inks, K = 0 */
                for (int k = 0; k < 3; k++)
                    row[sx * 4 + k] = q[k];
                row[sx * 4 + 3] = 255;
            } else {
                memcpy(row + sx * 3, q, 3);
            }
        }
        JSAMPROW r = row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    free(row);
    return fclose(f) != 0;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: mkimage KIND OUT W H [ORIENTATION]\n");
        return 2;
    }
    const char *kind = argv[1], *out = argv[2];
    int w = atoi(argv[3]), h = atoi(argv[4]), o = argc > 5 ? atoi(argv[5]) : 1;
    if (w < 1 || h < 1 || w > 20000 || h > 20000) {
        fprintf(stderr, "mkimage: bad size\n");
        return 2;
    }
    if (strncmp(kind, "jpeg-", 5) == 0)
        return write_jpeg(out, w, h, kind, o);
    static const struct { const char *kind; int type, bits, interlace; } pngs[] = {
        {"png-rgb", PNG_COLOR_TYPE_RGB, 8, 0},
        {"png-rgb16", PNG_COLOR_TYPE_RGB, 16, 0},
        {"png-gray16", PNG_COLOR_TYPE_GRAY, 16, 0},
        {"png-gray1", PNG_COLOR_TYPE_GRAY, 1, 0},
        {"png-rgba", PNG_COLOR_TYPE_RGBA, 8, 0},
        {"png-palette", PNG_COLOR_TYPE_PALETTE, 8, 0},
        {"png-palette-trns", PNG_COLOR_TYPE_PALETTE, 8, 0},
        {"png-gray-trns", PNG_COLOR_TYPE_GRAY, 8, 0},
        {"png-interlaced", PNG_COLOR_TYPE_RGB, 8, 1},
    };
    for (size_t i = 0; i < sizeof pngs / sizeof pngs[0]; i++)
        if (strcmp(kind, pngs[i].kind) == 0)
            return write_png(out, w, h, pngs[i].type, pngs[i].bits, pngs[i].interlace, kind);
    fprintf(stderr, "mkimage: unknown kind %s\n", kind);
    return 2;
}
