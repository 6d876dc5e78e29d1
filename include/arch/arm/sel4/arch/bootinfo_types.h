/* ARM adds no extra boot info types; the device tree arrives as SEL4_BOOTINFO_HEADER_FDT. */
#pragma once
