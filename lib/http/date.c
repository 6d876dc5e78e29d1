/* HTTP-dates (RFC 9110 section 5.6.7): written as IMF-fixdate, read in all three forms. */
#include "http_internal.h"

#include <sel4c/rtc.h>

static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* The calendar arithmetic is lib/event/civil.c's (<sel4c/rtc.h>), built into this library. */
void http_date_format(int64_t t, char out[30])
{
    /* Dates outside years 0..9999 cannot be written in four digits: clamp. */
    if (t < -62167219200) {
        t = -62167219200;
    } else if (t > 253402300799) {
        t = 253402300799;
    }
    if (sel4c_imf_fixdate(t, out) != SEL4C_NO_ERROR) { /* in range: cannot happen */
        out[0] = '\0';
    }
}

/* A cursor over the value being parsed. */
typedef struct scan {
    const char *s;
    size_t len, i;
} scan_t;

static bool lit(scan_t *c, const char *text)
{
    size_t i = c->i;
    for (; *text; text++, i++) {
        if (i >= c->len || c->s[i] != *text) {
            return false;
        }
    }
    c->i = i;
    return true;
}

/* Exactly `n` digits (or 1..n when `n` is negative, for asctime's day). */
static bool digits(scan_t *c, int n, int *v)
{
    int min = n < 0 ? 1 : n, max = n < 0 ? -n : n, k = 0;
    *v = 0;
    while (k < max && c->i < c->len && c->s[c->i] >= '0' && c->s[c->i] <= '9') {
        *v = *v * 10 + (c->s[c->i++] - '0');
        k++;
    }
    return k >= min;
}

static bool month(scan_t *c, int *m)
{
    for (int i = 0; i < 12; i++) {
        if (lit(c, months[i])) {
            *m = i + 1;
            return true;
        }
    }
    return false;
}

static bool hms(scan_t *c, int *h, int *mi, int *s)
{
    return digits(c, 2, h) && lit(c, ":") && digits(c, 2, mi) && lit(c, ":") && digits(c, 2, s);
}

static bool weekday(scan_t *c, bool long_name)
{
    static const char *const names[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
    for (int i = 0; i < 7; i++) {
        if (long_name ? lit(c, names[i]) : lit(c, days[i])) {
            return true;
        }
    }
    return false;
}

bool http_date_parse(const char *s, size_t len, int64_t *t)
{
    int y = 0, m = 0, d = 0, h = 0, mi = 0, sec = 0;
    scan_t c = {s, len, 0};
    bool ok;
    if (weekday(&c, false) && lit(&c, ", ")) {
        /* IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT */
        ok = digits(&c, 2, &d) && lit(&c, " ") && month(&c, &m) && lit(&c, " ") &&
             digits(&c, 4, &y) && lit(&c, " ") && hms(&c, &h, &mi, &sec) && lit(&c, " GMT");
    } else if ((c.i = 0, weekday(&c, true)) && lit(&c, ", ")) {
        /* RFC 850: Sunday, 06-Nov-94 08:49:37 GMT; two-digit years are 1970..2069 */
        ok = digits(&c, 2, &d) && lit(&c, "-") && month(&c, &m) && lit(&c, "-") &&
             digits(&c, 2, &y) && lit(&c, " ") && hms(&c, &h, &mi, &sec) && lit(&c, " GMT");
        y += y < 70 ? 2000 : 1900;
    } else if ((c.i = 0, weekday(&c, false)) && lit(&c, " ")) {
        /* asctime: Sun Nov  6 08:49:37 1994 */
        ok = month(&c, &m) && lit(&c, " ") && (lit(&c, " ") || true) && digits(&c, -2, &d) &&
             lit(&c, " ") && hms(&c, &h, &mi, &sec) && lit(&c, " ") && digits(&c, 4, &y);
    } else {
        return false;
    }
    if (!ok || c.i != len || sec > 60) {
        return false;
    }
    /* A leap second (:60) counts as :59; an impossible date (31 April) is no date. */
    sel4c_civil_time_t civil = {.year = y,
                                .month = (unsigned)m,
                                .day = (unsigned)d,
                                .hour = (unsigned)h,
                                .minute = (unsigned)mi,
                                .second = (unsigned)(sec > 59 ? 59 : sec)};
    return sel4c_civil_to_seconds(&civil, t) == SEL4C_NO_ERROR;
}
