/*
 * The model sb_read() and sb_resolve() build from tests/fixtures/sysbuild/valid/
 * every-attribute.system: every field, written or defaulted, and every source location the
 * later stages report at; and the kernel configurations it is checked against. Run from the
 * top directory: test_read SHARED_DIR.
 */
#include <stdlib.h>
#include <string.h>

#include "../../tools/common/diag.h"
#include "../../tools/common/file_io.h"
#include "../../tools/sysbuild/system.h"
#include "../unit/check.h"

#define FIXTURE "tests/fixtures/sysbuild/valid/every-attribute.system"

#define CHECK_STR(a, b) CHECK((a) != NULL && strcmp((a), (b)) == 0)
#define CHECK_LOC(l, ln, cl)                                                                       \
    do {                                                                                           \
        CHECK_EQ_U64((l).line, ln);                                                                \
        CHECK_EQ_U64((l).col, cl);                                                                 \
    } while (0)

static void memory_regions(const sb_system_t *s)
{
    CHECK_EQ_U64(s->nmrs, 5);
    const sb_mr_t *uart = &s->mrs[0], *dma = &s->mrs[1], *big = &s->mrs[2], *data = &s->mrs[3],
                  *tool = &s->mrs[4];
    CHECK_STR(uart->name, "uart");
    CHECK_EQ_U64(uart->size, 0x1000); /* "0x1_000": underscores are ignored */
    CHECK_EQ_U64(uart->page_size, 0x1000);
    CHECK(uart->has_size && !uart->page_size_explicit && uart->has_paddr);
    CHECK_EQ_U64(uart->paddr, 0x9000000);
    CHECK(uart->prefill == NULL && uart->prefill_data == NULL);
    CHECK_LOC(uart->loc, 6, 5);
    CHECK_LOC(uart->size_loc, 6, 32);
    CHECK_LOC(uart->paddr_loc, 6, 47);

    /* a 2 MiB region kept at 4 KiB pages because its page_size says so */
    CHECK_STR(dma->name, "dma");
    CHECK_EQ_U64(dma->size, 0x200000);
    CHECK_EQ_U64(dma->page_size, 0x1000);
    CHECK(dma->page_size_explicit);
    CHECK_EQ_U64(dma->paddr, 0x70000000);

    /* large pages chosen: size and both mappings allow them */
    CHECK_STR(big->name, "big");
    CHECK_EQ_U64(big->page_size, 0x200000);
    CHECK(!big->has_paddr && !big->page_size_explicit);

    /* sized by its prefill: 13 bytes, one page */
    CHECK_STR(data->name, "data");
    CHECK(!data->has_size);
    CHECK_EQ_U64(data->size, 0x1000);
    CHECK_STR(data->prefill, "small.bin");
    CHECK_STR(data->prefill_resolved, "tests/fixtures/sysbuild/files/small.bin");
    CHECK_EQ_U64(data->prefill_size, 13);
    CHECK(data->prefill_data && memcmp(data->prefill_data, "prefill data\n", 13) == 0);
    CHECK_LOC(data->prefill_loc, 9, 32);

    CHECK_STR(tool->name, "tool_paddr");
    CHECK_EQ_U64(tool->size, 8192);
    CHECK_EQ_U64(tool->page_size, 0x1000);
}

