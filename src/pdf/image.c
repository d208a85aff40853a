/* image.c — image XObjects, built with libharu's object layer once per
 * document from the facts the input stage found (image_info) and the bytes it
 * checked: how many pixels each image needs (the style's max-dpi where it is
 * drawn largest), its stream data from pixels.c, the XObject with its colour
 * space (grey, RGB, or indexed over a PNG palette) and /SMask, and drawing it
 * turned and flipped as its EXIF orientation says. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf-private.h"

/* One image of the document. */
typedef struct pdf_image {
    const image_info *info;
    const node *first;         /* the first figure showing it: where errors are reported */
    double max_w, max_h;       /* the largest box it is drawn in, points, as shown */
    HPDF_Dict xobject;
    int embedded;              /* its data is in: where no resolution cap can change it,
                                  as soon as it is first drawn */
    char name[16];             /* its resource name */
    struct pdf_image *next;    /* in order of first appearance */
} pdf_image;

/* Say why im cannot be used, at its first figure: the input's fault, unless
 * it is for want of memory. */
static void image_error(pdf_writer *w, const pdf_image *im, const char *why)
{
    srcpos at = im->first ? im->first->pos : (srcpos){0};
    if (strcmp(why, "out of memory") == 0)
        diag_oom(w->d);
    else
        diag_error(w->d, at, "cannot use image '%s': %s", im->info->name ? im->info->name
                   : im->info->path, why);
    w->reported = 1;
}

/* The file's bytes, exactly those the input stage checked. Heap; NULL after reporting. */
static unsigned char *read_checked(pdf_writer *w, const pdf_image *im)
{
    char why[160];
    unsigned char *data = pdfw_read_checked(im->info->path, im->info->bytes, im->info->hash,
                                            why, sizeof why);
    if (!data)
        image_error(w, im, why);
    return data;
}

/* An image XObject, its data to come (fill_image). NULL on error. */
static HPDF_Dict new_image(pdf_writer *w)
{
    HPDF_Dict x = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
    if (!x)
        return NULL;
    x->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    if (HPDF_Dict_AddName(x, "Type", "XObject") != HPDF_OK
        || HPDF_Dict_AddName(x, "Subtype", "Image") != HPDF_OK)
        return NULL;
    return x;
}

/* Image XObject x holding n bytes of stream data. NULL on error. */
static HPDF_Dict fill_image(pdf_writer *w, HPDF_Dict x, const image_data *o, int colors,
                            int bits, const unsigned char *p, size_t n, int dct, int predictors)
{
    if (!x || HPDF_Dict_AddNumber(x, "Width", o->width) != HPDF_OK
        || HPDF_Dict_AddNumber(x, "Height", o->height) != HPDF_OK
        || HPDF_Dict_AddNumber(x, "BitsPerComponent", bits) != HPDF_OK)
        return NULL;
    if (pdfw_stream_data(w, x, p, n, 0) < 0)   /* already compressed: held as it is */
        return NULL;
    if (dct) {
        x->filter = HPDF_STREAM_FILTER_DCT_DECODE;
        return x;
    }
    x->write_fn = pdfw_write_flate_filter;
    if (predictors) {
        HPDF_Dict parms = HPDF_Dict_New(w->pdf->mmgr);
        if (!parms || HPDF_Dict_Add(x, "DecodeParms", parms) != HPDF_OK
            || HPDF_Dict_AddNumber(parms, "Predictor", 15) != HPDF_OK
            || HPDF_Dict_AddNumber(parms, "Colors", colors) != HPDF_OK
            || HPDF_Dict_AddNumber(parms, "BitsPerComponent", bits) != HPDF_OK
            || HPDF_Dict_AddNumber(parms, "Columns", o->width) != HPDF_OK)
            return NULL;
    }
    return x;
}

/* The XObject x (and its soft mask) filled with encoded image data. */
static HPDF_Dict make_xobject(pdf_writer *w, HPDF_Dict x, const image_data *o)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    x = fill_image(w, x, o, o->colors, o->bits, o->data, o->len, o->dct, o->predictors);
    if (!x)
        return NULL;
    if (o->space) {
        if (HPDF_Dict_AddName(x, "ColorSpace", o->space) != HPDF_OK)
            return NULL;
    } else {   /* [/Indexed /DeviceRGB hival <palette>] */
        HPDF_Array cs = HPDF_Array_New(mm);
        HPDF_Binary pal = HPDF_Binary_New(mm, (HPDF_BYTE *)o->palette,
                                          (HPDF_UINT)o->palette_size * 3);
        if (!cs || HPDF_Dict_Add(x, "ColorSpace", cs) != HPDF_OK || !pal
            || HPDF_Array_AddName(cs, "Indexed") != HPDF_OK
            || HPDF_Array_AddName(cs, "DeviceRGB") != HPDF_OK
            || HPDF_Array_AddNumber(cs, o->palette_size - 1) != HPDF_OK
            || HPDF_Array_Add(cs, pal) != HPDF_OK)
            return NULL;
    }
    if (o->smask.len) {
        HPDF_Dict m = fill_image(w, new_image(w), o, 1, 8, (const unsigned char *)o->smask.data,
                                 o->smask.len, 0, 1);
        if (!m || HPDF_Dict_AddName(m, "ColorSpace", "DeviceGray") != HPDF_OK
            || HPDF_Dict_Add(x, "SMask", m) != HPDF_OK)
            return NULL;
    }
    return x;
}

/* Pixels to embed: the stored size, or fewer when max_dpi caps the resolution
 * at the largest box the image is drawn in. */
