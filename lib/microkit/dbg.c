/* The debug console of libmicrokit's API (on console.c's putc), and how refused calls are
 * reported on it. */
#include <microkit.h>
#include <sel4c/error.h>

#include "internal.h"

void microkit_dbg_puts(const char *s)
{
    while (*s)
        microkit_dbg_putc(*s++);
}

static void put_unsigned(seL4_Word x)
{
    char digits[21];
    unsigned i = sizeof digits;
    digits[--i] = '\0';
    do {
        digits[--i] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    microkit_dbg_puts(&digits[i]);
}

void microkit_dbg_put8(seL4_Uint8 x)
{
    put_unsigned(x);
}

void microkit_dbg_put32(seL4_Uint32 x)
{
    put_unsigned(x);
}

/* "<PD name>: <fn>: " (the name is not terminated when it fills the array) */
static void name_and_function(const char *fn)
{
    for (unsigned i = 0; i < MICROKIT_PD_NAME_LENGTH && microkit_name[i]; i++)
        microkit_dbg_putc(microkit_name[i]);
    microkit_dbg_puts(": ");
    microkit_dbg_puts(fn);
    microkit_dbg_puts(": ");
}

void sel4c_microkit_report(const char *fn, const char *text)
{
    name_and_function(fn);
    microkit_dbg_puts(text);
    microkit_dbg_putc('\n');
}

/* "<PD name>: <fn>: <what> <id>: " */
static void report_start(const char *fn, const char *what, seL4_Word id)
{
    name_and_function(fn);
    microkit_dbg_puts(what);
    microkit_dbg_putc(' ');
    put_unsigned(id);
    microkit_dbg_puts(": ");
}

void sel4c_microkit_refuse(const char *fn, const char *what, seL4_Word id, const char *reason)
{
    report_start(fn, what, id);
    microkit_dbg_puts(reason);
    microkit_dbg_putc('\n');
}

void sel4c_microkit_failed(const char *fn, const char *what, seL4_Word id, seL4_Error err)
{
    report_start(fn, what, id);
    microkit_dbg_puts("seL4 error ");
    put_unsigned((seL4_Word)err);
    microkit_dbg_puts(" (");
    microkit_dbg_puts(sel4c_strerror((sel4c_err_t)err));
    microkit_dbg_puts(")\n");
}
