/* breaks.c — line-break opportunities: UAX #14 through libunibreak, tailored
 * for Korean as in the team notes on Korean typography (korean-typography.md §1). Sets
 * chars[i].brk (the position after char i) to one of BRK_NONE, BRK_ALLOW,
 * BRK_HARD, BRK_SOFT_HYPHEN, BRK_EMERGENCY1, BRK_EMERGENCY2; paragraph.c keeps
 * the emergency classes only inside a word wider than the line.
 *
 * Rules → functions:
 *   UAX #14 (English, and Korean inside an eojeol) .. set_linebreaks_utf32 in
 *                                  text_find_breaks; hard breaks from TC_HARD
 *   R1.2 eojeol mode: break only after U+0020/U+3000 runs or U+200B,
 *        never at U+00A0/U+202F ................. korean_space_break
 *   R1.3 Hangul/Han remapped to AL in Korean .... remap_for_uax14
 *   R1.4 closing mark + Hangul stays together .... is_closing (korean_inner_break)
 *   R1.5 kinsoku (START-/END-FORBIDDEN) ......... start_forbidden, end_forbidden
 *   R1.6 numbers whole ............................ UAX #14 LB25 on the remapped text
 *   R1.7 last resort: 1. tailored UAX #14 / after · / ~ - — (BRK_EMERGENCY1),
 *                     2. Hangul–Hangul (BRK_EMERGENCY2) .. korean_inner_break
 *   R1.8 syllable mode: Hangul–Hangul is BRK_ALLOW ...... korean_inner_break
 *   R4.1 the markers of government paragraphs ........... marker_word
 *   R4.2 their hang: the text after marker and space .... text_marker_text
 *   R4.3 no break after a line-initial marker ........... is_lead_marker
 *   R6.1 amounts, dates, times stay whole ............... protected_space
 *        — but not across a postposition: 2일(화)부터 | 9월 .. ends_phrase
 *   URLs and e-mail addresses (Chicago Manual): after //, before
 *        / . , - _ ~ ? # % @, around = & ................. url_break
 *        — also those written as plain text ............. mark_bare_addresses
 *   U+00AD soft hyphen: BRK_SOFT_HYPHEN between two Latin letters, outside
 *        URLs and code; none beside Hangul (R7.2) ...... soft_hyphen_break
 *   hyphenation points (BRK_HYPHEN) ..................... hyphen.c */
#include <linebreak.h>
#include <stdlib.h>
#include <string.h>
#include "text-private.h"

static int in_set(uint32_t c, const uint32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == c)
            return 1;
    return 0;
}

/* R1.5: no line may start with these. */
static int start_forbidden(uint32_t c)
{
    static const uint32_t set[] = {
        0x300D, 0x300F, 0xFF09, 0x3009, 0x300B, 0x3011, 0x3015, 0xFF3D, 0xFF5D, ')', ']', '}',
        0x2019, 0x201D, '.', ',', ':', ';', '!', '?', 0x3002, 0x3001, 0xFF0E, 0xFF0C, 0xFF1A,
        0xFF1B, 0xFF01, 0xFF1F, 0x00B7, 0x30FB, 0x2026, 0x2025, 0x3003, 0x30FC, 0x2010, '-',
        0x2014, 0x301C, '%', 0xFF05, 0x2103, 0x2030, 0x00B0, 0x2032, 0x2033};
    return in_set(c, set, sizeof set / sizeof set[0]);
}

/* R1.5: no line may end with these. */
static int end_forbidden(uint32_t c)
{
    static const uint32_t set[] = {0x300C, 0x300E, 0xFF08, 0x3008, 0x300A, 0x3010, 0x3014,
                                   0xFF3B, 0xFF5B, '(', '[', '{', 0x2018, 0x201C, '$',
                                   0x20A9, 0xFFE6};
    return in_set(c, set, sizeof set / sizeof set[0]);
}

/* R1.4: closing marks that keep a following Hangul particle. */
static int is_closing(uint32_t c)
{
    static const uint32_t set[] = {0x300D, 0x300F, 0xFF09, 0x3009, 0x300B, 0x3011, 0x3015,
                                   0xFF3D, 0xFF5D, ')', ']', '}', 0x2019, 0x201D, 0x2026, '"',
                                   '\''};
    return in_set(c, set, sizeof set / sizeof set[0]);
}

/* A syllable-sized character: a Hangul syllable or a Han ideograph. */
static int is_syllable_char(uint32_t c)
{
    return uchar_is_hangul_syllable(c) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
}

