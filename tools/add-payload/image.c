/* Boot image writer: the loader and its payload as an ELF or as a raw binary. */
#include "image.h"

#include <stdlib.h>
#include <string.h>

#include "../../formats/elf/sel4c_phdr.h"
#include "../../formats/loader/arm64_image.h"
#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/strbuf.h"

/* Sources in a binary image are congruent to their destinations modulo this, so that the
 * loader's copy moves aligned 16-byte pairs (and whole cache lines) when loaded aligned. */
#define SOURCE_ALIGN 64ull

static uint64_t round_up(uint64_t x, uint64_t a)
{
    return (x + a - 1) & ~(a - 1);
}

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

bool image_format_parse(const char *name, image_format_t *out)
{
    if (strcmp(name, "elf") == 0)
        *out = IMAGE_FORMAT_ELF;
    else if (strcmp(name, "binary") == 0)
        *out = IMAGE_FORMAT_BINARY;
    else
        return false;
    return true;
}

bool image_loader_open(image_loader_t *ld, const char *name, const void *data, uint64_t size)
{
    *ld = (image_loader_t){.name = name, .start = UINT64_MAX};
    sel4c_elf_detail_t d = {0};
    sel4c_elf_err_t err = sel4c_elf_open(&ld->elf, data, size, SEL4C_EM_AARCH64, &d);
    if (err != SEL4C_ELF_OK) {
        diag_error(name, 0, "%s", sel4c_elf_strerror(err));
        return false;
    }
    sel4c_elf64_sym_t sym;
    if (sel4c_elf_symbol(&ld->elf, "sel4c_loader_payload", &sym) != SEL4C_ELF_OK) {
        diag_error(name, 0, "not a sel4c kernel loader (no symbol sel4c_loader_payload)");
        return false;
    }
    ld->payload_symbol = sym.st_value;
    for (unsigned i = 0; i < ld->elf.phnum; i++) {
        const sel4c_elf64_phdr_t *p = &ld->elf.ph[i];
        if (p->p_type != SEL4C_PT_LOAD)
            continue;
        if (p->p_paddr != p->p_vaddr) {
            diag_error(name, 0, "segment %u is not identity-mapped: not a sel4c kernel loader", i);
            return false;
        }
        if (p->p_paddr < ld->start)
            ld->start = p->p_paddr;
        if (p->p_paddr + p->p_memsz > ld->end)
            ld->end = p->p_paddr + p->p_memsz;
    }
    if (ld->end <= ld->start) {
        diag_error(name, 0, "has no loadable segments");
        return false;
    }
    return true;
}

static uint64_t zeroed_bytes(const sel4c_loader_payload_t *p)
{
    uint64_t n = 0;
    for (uint32_t i = 0; i < p->num_regions; i++)
        n += p->regions[i].zero_size;
    return n;
}

/* The loader ELF with each blob as a segment at its address; the firmware places them. */
static bool build_elf(const image_loader_t *ld, const plan_output_t *plan, uint8_t **out,
                      uint64_t *len, image_info_t *info)
{
    sel4c_elf_segment_t segs[sizeof plan->blobs / sizeof plan->blobs[0] + 1];
    unsigned n = 0;
    for (unsigned i = 0; i < plan->nblobs; i++) {
        const plan_blob_t *b = &plan->blobs[i];
        segs[n++] = (sel4c_elf_segment_t){
            SEL4C_PT_LOAD, SEL4C_PF_R | SEL4C_PF_W, b->paddr, b->paddr, b->data, b->size, b->size};
        info->placed += b->size;
    }
    /* marks where the payload header is, for tools that inspect the image */
    segs[n++] =
        (sel4c_elf_segment_t){SEL4C_PT_LOADER_PAYLOAD,       SEL4C_PF_R, plan->payload_paddr,
                              plan->payload_paddr,           NULL,       0,
                              sizeof(sel4c_loader_payload_t)};
    sel4c_elf_append_opts_t aopts = {.page = 4096};
    uint64_t size = sel4c_elf_append_size(&ld->elf, segs, n, &aopts);
    uint8_t *buf = xmalloc(size);
    sel4c_elf_detail_t d = {0};
    sel4c_elf_err_t err = sel4c_elf_append(&ld->elf, segs, n, &aopts, buf, size, len, &d);
    if (err == SEL4C_ELF_OK)
        err = sel4c_elf_patch_symbol(buf, *len, SEL4C_EM_AARCH64, "sel4c_loader_payload",
                                     &plan->payload_paddr, sizeof plan->payload_paddr, &d);
    if (err != SEL4C_ELF_OK) {
        diag_error(ld->name, 0, "cannot add the payload: %s (%s %llu)", sel4c_elf_strerror(err),
                   d.table ? d.table : "", (unsigned long long)d.index);
        free(buf);
        return false;
    }
    *out = buf;
    info->size = *len;
    info->copied = sizeof(sel4c_loader_payload_t); /* the loader keeps its own copy */
    return true;
}

