/*
 * Variable-size DMA buffers: first fit over free extents sorted by offset, coalesced on free
 * (include/sel4c/dma.h). The bookkeeping is two sorted arrays in private memory:
 * free extents (maximal runs of free bytes, so between two of them lies at least one
 * allocated buffer: there are never more than n_used + 1) and allocated extents.
 */
#include <sel4c/dma.h>

static sel4c_err_t fail(sel4c_dma_heap_t *h, sel4c_err_t err, const char *reason, size_t offset,
                        size_t size)
{
    h->error = (sel4c_shmem_error_t){.reason = reason, .offset = offset, .size = size};
    return err;
}

static bool power_of_two(size_t x)
{
    return x && !(x & (x - 1));
}

/* The address alignment is judged on: the physical one when the region has one. */
static uint64_t address_of(const sel4c_dma_heap_t *h, size_t offset)
{
    return (h->region.has_paddr ? h->region.paddr : h->region.base) + offset;
}

sel4c_err_t sel4c_dma_heap_init(sel4c_dma_heap_t *h, const sel4c_shmem_t *region, size_t first,
                                size_t length, size_t granule, sel4c_dma_extent_t *extents,
                                size_t n_extents)
{
    *h = (sel4c_dma_heap_t){.region = *region, .first = first, .granule = granule};
    if (!power_of_two(granule))
        return fail(h, SEL4C_INVALID_ARGUMENT, "granule is not a power of two", first, length);
    if (!extents || n_extents < SEL4C_DMA_HEAP_EXTENTS(1))
        return fail(h, SEL4C_INVALID_ARGUMENT, "too few extents for any buffer", first, length);
    if (sel4c_shmem_check(&h->region, first, length))
        return fail(h, SEL4C_RANGE_ERROR, "heap does not fit in the region", first, length);
    if (address_of(h, first) & (granule - 1))
        return fail(h, SEL4C_ALIGNMENT_ERROR, "heap start not aligned to the granule", first,
                    length);
    h->length = length & ~(granule - 1);
    h->max_buffers = (n_extents - 1) / 2;
    h->free_ext = extents;
    h->used_ext = extents + h->max_buffers + 1;
    if (h->length) {
        h->free_ext[0] = (sel4c_dma_extent_t){first, h->length};
        h->n_free = 1;
    }
    return SEL4C_NO_ERROR;
}

static void insert(sel4c_dma_extent_t *a, size_t *n, size_t at, sel4c_dma_extent_t e)
{
    for (size_t i = *n; i > at; i--)
        a[i] = a[i - 1];
    a[at] = e;
    (*n)++;
}

static void remove_at(sel4c_dma_extent_t *a, size_t *n, size_t at)
{
    for (size_t i = at; i + 1 < *n; i++)
        a[i] = a[i + 1];
    (*n)--;
}

/* The index of the first extent of `a` whose offset is >= `offset`. */
static size_t lower_bound(const sel4c_dma_extent_t *a, size_t n, size_t offset)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid].offset < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void describe(const sel4c_dma_heap_t *h, sel4c_dma_extent_t e, sel4c_dma_buf_t *buf)
{
    *buf = (sel4c_dma_buf_t){.vaddr = (void *)(h->region.base + e.offset),
                             .offset = e.offset,
                             .paddr = h->region.has_paddr ? h->region.paddr + e.offset : 0,
                             .size = e.size};
}

