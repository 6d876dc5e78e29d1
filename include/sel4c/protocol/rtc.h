/*
 * The real-time clock service's protocol. The driver is a passive protection domain that
 * clients reach by protected procedure call (pp="true" at the client's end).
 *
 *   label SEL4C_RTC_GET_SECONDS  no arguments. Reply: MR0 = seconds since 1970-01-01 00:00 UTC.
 *
 * Any other label is refused (reply label SEL4C_RTC_ERROR) and counted.
 */
#ifndef SEL4C_PROTOCOL_RTC_H
#define SEL4C_PROTOCOL_RTC_H

enum {
    SEL4C_RTC_GET_SECONDS = 0,
};

#define SEL4C_RTC_ERROR 0xffu

#endif
