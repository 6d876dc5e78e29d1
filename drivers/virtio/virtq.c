/* Split virtqueues, with every value the device writes checked (<sel4c/virtq.h>). */
#include <sel4c/virtq.h>

#include "virtio_barrier.h"

static size_t align_up(size_t n, size_t a)
{
    return (n + a - 1) / a * a;
}

static size_t used_offset(uint16_t size)
{
    return align_up(sizeof(struct sel4c_virtq_desc) * size + sizeof(struct sel4c_virtq_avail) +
                        sizeof(uint16_t) * (size + 1u), /* ring and used_event */
                    SEL4C_VIRTQ_ALIGN);
}

size_t sel4c_virtq_bytes(uint16_t size)
{
    return used_offset(size) +
           align_up(sizeof(struct sel4c_virtq_used) + sizeof(struct sel4c_virtq_used_elem) * size +
                        sizeof(uint16_t),
                    SEL4C_VIRTQ_ALIGN);
}

sel4c_virtio_err_t sel4c_virtq_init(sel4c_virtq_t *vq, void *mem, uint64_t paddr, size_t mem_bytes,
                                    uint16_t size)
{
    if (size == 0 || size > SEL4C_VIRTQ_MAX_SIZE || (size & (size - 1)) != 0)
        return SEL4C_VIRTIO_INVALID;
    if ((uintptr_t)mem % SEL4C_VIRTQ_ALIGN || paddr % SEL4C_VIRTQ_ALIGN ||
        mem_bytes < sel4c_virtq_bytes(size))
        return SEL4C_VIRTIO_INVALID;
    volatile uint8_t *bytes = mem;
    for (size_t i = 0; i < sel4c_virtq_bytes(size); i++)
        bytes[i] = 0;
    size_t avail_off = sizeof(struct sel4c_virtq_desc) * size;
    *vq = (sel4c_virtq_t){
        .size = size,
        .num_free = size,
        .paddr = paddr,
        .desc = mem,
        .avail = (volatile struct sel4c_virtq_avail *)(bytes + avail_off),
        .used = (volatile struct sel4c_virtq_used *)(bytes + used_offset(size)),
        .avail_paddr = paddr + avail_off,
        .used_paddr = paddr + used_offset(size),
    };
    for (uint16_t i = 0; i < size; i++)
        vq->next_free[i] = (uint16_t)(i + 1);
    return SEL4C_VIRTIO_OK;
}

sel4c_virtio_err_t sel4c_virtq_add(sel4c_virtq_t *vq, const sel4c_virtq_buf_t *bufs, unsigned n_out,
                                   unsigned n_in, uint16_t *head)
{
    if (vq->broken)
        return SEL4C_VIRTIO_DEVICE_FAILED;
    unsigned n = n_out + n_in;
    if (n == 0 || n_out > SEL4C_VIRTQ_MAX_SIZE || n_in > SEL4C_VIRTQ_MAX_SIZE)
        return SEL4C_VIRTIO_INVALID;
    for (unsigned i = 0; i < n; i++)
        if (bufs[i].len == 0)
            return SEL4C_VIRTIO_INVALID;
    if (n > vq->num_free)
        return SEL4C_VIRTIO_NO_SPACE;

    /* Take n descriptors off the private free list and fill them in, linked in order. */
    uint16_t first = vq->free_head, d = first;
    uint32_t writable = 0;
    for (unsigned i = 0; i < n; i++) {
        bool in = i >= n_out;
        uint16_t next = vq->next_free[d];
        vq->desc[d].addr = bufs[i].paddr;
        vq->desc[d].len = bufs[i].len;
        vq->desc[d].flags = (uint16_t)((in ? SEL4C_VIRTQ_DESC_F_WRITE : 0) |
                                       (i + 1 < n ? SEL4C_VIRTQ_DESC_F_NEXT : 0));
        vq->desc[d].next = i + 1 < n ? next : 0;
        if (in)
            writable = writable + bufs[i].len < writable ? UINT32_MAX : writable + bufs[i].len;
        d = next;
    }
    vq->free_head = d;
    vq->num_free = (uint16_t)(vq->num_free - n);
    vq->chain_len[first] = (uint16_t)n;
    vq->chain_write[first] = writable;
    vq->in_flight++;

    vq->avail->ring[vq->avail_idx & (vq->size - 1)] = first;
    virtio_wmb(); /* the descriptors and the ring entry before the index that publishes them */
    vq->avail_idx++;
    vq->avail->idx = vq->avail_idx;
    *head = first;
    return SEL4C_VIRTIO_OK;
}

static sel4c_virtio_err_t broken(sel4c_virtq_t *vq, sel4c_virtio_err_t err, uint32_t value)
{
    vq->broken = 1;
    vq->bad_index = vq->last_used;
    vq->bad_value = value;
    return err;
}

sel4c_virtio_err_t sel4c_virtq_get_used(sel4c_virtq_t *vq, uint16_t *head, uint32_t *len)
{
    if (vq->broken)
        return SEL4C_VIRTIO_DEVICE_FAILED;
    uint16_t used_idx = vq->used->idx;
    uint16_t pending = (uint16_t)(used_idx - vq->last_used);
    if (pending == 0)
        return SEL4C_VIRTIO_EMPTY;
    if (pending > vq->in_flight)
        return broken(vq, SEL4C_VIRTIO_BAD_USED_IDX, used_idx);
    virtio_rmb(); /* the index before the entries it covers */

    volatile struct sel4c_virtq_used_elem *e = &vq->used->ring[vq->last_used & (vq->size - 1)];
    uint32_t id = e->id, written = e->len;
    if (id >= vq->size || vq->chain_len[id] == 0)
        return broken(vq, SEL4C_VIRTIO_BAD_USED_ID, id);
    if (written > vq->chain_write[id])
        return broken(vq, SEL4C_VIRTIO_BAD_USED_LEN, written);

    /* Put the chain back on the free list, walking our own record of it, not the table. */
    uint16_t n = vq->chain_len[id], last = (uint16_t)id;
    for (uint16_t i = 1; i < n; i++)
        last = vq->next_free[last];
    vq->next_free[last] = vq->free_head;
    vq->free_head = (uint16_t)id;
    vq->num_free = (uint16_t)(vq->num_free + n);
    vq->chain_len[id] = 0;
    vq->chain_write[id] = 0;
    vq->in_flight--;
    vq->last_used++;
    *head = (uint16_t)id;
    *len = written;
    return SEL4C_VIRTIO_OK;
}

void sel4c_virtq_interrupts(sel4c_virtq_t *vq, bool on)
{
    vq->avail->flags = on ? 0 : SEL4C_VIRTQ_AVAIL_F_NO_INTERRUPT;
    virtio_mb();
}
