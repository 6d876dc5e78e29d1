/* The generators of sel4c-bindgen: each renders one part of the generated headers. */
#pragma once

#include "../common/strbuf.h"
#include "../common/sel4_config.h"
#include "idl.h"
#include "pbf.h"
#include "types.h"

/* Bitfield structs and accessors with libsel4's names, for one .pbf file. */
void gen_bitfields(const pbf_file_t *f, strbuf_t *out);

/* sel4/syscall.h from api/syscall.xml. Returns false (after reporting) on malformed input. */
bool gen_syscall_header(const char *path, const config_t *cfg, strbuf_t *out);

/* The three invocation label enums (sel4/invocation.h, sel4_arch/..., arch/...). */
void gen_invocation_header(const idl_t *idl, idl_layer_t layer, strbuf_t *out);

/* Distinct capability types of the typed API (sel4c/gen/cap_types.h). */
void gen_cap_types(const arch_info_t *arch, strbuf_t *out);

/*
 * Invocation stubs: the typed sel4c API with explicit and thread-local IPC buffer
 * (sel4c/gen/invocations.h) and the libsel4-compatible raw stubs (interfaces/sel4_client.h).
 * Returns false (after reporting) when a method cannot be generated.
 */
bool gen_invocations(const idl_t *idl, const arch_info_t *arch, const config_t *cfg,
                     strbuf_t *typed, strbuf_t *raw);

/* Helpers shared by the generators. */
/* "seL4_ARM_ASIDPool" -> "arm_asid_pool"; "SetTLSBase" -> "set_tls_base". */
void snake_case(const char *in, strbuf_t *out);
/* The typed C type name of a capability type: "seL4_TCB" -> "sel4c_tcb_t". */
void typed_cap_name(const char *cap_type, strbuf_t *out);
/* Writes `text` as the lines of a C block comment body, wrapped at ~96 columns. */
void doc_paragraph(strbuf_t *out, const char *indent, const char *text);
