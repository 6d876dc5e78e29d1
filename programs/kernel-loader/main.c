/*
 * The sel4c kernel loader: checks the payload sel4c-add-payload appended, places its
 * regions, starts the other cores through PSCI when the kernel has several nodes, turns the
 * MMU on as the kernel expects and enters the kernel on every core.
 *
 * In an ELF image the boot firmware has placed every region already. In a binary image the
 * payload is where the image was loaded: regions record their source as the address it has
 * when the image is at the loader's link address, and the loader copies from there, moved
 * by where the image really is.
 *
 * The exception level the kernel needs comes from the payload (the kernel's configuration):
 * a kernel with hypervisor support stays at EL2, any other runs at EL1, and a loader entered
 * at EL2 drops there first.
 */
#include "../../formats/fdt/fdt.h"
#include "loader.h"

/* Physical address of the payload header (with the image at the loader's link address);
 * patched by sel4c-add-payload. */
volatile uint64_t sel4c_loader_payload __attribute__((used, section(".data"))) = 0;

extern char __loader_start[], __loader_end[];
uint8_t loader_stacks[LOADER_MAX_CORES][4096] __attribute__((aligned(4096), section(".stacks")));

/* The loader's copy of the payload header: the regions it describes may overwrite the
 * image's. */
static sel4c_loader_payload_t payload_copy __attribute__((aligned(64)));
static const sel4c_loader_payload_t *payload = &payload_copy;
static bool kernel_at_el2;
/* Each secondary sets its own flag: plain stores, as the MMU (and so coherency) is off. */
static volatile uint32_t core_arrived[LOADER_MAX_CORES];
static volatile uint32_t release_cores;

#define PSCI_CPU_ON 0xc4000003ull

static bool overlaps(uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end)
{
    return a < b_end && b < a_end;
}

/* [base, base + size) does not wrap and lies in the payload's RAM. */
static bool in_ram(const sel4c_loader_payload_t *p, uint64_t base, uint64_t size)
{
    return base + size >= base && base >= p->ram_start && base + size <= p->ram_end;
}

/*
 * Checks the header and its regions: each in RAM and clear of the loader, destinations in
 * ascending order and apart, sources (moved by `delta`) too, in the same order.
 */
static void check_payload(const sel4c_loader_payload_t *p, int64_t delta)
{
    uint64_t self = (uintptr_t)__loader_start, self_end = (uintptr_t)__loader_end;
    if (p->magic != SEL4C_LOADER_PAYLOAD_MAGIC)
        loader_fail("bad payload magic %x at %x", p->magic, sel4c_loader_payload + delta);
    if (p->version != SEL4C_LOADER_PAYLOAD_VERSION || p->total_size != sizeof *p)
        loader_fail("payload version %u (size %u) is not the loader's version %u",
                    (uint64_t)p->version, p->total_size, (uint64_t)SEL4C_LOADER_PAYLOAD_VERSION);
    if (p->num_regions > SEL4C_LOADER_MAX_REGIONS)
        loader_fail("payload has %u regions, at most %u fit", (uint64_t)p->num_regions,
                    (uint64_t)SEL4C_LOADER_MAX_REGIONS);
    if (p->num_nodes == 0 || p->num_nodes > LOADER_MAX_CORES)
        loader_fail("the kernel wants %u cores; the loader starts 1 to %u", (uint64_t)p->num_nodes,
                    (uint64_t)LOADER_MAX_CORES);
    uint64_t dest_floor = 0, src_floor = 0;
    for (uint32_t i = 0; i < p->num_regions; i++) {
        const sel4c_loader_region_t *r = &p->regions[i];
        uint64_t size = r->copy_size + r->zero_size, src = r->src + (uint64_t)delta;
        if (size < r->copy_size || !in_ram(p, r->dest, size))
            loader_fail("region %u [%x, +%x) does not fit the platform's memory [%x, %x)",
                        (uint64_t)i, r->dest, size, p->ram_start, p->ram_end);
        if (overlaps(r->dest, r->dest + size, self, self_end))
            loader_fail("region %u [%x, +%x) overlaps the loader [%x, %x)", (uint64_t)i, r->dest,
                        size, self, self_end);
        if (r->dest < dest_floor)
            loader_fail("region %u at %x is not above the one before", (uint64_t)i, r->dest);
        dest_floor = r->dest + size;
        if (!r->copy_size)
            continue;
        if (src + r->copy_size < src || overlaps(src, src + r->copy_size, self, self_end))
            loader_fail("region %u's bytes [%x, +%x) overlap the loader [%x, %x)", (uint64_t)i, src,
                        r->copy_size, self, self_end);
        if (src < src_floor)
            loader_fail("region %u's bytes at %x are not above the region's before", (uint64_t)i,
                        src);
        src_floor = src + r->copy_size;
    }
    if (!in_ram(p, p->user_paddr_start, p->user_paddr_end - p->user_paddr_start) ||
        p->user_paddr_end < p->user_paddr_start)
        loader_fail("user image [%x, %x) is not in memory", p->user_paddr_start, p->user_paddr_end);
    if (!in_ram(p, p->dtb_paddr, p->dtb_size))
        loader_fail("device tree [%x, +%x) is not in memory", p->dtb_paddr, p->dtb_size);
}

