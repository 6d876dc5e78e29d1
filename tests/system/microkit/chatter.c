/*
 * A PD that prints LINES long lines as fast as it can, for console.system: with several of
 * these at one priority (or on several cores), a console that let them preempt each other
 * mid-line would cut lines into each other. Each line is
 *   <name>: line N of 300: 0123456789 (six times) end
 * and console.sh checks every one is whole and in order. Then message registers set before
 * a printf must still hold their values after it (the console's send borrows them).
 * Success: "<name>: PASS 300 lines, message registers kept".
 */
#include <stdio.h>

#include <microkit.h>

#define LINES 300
#define MRS   8

void init(void)
{
    for (int i = 1; i <= LINES; i++)
        printf("%s: line %d of %d: %s end\n", microkit_name, i, LINES,
               "012345678901234567890123456789012345678901234567890123456789");
    for (unsigned i = 0; i < MRS; i++)
        microkit_mr_set(i, 0x5e14c0000u + i);
    printf(
        "%s: message registers set, printing a line longer than the console's buffer: %s%s%s%s\n",
        microkit_name, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    unsigned kept = 0;
    for (unsigned i = 0; i < MRS; i++)
        kept += microkit_mr_get(i) == 0x5e14c0000u + i;
    if (kept == MRS)
        printf("%s: PASS %d lines, message registers kept\n", microkit_name, LINES);
    else
        printf("%s: FAIL %u of %u message registers changed by printf\n", microkit_name, MRS - kept,
               MRS);
}

void notified(microkit_channel ch)
{
    (void)ch;
}
