/*
 * lwIP's platform header for sel4c: the C library (picolibc on seL4, the host's libc in tests)
 * provides the types; diagnostics go to the console; a failed lwIP assertion stops the PD with
 * a panic naming the place, and random numbers come from the stack's seeded generator
 * (sel4c_net_random, seeded by the PD from an entropy source).
 */
#ifndef SEL4C_LWIP_ARCH_CC_H
#define SEL4C_LWIP_ARCH_CC_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define LWIP_NO_CTYPE_H 0
#define LWIP_PLATFORM_DIAG(x)                                                                      \
    do {                                                                                           \
        printf x;                                                                                  \
    } while (0)
void sel4c_net_assert_failed(const char *msg, const char *file, int line) __attribute__((noreturn));
#define LWIP_PLATFORM_ASSERT(x) sel4c_net_assert_failed((x), __FILE__, __LINE__)

uint32_t sel4c_net_random(void);
#define LWIP_RAND() sel4c_net_random()

#endif
