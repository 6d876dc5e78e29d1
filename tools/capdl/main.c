/*
 * sel4c-capdl: reads a CapDL spec (text language, JSON, or sel4c's binary form), checks it,
 * prints it normalized, reports statistics, writes the binary form, and embeds the binary
 * spec and frame data into the CapDL initializer's ELF.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/strbuf.h"
#include "../common/version.h"
#include "../config-record/record.h"
#include "binary.h"
#include "check.h"
#include "embed.h"
#include "sizes.h"
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

/* With --kernel-config: the initializer and every ELF file the spec's frames are filled from
 * must have been built for that kernel's configuration (their sel4c record says so). */
static bool check_images(const options_t *o, const cdl_spec_t *s)
{
    if (!o->kernel_config)
        return true;
    bool ok = config_record_check_file(o->initializer, o->kernel_config);
    const char **seen = xcalloc(1, sizeof *seen);
    size_t nseen = 0;
    for (size_t i = 0; i < s->nobjs; i++)
        for (size_t f = 0; f < s->objs[i].nfills; f++) {
            const cdl_fill_t *fill = &s->objs[i].fills[f];
            size_t k = 0;
            while (fill->source == CDL_FILL_FILE && k < nseen && strcmp(seen[k], fill->file))
                k++;
            if (fill->source != CDL_FILL_FILE || k < nseen)
                continue;
            seen = xrealloc(seen, (nseen + 1) * sizeof *seen);
            seen[nseen++] = fill->file;
            strbuf_t path = STRBUF_INIT;
            sb_printf(&path, "%s/%s", o->files ? o->files : ".", fill->file);
            ok = config_record_check_file(sb_str(&path), o->kernel_config) && ok;
            sb_free(&path);
        }
    free(seen);
    return ok;
}

static int embed(const options_t *o, const cdl_spec_t *s, const sel4c_capdl_sizes_t *z)
{
    if (!check_images(o, s))
        return DIAG_EXIT_FAILURE;
    cdl_embed_opts_t eo = {.initializer = o->initializer,
                           .files_dir = o->files,
                           .sizes = *z,
                           .zero_copy = o->zero_copy,
                           .compress = o->compress,
                           .log_level = o->log_level};
    cdl_embed_result_t r;
    if (!cdl_embed(s, &eo, &r))
        return DIAG_EXIT_FAILURE;
    bool ok = write_file_atomic(o->out, r.image, r.size);
    if (ok)
        printf("%s: %zu objects; spec %llu bytes at 0x%llx; %llu frames embedded for zero copy; "
               "fill data %llu bytes stored as %llu\n",
               o->out, s->nobjs, (unsigned long long)r.spec_size, (unsigned long long)r.spec_vaddr,
               (unsigned long long)r.stats.zero_copy_frames, (unsigned long long)r.stats.fill_bytes,
               (unsigned long long)r.stats.stored_bytes);
    free(r.image);
    return ok ? 0 : DIAG_EXIT_FAILURE;
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
    if (!strcmp(argv[1], "--version")) {
        print_version(stdout, "sel4c-capdl");
        return 0;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return 0;
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
    if (!cdl_sizes_load(o.kernel_config, &sizes) || !load_spec(&s, o.spec)) {
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
