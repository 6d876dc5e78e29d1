/* Console output: picolibc's stdout and stderr, through a replaceable output function. */
#include <stdio.h>

#include <sel4c/runtime.h>

#include "runtime.h"

static int debug_putc(char c)
{
#ifdef CONFIG_PRINTING
    seL4_DebugPutChar(c);
    return 0;
#else
    (void)c;
    return -1;
#endif
}

static sel4c_output_fn output = debug_putc;

void sel4c_set_output(sel4c_output_fn fn)
{
    output = fn ? fn : debug_putc;
}

void sel4c_runtime_putc(char c)
{
    output(c);
}

void sel4c_runtime_puts(const char *s)
{
    for (; *s; s++)
        output(*s);
}

void sel4c_runtime_yield(void)
{
    seL4_Yield();
}

static int stream_putc(char c, FILE *f)
{
    (void)f;
    return output(c) == 0 ? (unsigned char)c : EOF;
}

static FILE console = FDEV_SETUP_STREAM(stream_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &console;
FILE *const stderr = &console;
FILE *const stdin = NULL;