static int is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static int is_letter(uint32_t c)
{
    return uchar_is_hangul(c) || is_syllable_char(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* What libunibreak 1.1 (Debian bookworm) may be handed. Two inputs make it
 * abort (assert) instead of answering: U+FFFF, which its UTF-32 reader takes
 * for the end of the text (the loop stops early and the check that every
 * position got a class fails; as the first character it returns with brks
 * unwritten), and the regional indicators U+1F1E6–1F1FF of flag emoji, whose
 * class RI has no row in its pair table (assert lbcNew <= LBP_JT). Past
 * U+10FFFF and surrogates have no class at all. These stand in as U+FFFD
 * (class AI, resolved to AL: a flag's two halves stay together). The input
 * stage drops U+FFFF and the like before this; this is the text module's own
 * guard, so no text handed to it ends in abort(). */
static uint32_t uax14_safe(uint32_t cp)
{
    if (cp == 0xFFFF || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
        (cp >= 0x1F1E6 && cp <= 0x1F1FF))
        return 0xFFFD;
    return cp;
}

/* R1.3: what libunibreak sees for char c. */
static uint32_t remap_for_uax14(const tchar *c)
{
    if ((c->flags & TC_KOREAN) && ((c->flags & TC_HANGUL) || is_syllable_char(c->cp)))
        return 'a';
    return uax14_safe(c->cp);
}

/* Does the word chars[a..) start with the UTF-8 literal lit? Returns its length in chars, or 0. */
static size_t starts_with(const tchar *ch, size_t a, size_t end, const char *lit)
{
    size_t k = a, len = strlen(lit);
    for (size_t o = 0; o < len;) {
        uint32_t cp;
        int u = utf8_decode(lit + o, len - o, &cp);
        if (!u || k >= end || ch[k].cp != cp)
            return 0;
        o += (size_t)u;
        k++;
    }
    return k - a;
}

/* Is chars[a..) (a word after a counter) only a particle and punctuation?
 * trim: just after the word's last letter or digit (see word_scan). */
static int only_particle(const tchar *ch, size_t a, size_t trim)
{
    static const char *const particles[] = {
        "이", "가", "을", "를", "은", "는", "의", "에", "에서", "에게", "으로", "로", "과", "와",
        "도", "만", "씩", "까지", "부터", "보다", "이며", "이고", "이다", "입니다", "이상", "이하",
        "이내", "가량", "정도", "당", "째", "간", "께", "여"};
    size_t end = trim > a ? trim : a;   /* trailing punctuation dropped */
    if (end == a)
        return 1;
    for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++)
        if (starts_with(ch, a, end, particles[i]) == end - a)
            return 1;
    return 0;
}

static int is_number_prefix(uint32_t c)
{
    return c == '(' || c == '$' || c == 0x20A9 || c == 0xFFE6;
}

/* Number-initial word: digits after an optional prefix ( $ ₩ ￦. */
static int number_initial(const tchar *ch, size_t a, size_t end)
{
    while (a < end && is_number_prefix(ch[a].cp))
        a++;
    return a < end && is_digit(ch[a].cp);
}

/* What korean_space_break needs about the words either side of a break,
 * remembered while the scan moves right: text cut by U+200B into many break
 * points would otherwise have its whole eojeol rescanned at each of them. */
typedef struct word_scan {
    size_t run_start;        /* start of the latest run without spaces or hard breaks */
    size_t pfx_at, pfx_end;  /* from pfx_at, the first char that is not ( $ ₩ ￦ */
    int have_pfx;
    size_t next_sep;         /* the first space or hard break after the break point */
    size_t trim_end;         /* just after the last letter or digit before next_sep */
    int have_sep;
} word_scan;

/* Does word X = [xs, xe) end with a postposition that closes a noun phrase
 * (2일(화)부터, 3.5%로)? Then a number after it starts a new phrase, and
 * R6.1 does not hold X and it together: 7월 2일(화)부터 | 9월 29일(일)까지.
 * (만 and 도 are left out: they are also units, as in 2,000만 원 and 5도.) */
static int ends_phrase(const tchar *ch, size_t xs, size_t xe)
{
    static const char *const endings[] = {"부터", "까지", "에서", "에게", "으로", "로", "은", "는",
                                          "을", "를", "이", "가", "의", "에", "와", "과"};
    for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++) {
        size_t k = strlen(endings[i]) / 3;   /* syllables, 3 bytes each in UTF-8 */
        if (xe - xs > k && starts_with(ch, xe - k, xe, endings[i]) == k)
            return 1;
    }
    return 0;
}

/* R6.1: the space between word X = [xs, xe) and word Y = [ys, ye) must not break.
 * x_number: X is number-initial; y_trim: Y's end without trailing punctuation. */
static int protected_space(const tchar *ch, size_t xs, size_t xe, size_t ys, size_t ye,
                           int x_number, size_t y_trim)
{
    static const char *const counters[] = {"원", "달러", "명", "개월", "개", "건", "회", "곳",
                                           "년", "월", "일", "시", "분", "초", "배"};
    if ((starts_with(ch, xs, xe, "오전") == 2 || starts_with(ch, xs, xe, "오후") == 2) && xe - xs == 2)
        return number_initial(ch, ys, ye);
    if (!x_number || ends_phrase(ch, xs, xe))
        return 0;
    if (number_initial(ch, ys, ye))
        return 1;
    for (size_t i = 0; i < sizeof counters / sizeof counters[0]; i++) {
        size_t k = starts_with(ch, ys, ye, counters[i]);
        if (k && only_particle(ch, ys + k, y_trim))
            return 1;
    }
    return 0;
}

/* R4.1: is a word of n chars, the first `first` and the last `last`, a list
 * marker — □ ○ ▲ and the other geometric shapes, ①② and the circled and
 * parenthesised numbers, ㉮, ※ · - * ㅇ • – —, or a short 1. 가. 1) (가)? */
static int marker_word(uint32_t first, uint32_t last, size_t n)
{
    if (n == 1)
        return (first >= 0x25A0 && first <= 0x25FF) || (first >= 0x2460 && first <= 0x24FF) ||
               (first >= 0x3260 && first <= 0x327F) || first == 0x203B || first == 0x00B7 ||
               first == '-' || first == '*' || first == 0x3147 || first == 0x2022 ||
               first == 0x2013 || first == 0x2014;
    return n > 1 && n <= 4 && (last == '.' || last == ')');
}

/* R4.3: word [xs, xe) is a list marker at the start of the paragraph or a line. */
static int is_lead_marker(const tchar *ch, size_t xs, size_t xe)
{
    if (xe <= xs || (xs > 0 && !(ch[xs - 1].flags & TC_HARD)))
        return 0;
    return marker_word(ch[xs].cp, ch[xe - 1].cp, xe - xs);
}

static int is_marker_space(uint32_t c)
{
    return c == ' ' || c == 0x3000;
}

size_t text_marker_text(const para_text *pt, size_t at)
{
    const tchar *ch = pt->chars;
    size_t n = pt->nchars, xe = at, t;
    while (xe < n && !(ch[xe].flags & (TC_SPACE | TC_HARD)))
        xe++;
    for (t = xe; t < n && (ch[t].flags & TC_SPACE) && !(ch[t].flags & TC_HARD); t++)
        ;
    /* R4.3 holds the marker to its text only in Korean text: so does the hang */
    if (t == xe || t == n || (ch[t].flags & TC_HARD) || !((ch[t - 1].flags | ch[t].flags) & TC_KOREAN) ||
        !is_lead_marker(ch, at, xe))
        return at;
    return t;
}

size_t text_lead_marker(const char *s, size_t len)
{
    uint32_t first = 0, last = 0, c = 0;
    size_t o = 0, nchars = 0;
    int u;
    while (o < len && (u = utf8_decode(s + o, len - o, &c)) > 0 && !is_marker_space(c)) {
        first = nchars++ ? first : c;
        last = c;
        o += (size_t)u;
    }
    if (o == 0 || o == len || !marker_word(first, last, nchars))
        return 0;
    while (o < len && (u = utf8_decode(s + o, len - o, &c)) > 0 && is_marker_space(c))
        o += (size_t)u;
    return o < len ? o : 0;
}

/* R1.2 with R1.5, R4.3, R6.1: may the line break after the space (or U+200B) at i?
 * ws: the scan state, with run_start up to date for char i. */
static int korean_space_break(const tchar *ch, size_t n, size_t i, word_scan *ws)
{
    if (start_forbidden(ch[i + 1].cp))
        return 0;
    size_t xe = i + 1;
    while (xe > 0 && (ch[xe - 1].flags & TC_SPACE))
        xe--;
    if (xe == 0)
        return 0;   /* nothing before: leading spaces */
    if (end_forbidden(ch[xe - 1].cp))
        return 0;
    /* X: the run of non-spaces ending at xe (empty after a hard break) */
    size_t xs = (ch[xe - 1].flags & TC_HARD) ? xe : ws->run_start;
    if (is_lead_marker(ch, xs, xe))
        return 0;
    if (!ws->have_pfx || ws->pfx_at != xs) {
        size_t a = xs;
        while (a < n && is_number_prefix(ch[a].cp))
            a++;
        ws->pfx_at = xs;
        ws->pfx_end = a;
        ws->have_pfx = 1;
    }
    int x_number = ws->pfx_end < xe && is_digit(ch[ws->pfx_end].cp);
    if (!ws->have_sep || ws->next_sep <= i) {
        size_t ye = i + 1;
        while (ye < n && !(ch[ye].flags & (TC_SPACE | TC_HARD)))
            ye++;
        size_t t = ye;
        while (t > i + 1 && !is_letter(ch[t - 1].cp) && !is_digit(ch[t - 1].cp))
            t--;
        ws->next_sep = ye;
        ws->trim_end = t;
        ws->have_sep = 1;
    }
    return !protected_space(ch, xs, xe, i + 1, ws->next_sep, x_number, ws->trim_end);
}

/* Inside an eojeol: syllable mode, then the R1.7 last-resort classes. */
static int korean_inner_break(const tchar *ch, size_t i, const char *lb, int syllable_break)
{
    uint32_t c = ch[i].cp, next = ch[i + 1].cp;
    int hangul_pair = uchar_is_hangul_syllable(c) && uchar_is_hangul_syllable(next);
    if (syllable_break && hangul_pair)
        return BRK_ALLOW;
    if (is_closing(c) && (ch[i + 1].flags & TC_HANGUL))
        return BRK_NONE;
    if (start_forbidden(next) || end_forbidden(c))
        return BRK_NONE;
    if (lb[i] == LINEBREAK_ALLOWBREAK)
        return BRK_EMERGENCY1;
    if ((c == 0x00B7 || c == '/' || c == '~' || c == '-' || c == 0x2014 || c == 0x2010) &&
        is_letter(next) && i > 0 && is_letter(ch[i - 1].cp))
        return BRK_EMERGENCY1;
    if (hangul_pair || (is_syllable_char(c) && is_syllable_char(next)))
        return BRK_EMERGENCY2;
    return BRK_NONE;
}

/* Inside a URL or e-mail address, the Chicago Manual's breaks: after "//",
 * before a single slash and before . , - _ ~ ? # % @, before or after = and &.
 * So a hyphen starts a line instead of ending one, where a reader would take
 * it for a hyphenation; a word wider than the line still gets R7.2's breaks. */
static int url_break(const tchar *ch, size_t n, size_t i)
{
    uint32_t c = ch[i].cp, next = ch[i + 1].cp, after = i + 2 < n ? ch[i + 2].cp : 0;
    if (c == '/')
        return i > 0 && ch[i - 1].cp == '/' ? BRK_ALLOW : BRK_NONE;
    if (c == '=' || c == '&' || next == '=' || next == '&')
        return BRK_ALLOW;
    if (next == '/')
        return c != ':' && after != '/' ? BRK_ALLOW : BRK_NONE;
    if (next < 0x80 && strchr(".,-_~?#%@", (int)next) && !(c < 0x80 && strchr(".,-_~?#%@", (int)c)))
        return BRK_ALLOW;
    return BRK_NONE;
}

/* After the soft hyphen at i: a break drawn with a hyphen, when a Latin
 * letter stands either side (R7.2: U+00AD is honoured only in Latin words). */
static int soft_hyphen_break(const tchar *ch, size_t n, size_t i)
{
    size_t p = i, q = i + 1;
    while (p > 0 && ch[p - 1].cp == 0x00AD)
        p--;
    if (p == 0 || q >= n || ((ch[p - 1].flags | ch[q].flags) & (TC_URL | TC_NOHYPH)))
        return BRK_NONE;
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    return hb_unicode_script(uf, ch[p - 1].cp) == HB_SCRIPT_LATIN &&
                   hb_unicode_script(uf, ch[q].cp) == HB_SCRIPT_LATIN && ch[p - 1].face
               ? BRK_SOFT_HYPHEN
               : BRK_NONE;
}

static int url_char(uint32_t c)
{
    return c < 0x80 && (is_letter(c) || is_digit(c) || strchr("._%+~/:?#=&@-", (int)c));
}

/* Is [a, b) (URL characters) an address: it has ://, starts with www., is
 * name@domain, or is a domain of three labels or more ending in letters
 * (opinion.example.go.kr; not 3.5, e.g. or v1.2.3)? */
static int looks_like_address(const tchar *ch, size_t a, size_t b)
{
    size_t dots = 0, at = 0, label = 0;
    int letters = 0;
    for (size_t i = a; i < b; i++) {
        uint32_t c = ch[i].cp;
        if (c == ':' && i + 2 < b && ch[i + 1].cp == '/' && ch[i + 2].cp == '/')
            return 1;
        if (c == '@')
            at = i + 1;
        if (c == '.' || c == '@') {
            dots += c == '.' && label > 0;
            label = 0;
            letters = 1;
        } else if (c == '/' || c == '?' || c == '#') {
            break;   /* a path: the domain before it decides */
        } else {
            label++;
            letters = letters && is_letter(c);
        }
    }
    if (b - a > 4 && starts_with(ch, a, b, "www.") == 4)
        return 1;
    return label >= 2 && letters && (dots >= 2 || (at && dots >= 1));
}

/* Give addresses written as plain text (국민참여입법센터(opinion.example.go.kr)를,
 * not marked as links) the URL breaks: they are runs of URL characters. */
static void mark_bare_addresses(tchar *ch, size_t n)
{
    for (size_t a = 0; a < n;) {
        if (!url_char(ch[a].cp) || (ch[a].flags & TC_URL)) {
            a++;
            continue;
        }
        size_t b = a;
        while (b < n && url_char(ch[b].cp) && !(ch[b].flags & TC_URL))
            b++;
        size_t e = b;
        while (e > a && strchr(".,:;?-", (int)ch[e - 1].cp))
            e--;   /* the sentence's punctuation is not the address's */
        if (looks_like_address(ch, a, e))
            for (size_t i = a; i < e; i++)
                ch[i].flags |= TC_URL;
        a = b;
    }
}

void uax14_scratch_free(uax14_scratch *s)
{
    free(s->cps);
    free(s->lb);
    memset(s, 0, sizeof *s);
}

int text_find_breaks(para_text *t, uax14_scratch *s, int syllable_break, diag *d)
{
    /* libunibreak's index into its class table: without it every look-up
     * scans the table from U+0000, slowest for Hangul and Han (harmless to repeat) */
    static int index_built;
    if (!index_built) {
        init_linebreak();
        index_built = 1;
    }
    tchar *ch = t->chars;
    size_t n = t->nchars;
    if (n == 0)
        return 0;
    mark_bare_addresses(ch, n);
    if (grow_array((void **)&s->cps, &s->cps_cap, n, sizeof(uint32_t)) ||
        grow_array((void **)&s->lb, &s->lb_cap, n, 1))
        return diag_oom(d);
    for (size_t i = 0; i < n; i++)
        s->cps[i] = remap_for_uax14(&ch[i]);
    set_linebreaks_utf32(s->cps, n, NULL, s->lb);
    const char *lb = s->lb;
    word_scan ws = {0};
    for (size_t i = 0; i + 1 < n; i++) {
        tchar *c = &ch[i];
        if (!(c->flags & (TC_SPACE | TC_HARD)) && (i == 0 || (ch[i - 1].flags & (TC_SPACE | TC_HARD))))
            ws.run_start = i;
        if (c->flags & TC_HARD) {
            c->brk = BRK_HARD;
        } else if (ch[i + 1].flags & TC_HARD) {
            c->brk = BRK_NONE;
        } else if (c->cp == 0x00AD) {
            c->brk = (uint8_t)soft_hyphen_break(ch, n, i);
        } else if ((c->flags & ch[i + 1].flags & TC_URL) && !((c->flags | ch[i + 1].flags) & TC_SPACE)) {
            c->brk = (uint8_t)url_break(ch, n, i);
        } else if ((c->flags | ch[i + 1].flags) & TC_KOREAN) {
            if (((c->flags & TC_SPACE) || c->cp == 0x200B) && !(ch[i + 1].flags & TC_SPACE))
                c->brk = korean_space_break(ch, n, i, &ws) ? BRK_ALLOW : BRK_NONE;
            else if ((c->flags & TC_SPACE) || (ch[i + 1].flags & TC_SPACE))
                c->brk = BRK_NONE;
            else
                c->brk = (uint8_t)korean_inner_break(ch, i, lb, syllable_break);
        } else {
            c->brk = lb[i] == LINEBREAK_NOBREAK || lb[i] == LINEBREAK_INSIDEACHAR ? BRK_NONE
                                                                                  : BRK_ALLOW;
        }
    }
    ch[n - 1].brk = (ch[n - 1].flags & TC_HARD) ? BRK_HARD : BRK_NONE;
    return 0;
}
