/*
 * platform_gen.yaml reader, with libyaml (JSON is YAML too, so platform_gen.json is read by
 * the same code). The file is a map of lists of {start, end} maps; other keys are ignored.
 */
#include "platform.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "../common/diag.h"

static int line_of(const yaml_node_t *n)
{
    return (int)n->start_mark.line + 1;
}

static bool scalar_u64(const char *path, const yaml_node_t *n, uint64_t *out)
{
    if (n->type != YAML_SCALAR_NODE) {
        diag_error(path, line_of(n), "expected a number");
        return false;
    }
    const char *s = (const char *)n->data.scalar.value;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (!*s || *end || errno || s[0] == '-') {
        diag_error(path, line_of(n), "'%s' is not an address", s);
        return false;
    }
    *out = v;
    return true;
}

static bool read_regions(const char *path, yaml_document_t *doc, const yaml_node_t *list,
                         const char *what, platform_region_t *regions, unsigned *count)
{
    if (list->type != YAML_SEQUENCE_NODE) {
        diag_error(path, line_of(list), "'%s' must be a list of {start, end}", what);
        return false;
    }
    for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top;
         it++) {
        yaml_node_t *item = yaml_document_get_node(doc, *it);
        if (!item || item->type != YAML_MAPPING_NODE) {
            diag_error(path, item ? line_of(item) : 1, "a '%s' entry must be {start, end}", what);
            return false;
        }
        bool have_start = false, have_end = false;
        platform_region_t r = {0};
        for (yaml_node_pair_t *p = item->data.mapping.pairs.start; p < item->data.mapping.pairs.top;
             p++) {
            yaml_node_t *k = yaml_document_get_node(doc, p->key);
            yaml_node_t *v = yaml_document_get_node(doc, p->value);
            if (!k || !v || k->type != YAML_SCALAR_NODE)
                continue;
            const char *key = (const char *)k->data.scalar.value;
            if (strcmp(key, "start") == 0 && !(have_start = scalar_u64(path, v, &r.start)))
                return false;
            if (strcmp(key, "end") == 0 && !(have_end = scalar_u64(path, v, &r.end)))
                return false;
        }
        if (!have_start || !have_end || r.end <= r.start) {
            diag_error(path, line_of(item), "a '%s' entry needs start < end", what);
            return false;
        }
        if (*count == PLATFORM_MAX_REGIONS) {
            diag_error(path, line_of(item), "more than %d '%s' regions", PLATFORM_MAX_REGIONS,
                       what);
            return false;
        }
        regions[(*count)++] = r;
    }
    return true;
}

bool platform_load(const char *path, platform_t *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_error(path, 0, "cannot read: %s", strerror(errno));
        return false;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    bool ok = yaml_parser_load(&parser, &doc);
    if (!ok)
        diag_error(path, (int)parser.problem_mark.line + 1, "%s",
                   parser.problem ? parser.problem : "malformed YAML");
    yaml_parser_delete(&parser);
    fclose(f);
    if (!ok)
        return false;
    *out = (platform_t){0};
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root || root->type != YAML_MAPPING_NODE) {
        diag_error(path, root ? line_of(root) : 1, "expected a map with 'memory' and 'devices'");
        ok = false;
    }
    bool have_memory = false;
    for (yaml_node_pair_t *p = ok ? root->data.mapping.pairs.start : NULL;
         ok && p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(&doc, p->key);
        yaml_node_t *v = yaml_document_get_node(&doc, p->value);
        if (!k || !v || k->type != YAML_SCALAR_NODE)
            continue;
        const char *key = (const char *)k->data.scalar.value;
        if (strcmp(key, "memory") == 0) {
            ok = read_regions(path, &doc, v, "memory", out->memory, &out->nmemory);
            have_memory = true;
        } else if (strcmp(key, "devices") == 0) {
            ok = read_regions(path, &doc, v, "devices", out->devices, &out->ndevices);
        }
    }
    if (ok && (!have_memory || out->nmemory == 0)) {
        diag_error(path, 1, "no 'memory' regions");
        ok = false;
    }
    yaml_document_delete(&doc);
    return ok;
}

const platform_region_t *platform_memory_for(const platform_t *p, uint64_t start, uint64_t end)
{
    for (unsigned i = 0; i < p->nmemory; i++)
        if (start >= p->memory[i].start && end <= p->memory[i].end && start <= end)
            return &p->memory[i];
    return NULL;
}
