/* A kernel configuration read from gen_config.json files, and the conditions the XML uses. */
#pragma once

#include <stdbool.h>

#include "strbuf.h"

typedef struct config_entry {
    char *key; /* without the CONFIG_ prefix, as in the JSON */
    bool is_bool;
    bool enabled; /* booleans: the value; strings: always true (the macro is defined) */
    char *value;  /* strings only */
} config_entry_t;

typedef struct config {
    config_entry_t *entries;
    unsigned n;
} config_t;

/*
 * Reads a flat JSON object of booleans and strings, appending its entries to `cfg`.
 * Errors name `path` and the offending key; returns false on any error.
 */
bool config_load(config_t *cfg, const char *path, const char *text);
/* Entries [first, last) rendered as a gen_config.h, in file order. */
void config_render_header(const config_t *cfg, unsigned first, unsigned last, strbuf_t *out);
/* Looks up `name` with or without the CONFIG_ prefix. */
const config_entry_t *config_get(const config_t *cfg, const char *name);
/* True when the macro CONFIG_<name> would be defined (C's `defined(...)`). */
bool config_defined(const config_t *cfg, const char *name);
/* The string value of a key, or NULL when absent or boolean. */
const char *config_str(const config_t *cfg, const char *name);
void config_free(config_t *cfg);
