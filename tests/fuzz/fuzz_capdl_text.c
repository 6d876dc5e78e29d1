/*
 * libFuzzer target: the CapDL text reader and `check` on arbitrary text. A spec that passes
 * `check` (and needs no fill files) must also serialize: the writer's own sel4c_capdl_open()
 * of its output, parents and children included, must agree with `check`.
 */
#include <stdlib.h>
#include <string.h>

#include "../../tools/capdl/binary.h"
#include "../../tools/capdl/check.h"
#include "../../tools/capdl/print.h"
#include "../../tools/common/diag.h"

static bool needs_files(const cdl_spec_t *s)
{
    for (size_t i = 0; i < s->nobjs; i++)
        for (size_t k = 0; k < s->objs[i].nfills; k++)
            if (s->objs[i].fills[k].source == CDL_FILL_FILE)
                return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_set_quiet(1); /* diagnostics are expected; keep the fuzzer's output readable */
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    cdl_spec_t s = {0};
    if (cdl_read_buffer(&s, "fuzz", text, size)) {
        cdl_check_opts_t opts = {0};
        sel4c_capdl_sizes_aarch64(&opts.sizes, 0, 0);
        if (!cdl_check(&s, &opts)) {
            strbuf_t out = STRBUF_INIT, blob = STRBUF_INIT, pages = STRBUF_INIT;
            cdl_print(&out, &s);
            cdl_write_opts_t wo = {.sizes = opts.sizes};
            cdl_write_stats_t st;
            if (!needs_files(&s) && !cdl_write_binary(&s, &wo, &blob, &pages, &st))
                abort(); /* check passed, the binary form's check did not */
            sb_free(&out);
            sb_free(&blob);
            sb_free(&pages);
        }
    }
    cdl_free(&s);
    free(text);
    return 0;
}
