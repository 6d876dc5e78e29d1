/*
 * Invocation stubs. Each method becomes
 *   sel4c_<iface>_<method>_with_ipc(ipc, typed caps, ...)  the one marshalling body,
 *   sel4c_<iface>_<method>(typed caps, ...)                the same on the thread's IPC buffer,
 *   seL4_<Iface>_<Method>(raw cptrs, ...)                  libsel4's name, signature and result,
 * so the typed and raw layers compile to the same code.
 *
 * Message layout (the kernel's ABI): the invoked capability is the destination; other
 * capability parameters fill the extra caps in order; every other input is packed into
 * message words in order, each aligned to the smaller of its size and a word. Outputs are
 * unpacked from the reply the same way. The first words travel in registers.
 */
#include <string.h>

#include "../common/diag.h"
#include "gen.h"

#define MAX_WORDS 64 /* libsel4's bound on a generated message */

typedef struct slot {
    const idl_param_t *p;
    unsigned first_bit, bits;
} slot_t;

/* Places the inputs (outputs when `out`) that travel in message words. */
static unsigned place(const idl_method_t *m, bool out, unsigned word_bits, slot_t *slots)
{
    unsigned n = 0, bit = 0;
    for (unsigned i = 0; i < m->nparams; i++) {
        const idl_param_t *p = &m->params[i];
        if (p->out != out || p->type->kind == TY_CAP)
            continue;
        unsigned size = p->type->size_bits, align = size < word_bits ? size : word_bits;
        bit = (bit + align - 1) / align * align;
        slots[n++] = (slot_t){p, bit, size};
        bit += size;
    }
    return n;
}

static unsigned words_of(const slot_t *slots, unsigned n, unsigned word_bits)
{
    return n ? (slots[n - 1].first_bit + slots[n - 1].bits + word_bits - 1) / word_bits : 0;
}

typedef struct ctx {
    const idl_t *idl;
    const arch_info_t *arch;
    unsigned word_bits, num_mrs;
    const idl_method_t *m;
    strbuf_t fn;     /* sel4c_<iface>_<method> */
    strbuf_t raw_fn; /* seL4_<Iface>_<Method> with the seL4_ prefix of the interface */
} ctx_t;

static const idl_param_t *param_named(const idl_method_t *m, const char *name)
{
    for (unsigned i = 0; i < m->nparams; i++)
        if (strcmp(m->params[i].name, name) == 0)
            return &m->params[i];
    return NULL;
}

/* TCB Read/WriteRegisters move only `count` registers, as libsel4 does. */
static bool counted_registers(const ctx_t *c, bool write)
{
    return strcmp(c->m->iface, "seL4_TCB") == 0 &&
           strcmp(c->m->name, write ? "WriteRegisters" : "ReadRegisters") == 0 &&
           param_named(c->m, "count") && c->num_mrs >= 2;
}

static const char *member(const ctx_t *c, const idl_param_t *p, unsigned i)
{
    const idl_struct_t *s = idl_struct(c->idl, p->type->name);
    return s && i < s->nmembers ? s->members[i] : "?";
}

/* The C expressions whose OR forms each input message word; returns the word count. */
static unsigned input_words(const ctx_t *c, strbuf_t words[MAX_WORDS])
{
    slot_t slots[MAX_WORDS];
    unsigned n = place(c->m, false, c->word_bits, slots);
    for (unsigned i = 0; i < n; i++) {
        const idl_param_t *p = slots[i].p;
        unsigned w = slots[i].first_bit / c->word_bits, off = slots[i].first_bit % c->word_bits;
        if (p->type->kind == TY_STRUCT) {
            for (unsigned k = 0; k < slots[i].bits / c->word_bits; k++)
                sb_printf(&words[w + k], "%s->%s", p->name, member(c, p, k));
            continue;
        }
        strbuf_t term = STRBUF_INIT;
        const char *suffix = p->type->kind == TY_BITFIELD ? ".words[0]" : "";
        if (slots[i].bits < c->word_bits)
            sb_printf(&term, "((seL4_Word)%s%s & 0x%llxull)", p->name, suffix,
                      (1ull << slots[i].bits) - 1);
        else
            sb_printf(&term, "%s%s", p->name, suffix);
        if (words[w].len)
            sb_put(&words[w], " | ");
        if (off)
            sb_printf(&words[w], "(%s << %u)", sb_str(&term), off);
        else
            sb_put(&words[w], sb_str(&term));
        sb_free(&term);
    }
    return words_of(slots, n, c->word_bits);
}

