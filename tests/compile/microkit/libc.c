/* A Microkit component using the C library's abort(), assert() and malloc(): they must link
 * to the runtime's (a report and a stopped PD; the heap region), not picolibc's, whose
 * abort() needs kill() and getpid(). */
#include <assert.h>
#include <microkit.h>
#include <stdlib.h>

void init(void)
{
    void *p = malloc(16);
    assert(p != NULL);
    free(p);
    if (microkit_name[0] == '\0')
        abort();
}

void notified(microkit_channel ch)
{
}
