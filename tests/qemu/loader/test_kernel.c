/*
 * A stand-in for the seL4 kernel that checks what the loader handed it: the exception level,
 * the MMU state the kernel relies on (on, caches on, memory attributes, 48-bit address
 * spaces), its arguments (the user image's bytes at the promised physical range, the entry
 * and offset, the device tree), and with several cores that each arrives with its own
 * index. It reports through semihosting and exits QEMU with 0 only if everything held.
 *
 * Built per case with: EXPECT_EL (1 or 2), NUM_NODES, USER_VADDR, USER_ENTRY, USER_MAGIC.
 */
#include <stdint.h>

#include "../../../formats/fdt/fdt.h"

#define SYS_WRITE0                   0x04
#define SYS_EXIT                     0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

uint64_t semihost(uint64_t op, uint64_t arg);
void test_kernel_main(uint64_t ui_start, uint64_t ui_end, int64_t pv_offset, uint64_t ui_entry,
                      uint64_t dtb, uint64_t dtb_size, uint64_t core);

uint8_t test_stacks[NUM_NODES][4096] __attribute__((aligned(4096)));
static volatile uint32_t arrived[NUM_NODES + 1];
extern char _start[];

static void say(const char *s)
{
    semihost(SYS_WRITE0, (uintptr_t)s);
}

static __attribute__((noreturn)) void finish(uint64_t status)
{
    uint64_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, status};
    semihost(SYS_EXIT, (uintptr_t)block);
    for (;;)
        ;
}

static unsigned failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        say("test kernel: FAILED: ");
        say(what);
        say("\n");
        failures++;
    }
}

#define READ(reg)                                                                                  \
    ({                                                                                             \
        uint64_t v_;                                                                               \
        __asm__ volatile("mrs %0, " reg : "=r"(v_));                                               \
        v_;                                                                                        \
    })

/*
 * The loader maps the kernel's image from its first virtual address to the end of that GiB;
 * the user image and device tree sit in that physical range, so the test reads them there.
 */
static const volatile uint8_t *phys(uint64_t pa)
{
    /* an absolute symbol, possibly beyond PC-relative reach: load it from a literal */
    uintptr_t kernel_paddr;
    __asm__("ldr %0, =__kernel_paddr" : "=r"(kernel_paddr));
    return (const volatile uint8_t *)((uintptr_t)_start + (pa - kernel_paddr));
}

void test_kernel_main(uint64_t ui_start, uint64_t ui_end, int64_t pv_offset, uint64_t ui_entry,
                      uint64_t dtb, uint64_t dtb_size, uint64_t core)
{
    if (core != 0) {
        if (core < NUM_NODES)
            arrived[core] = 1;
        __asm__ volatile("dsb sy; sev" ::: "memory");
        for (;;)
            __asm__ volatile("wfe");
    }
    uint64_t el = READ("CurrentEL") >> 2;
    check(el == EXPECT_EL, "exception level");
    uint64_t sctlr = EXPECT_EL == 2 ? READ("sctlr_el2") : READ("sctlr_el1");
    check((sctlr & 1) && (sctlr & (1 << 2)) && (sctlr & (1 << 12)), "MMU and caches on");
    uint64_t mair = EXPECT_EL == 2 ? READ("mair_el2") : READ("mair_el1");
    check((mair & 0xffffffffffffull) == 0xaaff440c0400ull, "memory attributes");
    uint64_t tcr = EXPECT_EL == 2 ? READ("tcr_el2") : READ("tcr_el1");
    check((tcr & 0x3f) == 16, "48-bit lower address space");
    if (EXPECT_EL == 1)
        check(((tcr >> 16) & 0x3f) == 16, "48-bit upper address space");

    check((ui_start & 0xfff) == 0 && ui_end > ui_start, "user image range");
    check(ui_entry == USER_ENTRY, "user entry");
    check((int64_t)(ui_start - USER_VADDR) == pv_offset, "user physical-to-virtual offset");
    const volatile uint8_t *ui = phys(ui_start);
    const char magic[] = USER_MAGIC;
    for (unsigned i = 0; i < sizeof magic - 1; i++)
        check(ui[i] == (uint8_t)magic[i], "user image bytes at its physical address");

    const volatile uint8_t *fdt = phys(dtb);
    uint32_t total = (uint32_t)fdt[4] << 24 | (uint32_t)fdt[5] << 16 | fdt[6] << 8 | fdt[7];
    check(fdt[0] == 0xd0 && fdt[1] == 0x0d && fdt[2] == 0xfe && fdt[3] == 0xed, "DTB magic");
    check(dtb_size == total, "DTB size");

    for (unsigned c = 1; c < NUM_NODES; c++) {
        uint64_t spin = 0;
        while (!arrived[c] && spin++ < 200000000)
            ;
        check(arrived[c], "every core arrived with its own index");
    }
    say(failures ? "test kernel: some checks failed\n" : "test kernel: all checks passed\n");
    finish(failures);
}
