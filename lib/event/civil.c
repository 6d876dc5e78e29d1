/*
 * Civil (proleptic Gregorian, UTC) dates from day counts and back (<sel4c/rtc.h>). Years are
 * counted from 1 March so that the leap day ends a year; a 400-year era has 146097 days
 * whichever era it is, which makes the arithmetic the same for negative counts once the
 * divisions round down.
 */
#include <stdbool.h>

#include <sel4c/rtc.h>

#define DAY             86400
#define ERA_DAYS        146097
#define EPOCH_FROM_0300 719468 /* days from 0000-03-01 to 1970-01-01 */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Days since 1970-01-01 of a valid date. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;                                   /* 0..399 */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* 0..365, from 1 March */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* 0..146096 */
    return era * ERA_DAYS + doe - EPOCH_FROM_0300;
}

void sel4c_civil_from_seconds(int64_t seconds, sel4c_civil_time_t *out)
{
    /* (not seconds - days * DAY: that overflows near INT64_MIN) */
    int64_t secs = seconds % DAY, days = seconds / DAY;
    if (secs < 0) {
        secs += DAY;
        days--;
    }
    out->hour = (unsigned)(secs / 3600);
    out->minute = (unsigned)(secs / 60 % 60);
    out->second = (unsigned)(secs % 60);
    out->wday = (unsigned)(days + 4 - floor_div(days + 4, 7) * 7); /* 1970-01-01: Thursday */

    int64_t z = days + EPOCH_FROM_0300;
    int64_t era = floor_div(z, ERA_DAYS);
    int64_t doe = z - era * ERA_DAYS;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / (ERA_DAYS - 1)) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153; /* 0 = March */
    out->day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    out->month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    out->year = yoe + era * 400 + (out->month <= 2);
    out->yday = (unsigned)(days - days_from_civil(out->year, 1, 1));
}

static bool leap(int64_t y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

sel4c_err_t sel4c_civil_to_seconds(const sel4c_civil_time_t *t, int64_t *seconds)
{
    static const unsigned char mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (t->year > SEL4C_CIVIL_MAX_YEAR || t->year < -SEL4C_CIVIL_MAX_YEAR || t->month < 1 ||
        t->month > 12 || t->day < 1 ||
        t->day > mdays[t->month - 1] + (unsigned)(t->month == 2 && leap(t->year)) || t->hour > 23 ||
        t->minute > 59 || t->second > 59)
        return SEL4C_RANGE_ERROR;
    *seconds = days_from_civil(t->year, t->month, t->day) * DAY + t->hour * 3600 + t->minute * 60 +
               t->second;
    return SEL4C_NO_ERROR;
}

static char *two(char *p, unsigned v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
    return p + 2;
}

sel4c_err_t sel4c_imf_fixdate(int64_t seconds, char buf[SEL4C_IMF_FIXDATE_SIZE])
{
    static const char wdays[] = "SunMonTueWedThuFriSat";
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    sel4c_civil_time_t t;
    sel4c_civil_from_seconds(seconds, &t);
    if (t.year < 0 || t.year > 9999) {
        buf[0] = '\0';
        return SEL4C_RANGE_ERROR;
    }
    char *p = buf;
    for (int i = 0; i < 3; i++)
        *p++ = wdays[t.wday * 3 + i];
    *p++ = ',';
    *p++ = ' ';
    p = two(p, t.day);
    *p++ = ' ';
    for (int i = 0; i < 3; i++)
        *p++ = months[(t.month - 1) * 3 + i];
    *p++ = ' ';
    p = two(p, (unsigned)(t.year / 100));
    p = two(p, (unsigned)(t.year % 100));
    *p++ = ' ';
    p = two(p, t.hour);
    *p++ = ':';
    p = two(p, t.minute);
    *p++ = ':';
    p = two(p, t.second);
    for (const char *g = " GMT"; *g; g++)
        *p++ = *g;
    *p = '\0';
    return SEL4C_NO_ERROR;
}
