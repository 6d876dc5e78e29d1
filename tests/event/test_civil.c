/*
 * Civil time and IMF-fixdate (lib/event/civil.c) against the host's gmtime_r and strftime
 * for many random times (around the epoch, in years 0..9999, and far out), round trips
 * through sel4c_civil_to_seconds, RFC 7231's own example, and refusals.
 */
#define _GNU_SOURCE
#include <time.h>

#include <sel4c/rtc.h>

#include "check.h"

static uint64_t rnd = 0x2545f4914f6cdd1dull;
static uint64_t next_random(void)
{
    rnd ^= rnd << 13;
    rnd ^= rnd >> 7;
    rnd ^= rnd << 17;
    return rnd;
}

static unsigned mismatches;

static void compare(int64_t s)
{
    time_t tt = (time_t)s;
    struct tm tm;
    if (!gmtime_r(&tt, &tm))
        return; /* beyond the host's range */
    sel4c_civil_time_t c;
    sel4c_civil_from_seconds(s, &c);
    if (c.year != (int64_t)tm.tm_year + 1900 || c.month != (unsigned)tm.tm_mon + 1 ||
        c.day != (unsigned)tm.tm_mday || c.hour != (unsigned)tm.tm_hour ||
        c.minute != (unsigned)tm.tm_min || c.second != (unsigned)tm.tm_sec ||
        c.wday != (unsigned)tm.tm_wday || c.yday != (unsigned)tm.tm_yday) {
        if (mismatches++ < 5)
            fprintf(stderr, "%lld: %lld-%u-%u %u:%u:%u wday %u yday %u, host %d-%d-%d\n",
                    (long long)s, (long long)c.year, c.month, c.day, c.hour, c.minute, c.second,
                    c.wday, c.yday, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    }
    int64_t back = 0;
    if (sel4c_civil_to_seconds(&c, &back) != SEL4C_NO_ERROR || back != s) {
        if (mismatches++ < 5)
            fprintf(stderr, "%lld: round trip gave %lld\n", (long long)s, (long long)back);
    }
    char want[64], got[SEL4C_IMF_FIXDATE_SIZE];
    sel4c_err_t err = sel4c_imf_fixdate(s, got);
    if (c.year >= 0 && c.year <= 9999) {
        strftime(want, sizeof want, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        if (c.year < 1000) { /* strftime does not pad %Y */
            char year[8];
            snprintf(year, sizeof year, "%04d", (int)c.year);
            memcpy(want + 12, year, 4);
            snprintf(want + 16, sizeof want - 16, " %02d:%02d:%02d GMT", tm.tm_hour, tm.tm_min,
                     tm.tm_sec);
        }
        if (err != SEL4C_NO_ERROR || strcmp(got, want) || strlen(got) != 29) {
            if (mismatches++ < 5)
                fprintf(stderr, "%lld: \"%s\", host \"%s\"\n", (long long)s, got, want);
        }
    } else if (err != SEL4C_RANGE_ERROR || got[0]) {
        if (mismatches++ < 5)
            fprintf(stderr, "%lld: year %lld formatted\n", (long long)s, (long long)c.year);
    }
}

int main(void)
{
    char buf[SEL4C_IMF_FIXDATE_SIZE];
    CHECK(sel4c_imf_fixdate(784111777, buf) == SEL4C_NO_ERROR);
    CHECK(!strcmp(buf, "Sun, 06 Nov 1994 08:49:37 GMT"));
    CHECK(sel4c_imf_fixdate(0, buf) == SEL4C_NO_ERROR);
    CHECK(!strcmp(buf, "Thu, 01 Jan 1970 00:00:00 GMT"));
    CHECK(sel4c_imf_fixdate(253402300799, buf) == SEL4C_NO_ERROR);
    CHECK(!strcmp(buf, "Fri, 31 Dec 9999 23:59:59 GMT"));
    CHECK(sel4c_imf_fixdate(253402300800, buf) == SEL4C_RANGE_ERROR && buf[0] == '\0');
    CHECK(sel4c_imf_fixdate(-62167219200, buf) == SEL4C_NO_ERROR);
    CHECK(!strcmp(buf, "Sat, 01 Jan 0000 00:00:00 GMT"));
    CHECK(sel4c_imf_fixdate(-62167219201, buf) == SEL4C_RANGE_ERROR);

    for (int64_t s = -200000; s <= 200000; s += 37)
        compare(s);
    for (int i = 0; i < 300000; i++)
        compare((int64_t)(next_random() % 315537897600ull) - 62167219200ll); /* 0000..9999 */
    for (int i = 0; i < 100000; i++)
        compare((int64_t)(next_random() % 120000000000000000ull) - 60000000000000000ll);
    /* leap days and century boundaries */
    static const int64_t days[] = {11016, 11017, 10956, 10957, -25568, -25567, 47541, 47542};
    for (unsigned i = 0; i < sizeof days / sizeof days[0]; i++)
        for (int64_t d = -2; d <= 2; d++)
            compare((days[i] + d) * 86400 + 86399);
    CHECK_EQ_U64(mismatches, 0);

    /* the extremes convert without overflow */
    sel4c_civil_time_t c;
    sel4c_civil_from_seconds(INT64_MIN, &c);
    CHECK(c.month >= 1 && c.month <= 12 && c.day >= 1 && c.day <= 31);
    sel4c_civil_from_seconds(INT64_MAX, &c);
    CHECK(c.month >= 1 && c.month <= 12 && c.day >= 1 && c.day <= 31);

    /* refusals */
    int64_t s = 42;
    sel4c_civil_time_t bad = {.year = 2023, .month = 2, .day = 29};
    CHECK(sel4c_civil_to_seconds(&bad, &s) == SEL4C_RANGE_ERROR && s == 42);
    bad.year = 2024;
    CHECK(sel4c_civil_to_seconds(&bad, &s) == SEL4C_NO_ERROR && s == 1709164800);
    bad.month = 13;
    CHECK(sel4c_civil_to_seconds(&bad, &s) == SEL4C_RANGE_ERROR);
    bad = (sel4c_civil_time_t){.year = 1900, .month = 2, .day = 29};
    CHECK(sel4c_civil_to_seconds(&bad, &s) == SEL4C_RANGE_ERROR);
    bad = (sel4c_civil_time_t){.year = 2000, .month = 1, .day = 1, .hour = 24};
    CHECK(sel4c_civil_to_seconds(&bad, &s) == SEL4C_RANGE_ERROR);
    bad = (sel4c_civil_time_t){.year = SEL4C_CIVIL_MAX_YEAR + 1, .month = 1, .day = 1};
    CHECK(sel4c_civil_to_seconds(&bad, &s) == SEL4C_RANGE_ERROR);
    return check_done("test_civil");
}
