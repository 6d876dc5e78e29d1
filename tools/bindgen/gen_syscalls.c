/*
 * System call numbers. The API list for the configuration (api-master, or api-mcs for MCS
 * kernels) is numbered -1, -2, ...; the debug list continues the count whether or not each
 * group is enabled, so numbers never depend on which debug features are on.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "gen.h"
#include "xml.h"

static bool number_list(const xmlNode *list, const config_t *cfg, const char *path, int *next,
                        strbuf_t *out)
{
    bool ok = true;
    for (const xmlNode *c = xml_child(list, "config"); c; c = xml_next_named(c, "config")) {
        bool enabled = true;
        const xmlNode *cond = xml_child(c, "condition");
        if (cond && !idl_condition(cond, cfg, path, &enabled))
            return false;
        for (const xmlNode *s = xml_child(c, "syscall"); s; s = xml_next_named(s, "syscall")) {
            char *name = xml_attr(s, "name");
            if (!name || !*name) {
                diag_error(path, xml_line(s), "<syscall> needs a 'name'");
                ok = false;
            } else if (enabled) {
                sb_printf(out, "    seL4_Sys%s = %d,\n", name, *next);
            }
            (*next)--;
            free(name);
        }
    }
    return ok;
}

bool gen_syscall_header(const char *path, const config_t *cfg, strbuf_t *out)
{
    xmlDoc *doc = xml_read(path);
    if (!doc)
        return false;
    const xmlNode *root = xmlDocGetRootElement(doc);
    const char *api_name = config_defined(cfg, "KERNEL_MCS") ? "api-mcs" : "api-master";
    const xmlNode *api = root ? xml_child(root, api_name) : NULL;
    const xmlNode *debug = root ? xml_child(root, "debug") : NULL;
    bool ok = true;
    if (!root || strcmp((const char *)root->name, "syscalls") != 0) {
        diag_error(path, root ? xml_line(root) : 1, "expected a <syscalls> root element");
        ok = false;
    } else if (!api) {
        diag_error(path, xml_line(root), "no <%s> element", api_name);
        ok = false;
    } else if (xml_next_named(api, api_name)) {
        diag_error(path, xml_line(xml_next_named(api, api_name)), "more than one <%s>", api_name);
        ok = false;
    }
    if (ok) {
        int next = -1;
        sb_put(out, "#pragma once\n\n#include <sel4/config.h>\n#include <sel4/macros.h>\n\n"
                    "typedef enum {\n");
        ok = number_list(api, cfg, path, &next, out);
        if (ok && debug)
            ok = number_list(debug, cfg, path, &next, out);
        sb_put(out, "    SEL4_FORCE_LONG_ENUM(seL4_Syscall_ID)\n} seL4_Syscall_ID;\n");
    }
    xmlFreeDoc(doc);
    return ok;
}
