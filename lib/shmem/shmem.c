/*
 * Bounds-checked, single-copy atomic and volatile accesses to a shared region
 * (include/sel4c/shmem.h). Freestanding: also built and tested on the host.
 */
#include <sel4c/shmem.h>

static sel4c_err_t fail(sel4c_shmem_t *v, sel4c_err_t err, const char *reason, size_t offset,
                        size_t size)
{
    v->error = (sel4c_shmem_error_t){.reason = reason, .offset = offset, .size = size};
    return err;
}

static sel4c_err_t init(sel4c_shmem_t *v, void *base, size_t size, uint64_t paddr, bool has_paddr)
{
    if (!v)
        return SEL4C_INVALID_ARGUMENT;
    *v = (sel4c_shmem_t){
        .base = (uintptr_t)base, .size = size, .paddr = paddr, .has_paddr = has_paddr};
    if (!base && size)
        return fail(v, SEL4C_INVALID_ARGUMENT, "region has no base address", 0, size);
    if (size && (uintptr_t)base + (size - 1) < (uintptr_t)base)
        return fail(v, SEL4C_INVALID_ARGUMENT, "region wraps around the address space", 0, size);
    if (has_paddr && size && paddr + (size - 1) < paddr)
        return fail(v, SEL4C_INVALID_ARGUMENT, "region's physical addresses wrap", 0, size);
    return SEL4C_NO_ERROR;
}

sel4c_err_t sel4c_shmem_init(sel4c_shmem_t *v, void *base, size_t size)
{
    return init(v, base, size, 0, false);
}

sel4c_err_t sel4c_shmem_init_phys(sel4c_shmem_t *v, void *base, size_t size, uint64_t paddr)
{
    return init(v, base, size, paddr, true);
}

sel4c_shmem_error_t sel4c_shmem_last_error(const sel4c_shmem_t *v)
{
    return v->error;
}

sel4c_err_t sel4c_shmem_check(sel4c_shmem_t *v, size_t offset, size_t size)
{
    /* written so that nothing overflows: offset <= v->size first, then the room left */
    if (offset > v->size || size > v->size - offset)
        return fail(v, SEL4C_RANGE_ERROR, "access outside the region", offset, size);
    return SEL4C_NO_ERROR;
}

sel4c_err_t sel4c_shmem_ptr(sel4c_shmem_t *v, size_t offset, size_t size, void **ptr)
{
    sel4c_err_t err = sel4c_shmem_check(v, offset, size);
    if (!err)
        *ptr = (void *)(v->base + offset);
    return err;
}

sel4c_err_t sel4c_shmem_offset_of(sel4c_shmem_t *v, const void *ptr, size_t size, size_t *offset)
{
    uintptr_t p = (uintptr_t)ptr;
    if (p < v->base)
        return fail(v, SEL4C_RANGE_ERROR, "pointer below the region", 0, size);
    sel4c_err_t err = sel4c_shmem_check(v, p - v->base, size);
    if (!err)
        *offset = p - v->base;
    return err;
}

sel4c_err_t sel4c_shmem_paddr(sel4c_shmem_t *v, size_t offset, uint64_t *paddr)
{
    if (!v->has_paddr)
        return fail(v, SEL4C_ILLEGAL_OPERATION, "region has no physical address", offset, 0);
    sel4c_err_t err = sel4c_shmem_check(v, offset, 0);
    if (!err)
        *paddr = v->paddr + offset;
    return err;
}

sel4c_err_t sel4c_shmem_offset_of_paddr(sel4c_shmem_t *v, uint64_t paddr, size_t size,
                                        size_t *offset)
{
    if (!v->has_paddr)
        return fail(v, SEL4C_ILLEGAL_OPERATION, "region has no physical address", 0, size);
    if (paddr < v->paddr || paddr - v->paddr > v->size)
        return fail(v, SEL4C_RANGE_ERROR, "physical address outside the region", 0, size);
    sel4c_err_t err = sel4c_shmem_check(v, (size_t)(paddr - v->paddr), size);
    if (!err)
        *offset = (size_t)(paddr - v->paddr);
    return err;
}

/* Checks an atomic access and gives its address. */
static sel4c_err_t atomic_at(sel4c_shmem_t *v, size_t offset, size_t size, uintptr_t *addr)
{
    if (size != 1 && size != 2 && size != 4 && size != 8)
        return fail(v, SEL4C_INVALID_ARGUMENT, "atomic access of a size other than 1, 2, 4, 8",
                    offset, size);
    sel4c_err_t err = sel4c_shmem_check(v, offset, size);
    if (err)
        return err;
    *addr = v->base + offset;
    if (*addr & (size - 1))
        return fail(v, SEL4C_ALIGNMENT_ERROR, "atomic access not naturally aligned", offset, size);
    return SEL4C_NO_ERROR;
}

/* The compiler's __atomic builtins take the ordering as a constant: one case per ordering. */
#define LOAD(type, addr, acquire)                                                                  \
    ((acquire) ? __atomic_load_n((volatile type *)(addr), __ATOMIC_ACQUIRE)                        \
               : __atomic_load_n((volatile type *)(addr), __ATOMIC_RELAXED))
