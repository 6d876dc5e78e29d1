/* Message sizes of the interface types per architecture (64-bit architectures). */
#include "types.h"

#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define PLAIN(n, bits)                                                                             \
    {                                                                                              \
        n, bits, bits, TY_PLAIN                                                                    \
    }
#define CAP(n)                                                                                     \
    {                                                                                              \
        n, 64, 64, TY_CAP                                                                          \
    }
/* Types common to every 64-bit architecture. seL4_Bool is one bit in a message. */
#define COMMON_64                                                                                  \
    PLAIN("int", 32), PLAIN("long", 64), PLAIN("seL4_Uint8", 8), PLAIN("seL4_Uint16", 16),         \
        PLAIN("seL4_Uint32", 32), PLAIN("seL4_Uint64", 64), PLAIN("seL4_Time", 64),                \
        PLAIN("seL4_Word", 64), {"seL4_Bool", 1, 8, TY_PLAIN},                                     \
        {"seL4_CapRights_t", 64, 64, TY_BITFIELD}, CAP("seL4_CPtr"), CAP("seL4_CNode"),            \
        CAP("seL4_IRQHandler"), CAP("seL4_IRQControl"), CAP("seL4_TCB"), CAP("seL4_Untyped"),      \
        CAP("seL4_DomainSet"), CAP("seL4_SchedContext"), CAP("seL4_SchedControl")

static const type_info_t aarch64_types[] = {
    COMMON_64,
    PLAIN("seL4_ARM_VMAttributes", 64),
    CAP("seL4_ARM_Page"),
    CAP("seL4_ARM_PageTable"),
    CAP("seL4_ARM_VSpace"),
    CAP("seL4_ARM_ASIDControl"),
    CAP("seL4_ARM_ASIDPool"),
    CAP("seL4_ARM_VCPU"),
    CAP("seL4_ARM_IOSpace"),
    CAP("seL4_ARM_IOPageTable"),
    CAP("seL4_ARM_SMC"),
    {"seL4_UserContext", 64 * 36, 64 * 36, TY_STRUCT},
    {"seL4_ARM_SMCContext", 64 * 8, 64 * 8, TY_STRUCT},
    PLAIN("seL4_VCPUReg", 64),
    CAP("seL4_ARM_SIDControl"),
    CAP("seL4_ARM_SID"),
    CAP("seL4_ARM_CBControl"),
    CAP("seL4_ARM_CB"),
};

static const type_info_t riscv64_types[] = {
    COMMON_64,
    PLAIN("seL4_RISCV_VMAttributes", 64),
    CAP("seL4_RISCV_Page"),
    CAP("seL4_RISCV_PageTable"),
    CAP("seL4_RISCV_ASIDControl"),
    CAP("seL4_RISCV_ASIDPool"),
    {"seL4_UserContext", 64 * 32, 64 * 32, TY_STRUCT},
};

static const type_info_t x86_64_types[] = {
    COMMON_64,
    PLAIN("seL4_X86_VMAttributes", 64),
    PLAIN("seL4_X86_EPT_VMAttributes", 64),
    CAP("seL4_X86_IOPort"),
    CAP("seL4_X86_IOPortControl"),
    CAP("seL4_X86_ASIDControl"),
    CAP("seL4_X86_ASIDPool"),
    CAP("seL4_X86_IOSpace"),
    CAP("seL4_X86_Page"),
    CAP("seL4_X64_PML4"),
    CAP("seL4_X86_PDPT"),
    CAP("seL4_X86_PageDirectory"),
    CAP("seL4_X86_PageTable"),
    CAP("seL4_X86_IOPageTable"),
    CAP("seL4_X86_VCPU"),
    CAP("seL4_X86_EPTPML4"),
    CAP("seL4_X86_EPTPDPT"),
    CAP("seL4_X86_EPTPD"),
    CAP("seL4_X86_EPTPT"),
    /* 7 words; 15 when VT-x guests are 64-bit, which no supported configuration enables */
    {"seL4_VCPUContext", 64 * 7, 64 * 7, TY_STRUCT},
    {"seL4_UserContext", 64 * 20, 64 * 20, TY_STRUCT},
};

static const arch_info_t arches[] = {
    {"aarch64", 64, 4, 4, aarch64_types, ARRAY_LEN(aarch64_types), "seL4_ARM_VSpace",
     "seL4_ARM_Page"},
    {"riscv64", 64, 4, 4, riscv64_types, ARRAY_LEN(riscv64_types), "seL4_RISCV_PageTable",
     "seL4_RISCV_Page"},
    {"x86_64", 64, 4, 4, x86_64_types, ARRAY_LEN(x86_64_types), "seL4_X64_PML4", "seL4_X86_Page"},
};

const arch_info_t *arch_lookup(const char *sel4_arch)
{
    for (unsigned i = 0; i < ARRAY_LEN(arches); i++)
        if (strcmp(arches[i].sel4_arch, sel4_arch) == 0)
            return &arches[i];
    return NULL;
}

const type_info_t *arch_type(const arch_info_t *arch, const char *name)
{
    for (unsigned i = 0; i < arch->ntypes; i++)
        if (strcmp(arch->types[i].name, name) == 0)
            return &arch->types[i];
    return NULL;
}

bool type_by_reference(const arch_info_t *arch, const type_info_t *t)
{
    return t->size_bits > arch->word_bits;
}
