/* image.c — image XObjects (pdf_images), made once per
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
    pdf_obj *xobject;
    int embedded;              /* its data is in: where no resolution cap can change it,
                                  as soon as it is first drawn */
    char name[16];             /* its resource name */
    struct pdf_image *next;    /* in order of first appearance */
} pdf_image;

void images_init(pdf_images *im, pdf_objs *o, pdf_streams *s, arena *records,
                 pdf_obj *resources, const image_style *st, diag *d)
{
    *im = (pdf_images){.objs = o, .streams = s, .d = d, .records = records,
                       .resources = resources};
    im->tail = &im->list;
    if (st) {
        im->style = *st;
    } else {   /* the default style's */
        style defaults;
        style_default(&defaults);
        im->style = defaults.images;
    }
}

void images_free(pdf_images *im)
{
    strmap_free(im->by_path);
    im->by_path = NULL;
}

/* Where im is reported: at its first figure, by its name. */
static image_report report_of(const pdf_images *ims, const pdf_image *im)
{
    return (image_report){.d = ims->d, .at = im->first ? im->first->pos : (srcpos){0},
                          .name = im->info->name ? im->info->name : im->info->path};
}

/* An image XObject, its data to come (fill_image). NULL on error. */
static pdf_obj *new_image(pdf_objs *o)
{
    pdf_obj *x = obj_stream(o);
    if (obj_put_name(x, "Type", "XObject") < 0 || obj_put_name(x, "Subtype", "Image") < 0)
        return NULL;
    return x;
}

/* Image XObject x holding n bytes of stream data. NULL on error. */
static pdf_obj *fill_image(pdf_images *ims, pdf_obj *x, const image_data *o, int colors,
                           int bits, const unsigned char *p, size_t n, int dct, int predictors)
{
    if (!x || obj_put_int(x, "Width", o->width) < 0 || obj_put_int(x, "Height", o->height) < 0
        || obj_put_int(x, "BitsPerComponent", bits) < 0)
        return NULL;
    /* already compressed: held as it is */
    if (pdfw_stream_data(ims->streams, x, p, n, dct ? PDFW_DCT : PDFW_DEFLATED) < 0)
        return NULL;
    if (!dct && predictors) {
        pdf_obj *parms = obj_dict(ims->objs);
        if (!parms || obj_put(x, "DecodeParms", parms) < 0
            || obj_put_int(parms, "Predictor", 15) < 0
            || obj_put_int(parms, "Colors", colors) < 0
            || obj_put_int(parms, "BitsPerComponent", bits) < 0
            || obj_put_int(parms, "Columns", o->width) < 0)
            return NULL;
    }
    return x;
}

/* The XObject x (and its soft mask) filled with encoded image data. */
static pdf_obj *make_xobject(pdf_images *ims, pdf_obj *x, const image_data *o)
{
    pdf_objs *objs = ims->objs;
    x = fill_image(ims, x, o, o->colors, o->bits, o->data, o->len, o->dct, o->predictors);
    if (!x)
        return NULL;
    if (o->space) {
        if (obj_put_name(x, "ColorSpace", o->space) < 0)
            return NULL;
    } else {   /* [/Indexed /DeviceRGB hival <palette>] */
        pdf_obj *cs = obj_array(objs);
        pdf_obj *pal = obj_binary(objs, o->palette, (size_t)o->palette_size * 3);
        if (!cs || obj_put(x, "ColorSpace", cs) < 0 || !pal
            || obj_push_name(cs, "Indexed") < 0
            || obj_push_name(cs, "DeviceRGB") < 0
            || obj_push_int(cs, o->palette_size - 1) < 0
            || obj_push(cs, pal) < 0)
            return NULL;
    }
    if (o->smask.len) {
        pdf_obj *m = fill_image(ims, new_image(objs), o, 1, 8,
                                (const unsigned char *)o->smask.data, o->smask.len, 0, 1);
        if (!m || obj_put_name(m, "ColorSpace", "DeviceGray") < 0 || obj_put(x, "SMask", m) < 0)
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

static int embed(pdf_images *ims, pdf_image *im)
{
    image_report r = report_of(ims, im);
    char what[300];
    snprintf(what, sizeof what, "cannot use image '%s'", r.name);
    unsigned char *file = pdfw_read_checked(ims->d, r.at, what, im->info->path, im->info->bytes,
                                            im->info->hash);
    if (!file)
        return -1;
    int pw, ph;
    pixels_wanted(im, ims->style.max_dpi, &pw, &ph);
    image_data o;
    int rc = image_encode(im->info, file, im->info->bytes, pw, ph, ims->style.jpeg_quality, &o,
                          &r);
    if (rc == 0 && !make_xobject(ims, im->xobject, &o))
        rc = -1;
    image_data_free(&o);
    free(file);
    return rc;
}

int images_embed(pdf_images *ims)
{
    for (pdf_image *im = ims->list; im; im = im->next)
        if (!im->embedded && embed(ims, im) < 0)
            return -1;
    return 0;
}

/* The image of item it, made when first drawn; its data goes in then when no
 * resolution cap applies (the stored pixels, whatever the box), else at the
 * end, when the largest box it is drawn in is known. NULL on error. */
static pdf_image *image_use(pdf_images *ims, const item *it)
{
    if (!it->image || !it->image->path) {
        diag_internal(ims->d, "an image item without an image");
        return NULL;
    }
    if (!ims->by_path && !(ims->by_path = strmap_new())) {
        diag_oom(ims->d);
        return NULL;
    }
    pdf_image *im = strmap_get(ims->by_path, it->image->path);
    if (!im) {
        if (!(im = arena_alloc(ims->records, sizeof *im))
            || strmap_put(ims->by_path, it->image->path, im) < 0) {
            diag_oom(ims->d);
            return NULL;
        }
        *im = (pdf_image){.info = it->image, .first = it->node};
        *ims->tail = im;
        ims->tail = &im->next;
        snprintf(im->name, sizeof im->name, "X%d", ++ims->count);
        if (!ims->dict && (!(ims->dict = obj_dict(ims->objs))
                           || obj_put(ims->resources, "XObject", ims->dict) < 0))
            return NULL;
        if (!(im->xobject = new_image(ims->objs)) || obj_put(ims->dict, im->name, im->xobject) < 0)
            return NULL;
    }
    im->max_w = fmax(im->max_w, it->w);
    im->max_h = fmax(im->max_h, it->h);
    if (!im->embedded && !(ims->style.max_dpi > 0)) {   /* on the writer's thread, while layout goes on */
        if (embed(ims, im) < 0)
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

int images_draw(pdf_images *ims, buf *out, const item *it)
{
    pdf_image *im = image_use(ims, it);
    if (!im)
        return -1;
    const char *name = im->name;
    double m[6];
    orientation_matrix(im->info->orientation, it, m);
    int rc = buf_puts(out, "q");
    for (int k = 0; k < 6 && rc == 0; k++)
        rc = buf_puts(out, " ") < 0 || pdfw_num(out, m[k]) < 0 ? -1 : 0;
    if (rc < 0 || buf_puts(out, " cm /") < 0 || buf_puts(out, name) < 0
        || buf_puts(out, " Do Q\n") < 0)
        return diag_oom(ims->d);
    return 0;
}