#define STORE(type, addr, value, release)                                                          \
    ((release) ? __atomic_store_n((volatile type *)(addr), (type)(value), __ATOMIC_RELEASE)        \
               : __atomic_store_n((volatile type *)(addr), (type)(value), __ATOMIC_RELAXED))

sel4c_err_t sel4c_shmem_load(sel4c_shmem_t *v, size_t offset, size_t size,
                             sel4c_shmem_order_t order, uint64_t *value)
{
    if (order != SEL4C_SHMEM_RELAXED && order != SEL4C_SHMEM_ACQUIRE)
        return fail(v, SEL4C_INVALID_ARGUMENT, "load ordering must be relaxed or acquire", offset,
                    size);
    uintptr_t addr;
    sel4c_err_t err = atomic_at(v, offset, size, &addr);
    if (err)
        return err;
    bool acq = order == SEL4C_SHMEM_ACQUIRE;
    switch (size) {
    case 1: *value = LOAD(uint8_t, addr, acq); break;
    case 2: *value = LOAD(uint16_t, addr, acq); break;
    case 4: *value = LOAD(uint32_t, addr, acq); break;
    default: *value = LOAD(uint64_t, addr, acq); break;
    }
    return SEL4C_NO_ERROR;
}

sel4c_err_t sel4c_shmem_store(sel4c_shmem_t *v, size_t offset, size_t size, uint64_t value,
                              sel4c_shmem_order_t order)
{
    if (order != SEL4C_SHMEM_RELAXED && order != SEL4C_SHMEM_RELEASE)
        return fail(v, SEL4C_INVALID_ARGUMENT, "store ordering must be relaxed or release", offset,
                    size);
    uintptr_t addr;
    sel4c_err_t err = atomic_at(v, offset, size, &addr);
    if (err)
        return err;
    if (size < 8 && value >> (size * 8))
        return fail(v, SEL4C_INVALID_ARGUMENT, "value does not fit the access size", offset, size);
    bool rel = order == SEL4C_SHMEM_RELEASE;
    switch (size) {
    case 1: STORE(uint8_t, addr, value, rel); break;
    case 2: STORE(uint16_t, addr, value, rel); break;
    case 4: STORE(uint32_t, addr, value, rel); break;
    default: STORE(uint64_t, addr, value, rel); break;
    }
    return SEL4C_NO_ERROR;
}

#define TYPED(bits)                                                                                \
    sel4c_err_t sel4c_shmem_load##bits(sel4c_shmem_t *v, size_t offset, sel4c_shmem_order_t order, \
                                       uint##bits##_t *value)                                      \
    {                                                                                              \
        uint64_t x;                                                                                \
        sel4c_err_t err = sel4c_shmem_load(v, offset, bits / 8, order, &x);                        \
        if (!err)                                                                                  \
            *value = (uint##bits##_t)x;                                                            \
        return err;                                                                                \
    }                                                                                              \
    sel4c_err_t sel4c_shmem_store##bits(sel4c_shmem_t *v, size_t offset, uint##bits##_t value,     \
                                        sel4c_shmem_order_t order)                                 \
    {                                                                                              \
        return sel4c_shmem_store(v, offset, bits / 8, value, order);                               \
    }
TYPED(16)
TYPED(32)
TYPED(64)

void sel4c_shmem_fence(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* Volatile copies, a word at a time where both sides are word-aligned: each byte of the
 * source is read exactly once. */
static void copy_volatile(volatile unsigned char *dst, const volatile unsigned char *src,
                          size_t size)
{
    size_t i = 0;
    if ((((uintptr_t)dst | (uintptr_t)src) & (sizeof(uint64_t) - 1)) == 0)
        for (; i + sizeof(uint64_t) <= size; i += sizeof(uint64_t))
            *(volatile uint64_t *)(dst + i) = *(const volatile uint64_t *)(src + i);
    for (; i < size; i++)
        dst[i] = src[i];
}

sel4c_err_t sel4c_shmem_read(sel4c_shmem_t *v, size_t offset, void *dst, size_t size)
{
    sel4c_err_t err = sel4c_shmem_check(v, offset, size);
    if (!err)
        copy_volatile(dst, (const volatile unsigned char *)(v->base + offset), size);
    return err;
}

sel4c_err_t sel4c_shmem_write(sel4c_shmem_t *v, size_t offset, const void *src, size_t size)
{
    sel4c_err_t err = sel4c_shmem_check(v, offset, size);
    if (!err)
        copy_volatile((volatile unsigned char *)(v->base + offset), src, size);
    return err;
}

sel4c_err_t sel4c_shmem_snapshot(sel4c_shmem_t *v, size_t offset, void *dst, size_t size,
                                 sel4c_shmem_validate_fn validate, void *ctx)
{
    sel4c_err_t err = sel4c_shmem_read(v, offset, dst, size);
    if (err || !validate)
        return err;
    /* from here on only the private copy is looked at */
    const char *reason = "the snapshot was refused by its validator";
    err = validate(dst, size, ctx, &reason);
    if (err)
        return fail(v, err, reason, offset, size);
    return SEL4C_NO_ERROR;
}
