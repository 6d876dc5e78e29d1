/*
 * sel4c-capdl: reads a CapDL spec (text language, JSON, or sel4c's binary form), checks it,
 * prints it normalized, reports statistics, writes the binary form, and embeds the binary
 * spec and frame data into the CapDL initializer's ELF.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../formats/elf/elf.h"
#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/sel4_config.h"
#include "../common/strbuf.h"
#include "binary.h"
#include "check.h"
#include "print.h"

static void usage(FILE *f)
{
    fputs("usage: sel4c-capdl check SPEC [--files DIR] [--untyped BITS@PADDR[,device]]... "
          "[--kernel-config gen_config.json]\n"
          "       sel4c-capdl plan SPEC --untyped BITS@PADDR[,device]... "
          "[--kernel-config gen_config.json]\n"
          "       sel4c-capdl print SPEC\n"
          "       sel4c-capdl stats SPEC [--kernel-config gen_config.json]\n"
          "       sel4c-capdl serialize SPEC --files DIR -o OUT.bin\n"
          "       sel4c-capdl embed --initializer ELF --spec SPEC --files DIR -o OUT.elf\n"
          "                         [--kernel-config gen_config.json] [--no-zero-copy] "
          "[--no-compress]\n"
          "                         [--log-level error|warn|info|debug]\n"
          "SPEC is CapDL text, JSON ('{' first) or a binary spec from `serialize`.\n",
          f);
}

typedef struct options {
    const char *cmd, *spec, *files, *out, *initializer, *kernel_config;
    sel4c_capdl_untyped_t untypeds[256];
    unsigned nuntypeds;
    bool zero_copy, compress;
    uint32_t log_level; /* the initializer's; SEL4C_LOG_ERROR (0) by default */
} options_t;

static bool parse_untyped(options_t *o, const char *arg)
{
    char *end;
    unsigned long bits = strtoul(arg, &end, 0);
    if (*end != '@' || bits < 4 || bits > 47 || o->nuntypeds == 256) {
        diag_error("--untyped", 0, "`%s` is not BITS@PADDR (4 to 47 bits)", arg);
        return false;
    }
    unsigned long long paddr = strtoull(end + 1, &end, 0);
    bool device = !strcmp(end, ",device");
    if ((*end && !device) || (paddr & ((1ull << bits) - 1))) {
        diag_error("--untyped", 0, "`%s`: address not a number aligned to the size", arg);
        return false;
    }
    o->untypeds[o->nuntypeds++] =
        (sel4c_capdl_untyped_t){.paddr = paddr, .size_bits = (uint8_t)bits, .device = device};
    return true;
}

/* Object sizes for the configuration (default: AArch64 without MCS or hypervisor). */
static bool load_sizes(const char *path, sel4c_capdl_sizes_t *z)
{
    sel4c_capdl_sizes_aarch64(z, 0, 0);
    if (!path)
        return true;
    size_t size;
    char *text = read_file_all(path, &size);
    config_t cfg = {0};
    bool ok = text && config_load(&cfg, path, text);
    if (ok)
        sel4c_capdl_sizes_aarch64(z, config_defined(&cfg, "KERNEL_MCS"),
                                  config_defined(&cfg, "ARM_HYPERVISOR_SUPPORT"));
    config_free(&cfg);
    free(text);
    return ok;
}

/* Reads SPEC in any of the three forms. */
static bool load_spec(cdl_spec_t *s, const char *path)
{
    size_t size;
    char *data = read_file_all(path, &size);
    if (!data)
        return false;
    bool binary = size >= 8 && !memcmp(data, SEL4C_CAPDL_MAGIC, 8);
    bool ok = binary ? cdl_read_binary(s, path, data, size) : cdl_read_buffer(s, path, data, size);
    free(data); /* the model holds copies of what it needs */
    return ok;
}

/* The highest address the ELF's loadable segments use. */
static uint64_t image_end(const sel4c_elf_t *elf)
{
    uint64_t end = 0;
    for (unsigned i = 0; i < elf->phnum; i++)
        if (elf->ph[i].p_type == SEL4C_PT_LOAD && elf->ph[i].p_vaddr + elf->ph[i].p_memsz > end)
            end = elf->ph[i].p_vaddr + elf->ph[i].p_memsz;
    return end;
}

