/* gen_config.json handling, for the host tools. */
#include "sel4_config.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

/* Reports the line of a JSON parse error: cJSON gives a pointer into the text. */
static int line_of(const char *text, const char *at)
{
    int line = 1;
    for (const char *p = text; at && p < at && *p; p++)
        line += *p == '\n';
    return line;
}

static bool valid_macro_name(const char *s)
{
    if (!*s || (*s >= '0' && *s <= '9'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return false;
    return true;
}

bool config_load(config_t *cfg, const char *path, const char *text)
{
    cJSON *root = cJSON_Parse(text);
    if (!root) {
        diag_error(path, line_of(text, cJSON_GetErrorPtr()), "malformed JSON");
        return false;
    }
    bool ok = true;
    if (!cJSON_IsObject(root)) {
        diag_error(path, 1, "expected a JSON object of configuration keys");
        ok = false;
    }
    for (cJSON *it = ok ? root->child : NULL; it; it = it->next) {
        config_entry_t e = {0};
        if (!valid_macro_name(it->string)) {
            diag_error(path, 0, "configuration key '%s' is not a valid macro name", it->string);
            ok = false;
            continue;
        }
        if (cJSON_IsBool(it)) {
            e.is_bool = true;
            e.enabled = cJSON_IsTrue(it);
        } else if (cJSON_IsString(it)) {
            if (strchr(it->valuestring, '\n')) {
                diag_error(path, 0, "value of '%s' contains a newline", it->string);
                ok = false;
                continue;
            }
            e.enabled = true;
            e.value = xstrdup(it->valuestring);
        } else {
            diag_error(path, 0, "value of '%s' must be a boolean or a string", it->string);
            ok = false;
            continue;
        }
        if (config_get(cfg, it->string)) {
            diag_error(path, 0, "configuration key '%s' defined twice", it->string);
            free(e.value);
            ok = false;
            continue;
        }
        e.key = xstrdup(it->string);
        cfg->entries = xrealloc(cfg->entries, sizeof *cfg->entries * (cfg->n + 1));
        cfg->entries[cfg->n++] = e;
    }
    cJSON_Delete(root);
    return ok;
}

void config_render_header(const config_t *cfg, unsigned first, unsigned last, strbuf_t *out)
{
    sb_put(out, "#pragma once\n\n");
    for (unsigned i = first; i < last; i++) {
        const config_entry_t *e = &cfg->entries[i];
        if (e->is_bool && e->enabled)
            sb_printf(out, "#define CONFIG_%s  1\n", e->key);
        else if (e->is_bool)
            sb_printf(out, "/* disabled: CONFIG_%s */\n", e->key);
        else if (*e->value)
            sb_printf(out, "#define CONFIG_%s  %s\n", e->key, e->value);
        else
            sb_printf(out, "#define CONFIG_%s  /* empty */\n", e->key);
    }
}

const config_entry_t *config_get(const config_t *cfg, const char *name)
{
    if (strncmp(name, "CONFIG_", 7) == 0)
        name += 7;
    for (unsigned i = 0; i < cfg->n; i++)
        if (strcmp(cfg->entries[i].key, name) == 0)
            return &cfg->entries[i];
    return NULL;
}

bool config_defined(const config_t *cfg, const char *name)
{
    const config_entry_t *e = config_get(cfg, name);
    return e && e->enabled;
}

const char *config_str(const config_t *cfg, const char *name)
{
    const config_entry_t *e = config_get(cfg, name);
    return e && !e->is_bool ? e->value : NULL;
}

void config_free(config_t *cfg)
{
    for (unsigned i = 0; i < cfg->n; i++) {
        free(cfg->entries[i].key);
        free(cfg->entries[i].value);
    }
    free(cfg->entries);
    *cfg = (config_t){0};
}
