/* Reader of the interface XML files, with libxml2. */
#include "idl.h"

#include <libxml/parser.h>
#include <libxml/xinclude.h>
#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/strbuf.h"
#include "xml.h"

static bool eval(const xmlNode *n, const config_t *cfg, const char *path, bool *value)
{
    const char *tag = (const char *)n->name;
    if (strcmp(tag, "config") == 0) {
        char *var = xml_attr(n, "var");
        if (!var || !*var) {
            diag_error(path, xml_line(n), "<config> in a condition needs a 'var'");
            free(var);
            return false;
        }
        *value = config_defined(cfg, var);
        free(var);
        return true;
    }
    bool is_and = strcmp(tag, "and") == 0, is_or = strcmp(tag, "or") == 0;
    if (strcmp(tag, "not") == 0 || is_and || is_or) {
        unsigned count = 0;
        bool acc = is_and;
        for (const xmlNode *c = xml_first_elem(n); c; c = xml_next_elem(c)) {
            bool v;
            if (!eval(c, cfg, path, &v))
                return false;
            acc = is_and ? acc && v : is_or ? acc || v : !v;
            count++;
        }
        if (count == 0 || (!is_and && !is_or && count != 1)) {
            diag_error(path, xml_line(n), "<%s> in a condition has %u operands", tag, count);
            return false;
        }
        *value = acc;
        return true;
    }
    diag_error(path, xml_line(n), "unknown element <%s> in a condition", tag);
    return false;
}

bool idl_condition(const xmlNode *cond, const config_t *cfg, const char *path, bool *value)
{
    const xmlNode *c = xml_first_elem(cond);
    *value = true;
    if (!c)
        return true; /* an empty condition always holds */
    if (xml_next_elem(c)) {
        diag_error(path, xml_line(cond), "<condition> must have one child element");
        return false;
    }
    return eval(c, cfg, path, value);
}

/* A method's or config's own <condition> child; true when absent. */
static bool own_condition(const xmlNode *n, const config_t *cfg, const char *path, bool *value)
{
    *value = true;
    const xmlNode *cond = xml_child(n, "condition");
    return cond ? idl_condition(cond, cfg, path, value) : true;
}

/* A description given as attribute or as a <description> child. */
static char *description_of(const xmlNode *n)
{
    char *d = xml_attr(n, "description");
    if (d && *d)
        return d;
    free(d);
    const xmlNode *c = xml_child(n, "description");
    return c ? xml_doc_text(c) : NULL;
}

static char *required_attr(const xmlNode *n, const char *attr, const char *path, bool *ok)
{
    char *v = xml_attr(n, attr);
    if (!v || !*v) {
        diag_error(path, xml_line(n), "<%s> needs a '%s' attribute", (const char *)n->name, attr);
        *ok = false;
        free(v);
        return NULL;
    }
    return v;
}

#define GROW(arr, n) ((arr) = xrealloc((arr), sizeof *(arr) * ((n) + 1)), &(arr)[(n)++])

static void add_label(idl_t *idl, idl_layer_t layer, const char *label, bool duplicate_ok,
                      const char *path, int line, bool *ok)
{
    for (unsigned i = 0; i < idl->nlabels[layer]; i++) {
        if (strcmp(idl->labels[layer][i], label) == 0) {
            if (!duplicate_ok) {
                diag_error(path, line, "invocation label '%s' used by two enabled methods", label);
                *ok = false;
            }
            return;
        }
    }
    *GROW(idl->labels[layer], idl->nlabels[layer]) = xstrdup(label);
}

