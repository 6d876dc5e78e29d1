/* Writing a file completely or not at all: a temporary beside it, renamed into place. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Writes `len` bytes to `path`. On failure reports `path: error:` and leaves no file. */
bool write_file_atomic(const char *path, const void *data, size_t len);
