/*
 * sel4c-bindgen: generates sel4c's kernel bindings from a libsel4 include directory as a seL4
 * build installs it (interface XML, .pbf bitfields, gen_config.json).
 *
 *   sel4c-bindgen -I DIR[:DIR...] [-I DIR]... -o OUTDIR
 *   sel4c-bindgen --bitfields FILE.pbf -o OUT.h      (one bitfield file on its own)
 *
 * Everything is read and generated in memory first; files are written only when there was
 * no error, each to a temporary name and then renamed, so a failed run leaves no output.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/diag.h"
#include "gen.h"

typedef struct output {
    const char *rel;
    strbuf_t text;
} output_t;

enum {
    O_KERNEL_CONFIG,
    O_SEL4_CONFIG,
    O_SHARED_TYPES,
    O_ARCH_TYPES,
    O_SYSCALL,
    O_INV,
    O_INV_SEL4_ARCH,
    O_INV_ARCH,
    O_CAP_TYPES,
    O_TYPED,
    O_CLIENT,
    O_COUNT
};

static output_t outputs[O_COUNT] = {
    [O_KERNEL_CONFIG] = {"kernel/gen_config.h"},
    [O_SEL4_CONFIG] = {"sel4/gen_config.h"},
    [O_SHARED_TYPES] = {"sel4/shared_types_gen.h"},
    [O_ARCH_TYPES] = {"sel4/sel4_arch/types_gen.h"},
    [O_SYSCALL] = {"sel4/syscall.h"},
    [O_INV] = {"sel4/invocation.h"},
    [O_INV_SEL4_ARCH] = {"sel4/sel4_arch/invocation.h"},
    [O_INV_ARCH] = {"sel4/arch/invocation.h"},
    [O_CAP_TYPES] = {"sel4c/gen/cap_types.h"},
    [O_TYPED] = {"sel4c/gen/invocations.h"},
    [O_CLIENT] = {"interfaces/sel4_client.h"},
};

static char **dirs;
static unsigned ndirs;

static void add_dirs(const char *list)
{
    char *copy = xstrdup(list), *save = NULL;
    for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        dirs = xrealloc(dirs, sizeof *dirs * (ndirs + 1));
        dirs[ndirs++] = xstrdup(d);
    }
    free(copy);
}

/* The path of `rel` in the first include directory that has it, or NULL (reported). */
static char *find_input(const char *rel)
{
    strbuf_t searched = STRBUF_INIT;
    for (unsigned i = 0; i < ndirs; i++) {
        strbuf_t p = STRBUF_INIT;
        sb_printf(&p, "%s/%s", dirs[i], rel);
        if (access(sb_str(&p), R_OK) == 0) {
            sb_free(&searched);
            return p.data;
        }
        sb_free(&p);
        sb_printf(&searched, "%s%s", i ? ", " : "", dirs[i]);
    }
    diag_error(rel, 0, "not found in the include directories (%s)", sb_str(&searched));
    sb_free(&searched);
    return NULL;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_error(path, 0, "cannot read: %s", strerror(errno));
        return NULL;
    }
    strbuf_t sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_putn(&sb, buf, n);
    bool bad = ferror(f);
    fclose(f);
    if (bad || memchr(sb_str(&sb), '\0', sb.len)) {
        diag_error(path, 0, bad ? "read error" : "not a text file");
        sb_free(&sb);
        return NULL;
    }
    if (!sb.data)
        sb_put(&sb, "");
    return sb.data;
}

static bool mkdirs(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int r = mkdir(path, 0777);
        *p = '/';
        if (r != 0 && errno != EEXIST)
            return false;
    }
    return mkdir(path, 0777) == 0 || errno == EEXIST;
}

static bool write_outputs(const char *outdir)
{
    strbuf_t tmp[O_COUNT] = {0}, final[O_COUNT] = {0};
    unsigned written = 0;
    bool ok = true;
    for (unsigned i = 0; ok && i < O_COUNT; i++, written++) {
        sb_printf(&final[i], "%s/%s", outdir, outputs[i].rel);
        sb_printf(&tmp[i], "%s.tmp%ld", sb_str(&final[i]), (long)getpid());
        char *dir = xstrdup(sb_str(&final[i]));
        *strrchr(dir, '/') = '\0';
        FILE *f = mkdirs(dir) ? fopen(sb_str(&tmp[i]), "wb") : NULL;
        free(dir);
        if (!f || fwrite(outputs[i].text.data, 1, outputs[i].text.len, f) != outputs[i].text.len ||
            fclose(f) != 0) {
            diag_error(sb_str(&tmp[i]), 0, "cannot write: %s", strerror(errno));
            ok = false;
        }
    }
    for (unsigned i = 0; i < written; i++) {
        if (ok && rename(sb_str(&tmp[i]), sb_str(&final[i])) != 0) {
            diag_error(sb_str(&final[i]), 0, "cannot rename into place: %s", strerror(errno));
            ok = false;
        }
        if (!ok)
            unlink(sb_str(&tmp[i]));
    }
    for (unsigned i = 0; i < O_COUNT; i++) {
        sb_free(&tmp[i]);
        sb_free(&final[i]);
    }
    return ok;
}

/* Writes `text` to `path` through a temporary file, so `path` is complete or untouched. */
static bool write_file(const char *path, const strbuf_t *text)
{
    strbuf_t tmp = STRBUF_INIT;
    sb_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(sb_str(&tmp), "wb");
    bool ok = f && fwrite(sb_str(text), 1, text->len, f) == text->len;
    ok = f && fclose(f) == 0 && ok;
    ok = ok && rename(sb_str(&tmp), path) == 0;
    if (!ok) {
        diag_error(path, 0, "cannot write: %s", strerror(errno));
        unlink(sb_str(&tmp));
    }
    sb_free(&tmp);
    return ok;
}

