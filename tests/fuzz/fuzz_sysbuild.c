/* libFuzzer target: the .system reader, prefill resolution and the checks on arbitrary text,
 * against the Microkit configuration (embedded here, so the target needs no files). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../tools/common/diag.h"
#include "../../tools/sysbuild/system.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const sb_kernel_t k = {.mcs = true,
                                  .hyp = true,
                                  .smc_calls = true,
                                  .fpu = true,
                                  .num_nodes = 1,
                                  .num_domains = 16,
                                  .num_domain_schedules = 100,
                                  .pa_bits = 40,
                                  .levels = 3,
                                  .user_top = 0xffffffffff,
                                  .timer_freq = 62500000,
                                  .max_period_us = UINT64_MAX / 62 / 8,
                                  .plat = "qemu-arm-virt",
                                  .max_irq = 159};
    diag_set_quiet(1); /* diagnostics are expected; keep the fuzzer's output readable */
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    sb_system_t s;
    if (sb_read(&s, "fuzz", text, size)) {
        sb_resolve(&s, NULL, 0); /* no search path: every prefill is missing */
        sb_check(&s, &k);
    }
    sb_system_free(&s);
    free(text);
    return 0;
}
