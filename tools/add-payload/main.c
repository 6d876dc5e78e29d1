/*
 * sel4c-add-payload: makes a bootable image from the kernel loader, a seL4 kernel, the
 * initial user program and a device tree: the loader ELF with them appended as segments at
 * their final physical addresses (--format elf, the default), or a raw binary the loader
 * unpacks itself (--format binary; image.h). The loader finds the payload header through
 * its patched symbol `sel4c_loader_payload`; the loader itself is not rebuilt.
 *
 *   sel4c-add-payload --loader LOADER.elf --kernel KERNEL.elf --kernel-config gen_config.json
 *                     --platform platform_gen.yaml --app ROOTTASK.elf --dtb X.dtb
 *                     [--format elf|binary] -o IMAGE
 *   sel4c-add-payload --loader LOADER.elf --sel4-prefix DIR --app ROOTTASK.elf [--dtb X.dtb]
 *                     [--format elf|binary] -o IMAGE
 *
 * With --sel4-prefix the kernel, its configuration, the platform and (by default) the device
 * tree come from a seL4 install. Everything is checked before anything is written; on error
 * the tool prints why, exits 2 and leaves no output file.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../formats/elf/elf.h"
#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/sel4_config.h"
#include "../common/strbuf.h"
#include "../common/version.h"
#include "../config-record/record.h"
#include "image.h"
#include "plan.h"

typedef struct input {
    const char *path;
    uint8_t *data; /* from read_file_all: aligned as the ELF reader wants, NUL after the end */
    uint64_t size;
    sel4c_elf_t elf;
} input_t;

static bool read_file(input_t *in)
{
    size_t size;
    in->data = read_file_all(in->path, &size);
    in->size = size;
    return in->data != NULL;
}

static bool open_elf(input_t *in)
{
    sel4c_elf_detail_t d = {0};
    sel4c_elf_err_t err = sel4c_elf_open(&in->elf, in->data, in->size, SEL4C_EM_AARCH64, &d);
    if (err == SEL4C_ELF_OK)
        return true;
    if (err == SEL4C_ELF_BAD_MACHINE)
        diag_error(in->path, 0, "%s (machine %llu, not AArch64)", sel4c_elf_strerror(err),
                   (unsigned long long)d.size);
    else if (d.table && strcmp(d.table, "file") != 0 && strcmp(d.table, "ELF header") != 0)
        diag_error(in->path, 0, "%s (%s %llu, offset 0x%llx, size 0x%llx)", sel4c_elf_strerror(err),
                   d.table, (unsigned long long)d.index, (unsigned long long)d.offset,
                   (unsigned long long)d.size);
    else
        diag_error(in->path, 0, "%s", sel4c_elf_strerror(err));
    return false;
}

static bool kernel_config(const char *path, bool *el2, unsigned *nodes)
{
    input_t in = {.path = path};
    config_t cfg = {0};
    if (!read_file(&in))
        return false;
    bool ok = config_load(&cfg, path, (const char *)in.data);
    const char *n = ok ? config_str(&cfg, "MAX_NUM_NODES") : NULL;
    const config_entry_t *hyp = ok ? config_get(&cfg, "ARM_HYPERVISOR_SUPPORT") : NULL;
    if (ok && (!n || !hyp || !hyp->is_bool)) {
        diag_error(path, 0, "needs ARM_HYPERVISOR_SUPPORT and MAX_NUM_NODES");
        ok = false;
    }
    if (ok) {
        char *end;
        unsigned long v = strtoul(n, &end, 10);
        if (*end || v == 0 || v > 64) {
            diag_error(path, 0, "MAX_NUM_NODES '%s' is not a node count", n);
            ok = false;
        }
        *nodes = (unsigned)v;
        *el2 = hyp->enabled;
    }
    config_free(&cfg);
    free(in.data);
    return ok;
}

static void usage(FILE *f)
{
    fputs("usage: sel4c-add-payload --loader LOADER.elf --app ROOTTASK.elf -o IMAGE\n"
          "         [--format elf|binary]\n"
          "         (--sel4-prefix DIR [--dtb X.dtb] |\n"
          "          --kernel KERNEL.elf --kernel-config gen_config.json\n"
          "          --platform platform_gen.yaml --dtb X.dtb)\n"
          "       sel4c-add-payload --help | --version\n"
          "Appends a seL4 kernel, a root task and a device tree to the kernel loader: the\n"
          "bootable image. --sel4-prefix takes the kernel, its configuration, the platform\n"
          "and (unless --dtb) the device tree from a seL4 install.\n",
          f);
}