sel4c_err_t sel4c_dma_heap_alloc(sel4c_dma_heap_t *h, size_t size, size_t align,
                                 sel4c_dma_buf_t *buf)
{
    if (!align)
        align = h->granule;
    if (!power_of_two(align))
        return fail(h, SEL4C_INVALID_ARGUMENT, "alignment is not a power of two", 0, size);
    if (align < h->granule)
        align = h->granule;
    if (!size || size > h->length)
        return fail(h, size ? SEL4C_NOT_ENOUGH_MEMORY : SEL4C_INVALID_ARGUMENT,
                    size ? "larger than the heap" : "buffer of size 0", 0, size);
    size = (size + h->granule - 1) & ~(h->granule - 1);
    if (h->n_used == h->max_buffers)
        return fail(h, SEL4C_NOT_ENOUGH_MEMORY, "as many buffers as the bookkeeping holds", 0,
                    size);
    for (size_t i = 0; i < h->n_free; i++) {
        sel4c_dma_extent_t e = h->free_ext[i];
        /* padding up to the next multiple of align; both are multiples of the granule */
        size_t pad = (size_t)(-address_of(h, e.offset) & (align - 1));
        if (pad > e.size || size > e.size - pad)
            continue;
        sel4c_dma_extent_t got = {e.offset + pad, size};
        size_t after = e.size - pad - size;
        if (pad && after) {
            h->free_ext[i].size = pad;
            insert(h->free_ext, &h->n_free, i + 1, (sel4c_dma_extent_t){got.offset + size, after});
        } else if (pad) {
            h->free_ext[i].size = pad;
        } else if (after) {
            h->free_ext[i] = (sel4c_dma_extent_t){got.offset + size, after};
        } else {
            remove_at(h->free_ext, &h->n_free, i);
        }
        insert(h->used_ext, &h->n_used, lower_bound(h->used_ext, h->n_used, got.offset), got);
        describe(h, got, buf);
        return SEL4C_NO_ERROR;
    }
    return fail(h, SEL4C_NOT_ENOUGH_MEMORY, "no free extent large enough", 0, size);
}

/* The index in used_ext of the buffer starting at `offset`, after every check. */
static sel4c_err_t find(sel4c_dma_heap_t *h, size_t offset, size_t *index)
{
    if (offset < h->first || offset - h->first >= h->length)
        return fail(h, SEL4C_RANGE_ERROR, "buffer offset outside the heap", offset, 0);
    size_t i = lower_bound(h->used_ext, h->n_used, offset);
    if (i < h->n_used && h->used_ext[i].offset == offset) {
        *index = i;
        return SEL4C_NO_ERROR;
    }
    if (i > 0 && offset - h->used_ext[i - 1].offset < h->used_ext[i - 1].size)
        return fail(h, SEL4C_ALIGNMENT_ERROR, "buffer offset inside a buffer, not at its start",
                    offset, 0);
    return fail(h, SEL4C_INVALID_ARGUMENT, "buffer is not allocated (double free?)", offset, 0);
}

sel4c_err_t sel4c_dma_heap_check(sel4c_dma_heap_t *h, size_t offset, sel4c_dma_buf_t *buf)
{
    size_t i;
    sel4c_err_t err = find(h, offset, &i);
    if (!err && buf)
        describe(h, h->used_ext[i], buf);
    return err;
}

sel4c_err_t sel4c_dma_heap_free(sel4c_dma_heap_t *h, size_t offset)
{
    size_t i;
    sel4c_err_t err = find(h, offset, &i);
    if (err)
        return err;
    sel4c_dma_extent_t e = h->used_ext[i];
    remove_at(h->used_ext, &h->n_used, i);
    /* merge with the free extents that end where it starts and start where it ends */
    size_t j = lower_bound(h->free_ext, h->n_free, e.offset);
    bool joins_prev = j > 0 && h->free_ext[j - 1].offset + h->free_ext[j - 1].size == e.offset;
    bool joins_next = j < h->n_free && e.offset + e.size == h->free_ext[j].offset;
    if (joins_prev && joins_next) {
        h->free_ext[j - 1].size += e.size + h->free_ext[j].size;
        remove_at(h->free_ext, &h->n_free, j);
    } else if (joins_prev) {
        h->free_ext[j - 1].size += e.size;
    } else if (joins_next) {
        h->free_ext[j].offset = e.offset;
        h->free_ext[j].size += e.size;
    } else {
        /* n_free <= n_used + 1 held before this free, so there is room */
        insert(h->free_ext, &h->n_free, j, e);
    }
    return SEL4C_NO_ERROR;
}

size_t sel4c_dma_heap_free_bytes(const sel4c_dma_heap_t *h, size_t *largest)
{
    size_t total = 0, max = 0;
    for (size_t i = 0; i < h->n_free; i++) {
        total += h->free_ext[i].size;
        if (h->free_ext[i].size > max)
            max = h->free_ext[i].size;
    }
    if (largest)
        *largest = max;
    return total;
}
