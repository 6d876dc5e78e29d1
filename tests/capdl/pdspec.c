/*
 * Test helper, until sel4c-sysbuild boots Microkit systems: writes the CapDL spec of a few
 * PDs laid out as docs/microkit.md's builder contract says (the CSpace of two CNodes, the
 * caps at libmicrokit's slots, the IPC buffer in the top page and the stack below a guard
 * page, the image's pages), and copies each PD's image with libmicrokit's symbols patched
 * (name, channel masks, children, heap). No monitor: top-level PDs have no fault handler.
 *
 *   pdspec --out DIR [--levels 3|4] [--mcs] [--user-top A] ITEM... > system.cdl
 *     NAME=ELF[,prio=N][,parent=P:ID][,heap=SIZE@VADDR][,irq=N:ID]
 *     ch=A:IDA:B:IDB[:pp]      a channel; with pp, A may PP-call B
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../formats/elf/elf.h"
#include "../../tools/common/file_io.h"

#define MAX_PDS    8
#define MAX_PAGES  512
#define STACK_SIZE 0x2000
#define FAULT_BIT  (UINT64_C(1) << 62)
#define PP_BIT     (UINT64_C(1) << 63)

typedef struct pd {
    char name[32], path[256];
    unsigned prio;
    int parent; /* index, or -1 */
    unsigned id;
    uint64_t heap_size, heap_vaddr;
    unsigned irq, irq_id;
    bool has_irq, has_ep;
    uint64_t notifications, pps, children;
} pd_t;

typedef struct channel {
    unsigned a, ida, b, idb;
    bool pp;
} channel_t;

static pd_t pds[MAX_PDS];
static unsigned npds;
static channel_t channels[16];
static unsigned nchannels;
static unsigned levels = 4;
static bool mcs;
static uint64_t user_top = UINT64_C(0x00007fffffffffff);
static const char *out_dir;

static void die(const char *what, const char *arg)
{
    fprintf(stderr, "pdspec: %s `%s`\n", what, arg);
    exit(2);
}

static unsigned find_pd(const char *name, size_t len)
{
    for (unsigned i = 0; i < npds; i++)
        if (strlen(pds[i].name) == len && !strncmp(pds[i].name, name, len))
            return i;
    die("no such PD", name);
    return 0;
}

static void parse_pd(const char *arg)
{
    pd_t *p = &pds[npds++];
    const char *eq = strchr(arg, '='), *comma = strchr(arg, ',');
    if (npds > MAX_PDS || !eq || eq - arg >= (long)sizeof p->name)
        die("bad PD", arg);
    *p = (pd_t){.prio = 100, .parent = -1};
    snprintf(p->name, sizeof p->name, "%.*s", (int)(eq - arg), arg);
    snprintf(p->path, sizeof p->path, "%.*s", (int)((comma ? comma : eq + strlen(eq)) - eq - 1),
             eq + 1);
    for (const char *o = comma; o; o = strchr(o + 1, ',')) {
        char parent[32];
        sscanf(o, ",prio=%u", &p->prio);
        if (sscanf(o, ",parent=%31[^:]:%u", parent, &p->id) == 2) {
            p->parent = (int)find_pd(parent, strlen(parent));
            pds[p->parent].children |= UINT64_C(1) << p->id;
            pds[p->parent].has_ep = true;
        }
        sscanf(o, ",heap=%" SCNi64 "@%" SCNi64, &p->heap_size, &p->heap_vaddr);
        if (sscanf(o, ",irq=%u:%u", &p->irq, &p->irq_id) == 2)
            p->has_irq = true;
    }
}

static void parse_channel(const char *arg)
{
    char a[32], b[32], pp[8] = "";
    channel_t *c = &channels[nchannels++];
    if (nchannels > 16 ||
        sscanf(arg, "ch=%31[^:]:%u:%31[^:]:%u:%7s", a, &c->ida, b, &c->idb, pp) < 4)
        die("bad channel", arg);
    c->a = find_pd(a, strlen(a));
    c->b = find_pd(b, strlen(b));
    c->pp = !strcmp(pp, "pp");
    pds[c->a].notifications |= UINT64_C(1) << c->ida;
    pds[c->b].notifications |= UINT64_C(1) << c->idb;
    if (c->pp) {
        pds[c->a].pps |= UINT64_C(1) << c->ida;
        pds[c->b].has_ep = true;
    }
}

