/*
 * The C types that may appear as parameters in the interface XML, with the size each takes
 * in a message. The kernel's ABI fixes these; they are per architecture.
 */
#pragma once

#include <stdbool.h>

typedef enum {
    TY_PLAIN,    /* a scalar or enum, packed by value */
    TY_CAP,      /* a capability: the first is the invoked cap, the others go in extra caps */
    TY_STRUCT,   /* a multi-word struct passed by reference, marshalled member by member */
    TY_BITFIELD, /* a generated bitfield struct, marshalled as its words[] */
} type_kind_t;

typedef struct type_info {
    const char *name;
    unsigned size_bits;   /* bits the type occupies in a message */
    unsigned native_bits; /* sizeof in bits, checked at compile time by the generated code */
    type_kind_t kind;
} type_info_t;

typedef struct arch_info {
    const char *sel4_arch; /* gen_config.json's SEL4_ARCH */
    unsigned word_bits;
    unsigned fast_mrs; /* message registers passed in registers */
    unsigned fast_mrs_mcs;
    const type_info_t *types;
    unsigned ntypes;
    const char *vspace_type; /* the capability type of a VSpace root */
    const char *page_type;   /* ... and of a frame */
} arch_info_t;

/* The arch table for a SEL4_ARCH value, or NULL when unsupported. */
const arch_info_t *arch_lookup(const char *sel4_arch);
const type_info_t *arch_type(const arch_info_t *arch, const char *name);
/* Whether a word of this type needs more than one message word. */
bool type_by_reference(const arch_info_t *arch, const type_info_t *t);
