/*
 * Logging: printf-style messages with a level, written whole as one line
 * ("[warn] message\n") on the runtime's console output.
 *
 * Two thresholds: SEL4C_LOG_MAX, at compile time, removes the calls above it entirely
 * (default: debug, or info with NDEBUG); sel4c_log_set_level() filters at run time
 * (default: info). While the program has one thread, writing takes no lock; once
 * sel4c_thread_create() made another, lines are serialised so they do not interleave.
 */
#pragma once

#include <stdbool.h>

typedef enum sel4c_log_level {
    SEL4C_LOG_ERROR,
    SEL4C_LOG_WARN,
    SEL4C_LOG_INFO,
    SEL4C_LOG_DEBUG,
    SEL4C_LOG_TRACE,
} sel4c_log_level_t;

#ifndef SEL4C_LOG_MAX
#ifdef NDEBUG
#define SEL4C_LOG_MAX SEL4C_LOG_INFO
#else
#define SEL4C_LOG_MAX SEL4C_LOG_DEBUG
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The run-time threshold: messages above it are dropped (default SEL4C_LOG_INFO). */
extern sel4c_log_level_t sel4c_log_threshold;

/* Sets the run-time threshold; the compile-time one, SEL4C_LOG_MAX, still applies. */
static inline void sel4c_log_set_level(sel4c_log_level_t level)
{
    sel4c_log_threshold = level;
}

/* Writes one line at `level` (already past both thresholds); long lines are cut at 255. */
void sel4c_log_write(sel4c_log_level_t level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Called by the thread helper: from now on several threads may log at once. */
void sel4c_log_multithreaded(void);

#ifdef __cplusplus
}
#endif

#define sel4c_log(level, ...)                                                                      \
    do {                                                                                           \
        if ((level) <= SEL4C_LOG_MAX && (level) <= sel4c_log_threshold)                            \
            sel4c_log_write(level, __VA_ARGS__);                                                   \
    } while (0)
#define sel4c_error(...) sel4c_log(SEL4C_LOG_ERROR, __VA_ARGS__)
#define sel4c_warn(...)  sel4c_log(SEL4C_LOG_WARN, __VA_ARGS__)
#define sel4c_info(...)  sel4c_log(SEL4C_LOG_INFO, __VA_ARGS__)
#define sel4c_debug(...) sel4c_log(SEL4C_LOG_DEBUG, __VA_ARGS__)
#define sel4c_trace(...) sel4c_log(SEL4C_LOG_TRACE, __VA_ARGS__)
