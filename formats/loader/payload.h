/*
 * The kernel loader's payload: what sel4c-add-payload appends to kernel-loader.elf and the
 * loader reads at boot. Freestanding; all fields little-endian, naturally aligned.
 *
 * The host tool does all the planning (where the kernel, the initial user image and the
 * DTB go, what must be zeroed) and records it here; the loader checks the header, performs
 * the regions, maps the kernel and enters it. The tool places segments at their final
 * physical addresses when the boot firmware loads ELF segments where they ask to be (QEMU,
 * U-Boot bootelf): such regions have src == dest and cost the loader nothing.
 *
 * The loader finds the payload through its symbol `sel4c_loader_payload`, a 64-bit physical
 * address that sel4c-add-payload patches (0 in an unpatched loader).
 */
#pragma once

#include <stdint.h>

#define SEL4C_LOADER_PAYLOAD_MAGIC   0x50346c6573ull /* "sel4P" */
#define SEL4C_LOADER_PAYLOAD_VERSION 1
#define SEL4C_LOADER_MAX_REGIONS     64

/* flags */
#define SEL4C_LOADER_KERNEL_AT_EL2 (1u << 0) /* kernel built with hypervisor support */

/* Copy `copy_size` bytes from physical `src` to `dest`, then zero `zero_size` bytes after. */
typedef struct sel4c_loader_region {
    uint64_t dest;
    uint64_t src;
    uint64_t copy_size;
    uint64_t zero_size;
} sel4c_loader_region_t;

typedef struct sel4c_loader_payload {
    uint64_t magic;
    uint32_t version;
    uint32_t flags;
    uint32_t num_nodes; /* cores to start; 1 without SMP */
    uint32_t num_regions;
    uint64_t total_size; /* of this header, regions included */

    /* the kernel: its image spans [kernel_vaddr, kernel_vaddr_end) at kernel_paddr */
    uint64_t kernel_paddr;
    uint64_t kernel_vaddr;
    uint64_t kernel_vaddr_end;
    uint64_t kernel_entry; /* virtual */

    /* the initial user image and the device tree, as the kernel's entry ABI takes them */
    uint64_t user_paddr_start;
    uint64_t user_paddr_end;
    int64_t user_pv_offset; /* user physical address minus virtual address */
    uint64_t user_entry;    /* virtual */
    uint64_t dtb_paddr;
    uint64_t dtb_size;

    /* RAM the payload may occupy, for the loader's own overlap checks */
    uint64_t ram_start;
    uint64_t ram_end;

    sel4c_loader_region_t regions[SEL4C_LOADER_MAX_REGIONS];
} sel4c_loader_payload_t;
