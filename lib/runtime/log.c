/* Logging: whole lines, lock-free until there is a second thread. */
#include <stdarg.h>
#include <stdio.h>

#include <sel4c/log.h>

#include "runtime.h"

sel4c_log_level_t sel4c_log_threshold = SEL4C_LOG_INFO;
static bool multithreaded;
static int line_lock;

void sel4c_log_multithreaded(void)
{
    multithreaded = true;
}

void sel4c_log_write(sel4c_log_level_t level, const char *fmt, ...)
{
    static const char *const names[] = {"error", "warn", "info", "debug", "trace"};
    char line[256];
    int n = snprintf(line, sizeof line, "[%s] ", names[level <= SEL4C_LOG_TRACE ? level : 0]);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    if (multithreaded) {
        /* another thread may hold the lock on this core: let it run rather than spin */
        while (__atomic_exchange_n(&line_lock, 1, __ATOMIC_ACQUIRE))
            sel4c_runtime_yield();
    }
    sel4c_runtime_puts(line);
    sel4c_runtime_putc('\n');
    if (multithreaded)
        __atomic_store_n(&line_lock, 0, __ATOMIC_RELEASE);
}
