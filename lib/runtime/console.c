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

/* The default (the kernel's debug console, or what a PD runtime puts in front of it), the
 * output in use, and for each the function that sends what it holds back (fflush). */
static sel4c_output_fn console = debug_putc, output = debug_putc;
static void (*console_flush)(void), (*output_flush)(void);

void sel4c_runtime_set_console(sel4c_output_fn put, void (*flush)(void))
{
    if (output == console) {
        output = put;
        output_flush = flush;
    }
    console = put;
    console_flush = flush;
}

void sel4c_set_output_and_flush(sel4c_output_fn fn, void (*flush)(void))
{
    output = fn ? fn : console;
    output_flush = fn ? flush : console_flush;
}

void sel4c_set_output(sel4c_output_fn fn)
{
    sel4c_set_output_and_flush(fn, NULL);
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

static int stream_flush(FILE *f)
{
    (void)f;
    if (output_flush)
        output_flush();
    return 0;
}

static FILE stream = FDEV_SETUP_STREAM(stream_putc, NULL, stream_flush, _FDEV_SETUP_WRITE);
FILE *const stdout = &stream;
FILE *const stderr = &stream;
FILE *const stdin = NULL;