static void pixels_wanted(const pdf_image *im, double max_dpi, int *w, int *h)
{
    const image_info *info = im->info;
    *w = info->width;
    *h = info->height;
    if (!(max_dpi > 0))
        return;
    int turned = info->orientation >= 5;   /* the stored width runs up the page */
    double along_w = (turned ? im->max_h : im->max_w) / 72.0 * max_dpi;
    double along_h = (turned ? im->max_w : im->max_h) / 72.0 * max_dpi;
    double scale = fmax(floor(along_w) / info->width, floor(along_h) / info->height);
    if (!(scale < 1))
        return;
    *w = (int)fmax(1, fmin(info->width, round(info->width * scale)));
    *h = (int)fmax(1, fmin(info->height, round(info->height * scale)));
}

static int embed(pdf_writer *w, pdf_image *im, const image_style *st)
{
    unsigned char *file = read_checked(w, im);
    if (!file)
        return -1;
    int pw, ph;
    pixels_wanted(im, st->max_dpi, &pw, &ph);
    image_data o;
    char why[256];
    int rc = image_encode(im->info, file, im->info->bytes, pw, ph, st->jpeg_quality, &o, why,
                          sizeof why);
    if (rc < 0)
        image_error(w, im, why);
    else if (!make_xobject(w, im->xobject, &o))
        rc = -1;
    image_data_free(&o);
    free(file);
    return rc;
}

/* The style's image settings (the default style's when the options have none). */
static const image_style *image_settings(const pdf_writer *w, style *defaults)
{
    if (w->opts->images)
        return w->opts->images;
    style_default(defaults);
    return &defaults->images;
}

int images_embed(pdf_writer *w)
{
    style defaults;
    const image_style *st = image_settings(w, &defaults);
    for (pdf_image *im = w->image_list; im; im = im->next)
        if (!im->embedded && embed(w, im, st) < 0)
            return -1;
    return 0;
}

/* The image of item it, made when first drawn; its data goes in then when no
 * resolution cap applies (the stored pixels, whatever the box), else at the
 * end, when the largest box it is drawn in is known. NULL on error. */
static pdf_image *image_use(pdf_writer *w, const item *it)
{
    if (!it->image || !it->image->path)
        return NULL;
    if (!w->images && !(w->images = strmap_new()))
        return NULL;
    pdf_image *im = strmap_get(w->images, it->image->path);
    if (!im) {
        if (!(im = arena_alloc(w->records, sizeof *im))
            || strmap_put(w->images, it->image->path, im) < 0)
            return NULL;
        *im = (pdf_image){.info = it->image, .first = it->node};
        *w->image_tail = im;
        w->image_tail = &im->next;
        snprintf(im->name, sizeof im->name, "X%d", ++w->nxobjects);
        if (!w->res_xobjects && (!(w->res_xobjects = HPDF_Dict_New(w->pdf->mmgr))
                                 || HPDF_Dict_Add(w->resources, "XObject", w->res_xobjects)
                                        != HPDF_OK))
            return NULL;
        if (!(im->xobject = new_image(w))
            || HPDF_Dict_Add(w->res_xobjects, im->name, im->xobject) != HPDF_OK)
            return NULL;
    }
    im->max_w = fmax(im->max_w, it->w);
    im->max_h = fmax(im->max_h, it->h);
    style defaults;
    const image_style *st = image_settings(w, &defaults);
    if (!im->embedded && !(st->max_dpi > 0)) {   /* on the writer's thread, while layout goes on */
        if (embed(w, im, st) < 0)
            return NULL;
        im->embedded = 1;
    }
    return im;
}

/* The unit square into the box, turned and flipped as EXIF orientation 1..8
 * says: the matrix that takes image space (row 0 at the top) to the picture
 * as it is meant to be seen. */
static void orientation_matrix(int orientation, const item *it, double m[6])
{
    static const signed char unit[9][6] = {
        {1, 0, 0, 1, 0, 0},                          /* (unknown: as 1) */
        {1, 0, 0, 1, 0, 0},   {-1, 0, 0, 1, 1, 0},   /* 1 as stored, 2 mirrored */
        {-1, 0, 0, -1, 1, 1}, {1, 0, 0, -1, 0, 1},   /* 3 turned 180°, 4 flipped */
        {0, -1, -1, 0, 1, 1}, {0, -1, 1, 0, 0, 1},   /* 5 transposed, 6 turned 90° right */
        {0, 1, 1, 0, 0, 0},   {0, 1, -1, 0, 1, 0},   /* 7 transversed, 8 turned 90° left */
    };
    const signed char *u = unit[orientation >= 1 && orientation <= 8 ? orientation : 0];
    m[0] = u[0] * it->w;
    m[1] = u[1] * it->h;
    m[2] = u[2] * it->w;
    m[3] = u[3] * it->h;
    m[4] = it->x + u[4] * it->w;
    m[5] = it->y + u[5] * it->h;
}

int images_draw(pdf_writer *w, buf *out, const item *it)
{
    pdf_image *im = image_use(w, it);
    if (!im || !im->xobject)
        return -1;
    const char *name = im->name;
    double m[6];
    orientation_matrix(im->info->orientation, it, m);
    if (buf_puts(out, "q") < 0)
        return -1;
    for (int k = 0; k < 6; k++)
        if (buf_puts(out, " ") < 0 || pdfw_num(out, m[k]) < 0)
            return -1;
    return buf_puts(out, " cm /") < 0 || buf_puts(out, name) < 0 || buf_puts(out, " Do Q\n") < 0
           ? -1 : 0;
}
