/*
 * The variables the system builder patches in each PD's image: libmicrokit's (name, passive,
 * channel masks) and sel4c's (heap region, children, console). They live in a section of
 * their own, which the linker script keeps even when nothing refers to them (the builder
 * looks them up by name) and which has file contents to patch.
 */
#include <stdbool.h>

#include <microkit.h>

#define PATCHED __attribute__((section(".data.microkit_patched"), used))

PATCHED char microkit_name[MICROKIT_PD_NAME_LENGTH];
PATCHED bool microkit_passive;
PATCHED seL4_Word microkit_irqs;
PATCHED seL4_Word microkit_notifications;
PATCHED seL4_Word microkit_pps;
PATCHED seL4_Word microkit_ioports;
PATCHED seL4_Word sel4c_heap_vaddr;
PATCHED seL4_Word sel4c_heap_size;
PATCHED seL4_Word sel4c_microkit_children;
PATCHED seL4_Word sel4c_microkit_console; /* the console endpoint's CPtr, or 0 */
