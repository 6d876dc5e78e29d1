/*
 * The smallest PD, as Microkit's hello example: prints from init() through the debug
 * console and through picolibc's printf. Success (hello.system): the console shows
 *   hello, world
 *   hello: printf 42 0x2a
 *   hello: PASS
 */
#include <stdio.h>

#include <microkit.h>

void init(void)
{
    microkit_dbg_puts("hello, world\n");
    printf("%s: printf %d %#x\n", microkit_name, 42, 42);
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(": PASS\n");
}

void notified(microkit_channel ch)
{
    (void)ch;
}
