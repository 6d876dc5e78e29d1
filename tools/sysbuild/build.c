/*
 * sel4c-sysbuild's back end (see build.h): patched program images → CapDL spec → the
 * initializer with the spec embedded → kernel, initializer and device tree appended to the
 * kernel loader. Every output is produced in memory first and written only at the end.
 */
#define _GNU_SOURCE /* nftw */
#include "build.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../add-payload/image.h"
#include "../capdl/check.h"
#include "../capdl/embed.h"
#include "../capdl/print.h"
#include "../capdl/sizes.h"
#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/strbuf.h"
#include "../../programs/monitor/monitor_abi.h"
#include "layout.h"
#include "patch.h"
#include "report.h"
#include "spec.h"
#include "svg.h"

/* An input file read whole and opened as an ELF. */
typedef struct elf_file {
    char *path;
    uint8_t *data;
    size_t size;
    sel4c_elf_t elf;
} elf_file_t;

static bool open_elf(elf_file_t *f, const char *dir, const char *name)
{
    strbuf_t p = STRBUF_INIT;
    sb_printf(&p, "%s/%s", dir, name);
    f->path = xstrdup(sb_str(&p));
    sb_free(&p);
    f->data = read_file_all(f->path, &f->size);
    if (!f->data)
        return false;
    sel4c_elf_detail_t d = {0};
    sel4c_elf_err_t err = sel4c_elf_open(&f->elf, f->data, f->size, SEL4C_EM_AARCH64, &d);
    if (err != SEL4C_ELF_OK) {
        diag_error(f->path, 0, "%s", sel4c_elf_strerror(err));
        return false;
    }
    return true;
}

static void close_elf(elf_file_t *f)
{
    free(f->path);
    free(f->data);
    memset(f, 0, sizeof *f);
}

/* A scratch directory for the patched images the spec's fills refer to. */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static bool write_in(const char *dir, const char *name, const void *data, size_t len)
{
    strbuf_t p = STRBUF_INIT;
    sb_printf(&p, "%s/%s", dir, name);
    bool ok = write_file_atomic(sb_str(&p), data, len);
    sb_free(&p);
    return ok;
}

/* Builds the monitor's table of PDs into its patched image. */
static bool patch_monitor(const sb_system_t *sys, const elf_file_t *mon, sb_patched_t *p)
{
    sb_image_t img = {.path = mon->path,
                      .data = mon->data,
                      .size = mon->size,
                      .elf = mon->elf,
                      .symbols = &mon->elf};
    sb_patched_init(p, &img);
    monitor_pd_info_t *pds = xcalloc(MONITOR_MAX_PDS, sizeof *pds);
    for (size_t i = 0; i < sys->npds; i++) {
        strncpy(pds[i].name, sys->pds[i].name, MONITOR_NAME_LENGTH - 1);
        pds[i].build_id_len =
            (uint32_t)sb_build_id(&sys->pds[i].image.elf, pds[i].build_id, MONITOR_BUILD_ID_MAX);
    }
    uint64_t count = sys->npds;
    sb_loc_t none = {0, 0};
    bool ok =
        sb_patched_set(p, &img, "sel4c_monitor_pds", pds, MONITOR_MAX_PDS * sizeof *pds, mon->path,
                       none) &&
        sb_patched_set(p, &img, "sel4c_monitor_pd_count", &count, sizeof count, mon->path, none);
    free(pds);
    return ok;
}

/* What the description may say that the back end cannot build yet: refused, never ignored. */
static bool supported(const sb_system_t *sys)
{
    bool ok = true;
    for (size_t i = 0; i < sys->npds; i++) {
        const sb_pd_t *pd = &sys->pds[i];
        if (!pd->fpu) {
            diag_error_at(sys->path, pd->loc.line, pd->loc.col,
                          "PD '%s': fpu=\"false\" is not supported yet", pd->name);
            ok = false;
        }
    }
    if (sys->schedule_start || sys->has_index_shift) {
        diag_error_at(sys->path, sys->schedule_loc.line, sys->schedule_loc.col,
                      "domain_schedule start_index and index_shift are not supported yet");
        ok = false;
    }
    return ok;
}