/* Where reply word `w` is read from. */
static void reply_word(const ctx_t *c, unsigned w, strbuf_t *out)
{
    if (w < c->num_mrs)
        sb_printf(out, "mr%u", w);
    else
        sb_printf(out, "ipc->msg[%u]", w);
}

static void emit_unmarshal(const ctx_t *c, strbuf_t *out)
{
    slot_t slots[MAX_WORDS];
    unsigned n = place(c->m, true, c->word_bits, slots);
    for (unsigned i = 0; i < n; i++) {
        const idl_param_t *p = slots[i].p;
        unsigned w = slots[i].first_bit / c->word_bits, off = slots[i].first_bit % c->word_bits;
        if (p->type->kind == TY_STRUCT) {
            unsigned count = slots[i].bits / c->word_bits;
            bool counted = counted_registers(c, false);
            for (unsigned k = 0; k < (counted ? c->num_mrs : count); k++) {
                sb_printf(out, "    %s->%s = ", p->name, member(c, p, k));
                reply_word(c, w + k, out);
                sb_put(out, ";\n");
            }
            if (counted)
                sb_printf(out,
                          "    for (seL4_Word i = %u; i < count; i++) {\n"
                          "        ((seL4_Word *)&%s->%s)[i - %u] = ipc->msg[i];\n    }\n",
                          c->num_mrs, p->name, member(c, p, c->num_mrs), c->num_mrs);
            continue;
        }
        sb_printf(out, "    *%s = ", p->name);
        if (slots[i].bits < c->word_bits)
            sb_put(out, "(");
        reply_word(c, w, out);
        if (off)
            sb_printf(out, " >> %u", off);
        if (slots[i].bits < c->word_bits)
            sb_printf(out, ") & 0x%llxull", (1ull << slots[i].bits) - 1);
        sb_put(out, ";\n");
    }
}

/* Kinds of capability the interface files never invoke, which the typed API names too. */
static const char *const object_caps[] = {"seL4_Endpoint", "seL4_Notification", "seL4_Reply"};
#define NUM_OBJECT_CAPS (sizeof object_caps / sizeof object_caps[0])

static bool cap_type_exists(const arch_info_t *arch, const char *name)
{
    const type_info_t *t = arch_type(arch, name);
    if (t)
        return t->kind == TY_CAP;
    for (unsigned i = 0; i < NUM_OBJECT_CAPS; i++)
        if (strcmp(object_caps[i], name) == 0)
            return true;
    return false;
}

/*
 * The capability type of a parameter in the typed API. The XML types some parameters only
 * as seL4_CPtr although the kernel accepts one kind of object there; those are narrowed by
 * name so that the typed API catches a wrong kind (a parameter that takes several kinds,
 * such as SchedContext Bind's `cap`, stays generic).
 */
static const char *typed_cap_type(const ctx_t *c, const idl_param_t *p)
{
    static const struct {
        const char *param, *type;
    } narrowed[] = {
        {"notification", "seL4_Notification"},
        {"fault_ep", "seL4_Endpoint"},
        {"timeout_fault_ep", "seL4_Endpoint"},
        {"sched_context", "seL4_SchedContext"},
        {"cb", "seL4_ARM_CB"},
    };
    if (strcmp(p->type->name, "seL4_CPtr") != 0)
        return p->type->name;
    if (strcmp(p->name, "vspace") == 0 || strcmp(p->name, "vspace_root") == 0)
        return c->arch->vspace_type;
    if (strcmp(p->name, "bufferFrame") == 0)
        return c->arch->page_type;
    for (unsigned i = 0; i < sizeof narrowed / sizeof narrowed[0]; i++)
        if (strcmp(p->name, narrowed[i].param) == 0 && cap_type_exists(c->arch, narrowed[i].type))
            return narrowed[i].type;
    return p->type->name;
}

