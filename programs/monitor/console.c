/* The PDs' console: each message is a piece of one PD's output, printed whole. */
#include <stdio.h>

#include "monitor.h"

void monitor_console(const char *name, seL4_MessageInfo_t tag)
{
    seL4_Word bytes = seL4_MessageInfo_get_label(tag), words = seL4_MessageInfo_get_length(tag);
    if (bytes > words * sizeof(seL4_Word)) {
        printf("sel4c monitor: error: PD '%s': console message of %lu bytes in %lu words ignored\n",
               name, (unsigned long)bytes, (unsigned long)words);
        return;
    }
    fwrite(seL4_GetIPCBuffer()->msg, 1, bytes, stdout);
}
