/*
 * Payload planning. The kernel goes where its ELF says (its physical addresses); the device
 * tree follows, then the initial user image, laid out as its virtual addresses are (the
 * kernel maps it from one physical range with one offset), then the payload header. These
 * follow in the order the kernel needs. Everything must lie in the platform memory region
 * that holds the kernel and must stay clear of the loader.
 */
#include "plan.h"

#include <string.h>

#include "../common/diag.h"

#define PAGE 4096ull

static uint64_t round_up(uint64_t x, uint64_t a)
{
    return (x + a - 1) & ~(a - 1);
}

static bool overlaps(uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end)
{
    return a < b_end && b < a_end;
}

/* Lowest and highest (exclusive) addresses of an image, physical or virtual. */
static void extent(const plan_image_t *img, bool physical, uint64_t *lo, uint64_t *hi)
{
    *lo = UINT64_MAX;
    *hi = 0;
    for (unsigned i = 0; i < img->nsegs; i++) {
        uint64_t a = physical ? img->segs[i].paddr : img->segs[i].vaddr;
        if (a < *lo)
            *lo = a;
        if (a + img->segs[i].memsz > *hi)
            *hi = a + img->segs[i].memsz;
    }
}

bool plan_image_of_elf(const char *name, const sel4c_elf_t *elf, plan_image_t *img)
{
    *img = (plan_image_t){.name = name, .entry = elf->eh->e_entry};
    for (unsigned i = 0; i < elf->phnum; i++) {
        const sel4c_elf64_phdr_t *p = &elf->ph[i];
        if (p->p_type != SEL4C_PT_LOAD || p->p_memsz == 0)
            continue;
        if (img->nsegs == PLAN_MAX_SEGMENTS) {
            diag_error(name, 0, "more than %d loadable segments", PLAN_MAX_SEGMENTS);
            return false;
        }
        img->segs[img->nsegs++] = (plan_segment_t){p->p_paddr, p->p_vaddr, p->p_filesz, p->p_memsz,
                                                   sel4c_elf_segment_data(elf, i)};
    }
    return true;
}

static bool check_image(const plan_image_t *img)
{
    if (img->nsegs == 0) {
        diag_error(img->name, 0, "has no loadable segments");
        return false;
    }
    for (unsigned i = 0; i < img->nsegs; i++) {
        const plan_segment_t *s = &img->segs[i];
        if (s->paddr + s->memsz < s->paddr || s->vaddr + s->memsz < s->vaddr) {
            diag_error(img->name, 0, "segment %u wraps around the address space", i);
            return false;
        }
    }
    return true;
}

static void add_region(plan_output_t *out, uint64_t dest, const uint8_t *data, uint64_t filesz,
                       uint64_t memsz)
{
    sel4c_loader_region_t *r = &out->payload.regions[out->payload.num_regions++];
    *r = (sel4c_loader_region_t){dest, dest, filesz, memsz - filesz};
    if (filesz)
        out->blobs[out->nblobs++] = (plan_blob_t){dest, data, filesz};
}

/* Insertion sort of the payload's regions by destination (there are few). */
static void sort_regions(sel4c_loader_payload_t *p)
{
    for (uint32_t i = 1; i < p->num_regions; i++) {
        sel4c_loader_region_t r = p->regions[i];
        uint32_t j = i;
        for (; j > 0 && p->regions[j - 1].dest > r.dest; j--)
            p->regions[j] = p->regions[j - 1];
        p->regions[j] = r;
    }
}

