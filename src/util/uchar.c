/* uchar.c — which code points text may carry: the one home of the decision
 * that the input sanitiser (input/sanitize.c) enforces with warnings and that
 * the text module re-checks before libunibreak and HarfBuzz; and which are
 * Hangul, for input's language spans and text's Korean rules. General
 * categories come from HarfBuzz's Unicode functions (the Unicode version
 * HarfBuzz was built with), not from tables of our own. */
#include <hb.h>
#include <string.h>
#include "util.h"

int uchar_setup(diag *d)
{
    /* made on first use; when that allocation fails HarfBuzz keeps its empty
     * functions for good, and every character would read as unassigned */
    if (hb_unicode_funcs_get_default() == hb_unicode_funcs_get_empty())
        return diag_oom(d);
    return 0;
}

enum uchar_kind uchar_classify(uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F)
        return UC_OK;
    if (cp == '\t' || cp == '\n')
        return UC_OK;   /* blanks the Markdown and YAML parsers need */
    if (cp > 0x10FFFF)
        return UC_INVALID;
    if (cp == 0xFEFF)
        return UC_BOM;
    if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
        return UC_NONCHARACTER;
    switch (hb_unicode_general_category(hb_unicode_funcs_get_default(), cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_CONTROL:
        return cp >= 0x80 ? UC_C1_CONTROL : UC_CONTROL;
    case HB_UNICODE_GENERAL_CATEGORY_SURROGATE:
        return UC_SURROGATE;
    case HB_UNICODE_GENERAL_CATEGORY_UNASSIGNED:
        return UC_UNASSIGNED;
    default:
        return UC_OK;   /* letters, marks, numbers, punctuation, symbols,
                           separators, format characters, private use */
    }
}

int uchar_is_hangul(uint32_t cp)
{
    return uchar_is_hangul_syllable(cp) || (cp >= 0x1100 && cp <= 0x11FF) ||   /* jamo */
           (cp >= 0x3131 && cp <= 0x318E) ||   /* compatibility jamo */
           (cp >= 0xA960 && cp <= 0xA97F) ||   /* jamo extended-A */
           (cp >= 0xD7B0 && cp <= 0xD7FF);     /* jamo extended-B */
}

const char *uchar_kind_name(enum uchar_kind k)
{
    switch (k) {
    case UC_CONTROL: return "control character";
    case UC_C1_CONTROL: return "C1 control character";
    case UC_NONCHARACTER: return "noncharacter";
    case UC_UNASSIGNED: return "unassigned code point";
    case UC_SURROGATE: return "surrogate code point";
    case UC_BOM: return "byte-order mark";
    case UC_INVALID: return "code point beyond U+10FFFF";
    default: return "character";
    }
}

int is_mail_atext(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}