static void domains(const sb_system_t *s)
{
    CHECK(s->has_domains);
    CHECK_LOC(s->domains_loc, 12, 5);
    CHECK_EQ_U64(s->ndomain_decls, 2);
    CHECK_STR(s->domain_decls[0].name, "crit");
    CHECK(s->domain_decls[0].has_id);
    CHECK_EQ_U64(s->domain_decls[0].id, 3);
    CHECK_LOC(s->domain_decls[0].id_loc, 13, 29);
    CHECK_STR(s->domain_decls[1].name, "rest");
    CHECK(!s->domain_decls[1].has_id);
    CHECK_EQ_U64(s->domain_decls[1].id, 0); /* the lowest id no declaration takes */
    CHECK_EQ_U64(s->schedule_start, 1);
    CHECK(s->has_index_shift);
    CHECK_EQ_U64(s->index_shift, 2);
    CHECK_LOC(s->schedule_loc, 15, 9);
    CHECK_EQ_U64(s->ndomains, 3);
    const sb_domain_t *e = s->domains;
    CHECK_STR(e[0].name, "crit");
    CHECK_EQ_U64(e[0].id, 3);
    CHECK_EQ_U64(e[0].length, 1000);
    CHECK(e[0].us && !e[0].end_marker);
    CHECK_STR(e[1].name, "rest");
    CHECK_EQ_U64(e[1].id, 0);
    CHECK_EQ_U64(e[1].length, 16);
    CHECK(!e[1].us && !e[1].end_marker);
    CHECK(e[2].end_marker && e[2].name == NULL && e[2].length == 0);
    CHECK_LOC(e[2].loc, 18, 13);
    sb_kernel_t k = {.timer_freq = 62500000};
    CHECK_EQ_U64(sb_domain_ticks(&e[0], &k), 62500);
    CHECK_EQ_U64(sb_domain_ticks(&e[1], &k), 16);
}

static const sb_patch_t *patch(const sb_pd_t *p, const char *symbol)
{
    for (size_t i = 0; i < p->npatches; i++)
        if (strcmp(p->patches[i].symbol, symbol) == 0)
            return &p->patches[i];
    return NULL;
}

static void serial(const sb_system_t *s)
{
    const sb_pd_t *p = &s->pds[0];
    CHECK_STR(p->name, "serial");
    CHECK_EQ_U64(p->priority, 254);
    CHECK_EQ_U64(p->budget, 100);
    CHECK_EQ_U64(p->period, 200);
    CHECK(p->has_budget && p->has_period && p->passive && p->smc && !p->fpu);
    CHECK_EQ_U64(p->stack_size, 0x4000);
    CHECK_EQ_U64(p->cpu, 0);
    CHECK(p->has_domain);
    CHECK_STR(p->domain, "crit");
    CHECK_EQ_U64(p->domain_id, 3);
    CHECK_STR(p->program_image, "serial.elf");
    CHECK_STR(p->path_for_symbols, "serial.debug");
    CHECK_LOC(p->program_image_loc, 24, 24);
    CHECK_EQ_U64(p->parent, -1);
    CHECK(p->setvar_id == NULL);
    CHECK_LOC(p->loc, 22, 5);
    CHECK_LOC(p->priority_loc, 22, 38);
    CHECK_LOC(p->stack_size_loc, 23, 24);
    CHECK_LOC(p->smc_loc, 23, 52);

    CHECK_EQ_U64(p->nmaps, 3);
    const sb_map_t *m = p->maps;
    CHECK_EQ_U64(m[0].mr, 0);
    CHECK_EQ_U64(m[0].vaddr, 0x2000000);
    CHECK_EQ_U64(m[0].perms, SB_PERM_R | SB_PERM_W);
    CHECK(!m[0].cached);
    CHECK_STR(m[0].setvar_vaddr, "uart_base");
    CHECK_STR(m[0].setvar_size, "uart_size");
    CHECK(m[0].setvar_prefill_size == NULL);
    CHECK_LOC(m[0].loc, 25, 9);
    CHECK_LOC(m[0].vaddr_loc, 25, 24);
    CHECK_EQ_U64(m[1].mr, 2);
    CHECK_EQ_U64(m[1].perms, SB_PERM_R);
    CHECK(m[1].cached); /* the default */
    CHECK_EQ_U64(m[2].mr, 3);
    CHECK_EQ_U64(m[2].perms, SB_PERM_R | SB_PERM_X);
    CHECK_STR(m[2].setvar_prefill_size, "data_len");

    CHECK_EQ_U64(p->nirqs, 2);
    CHECK_EQ_U64(p->irqs[0].irq, 33);
    CHECK_EQ_U64(p->irqs[0].id, 0);
    CHECK(p->irqs[0].trigger == SB_TRIGGER_EDGE);
    CHECK_STR(p->irqs[0].setvar_id, "uart_irq");
    CHECK_LOC(p->irqs[0].irq_loc, 29, 14);
    CHECK_EQ_U64(p->irqs[1].irq, 34);
    CHECK_EQ_U64(p->irqs[1].id, 61);
    CHECK(p->irqs[1].trigger == SB_TRIGGER_LEVEL); /* the default */
    CHECK(p->irqs[1].setvar_id == NULL);

    CHECK_EQ_U64(p->nsetvars, 1);
    CHECK_STR(p->setvars[0].symbol, "dma_paddr");
    CHECK_EQ_U64(p->setvars[0].mr, 1);
    CHECK_LOC(p->setvars[0].mr_loc, 31, 36);

    /* every symbol patched in serial's image, in file order, the child's id included */
    CHECK_EQ_U64(p->npatches, 6);
    const sb_patch_t *v;
    CHECK((v = patch(p, "uart_base")) && v->kind == SB_PATCH_VADDR && v->value == 0x2000000 &&
          v->mr == 0);
    CHECK((v = patch(p, "uart_size")) && v->kind == SB_PATCH_SIZE && v->mr == 0);
    CHECK((v = patch(p, "data_len")) && v->kind == SB_PATCH_PREFILL_SIZE && v->mr == 3);
    CHECK((v = patch(p, "uart_irq")) && v->kind == SB_PATCH_ID && v->value == 0);
    CHECK((v = patch(p, "dma_paddr")) && v->kind == SB_PATCH_PADDR && v->mr == 1);
    CHECK((v = patch(p, "child_id")) && v->kind == SB_PATCH_ID && v->value == 63);
    CHECK(v && v->loc.line == 32 && v->loc.col == 49);
    CHECK_EQ_U64(sb_patch_value(s, patch(p, "uart_base")), 0x2000000);
    CHECK_EQ_U64(sb_patch_value(s, patch(p, "uart_size")), 0x1000);
    CHECK_EQ_U64(sb_patch_value(s, patch(p, "data_len")), 13);
    CHECK_EQ_U64(sb_patch_value(s, patch(p, "uart_irq")), 0);
    CHECK_EQ_U64(sb_patch_value(s, patch(p, "dma_paddr")), 0x70000000);
    CHECK_EQ_U64(sb_patch_value(s, patch(p, "child_id")), 63);
    CHECK(strcmp(p->patches[0].symbol, "uart_base") == 0);
    CHECK(strcmp(p->patches[5].symbol, "child_id") == 0);
}