static bool load_struct(idl_t *idl, const xmlNode *s, const arch_info_t *arch, const char *path)
{
    bool ok = true;
    char *name = required_attr(s, "name", path, &ok);
    if (!ok)
        return false;
    const type_info_t *t = arch_type(arch, name);
    if (!t || t->kind != TY_STRUCT) {
        diag_error(path, xml_line(s), "struct '%s' is not a multi-word type of %s", name,
                   arch->sel4_arch);
        free(name);
        return false;
    }
    idl_struct_t st = {.name = name};
    unsigned want = t->size_bits / arch->word_bits;
    /* Only the first `want` members: some structs have configuration-dependent sizes. */
    for (const xmlNode *m = xml_child(s, "member"); m && st.nmembers < want;
         m = xml_next_named(m, "member")) {
        char *mn = required_attr(m, "name", path, &ok);
        if (mn)
            *GROW(st.members, st.nmembers) = mn;
    }
    if (ok && st.nmembers < want) {
        diag_error(path, xml_line(s), "struct '%s' has %u members, its type needs %u", name,
                   st.nmembers, want);
        ok = false;
    }
    *GROW(idl->structs, idl->nstructs) = st;
    return ok;
}

static bool load_method(idl_t *idl, const xmlNode *m, const xmlNode *iface, idl_layer_t layer,
                        const arch_info_t *arch, const config_t *cfg, const char *path)
{
    bool ok = true, enabled;
    if (!own_condition(m, cfg, path, &enabled))
        return false;
    idl_method_t md = {.layer = layer, .file = path, .line = xml_line(m), .enabled = enabled};
    md.iface = xml_attr(iface, "name");
    md.name = required_attr(m, "name", path, &ok);
    md.label = required_attr(m, "id", path, &ok);
    if (!ok)
        goto fail;
    char *dup = xml_attr(m, "duplicate");
    bool duplicate_ok = dup && (strcmp(dup, "true") == 0 || strcmp(dup, "1") == 0);
    free(dup);
    /* a method marked duplicate shares its invocation label with one listed earlier */
    if (enabled)
        add_label(idl, layer, md.label, duplicate_ok, path, md.line, &ok);

    const xmlNode *brief = xml_child(m, "brief");
    md.brief = brief ? xml_doc_text(brief) : NULL;
    const xmlNode *desc = xml_child(m, "description");
    md.description = desc ? xml_doc_text(desc) : NULL;
    const xmlNode *ret = xml_child(m, "return");
    md.return_doc = ret ? xml_doc_text(ret) : NULL;
    md.service_doc = xml_attr(iface, "cap_description");
    const xmlNode *cp = xml_child(m, "cap_param");
    if (cp) {
        char *extra = xml_attr(cp, "append_description");
        if (extra) {
            strbuf_t sb = STRBUF_INIT;
            sb_put(&sb, md.service_doc ? md.service_doc : "");
            if (md.service_doc && *md.service_doc)
                sb_putc(&sb, ' ');
            sb_put(&sb, extra);
            free(md.service_doc);
            md.service_doc = xstrdup(sb_str(&sb));
            sb_free(&sb);
            free(extra);
        }
    }
    for (const xmlNode *p = xml_child(m, "param"); p; p = xml_next_named(p, "param")) {
        idl_param_t prm = {0};
        prm.name = required_attr(p, "name", path, &ok);
        char *type = required_attr(p, "type", path, &ok);
        char *dir = required_attr(p, "dir", path, &ok);
        if (type && !(prm.type = arch_type(arch, type)) && !enabled) {
            /* a method this kernel lacks may use types of another configuration */
            free(type);
            free(prm.name);
            goto fail;
        }
        if (type && !prm.type) {
            diag_error(path, xml_line(p), "unknown parameter type '%s' for '%s' of %s_%s", type,
                       prm.name ? prm.name : "?", md.iface, md.name);
            ok = false;
        }
        if (dir && strcmp(dir, "in") != 0 && strcmp(dir, "out") != 0) {
            diag_error(path, xml_line(p), "parameter direction must be 'in' or 'out', not '%s'",
                       dir);
            ok = false;
        }
        prm.out = dir && strcmp(dir, "out") == 0;
        if (prm.out && prm.type && prm.type->kind == TY_CAP) {
            diag_error(path, xml_line(p), "capability '%s' cannot be an output", prm.name);
            ok = false;
        }
        prm.doc = description_of(p);
        free(type);
        free(dir);
        *GROW(md.params, md.nparams) = prm;
    }
    for (const xmlNode *e = xml_child(m, "error"); e; e = xml_next_named(e, "error")) {
        idl_error_t er = {.name = required_attr(e, "name", path, &ok), .doc = description_of(e)};
        *GROW(md.errors, md.nerrors) = er;
    }
    for (unsigned i = 0; ok && enabled && i < idl->nmethods; i++) {
        if (idl->methods[i].enabled && strcmp(idl->methods[i].iface, md.iface) == 0 &&
            strcmp(idl->methods[i].name, md.name) == 0) {
            diag_error(path, md.line, "%s_%s defined twice (first at %s:%d)", md.iface, md.name,
                       idl->methods[i].file, idl->methods[i].line);
            ok = false;
        }
    }
    *GROW(idl->methods, idl->nmethods) = md;
    return ok;
fail:
    free(md.iface);
    free(md.name);
    free(md.label);
    return ok;
}

