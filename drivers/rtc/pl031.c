/* The ARM PL031 real-time clock (ARM DDI 0224): a free-running seconds counter. */
#include <sel4c/drivers/mmio.h>
#include <sel4c/drivers/rtc.h>

enum {
    RTCDR = 0x000, /* data: the current count */
    RTCCR = 0x00c, /* control: bit 0 starts the counter (it cannot be stopped again) */
    PERIPH_ID0 = 0xfe0,
    PCELL_ID0 = 0xff0,
};

/* PeriphID0..3 (part 0x031, designer 0x41 ARM, any revision) and PrimeCell IDs 0..3 */
static const uint8_t periph_id[4] = {0x31, 0x10, 0x04, 0x00};
static const uint8_t periph_mask[4] = {0xff, 0xff, 0x0f, 0xff};
static const uint8_t pcell_id[4] = {0x0d, 0xf0, 0x05, 0xb1};

sel4c_err_t sel4c_pl031_init(uintptr_t base)
{
    for (unsigned i = 0; i < 4; i++) {
        uint32_t p = sel4c_mmio_read32(base, PERIPH_ID0 + 4 * i);
        uint32_t c = sel4c_mmio_read32(base, PCELL_ID0 + 4 * i);
        if ((p & periph_mask[i]) != periph_id[i] || (c & 0xff) != pcell_id[i])
            return SEL4C_INVALID_ARGUMENT;
    }
    if (!(sel4c_mmio_read32(base, RTCCR) & 1))
        sel4c_mmio_write32(base, RTCCR, 1);
    return SEL4C_NO_ERROR;
}

uint32_t sel4c_pl031_seconds(uintptr_t base)
{
    return sel4c_mmio_read32(base, RTCDR);
}
