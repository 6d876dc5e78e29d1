/* AArch64: LP64, a 64-bit word. */
#pragma once

#define SEL4_WORD_IS_UINT64
#define SEL4_INT64_IS_LONG