/*
 * Copies each region from where the image holds it to its destination and zeroes its tail.
 * In a binary image the two may overlap (the image loaded where the payload goes). Sources
 * and destinations are in the same ascending order, so the regions that move up are done
 * first, highest first, then those that move down (or stay), lowest first: then no region's
 * destination covers a source still to be read (docs/loader.md).
 */
static void place_regions(const sel4c_loader_payload_t *p, int64_t delta)
{
    for (uint32_t i = p->num_regions; i-- > 0;) {
        const sel4c_loader_region_t *r = &p->regions[i];
        uint64_t src = r->src + (uint64_t)delta;
        if (r->copy_size && r->dest > src) {
            region_move(r->dest, src, r->copy_size);
            region_zero(r->dest + r->copy_size, r->zero_size);
        }
    }
    for (uint32_t i = 0; i < p->num_regions; i++) {
        const sel4c_loader_region_t *r = &p->regions[i];
        uint64_t src = r->src + (uint64_t)delta;
        if (!r->copy_size || r->dest <= src) {
            region_move(r->dest, src, r->copy_size);
            region_zero(r->dest + r->copy_size, r->zero_size);
        }
    }
}

/* The PSCI conduit the device tree names: SMC under a hypervisor-capable machine, else HVC. */
static uint64_t psci(bool smc, uint64_t fn, uint64_t a, uint64_t b, uint64_t c)
{
    return smc ? arch_psci_smc(fn, a, b, c) : arch_psci_hvc(fn, a, b, c);
}

static void start_secondaries(const sel4c_loader_payload_t *p, const sel4c_fdt_t *fdt)
{
    int node = sel4c_fdt_path(fdt, "/psci");
    bool smc = sel4c_fdt_prop_has_string(fdt, node, "method", "smc");
    if (!smc && !sel4c_fdt_prop_has_string(fdt, node, "method", "hvc"))
        loader_fail("the device tree names no PSCI method (/psci method \"smc\" or \"hvc\")");
    arch_check_psci_conduit(smc);
    uint32_t addr_cells = 1;
    int cpus = sel4c_fdt_path(fdt, "/cpus");
    sel4c_fdt_prop_cell(fdt, cpus, "#address-cells", 0, &addr_cells);
    uint64_t self = arch_mpidr();
    uint32_t started = 1;
    for (int c = sel4c_fdt_first_child(fdt, cpus); c >= 0 && started < p->num_nodes;
         c = sel4c_fdt_next_sibling(fdt, c)) {
        uint32_t hi = 0, lo;
        if (!sel4c_fdt_prop_cell(fdt, c, "reg", addr_cells - 1, &lo) ||
            (addr_cells == 2 && !sel4c_fdt_prop_cell(fdt, c, "reg", 0, &hi)))
            continue; /* not a cpu node */
        uint64_t mpidr = (uint64_t)hi << 32 | lo;
        if (mpidr == self)
            continue;
        int64_t r = (int64_t)psci(smc, PSCI_CPU_ON, mpidr, (uintptr_t)secondary_entry, started);
        if (r != 0)
            loader_fail("PSCI CPU_ON of core %x failed (%x)", mpidr, (uint64_t)r);
        for (uint64_t spin = 0; !core_arrived[started]; spin++)
            if (spin > 100000000)
                loader_fail("core %x did not come up", mpidr);
        started++;
    }
    if (started < p->num_nodes)
        loader_fail("the kernel wants %u cores; the device tree lists %u", (uint64_t)p->num_nodes,
                    (uint64_t)started);
    console_printf("started %u cores over PSCI (%s)\n", (uint64_t)started, smc ? "smc" : "hvc");
}