/* The parameter list of the typed forms (after `ipc`, for the explicit-buffer form). */
static void typed_params(const ctx_t *c, strbuf_t *out)
{
    typed_cap_name(c->m->iface, out);
    sb_put(out, " _service");
    for (unsigned i = 0; i < c->m->nparams; i++) {
        const idl_param_t *p = &c->m->params[i];
        sb_put(out, ", ");
        if (p->type->kind == TY_CAP) {
            typed_cap_name(typed_cap_type(c, p), out);
            sb_printf(out, " %s", p->name);
        } else {
            bool in_struct = p->type->kind == TY_STRUCT && !p->out;
            sb_printf(out, "%s%s %s%s", in_struct ? "const " : "", p->type->name,
                      p->out || in_struct ? "*" : "", p->name);
        }
    }
}

/* Arguments forwarding the typed parameters by name. */
static void typed_args(const ctx_t *c, strbuf_t *out)
{
    sb_put(out, "_service");
    for (unsigned i = 0; i < c->m->nparams; i++)
        sb_printf(out, ", %s", c->m->params[i].name);
}

static bool by_value_outputs(const ctx_t *c)
{
    for (unsigned i = 0; i < c->m->nparams; i++)
        if (c->m->params[i].out && c->m->params[i].type->kind != TY_STRUCT)
            return true;
    return false;
}

static void emit_doc(const ctx_t *c, strbuf_t *out)
{
    const idl_method_t *m = c->m;
    sb_put(out, "/**\n");
    if (m->brief)
        doc_paragraph(out, " * ", m->brief);
    if (m->description && *m->description) {
        sb_put(out, " *\n");
        doc_paragraph(out, " * ", m->description);
    }
    sb_put(out, " *\n");
    strbuf_t line = STRBUF_INIT;
    sb_printf(&line, "@param _service %s", m->service_doc ? m->service_doc : "The capability.");
    doc_paragraph(out, " * ", sb_str(&line));
    for (unsigned i = 0; i < m->nparams; i++) {
        sb_reset(&line);
        sb_printf(&line, "@param %s %s%s", m->params[i].name, m->params[i].out ? "(out) " : "",
                  m->params[i].doc ? m->params[i].doc : "");
        doc_paragraph(out, " * ", sb_str(&line));
    }
    sb_put(out, " * @return SEL4C_NO_ERROR, or the kernel's error:\n");
    for (unsigned i = 0; i < m->nerrors; i++) {
        sb_reset(&line);
        sb_printf(&line, "- %s: %s", m->errors[i].name, m->errors[i].doc ? m->errors[i].doc : "");
        doc_paragraph(out, " *   ", sb_str(&line));
    }
    sb_printf(out, " * Outputs are written only on success. Invocation label %s.\n */\n", m->label);
    sb_free(&line);
}

