/*
 * The CapDL initializer's main: check the embedded spec and whether it can be satisfied,
 * then create the system in phases and suspend. Nothing is created unless every check passed.
 */
#include <stdio.h>

#include "initializer.h"

/* Patched by `sel4c-capdl embed` (in .data, so that the file holds bytes to patch): the
 * spec's virtual address and size, and the log level (errors only by default: the
 * initializer is silent when it works; info adds its figures). */
__attribute__((used, section(".data"))) volatile uint64_t sel4c_capdl_spec_location[2];
__attribute__((used, section(".data"))) volatile uint32_t sel4c_capdl_log_level = SEL4C_LOG_ERROR;

/* Reached when every thread was started: the benchmark counts instructions up to here. */
__attribute__((noinline, used)) void sel4c_capdl_done(void)
{
    __asm__ volatile("" ::: "memory");
}

/* Deepest use of the stack so far: the stack starts zeroed (it is in .bss-like memory). */
static unsigned long stack_high_water(void)
{
    extern char __sel4c_stack_top[], __sel4c_stack_size[];
    const char *bottom = __sel4c_stack_top - (uintptr_t)__sel4c_stack_size, *p = bottom;
    while (p < __sel4c_stack_top && !*p)
        p++;
    return (unsigned long)(__sel4c_stack_top - p);
}

static init_t init;

typedef struct dry_run {
    unsigned long slots; /* padding pieces, each in a slot of its own */
    unsigned long gaps;  /* runs of padding retypes: one per gap below a fixed object */
    int padding;         /* the last retype was padding */
} dry_run_t;

static int dry_place(void *ctx, const sel4c_capdl_retype_t *r, uint64_t *new_id)
{
    dry_run_t *d = ctx;
    int padding = r->object == SEL4C_CAPDL_PADDING;
    if (padding) {
        d->slots += r->count;
        d->gaps += !d->padding;
        *new_id = 0;
    }
    d->padding = padding;
    return 0;
}

/* Runs the allocation plan without creating anything: does every object fit? */
static int check_satisfiable(init_t *in)
{
    unsigned n = init_untyped_pool(in, init_pool);
    unsigned long free_slots = in->end - in->first;
    dry_run_t dry = {0};
    sel4c_capdl_error_t err = {0};
    if (in->spec.num_objects > free_slots) { /* also bounds the per-object bitmap in vspace.c */
        sel4c_error("capdl: spec has %u objects, the root CNode %lu free slots",
                    in->spec.num_objects, free_slots);
        return -1;
    }
    if (sel4c_capdl_plan(&in->spec, &in->sizes, init_pool, &n, INIT_POOL_SIZE, dry_place, &dry,
                         &err)) {
        sel4c_error("capdl: spec cannot be satisfied: object %u (%s): %s", err.index,
                    sel4c_capdl_name(&in->spec, err.index), err.what);
        return -1;
    }
    unsigned long need = in->spec.num_objects + dry.slots + init_extra_slots(in);
    if (need > free_slots) {
        sel4c_error("capdl: spec needs %lu free slots, the root CNode has %lu", need, free_slots);
        return -1;
    }
    in->gaps = dry.gaps;
    return 0;
}

/* The figures `make bench` shows, computed only when asked for (log level info). */
static void report(const init_t *in)
{
    unsigned long minimum = init_minimum_calls(in),
                  pct = minimum ? in->syscalls * 100 / minimum : 0;
    sel4c_info("capdl: %u objects; %lu system calls for a minimum of %lu (%lu.%02lux); "
               "%lu fill bytes written, %lu frames zero-copy (0 bytes copied); stack %lu bytes",
               in->spec.num_objects, in->syscalls, minimum, pct / 100, pct % 100, in->fill_bytes,
               in->zero_copy_frames, stack_high_water());
}