static int bitfields_only(const char *pbf_path, const char *out_path)
{
    char *text = read_text(pbf_path);
    pbf_file_t pbf;
    if (!text || !pbf_parse(pbf_path, text, &pbf))
        return DIAG_EXIT_FAILURE;
    strbuf_t out = STRBUF_INIT;
    sb_put(&out, "/* Generated by sel4c-bindgen. Do not edit. */\n");
    gen_bitfields(&pbf, &out);
    pbf_free(&pbf);
    free(text);
    return write_file(out_path, &out) ? 0 : DIAG_EXIT_FAILURE;
}

static void usage(FILE *f)
{
    fputs("usage: sel4c-bindgen -I INCLUDE_DIR[:DIR...] [-I DIR]... -o OUTDIR\n"
          "       sel4c-bindgen --bitfields FILE.pbf -o OUT.h\n"
          "Generates sel4c's kernel bindings from a libsel4 include directory of a seL4\n"
          "build (e.g. $SEL4_PREFIX/libsel4/include).\n",
          f);
}

static void banner(output_t *o)
{
    sb_put(&o->text,
           "/* Generated by sel4c-bindgen from the kernel's interface files. Do not edit. */\n");
}

int main(int argc, char **argv)
{
    const char *outdir = NULL, *bitfields = NULL;
    static const struct option longopts[] = {{"include-dir", required_argument, NULL, 'I'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"bitfields", required_argument, NULL, 'b'},
                                             {"help", no_argument, NULL, 'h'},
                                             {0}};
    int opt;
    while ((opt = getopt_long(argc, argv, "I:o:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'I': add_dirs(optarg); break;
        case 'o': outdir = optarg; break;
        case 'b': bitfields = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return DIAG_EXIT_FAILURE;
        }
    }
    if (bitfields && outdir && ndirs == 0 && optind == argc)
        return bitfields_only(bitfields, outdir);
    if (!outdir || ndirs == 0 || bitfields || optind != argc) {
        usage(stderr);
        return DIAG_EXIT_FAILURE;
    }

    static const char *const inputs[] = {"kernel/gen_config.json",
                                         "sel4/gen_config.json",
                                         "sel4/shared_types.pbf",
                                         "sel4/sel4_arch/types.pbf",
                                         "api/syscall.xml",
                                         "interfaces/object-api.xml",
                                         "interfaces/object-api-sel4-arch.xml",
                                         "interfaces/object-api-arch.xml"};
    char *path[8];
    for (unsigned i = 0; i < 8; i++)
        path[i] = find_input(inputs[i]);
    if (diag_count())
        return DIAG_EXIT_FAILURE;

    for (unsigned i = 0; i < O_COUNT; i++)
        banner(&outputs[i]);

    config_t cfg = {0};
    char *text = read_text(path[0]);
    if (!text || !config_load(&cfg, path[0], text))
        return DIAG_EXIT_FAILURE;
    unsigned kernel_keys = cfg.n;
    free(text);
    text = read_text(path[1]);
    if (!text || !config_load(&cfg, path[1], text))
        return DIAG_EXIT_FAILURE;
    free(text);
    config_render_header(&cfg, 0, kernel_keys, &outputs[O_KERNEL_CONFIG].text);
    config_render_header(&cfg, kernel_keys, cfg.n, &outputs[O_SEL4_CONFIG].text);

    const char *sel4_arch = config_str(&cfg, "SEL4_ARCH");
    const arch_info_t *arch = sel4_arch ? arch_lookup(sel4_arch) : NULL;
    if (!arch) {
        diag_error(path[0], 0, "SEL4_ARCH '%s' is not supported (aarch64, riscv64, x86_64)",
                   sel4_arch ? sel4_arch : "(missing)");
        return DIAG_EXIT_FAILURE;
    }

    for (unsigned i = 0; i < 2; i++) {
        pbf_file_t pbf;
        text = read_text(path[2 + i]);
        if (text && pbf_parse(path[2 + i], text, &pbf)) {
            gen_bitfields(&pbf, &outputs[i ? O_ARCH_TYPES : O_SHARED_TYPES].text);
            pbf_free(&pbf);
        }
        free(text);
    }

    gen_syscall_header(path[4], &cfg, &outputs[O_SYSCALL].text);

    idl_t idl = {0};
    bool idl_ok = idl_load(&idl, path[5], IDL_GENERIC, arch, &cfg) &
                  idl_load(&idl, path[6], IDL_SEL4_ARCH, arch, &cfg) &
                  idl_load(&idl, path[7], IDL_ARCH, arch, &cfg);
    if (idl_ok) {
        for (idl_layer_t l = IDL_GENERIC; l < IDL_NLAYERS; l++)
            gen_invocation_header(&idl, l, &outputs[O_INV + l].text);
        gen_cap_types(arch, &outputs[O_CAP_TYPES].text);
        gen_invocations(&idl, arch, &cfg, &outputs[O_TYPED].text, &outputs[O_CLIENT].text);
    }
    idl_free(&idl);
    config_free(&cfg);
    if (diag_count() || !write_outputs(outdir))
        return DIAG_EXIT_FAILURE;
    for (unsigned i = 0; i < 8; i++)
        free(path[i]);
    return 0;
}