static void child_and_client(const sb_system_t *s)
{
    const sb_pd_t *c = &s->pds[1];
    CHECK_STR(c->name, "child");
    CHECK_EQ_U64(c->parent, 0);
    CHECK_EQ_U64(c->child_id, 63);
    CHECK_STR(c->setvar_id, "child_id");
    CHECK_EQ_U64(c->priority, 100);
    CHECK_STR(c->domain, "rest");
    CHECK_EQ_U64(c->domain_id, 0);
    CHECK_EQ_U64(c->nmaps, 1);
    CHECK_EQ_U64(c->maps[0].perms, SB_PERM_R | SB_PERM_W | SB_PERM_X);
    CHECK_EQ_U64(c->npatches, 0);

    /* every default */
    const sb_pd_t *p = &s->pds[2];
    CHECK_STR(p->name, "client");
    CHECK_EQ_U64(p->priority, 0);
    CHECK_EQ_U64(p->budget, 1000);
    CHECK_EQ_U64(p->period, 1000);
    CHECK(!p->has_budget && !p->has_period && !p->passive && !p->smc && p->fpu);
    CHECK_EQ_U64(p->stack_size, 0x2000);
    CHECK_EQ_U64(p->cpu, 0);
    CHECK_EQ_U64(p->parent, -1);
    CHECK(p->path_for_symbols == NULL);
    CHECK_STR(p->domain, "rest");                          /* single quotes */
    CHECK_EQ_U64(p->maps[0].perms, SB_PERM_R | SB_PERM_W); /* the default */
    CHECK(p->maps[0].cached);
    CHECK_EQ_U64(p->npatches, 1); /* its channel end's setvar_id */
    const sb_patch_t *v = patch(p, "serial_ch");
    CHECK(v && v->kind == SB_PATCH_ID && v->value == 5);
}

