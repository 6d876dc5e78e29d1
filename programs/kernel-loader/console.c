/* Loader console: a PL011 UART, polled; a printf for the few formats the loader uses. */
#include <stdarg.h>

#include "loader.h"

#define UART_DR      0x00
#define UART_FR      0x18
#define UART_FR_TXFF (1u << 5)

static volatile uint32_t *uart;

void console_init(uintptr_t uart_base)
{
    uart = (volatile uint32_t *)uart_base;
}

static void putc_raw(char c)
{
    if (!uart)
        return;
    while (uart[UART_FR / 4] & UART_FR_TXFF)
        ;
    uart[UART_DR / 4] = (uint32_t)(unsigned char)c;
}

void console_puts(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            putc_raw('\r');
        putc_raw(*s);
    }
}

static void put_number(uint64_t v, unsigned base)
{
    char buf[24];
    int i = 0;
    do {
        buf[i++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (base == 16)
        console_puts("0x");
    while (i > 0) {
        char c[2] = {buf[--i], 0};
        console_puts(c);
    }
}

static void vprint(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%' || !fmt[1]) {
            char c[2] = {*fmt, 0};
            console_puts(c);
            continue;
        }
        switch (*++fmt) {
        case 's': console_puts(va_arg(ap, const char *)); break;
        case 'u': put_number(va_arg(ap, uint64_t), 10); break;
        case 'x': put_number(va_arg(ap, uint64_t), 16); break;
        case 'c': {
            char c[2] = {(char)va_arg(ap, int), 0};
            console_puts(c);
            break;
        }
        default: console_puts("%?"); break;
        }
    }
}

void console_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint(fmt, ap);
    va_end(ap);
}

void loader_fail(const char *fmt, ...)
{
    va_list ap;
    console_puts("sel4c loader: error: ");
    va_start(ap, fmt);
    vprint(fmt, ap);
    va_end(ap);
    console_puts("\nsel4c loader: halted\n");
    for (;;)
        __asm__ volatile("wfe");
}