/*
 * Where RAM starts, as the boot firmware sees it: the first /memory node of the device tree
 * (U-Boot's first DRAM bank comes from there, QEMU's RAM base is in it), else the platform's
 * lowest memory region (which may start above RAM, at what the kernel was given).
 */
static uint64_t ram_base(const plan_input_t *in)
{
    uint64_t base = UINT64_MAX;
    for (unsigned i = 0; i < in->platform.nmemory; i++)
        if (in->platform.memory[i].start < base)
            base = in->platform.memory[i].start;
    sel4c_fdt_t fdt;
    if (sel4c_fdt_check(&fdt, in->dtb, in->dtb_size) != SEL4C_FDT_OK)
        return base;
    uint32_t cells = 2, hi = 0, lo;
    sel4c_fdt_prop_cell(&fdt, sel4c_fdt_path(&fdt, "/"), "#address-cells", 0, &cells);
    int node = sel4c_fdt_path(&fdt, "/memory");
    if (node < 0 || (cells != 1 && cells != 2) ||
        !sel4c_fdt_prop_cell(&fdt, node, "reg", cells - 1, &lo) ||
        (cells == 2 && !sel4c_fdt_prop_cell(&fdt, node, "reg", 0, &hi)))
        return base;
    return (uint64_t)hi << 32 | lo;
}

/* The region of `p` whose copied bytes hold [paddr, paddr + size), or NULL. */
static const sel4c_loader_region_t *region_of(const sel4c_loader_payload_t *p, uint64_t paddr,
                                              uint64_t size)
{
    for (uint32_t i = 0; i < p->num_regions; i++) {
        const sel4c_loader_region_t *r = &p->regions[i];
        if (paddr >= r->dest && paddr + size <= r->dest + r->copy_size)
            return r;
    }
    return NULL;
}

/*
 * [Image header + loader as in memory][payload header][region bytes...]: each region's
 * source recorded as its address when the image is at the loader's link address.
 */
