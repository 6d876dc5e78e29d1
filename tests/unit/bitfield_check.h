/*
 * Support for the generated bitfield tests: the checks, and a way to see seL4_DebugAssert
 * fire (it calls __assert_fail, which this test provides to jump back instead of aborting).
 */
#pragma once

#include <setjmp.h>

#include "check.h"

static jmp_buf assert_jump;
static int expecting_assert;

void __assert_fail(const char *expr, const char *file, int line, const char *fn)
{
    if (expecting_assert)
        longjmp(assert_jump, 1);
    fprintf(stderr, "%s:%d: %s: unexpected assertion failure: %s\n", file, line, fn, expr);
    check_failures++;
}

/* Runs `stmt` and checks that a debug assertion stopped it. */
#define EXPECT_ASSERT(stmt)                                                                        \
    do {                                                                                           \
        expecting_assert = 1;                                                                      \
        if (setjmp(assert_jump) == 0) {                                                            \
            stmt;                                                                                  \
            fprintf(stderr, "%s:%d: no assertion from %s\n", __FILE__, __LINE__, #stmt);           \
            check_failures++;                                                                      \
        }                                                                                          \
        expecting_assert = 0;                                                                      \
    } while (0)
