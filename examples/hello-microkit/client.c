/*
 * The client of hello-microkit: calls the greeter three times and reads each greeting from
 * the page they share.
 */
#include <microkit.h>
#include <stdio.h>

#define GREETER 0

uintptr_t greeting; /* set by sel4c-sysbuild: where the shared page is mapped (read-only) */

void init(void)
{
    for (seL4_Word i = 1; i <= 3; i++) {
        microkit_mr_set(0, i);
        microkit_msginfo r = microkit_ppcall(GREETER, microkit_msginfo_new(0, 1));
        if (microkit_msginfo_get_label(r) != 0) {
            printf("client: the greeter refused call %lu\n", (unsigned long)i);
            return;
        }
        printf("client: \"%.*s\"\n", (int)microkit_mr_get(0), (const char *)greeting);
    }
    printf("hello-microkit: done\n");
}

void notified(microkit_channel ch)
{
    (void)ch;
}
