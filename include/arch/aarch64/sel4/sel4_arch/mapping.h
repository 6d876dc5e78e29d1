/*
 * After a failed map the kernel reports in message register 2 how many bits of address a
 * missing paging structure would have covered: which level to create next.
 */
#pragma once

#include <sel4/functions.h>

#define SEL4_MAPPING_LOOKUP_LEVEL  2
#define SEL4_MAPPING_LOOKUP_NO_PT  21 /* a page table is missing */
#define SEL4_MAPPING_LOOKUP_NO_PD  30 /* a page directory (level 2 table) is missing */
#define SEL4_MAPPING_LOOKUP_NO_PUD 39 /* a level 1 table is missing */

LIBSEL4_INLINE_FUNC seL4_Word seL4_MappingFailedLookupLevel(void)
{
    return seL4_GetMR(SEL4_MAPPING_LOOKUP_LEVEL);
}
