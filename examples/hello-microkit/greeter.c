/*
 * The greeter of hello-microkit: on each protected procedure call it writes a greeting for
 * the caller's number into the shared page and answers with the greeting's length.
 */
#include <microkit.h>
#include <stdio.h>

#define CLIENT 1

uintptr_t greeting; /* set by sel4c-sysbuild: where the shared page is mapped */

void init(void)
{
    printf("greeter: ready, the shared page is at %#lx\n", (unsigned long)greeting);
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msg)
{
    if (ch != CLIENT || microkit_msginfo_get_count(msg) != 1)
        return microkit_msginfo_new(1, 0); /* label 1: a malformed request */
    int n = snprintf((char *)greeting, 0x1000, "hello, caller number %lu",
                     (unsigned long)microkit_mr_get(0));
    microkit_mr_set(0, (seL4_Word)n);
    return microkit_msginfo_new(0, 1);
}

void notified(microkit_channel ch)
{
    (void)ch;
}
