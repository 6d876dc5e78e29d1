/*
 * Checks of the root-task runtime on a real kernel, each printing "runtime: PASS <what>" or
 * "runtime: FAIL <what>": constructors ran before main, TLS was laid out from the image
 * (initialised and zeroed parts, errno), and the heap runs out with malloc returning NULL.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sel4c/log.h>
#include <sel4c/runtime.h>

static int constructed;
static __thread int tls_initialised = 0x5e14c;
static __thread char tls_zeroed[100];

__attribute__((constructor)) static void construct(void)
{
    constructed = 1;
}

static void report(int ok, const char *what)
{
    printf("runtime: %s %s\n", ok ? "PASS" : "FAIL", what);
}

static void check_tls(void)
{
    int ok = tls_initialised == 0x5e14c;
    for (unsigned i = 0; i < sizeof tls_zeroed; i++)
        ok &= tls_zeroed[i] == 0;
    tls_initialised++;
    memset(tls_zeroed, 'x', sizeof tls_zeroed);
    ok &= tls_initialised == 0x5e14d && tls_zeroed[99] == 'x';
    /* TLS lives below the thread pointer the runtime set, not in .data */
    uintptr_t tp;
    __asm__("mrs %0, tpidr_el0" : "=r"(tp));
    ok &= tp != 0 && (uintptr_t)&tls_initialised > tp && (uintptr_t)&tls_initialised < tp + 4096;
    errno = 0;
    ok &= strtol("99999999999999999999999", NULL, 10) == __LONG_MAX__ && errno == ERANGE;
    report(ok, "tls");
}

static void check_heap(void)
{
    enum { CHUNK = 64 * 1024 };
    void *blocks[64];
    unsigned n = 0;
    while (n < 64 && (blocks[n] = malloc(CHUNK)) != NULL) {
        memset(blocks[n], (int)n, CHUNK);
        n++;
    }
    int ok = n > 4 && n < 64; /* the default heap is 1 MiB */
    for (unsigned i = 0; i < n; i++)
        ok &= ((unsigned char *)blocks[i])[CHUNK - 1] == (unsigned char)i;
    ok &= malloc(CHUNK) == NULL && errno == ENOMEM;
    for (unsigned i = 0; i < n; i++)
        free(blocks[i]);
    void *again = malloc(CHUNK);
    ok &= again != NULL;
    free(again);
    printf("runtime: heap gave %u blocks of 64 KiB before malloc returned NULL\n", n);
    report(ok, "heap-exhaustion");
}

int main(const seL4_BootInfo *bi)
{
    report(constructed == 1, "constructors");
    report(seL4_GetBootInfo() == bi && seL4_GetIPCBuffer() == bi->ipcBuffer, "bootinfo");
    check_tls();
    check_heap();
    sel4c_info("runtime: log line at info");
    sel4c_debug("runtime: log line at debug must be filtered");
    printf("runtime: checks done\n");
    return 0;
}