static void emit_core(const ctx_t *c, strbuf_t *out)
{
    const idl_method_t *m = c->m;
    strbuf_t words[MAX_WORDS] = {0};
    unsigned nwords = input_words(c, words), ncaps = 0;
    for (unsigned i = 0; i < m->nparams; i++)
        ncaps += m->params[i].type->kind == TY_CAP;

    sb_printf(out, "/** As %s(), with the calling thread's IPC buffer given explicitly. */\n",
              sb_str(&c->fn));
    sb_printf(out, "static inline SEL4C_MUST_CHECK sel4c_err_t\n%s_with_ipc(seL4_IPCBuffer *ipc, ",
              sb_str(&c->fn));
    typed_params(c, out);
    sb_printf(out, ")\n{\n    seL4_MessageInfo_t tag = seL4_MessageInfo_new(%s, 0, %u, %u);\n",
              m->label, ncaps, nwords);
    for (unsigned i = 0; i < c->num_mrs; i++)
        sb_printf(out, "    seL4_Word mr%u = %s;\n", i, i < nwords ? sb_str(&words[i]) : "0");
    for (unsigned i = 0, k = 0; i < m->nparams; i++)
        if (m->params[i].type->kind == TY_CAP)
            sb_printf(out, "    ipc->caps_or_badges[%u] = %s.cptr;\n", k++, m->params[i].name);
    if (counted_registers(c, true) && nwords > c->num_mrs) {
        /* the registers start two words in; send only `count` of them */
        unsigned by_mrs = c->num_mrs - 2;
        sb_printf(out,
                  "    for (seL4_Word i = %u; i < count; i++) {\n"
                  "        ipc->msg[i + 2] = ((const seL4_Word *)&%s)[i - %u];\n    }\n",
                  by_mrs, sb_str(&words[c->num_mrs]), by_mrs);
    } else {
        for (unsigned i = c->num_mrs; i < nwords; i++)
            sb_printf(out, "    ipc->msg[%u] = %s;\n", i, sb_str(&words[i]));
    }
    if (c->num_mrs)
        sb_put(out, "    seL4_MessageInfo_t out_tag = seL4_CallWithMRs(_service.cptr, tag, "
                    "&mr0, &mr1, &mr2, &mr3);\n");
    else
        sb_put(out, "    seL4_MessageInfo_t out_tag = seL4_Call(_service.cptr, tag);\n");
    sb_put(out, "    sel4c_err_t err = (sel4c_err_t)seL4_MessageInfo_get_label(out_tag);\n"
                "    if (err != SEL4C_NO_ERROR) {\n");
    if (c->num_mrs) {
        sb_put(out, "        /* the error's details came in registers: keep them where "
                    "seL4_GetMR finds them */\n");
        for (unsigned i = 0; i < c->num_mrs; i++)
            sb_printf(out, "        ipc->msg[%u] = mr%u;\n", i, i);
    }
    sb_put(out, "        return err;\n    }\n");
    emit_unmarshal(c, out);
    sb_put(out, "    (void)ipc;\n    return SEL4C_NO_ERROR;\n}\n\n");
    for (unsigned i = 0; i < MAX_WORDS; i++)
        sb_free(&words[i]);
}

static void emit_typed(const ctx_t *c, strbuf_t *out)
{
    emit_doc(c, out);
    sb_printf(out, "static inline SEL4C_MUST_CHECK sel4c_err_t\n%s(", sb_str(&c->fn));
    typed_params(c, out);
    sb_printf(out, ")\n{\n    return %s_with_ipc(seL4_GetIPCBuffer(), ", sb_str(&c->fn));
    typed_args(c, out);
    sb_put(out, ");\n}\n\n");
}

/* libsel4's result struct of a method with outputs passed by value: the error, then them. */
static void emit_result_struct(const ctx_t *c, strbuf_t *out)
{
    const idl_method_t *m = c->m;
    const char *raw = sb_str(&c->raw_fn);
    sb_printf(out, "struct %s {\n    int error;\n", raw);
    for (unsigned i = 0; i < m->nparams; i++)
        if (m->params[i].out && m->params[i].type->kind != TY_STRUCT)
            sb_printf(out, "    %s %s;\n", m->params[i].type->name, m->params[i].name);
    sb_printf(out, "};\ntypedef struct %s %s_t;\n\n", raw, raw);
}

/*
 * libsel4 declares the result struct of every method of the architecture, whether or not
 * the kernel has it, and code names them in branches compiled out at run time only. Once
 * per name, for methods this configuration lacks entirely.
 */
static bool needs_absent_result_struct(const idl_t *idl, unsigned index)
{
    const idl_method_t *m = &idl->methods[index];
    for (unsigned i = 0; i < idl->nmethods; i++) {
        const idl_method_t *o = &idl->methods[i];
        if ((o->enabled || i < index) && strcmp(o->iface, m->iface) == 0 &&
            strcmp(o->name, m->name) == 0 && i != index)
            return false;
    }
    return true;
}

