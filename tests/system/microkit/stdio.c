/*
 * sel4c's runtime in a PD (stdio.system): printf, malloc from the heap region named by the
 * sel4c_heap_vaddr/sel4c_heap_size setvars, TLS, constructors, the typed API on the PD's
 * own TCB, and sel4c_panic with a backtrace that sel4c-symbolize resolves. Success:
 *   stdio: PASS printf heap tls constructors typed-api
 *   sel4c: panic: stdio: deliberate panic 42
 *   sel4c backtrace: 0x... (symbolized: panic_here, init)
 *   sel4c build-id: ...
 *   sel4c: thread suspended
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microkit.h>
#include <sel4c/runtime.h>
#include <sel4c/sel4.h>

#define PRIORITY 100 /* as in stdio.system */

static int constructed;
static __thread int tls_value = 1234;

__attribute__((constructor)) static void construct(void)
{
    constructed = 1;
}

static int check_heap(void)
{
    char *blocks[64];
    for (unsigned i = 0; i < 64; i++) {
        blocks[i] = malloc(256);
        if (!blocks[i])
            return 0;
        memset(blocks[i], (int)i, 256);
    }
    for (unsigned i = 0; i < 64; i++) {
        for (unsigned j = 0; j < 256; j++)
            if (blocks[i][j] != (char)i)
                return 0;
        free(blocks[i]);
    }
    /* bigger than the whole region: refused, with ENOMEM */
    errno = 0;
    if (malloc(sel4c_heap_size + 1) != NULL || errno != ENOMEM)
        return 0;
    /* what was freed is used again */
    return malloc(128 * 1024) != NULL;
}

/* The typed API on the PD's own TCB: its priority (stdio.system's) set again, with itself
 * as the authority; a notification cap where a TCB is expected would not compile. */
static int check_typed_api(void)
{
    sel4c_tcb_t self = sel4c_tcb_from_cptr(TCB_CAP);
    return sel4c_tcb_set_priority(self, self, PRIORITY) == SEL4C_NO_ERROR;
}

__attribute__((noinline)) static void panic_here(int n)
{
    sel4c_panic("stdio: deliberate panic %d", n);
}

void init(void)
{
    int ok = constructed && tls_value == 1234 && sel4c_heap_size >= 256 * 1024;
    ok = ok && check_heap() && check_typed_api();
    printf("stdio: %s printf heap tls constructors typed-api\n", ok ? "PASS" : "FAIL");
    panic_here(42);
}

void notified(microkit_channel ch)
{
    (void)ch;
}
