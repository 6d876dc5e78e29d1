/*
 * The crashing child (see parent.c). Its memory is not reset by a restart, so `runs` counts
 * its starts; the first ends in a VM fault, the second in microkit_internal_crash. Success:
 *   child: run 1
 *   child: run 2
 *   child: microkit_internal_crash: error 7: stopping the PD with a fault
 *   child: run 3
 *   child: PASS survived 2 restarts
 */
#include <stdint.h>
#include <stdio.h>

#include <microkit.h>

/* nothing is mapped there (a variable, so the compiler does not judge the access) */
static volatile uintptr_t unmapped = 0x10;

static unsigned runs;
static __thread unsigned tls_fresh = 7; /* TLS starts afresh with each run */

void init(void)
{
    runs++;
    printf("child: run %u\n", runs);
    if (tls_fresh != 7)
        printf("child: FAIL TLS not set up again\n");
    tls_fresh = 0;
    if (runs == 1)
        *(volatile int *)unmapped = 1;
    if (runs == 2)
        microkit_internal_crash(7);
    printf("child: PASS survived 2 restarts\n");
}

void notified(microkit_channel ch)
{
    (void)ch;
}