static void emit_raw(const ctx_t *c, strbuf_t *out)
{
    const idl_method_t *m = c->m;
    bool result_struct = by_value_outputs(c);
    const char *raw = sb_str(&c->raw_fn);
    if (result_struct)
        emit_result_struct(c, out);
    sb_printf(out, "/** libsel4's form of %s(). */\nLIBSEL4_INLINE %s%s\n%s(%s _service",
              sb_str(&c->fn), result_struct ? raw : "seL4_Error", result_struct ? "_t" : "", raw,
              m->iface);
    for (unsigned i = 0; i < m->nparams; i++) {
        const idl_param_t *p = &m->params[i];
        if (p->out && p->type->kind != TY_STRUCT)
            continue;
        sb_printf(out, ", %s %s%s", p->type->name, p->type->kind == TY_STRUCT ? "*" : "", p->name);
    }
    sb_put(out, ")\n{\n");
    if (result_struct)
        sb_printf(out,
                  "    %s_t _result; /* outputs read 0 after an error */\n"
                  "    __builtin_memset(&_result, 0, sizeof _result);\n"
                  "    _result.error = (int)",
                  raw);
    else
        sb_put(out, "    return (seL4_Error)");
    sb_printf(out, "%s_with_ipc(seL4_GetIPCBuffer(), ", sb_str(&c->fn));
    strbuf_t conv = STRBUF_INIT;
    typed_cap_name(m->iface, &conv);
    conv.len -= 2; /* drop _t */
    conv.data[conv.len] = '\0';
    sb_printf(out, "%s_from_cptr(_service)", sb_str(&conv));
    for (unsigned i = 0; i < m->nparams; i++) {
        const idl_param_t *p = &m->params[i];
        if (p->type->kind == TY_CAP) {
            sb_reset(&conv);
            typed_cap_name(typed_cap_type(c, p), &conv);
            conv.len -= 2;
            conv.data[conv.len] = '\0';
            sb_printf(out, ", %s_from_cptr(%s)", sb_str(&conv), p->name);
        } else if (p->out && p->type->kind != TY_STRUCT) {
            sb_printf(out, ", &_result.%s", p->name);
        } else {
            sb_printf(out, ", %s", p->name);
        }
    }
    sb_free(&conv);
    sb_put(out, result_struct ? ");\n    return _result;\n}\n\n" : ");\n}\n\n");
}

/* Names the generated bodies use for themselves; a parameter may not take one. */
static bool check_names(const idl_method_t *m)
{
    static const char *const locals[] = {"ipc", "tag", "out_tag", "err",      "mr0",    "mr1",
                                         "mr2", "mr3", "i",       "_service", "_result"};
    for (unsigned i = 0; i < m->nparams; i++)
        for (unsigned k = 0; k < sizeof locals / sizeof *locals; k++)
            if (strcmp(m->params[i].name, locals[k]) == 0)
                return false;
    return true;
}

void gen_cap_types(const arch_info_t *arch, strbuf_t *out)
{
    sb_put(out, "#pragma once\n\n#include <sel4/simple_types.h>\n#include <sel4/types.h>\n\n");
    sb_put(out, "/*\n * One struct type per kind of capability, so that passing an endpoint "
                "where a TCB is\n * expected does not compile. Each wraps the seL4_CPtr; "
                "X_from_cptr() makes one from a\n * raw CPtr and sel4c_cap() turns any of "
                "them into the generic sel4c_cap_t.\n */\n");
    for (unsigned i = 0; i < arch->ntypes + NUM_OBJECT_CAPS; i++) {
        const char *name;
        if (i < arch->ntypes) {
            if (arch->types[i].kind != TY_CAP)
                continue;
            name = arch->types[i].name;
        } else {
            name = object_caps[i - arch->ntypes];
        }
        strbuf_t t = STRBUF_INIT;
        typed_cap_name(name, &t);
        t.len -= 2;
        t.data[t.len] = '\0';
        sb_printf(out, "typedef struct %s {\n    seL4_CPtr cptr;\n} %s_t;\n\n", sb_str(&t),
                  sb_str(&t));
        sb_printf(
            out,
            "static inline %s_t %s_from_cptr(seL4_CPtr cptr)\n{\n    return (%s_t){cptr};\n}\n\n",
            sb_str(&t), sb_str(&t), sb_str(&t));
        sb_free(&t);
    }
    sb_put(out, "/* The generic capability of any typed capability `c`. */\n"
                "#define sel4c_cap(c) ((sel4c_cap_t){(c).cptr})\n");
}

