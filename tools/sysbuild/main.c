/*
 * sel4c-sysbuild: builds a bootable image from a Microkit 2.x system description (.system),
 * as the Microkit tool does, or checks the description against a kernel configuration.
 *
 *   sel4c-sysbuild SYSTEM.system --sel4-prefix DIR [--sdk DIR] --search-path DIR...
 *                  [-o IMAGE] [-r REPORT] [--capdl OUT.cdl] [--svg OUT.svg] [--dtb X.dtb]
 *                  [--initializer-log-level error|warn|info|debug]
 *   sel4c-sysbuild check SYSTEM.system (--sel4-prefix DIR | --kernel-config gen_config.json)
 *                  [--search-path DIR...]
 *
 * Both read the description, complete it from prefill files and check it against the
 * kernel, reporting every error as file:line:col; build mode then loads and checks the
 * program images and hands the system to the back end (build.h). Errors exit 2 and leave
 * no output file.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/strbuf.h"
#include "../config-record/record.h"
#include "build.h"
#include "system.h"

#ifndef SEL4C_VERSION
#error "SEL4C_VERSION comes from mk/version.mk"
#endif

static void usage(FILE *f)
{
    fputs("usage: sel4c-sysbuild SYSTEM.system --sel4-prefix DIR [--sdk DIR]\n"
          "                      --search-path DIR... [-o IMAGE] [-r REPORT]\n"
          "                      [--capdl OUT.cdl] [--svg OUT.svg] [--dtb X.dtb]\n"
          "                      [--initializer-log-level error|warn|info|debug]\n"
          "       sel4c-sysbuild check SYSTEM.system (--sel4-prefix DIR |\n"
          "                      --kernel-config gen_config.json) [--search-path DIR...]\n"
          "\n"
          "Builds a bootable image from a Microkit system description, or (check) checks the\n"
          "description against the kernel's configuration without program images.\n"
          "\n"
          "  --sel4-prefix DIR     seL4 install (bin/kernel.elf, libsel4/include, support/)\n"
          "  --kernel-config FILE  the kernel's gen_config.json (check only)\n"
          "  --sdk DIR             sel4c's images: loader, CapDL initializer, monitor\n"
          "  --search-path DIR     where program images and prefill files are looked up, in\n"
          "                        order (may be repeated; default: the current directory)\n"
          "  -o, --output IMAGE    the bootable image (default loader.img)\n"
          "  -r, --report REPORT   the report (default report.txt)\n"
          "  --capdl OUT.cdl       also write the CapDL spec\n"
          "  --svg OUT.svg         also draw the system\n"
          "  --dtb X.dtb           device tree for the kernel (default: the install's)\n"
          "  --initializer-log-level LEVEL\n"
          "                        what the CapDL initializer prints at boot: error (the\n"
          "                        default: nothing unless it fails), warn, info (also its\n"
          "                        system calls against the spec's minimum), debug\n"
          "  -h, --help            this text\n"
          "  --version             the version\n",
          f);
}

/* The initializer's log level by name, as `sel4c-capdl embed --log-level` takes it. */
static bool parse_log_level(const char *name, uint32_t *level)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    for (uint32_t l = 0; l < sizeof names / sizeof *names; l++) {
        if (strcmp(name, names[l]) == 0) {
            *level = l;
            return true;
        }
    }
    fprintf(stderr,
            "sel4c-sysbuild: error: --initializer-log-level: `%s` is not error, warn, "
            "info or debug\n",
            name);
    return false;
}

/* Every program image, the CapDL initializer and the monitor must have been built for the
 * kernel's configuration, when they say which (config-record/record.h). */
static bool check_configuration(const sb_system_t *sys, const sb_build_opts_t *o, const char *cfg)
{
    bool ok = true;
    for (size_t i = 0; i < sys->npds; i++) {
        const sb_image_t *img = &sys->pds[i].image;
        ok = config_record_check(img->path, img->data, img->size, cfg) && ok;
    }
    static const char *const sdk_images[] = {"capdl-initializer.elf", "monitor.elf"};
    for (size_t i = 0; o->sdk_dir && i < sizeof sdk_images / sizeof *sdk_images; i++) {
        strbuf_t path = STRBUF_INIT;
        sb_printf(&path, "%s/%s", o->sdk_dir, sdk_images[i]);
        ok = config_record_check_file(sb_str(&path), cfg) && ok;
        sb_free(&path);
    }
    return ok;
}

