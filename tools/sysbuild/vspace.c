/* Building one address space in a CapDL model (see vspace.h). */
#include "vspace.h"

#include <stdio.h>
#include <stdlib.h>

#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/strbuf.h"
#include "system.h"

static const char *const level_name[] = {"pgd", "pud", "pd", "pt"};

static long add_table(sb_vspace_t *vs, unsigned level, uint64_t base)
{
    char name[256];
    snprintf(name, sizeof name, "%s.%s.%llx", vs->owner, level_name[level],
             (unsigned long long)base);
    long obj = cdl_add_object(vs->spec, name, 0);
    if (obj < 0)
        return -1;
    vs->spec->objs[obj].o.type = SEL4C_CAPDL_PAGE_TABLE;
    vs->spec->objs[obj].o.level = (uint8_t)level;
    if (vs->ntables == vs->cap) {
        vs->cap = vs->cap ? 2 * vs->cap : 16;
        vs->tables = xrealloc(vs->tables, vs->cap * sizeof *vs->tables);
    }
    vs->tables[vs->ntables++] = (sb_vspace_table_t){level, base, (size_t)obj};
    return obj;
}

bool sb_vspace_init(sb_vspace_t *vs, cdl_spec_t *spec, const char *owner, unsigned levels)
{
    *vs = (sb_vspace_t){.spec = spec, .owner = owner, .root_level = 4 - levels};
    long root = add_table(vs, vs->root_level, 0);
    if (root < 0)
        return false;
    vs->root = (size_t)root;
    return true;
}

/* Bits of the index into a table at `level` (a 3-level root has 10). */
static unsigned index_bits(const sb_vspace_t *vs, unsigned level)
{
    return level == vs->root_level && level == 1 ? 10 : 9;
}

/* The table at `level` covering `vaddr`, created (and entered in its parent) if missing. */
static long table_for(sb_vspace_t *vs, unsigned level, uint64_t vaddr)
{
    if (level == vs->root_level)
        return (long)vs->root;
    unsigned span_shift = sel4c_capdl_level_shift(level) + 9;
    uint64_t base = vaddr >> span_shift << span_shift;
    for (size_t i = 0; i < vs->ntables; i++)
        if (vs->tables[i].level == level && vs->tables[i].base == base)
            return (long)vs->tables[i].obj;
    long parent = table_for(vs, level - 1, vaddr);
    long obj = parent < 0 ? -1 : add_table(vs, level, base);
    if (obj < 0)
        return -1;
    unsigned shift = sel4c_capdl_level_shift(level - 1);
    cdl_cap_t *c = cdl_add_cap(vs->spec, (size_t)parent, 0);
    c->c.slot = (uint32_t)((vaddr >> shift) & ((UINT64_C(1) << index_bits(vs, level - 1)) - 1));
    c->c.object = (uint32_t)obj;
    return obj;
}

bool sb_vspace_map(sb_vspace_t *vs, uint64_t vaddr, size_t frame, unsigned perms, bool cached)
{
    unsigned bits = vs->spec->objs[frame].o.size_bits;
    unsigned level = bits == 12 ? 3 : bits == 21 ? 2 : bits == 30 ? 1 : 4;
    if (level == 4 || level < vs->root_level || (vaddr & ((UINT64_C(1) << bits) - 1))) {
        diag_error(vs->spec->path, 0, "internal error: cannot map a %u-bit frame at 0x%llx", bits,
                   (unsigned long long)vaddr);
        return false;
    }
    long table = table_for(vs, level, vaddr);
    if (table < 0)
        return false;
    cdl_cap_t *c = cdl_add_cap(vs->spec, (size_t)table, 0);
    c->c.slot = (uint32_t)((vaddr >> bits) & ((UINT64_C(1) << index_bits(vs, level)) - 1));
    c->c.object = (uint32_t)frame;
    c->c.rights = (uint8_t)(((perms & SB_PERM_R) ? SEL4C_CAPDL_RIGHT_READ : 0) |
                            ((perms & SB_PERM_W) ? SEL4C_CAPDL_RIGHT_WRITE : 0));
    c->c.flags = (uint8_t)(((perms & SB_PERM_X) ? SEL4C_CAPDL_CAP_EXECUTABLE : 0) |
                           (cached ? 0 : SEL4C_CAPDL_CAP_UNCACHED));
    return true;
}

void sb_vspace_free(sb_vspace_t *vs)
{
    free(vs->tables);
    vs->tables = NULL;
    vs->ntables = vs->cap = 0;
}
