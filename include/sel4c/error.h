/* Errors of the sel4c API: the kernel's error codes as an enum, and helpers. Needs no kernel
 * configuration, so configuration-free code (the HTTP core, host tools) can use it too. */
#pragma once

/* Marks functions whose error result must not be ignored. */
#define SEL4C_MUST_CHECK __attribute__((warn_unused_result))

/*
 * The kernel's invocation errors. Values and size equal seL4_Error's, so converting between
 * the two costs nothing.
 */
typedef enum sel4c_err {
    SEL4C_NO_ERROR = 0,
    SEL4C_INVALID_ARGUMENT,
    SEL4C_INVALID_CAPABILITY,
    SEL4C_ILLEGAL_OPERATION,
    SEL4C_RANGE_ERROR,
    SEL4C_ALIGNMENT_ERROR,
    SEL4C_FAILED_LOOKUP,
    SEL4C_TRUNCATED_MESSAGE,
    SEL4C_DELETE_FIRST,
    SEL4C_REVOKE_FIRST,
    SEL4C_NOT_ENOUGH_MEMORY,
} sel4c_err_t;

/* A static string naming `err` ("seL4_RangeError"), or "unknown error". */
static inline const char *sel4c_strerror(sel4c_err_t err)
{
    static const char *const names[] = {
        "seL4_NoError",          "seL4_InvalidArgument",  "seL4_InvalidCapability",
        "seL4_IllegalOperation", "seL4_RangeError",       "seL4_AlignmentError",
        "seL4_FailedLookup",     "seL4_TruncatedMessage", "seL4_DeleteFirst",
        "seL4_RevokeFirst",      "seL4_NotEnoughMemory",
    };
    return (unsigned)err < sizeof names / sizeof names[0] ? names[err] : "unknown error";
}

#ifdef __cplusplus
static_assert(sizeof(sel4c_err_t) == sizeof(int), "sel4c_err_t has seL4_Error's size");
#else
_Static_assert(sizeof(sel4c_err_t) == sizeof(int), "sel4c_err_t has seL4_Error's size");
#endif
