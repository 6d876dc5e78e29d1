/*
 * A PD that sends its console endpoint messages that do not add up (console.system): more
 * bytes than the message carries (by far, and by one). The monitor must report each and drop
 * it, and go on printing this PD's lines. Success:
 *   sel4c monitor: error: PD 'console_bad': console message of 100 bytes in 1 words ignored
 *   sel4c monitor: error: PD 'console_bad': console message of 9 bytes in 1 words ignored
 *   console_bad: PASS still printing after 2 bad messages
 */
#include <stdio.h>

#include <microkit.h>

extern seL4_Word sel4c_microkit_console; /* the runtime's, patched by sel4c-sysbuild */

void init(void)
{
    seL4_SetMR(0, 0x0a414141); /* "AAA\n" */
    seL4_Send(sel4c_microkit_console, seL4_MessageInfo_new(100, 0, 0, 1));
    seL4_Send(sel4c_microkit_console, seL4_MessageInfo_new(9, 0, 0, 1));
    printf("%s: PASS still printing after 2 bad messages\n", microkit_name);
}

void notified(microkit_channel ch)
{
    (void)ch;
}
