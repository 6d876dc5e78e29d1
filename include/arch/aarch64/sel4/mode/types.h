/* 64-bit word layout of capability data. */
#pragma once

#define seL4_GuardSizeBits 6
#define seL4_GuardBits     58
#define seL4_BadgeBits     64
