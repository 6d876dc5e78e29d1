/*
 * A runtime of the test's own, in place of a C library: thread-local storage for the
 * initial thread (libsel4.a's IPC buffer pointer may live there), the few functions the
 * compiler and libsel4's headers call, then the program.
 */
#include <stddef.h>
#include <stdint.h>

#include <sel4/sel4.h>

void test_start(seL4_BootInfo *bi);
void program_main(seL4_BootInfo *bi);

/* Just what is needed of the ELF program headers to find the TLS segment. */
typedef struct {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
} phdr_t;
#define PT_TLS 7
extern const char __ehdr_start[];

/* AArch64 TLS variant 1: the thread pointer, a 16-byte control block, then the data. */
static _Alignas(64) char tls_area[4096];

static void setup_tls(void)
{
    uint64_t phoff = *(const uint64_t *)(__ehdr_start + 32);
    uint16_t phnum = *(const uint16_t *)(__ehdr_start + 56);
    const phdr_t *ph = (const phdr_t *)(__ehdr_start + phoff);
    for (uint16_t i = 0; i < phnum; i++) {
        if (ph[i].type != PT_TLS)
            continue;
        if (16 + ph[i].memsz > sizeof tls_area || ph[i].align > 16)
            for (;;) /* a test bug: stop here rather than corrupt memory */
                ;
        const char *image = (const char *)ph[i].vaddr;
        for (uint64_t b = 0; b < ph[i].filesz; b++)
            tls_area[16 + b] = image[b];
    }
    __asm__ volatile("msr tpidr_el0, %0" : : "r"(tls_area));
}

void test_start(seL4_BootInfo *bi)
{
    setup_tls();
    program_main(bi);
    for (;;)
        seL4_TCB_Suspend(seL4_CapInitThreadTCB);
}

void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

void *memset(void *s, int c, size_t n)
{
    volatile unsigned char *p = s;
    while (n--)
        *p++ = (unsigned char)c;
    return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
    volatile unsigned char *p = d;
    const unsigned char *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

/* seL4_Assert and seL4_DebugAssert report here (libsel4 declares it with an int line). */
void __assert_fail(const char *str, const char *file, int line, const char *function)
{
    (void)line;
    (void)function;
    for (const char *s = "libsel4-program: FAIL assertion "; *s; s++)
        seL4_DebugPutChar(*s);
    for (; *file; file++)
        seL4_DebugPutChar(*file);
    seL4_DebugPutChar(' ');
    for (; *str; str++)
        seL4_DebugPutChar(*str);
    seL4_DebugPutChar('\n');
    for (;;)
        seL4_TCB_Suspend(seL4_CapInitThreadTCB);
}
