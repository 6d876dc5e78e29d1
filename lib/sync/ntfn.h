/*
 * The only two system calls of lib/sync. ntfn.c makes them on seL4; the host tests link a
 * stand-in with the same semantics (a binary semaphore per capability) in its place.
 */
#pragma once

#include <sel4/simple_types.h>

/* Blocks until the notification is signalled, and clears it. */
void sel4c_sync_ntfn_wait(seL4_CPtr ntfn);
/* Signals the notification (wakes one waiter, or stays set until the next wait). */
void sel4c_sync_ntfn_signal(seL4_CPtr ntfn);
