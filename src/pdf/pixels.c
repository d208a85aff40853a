/* pixels.c — an image file's bytes into the stream data of an image XObject,
 * as the facts of the input stage (image_info) say, without libharu: JPEGs
 * pass through as their DCT bytes, PNGs without alpha, tRNS or interlace as
 * their IDAT bytes (pngpass.c); the rest is decoded once — PNG by libpng,
 * JPEG by libjpeg — with CMYK turned into RGB, shrunk by a box filter when
 * fewer pixels are wanted, and encoded again: JPEG sources as JPEG, PNG
 * sources as Flate with PNG predictors (deflated whole by libdeflate), the
 * alpha as a separate 8-bit mask. libpng and libjpeg report errors by longjmp
 * to one jump buffer. Buffers hold a row, or a whole interlaced PNG: bounded
 * by the pixel limit the input stage holds images to. */
#include <stdio.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>
#include <png.h>
#include <libdeflate.h>

#include "pdf-private.h"

enum { CHUNK = 1 << 16 };

/* ---- Flate with PNG predictors ---------------------------------------- */

typedef struct flate_out {
    buf raw;                     /* the filtered rows, deflated at the end */
    buf *out;
    size_t rowbytes;
    int bpp;                     /* bytes per pixel: the predictors' distance */
    unsigned char *prev, *best;  /* the previous row; the filtered row (1 + rowbytes) */
} flate_out;

