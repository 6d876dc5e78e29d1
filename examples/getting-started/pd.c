/*
 * A Microkit protection domain of one's own (docs/getting-started.md): `greeter` notifies
 * `listener` over channel 1; each says what happened.
 */
#include <microkit.h>
#include <stdio.h>
#include <string.h>

#define CHANNEL 1

void init(void)
{
    printf("%s: up\n", microkit_name);
    if (strcmp(microkit_name, "greeter") == 0)
        microkit_notify(CHANNEL);
}

void notified(microkit_channel ch)
{
    printf("%s: notified on channel %u\n", microkit_name, (unsigned)ch);
}
