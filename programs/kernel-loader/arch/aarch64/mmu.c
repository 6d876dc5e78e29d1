/*
 * Boot page tables on AArch64 (4 KiB granule, 48-bit virtual addresses): an identity map of
 * the 1 GiB that holds the loader, so it keeps running when the MMU comes on, and the
 * kernel's image: from the kernel's first virtual address to the end of its 1 GiB (the
 * kernel is linked in the last GiB of its address space), mapped with 2 MiB blocks to
 * physical memory from the kernel's physical address on. The kernel maps everything else it
 * needs itself, starting with its window onto physical memory.
 *
 * Without hypervisor support the identity map is in TTBR0 and the window in TTBR1 (EL1);
 * with it, both are in the one EL2 address space.
 */
#include "../../loader.h"

#define PT_ENTRIES 512
#define DESC_TABLE 0x3ull
#define DESC_BLOCK 0x1ull
/* normal memory (MAIR index 4), inner shareable, access flag */
#define BLOCK_ATTRS ((4ull << 2) | (3ull << 8) | (1ull << 10))

typedef uint64_t table_t[PT_ENTRIES] __attribute__((aligned(4096)));
static table_t l0_identity, l1_identity, l0_kernel, l1_kernel, l2_kernel;

static unsigned l0_index(uint64_t va)
{
    return (va >> 39) & 511;
}

static unsigned l1_index(uint64_t va)
{
    return (va >> 30) & 511;
}

static unsigned l2_index(uint64_t va)
{
    return (va >> 21) & 511;
}

void arch_build_page_tables(const sel4c_loader_payload_t *p, uint64_t start, uint64_t end,
                            bool kernel_at_el2)
{
    if ((start >> 30) != ((end - 1) >> 30))
        loader_fail("the loader [%x, %x) crosses a 1 GiB boundary", start, end);
    l0_identity[l0_index(start)] = (uint64_t)(uintptr_t)l1_identity | DESC_TABLE;
    l1_identity[l1_index(start)] = (start & ~((1ull << 30) - 1)) | BLOCK_ATTRS | DESC_BLOCK;

    uint64_t va = p->kernel_vaddr & ~((1ull << 21) - 1);
    uint64_t pa = p->kernel_paddr & ~((1ull << 21) - 1);
    if ((p->kernel_vaddr_end - 1) >> 30 != va >> 30)
        loader_fail("the kernel image crosses a 1 GiB boundary");
    uint64_t *l0 = kernel_at_el2 ? l0_identity : l0_kernel;
    if (kernel_at_el2 && l0_index(va) == l0_index(start) && l1_index(va) == l1_index(start))
        loader_fail("the kernel's virtual addresses collide with the loader's");
    if (kernel_at_el2 && l0_index(va) == l0_index(start))
        l1_identity[l1_index(va)] = (uint64_t)(uintptr_t)l2_kernel | DESC_TABLE;
    else {
        l0[l0_index(va)] = (uint64_t)(uintptr_t)l1_kernel | DESC_TABLE;
        l1_kernel[l1_index(va)] = (uint64_t)(uintptr_t)l2_kernel | DESC_TABLE;
    }
    for (unsigned i = l2_index(va); i < PT_ENTRIES; i++, pa += 1ull << 21)
        l2_kernel[i] = pa | BLOCK_ATTRS | DESC_BLOCK;
}

/*
 * The tables were written with the MMU, and so the data cache, off. Clean and invalidate
 * their lines to the point of coherency so that no stale line (from before, or from
 * speculation) is seen by the table walker once caching is on.
 */
static void clean_tables(void)
{
    uint64_t ctr;
    __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
    uint64_t line = 4ull << ((ctr >> 16) & 15); /* DminLine: log2 of words */
    const table_t *tables[] = {&l0_identity, &l1_identity, &l0_kernel, &l1_kernel, &l2_kernel};
    for (unsigned t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (uintptr_t a = (uintptr_t)tables[t]; a < (uintptr_t)(tables[t] + 1); a += line)
            __asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
    __asm__ volatile("dsb sy" ::: "memory");
}

void arch_enable_mmu_el1(uint64_t ttbr0, uint64_t ttbr1);
void arch_enable_mmu_el2(uint64_t ttbr0);

void arch_enable_mmu(bool kernel_at_el2)
{
    clean_tables();
    if (kernel_at_el2)
        arch_enable_mmu_el2((uintptr_t)l0_identity);
    else
        arch_enable_mmu_el1((uintptr_t)l0_identity, (uintptr_t)l0_kernel);
}
