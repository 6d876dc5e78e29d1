/*
 * The smallest PD, as Microkit's hello example, printing from init() through the debug
 * console and through picolibc's printf. It has no heap region, so malloc fails, once
 * reported. Success (hello.system): the console shows
 *   hello, world
 *   hello: printf 42 0x2a
 *   hello: malloc: no heap region (map one with setvar_vaddr="sel4c_heap_vaddr" ...
 *          ... setvar_size="sel4c_heap_size")   (one line)
 *   hello: PASS
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <microkit.h>

void init(void)
{
    microkit_dbg_puts("hello, world\n");
    printf("%s: printf %d %#x\n", microkit_name, 42, 42);
    errno = 0;
    void *p = malloc(16);
    int no_heap = p == NULL && errno == ENOMEM && malloc(16) == NULL;
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(no_heap ? ": PASS\n" : ": FAIL malloc without a heap\n");
}

void notified(microkit_channel ch)
{
    (void)ch;
}
