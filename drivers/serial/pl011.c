/* The ARM PL011 UART (ARM DDI 0183): FIFOs, interrupts, and no change to the line settings. */
#include <sel4c/drivers/mmio.h>
#include <sel4c/drivers/serial.h>

enum {
    DR = 0x000,    /* data; bits 8..11 of a read are its error flags */
    FR = 0x018,    /* flags */
    LCR_H = 0x02c, /* line control */
    CR = 0x030,    /* control */
    IFLS = 0x034,  /* interrupt FIFO levels */
    IMSC = 0x038,  /* interrupt mask: 1 enables */
    ICR = 0x044,   /* interrupt clear */
    PERIPH_ID0 = 0xfe0,
    PCELL_ID0 = 0xff0,
};
enum {
    FR_RXFE = 1u << 4, /* receive FIFO empty */
    FR_TXFF = 1u << 5, /* transmit FIFO full */
    FR_TXFE = 1u << 7, /* transmit FIFO empty */
    FIFO_DEPTH = 16,   /* the smallest transmit FIFO of the PL011's revisions */
    DR_ERRORS = 0xfu << 8,
    LCR_H_FEN = 1u << 4,
    CR_UARTEN = 1u << 0,
    CR_TXE = 1u << 8,
    CR_RXE = 1u << 9,
    INT_RX = 1u << 4,
    INT_TX = 1u << 5,
    INT_RT = 1u << 6,
    /* transmit interrupt at 1/8 full (plenty to refill), receive at 1/2 full; the receive
     * timeout interrupt covers fewer bytes */
    IFLS_LEVELS = 0u << 0 | 2u << 3,
};

/* PeriphID0..3 (part 0x011, designer 0x41 ARM, any revision) and PrimeCell IDs 0..3 */
static const uint8_t periph_id[4] = {0x11, 0x10, 0x04, 0x00};
static const uint8_t periph_mask[4] = {0xff, 0xff, 0x0f, 0xff};
static const uint8_t pcell_id[4] = {0x0d, 0xf0, 0x05, 0xb1};

sel4c_err_t sel4c_pl011_init(uintptr_t base)
{
    for (unsigned i = 0; i < 4; i++) {
        uint32_t p = sel4c_mmio_read32(base, PERIPH_ID0 + 4 * i);
        uint32_t c = sel4c_mmio_read32(base, PCELL_ID0 + 4 * i);
        if ((p & periph_mask[i]) != periph_id[i] || (c & 0xff) != pcell_id[i])
            return SEL4C_INVALID_ARGUMENT;
    }
    sel4c_mmio_write32(base, IMSC, 0);
    sel4c_mmio_write32(base, ICR, 0x7ff);
    sel4c_mmio_write32(base, IFLS, IFLS_LEVELS);
    sel4c_mmio_write32(base, LCR_H, sel4c_mmio_read32(base, LCR_H) | LCR_H_FEN);
    sel4c_mmio_write32(base, CR, sel4c_mmio_read32(base, CR) | CR_UARTEN | CR_TXE | CR_RXE);
    sel4c_mmio_write32(base, IMSC, INT_RX | INT_RT);
    return SEL4C_NO_ERROR;
}

unsigned sel4c_pl011_write(uintptr_t base, const char *bytes, unsigned n)
{
    unsigned k = 0;
    while (k < n) {
        uint32_t fr = sel4c_mmio_read32(base, FR);
        if (fr & FR_TXFF)
            break;
        /* An empty FIFO takes a FIFO's worth without a look at the flags for each byte:
         * every register access is a trap into the hypervisor of a virtual machine. */
        for (unsigned burst = fr & FR_TXFE ? FIFO_DEPTH : 1; burst > 0 && k < n; burst--)
            sel4c_mmio_write32(base, DR, (uint8_t)bytes[k++]);
    }
    return k;
}

unsigned sel4c_pl011_read(uintptr_t base, char *bytes, unsigned max)
{
    /* at most max reads, bad bytes included, so that a stuck device cannot hold us here */
    unsigned k = 0;
    for (unsigned r = 0; r < max && !(sel4c_mmio_read32(base, FR) & FR_RXFE); r++) {
        uint32_t d = sel4c_mmio_read32(base, DR);
        if (!(d & DR_ERRORS))
            bytes[k++] = (char)(d & 0xff);
    }
    return k;
}

void sel4c_pl011_tx_interrupt(uintptr_t base, bool on)
{
    uint32_t m = sel4c_mmio_read32(base, IMSC);
    sel4c_mmio_write32(base, IMSC, on ? m | INT_TX : m & ~(uint32_t)INT_TX);
}

void sel4c_pl011_ack(uintptr_t base)
{
    sel4c_mmio_write32(base, ICR, INT_RX | INT_RT | INT_TX);
}
