/*
 * What sel4c-sysbuild needs of the kernel, from its gen_config.json: the features a system
 * may use (MCS, SMC calls, FPU), the cores, the domain scheduler's limits, the address space
 * and the platform's interrupts.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/sel4_config.h"
#include "../common/strbuf.h"
#include "system.h"

/* MAX_IRQ of seL4's AArch64 platforms (src/plat/<plat>/config.cmake); the configuration
 * file does not record it. */
static const struct {
    const char *plat;
    unsigned max_irq;
} platforms[] = {
    {"qemu-arm-virt", 159}, {"bcm2711", 216},  {"bcm2712", 320},    {"bcm2837", 127},
    {"fvp", 207},           {"hikey", 159},    {"imx8mq-evk", 160}, {"imx8mm-evk", 160},
    {"imx8mp-evk", 192},    {"imx93", 254},    {"maaxboard", 160},  {"odroidc2", 250},
    {"odroidc4", 255},      {"quartz64", 231}, {"rk3568", 283},     {"rockpro64", 181},
    {"tqma8xqp1gb", 511},   {"tx1", 224},      {"tx2", 383},        {"zynqmp", 187},
    {"stm32mp2", 415},
};

static bool flag(const config_t *cfg, const char *key)
{
    const config_entry_t *e = config_get(cfg, key);
    return e && e->is_bool && e->enabled;
}

static bool number(const config_t *cfg, const char *path, const char *key, uint64_t *out)
{
    const char *v = config_str(cfg, key);
    char *end;
    if (!v || !*v) {
        diag_error(path, 0, "no %s in the kernel configuration", key);
        return false;
    }
    *out = strtoull(v, &end, 0);
    if (*end) {
        diag_error(path, 0, "%s '%s' is not a number", key, v);
        return false;
    }
    return true;
}

bool sb_kernel_load(sb_kernel_t *k, const char *path)
{
    *k = (sb_kernel_t){0};
    size_t size;
    char *text = read_file_all(path, &size);
    if (!text)
        return false;
    config_t cfg = {0};
    bool ok = config_load(&cfg, path, text);
    free(text);
    if (ok && !flag(&cfg, "ARCH_AARCH64")) {
        const char *arch = config_str(&cfg, "SEL4_ARCH");
        diag_error(path, 0, "sel4c-sysbuild builds AArch64 systems; this kernel is %s",
                   arch ? arch : "not AArch64");
        ok = false;
    }
    uint64_t nodes = 0, domains = 0, schedules = 0, freq = 0;
    ok = ok && number(&cfg, path, "MAX_NUM_NODES", &nodes) &&
         number(&cfg, path, "NUM_DOMAINS", &domains) &&
         number(&cfg, path, "NUM_DOMAIN_SCHEDULES", &schedules) &&
         number(&cfg, path, "TIMER_FREQUENCY", &freq);
    if (ok && (nodes == 0 || nodes > 256 || domains == 0 || domains > 256 || schedules == 0 ||
               schedules > UINT32_MAX || freq == 0)) {
        diag_error(path, 0,
                   "implausible MAX_NUM_NODES, NUM_DOMAINS, NUM_DOMAIN_SCHEDULES or "
                   "TIMER_FREQUENCY");
        ok = false;
    }
    if (ok) {
        k->mcs = flag(&cfg, "KERNEL_MCS");
        k->hyp = flag(&cfg, "ARM_HYPERVISOR_SUPPORT");
        k->smc_calls = flag(&cfg, "ALLOW_SMC_CALLS");
        k->fpu = flag(&cfg, "HAVE_FPU");
        k->export_pcnt = flag(&cfg, "EXPORT_PCNT_USER");
        k->export_ptmr = flag(&cfg, "EXPORT_PTMR_USER");
        k->num_nodes = (unsigned)nodes;
        k->num_domains = (unsigned)domains;
        k->num_domain_schedules = (unsigned)schedules;
        k->timer_freq = freq;
        /* seL4's MAX_PERIOD_US (kernel/sporadic.h): the static bound when configured, else
         * an eighth of the longest time its tick conversion takes without overflow */
        uint64_t static_max = 0;
        if (config_str(&cfg, "KERNEL_STATIC_MAX_PERIOD_US"))
            ok = number(&cfg, path, "KERNEL_STATIC_MAX_PERIOD_US", &static_max);
        uint64_t per_us = freq % 1000000 ? freq / 1000 : freq / 1000000;
        k->max_period_us = static_max ? static_max : UINT64_MAX / (per_us ? per_us : 1) / 8;
        k->pa_bits = flag(&cfg, "ARM_PA_SIZE_BITS_44") ? 44 : 40;
        k->levels = k->hyp && k->pa_bits == 40 ? 3 : 4;
        /* seL4_UserTop, as libsel4's sel4_arch/constants.h defines it for AArch64 */
        k->user_top = !k->hyp            ? UINT64_C(0x00007fffffffffff)
                      : k->pa_bits == 44 ? UINT64_C(0x00000fffffffffff)
                                         : UINT64_C(0x000000ffffffffff);
        const char *plat = config_str(&cfg, "PLAT");
        k->plat = xstrdup(plat ? plat : "");
        for (size_t i = 0; i < sizeof platforms / sizeof platforms[0]; i++)
            if (strcmp(platforms[i].plat, k->plat) == 0)
                k->max_irq = platforms[i].max_irq;
    }
    config_free(&cfg);
    return ok;
}

void sb_kernel_free(sb_kernel_t *k)
{
    free(k->plat);
    k->plat = NULL;
}