static void patch(uint8_t *image, size_t size, const char *symbol, const void *value, size_t len)
{
    sel4c_elf_detail_t d;
    if (sel4c_elf_patch_symbol(image, size, SEL4C_EM_AARCH64, symbol, value, len, &d) !=
        SEL4C_ELF_OK)
        die("cannot patch symbol", symbol);
}

/* A page of the PD's address space and the frame mapped there. */
typedef struct page {
    uint64_t vaddr;
    char frame[64];
    const char *rights;
} page_t;

static page_t pages[MAX_PAGES];
static unsigned npages;

static void add_page(uint64_t vaddr, const char *frame, const char *rights)
{
    if (npages == MAX_PAGES)
        die("too many pages", frame);
    page_t *p = &pages[npages++];
    p->vaddr = vaddr;
    snprintf(p->frame, sizeof p->frame, "%s", frame);
    p->rights = rights;
}

static const char *const table_type[] = {"pgd", "pud", "pd", "pt"};

/* The base of the level-`level` table that maps `vaddr` (the root's is 0). */
static uint64_t table_base(unsigned level, uint64_t vaddr)
{
    unsigned root = 4 - levels;
    if (level == root)
        return 0;
    unsigned span_bits = 12 + 9 * (4 - level);
    return vaddr >> span_bits << span_bits;
}

static void write_vspace(const char *name)
{
    unsigned root = 4 - levels;
    /* tables: one per distinct base at each level */
    for (unsigned level = root; level <= 3; level++) {
        for (unsigned i = 0; i < npages; i++) {
            uint64_t base = table_base(level, pages[i].vaddr);
            bool seen = false;
            for (unsigned j = 0; j < i; j++)
                seen = seen || table_base(level, pages[j].vaddr) == base;
            if (!seen)
                printf("  %s_%s_%" PRIx64 " = %s\n", name, table_type[level], base,
                       table_type[level]);
        }
    }
}

static void write_vspace_caps(const char *name)
{
    unsigned root = 4 - levels;
    for (unsigned level = root; level <= 3; level++) {
        unsigned shift = 12 + 9 * (3 - level);
        uint64_t mask = level == root && root == 1 ? 1023 : 511;
        for (unsigned i = 0; i < npages; i++) {
            uint64_t base = table_base(level, pages[i].vaddr);
            bool seen = false;
            for (unsigned j = 0; j < i; j++)
                seen = seen || table_base(level, pages[j].vaddr) == base;
            if (seen)
                continue;
            printf("  %s_%s_%" PRIx64 " {\n", name, table_type[level], base);
            /* the entries: next-level tables, or pages at the last level */
            for (unsigned j = 0; j < npages; j++) {
                if (table_base(level, pages[j].vaddr) != base)
                    continue;
                uint64_t slot = (pages[j].vaddr >> shift) & mask;
                if (level == 3) {
                    printf("    0x%" PRIx64 ": %s (%s)\n", slot, pages[j].frame, pages[j].rights);
                    continue;
                }
                uint64_t child = table_base(level + 1, pages[j].vaddr);
                bool listed = false;
                for (unsigned k = 0; k < j; k++)
                    listed = listed || (table_base(level, pages[k].vaddr) == base &&
                                        table_base(level + 1, pages[k].vaddr) == child);
                if (!listed)
                    printf("    0x%" PRIx64 ": %s_%s_%" PRIx64 "\n", slot, name,
                           table_type[level + 1], child);
            }
            printf("  }\n");
        }
    }
}

/* Phase 0 writes the PD's objects (and its patched image), phase 1 its caps: every object
 * is declared before any cap refers to it. */
