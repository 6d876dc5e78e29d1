/*
 * A passive PP server (ppcall.system): it runs only on its callers' time. A call with label
 * ADD and three words returns label RESULT with their sum and product; anything else gets
 * label ERROR. Prints "pp_server: init" once, before it becomes passive.
 */
#include <microkit.h>

#define ADD    1
#define RESULT 2
#define ERROR  3

void init(void)
{
    microkit_dbg_puts("pp_server: init\n");
}

void notified(microkit_channel ch)
{
    microkit_dbg_puts("pp_server: FAIL notified on channel ");
    microkit_dbg_put32(ch);
    microkit_dbg_putc('\n');
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    if (ch != 1 || microkit_msginfo_get_label(msginfo) != ADD ||
        microkit_msginfo_get_count(msginfo) != 3)
        return microkit_msginfo_new(ERROR, 0);
    seL4_Word a = microkit_mr_get(0), b = microkit_mr_get(1), c = microkit_mr_get(2);
    microkit_mr_set(0, a + b + c);
    microkit_mr_set(1, a * b * c);
    return microkit_msginfo_new(RESULT, 2);
}