bool plan_payload(const plan_input_t *in, plan_output_t *out)
{
    memset(out, 0, sizeof *out);
    if (!check_image(&in->kernel) || !check_image(&in->user))
        return false;
    sel4c_fdt_t fdt;
    sel4c_fdt_err_t ferr = sel4c_fdt_check(&fdt, in->dtb, in->dtb_size);
    if (ferr != SEL4C_FDT_OK) {
        diag_error(in->dtb_name, 0, "%s", sel4c_fdt_strerror(ferr));
        return false;
    }
    uint32_t dtb_size;
    if (!dtb_packed_size(in->dtb_name, &fdt, &dtb_size))
        return false;
    if (in->kernel.nsegs + in->user.nsegs + 1 > SEL4C_LOADER_MAX_REGIONS) {
        diag_error(in->user.name, 0, "too many segments for one payload");
        return false;
    }
    if (in->num_nodes == 0 || in->num_nodes > 8) {
        diag_error(in->kernel.name, 0, "the kernel's %u nodes are more than the loader starts",
                   in->num_nodes);
        return false;
    }

    uint64_t k_plo, k_phi, k_vlo, k_vhi;
    extent(&in->kernel, true, &k_plo, &k_phi);
    extent(&in->kernel, false, &k_vlo, &k_vhi);
    /* An EL2 kernel is linked in the lower (TTBR0) half, an EL1 one in the upper half. */
    bool linked_for_el2 = k_vlo < (1ull << 48);
    if (linked_for_el2 != in->kernel_at_el2) {
        diag_error(in->kernel.name, 0,
                   "the kernel is linked at 0x%llx, which does not fit a "
                   "kernel %s hypervisor support as its configuration says",
                   (unsigned long long)k_vlo, in->kernel_at_el2 ? "with" : "without");
        return false;
    }
    for (unsigned i = 0; i < in->kernel.nsegs; i++) {
        const plan_segment_t *s = &in->kernel.segs[i];
        if (s->vaddr - s->paddr != k_vlo - k_plo) {
            diag_error(in->kernel.name, 0,
                       "segment %u is not at the kernel's one physical "
                       "offset",
                       i);
            return false;
        }
    }
    if ((k_vlo >> 30) != ((k_vhi - 1) >> 30)) {
        diag_error(in->kernel.name, 0, "the kernel image crosses a 1 GiB boundary");
        return false;
    }
    const platform_region_t *ram = platform_memory_for(&in->platform, k_plo, k_phi);
    if (!ram) {
        diag_error(in->platform_name, 0, "no memory region holds the kernel [0x%llx, 0x%llx)",
                   (unsigned long long)k_plo, (unsigned long long)k_phi);
        return false;
    }

    /* The kernel reserves its image, the device tree and the user image, in that order,
     * and requires them in ascending order of address. */
    uint64_t u_vlo, u_vhi;
    extent(&in->user, false, &u_vlo, &u_vhi);
    u_vlo &= ~(PAGE - 1);
    uint64_t dtb_paddr = round_up(k_phi, PAGE);
    uint64_t u_pstart = round_up(dtb_paddr + dtb_size, PAGE);
    uint64_t u_pend = u_pstart + round_up(u_vhi - u_vlo, PAGE);
    uint64_t header_paddr = u_pend;
    uint64_t end = header_paddr + sizeof(sel4c_loader_payload_t);
    if (end > ram->end || end < u_pstart) {
        diag_error(in->platform_name, 0,
                   "the payload [0x%llx, 0x%llx) does not fit the memory "
                   "region [0x%llx, 0x%llx)",
                   (unsigned long long)k_plo, (unsigned long long)end,
                   (unsigned long long)ram->start, (unsigned long long)ram->end);
        return false;
    }
    if (overlaps(k_plo, end, in->loader_start, in->loader_end)) {
        diag_error(in->user.name, 0,
                   "the payload [0x%llx, 0x%llx) overlaps the loader "
                   "[0x%llx, 0x%llx): the images are too large for this loader's address",
                   (unsigned long long)k_plo, (unsigned long long)end,
                   (unsigned long long)in->loader_start, (unsigned long long)in->loader_end);
        return false;
    }

    sel4c_loader_payload_t *p = &out->payload;
    p->magic = SEL4C_LOADER_PAYLOAD_MAGIC;
    p->version = SEL4C_LOADER_PAYLOAD_VERSION;
    p->flags = in->kernel_at_el2 ? SEL4C_LOADER_KERNEL_AT_EL2 : 0;
    p->num_nodes = in->num_nodes;
    p->total_size = sizeof *p;
    p->kernel_paddr = k_plo;
    p->kernel_vaddr = k_vlo;
    p->kernel_vaddr_end = k_vhi;
    p->kernel_entry = in->kernel.entry;
    p->user_paddr_start = u_pstart;
    p->user_paddr_end = u_pend;
    p->user_pv_offset = (int64_t)(u_pstart - u_vlo);
    p->user_entry = in->user.entry;
    p->dtb_paddr = dtb_paddr;
    p->dtb_size = dtb_size;
    p->ram_start = ram->start;
    p->ram_end = ram->end;

    for (unsigned i = 0; i < in->kernel.nsegs; i++) {
        const plan_segment_t *s = &in->kernel.segs[i];
        add_region(out, s->paddr, s->data, s->filesz, s->memsz);
    }
    for (unsigned i = 0; i < in->user.nsegs; i++) {
        const plan_segment_t *s = &in->user.segs[i];
        add_region(out, u_pstart + (s->vaddr - u_vlo), s->data, s->filesz, s->memsz);
    }
    /* the packed tree: its own header (totalsize changed), then the file's bytes after it */
    dtb_packed_header(&fdt, dtb_size, out->dtb_header);
    add_region(out, dtb_paddr, out->dtb_header, DTB_HEADER_SIZE, DTB_HEADER_SIZE);
    out->payload.regions[out->payload.num_regions - 1].copy_size = dtb_size;
    out->blobs[out->nblobs++] = (plan_blob_t){
        dtb_paddr + DTB_HEADER_SIZE, in->dtb + DTB_HEADER_SIZE, dtb_size - DTB_HEADER_SIZE};
    sort_regions(p);
    out->payload_paddr = header_paddr;
    out->blobs[out->nblobs++] = (plan_blob_t){header_paddr, (const uint8_t *)p, sizeof *p};
    return true;
}
