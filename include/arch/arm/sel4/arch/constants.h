/* ARM constants: hardware debug resources of the configured CPU. */
#pragma once

#include <sel4/config.h>

#if defined(CONFIG_HARDWARE_DEBUG_API) && defined(CONFIG_ARM_CORTEX_A53)
/* Cortex-A53: 6 breakpoints, 4 watchpoints */
#define seL4_NumHWBreakpoints         10
#define seL4_FirstBreakpoint          0
#define seL4_NumExclusiveBreakpoints  6
#define seL4_FirstWatchpoint          6
#define seL4_NumExclusiveWatchpoints  4
#define seL4_FirstDualFunctionMonitor (-1)
#define seL4_NumDualFunctionMonitors  0
#endif