static int paeth(int a, int b, int c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Deflate n bytes onto out at the module's level, in one call (flate.c).
 * 0 ok, -1 out of memory. */
static int deflate_all(const unsigned char *p, size_t n, buf *out)
{
    struct libdeflate_compressor *c = pdfw_deflater();
    size_t len = 0;
    unsigned char *z = c ? pdfw_deflate(c, p, n, &len) : NULL;
    libdeflate_free_compressor(c);
    int rc = z && buf_append(out, z, len) == 0 ? 0 : -1;
    free(z);
    return rc;
}

static int flate_begin(flate_out *f, buf *out, size_t rowbytes, int bpp)
{
    f->out = out;
    f->rowbytes = rowbytes;
    f->bpp = bpp;
    f->prev = calloc(rowbytes, 1);
    f->best = malloc(rowbytes + 1);
    return f->prev && f->best ? 0 : -1;
}

/* One row: the predictor with the smallest sum of absolute differences (as
 * libpng chooses; on a tie the first of None, Sub, Up, Average, Paeth), its
 * type byte, then the filtered bytes. The five sums are taken in one pass. */
static int flate_row(flate_out *f, const unsigned char *row)
{
    size_t n = f->rowbytes, bpp = (size_t)f->bpp < n ? (size_t)f->bpp : n;
    const unsigned char *prev = f->prev;
    unsigned long sum[5] = {0};
#define ABSDIFF(v) ((unsigned char)(v) < 128 ? (unsigned char)(v) : 256u - (unsigned char)(v))
    for (size_t i = 0; i < bpp; i++) {   /* no pixel to the left: a = c = 0 */
        int x = row[i], b = prev[i];
        sum[0] += ABSDIFF(x);
        sum[1] += ABSDIFF(x);
        sum[2] += ABSDIFF(x - b);
        sum[3] += ABSDIFF(x - b / 2);
        sum[4] += ABSDIFF(x - b);   /* paeth(0, b, 0) is b */
    }
    for (size_t i = bpp; i < n; i++) {
        int x = row[i], a = row[i - bpp], b = prev[i], c = prev[i - bpp];
        sum[0] += ABSDIFF(x);
        sum[1] += ABSDIFF(x - a);
        sum[2] += ABSDIFF(x - b);
        sum[3] += ABSDIFF(x - (a + b) / 2);
        sum[4] += ABSDIFF(x - paeth(a, b, c));
    }
#undef ABSDIFF
    int type = 0;
    for (int t = 1; t < 5; t++)
        if (sum[t] < sum[type])
            type = t;
    unsigned char *out = f->best + 1;
    f->best[0] = (unsigned char)type;
    switch (type) {
    case 0:
        memcpy(out, row, n);
        break;
    case 1:
        memcpy(out, row, bpp);
        for (size_t i = bpp; i < n; i++)
            out[i] = (unsigned char)(row[i] - row[i - bpp]);
        break;
    case 2:
        for (size_t i = 0; i < n; i++)
            out[i] = (unsigned char)(row[i] - prev[i]);
        break;
    case 3:
        for (size_t i = 0; i < bpp; i++)
            out[i] = (unsigned char)(row[i] - prev[i] / 2);
        for (size_t i = bpp; i < n; i++)
            out[i] = (unsigned char)(row[i] - (row[i - bpp] + prev[i]) / 2);
        break;
    default:
        for (size_t i = 0; i < bpp; i++)
            out[i] = (unsigned char)(row[i] - prev[i]);
        for (size_t i = bpp; i < n; i++)
            out[i] = (unsigned char)(row[i] - paeth(row[i - bpp], prev[i], prev[i - bpp]));
        break;
    }
    memcpy(f->prev, row, n);
    return buf_append(&f->raw, f->best, n + 1);
}

/* Every row is in: deflate them. 0 ok, -1 out of memory. */
static int flate_finish(flate_out *f)
{
    return deflate_all((const unsigned char *)f->raw.data, f->raw.len, f->out);
}

static void flate_end(flate_out *f)
{
    buf_free(&f->raw);
    free(f->prev);
    free(f->best);
    memset(f, 0, sizeof *f);
}

/* ---- the decode pipeline ------------------------------------------------ */

typedef struct pixpipe {
    jmp_buf jump;                /* every failure below lands here */
    char message[JMSG_LENGTH_MAX + 64];
    enum { PIPE_DAMAGED, PIPE_OOM, PIPE_BUG } failure;   /* what message says */
    const image_info *info;
    const unsigned char *file;
    size_t len, read;            /* libpng reads file[read..len) */
    image_data *out;
    int quality;

    /* rows as decoded: 8-bit samples, ch of them a pixel, alpha last */
    int in_w, in_h, ch, alpha, cmyk_inverted;
    int rows_in;
    /* rows as written */
    int out_w, out_h, rows_out;
    int *xmap, *cols;            /* box filter: source column → output column, count */
    uint64_t *acc, *acc_w;       /* sums per output sample; alpha-weighted colour sums */
    int box_oy, box_rows;
    unsigned char *row, *rgb, *orow, *color, *mask, *image;
    png_bytep *rows;

    flate_out fcolor, fmask;
    int use_jpeg;
    struct jpeg_error_mgr jerr;
    struct jpeg_compress_struct jc;
    struct jpeg_destination_mgr jdest;
    int jc_live;
    struct jpeg_decompress_struct jd;
    int jd_live;
    png_structp png;
    png_infop pinfo;
    unsigned char jchunk[CHUNK];
} pixpipe;

/* The file is damaged: what is wrong. */
static _Noreturn void pipe_fail(pixpipe *p, const char *what)
{
    snprintf(p->message, sizeof p->message, "%s", what);
    p->failure = PIPE_DAMAGED;
    longjmp(p->jump, 1);
}

static _Noreturn void pipe_oom(pixpipe *p)
{
    p->failure = PIPE_OOM;
    longjmp(p->jump, 1);
}

/* A bug of ours. */
static _Noreturn void pipe_bug(pixpipe *p, const char *what)
{
    snprintf(p->message, sizeof p->message, "%s", what);
    p->failure = PIPE_BUG;
    longjmp(p->jump, 1);
}

static void jpeg_fail(j_common_ptr c)
{
    pixpipe *p = c->client_data;
    if (c->err->msg_code == JERR_OUT_OF_MEMORY)
        pipe_oom(p);
    char msg[JMSG_LENGTH_MAX];
    c->err->format_message(c, msg);
    snprintf(p->message, sizeof p->message, "damaged JPEG: %s", msg);
    longjmp(p->jump, 1);
}

static void jpeg_quiet(j_common_ptr c)
{
    (void)c;   /* libjpeg's warnings (corrupt data it works around) are not printed */
}

static void jdest_init(j_compress_ptr c)
{
    pixpipe *p = c->client_data;
    c->dest->next_output_byte = p->jchunk;
    c->dest->free_in_buffer = CHUNK;
}

static boolean jdest_empty(j_compress_ptr c)
{
    pixpipe *p = c->client_data;
    if (buf_append(&p->out->own, p->jchunk, CHUNK) < 0)
        pipe_oom(p);
    jdest_init(c);
    return TRUE;
}

static void jdest_term(j_compress_ptr c)
{
    pixpipe *p = c->client_data;
    if (buf_append(&p->out->own, p->jchunk, CHUNK - c->dest->free_in_buffer) < 0)
        pipe_oom(p);
}

static void *pipe_alloc(pixpipe *p, size_t n, size_t size)
{
    void *m = n && size <= (size_t)-1 / n ? calloc(n, size) : NULL;
    if (!m)
        pipe_oom(p);
    return m;
}

/* Set up the writers for out_w x out_h pixels of `colors` colour samples. */
static void pipe_start_output(pixpipe *p, int colors)
{
    image_data *o = p->out;
    o->width = p->out_w;
    o->height = p->out_h;
    o->colors = colors;
    o->bits = 8;
    o->space = colors == 1 ? "DeviceGray" : "DeviceRGB";
    p->color = pipe_alloc(p, (size_t)p->out_w, (size_t)colors);
    p->mask = pipe_alloc(p, (size_t)p->out_w, 1);
    if (p->use_jpeg) {
        o->dct = 1;
        p->jc.err = &p->jerr;
        p->jc.client_data = p;   /* kept by jpeg_create_compress */
        jpeg_create_compress(&p->jc);
        p->jc_live = 1;
        p->jdest = (struct jpeg_destination_mgr){.init_destination = jdest_init,
            .empty_output_buffer = jdest_empty, .term_destination = jdest_term};
        p->jc.dest = &p->jdest;
        p->jc.image_width = (JDIMENSION)p->out_w;
        p->jc.image_height = (JDIMENSION)p->out_h;
        p->jc.input_components = colors;
        p->jc.in_color_space = colors == 1 ? JCS_GRAYSCALE : JCS_RGB;
        jpeg_set_defaults(&p->jc);
        jpeg_set_quality(&p->jc, p->quality, TRUE);
        p->jc.optimize_coding = TRUE;
        jpeg_start_compress(&p->jc, TRUE);
    } else if (flate_begin(&p->fcolor, &o->own, (size_t)p->out_w * colors, colors) < 0) {
        pipe_oom(p);
    }
    if (p->alpha && flate_begin(&p->fmask, &o->smask, (size_t)p->out_w, 1) < 0)
        pipe_oom(p);
}

/* A finished output row (colour samples, then alpha when there is one) to the writers. */
static void pipe_emit(pixpipe *p, const unsigned char *px)
{
    int cc = p->alpha ? p->ch - 1 : p->ch;
    for (int x = 0; x < p->out_w; x++) {
        memcpy(p->color + (size_t)x * cc, px + (size_t)x * p->ch, (size_t)cc);
        if (p->alpha)
            p->mask[x] = px[(size_t)x * p->ch + cc];
    }
    if (p->use_jpeg) {
        JSAMPROW r = p->color;
        jpeg_write_scanlines(&p->jc, &r, 1);
    } else if (flate_row(&p->fcolor, p->color) < 0) {
        pipe_oom(p);
    }
    if (p->alpha && flate_row(&p->fmask, p->mask) < 0)
        pipe_oom(p);
    p->rows_out++;
}

/* The box of source rows for output row box_oy is complete: average it.
 * Colour is weighted by alpha, so transparent pixels do not darken edges. */
static void box_flush(pixpipe *p)
{
    int ch = p->ch, cc = p->alpha ? ch - 1 : ch;
    for (int ox = 0; ox < p->out_w; ox++) {
        uint64_t n = (uint64_t)p->cols[ox] * (uint64_t)p->box_rows;
        uint64_t *s = p->acc + (size_t)ox * ch, *sw = p->acc_w + (size_t)ox * ch;
        uint64_t a = p->alpha ? s[cc] : 0;
        for (int k = 0; k < cc; k++)
            p->orow[(size_t)ox * ch + k] = (unsigned char)(p->alpha && a
                ? (sw[k] + a / 2) / a : (s[k] + n / 2) / n);
        if (p->alpha)
            p->orow[(size_t)ox * ch + cc] = (unsigned char)((a + n / 2) / n);
    }
    memset(p->acc, 0, (size_t)p->out_w * ch * sizeof *p->acc);
    memset(p->acc_w, 0, (size_t)p->out_w * ch * sizeof *p->acc_w);
    p->box_rows = 0;
    pipe_emit(p, p->orow);
}

/* One decoded row in: CMYK becomes RGB, then straight out or into the box filter. */
static void pipe_row(pixpipe *p, const unsigned char *row)
{
    if (p->rows_in >= p->in_h)
        pipe_fail(p, "damaged image: more rows than its header says");
    if (p->rgb) {   /* CMYK: the inks' complements multiplied (no CMYK profile to go by) */
        for (int x = 0; x < p->in_w; x++) {
            const unsigned char *k4 = row + (size_t)x * 4;
            unsigned k = p->cmyk_inverted ? k4[3] : 255u - k4[3];
            for (int c = 0; c < 3; c++) {
                unsigned v = p->cmyk_inverted ? k4[c] : 255u - k4[c];
                p->rgb[(size_t)x * 3 + c] = (unsigned char)((v * k + 127) / 255);
            }
        }
        row = p->rgb;
    }
    int y = p->rows_in++;
    if (!p->xmap) {
        pipe_emit(p, row);
        return;
    }
    int oy = (int)((int64_t)y * p->out_h / p->in_h);
    if (p->box_rows && oy != p->box_oy)
        box_flush(p);
    p->box_oy = oy;
    p->box_rows++;
    int ch = p->ch, cc = p->alpha ? ch - 1 : ch;
    for (int x = 0; x < p->in_w; x++) {
        const unsigned char *px = row + (size_t)x * ch;
        uint64_t *s = p->acc + (size_t)p->xmap[x] * ch, *sw = p->acc_w + (size_t)p->xmap[x] * ch;
        for (int k = 0; k < ch; k++)
            s[k] += px[k];
        if (p->alpha)
            for (int k = 0; k < cc; k++)
                sw[k] += (uint64_t)px[k] * px[cc];
    }
    if (p->rows_in == p->in_h)
        box_flush(p);
}

/* After the decoder knows its row size (in_w x in_h, ch samples): buffers,
 * the box filter when the output is smaller, and the writers. */
static void pipe_start(pixpipe *p, int ch, int alpha, int cmyk)
{
    p->ch = cmyk ? 3 : ch;
    p->alpha = alpha;
    p->row = pipe_alloc(p, (size_t)p->in_w, (size_t)ch);
    if (cmyk)
        p->rgb = pipe_alloc(p, (size_t)p->in_w, 3);
    if (p->out_w > p->in_w || p->out_h > p->in_h)
        pipe_bug(p, "asked to enlarge an image");
    if (p->out_w < p->in_w || p->out_h < p->in_h) {
        p->xmap = pipe_alloc(p, (size_t)p->in_w, sizeof *p->xmap);
        p->cols = pipe_alloc(p, (size_t)p->out_w, sizeof *p->cols);
        p->acc = pipe_alloc(p, (size_t)p->out_w * p->ch, sizeof *p->acc);
        p->acc_w = pipe_alloc(p, (size_t)p->out_w * p->ch, sizeof *p->acc_w);
        p->orow = pipe_alloc(p, (size_t)p->out_w, (size_t)p->ch);
        for (int x = 0; x < p->in_w; x++) {
            p->xmap[x] = (int)((int64_t)x * p->out_w / p->in_w);
            p->cols[p->xmap[x]]++;
        }
    }
    pipe_start_output(p, alpha ? p->ch - 1 : p->ch);
}

/* ---- decoders ------------------------------------------------------------ */

static void png_fail(png_structp png, png_const_charp msg)
{
    pixpipe *p = png_get_error_ptr(png);
    if (strstr(msg, "memory"))   /* libpng's "Out of memory", "Insufficient memory" */
        pipe_oom(p);
    snprintf(p->message, sizeof p->message, "damaged PNG: %s", msg);
    longjmp(p->jump, 1);
}

static void png_quiet(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static void png_from_memory(png_structp png, png_bytep to, size_t n)
{
    pixpipe *p = png_get_io_ptr(png);
    if (n > p->len - p->read)
        png_error(png, "the file ends early");
    memcpy(to, p->file + p->read, n);
    p->read += n;
}

/* libpng expands palettes, low bit depths and tRNS, and scales 16 bits to 8. */
static void png_decode(pixpipe *p)
{
    p->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, p, png_fail, png_quiet);
    if (!p->png || !(p->pinfo = png_create_info_struct(p->png)))
        pipe_oom(p);
    png_set_read_fn(p->png, p, png_from_memory);
    png_set_user_limits(p->png, (png_uint_32)p->info->width, (png_uint_32)p->info->height);
    png_set_chunk_malloc_max(p->png, 8u << 20);
    png_read_info(p->png, p->pinfo);
    png_set_expand(p->png);
    png_set_scale_16(p->png);
    int passes = png_set_interlace_handling(p->png);
    png_read_update_info(p->png, p->pinfo);
    p->in_w = (int)png_get_image_width(p->png, p->pinfo);
    p->in_h = (int)png_get_image_height(p->png, p->pinfo);
    int ch = png_get_channels(p->png, p->pinfo);
    if (p->in_w != p->info->width || p->in_h != p->info->height || ch < 1 || ch > 4
        || png_get_rowbytes(p->png, p->pinfo) != (size_t)p->in_w * ch)
        pipe_fail(p, "damaged PNG: not the image its header promised");
    pipe_start(p, ch, ch == 2 || ch == 4, 0);
    if (passes > 1) {   /* Adam7 needs the whole image before the first row is final */
        p->image = pipe_alloc(p, (size_t)p->in_h, (size_t)p->in_w * ch);
        p->rows = pipe_alloc(p, (size_t)p->in_h, sizeof *p->rows);
        for (int y = 0; y < p->in_h; y++)
            p->rows[y] = p->image + (size_t)y * p->in_w * ch;
        png_read_image(p->png, p->rows);
        for (int y = 0; y < p->in_h; y++)
            pipe_row(p, p->rows[y]);
    } else {
        for (int y = 0; y < p->in_h; y++) {
            png_read_row(p->png, p->row, NULL);
            pipe_row(p, p->row);
        }
    }
    png_read_end(p->png, NULL);
}

/* libjpeg decodes, at 1/2, 1/4 or 1/8 size when that still gives at least
 * the pixels wanted; CMYK and YCCK come out as CMYK. */
static void jpeg_decode(pixpipe *p)
{
    p->jd.err = &p->jerr;
    p->jd.client_data = p;   /* kept by jpeg_create_decompress */
    jpeg_create_decompress(&p->jd);
    p->jd_live = 1;
    jpeg_mem_src(&p->jd, p->file, (unsigned long)p->len);
    jpeg_read_header(&p->jd, TRUE);
    int cmyk = p->info->color == IMAGE_CMYK;
    if ((int)p->jd.image_width != p->info->width || (int)p->jd.image_height != p->info->height)
        pipe_fail(p, "damaged JPEG: not the image its header promised");
    p->jd.out_color_space = cmyk ? JCS_CMYK : p->info->color == IMAGE_GRAY ? JCS_GRAYSCALE : JCS_RGB;
    unsigned denom = 8;
    while (denom > 1 && ((p->info->width + denom - 1) / denom < (unsigned)p->out_w
                         || (p->info->height + denom - 1) / denom < (unsigned)p->out_h))
        denom /= 2;
    p->jd.scale_num = 1;
    p->jd.scale_denom = denom;
    jpeg_start_decompress(&p->jd);
    p->in_w = (int)p->jd.output_width;
    p->in_h = (int)p->jd.output_height;
    int ch = p->jd.output_components;
    if (ch != (cmyk ? 4 : p->info->color == IMAGE_GRAY ? 1 : 3) || p->in_w < p->out_w
        || p->in_h < p->out_h)
        pipe_fail(p, "damaged JPEG: not the image its header promised");
    p->cmyk_inverted = (p->info->flags & IMAGE_ADOBE_INVERTED) != 0;
    pipe_start(p, ch, 0, cmyk);
    while (p->jd.output_scanline < p->jd.output_height) {
        JSAMPROW r = p->row;
        if (jpeg_read_scanlines(&p->jd, &r, 1) != 1)
            pipe_fail(p, "damaged JPEG: the image data ends early");
        pipe_row(p, p->row);
    }
    jpeg_finish_decompress(&p->jd);
}

static int pipe_run(pixpipe *p)
{
    if (setjmp(p->jump))
        return -1;
    jpeg_std_error(&p->jerr);
    p->jerr.error_exit = jpeg_fail;
    p->jerr.output_message = jpeg_quiet;
    if (p->info->format == IMAGE_PNG)
        png_decode(p);
    else
        jpeg_decode(p);
    if (p->rows_in != p->in_h || p->rows_out != p->out_h)
        pipe_bug(p, "rows lost");
    if (p->use_jpeg)
        jpeg_finish_compress(&p->jc);
    else if (flate_finish(&p->fcolor) < 0)
        pipe_oom(p);
    if (p->alpha && flate_finish(&p->fmask) < 0)
        pipe_oom(p);
    return 0;
}

static void pipe_free(pixpipe *p)
{
    if (p->jc_live)
        jpeg_destroy_compress(&p->jc);
    if (p->jd_live)
        jpeg_destroy_decompress(&p->jd);
    if (p->png)
        png_destroy_read_struct(&p->png, p->pinfo ? &p->pinfo : NULL, NULL);
    flate_end(&p->fcolor);
    flate_end(&p->fmask);
    free(p->xmap);
    free(p->cols);
    free(p->acc);
    free(p->acc_w);
    free(p->row);
    free(p->rgb);
    free(p->orow);
    free(p->color);
    free(p->mask);
    free(p->image);
    free(p->rows);
}

int image_unusable(const image_report *r, const char *why)
{
    diag_error(r->d, r->at, "cannot use image '%s': %s", r->name, why);
    return -1;
}

int image_encode(const image_info *info, const unsigned char *file, size_t len, int w, int h,
                 int quality, image_data *out, const image_report *r)
{
    memset(out, 0, sizeof *out);
    int full = w >= info->width && h >= info->height;
    if (full && info->format == IMAGE_JPEG && info->color != IMAGE_CMYK) {
        *out = (image_data){.data = file, .len = len, .dct = 1, .width = info->width,
                            .height = info->height, .colors = info->components, .bits = 8,
                            .space = info->color == IMAGE_GRAY ? "DeviceGray" : "DeviceRGB"};
        return 0;
    }
    if (full && info->format == IMAGE_PNG
        && !(info->flags & (IMAGE_ALPHA | IMAGE_TRNS | IMAGE_INTERLACED))) {
        if (png_pass(info, file, len, out, r) == 0)
            return 0;
        image_data_free(out);
        return -1;
    }
    pixpipe *p = calloc(1, sizeof *p);
    if (!p)
        return diag_oom(r->d);
    p->info = info;
    p->file = file;
    p->len = len;
    p->out = out;
    p->quality = quality;
    p->out_w = full ? info->width : w;
    p->out_h = full ? info->height : h;
    p->use_jpeg = info->format == IMAGE_JPEG;
    out->predictors = !p->use_jpeg;
    int rc = pipe_run(p);
    if (rc < 0 && p->failure == PIPE_OOM)
        diag_oom(r->d);
    else if (rc < 0 && p->failure == PIPE_BUG)
        diag_internal(r->d, "image '%s': %s", r->name, p->message);
    else if (rc < 0)
        image_unusable(r, p->message);
    pipe_free(p);
    free(p);
    if (rc < 0) {
        image_data_free(out);
        return -1;
    }
    out->data = (const unsigned char *)out->own.data;
    out->len = out->own.len;
    return 0;
}

void image_data_free(image_data *d)
{
    buf_free(&d->own);
    buf_free(&d->smask);
    d->data = NULL;
    d->len = 0;
}