int main(int argc, char **argv)
{
    enum { O_PREFIX = 256, O_CONFIG, O_SDK, O_SEARCH, O_CAPDL, O_SVG, O_DTB, O_LOG, O_VERSION };
    static const struct option opts[] = {{"sel4-prefix", required_argument, NULL, O_PREFIX},
                                         {"kernel-config", required_argument, NULL, O_CONFIG},
                                         {"sdk", required_argument, NULL, O_SDK},
                                         {"search-path", required_argument, NULL, O_SEARCH},
                                         {"output", required_argument, NULL, 'o'},
                                         {"report", required_argument, NULL, 'r'},
                                         {"capdl", required_argument, NULL, O_CAPDL},
                                         {"svg", required_argument, NULL, O_SVG},
                                         {"dtb", required_argument, NULL, O_DTB},
                                         {"initializer-log-level", required_argument, NULL, O_LOG},
                                         {"help", no_argument, NULL, 'h'},
                                         {"version", no_argument, NULL, O_VERSION},
                                         {NULL, 0, NULL, 0}};
    sb_build_opts_t o = {.out = "loader.img", .report = "report.txt"};
    const char *config_path = NULL;
    const char *search[argc + 1]; /* no more directories than arguments */
    size_t nsearch = 0;
    int c;
    while ((c = getopt_long(argc, argv, "o:r:h", opts, NULL)) != -1) {
        switch (c) {
        case O_PREFIX: o.sel4_prefix = optarg; break;
        case O_CONFIG: config_path = optarg; break;
        case O_SDK: o.sdk_dir = optarg; break;
        case O_SEARCH: search[nsearch++] = optarg; break;
        case 'o': o.out = optarg; break;
        case 'r': o.report = optarg; break;
        case O_CAPDL: o.capdl_out = optarg; break;
        case O_SVG: o.svg_out = optarg; break;
        case O_DTB: o.dtb = optarg; break;
        case O_LOG:
            if (!parse_log_level(optarg, &o.initializer_log_level))
                return DIAG_EXIT_FAILURE;
            break;
        case 'h': usage(stdout); return 0;
        case O_VERSION: printf("sel4c-sysbuild %s\n", SEL4C_VERSION); return 0;
        default: usage(stderr); return DIAG_EXIT_FAILURE;
        }
    }
    bool check_only = optind < argc && strcmp(argv[optind], "check") == 0;
    optind += check_only;
    if (optind + 1 != argc) {
        fputs(optind == argc ? "sel4c-sysbuild: error: no system description given\n"
                             : "sel4c-sysbuild: error: more than one system description\n",
              stderr);
        usage(stderr);
        return DIAG_EXIT_FAILURE;
    }
    const char *system_path = argv[optind];
    if (!o.sel4_prefix && !(check_only && config_path)) {
        fprintf(stderr, "sel4c-sysbuild: error: %s\n",
                check_only ? "give --sel4-prefix or --kernel-config"
                           : "give --sel4-prefix (the seL4 install to build for)");
        return DIAG_EXIT_FAILURE;
    }
    if (config_path && !check_only) {
        fputs("sel4c-sysbuild: error: --kernel-config is for check; building needs "
              "--sel4-prefix\n",
              stderr);
        return DIAG_EXIT_FAILURE;
    }
    if (nsearch == 0)
        search[nsearch++] = ".";

    strbuf_t cfg = STRBUF_INIT;
    if (config_path)
        sb_put(&cfg, config_path);
    else
        sb_printf(&cfg, "%s/libsel4/include/kernel/gen_config.json", o.sel4_prefix);

    sb_kernel_t k;
    sb_system_t sys = {0};
    size_t size;
    char *text = NULL;
    bool ok = sb_kernel_load(&k, sb_str(&cfg));
    if (ok)
        text = read_file_all(system_path, &size);
    /* Each stage needs the one before it to have succeeded; within a stage, every error is
     * reported. Program images come before the back end, which writes the outputs. */
    ok = ok && text && sb_read(&sys, system_path, text, size);
    if (ok) {
        unsigned errors = sb_resolve(&sys, search, nsearch);
        ok = sb_check(&sys, &k) + errors == 0;
    }
    if (ok && check_only)
        puts("ok");
    else if (ok)
        ok = sb_load_images(&sys, &k, search, nsearch) == 0 &&
             check_configuration(&sys, &o, sb_str(&cfg)) && sb_build(&sys, &k, &o);
    sb_system_free(&sys);
    sb_kernel_free(&k);
    free(text);
    sb_free(&cfg);
    return ok ? 0 : DIAG_EXIT_FAILURE;
}
