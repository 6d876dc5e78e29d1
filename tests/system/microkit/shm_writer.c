/*
 * Shared memory, the writing side (shmem.system): the region "buf" is mapped at a vaddr the
 * builder writes into `buf` (setvar_vaddr) in both PDs, and its physical address into
 * `buf_paddr` (setvar region_paddr) here. The writer fills it and notifies the reader.
 * Success: "shm_writer: paddr 0x7f000000" and the reader's "shm_reader: PASS shared memory".
 */
#include <stdint.h>
#include <stdio.h>

#include <microkit.h>

#define READER 0
#define WORDS  512

uintptr_t buf;
uintptr_t buf_paddr;

void init(void)
{
    volatile uint64_t *w = (volatile uint64_t *)buf;
    printf("shm_writer: paddr %#lx\n", (unsigned long)buf_paddr);
    w[0] = buf_paddr;
    for (unsigned i = 1; i < WORDS; i++)
        w[i] = 0x5eed0000u + i * 3;
    microkit_notify(READER);
}

void notified(microkit_channel ch)
{
    (void)ch;
}