static __attribute__((noreturn)) void enter_kernel(uint64_t core)
{
    const sel4c_loader_payload_t *p = payload;
    arch_enable_mmu(kernel_at_el2);
    arch_enter_kernel(p->user_paddr_start, p->user_paddr_end, p->user_pv_offset, p->user_entry,
                      p->dtb_paddr, p->dtb_size, p->kernel_entry, core);
}

void loader_exception(uint64_t slot, uint64_t esr, uint64_t elr, uint64_t far)
{
    loader_fail("unexpected exception (vector %u, ESR %x) at %x, fault address %x", slot, esr, elr,
                far);
}

void loader_secondary_main(uint64_t core);
void loader_secondary_main(uint64_t core)
{
    if (arch_current_el() == 2 && !kernel_at_el2)
        arch_drop_to_el1();
    if (core < LOADER_MAX_CORES)
        core_arrived[core] = 1;
    __asm__ volatile("dsb sy" ::: "memory");
    while (!release_cores)
        __asm__ volatile("wfe");
    enter_kernel(core);
}

/* Entered on the boot core at the loader's link address; `here` is where the image was
 * loaded. */
void loader_main(uint64_t here);
void loader_main(uint64_t here)
{
    console_init(LOADER_UART_BASE);
    unsigned el = arch_current_el();
    uint64_t linked = (uintptr_t)__loader_start;
    console_printf("sel4c kernel loader: entered at EL%u, loaded at %x", (uint64_t)el, here);
    console_printf(here == linked ? "\n" : ", moved to %x where it is linked\n", linked);
    if (!sel4c_loader_payload)
        loader_fail("no payload: append one with sel4c-add-payload");
    /* the payload is still where the image was loaded */
    int64_t delta = (int64_t)(here - linked);
    /* sources lie at offsets congruent to their destinations modulo 64 from the link address:
     * moved by other than a multiple of 16, they cannot be copied in aligned pairs */
    if (delta & 15)
        console_printf("sel4c loader: loaded at an address that is not a multiple of 16: the "
                       "payload is copied byte by byte\n");
    region_copy((uintptr_t)&payload_copy, sel4c_loader_payload + (uint64_t)delta,
                sizeof payload_copy);
    check_payload(payload, delta);
    kernel_at_el2 = payload->flags & SEL4C_LOADER_KERNEL_AT_EL2;
    if (el != 1 && el != 2)
        loader_fail("entered at EL%u; the loader runs at EL2 or EL1", (uint64_t)el);
    if (kernel_at_el2 && el != 2)
        loader_fail("the kernel has hypervisor support and must start at EL2, but the loader "
                    "was entered at EL1 (QEMU: -machine virt,virtualization=on)");

    place_regions(payload, delta);
    sel4c_fdt_t fdt;
    sel4c_fdt_err_t err =
        sel4c_fdt_check(&fdt, (const void *)(uintptr_t)payload->dtb_paddr, payload->dtb_size);
    if (err != SEL4C_FDT_OK)
        loader_fail("device tree at %x: %s", payload->dtb_paddr, sel4c_fdt_strerror(err));

    arch_build_page_tables(payload, (uintptr_t)__loader_start, (uintptr_t)__loader_end,
                           kernel_at_el2);
    if (payload->num_nodes > 1)
        start_secondaries(payload, &fdt);
    console_printf("entering kernel at %x (EL%u), user image [%x, %x), dtb %x\n",
                   payload->kernel_entry, (uint64_t)(kernel_at_el2 ? 2 : 1),
                   payload->user_paddr_start, payload->user_paddr_end, payload->dtb_paddr);
    if (el == 2 && !kernel_at_el2)
        arch_drop_to_el1();
    release_cores = 1;
    __asm__ volatile("dsb sy; sev" ::: "memory");
    enter_kernel(0);
}
