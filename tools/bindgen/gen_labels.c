/*
 * Invocation labels: three enums chained so that numbering continues from the generic
 * methods to the sel4_arch ones to the arch ones, as the kernel numbers them.
 */
#include "gen.h"

void gen_invocation_header(const idl_t *idl, idl_layer_t layer, strbuf_t *out)
{
    static const char *const enum_name[] = {"invocation_label", "sel4_arch_invocation_label",
                                            "arch_invocation_label"};
    static const char *const count[] = {"nInvocationLabels", "nSeL4ArchInvocationLabels",
                                        "nArchInvocationLabels"};
    static const char *const header[] = {"sel4/invocation.h", "sel4/sel4_arch/invocation.h",
                                         "sel4/arch/invocation.h"};
    /*
     * Each layer includes the one before it at its top and the one after it at its end,
     * so any of the three may be included first and all three enums follow in order.
     */
    sb_put(out, "#pragma once\n\n");
    if (layer != IDL_GENERIC)
        sb_printf(out, "#include <%s>\n\n", header[layer - 1]);
    sb_printf(out, "enum %s {\n", enum_name[layer]);
    if (layer == IDL_GENERIC)
        sb_put(out, "    InvalidInvocation,\n");
    for (unsigned i = 0; i < idl->nlabels[layer]; i++) {
        sb_printf(out, "    %s", idl->labels[layer][i]);
        if (i == 0 && layer != IDL_GENERIC)
            sb_printf(out, " = %s", count[layer - 1]);
        sb_put(out, ",\n");
    }
    if (idl->nlabels[layer] == 0 && layer != IDL_GENERIC)
        sb_printf(out, "    %s = %s\n", count[layer], count[layer - 1]);
    else
        sb_printf(out, "    %s\n", count[layer]);
    sb_put(out, "};\n");
    if (layer + 1 < IDL_NLAYERS)
        sb_printf(out, "\n#include <%s>\n", header[layer + 1]);
}
