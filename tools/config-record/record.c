/* The kernel configuration record of libraries and images (record.h). */
#include "record.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../formats/elf/elf.h"
#include "../common/diag.h"
#include "../common/file_io.h"

static int by_key(const void *a, const void *b)
{
    return strcmp((*(const config_entry_t *const *)a)->key,
                  (*(const config_entry_t *const *)b)->key);
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * UINT64_C(0x100000001b3);
    return h;
}

static uint64_t fingerprint(const config_t *cfg)
{
    const config_entry_t **sorted = xcalloc(cfg->n + 1, sizeof *sorted);
    for (unsigned i = 0; i < cfg->n; i++)
        sorted[i] = &cfg->entries[i];
    qsort(sorted, cfg->n, sizeof *sorted, by_key);
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (unsigned i = 0; i < cfg->n; i++) {
        const config_entry_t *e = sorted[i];
        h = fnv1a(h, e->key);
        h = fnv1a(h, "=");
        h = fnv1a(h, e->is_bool ? (e->enabled ? "true" : "false") : e->value);
        h = fnv1a(h, "\n");
    }
    free(sorted);
    return h;
}

void config_record(const config_t *cfg, strbuf_t *out)
{
    const char *arch = config_str(cfg, "SEL4_ARCH"), *plat = config_str(cfg, "PLAT");
    const char *nodes = config_str(cfg, "MAX_NUM_NODES");
    sb_printf(out, CONFIG_RECORD_PREFIX "%016" PRIx64 " %s %s, %s, %s, %s core%s, %s",
              fingerprint(cfg), arch ? arch : "?", plat ? plat : "?",
              config_defined(cfg, "KERNEL_MCS") ? "MCS" : "non-MCS",
              config_defined(cfg, "ARM_HYPERVISOR_SUPPORT") ? "hypervisor" : "no hypervisor",
              nodes ? nodes : "1", nodes && strcmp(nodes, "1") ? "s" : "",
              config_defined(cfg, "DEBUG_BUILD") ? "debug" : "release");
}

bool config_record_check(const char *image_path, const void *data, size_t size,
                         const char *config_path)
{
    sel4c_elf_t elf;
    const sel4c_elf64_shdr_t *sh;
    if (sel4c_elf_open(&elf, data, size, SEL4C_EM_AARCH64, NULL) != SEL4C_ELF_OK ||
        !(sh = sel4c_elf_section(&elf, "." CONFIG_RECORD_SECTION)))
        return true; /* not an image of ours to check (other tools report bad ELFs) */
    const char *rec = (const char *)elf.data + sh->sh_offset;
    size_t plen = strlen(CONFIG_RECORD_PREFIX);
    if (sh->sh_size < plen + 17 || sh->sh_offset + sh->sh_size > size ||
        memcmp(rec, CONFIG_RECORD_PREFIX, plen) != 0 || !memchr(rec, '\0', sh->sh_size)) {
        diag_error(image_path, 0, "malformed kernel configuration record (section .%s)",
                   CONFIG_RECORD_SECTION);
        return false;
    }
    size_t text_size;
    char *text = read_file_all(config_path, &text_size);
    config_t cfg = {0};
    bool ok = text && config_load(&cfg, config_path, text);
    strbuf_t want = STRBUF_INIT;
    if (ok) {
        config_record(&cfg, &want);
        /* the fingerprint decides; the summaries say what differs */
        if (strncmp(rec, sb_str(&want), plen + 16) != 0) {
            diag_error(image_path, 0,
                       "built for another seL4 kernel configuration: the image's is %s, the "
                       "kernel's (%s) is %s",
                       rec + plen, config_path, sb_str(&want) + plen);
            ok = false;
        }
    }
    sb_free(&want);
    config_free(&cfg);
    free(text);
    return ok;
}

bool config_record_check_file(const char *image_path, const char *config_path)
{
    size_t size;
    void *data = read_file_all(image_path, &size);
    bool ok = data && config_record_check(image_path, data, size, config_path);
    free(data);
    return ok;
}
