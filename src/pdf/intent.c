/* intent.c — the PDF/A output intent: the sRGB profile of Debian's
 * icc-profiles-free, compiled in by the Makefile (tools/embed-icc.sh checks
 * its header and writes srgb_icc.h), as the catalog's /OutputIntents. With it
 * the DeviceRGB and DeviceGray colour of text, rules and images is defined
 * (PDF/A-2 6.2.3, 6.2.4.3). */
#include "pdf-private.h"
#include "srgb_icc.h"

/* The ICC registry's name of the condition the profile describes. */
#define SRGB_CONDITION "sRGB IEC61966-2.1"

int intent_write(pdf_writer *w)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict icc, oi;
    HPDF_Array list;
    void *s;
    HPDF_TRYP(icc, HPDF_DictStream_New(mm, w->pdf->xref));
    HPDF_TRY(HPDF_Dict_AddNumber(icc, "N", 3));
    if (pdfw_stream_data(w, icc, srgb_icc, sizeof srgb_icc, 1) < 0)
        return -1;

    HPDF_TRYP(oi, HPDF_Dict_New(mm));
    HPDF_TRY(HPDF_Dict_AddName(oi, "Type", "OutputIntent"));
    HPDF_TRY(HPDF_Dict_AddName(oi, "S", "GTS_PDFA1"));   /* also for PDF/A-2 */
    HPDF_TRYP(s, HPDF_String_New(mm, SRGB_CONDITION, NULL));
    HPDF_TRY(HPDF_Dict_Add(oi, "OutputConditionIdentifier", s));
    HPDF_TRYP(s, HPDF_String_New(mm, SRGB_CONDITION, NULL));
    HPDF_TRY(HPDF_Dict_Add(oi, "Info", s));
    HPDF_TRY(HPDF_Dict_Add(oi, "DestOutputProfile", icc));
    HPDF_TRYP(list, HPDF_Array_New(mm));
    HPDF_TRY(HPDF_Dict_Add(w->pdf->catalog, "OutputIntents", list));
    HPDF_TRY(HPDF_Array_Add(list, oi));
    return 0;
}
