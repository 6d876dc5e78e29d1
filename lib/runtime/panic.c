/*
 * Dying loudly: exit, abort, failed assertions and panics print what happened (the latter
 * three with a backtrace of return addresses and the image's build id, for sel4c-symbolize)
 * and then suspend the calling thread, so the rest of the system goes on.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <sel4c/runtime.h>

#include "runtime.h"

#define MAX_FRAMES 32

/* .note.gnu.build-id, bracketed by the runtime's linker script */
extern const unsigned char __sel4c_build_id_start[], __sel4c_build_id_end[];

/* The paths every program links format numbers themselves, so that a program that does
 * not use printf does not carry it. */
static void put_hex(uint64_t v, int digits)
{
    for (int i = digits - 1; i >= 0; i--)
        sel4c_runtime_putc("0123456789abcdef"[(v >> (4 * i)) & 15]);
}

static void put_dec(long v)
{
    char buf[24];
    int i = 0;
    unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
    do {
        buf[i++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        sel4c_runtime_putc('-');
    while (i)
        sel4c_runtime_putc(buf[--i]);
}

static void print_build_id(void)
{
    const unsigned char *n = __sel4c_build_id_start;
    sel4c_runtime_puts("sel4c build-id: ");
    /* a note: namesz, descsz, type, then the name "GNU\0" and the id */
    if (__sel4c_build_id_end - n >= 16) {
        uint32_t namesz = *(const uint32_t *)n, descsz = *(const uint32_t *)(n + 4);
        const unsigned char *id = n + 12 + ((namesz + 3) & ~3u);
        for (uint32_t i = 0; i < descsz && id + i < __sel4c_build_id_end; i++)
            put_hex(id[i], 2);
    } else {
        sel4c_runtime_puts("none");
    }
    sel4c_runtime_putc('\n');
}

void sel4c_backtrace(void)
{
    uintptr_t pcs[MAX_FRAMES];
    unsigned n = sel4c_arch_backtrace(pcs, MAX_FRAMES);
    sel4c_runtime_puts("sel4c backtrace:");
    for (unsigned i = 0; i < n; i++) {
        sel4c_runtime_puts(" 0x");
        put_hex(pcs[i], 16);
    }
    sel4c_runtime_putc('\n');
    print_build_id();
}

static __attribute__((noreturn)) void suspend_self(void)
{
    sel4c_runtime_puts("sel4c: thread suspended\n");
    fflush(stdout); /* what the output holds back goes out before nothing else will */
    seL4_CPtr tcb = sel4c_self_tcb();
    if (tcb)
        seL4_TCB_Suspend(tcb);
    /* suspending failed or there is no TCB to suspend: stay here without spinning hot */
    for (;;)
        seL4_Yield();
}

void _exit(int status)
{
    fflush(stdout);
    sel4c_runtime_puts("sel4c: exit(");
    put_dec(status);
    sel4c_runtime_puts(")\n");
    suspend_self();
}

void abort(void)
{
    sel4c_runtime_puts("sel4c: abort\n");
    sel4c_backtrace();
    suspend_self();
}

void sel4c_panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sel4c_runtime_puts("sel4c: panic: ");
    vprintf(fmt, ap);
    va_end(ap);
    sel4c_runtime_putc('\n');
    sel4c_backtrace();
    suspend_self();
}

/* Failed assert() in picolibc, and seL4_DebugAssert/seL4_Assert in the libsel4 API. */
void __assert_func(const char *file, int line, const char *func, const char *expr)
{
    fflush(stdout);
    sel4c_runtime_puts("sel4c: ");
    sel4c_runtime_puts(file);
    sel4c_runtime_putc(':');
    put_dec(line);
    sel4c_runtime_puts(": ");
    sel4c_runtime_puts(func ? func : "?");
    sel4c_runtime_puts(": assertion failed: ");
    sel4c_runtime_puts(expr);
    sel4c_runtime_putc('\n');
    sel4c_backtrace();
    suspend_self();
}

void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
    __assert_func(file, line, func, expr);
}
