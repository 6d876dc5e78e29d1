/*
 * The real-time clock driver's library (drivers/rtc): the ARM PL031 and the service of
 * <sel4c/protocol/rtc.h>, usable from any PD that maps the device.
 *
 * Ownership and threads: the device belongs to one thread, the one serving the protocol;
 * nothing here locks. `base` is the virtual address of the PL031's 4 KiB register page,
 * mapped uncached.
 */
#ifndef SEL4C_DRIVERS_RTC_H
#define SEL4C_DRIVERS_RTC_H

#include <stdint.h>

#include <sel4c/error.h>

/*
 * Checks that `base` holds a PL031 (its peripheral and PrimeCell identification registers)
 * and starts the clock if it is stopped.
 * Errors: SEL4C_INVALID_ARGUMENT when the identification registers are not a PL031's (a
 * wrong address in the system description); the device is then left alone.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_pl031_init(uintptr_t base);

/* Seconds since 1970-01-01 00:00 UTC, as the clock counts them. */
uint32_t sel4c_pl031_seconds(uintptr_t base);

/* A request to the service, and the reply it decided. */
typedef struct sel4c_rtc_reply {
    uint64_t label; /* 0, or SEL4C_RTC_ERROR */
    unsigned count; /* message registers of the reply */
    uint64_t mr0;   /* GET_SECONDS: the seconds */
} sel4c_rtc_reply_t;

/*
 * Serves a request with `label` from a client; `seconds` reads the clock (called only for
 * GET_SECONDS). Any other label is refused with SEL4C_RTC_ERROR and counted in *refused.
 */
sel4c_rtc_reply_t sel4c_rtc_handle(uint64_t label, uint64_t *refused, uint32_t (*seconds)(void));

#endif