static void channels(const sb_system_t *s)
{
    CHECK_EQ_U64(s->nchannels, 2);
    const sb_end_t *e = s->channels[0].end;
    CHECK_EQ_U64(e[0].pd, 2);
    CHECK_EQ_U64(e[0].id, 5);
    CHECK(e[0].pp && !e[0].notify);
    CHECK_STR(e[0].setvar_id, "serial_ch");
    CHECK_LOC(e[0].loc, 44, 9);
    CHECK_LOC(e[0].id_loc, 44, 26);
    CHECK_LOC(e[0].pp_loc, 44, 33);
    CHECK_EQ_U64(e[1].pd, 0);
    CHECK_EQ_U64(e[1].id, 1);
    CHECK(!e[1].pp && e[1].notify); /* the defaults */
    CHECK(e[1].setvar_id == NULL);
    CHECK_LOC(s->channels[0].loc, 43, 5);
    e = s->channels[1].end;
    CHECK_EQ_U64(e[0].pd, 0);
    CHECK_EQ_U64(e[0].id, 2);
    CHECK(!e[0].pp && e[0].notify);
    CHECK_EQ_U64(e[1].pd, 1);
    CHECK_EQ_U64(e[1].id, 0);
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    char path[4096];
    size_t size;
    char *text = read_file_all(FIXTURE, &size);
    CHECK(text != NULL);
    if (!text)
        return check_done("sysbuild/read");
    sb_system_t s;
    const char *search[] = {"tests/fixtures/sysbuild/files"};
    CHECK(sb_read(&s, FIXTURE, text, size));
    CHECK_EQ_U64(sb_resolve(&s, search, 1), 0);
    CHECK_STR(s.path, FIXTURE);
    CHECK_LOC(s.loc, 5, 1);
    CHECK_EQ_U64(s.npds, 3);
    if (s.npds == 3 && s.nmrs == 5 && s.nchannels == 2 && s.ndomains == 3) {
        memory_regions(&s);
        domains(&s);
        serial(&s);
        child_and_client(&s);
        channels(&s);
    }
    sb_kernel_t k;
    snprintf(path, sizeof path, "%s/sel4/aarch64-microkit/libsel4/include/kernel/gen_config.json",
             shared);
    CHECK(sb_kernel_load(&k, path));
    CHECK(k.mcs && k.hyp && k.smc_calls && k.fpu && k.export_pcnt && k.export_ptmr);
    CHECK_EQ_U64(k.num_nodes, 1);
    CHECK_EQ_U64(k.num_domains, 16);
    CHECK_EQ_U64(k.num_domain_schedules, 100);
    CHECK_EQ_U64(k.pa_bits, 40);
    CHECK_EQ_U64(k.levels, 3);
    CHECK_EQ_U64(k.user_top, 0xffffffffff);
    CHECK_EQ_U64(k.timer_freq, 62500000);
    CHECK_EQ_U64(k.max_irq, 159);
    CHECK_EQ_U64(sb_ipc_buffer_vaddr(&k), 0xfffffff000);
    CHECK_EQ_U64(sb_stack_top(&k), 0xffffffe000);
    CHECK_EQ_U64(sb_check(&s, &k), 0);
    sb_kernel_free(&k);
    snprintf(path, sizeof path, "%s/sel4/aarch64/libsel4/include/kernel/gen_config.json", shared);
    CHECK(sb_kernel_load(&k, path));
    CHECK(!k.mcs && !k.hyp && !k.smc_calls);
    CHECK_EQ_U64(k.levels, 4);
    CHECK_EQ_U64(k.user_top, 0x7fffffffffff);
    /* the same system on a kernel without MCS, SMC calls and domains: budget, period,
     * passive, smc, domain id 3 (NUM_DOMAINS 1) and the schedule (NUM_DOMAIN_SCHEDULES 2) */
    diag_set_quiet(1);
    CHECK_EQ_U64(sb_check(&s, &k), 6);
    diag_set_quiet(0);
    sb_kernel_free(&k);
    sb_system_free(&s);
    free(text);
    return check_done("sysbuild/read");
}
