/*
 * Kernel objects for a root task: free slots of its CNode and untyped memory from boot info,
 * handed out in order. Not thread-safe: call it from one thread (typically main).
 */
#pragma once

#include <sel4c/sel4.h>

/*
 * Creates one object of `type` (size `size_bits` for variable-sized types) in the next free
 * slot of the root CNode and returns that slot in `*slot`. Returns SEL4C_NOT_ENOUGH_MEMORY
 * when no untyped can hold it and SEL4C_RANGE_ERROR when no slot is left.
 */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_object_alloc(seL4_Word type, seL4_Word size_bits,
                                                                seL4_CPtr *slot);

/* The frame capability of the root task's own page at `vaddr` (from boot info), or 0. */
SEL4C_C_LINKAGE seL4_CPtr sel4c_image_frame(const void *vaddr);
