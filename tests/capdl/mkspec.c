/*
 * Test helper: writes the CapDL objects and caps of processes built with the sel4c process
 * runtime, from their ELF files: a CNode (slot 1: the process's TCB), a VSpace with the
 * image's pages (filled from the ELF) and an IPC buffer, a TCB set up per the process
 * contract (x0 IPC buffer, x1 argument, x2 own TCB), and on MCS a scheduling context. With
 * `ut=BITS[@PADDR]` all of them are declared inside an untyped NAME_ut of that size (at that
 * address). Test specs add their own objects and caps to this output.
 *   mkspec [--levels 3|4] [--mcs] NAME=ELF[,prio=N][,core=N][,arg=N][,ut=BITS[@PADDR]]...
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../formats/elf/elf.h"
#include "../../tools/common/file_io.h"

#define MAX_TABLES 64

static unsigned levels = 4;
static int mcs;

typedef struct table {
    unsigned level;
    uint64_t base; /* first address it maps */
} table_t;

static void process(const char *spec)
{
    char name[64], path[512];
    unsigned prio = 100, core = 0;
    unsigned long long arg = 0, ut_paddr = 0;
    unsigned ut_bits = 0;
    int ut_fixed = 0;
    const char *eq = strchr(spec, '='), *opts = strchr(spec, ',');
    if (!eq || eq - spec >= (long)sizeof name) {
        fprintf(stderr, "mkspec: bad process `%s`\n", spec);
        exit(2);
    }
    snprintf(name, sizeof name, "%.*s", (int)(eq - spec), spec);
    snprintf(path, sizeof path, "%.*s", (int)((opts ? opts : eq + strlen(eq)) - eq - 1), eq + 1);
    for (const char *o = opts; o; o = strchr(o + 1, ',')) {
        sscanf(o, ",prio=%u", &prio);
        sscanf(o, ",core=%u", &core);
        sscanf(o, ",arg=%llu", &arg);
        if (sscanf(o, ",ut=%u", &ut_bits) == 1)
            ut_fixed = sscanf(o, ",ut=%u@%llx", &ut_bits, &ut_paddr) == 2;
    }
    size_t size;
    uint8_t *data = read_file_all(path, &size);
    sel4c_elf_t elf;
    sel4c_elf64_sym_t stack;
    if (!data || sel4c_elf_open(&elf, data, size, SEL4C_EM_AARCH64, NULL) != SEL4C_ELF_OK ||
        sel4c_elf_symbol(&elf, "__sel4c_stack_top", &stack) != SEL4C_ELF_OK) {
        fprintf(stderr, "mkspec: %s: not a sel4c process\n", path);
        exit(2);
    }
    const char *file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    uint64_t lo = UINT64_MAX, hi = 0;
    for (unsigned i = 0; i < elf.phnum; i++) {
        const sel4c_elf64_phdr_t *p = &elf.ph[i];
        if (p->p_type != SEL4C_PT_LOAD)
            continue;
        lo = p->p_vaddr < lo ? p->p_vaddr : lo;
        hi = p->p_vaddr + p->p_memsz > hi ? p->p_vaddr + p->p_memsz : hi;
    }
    lo &= ~UINT64_C(4095);
    hi = (hi + 4095) & ~UINT64_C(4095);
    uint64_t ipc = hi + 4096; /* a guard page below it */
    unsigned root_level = 4 - levels;
    table_t tables[MAX_TABLES];
    unsigned ntables = 0;
    printf("objects {\n");
    if (ut_bits && ut_fixed)
        printf("  %s_ut = ut (%u bits, paddr: 0x%llx) {\n", name, ut_bits, ut_paddr);
    else if (ut_bits)
        printf("  %s_ut = ut (%u bits) {\n", name, ut_bits);
    printf("  %s_cnode = cnode (6 bits)\n", name);
    printf("  %s_tcb = tcb (addr: 0x%llx, ip: 0x%llx, sp: 0x%llx, prio: %u, max_prio: %u, "
           "affinity: %u, init: [0x%llx, %llu, 1])\n",
           name, (unsigned long long)ipc, (unsigned long long)elf.eh->e_entry,
           (unsigned long long)stack.st_value, prio, prio, core, (unsigned long long)ipc, arg);
    if (mcs)
        printf("  %s_sc = sc (8 bits, period: 10000, budget: 10000)\n", name);
    printf("  %s_ipc = frame (4k)\n", name);
    static const char *const table_type[] = {"pgd", "pud", "pd", "pt"};
    /* page tables: the root, then one per level covering [lo, ipc] (test images are small) */
    for (unsigned level = root_level; level <= 3; level++) {
        unsigned shift = 12 + 9 * (3 - level) + 9;
        for (uint64_t a = lo >> shift << shift; a <= ipc && ntables < MAX_TABLES;
             a += UINT64_C(1) << shift) {
            if (level == root_level && ntables)
                break;
            tables[ntables++] = (table_t){level, level == root_level ? 0 : a};
            printf("  %s_%s_%llx = %s\n", name, table_type[level],
                   (unsigned long long)tables[ntables - 1].base, table_type[level]);
        }
    }
    for (uint64_t page = lo; page < hi; page += 4096) {
        printf("  %s_frame_%llx = frame (4k", name, (unsigned long long)page);
        bool fills = false;
        for (unsigned i = 0; i < elf.phnum; i++) {
            const sel4c_elf64_phdr_t *p = &elf.ph[i];
            if (p->p_type != SEL4C_PT_LOAD)
                continue;
            uint64_t s = p->p_vaddr > page ? p->p_vaddr : page;
            uint64_t e =
                p->p_vaddr + p->p_filesz < page + 4096 ? p->p_vaddr + p->p_filesz : page + 4096;
            if (s >= e)
                continue;
            printf("%s{%llu %llu CDL_FrameFill_FileData \"%s\" %llu}", fills ? ", " : ", fill: [",
                   (unsigned long long)(s - page), (unsigned long long)(e - s), file,
                   (unsigned long long)(p->p_offset + (s - p->p_vaddr)));
            fills = true;
        }
        printf("%s)\n", fills ? "]" : "");
    }
    if (ut_bits)
        printf("  }\n");
    printf("}\ncaps {\n  %s_cnode {\n    0x1: %s_tcb\n  }\n", name, name);
    printf("  %s_tcb {\n    cspace: %s_cnode (guard: 0, guard_size: 58)\n", name, name);
    printf("    vspace: %s_%s_0\n    ipc_buffer_slot: %s_ipc (RW)\n", name, table_type[root_level],
           name);
    if (mcs)
        printf("    sc_slot: %s_sc\n", name);
    printf("  }\n");
    /* each table holds the next level's tables, the last level the pages */
    for (unsigned t = 0; t < ntables; t++) {
        unsigned level = tables[t].level, shift = 12 + 9 * (3 - level);
        uint64_t span = UINT64_C(1) << (shift + (level == root_level ? (root_level ? 10 : 9) : 9));
        printf("  %s_%s_%llx {\n", name, table_type[level], (unsigned long long)tables[t].base);
        if (level < 3) {
            for (unsigned c = 0; c < ntables; c++)
                if (tables[c].level == level + 1 && tables[c].base >= tables[t].base &&
                    tables[c].base < tables[t].base + span)
                    printf("    0x%llx: %s_%s_%llx\n",
                           (unsigned long long)((tables[c].base - tables[t].base) >> shift), name,
                           table_type[level + 1], (unsigned long long)tables[c].base);
        } else {
            for (uint64_t page = lo; page <= ipc; page += 4096) {
                if (page < tables[t].base || page >= tables[t].base + span ||
                    (page >= hi && page != ipc))
                    continue;
                char rights[4] = "R";
                for (unsigned i = 0; i < elf.phnum; i++) {
                    const sel4c_elf64_phdr_t *p = &elf.ph[i];
                    if (p->p_type == SEL4C_PT_LOAD && p->p_vaddr < page + 4096 &&
                        p->p_vaddr + p->p_memsz > page) {
                        if ((p->p_flags & SEL4C_PF_W) && !strchr(rights, 'W'))
                            strcat(rights, "W");
                        if ((p->p_flags & SEL4C_PF_X) && !strchr(rights, 'X'))
                            strcat(rights, "X");
                    }
                }
                if (page == ipc)
                    printf("    0x%llx: %s_ipc (RW)\n",
                           (unsigned long long)((page - tables[t].base) >> 12), name);
                else
                    printf("    0x%llx: %s_frame_%llx (%s)\n",
                           (unsigned long long)((page - tables[t].base) >> 12), name,
                           (unsigned long long)page, rights);
            }
        }
        printf("  }\n");
    }
    printf("}\n");
    free(data);
}

int main(int argc, char **argv)
{
    printf("arch aarch64\n");
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--levels") && i + 1 < argc)
            levels = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--mcs"))
            mcs = 1;
        else
            process(argv[i]);
    }
    return 0;
}