static void write_pd(unsigned index, int phase)
{
    pd_t *p = &pds[index];
    size_t size;
    uint8_t *image = read_file_all(p->path, &size);
    sel4c_elf_t elf;
    if (!image || sel4c_elf_open(&elf, image, size, SEL4C_EM_AARCH64, NULL) != SEL4C_ELF_OK)
        die("not an ELF file", p->path);
    char name[64] = {0};
    snprintf(name, sizeof name, "%s", p->name);
    patch(image, size, "microkit_name", name, sizeof name);
    patch(image, size, "microkit_notifications", &p->notifications, 8);
    patch(image, size, "microkit_pps", &p->pps, 8);
    patch(image, size, "sel4c_microkit_children", &p->children, 8);
    uint64_t irqs = p->has_irq ? UINT64_C(1) << p->irq_id : 0;
    patch(image, size, "microkit_irqs", &irqs, 8);
    if (p->heap_size) {
        patch(image, size, "sel4c_heap_vaddr", &p->heap_vaddr, 8);
        patch(image, size, "sel4c_heap_size", &p->heap_size, 8);
    }
    char out[512];
    snprintf(out, sizeof out, "%s/%s.elf", out_dir, p->name);
    if (phase == 0 && !write_file_atomic(out, image, size))
        die("cannot write", out);
    /* objects go to stdout in phase 0; in phase 1 only the page list is rebuilt */
    FILE *objects = phase == 0 ? stdout : fopen("/dev/null", "w");

    uint64_t ipc = user_top & ~UINT64_C(0xfff), stack_top = ipc - 0x1000;
    const char *n = p->name;
    fprintf(objects, "objects {\n  %s_root = cnode (6 bits)\n  %s_cnode = cnode (9 bits)\n", n, n);
    fprintf(objects,
            "  %s_tcb = tcb (addr: 0x%" PRIx64 ", ip: 0x%" PRIx64 ", sp: 0x%" PRIx64
            ", prio: %u, max_prio: %u, affinity: 0%s)\n",
            n, ipc, elf.eh->e_entry, stack_top, p->prio, p->prio,
            !mcs && p->parent >= 0 ? ", fault_ep: 2" : "");
    fprintf(objects, "  %s_ntfn = notification\n", n);
    if (p->has_ep)
        fprintf(objects, "  %s_ep = ep\n", n);
    if (mcs)
        fprintf(objects,
                "  %s_sc = sc (8 bits, period: 1000, budget: 1000)\n  %s_reply = rtreply\n", n, n);
    if (p->has_irq)
        fprintf(objects, "  %s_irq = irq (trigger: level, target: 0)\n", n);
    /* the image's pages, filled from the patched file */
    npages = 0;
    for (unsigned i = 0; i < elf.phnum; i++) {
        const sel4c_elf64_phdr_t *ph = &elf.ph[i];
        if (ph->p_type != SEL4C_PT_LOAD)
            continue;
        const char *rights = ph->p_flags & SEL4C_PF_X   ? "RX"
                             : ph->p_flags & SEL4C_PF_W ? "RW"
                                                        : "R";
        for (uint64_t page = ph->p_vaddr & ~UINT64_C(0xfff); page < ph->p_vaddr + ph->p_memsz;
             page += 4096) {
            char frame[64];
            snprintf(frame, sizeof frame, "%s_frame_%" PRIx64, n, page);
            fprintf(objects, "  %s = frame (4k", frame);
            uint64_t s = ph->p_vaddr > page ? ph->p_vaddr : page;
            uint64_t e =
                ph->p_vaddr + ph->p_filesz < page + 4096 ? ph->p_vaddr + ph->p_filesz : page + 4096;
            if (s < e)
                fprintf(objects,
                        ", fill: [{%" PRIu64 " %" PRIu64
                        " CDL_FrameFill_FileData \"%s.elf\" %" PRIu64 "}]",
                        s - page, e - s, n, ph->p_offset + (s - ph->p_vaddr));
            fprintf(objects, ")\n");
            add_page(page, frame, rights);
        }
    }
    fprintf(objects, "  %s_ipc = frame (4k)\n", n);
    add_page(ipc, "", "RW");
    snprintf(pages[npages - 1].frame, sizeof pages[0].frame, "%s_ipc", n);
    for (uint64_t page = stack_top - STACK_SIZE; page < stack_top; page += 4096) {
        fprintf(objects, "  %s_stack_%" PRIx64 " = frame (4k)\n", n, page);
        add_page(page, "", "RW");
        snprintf(pages[npages - 1].frame, sizeof pages[0].frame, "%s_stack_%" PRIx64, n, page);
    }
    for (uint64_t off = 0; off < p->heap_size; off += 4096) {
        fprintf(objects, "  %s_heap_%" PRIx64 " = frame (4k)\n", n, off);
        add_page(p->heap_vaddr + off, "", "RW");
        snprintf(pages[npages - 1].frame, sizeof pages[0].frame, "%s_heap_%" PRIx64, n, off);
    }
    if (phase == 0) {
        write_vspace(n);
        printf("}\n");
        free(image);
        return;
    }
    fclose(objects);
    printf("caps {\n");
    const char *root_table = table_type[4 - levels];
    printf("  %s_root {\n    0x0: %s_cnode (guard: 0, guard_size: 49)\n  }\n", n, n);
    printf("  %s_cnode {\n", n);
    printf("    0x1: %s_%s (RWG)\n", n, p->has_ep ? "ep" : "ntfn");
    if (p->parent >= 0)
        printf("    0x2: %s_ep (RWG, badge: 0x%" PRIx64 ")\n", pds[p->parent].name,
               FAULT_BIT | p->id);
    /* slot 3, the PD's VSpace, is left out: the initializer mints CNode caps before it
     * gives VSpaces their ASIDs, and the kernel refuses to copy a VSpace cap without one */
    if (mcs)
        printf("    0x4: %s_reply\n", n);
    printf("    0x6: %s_tcb\n", n);
    for (unsigned c = 0; c < nchannels; c++) {
        const channel_t *ch = &channels[c];
        for (int end = 0; end < 2; end++) {
            unsigned self = end ? ch->b : ch->a, peer = end ? ch->a : ch->b;
            unsigned id = end ? ch->idb : ch->ida, peer_id = end ? ch->ida : ch->idb;
            if (self != index)
                continue;
            printf("    0x%x: %s_ntfn (W, badge: 0x%" PRIx64 ")\n", 10 + id, pds[peer].name,
                   UINT64_C(1) << peer_id);
            if (ch->pp && !end)
                printf("    0x%x: %s_ep (RWG, badge: 0x%" PRIx64 ")\n", 74 + id, pds[peer].name,
                       PP_BIT | peer_id);
        }
    }
    if (p->has_irq)
        printf("    0x%x: %s_irq\n", 138 + p->irq_id, n);
    for (unsigned c = 0; c < npds; c++)
        if (pds[c].parent == (int)index)
            printf("    0x%x: %s_tcb\n", 202 + pds[c].id, pds[c].name);
    printf("  }\n");
    printf("  %s_tcb {\n    cspace: %s_root (guard: 0, guard_size: 0)\n", n, n);
    printf("    vspace: %s_%s_0\n    ipc_buffer_slot: %s_ipc (RW)\n", n, root_table, n);
    printf("    bound_notification: %s_ntfn\n", n);
    if (mcs) {
        printf("    sc_slot: %s_sc\n", n);
        if (p->parent >= 0)
            printf("    fault_ep_slot: %s_ep (RWG, badge: 0x%" PRIx64 ")\n", pds[p->parent].name,
                   FAULT_BIT | p->id);
    }
    printf("  }\n");
    if (p->has_irq)
        printf("  %s_irq {\n    0x0: %s_ntfn (W, badge: 0x%" PRIx64 ")\n  }\n", n, n,
               UINT64_C(1) << p->irq_id);
    write_vspace_caps(n);
    printf("}\n");
    if (p->has_irq)
        printf("irq maps {\n  %u: %s_irq\n}\n", p->irq, n);
    free(image);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--levels") && i + 1 < argc)
            levels = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--mcs"))
            mcs = true;
        else if (!strcmp(argv[i], "--user-top") && i + 1 < argc)
            user_top = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--out") && i + 1 < argc)
            out_dir = argv[++i];
        else if (!strncmp(argv[i], "ch=", 3))
            parse_channel(argv[i]);
        else
            parse_pd(argv[i]);
    }
    if (!out_dir || !npds)
        die("usage: pdspec --out DIR [--levels N] [--mcs] [--user-top A] PD... ch=...", "");
    printf("arch aarch64\n");
    for (int phase = 0; phase < 2; phase++)
        for (unsigned i = 0; i < npds; i++)
            write_pd(i, phase);
    return 0;
}
