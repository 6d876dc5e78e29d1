/*
 * The kernel's interface description (interfaces/object-api*.xml): interfaces, their methods
 * with typed parameters, and multi-word structs. Conditions are evaluated against the
 * configuration: methods the kernel build lacks are kept with `enabled` false (libsel4
 * still declares their result structs) and have no invocation label.
 */
#pragma once

#include <stdbool.h>

#include "../common/sel4_config.h"
#include "types.h"

/* Which invocation label enum a file's methods number into. */
typedef enum { IDL_GENERIC, IDL_SEL4_ARCH, IDL_ARCH, IDL_NLAYERS } idl_layer_t;

typedef struct idl_param {
    char *name;
    const type_info_t *type;
    bool out;
    char *doc;
} idl_param_t;

typedef struct idl_error {
    char *name;
    char *doc;
} idl_error_t;

typedef struct idl_method {
    char *iface; /* e.g. "seL4_TCB" */
    char *name;  /* e.g. "Configure" */
    char *label; /* invocation label, e.g. "TCBConfigure" */
    idl_layer_t layer;
    bool enabled; /* the configuration has it */
    char *brief, *description, *service_doc, *return_doc;
    idl_param_t *params; /* declaration order, inputs and outputs mixed */
    unsigned nparams;
    idl_error_t *errors;
    unsigned nerrors;
    const char *file;
    int line;
} idl_method_t;

typedef struct idl_struct {
    char *name;
    char **members; /* as many as the type's word count */
    unsigned nmembers;
} idl_struct_t;

typedef struct idl {
    idl_method_t *methods;
    unsigned nmethods;
    idl_struct_t *structs;
    unsigned nstructs;
    char **labels[IDL_NLAYERS]; /* invocation labels in enum order */
    unsigned nlabels[IDL_NLAYERS];
} idl_t;

/* Reads one interface file into `idl`. Errors are `path:line: error:`; returns false on any. */
bool idl_load(idl_t *idl, const char *path, idl_layer_t layer, const arch_info_t *arch,
              const config_t *cfg);
const idl_struct_t *idl_struct(const idl_t *idl, const char *name);
void idl_free(idl_t *idl);

/*
 * Evaluates a <condition> element's single child (<config var=>, <not>, <and>, <or>) against
 * `cfg`. Reports malformed conditions at `path`; returns false for them.
 */
struct _xmlNode;
bool idl_condition(const struct _xmlNode *cond, const config_t *cfg, const char *path, bool *value);
