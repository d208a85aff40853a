/* intent.c — the PDF/A output intent: the sRGB profile of Debian's
 * icc-profiles-free, compiled in by the Makefile (tools/embed-icc.sh checks
 * its header and writes srgb_icc.h), as the catalog's /OutputIntents. With it
 * the DeviceRGB and DeviceGray colour of text, rules and images is defined
 * (PDF/A-2 6.2.3, 6.2.4.3). */
#include "pdf-private.h"
#include "srgb_icc.h"

/* The ICC registry's name of the condition the profile describes. */
#define SRGB_CONDITION "sRGB IEC61966-2.1"

int intent_write(pdf_objs *o, pdf_streams *s)
{
    pdf_obj *icc, *oi, *list;
    TRYP(icc, obj_stream(o));
    TRY(obj_put_int(icc, "N", 3));
    TRY(pdfw_stream_data(s, icc, srgb_icc, sizeof srgb_icc, PDFW_FLATE));

    TRYP(oi, obj_dict(o));
    TRY(obj_put_name(oi, "Type", "OutputIntent"));
    TRY(obj_put_name(oi, "S", "GTS_PDFA1"));   /* also for PDF/A-2 */
    TRY(obj_put(oi, "OutputConditionIdentifier", obj_string(o, SRGB_CONDITION)));
    TRY(obj_put(oi, "Info", obj_string(o, SRGB_CONDITION)));
    TRY(obj_put(oi, "DestOutputProfile", icc));
    TRYP(list, obj_array(o));
    TRY(obj_put(objs_catalog(o), "OutputIntents", list));
    return obj_push(list, oi);
}
