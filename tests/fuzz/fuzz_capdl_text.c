/* libFuzzer target: the CapDL text reader and `check` on arbitrary text. */
#include <stdlib.h>
#include <string.h>

#include "../../tools/capdl/check.h"
#include "../../tools/common/diag.h"
#include "../../tools/capdl/print.h"

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
            strbuf_t out = STRBUF_INIT;
            cdl_print(&out, &s);
            sb_free(&out);
        }
    }
    cdl_free(&s);
    free(text);
    return 0;
}