static int embed(const options_t *o, cdl_spec_t *s, const sel4c_capdl_sizes_t *z)
{
    size_t size;
    uint8_t *data = read_file_all(o->initializer, &size);
    if (!data)
        return DIAG_EXIT_FAILURE;
    sel4c_elf_t elf;
    sel4c_elf_detail_t d = {0};
    sel4c_elf64_sym_t sym;
    int rc = DIAG_EXIT_FAILURE;
    strbuf_t blob = STRBUF_INIT, pages = STRBUF_INIT;
    uint8_t *out = NULL;
    sel4c_elf_err_t err0 = sel4c_elf_open(&elf, data, size, SEL4C_EM_AARCH64, &d);
    if (err0 != SEL4C_ELF_OK) {
        diag_error(o->initializer, 0, "not an AArch64 ELF file: %s (%s %llu)",
                   sel4c_elf_strerror(err0), d.table ? d.table : "", (unsigned long long)d.index);
        goto done;
    }
    if (sel4c_elf_symbol(&elf, "sel4c_capdl_spec_location", &sym) != SEL4C_ELF_OK) {
        diag_error(o->initializer, 0,
                   "not a sel4c CapDL initializer (no symbol sel4c_capdl_spec_location)");
        goto done;
    }
    uint64_t base = (image_end(&elf) + 4095) & ~UINT64_C(4095);
    cdl_write_opts_t wo = {.files_dir = o->files,
                           .sizes = *z,
                           .compress = o->compress,
                           .zero_copy_base = o->zero_copy ? base : 0};
    cdl_write_stats_t st;
    if (!cdl_write_binary(s, &wo, &blob, &pages, &st))
        goto done;
    uint64_t spec_vaddr = base + pages.len;
    sel4c_elf_segment_t segs[2];
    unsigned n = 0;
    if (pages.len)
        segs[n++] = (sel4c_elf_segment_t){
            SEL4C_PT_LOAD, SEL4C_PF_R | SEL4C_PF_W, base, base, pages.data, pages.len, pages.len};
    segs[n++] = (sel4c_elf_segment_t){SEL4C_PT_LOAD, SEL4C_PF_R, spec_vaddr, spec_vaddr,
                                      blob.data,     blob.len,   blob.len};
    sel4c_elf_append_opts_t ao = {.page = 4096};
    uint64_t out_size = sel4c_elf_append_size(&elf, segs, n, &ao), len;
    out = xmalloc(out_size);
    uint64_t location[2] = {spec_vaddr, blob.len};
    sel4c_elf_err_t err = sel4c_elf_append(&elf, segs, n, &ao, out, out_size, &len, &d);
    if (err == SEL4C_ELF_OK)
        err = sel4c_elf_patch_symbol(out, len, SEL4C_EM_AARCH64, "sel4c_capdl_spec_location",
                                     location, sizeof location, &d);
    if (err == SEL4C_ELF_OK)
        err = sel4c_elf_patch_symbol(out, len, SEL4C_EM_AARCH64, "sel4c_capdl_log_level",
                                     &o->log_level, sizeof o->log_level, &d);
    if (err != SEL4C_ELF_OK) {
        diag_error(o->initializer, 0, "cannot embed the spec: %s (%s %llu)",
                   sel4c_elf_strerror(err), d.table ? d.table : "", (unsigned long long)d.index);
        goto done;
    }
    if (!write_file_atomic(o->out, out, len))
        goto done;
    printf("%s: %zu objects; spec %zu bytes at 0x%llx; %llu frames embedded for zero copy; "
           "fill data %llu bytes stored as %llu\n",
           o->out, s->nobjs, blob.len, (unsigned long long)spec_vaddr,
           (unsigned long long)st.zero_copy_frames, (unsigned long long)st.fill_bytes,
           (unsigned long long)st.stored_bytes);
    rc = 0;
done:
    free(out);
    sb_free(&blob);
    sb_free(&pages);
    free(data);
    return rc;
}

