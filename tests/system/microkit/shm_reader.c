/* Shared memory, the reading side (see shm_writer.c): on the writer's notification, checks
 * every word of the region, and that the writer was given the same physical address as this
 * PD (both from region_paddr setvars). */
#include <stdint.h>

#include <microkit.h>

#define WRITER 1
#define WORDS  512

uintptr_t buf;
uintptr_t buf_size;
uintptr_t buf_paddr;

void init(void)
{
}

void notified(microkit_channel ch)
{
    const volatile uint64_t *w = (const volatile uint64_t *)buf;
    int ok = ch == WRITER && buf_size == 0x1000 && buf_paddr && w[0] == buf_paddr;
    for (unsigned i = 1; i < WORDS; i++)
        ok = ok && w[i] == 0x5eed0000u + i * 3;
    microkit_dbg_puts(ok ? "shm_reader: PASS shared memory\n" : "shm_reader: FAIL shared memory\n");
}
