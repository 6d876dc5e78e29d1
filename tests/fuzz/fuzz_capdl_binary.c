/*
 * libFuzzer target: the binary spec check on arbitrary bytes; whatever it accepts must be
 * safe to walk as the initializer does (every table index, parent chain and fill) and to
 * plan over a pool of untypeds.
 */
#include <stdlib.h>
#include <string.h>

#include "../../formats/capdl/capdl_plan.h"

/* Every retype must come from a pool entry or an untyped of the spec made before it. */
static int place(void *ctx, const sel4c_capdl_retype_t *r, uint64_t *new_id)
{
    const sel4c_capdl_spec_t *s = ctx;
    if (!r->from && (r->parent >= s->num_objects ||
                     (r->object != SEL4C_CAPDL_PADDING && r->parent >= r->object) ||
                     s->objects[r->parent].type != SEL4C_CAPDL_UNTYPED))
        abort();
    if (r->count < 1 || r->count > SEL4C_CAPDL_FAN_OUT)
        abort();
    if (new_id)
        *new_id = 0;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t *blob = malloc(size + 8); /* the reader wants 8-byte alignment */
    memcpy(blob, data, size);
    sel4c_capdl_spec_t s;
    sel4c_capdl_error_t err;
    volatile uint64_t sum = 0;
    if (sel4c_capdl_open(&s, blob, size, &err) == 0) {
        for (uint32_t i = 0; i < s.num_objects; i++) {
            const sel4c_capdl_object_t *o = &s.objects[i];
            sum += strlen(sel4c_capdl_name(&s, i));
            for (uint32_t k = 0; k < o->caps_count; k++)
                sum += s.objects[s.caps[o->caps_first + k].object].type;
            if (o->type == SEL4C_CAPDL_TCB)
                for (uint32_t r = 0; r < s.tcbs[o->extra].regs_count; r++)
                    sum += s.registers[s.tcbs[o->extra].regs_first + r];
            if (o->type == SEL4C_CAPDL_FRAME)
                for (uint32_t f = 0; f < o->extra_count; f++) {
                    const sel4c_capdl_fill_t *fl = &s.fills[o->extra + f];
                    if (fl->kind != SEL4C_CAPDL_FILL_FDT && !(o->flags & SEL4C_CAPDL_OBJ_ZERO_COPY))
                        for (uint32_t b = 0; b < fl->data_length; b++)
                            sum += s.data[fl->data_offset + b];
                }
            /* the initializer walks parents up to the root; a cycle would hang it */
            uint32_t p = i, steps = 0;
            while (s.objects[p].type == SEL4C_CAPDL_PAGE_TABLE &&
                   !(s.objects[p].flags & SEL4C_CAPDL_OBJ_ROOT) &&
                   s.objects[p].extra != SEL4C_CAPDL_UNMAPPED) {
                p = s.objects[p].extra;
                if (++steps > 4)
                    abort();
            }
        }
        sel4c_capdl_sizes_t z = s.header->sizes; /* as the initializer checks */
        sel4c_capdl_untyped_t pool[64] = {{.paddr = 0x40000000, .size_bits = 30},
                                          {.paddr = 0x9000000, .size_bits = 24, .device = 1}};
        unsigned n = 2;
        sel4c_capdl_plan(&s, &z, pool, &n, 64, place, &s, &err);
    }
    (void)sum;
    free(blob);
    return 0;
}
