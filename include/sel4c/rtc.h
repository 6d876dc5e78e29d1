/*
 * The real-time clock client: seconds since the epoch from an RTC driver PD through the
 * protocol of <sel4c/protocol/rtc.h> (a channel with pp="true" at the client's end), and the
 * civil (proleptic Gregorian, UTC) date and time of such a count, with the IMF-fixdate
 * format HTTP uses for its Date header (RFC 7231, 7.1.1.1):
 *
 *     Sun, 06 Nov 1994 08:49:37 GMT
 *
 * The conversions are freestanding, need no time zone data (UTC only) and are exact for
 * every int64_t count; sel4c_civil_to_seconds takes years within SEL4C_CIVIL_MAX_YEAR of 0.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <sel4c/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A UTC date and time, with struct tm's ranges but a full year. */
typedef struct sel4c_civil_time {
    int64_t year;    /* e.g. 2026 */
    unsigned month;  /* 1..12 */
    unsigned day;    /* 1..31 */
    unsigned hour;   /* 0..23 */
    unsigned minute; /* 0..59 */
    unsigned second; /* 0..59 (UTC counts have no leap seconds) */
    unsigned wday;   /* 0..6, Sunday 0 */
    unsigned yday;   /* 0..365, 1 January 0 */
} sel4c_civil_time_t;

#define SEL4C_CIVIL_MAX_YEAR INT64_C(100000000000)

/* The bytes of an IMF-fixdate, its terminating NUL included. */
#define SEL4C_IMF_FIXDATE_SIZE 30

/*
 * Reads the driver on channel `ch`: *seconds is set to the seconds since 1970-01-01 00:00
 * UTC. Errors: SEL4C_ILLEGAL_OPERATION (the driver refused, replying SEL4C_RTC_ERROR, or
 * replied without the word); *seconds is then unchanged.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_rtc_seconds(unsigned ch, int64_t *seconds);

/* The UTC date and time of `seconds` since the epoch (negative: before 1970). */
void sel4c_civil_from_seconds(int64_t seconds, sel4c_civil_time_t *out);

/* The seconds since the epoch of the date and time `t` (its wday and yday are ignored;
 * fields out of range are refused: SEL4C_RANGE_ERROR, *seconds unchanged). */
SEL4C_MUST_CHECK sel4c_err_t sel4c_civil_to_seconds(const sel4c_civil_time_t *t, int64_t *seconds);

/* Writes the IMF-fixdate of `seconds` (29 characters) and a NUL to `buf`. Error:
 * SEL4C_RANGE_ERROR when the year is outside 0..9999, which the format cannot express;
 * `buf` is then the empty string. */
SEL4C_MUST_CHECK sel4c_err_t sel4c_imf_fixdate(int64_t seconds, char buf[SEL4C_IMF_FIXDATE_SIZE]);

#ifdef __cplusplus
}
#endif
