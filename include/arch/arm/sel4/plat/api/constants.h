/*
 * Constants of the platform: on ARM, the hardware debug resources of its CPU. Any CPU
 * seL4 supports on ARM is accepted, not only those of one platform.
 */
#pragma once

#include <sel4/config.h>

#if defined(CONFIG_ARM_CORTEX_A7)
#include <sel4/arch/constants_cortex_a7.h>
#elif defined(CONFIG_ARM_CORTEX_A8)
#include <sel4/arch/constants_cortex_a8.h>
#elif defined(CONFIG_ARM_CORTEX_A9)
#include <sel4/arch/constants_cortex_a9.h>
#elif defined(CONFIG_ARM_CORTEX_A15)
#include <sel4/arch/constants_cortex_a15.h>
#elif defined(CONFIG_ARM_CORTEX_A35)
#include <sel4/arch/constants_cortex_a35.h>
#elif defined(CONFIG_ARM_CORTEX_A53)
#include <sel4/arch/constants_cortex_a53.h>
#elif defined(CONFIG_ARM_CORTEX_A55)
#include <sel4/arch/constants_cortex_a55.h>
#elif defined(CONFIG_ARM_CORTEX_A57)
#include <sel4/arch/constants_cortex_a57.h>
#elif defined(CONFIG_ARM_CORTEX_A72)
#include <sel4/arch/constants_cortex_a72.h>
#elif defined(CONFIG_ARM_CORTEX_A76)
#include <sel4/arch/constants_cortex_a76.h>
#else
#error "unsupported core"
#endif

#if CONFIG_WORD_SIZE == 32
#define seL4_UserTop       CONFIG_USER_TOP
#define seL4_UserVSpaceTop (CONFIG_USER_TOP - 1)
#endif