bool gen_invocations(const idl_t *idl, const arch_info_t *arch, const config_t *cfg,
                     strbuf_t *typed, strbuf_t *raw)
{
    ctx_t c = {.idl = idl, .arch = arch, .word_bits = arch->word_bits};
    bool mcs = config_defined(cfg, "KERNEL_MCS");
    c.num_mrs = config_defined(cfg, "LIB_SEL4_STUBS_USE_IPC_BUFFER_ONLY") ? 0
                : mcs                                                     ? arch->fast_mrs_mcs
                                                                          : arch->fast_mrs;
    sb_put(typed, "#pragma once\n\n#include <sel4/types.h>\n#include <sel4/functions.h>\n"
                  "#include <sel4/invocation.h>\n#include <sel4/arch/syscalls.h>\n"
                  "#include <sel4c/error.h>\n#include <sel4c/gen/cap_types.h>\n\n");
    sb_put(typed, "/* The message sizes the generator assumed, checked against the headers. */\n");
    for (unsigned i = 0; i < arch->ntypes; i++)
        sb_printf(typed, "SEL4_COMPILE_ASSERT(size_of_%s, sizeof(%s) == %u)\n", arch->types[i].name,
                  arch->types[i].name, arch->types[i].native_bits / 8);
    sb_put(typed, "\n");
    sb_put(raw, "#pragma once\n\n#include <sel4/config.h>\n#include <sel4/types.h>\n"
                "#include <sel4/sel4_arch/constants.h>\n#include <sel4c/gen/invocations.h>\n\n");
    /* libsel4's form of the same checks: one array typedef per type, of size -1 if wrong */
    sb_put(raw, "#define assert_size_correct(type, expected_bytes) \\\n"
                "    typedef unsigned long __type_##type##_size_incorrect[ \\\n"
                "        (sizeof(type) == expected_bytes) ? 1 : -1]\n\n");
    for (unsigned i = 0; i < arch->ntypes; i++)
        sb_printf(raw, "assert_size_correct(%s, %u);\n", arch->types[i].name,
                  arch->types[i].native_bits / 8);
    sb_put(raw, "\n");
    bool ok = true;
    for (unsigned i = 0; i < idl->nmethods; i++) {
        c.m = &idl->methods[i];
        if (!check_names(c.m)) {
            diag_error(c.m->file, c.m->line,
                       "a parameter of %s_%s has a name the generated "
                       "code uses itself",
                       c.m->iface, c.m->name);
            ok = false;
            continue;
        }
        sb_reset(&c.fn);
        sb_reset(&c.raw_fn);
        sb_put(&c.fn, "sel4c_");
        snake_case(c.m->iface + (strncmp(c.m->iface, "seL4_", 5) == 0 ? 5 : 0), &c.fn);
        sb_putc(&c.fn, '_');
        snake_case(c.m->name, &c.fn);
        sb_printf(&c.raw_fn, "%s_%s", c.m->iface, c.m->name);
        if (!c.m->enabled) {
            if (by_value_outputs(&c) && needs_absent_result_struct(idl, i))
                emit_result_struct(&c, raw);
            continue;
        }
        emit_core(&c, typed);
        emit_typed(&c, typed);
        emit_raw(&c, raw);
    }
    sb_free(&c.fn);
    sb_free(&c.raw_fn);
    return ok;
}
