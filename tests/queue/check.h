/* A check that names its place and goes on, and the exit status of a host test. */
#pragma once

#include <stdio.h>

static int check_failures, check_count;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        check_count++;                                                                             \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond);                     \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

/* An operation's error code, compared with the expected one; both named on failure. */
#define CHECK_ERR(expr, want)                                                                      \
    do {                                                                                           \
        int got_ = (expr);                                                                         \
        check_count++;                                                                             \
        if (got_ != (want)) {                                                                      \
            fprintf(stderr, "%s:%d: FAILED: %s gave %d (%s), expected %s\n", __FILE__, __LINE__,   \
                    #expr, got_, sel4c_queue_strerror(got_), #want);                               \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

static int check_result(const char *name)
{
    if (check_failures) {
        printf("%s: %d of %d checks FAILED\n", name, check_failures, check_count);
        return 1;
    }
    printf("%s: all %d checks passed\n", name, check_count);
    return 0;
}
