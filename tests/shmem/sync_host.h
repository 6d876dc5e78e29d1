/* The host stand-in for notifications (sync_host.c): set-up and system-call counts. */
#pragma once

extern unsigned long sync_host_waits, sync_host_signals;
void sync_host_init(void);

/* System calls made so far. */
static inline unsigned long sync_host_calls(void)
{
    return __atomic_load_n(&sync_host_waits, __ATOMIC_RELAXED) +
           __atomic_load_n(&sync_host_signals, __ATOMIC_RELAXED);
}
