/*
 * sel4c-symbolize: turns the backtraces sel4c programs print on the console into function,
 * file and line, with elfutils' libdw.
 *
 *   sel4c-symbolize IMAGE.elf [CONSOLE.txt]     (console text on stdin by default)
 *
 * It copies the console through and, after each "sel4c backtrace:" line, prints one line per
 * address. A "sel4c build-id:" line that does not match IMAGE.elf is reported, as the
 * addresses would then be meaningless. Exit status 2 on errors (unreadable ELF, no debug
 * information), 1 if a build id did not match, else 0.
 */
#include <elfutils/libdw.h>
#include <elfutils/libdwelf.h>
#include <elfutils/libdwfl.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/version.h"

static const Dwfl_Callbacks callbacks = {
    .find_elf = dwfl_build_id_find_elf,
    .find_debuginfo = dwfl_standard_find_debuginfo,
    .section_address = dwfl_offline_section_address,
};

/* The image's build id as hex, or "" if it has none. */
static void build_id_hex(Dwfl_Module *mod, char *out, size_t size)
{
    const unsigned char *bits;
    GElf_Addr vaddr;
    int n = dwfl_module_build_id(mod, &bits, &vaddr);
    out[0] = '\0';
    for (int i = 0; i > -1 && i < n && (size_t)(2 * i + 2) < size; i++)
        snprintf(out + 2 * i, 3, "%02x", bits[i]);
}

static void symbolize(Dwfl_Module *mod, uint64_t pc)
{
    /* a return address points after the call: look the call itself up */
    Dwarf_Addr addr = pc - 4;
    GElf_Sym sym;
    GElf_Off off = 0;
    const char *fn = dwfl_module_addrinfo(mod, addr, &off, &sym, NULL, NULL, NULL);
    Dwfl_Line *line = dwfl_module_getsrc(mod, addr);
    int lineno = 0;
    const char *file = line ? dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL) : NULL;
    const char *base = file ? strrchr(file, '/') : NULL;
    printf("  0x%016" PRIx64 " %s+0x%" PRIx64 " at %s:%d\n", pc, fn ? fn : "??", (uint64_t)off,
           base   ? base + 1
           : file ? file
                  : "??",
           lineno);
}

int main(int argc, char **argv)
{
    static const char usage[] =
        "usage: sel4c-symbolize IMAGE.elf [CONSOLE.txt]\n"
        "       sel4c-symbolize --help | --version\n"
        "Copies the console (CONSOLE.txt, else standard input) through and resolves each\n"
        "backtrace sel4c programs print to function, file and line in IMAGE.elf.\n";
    if (argc == 2 && !strcmp(argv[1], "--version")) {
        print_version(stdout, "sel4c-symbolize");
        return 0;
    }
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc < 2 || argc > 3) {
        fputs(usage, stderr);
        return 2;
    }
    FILE *in = argc == 3 ? fopen(argv[2], "r") : stdin;
    if (!in) {
        fprintf(stderr, "%s: error: cannot read: %s\n", argv[2], strerror(errno));
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    Dwfl *dwfl = fd >= 0 ? dwfl_begin(&callbacks) : NULL;
    Dwfl_Module *mod = dwfl ? dwfl_report_offline(dwfl, argv[1], argv[1], fd) : NULL;
    if (!mod || dwfl_report_end(dwfl, NULL, NULL) != 0) {
        fprintf(stderr, "%s: error: cannot read the ELF: %s\n", argv[1],
                fd < 0 ? strerror(errno) : dwfl_errmsg(-1));
        return 2;
    }
    Dwarf_Addr bias;
    if (!dwfl_module_getdwarf(mod, &bias)) {
        fprintf(stderr, "%s: error: no debug information (build with -g)\n", argv[1]);
        return 2;
    }
    char want[128];
    build_id_hex(mod, want, sizeof want);
    int status = 0;
    char buf[4096];
    while (fgets(buf, sizeof buf, in)) {
        fputs(buf, stdout);
        const char *bt = strstr(buf, "sel4c backtrace:");
        const char *id = strstr(buf, "sel4c build-id: ");
        if (id) {
            char got[128];
            if (sscanf(id + 16, "%127[0-9a-f]", got) == 1 && strcmp(got, want) != 0) {
                printf("sel4c-symbolize: build id %s is not %s's (%s): the addresses above "
                       "are not from this image\n",
                       got, argv[1], want[0] ? want : "none");
                status = 1;
            }
        }
        if (!bt)
            continue;
        for (const char *p = bt + 16; (p = strstr(p, "0x")) != NULL;) {
            char *end;
            uint64_t pc = strtoull(p, &end, 16);
            if (end == p)
                break;
            symbolize(mod, pc);
            p = end;
        }
    }
    dwfl_end(dwfl);
    close(fd);
    return status;
}
