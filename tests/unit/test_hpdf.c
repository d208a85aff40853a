/* test_hpdf.c — the door to libharu (pdf/hpdf.c) on its own: objects written
 * as libharu writes them, and its error contract — every failure reported
 * once through the diag with its kind (a limit of libharu's reached by the
 * input's size: an input error; out of memory: a system error; an object
 * that was never made: internal), sticky, later calls failing without a
 * word. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pdf/hpdf.h"

/* A new document reporting through d (counted, not printed); checked. */
static pdf_objs *open_doc(diag *d)
{
    *d = (diag){.out = NULL};
    pdf_objs *o = objs_new(d);
    CHECK(o != NULL);
    return o;
}

/* The entries of dict (freed) as written, into out; 0 or -1. */
static int entries_of(pdf_objs *o, pdf_obj *dict, char *out, size_t size)
{
    arena *a = arena_new();
    char *text = NULL;
    int rc = a ? obj_entries(o, dict, a, &text) : -1;
    snprintf(out, size, "%s", text ? text : "");
    arena_free(a);
    return rc;
}

static void test_entries_written_as_libharu_does(void)
{
    diag d;
    pdf_objs *o = open_doc(&d);
    if (!o)
        return;
    pdf_obj *dict = obj_dict(o), *arr = obj_array(o);
    CHECK(obj_put_name(dict, "Type", "Annot") == 0);
    CHECK(obj_put_int(dict, "F", 4) == 0);
    CHECK(obj_put_real(dict, "X", 1.5) == 0);
    CHECK(obj_put_bool(dict, "B", 1) == 0);
    CHECK(obj_push_int(arr, 0) == 0 && obj_push_name(arr, "XYZ") == 0);
    CHECK(obj_put(dict, "A", arr) == 0);
    CHECK(obj_put(dict, "S", obj_string(o, "a(b)")) == 0);
    CHECK(obj_put_int(dict, "F", 2) == 0);   /* a key put again keeps its place */
    char text[256];
    CHECK(entries_of(o, dict, text, sizeof text) == 0);
    CHECK(strcmp(text, "/Type /Annot\n/F 2\n/X 1.5\n/B true\n/A [ 0 /XYZ ]\n/S (a\\050b\\051)\n")
          == 0);
    CHECK(d.errors == 0 && d.kind == ERR_NONE);
    CHECK(objs_count(o) > 1);   /* libharu's own objects: catalog, pages */
    objs_free(o);
}

static void test_array_limit_is_an_input_error_once(void)
{
    diag d;
    pdf_objs *o = open_doc(&d);
    if (!o)
        return;
    pdf_obj *arr = obj_array(o);
    int rc = 0;
    for (int i = 0; i <= PDF_MAX_ARRAY && rc == 0; i++)
        rc = obj_push_int(arr, i);
    CHECK(rc == -1);
    CHECK(d.kind == ERR_INPUT && d.errors == 1);
    /* sticky: the document has failed, and says so once */
    CHECK(obj_dict(o) == NULL);
    CHECK(obj_put_int(objs_catalog(o), "X", 1) == -1);
    CHECK(obj_indirect(o, arr) == -1);
    CHECK(d.errors == 1);
    obj_free(o, arr);
    objs_free(o);
}

static void test_real_limit_is_an_input_error(void)
{
    diag d;
    pdf_objs *o = open_doc(&d);
    if (!o)
        return;
    /* libharu itself records the error but makes the real anyway, unset */
    CHECK(obj_put_real(objs_catalog(o), "X", 40000.0) == -1);
    CHECK(d.kind == ERR_INPUT && d.errors == 1);
    CHECK(obj_push_real(obj_array(o), -40000.0) == -1 && d.errors == 1);
    objs_free(o);
}

static void test_object_never_made_is_internal(void)
{
    diag d;
    pdf_objs *o = open_doc(&d);
    if (!o)
        return;
    CHECK(obj_put(objs_catalog(o), "X", NULL) == -1);
    CHECK(d.kind == ERR_INTERNAL && d.errors == 1);
    objs_free(o);
}

static void test_oom_is_a_system_error_once(void)
{
    diag d;
    pdf_objs *o = open_doc(&d);
    if (!o)
        return;
    CHECK(objs_oom(o) == -1);
    CHECK(objs_oom(o) == -1);
    CHECK(d.kind == ERR_SYSTEM && d.errors == 1);
    CHECK(obj_array(o) == NULL && d.errors == 1);
    objs_free(o);
}

static void test_stream_data_and_id(void)
{
    diag d;
    pdf_objs *o = open_doc(&d);
    if (!o)
        return;
    pdf_obj *s = obj_stream(o);
    CHECK(s != NULL);
    obj_data *data = malloc(sizeof *data + 3);
    if (data) {
        *data = (obj_data){.len = 3, .fd = -1};
        memcpy(data->data, "abc", 3);
    }
    CHECK(data && obj_stream_data(s, data, OBJ_RAW) == 0);
    objs_hash(o, "title", 5);
    CHECK(objs_add_id(o) == 0);
    CHECK(objs_check(o) == 0);
    CHECK(objs_kind(o, objs_count(o) - 2) == OBJ_STREAM);   /* the stream, then its /Length */
    CHECK(d.errors == 0);
    objs_free(o);
}

int main(void)
{
    RUN(test_entries_written_as_libharu_does);
    RUN(test_array_limit_is_an_input_error_once);
    RUN(test_real_limit_is_an_input_error);
    RUN(test_object_never_made_is_internal);
    RUN(test_oom_is_a_system_error_once);
    RUN(test_stream_data_and_id);
    return CHECK_DONE();
}