bool idl_load(idl_t *idl, const char *path, idl_layer_t layer, const arch_info_t *arch,
              const config_t *cfg)
{
    xmlDoc *doc = xml_read(path);
    if (!doc)
        return false;
    bool ok = true;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || strcmp((const char *)root->name, "api") != 0) {
        diag_error(path, root ? xml_line(root) : 1, "expected an <api> root element");
        xmlFreeDoc(doc);
        return false;
    }
    for (const xmlNode *n = xml_first_elem(root); n; n = xml_next_elem(n)) {
        const char *tag = (const char *)n->name;
        if (strcmp(tag, "struct") == 0) {
            ok &= load_struct(idl, n, arch, path);
        } else if (strcmp(tag, "interface") == 0) {
            char *name = required_attr(n, "name", path, &ok);
            const type_info_t *t = name ? arch_type(arch, name) : NULL;
            if (name && (!t || t->kind != TY_CAP)) {
                diag_error(path, xml_line(n), "interface '%s' is not a capability type of %s", name,
                           arch->sel4_arch);
                ok = false;
            }
            free(name);
            if (!ok)
                continue;
            for (const xmlNode *m = xml_child(n, "method"); m; m = xml_next_named(m, "method"))
                ok &= load_method(idl, m, n, layer, arch, cfg, path);
        } else {
            diag_error(path, xml_line(n), "unexpected element <%s> in <api>", tag);
            ok = false;
        }
    }
    xmlFreeDoc(doc);
    return ok;
}

const idl_struct_t *idl_struct(const idl_t *idl, const char *name)
{
    for (unsigned i = 0; i < idl->nstructs; i++)
        if (strcmp(idl->structs[i].name, name) == 0)
            return &idl->structs[i];
    return NULL;
}

void idl_free(idl_t *idl)
{
    for (unsigned i = 0; i < idl->nmethods; i++) {
        idl_method_t *m = &idl->methods[i];
        for (unsigned j = 0; j < m->nparams; j++) {
            free(m->params[j].name);
            free(m->params[j].doc);
        }
        for (unsigned j = 0; j < m->nerrors; j++) {
            free(m->errors[j].name);
            free(m->errors[j].doc);
        }
        free(m->params);
        free(m->errors);
        free(m->iface);
        free(m->name);
        free(m->label);
        free(m->brief);
        free(m->description);
        free(m->service_doc);
        free(m->return_doc);
    }
    for (unsigned i = 0; i < idl->nstructs; i++) {
        for (unsigned j = 0; j < idl->structs[i].nmembers; j++)
            free(idl->structs[i].members[j]);
        free(idl->structs[i].members);
        free(idl->structs[i].name);
    }
    for (unsigned l = 0; l < IDL_NLAYERS; l++) {
        for (unsigned j = 0; j < idl->nlabels[l]; j++)
            free(idl->labels[l][j]);
        free(idl->labels[l]);
    }
    free(idl->methods);
    free(idl->structs);
    *idl = (idl_t){0};
}
