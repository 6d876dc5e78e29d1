/* A platform's memory map as a seL4 build describes it (support/platform_gen.yaml). */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define PLATFORM_MAX_REGIONS 32

typedef struct platform_region {
    uint64_t start, end; /* [start, end) */
} platform_region_t;

typedef struct platform {
    platform_region_t memory[PLATFORM_MAX_REGIONS]; /* RAM the kernel may use */
    unsigned nmemory;
    platform_region_t devices[PLATFORM_MAX_REGIONS];
    unsigned ndevices;
} platform_t;

/*
 * Reads `path` (platform_gen.yaml, or its JSON twin platform_gen.json): lists `memory` and
 * `devices` of {start, end} maps. Reports `path:line: error:` and returns false on any error.
 */
bool platform_load(const char *path, platform_t *out);
/* The memory region containing [start, end), or NULL. */
const platform_region_t *platform_memory_for(const platform_t *p, uint64_t start, uint64_t end);
