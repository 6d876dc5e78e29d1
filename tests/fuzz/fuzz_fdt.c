/* libFuzzer target: the device tree reader on arbitrary bytes, then the lookups. */
#include <stdlib.h>
#include <string.h>

#include "../../formats/fdt/fdt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sel4c_fdt_t fdt;
    if (sel4c_fdt_check(&fdt, data, size) != SEL4C_FDT_OK)
        return 0;
    volatile uint64_t sum = 0;
    uint32_t cell;
    int cpus = sel4c_fdt_path(&fdt, "/cpus");
    for (int c = sel4c_fdt_first_child(&fdt, cpus); c >= 0; c = sel4c_fdt_next_sibling(&fdt, c)) {
        sum += strlen(sel4c_fdt_name(&fdt, c));
        if (sel4c_fdt_prop_cell(&fdt, c, "reg", 0, &cell))
            sum += cell;
    }
    sum += sel4c_fdt_prop_has_string(&fdt, sel4c_fdt_path(&fdt, "/psci"), "method", "smc");
    sum += sel4c_fdt_path(&fdt, "/memory@40000000/x") >= 0;
    (void)sum;
    return 0;
}
