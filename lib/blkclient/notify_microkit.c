/* The client's one system call, in its own file so that host tests can replace it. */
#include <microkit.h>

#include "internal.h"

void sel4c_blk_client_notify_driver(unsigned ch)
{
    microkit_notify(ch);
}
