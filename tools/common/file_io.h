/* Whole-file input and all-or-nothing output for the host tools. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/*
 * Reads all of `path` (files and pipes alike) into a malloc'ed buffer that the caller
 * frees. The buffer is aligned for any type (the ELF reader needs 8 bytes) and has a NUL
 * after the data. On failure reports `path: error:` and returns NULL.
 */
void *read_file_all(const char *path, size_t *size);

/* Writes `len` bytes to `path`. On failure reports `path: error:` and leaves no file. */
bool write_file_atomic(const char *path, const void *data, size_t len);