typedef struct outputs {
    strbuf_t report, capdl, svg;
    uint8_t *image;
    uint64_t image_size;
} outputs_t;

/* Writes every output, or none: on a failure the ones already written are removed. */
static bool write_outputs(const sb_build_opts_t *o, const outputs_t *out)
{
    const char *paths[4] = {o->out, o->report, o->capdl_out, o->svg_out};
    const void *data[4] = {out->image, out->report.data, out->capdl.data, out->svg.data};
    size_t len[4] = {out->image_size, out->report.len, out->capdl.len, out->svg.len};
    for (int i = 0; i < 4; i++) {
        if (!paths[i])
            continue;
        if (!write_file_atomic(paths[i], data[i] ? data[i] : "", len[i])) {
            while (i-- > 0)
                if (paths[i])
                    unlink(paths[i]);
            return false;
        }
    }
    return true;
}

bool sb_build(const sb_system_t *sys, const sb_kernel_t *k, const sb_build_opts_t *o)
{
    if (!supported(sys))
        return false;
    bool ok = false;
    const char *tmpdir = getenv("TMPDIR");
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/sel4c-sysbuild.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(tmp)) {
        diag_error(tmp, 0, "cannot create a scratch directory: %s", strerror(errno));
        return false;
    }
    elf_file_t loader = {0}, initializer = {0}, monitor = {0}, kernel = {0};
    sb_patched_t *patched = xcalloc(sys->npds + 1, sizeof *patched), mon_patched = {0};
    char **pd_files = xcalloc(sys->npds + 1, sizeof *pd_files);
    char **blob_files = xcalloc(sys->npds + 1, sizeof *blob_files);
    char **prefills = xcalloc(sys->nmrs + 1, sizeof *prefills);
    cdl_spec_t spec = {.path = sys->path};
    outputs_t out = {0};
    cdl_embed_result_t embedded = {0};
    sb_layout_t layout = {0};
    strbuf_t kpath = STRBUF_INIT;
    const char *sdk = o->sdk_dir;
    sb_printf(&kpath, "%s/bin", o->sel4_prefix);
    if (!open_elf(&loader, sdk, "kernel-loader.elf") ||
        !open_elf(&initializer, sdk, "capdl-initializer.elf") ||
        !open_elf(&monitor, sdk, "monitor.elf") || !open_elf(&kernel, sb_str(&kpath), "kernel.elf"))
        goto done;

    /* Physical memory: where the payload goes, and regions that need a fixed address. */
    if (!sb_layout_init(&layout, sys, k, o))
        goto done;

    /* Patched images and prefills, as files the spec's fills name. */
    for (size_t i = 0; i < sys->npds; i++) {
        char name[64];
        if (!sb_patch_pd(sys, i, &layout, &patched[i]))
            goto done;
        snprintf(name, sizeof name, "pd%zu.elf", i);
        pd_files[i] = xstrdup(name);
        if (!write_in(tmp, name, patched[i].data, patched[i].size))
            goto done;
        snprintf(name, sizeof name, "pd%zu.values", i);
        blob_files[i] = xstrdup(name);
        if (!write_in(tmp, name, patched[i].blob.data ? patched[i].blob.data : "",
                      patched[i].blob.len))
            goto done;
    }
    for (size_t m = 0; m < sys->nmrs; m++) {
        if (!sys->mrs[m].prefill_data)
            continue;
        char name[64];
        snprintf(name, sizeof name, "mr%zu.prefill", m);
        prefills[m] = xstrdup(name);
        if (!write_in(tmp, name, sys->mrs[m].prefill_data, sys->mrs[m].prefill_size))
            goto done;
    }
    if (!patch_monitor(sys, &monitor, &mon_patched) ||
        !write_in(tmp, "monitor.elf", mon_patched.data, mon_patched.size))
        goto done;

    /* The spec, checked as any spec is, then embedded into the initializer. */
    sb_spec_files_t files = {.dir = tmp,
                             .pd_images = pd_files,
                             .pd_values = blob_files,
                             .pd_patched = patched,
                             .monitor_image = "monitor.elf",
                             .monitor_elf = &monitor.elf,
                             .mr_prefills = prefills,
                             .mr_paddr = layout.mr_paddr};
    if (!sb_make_spec(sys, k, &files, &spec))
        goto done;
    cdl_embed_opts_t eo = {.initializer = initializer.path,
                           .files_dir = tmp,
                           .zero_copy = true,
                           .compress = true,
                           .log_level = o->initializer_log_level};
    strbuf_t config = STRBUF_INIT;
    sb_printf(&config, "%s/libsel4/include/kernel/gen_config.json", o->sel4_prefix);
    bool sized = cdl_sizes_load(sb_str(&config), &eo.sizes);
    sb_free(&config);
    if (!sized)
        goto done;
    cdl_check_opts_t co = {.files_dir = tmp, .sizes = eo.sizes};
    unsigned problems = cdl_check(&spec, &co);
    if (problems) {
        diag_error(sys->path, 0, "internal error: the generated CapDL spec has %u problem%s",
                   problems, problems == 1 ? "" : "s");
        goto done;
    }
    if (!cdl_embed(&spec, &eo, &embedded))
        goto done;

    /* The boot image: kernel, initializer and device tree appended to the loader. */
    elf_file_t init_image = {
        .path = initializer.path, .data = embedded.image, .size = embedded.size};
    sel4c_elf_detail_t d = {0};
    if (sel4c_elf_open(&init_image.elf, init_image.data, init_image.size, SEL4C_EM_AARCH64, &d) !=
        SEL4C_ELF_OK) {
        diag_error(initializer.path, 0, "internal error: the embedded initializer is invalid");
        goto done;
    }
    image_loader_t ld;
    plan_input_t in = layout.plan_in;
    plan_output_t plan;
    image_info_t info;
    if (!image_loader_open(&ld, loader.path, loader.data, loader.size) ||
        !plan_image_of_elf(kernel.path, &kernel.elf, &in.kernel) ||
        !plan_image_of_elf(init_image.path, &init_image.elf, &in.user))
        goto done;
    in.loader_start = ld.start;
    in.loader_end = ld.end;
    if (!plan_payload(&in, &plan) || !sb_layout_check(&layout, sys, &plan) ||
        !image_build(&ld, &in, &plan, IMAGE_FORMAT_ELF, &out.image, &out.image_size, &info))
        goto done;

    if (o->report)
        sb_report(&out.report, sys, k, &spec, &eo.sizes, &layout, &plan, &embedded, out.image_size);
    if (o->capdl_out)
        cdl_print(&out.capdl, &spec);
    if (o->svg_out && !sb_svg(&out.svg, sys))
        goto done;
    ok = write_outputs(o, &out);
    if (ok)
        printf("%s: %zu protection domains, %zu objects; image %llu bytes\n", o->out, sys->npds,
               spec.nobjs, (unsigned long long)out.image_size);
done:
    nftw(tmp, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    for (size_t i = 0; i < sys->npds; i++) {
        sb_patched_free(&patched[i]);
        free(pd_files[i]);
        free(blob_files[i]);
    }
    for (size_t m = 0; m < sys->nmrs; m++)
        free(prefills[m]);
    free(patched);
    free(pd_files);
    free(blob_files);
    free(prefills);
    sb_patched_free(&mon_patched);
    cdl_free(&spec);
    free(embedded.image);
    free(out.image);
    sb_free(&out.report);
    sb_free(&out.capdl);
    sb_free(&out.svg);
    sb_free(&kpath);
    sb_layout_free(&layout);
    close_elf(&loader);
    close_elf(&initializer);
    close_elf(&monitor);
    close_elf(&kernel);
    return ok;
}