static bool build_binary(const image_loader_t *ld, const plan_input_t *in,
                         const plan_output_t *plan, uint8_t **out, uint64_t *len,
                         image_info_t *info)
{
    uint64_t link = ld->start, header_off = round_up(ld->end - link, SOURCE_ALIGN);
    sel4c_loader_payload_t p = plan->payload;
    uint64_t cursor = header_off + sizeof p;
    for (uint32_t i = 0; i < p.num_regions; i++) {
        sel4c_loader_region_t *r = &p.regions[i];
        r->src = r->dest;
        if (!r->copy_size)
            continue;
        uint64_t off = cursor + ((r->dest - cursor) & (SOURCE_ALIGN - 1));
        r->src = link + off;
        cursor = off + r->copy_size;
        info->copied += r->copy_size;
    }
    uint64_t size = round_up(cursor, 16);

    const platform_region_t *ram = platform_memory_for(&in->platform, link, link + size);
    if (!ram) {
        diag_error(in->platform_name, 0,
                   "no memory region holds the binary image at the loader's address "
                   "[0x%llx, 0x%llx)",
                   (unsigned long long)link, (unsigned long long)(link + size));
        return false;
    }
    for (uint32_t i = 0; i < p.num_regions; i++) {
        const sel4c_loader_region_t *r = &p.regions[i];
        uint64_t end = r->dest + r->copy_size + r->zero_size;
        if (r->dest < link + size && link < end) {
            diag_error(in->user.name, 0,
                       "the binary image [0x%llx, 0x%llx) overlaps where the payload goes "
                       "[0x%llx, 0x%llx): the images are too large for this loader's address",
                       (unsigned long long)link, (unsigned long long)(link + size),
                       (unsigned long long)r->dest, (unsigned long long)end);
            return false;
        }
    }
    uint64_t sym_off;
    if (ld->payload_symbol < link || ld->payload_symbol + 8 > link + header_off ||
        sel4c_elf_file_offset(&ld->elf, ld->payload_symbol, 8, &sym_off) != SEL4C_ELF_OK) {
        diag_error(ld->name, 0, "sel4c_loader_payload is not in the loader's initialised data");
        return false;
    }

    uint8_t *buf = calloc(1, size);
    if (!buf) {
        diag_error(ld->name, 0, "out of memory for a %llu-byte image", (unsigned long long)size);
        return false;
    }
    for (unsigned i = 0; i < ld->elf.phnum; i++) {
        const sel4c_elf64_phdr_t *ph = &ld->elf.ph[i];
        if (ph->p_type == SEL4C_PT_LOAD && ph->p_filesz)
            memcpy(buf + (ph->p_paddr - link), sel4c_elf_segment_data(&ld->elf, i), ph->p_filesz);
    }
    const uint8_t magic[4] = {'A', 'R', 'M', 0x64};
    if (memcmp(buf + ARM64_IMAGE_MAGIC, magic, sizeof magic) != 0) {
        diag_error(ld->name, 0,
                   "has no arm64 Image header at its start: not a loader that "
                   "can be booted as a binary (rebuild it)");
        free(buf);
        return false;
    }
    /* Image loaders put it at text_offset from RAM's base rounded up to 2 MiB: there the
     * loader needs not move (if RAM starts above the loader, it always moves) */
    uint64_t base = round_up(ram_base(in), 2ull << 20);
    put64(buf + ARM64_IMAGE_TEXT_OFFSET, base <= link ? link - base : 0);
    put64(buf + ARM64_IMAGE_SIZE, size);
    put64(buf + (ld->payload_symbol - link), link + header_off);
    memcpy(buf + header_off, &p, sizeof p);
    info->copied += sizeof p;
    for (unsigned i = 0; i + 1 < plan->nblobs; i++) { /* the last blob is the header */
        const plan_blob_t *b = &plan->blobs[i];
        const sel4c_loader_region_t *r = region_of(&p, b->paddr, b->size);
        if (!r) { /* plan_payload makes a region for every blob */
            diag_error(ld->name, 0, "internal error: no region for the bytes at 0x%llx",
                       (unsigned long long)b->paddr);
            free(buf);
            return false;
        }
        memcpy(buf + (r->src - link) + (b->paddr - r->dest), b->data, b->size);
    }
    *out = buf;
    *len = size;
    info->size = size;
    info->load_address = link;
    return true;
}

bool image_build(const image_loader_t *ld, const plan_input_t *in, const plan_output_t *plan,
                 image_format_t format, uint8_t **out, uint64_t *len, image_info_t *info)
{
    *info = (image_info_t){.format = format, .zeroed = zeroed_bytes(&plan->payload)};
    if (format == IMAGE_FORMAT_BINARY)
        return build_binary(ld, in, plan, out, len, info);
    return build_elf(ld, plan, out, len, info);
}

bool image_write(const image_loader_t *ld, const plan_input_t *in, const plan_output_t *plan,
                 image_format_t format, const char *path, image_info_t *info)
{
    uint8_t *buf;
    uint64_t len;
    if (!image_build(ld, in, plan, format, &buf, &len, info))
        return false;
    bool ok = write_file_atomic(path, buf, len);
    free(buf);
    return ok;
}
