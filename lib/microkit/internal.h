/* Internal interfaces of the PD runtime. */
#pragma once

#include <sel4/sel4.h>

/* Prints "<PD name>: <fn>: <text>" and a newline on the debug console. */
void sel4c_microkit_report(const char *fn, const char *text);

/* Patched by the builder (config.c): the console endpoint's CPtr, or 0 for none. */
extern seL4_Word sel4c_microkit_console;
/* The console (console.c): a character into the line, which goes at '\n' or when full;
 * and what the line holds, sent now. */
int sel4c_microkit_console_putc(char c);
void sel4c_microkit_console_flush(void);