int main(int argc, char **argv)
{
    options_t o = {.zero_copy = true, .compress = true};
    static const struct option longopts[] = {
        {"files", required_argument, 0, 'f'},         {"untyped", required_argument, 0, 'u'},
        {"kernel-config", required_argument, 0, 'k'}, {"spec", required_argument, 0, 's'},
        {"initializer", required_argument, 0, 'i'},   {"no-zero-copy", no_argument, 0, 'Z'},
        {"no-compress", no_argument, 0, 'C'},         {"help", no_argument, 0, 'h'},
        {"log-level", required_argument, 0, 'L'},     {0, 0, 0, 0},
    };
    if (argc < 2) {
        usage(stderr);
        return DIAG_EXIT_FAILURE;
    }
    o.cmd = argv[1];
    optind = 2;
    int c;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': o.files = optarg; break;
        case 'u':
            if (!parse_untyped(&o, optarg))
                return DIAG_EXIT_FAILURE;
            break;
        case 'k': o.kernel_config = optarg; break;
        case 's': o.spec = optarg; break;
        case 'i': o.initializer = optarg; break;
        case 'Z': o.zero_copy = false; break;
        case 'C': o.compress = false; break;
        case 'o': o.out = optarg; break;
        case 'L': {
            static const char *const levels[] = {"error", "warn", "info", "debug"};
            unsigned l = 0;
            while (l < 4 && strcmp(optarg, levels[l]))
                l++;
            if (l == 4) {
                diag_error("--log-level", 0, "`%s` is not error, warn, info or debug", optarg);
                return DIAG_EXIT_FAILURE;
            }
            o.log_level = l;
            break;
        }
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return DIAG_EXIT_FAILURE;
        }
    }
    if (!o.spec && optind < argc)
        o.spec = argv[optind++];
    bool is_embed = !strcmp(o.cmd, "embed"), is_ser = !strcmp(o.cmd, "serialize");
    if (!o.spec || optind != argc || ((is_embed || is_ser) && (!o.out || !o.files)) ||
        (is_embed && !o.initializer)) {
        usage(stderr);
        return DIAG_EXIT_FAILURE;
    }
    sel4c_capdl_sizes_t sizes;
    cdl_spec_t s = {0};
    if (!load_sizes(o.kernel_config, &sizes) || !load_spec(&s, o.spec)) {
        cdl_free(&s);
        return DIAG_EXIT_FAILURE;
    }
    int rc = 0;
    bool is_plan = !strcmp(o.cmd, "plan");
    strbuf_t text = STRBUF_INIT;
    cdl_check_opts_t co = {.files_dir = o.files, .sizes = sizes, .plan = is_plan ? &text : NULL};
    if (o.nuntypeds) {
        co.untypeds = o.untypeds;
        co.nuntypeds = o.nuntypeds;
    }
    unsigned problems = is_plan && !o.nuntypeds ? 1 : cdl_check(&s, &co);
    if (is_plan && !o.nuntypeds)
        diag_error(o.spec, 0, "plan: give the untyped memory with --untyped");
    if (problems) {
        fprintf(stderr, "%s: %u problem%s\n", o.spec, problems, problems == 1 ? "" : "s");
        rc = DIAG_EXIT_FAILURE;
    } else if (!strcmp(o.cmd, "check")) {
        printf("%s: ok (%zu objects)\n", o.spec, s.nobjs);
    } else if (is_plan) {
        fputs(sb_str(&text), stdout);
    } else if (!strcmp(o.cmd, "print")) {
        cdl_print(&text, &s);
        fputs(sb_str(&text), stdout);
    } else if (!strcmp(o.cmd, "stats")) {
        cdl_stats(&text, &s, &sizes);
        fputs(sb_str(&text), stdout);
    } else if (is_ser) {
        strbuf_t pages = STRBUF_INIT;
        cdl_write_opts_t wo = {.files_dir = o.files, .sizes = sizes, .compress = o.compress};
        cdl_write_stats_t st;
        if (!cdl_write_binary(&s, &wo, &text, &pages, &st) ||
            !write_file_atomic(o.out, text.data, text.len))
            rc = DIAG_EXIT_FAILURE;
        sb_free(&pages);
    } else if (is_embed) {
        rc = embed(&o, &s, &sizes);
    } else {
        usage(stderr);
        rc = DIAG_EXIT_FAILURE;
    }
    sb_free(&text);
    cdl_free(&s);
    return rc;
}