int main(const seL4_BootInfo *bi)
{
    init_t *in = &init;
    sel4c_log_set_level((sel4c_log_level_t)sel4c_capdl_log_level);
    in->bi = bi;
    extern const char __ehdr_start[];
    in->image_start = (uintptr_t)__ehdr_start;
    in->first = bi->empty.start;
    in->end = bi->empty.end;
#ifdef CONFIG_KERNEL_MCS
    int mcs = 1;
#else
    int mcs = 0;
#endif
#ifdef CONFIG_ARM_HYPERVISOR_SUPPORT
    int hyp = 1;
#else
    int hyp = 0;
#endif
    sel4c_capdl_sizes_aarch64(&in->sizes, mcs, hyp);
    /* larger where the TCB also saves debug registers (HARDWARE_DEBUG_API) */
    in->sizes.bits[SEL4C_CAPDL_TCB] = seL4_TCBBits;
    sel4c_capdl_error_t err = {0};
    const void *blob = (const void *)(uintptr_t)sel4c_capdl_spec_location[0];
    if (!blob || sel4c_capdl_open(&in->spec, blob, sel4c_capdl_spec_location[1], &err)) {
        printf("sel4c capdl: error: %s: %s %u: %s\n", blob ? "corrupt spec" : "no spec embedded",
               blob ? err.table : "-", err.index, blob ? err.what : "run sel4c-capdl embed");
        return 1;
    }
    /* open() checked that the children fit their untypeds with the sizes the spec was
     * written for; with other sizes (no --kernel-config at embedding), check again. */
    if (!sel4c_capdl_sizes_equal(&in->spec.header->sizes, &in->sizes) &&
        sel4c_capdl_check_children(in->spec.objects, in->spec.num_objects, &in->sizes, &err)) {
        printf("sel4c capdl: error: with this kernel's object sizes, object %u (%s): %s\n",
               err.index, sel4c_capdl_name(&in->spec, err.index), err.what);
        return 1;
    }
    /* The page-table depth matters only to a spec with page tables (one of objects alone
     * fits every kernel). */
    unsigned root_level = seL4_VSpaceIndexBits == 10 ? 1 : 0, tables = 0;
    for (uint32_t i = 0; i < in->spec.num_objects && !tables; i++)
        tables = in->spec.objects[i].type == SEL4C_CAPDL_PAGE_TABLE;
    if (tables && in->spec.header->root_level != root_level) {
        printf("sel4c capdl: error: the spec's VSpaces have %u levels, this kernel's %u\n",
               4 - in->spec.header->root_level, 4 - root_level);
        return 1;
    }
    if (in->spec.num_domain_entries > CONFIG_NUM_DOMAIN_SCHEDULES - 1) {
        printf("sel4c capdl: error: %u domain schedule entries, this kernel takes %u\n",
               in->spec.num_domain_entries, CONFIG_NUM_DOMAIN_SCHEDULES - 1);
        return 1;
    }
    for (uint32_t i = 0; i < in->spec.num_domain_entries; i++)
        if (in->spec.domain_schedule[i].domain >= CONFIG_NUM_DOMAINS) {
            printf("sel4c capdl: error: domain schedule entry %u: no domain %u\n", i,
                   in->spec.domain_schedule[i].domain);
            return 1;
        }
    if (init_check_fills(in) || check_satisfiable(in))
        return 1;
    in->next = in->first + in->spec.num_objects;
    int (*const phases[])(init_t *) = {
        init_create_objects,    init_fill_frames,     init_assign_asids,
        init_install_caps,      init_map_vspaces,     init_configure_irqs,
        init_configure_threads, init_domain_schedule, init_start_threads,
    };
    for (unsigned i = 0; i < sizeof phases / sizeof *phases; i++)
        if (phases[i](in))
            return 1;
    sel4c_capdl_done();
    if (sel4c_capdl_log_level >= SEL4C_LOG_INFO)
        report(in);
    seL4_TCB_Suspend(seL4_CapInitThreadTCB);
    return 0;
}
