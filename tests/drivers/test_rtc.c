/*
 * The PL031 driver's logic on the host (drivers/rtc): identification against a fake
 * register page (a PL031's, a wrong part, a page of zeroes), starting a stopped clock, the
 * count read back, and the service's labels.
 */
#include <stdio.h>
#include <string.h>

#include <sel4c/drivers/rtc.h>
#include <sel4c/protocol/rtc.h>

static int failures;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                 \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static uint32_t regs[1024]; /* the 4 KiB register page */

static void pl031_ids(uint32_t revision)
{
    static const uint32_t ids[8] = {0x31, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    memset(regs, 0, sizeof regs);
    for (unsigned i = 0; i < 8; i++)
        regs[0xfe0 / 4 + i] = ids[i];
    regs[0xfe8 / 4] |= revision << 4;
}

static uint32_t fake_seconds(void)
{
    return 1764670000u;
}

int main(void)
{
    uintptr_t base = (uintptr_t)regs;
    pl031_ids(0);
    regs[0] = 12345;
    CHECK(sel4c_pl031_init(base) == SEL4C_NO_ERROR);
    CHECK(regs[0xc / 4] == 1); /* started */
    CHECK(sel4c_pl031_seconds(base) == 12345);
    pl031_ids(3); /* another revision */
    CHECK(sel4c_pl031_init(base) == SEL4C_NO_ERROR);
    pl031_ids(0);
    regs[0xfe0 / 4] = 0x11; /* a PL011's part number */
    CHECK(sel4c_pl031_init(base) == SEL4C_INVALID_ARGUMENT);
    CHECK(regs[0xc / 4] == 0); /* left alone */
    pl031_ids(0);
    regs[0xffc / 4] = 0; /* not a PrimeCell */
    CHECK(sel4c_pl031_init(base) == SEL4C_INVALID_ARGUMENT);
    memset(regs, 0, sizeof regs);
    CHECK(sel4c_pl031_init(base) == SEL4C_INVALID_ARGUMENT);

    uint64_t refused = 0;
    sel4c_rtc_reply_t r = sel4c_rtc_handle(SEL4C_RTC_GET_SECONDS, &refused, fake_seconds);
    CHECK(r.label == 0 && r.count == 1 && r.mr0 == 1764670000u && refused == 0);
    r = sel4c_rtc_handle(1, &refused, fake_seconds);
    CHECK(r.label == SEL4C_RTC_ERROR && r.count == 0 && refused == 1);
    r = sel4c_rtc_handle(~(uint64_t)0, &refused, fake_seconds);
    CHECK(r.label == SEL4C_RTC_ERROR && refused == 2);
    if (failures) {
        printf("%d checks failed\n", failures);
        return 1;
    }
    printf("rtc: all checks passed\n");
    return 0;
}
