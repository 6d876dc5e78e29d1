/*
 * Fixed-size DMA buffers: a bitmap in private memory over `count` equal slots of the shared
 * region (include/sel4c/dma.h).
 */
#include <sel4c/dma.h>

#define WORD_BITS 64

static sel4c_err_t fail(sel4c_dma_slots_t *s, sel4c_err_t err, const char *reason, size_t offset)
{
    s->error = (sel4c_shmem_error_t){.reason = reason, .offset = offset, .size = s->slot_size};
    return err;
}

sel4c_err_t sel4c_dma_slots_init(sel4c_dma_slots_t *s, const sel4c_shmem_t *region, size_t first,
                                 size_t slot_size, size_t count, uint64_t *bitmap,
                                 size_t bitmap_words)
{
    *s = (sel4c_dma_slots_t){
        .region = *region, .first = first, .slot_size = slot_size, .count = count, .used = bitmap};
    if (!slot_size || !count)
        return fail(s, SEL4C_INVALID_ARGUMENT, "no slots (slot size or count is 0)", first);
    if (!bitmap || bitmap_words < SEL4C_DMA_SLOT_WORDS(count))
        return fail(s, SEL4C_INVALID_ARGUMENT, "bitmap too small for the slots", first);
    if (count > SIZE_MAX / slot_size || sel4c_shmem_check(&s->region, first, count * slot_size))
        return fail(s, SEL4C_RANGE_ERROR, "slots do not fit in the region", first);
    for (size_t i = 0; i < SEL4C_DMA_SLOT_WORDS(count); i++)
        bitmap[i] = 0;
    s->free_slots = count;
    return SEL4C_NO_ERROR;
}

static void describe(const sel4c_dma_slots_t *s, size_t index, sel4c_dma_buf_t *buf)
{
    size_t offset = s->first + index * s->slot_size;
    *buf = (sel4c_dma_buf_t){.vaddr = (void *)(s->region.base + offset),
                             .offset = offset,
                             .paddr = s->region.has_paddr ? s->region.paddr + offset : 0,
                             .size = s->slot_size};
}

sel4c_err_t sel4c_dma_slot_alloc(sel4c_dma_slots_t *s, sel4c_dma_buf_t *buf)
{
    if (!s->free_slots)
        return fail(s, SEL4C_NOT_ENOUGH_MEMORY, "every slot is allocated", 0);
    size_t words = SEL4C_DMA_SLOT_WORDS(s->count);
    /* free_slots > 0, so some word at or after the hint (cyclically) has a clear bit */
    for (size_t n = 0; n < words; n++) {
        size_t w = (s->hint + n) % words;
        uint64_t free_bits = ~s->used[w];
        if (w == words - 1 && s->count % WORD_BITS)
            free_bits &= (UINT64_C(1) << (s->count % WORD_BITS)) - 1;
        if (!free_bits)
            continue;
        unsigned bit = (unsigned)__builtin_ctzll(free_bits);
        s->used[w] |= UINT64_C(1) << bit;
        s->free_slots--;
        s->hint = w;
        describe(s, w * WORD_BITS + bit, buf);
        return SEL4C_NO_ERROR;
    }
    return fail(s, SEL4C_NOT_ENOUGH_MEMORY, "bitmap and free count disagree", 0);
}

/* The index of the allocated slot starting at `offset`, after every check. */
static sel4c_err_t find(sel4c_dma_slots_t *s, size_t offset, size_t *index)
{
    if (offset < s->first || (offset - s->first) / s->slot_size >= s->count)
        return fail(s, SEL4C_RANGE_ERROR, "buffer offset outside the slots", offset);
    if ((offset - s->first) % s->slot_size)
        return fail(s, SEL4C_ALIGNMENT_ERROR, "buffer offset not at the start of a slot", offset);
    size_t i = (offset - s->first) / s->slot_size;
    if (!(s->used[i / WORD_BITS] & (UINT64_C(1) << (i % WORD_BITS))))
        return fail(s, SEL4C_INVALID_ARGUMENT, "slot is not allocated (double free?)", offset);
    *index = i;
    return SEL4C_NO_ERROR;
}

sel4c_err_t sel4c_dma_slot_check(sel4c_dma_slots_t *s, size_t offset, sel4c_dma_buf_t *buf)
{
    size_t i;
    sel4c_err_t err = find(s, offset, &i);
    if (!err && buf)
        describe(s, i, buf);
    return err;
}

sel4c_err_t sel4c_dma_slot_free(sel4c_dma_slots_t *s, size_t offset)
{
    size_t i;
    sel4c_err_t err = find(s, offset, &i);
    if (err)
        return err;
    s->used[i / WORD_BITS] &= ~(UINT64_C(1) << (i % WORD_BITS));
    s->free_slots++;
    return SEL4C_NO_ERROR;
}
