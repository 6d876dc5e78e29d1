/* HTTP-dates (RFC 9110 section 5.6.7): written as IMF-fixdate, read in all three forms. */
#include "http_internal.h"

static const char days[7][4] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Days since 1970-01-01 of a proleptic Gregorian date; years counted from March so that
 * the leap day is the last day of its year. */
static int64_t days_from_date(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void date_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static void put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
}

void http_date_format(int64_t t, char out[30])
{
    /* Dates outside years 0..9999 cannot be written in four digits: clamp. */
    if (t < -62167219200) {
        t = -62167219200;
    } else if (t > 253402300799) {
        t = 253402300799;
    }
    int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t sec = t - day * 86400;
    int64_t y;
    int m, d;
    date_from_days(day, &y, &m, &d);
    int wd = (int)(((day % 7) + 7) % 7);
    char *p = out;
    for (int i = 0; i < 3; i++) {
        *p++ = days[wd][i];
    }
    *p++ = ',';
    *p++ = ' ';
    put2(p, d);
    p += 2;
    *p++ = ' ';
    for (int i = 0; i < 3; i++) {
        *p++ = months[m - 1][i];
    }
    *p++ = ' ';
    put2(p, (int)(y / 100));
    put2(p + 2, (int)(y % 100));
    p += 4;
    *p++ = ' ';
    put2(p, (int)(sec / 3600));
    p[2] = ':';
    put2(p + 3, (int)(sec / 60 % 60));
    p[5] = ':';
    put2(p + 6, (int)(sec % 60));
    p += 8;
    *p++ = ' ';
    *p++ = 'G';
    *p++ = 'M';
    *p++ = 'T';
    *p = '\0';
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
    if (!ok || c.i != len || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) {
        return false;
    }
    *t = days_from_date(y, m, d) * 86400 + h * 3600 + mi * 60 + (sec > 59 ? 59 : sec);
    return true;
}
