/* Older AArch64 names kept for existing code. */
#pragma once

#define seL4_ARM_PageGlobalDirectory seL4_ARM_VSpace