int main(int argc, char **argv)
{
    const char *prefix = NULL, *out_path = NULL, *config_path = NULL, *platform_path = NULL;
    image_format_t format = IMAGE_FORMAT_ELF;
    input_t loader = {0}, kernel = {0}, app = {0}, dtb = {0};
    static const struct option opts[] = {{"loader", required_argument, NULL, 'l'},
                                         {"kernel", required_argument, NULL, 'k'},
                                         {"app", required_argument, NULL, 'a'},
                                         {"dtb", required_argument, NULL, 'd'},
                                         {"platform", required_argument, NULL, 'p'},
                                         {"kernel-config", required_argument, NULL, 'c'},
                                         {"sel4-prefix", required_argument, NULL, 's'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {"version", no_argument, NULL, 'V'},
                                         {0}};
    int opt;
    while ((opt = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'l': loader.path = optarg; break;
        case 'k': kernel.path = optarg; break;
        case 'a': app.path = optarg; break;
        case 'd': dtb.path = optarg; break;
        case 'p': platform_path = optarg; break;
        case 'c': config_path = optarg; break;
        case 's': prefix = optarg; break;
        case 'o': out_path = optarg; break;
        case 'f':
            if (!image_format_parse(optarg, &format)) {
                diag_error("sel4c-add-payload", 0, "unknown --format '%s' (elf or binary)", optarg);
                return DIAG_EXIT_FAILURE;
            }
            break;
        case 'h': usage(stdout); return 0;
        case 'V': print_version(stdout, "sel4c-add-payload"); return 0;
        default: usage(stderr); return DIAG_EXIT_FAILURE;
        }
    }
    strbuf_t paths[4] = {0};
    if (prefix) {
        sb_printf(&paths[0], "%s/bin/kernel.elf", prefix);
        sb_printf(&paths[1], "%s/libsel4/include/kernel/gen_config.json", prefix);
        sb_printf(&paths[2], "%s/support/platform_gen.yaml", prefix);
        sb_printf(&paths[3], "%s/support/kernel.dtb", prefix);
        kernel.path = kernel.path ? kernel.path : sb_str(&paths[0]);
        config_path = config_path ? config_path : sb_str(&paths[1]);
        platform_path = platform_path ? platform_path : sb_str(&paths[2]);
        dtb.path = dtb.path ? dtb.path : sb_str(&paths[3]);
    }
    if (!loader.path || !kernel.path || !app.path || !dtb.path || !platform_path || !config_path ||
        !out_path || optind != argc) {
        usage(stderr);
        return DIAG_EXIT_FAILURE;
    }

    plan_input_t in = {.dtb_name = dtb.path, .platform_name = platform_path};
    image_loader_t ld;
    if (!read_file(&loader) || !image_loader_open(&ld, loader.path, loader.data, loader.size) ||
        !read_file(&kernel) || !open_elf(&kernel) || !read_file(&app) || !open_elf(&app) ||
        !read_file(&dtb) || !kernel_config(config_path, &in.kernel_at_el2, &in.num_nodes) ||
        !config_record_check(app.path, app.data, app.size, config_path) ||
        !platform_load(platform_path, &in.platform) ||
        !plan_image_of_elf(kernel.path, &kernel.elf, &in.kernel) ||
        !plan_image_of_elf(app.path, &app.elf, &in.user))
        return DIAG_EXIT_FAILURE;
    in.dtb = dtb.data;
    in.dtb_size = dtb.size;
    in.loader_start = ld.start;
    in.loader_end = ld.end;

    plan_output_t plan;
    image_info_t info;
    if (!plan_payload(&in, &plan) || !image_write(&ld, &in, &plan, format, out_path, &info))
        return DIAG_EXIT_FAILURE;
    const sel4c_loader_payload_t *p = &plan.payload;
    if (format == IMAGE_FORMAT_BINARY)
        printf("%s: binary image, load it at 0x%llx and jump to its start (it moves itself "
               "from elsewhere)\n",
               out_path, (unsigned long long)info.load_address);
    printf("%s: kernel at 0x%llx (EL%d, %u node%s), user image [0x%llx, 0x%llx), "
           "device tree at 0x%llx (%llu bytes), payload at 0x%llx; %llu bytes placed by the "
           "boot firmware, %llu copied and %llu zeroed by the loader\n",
           out_path, (unsigned long long)p->kernel_paddr, in.kernel_at_el2 ? 2 : 1, in.num_nodes,
           in.num_nodes > 1 ? "s" : "", (unsigned long long)p->user_paddr_start,
           (unsigned long long)p->user_paddr_end, (unsigned long long)p->dtb_paddr,
           (unsigned long long)p->dtb_size, (unsigned long long)plan.payload_paddr,
           (unsigned long long)info.placed, (unsigned long long)info.copied,
           (unsigned long long)info.zeroed);
    return 0;
}
