/*
 * The device tree reader: lookups on a small tree of our own and on QEMU's trees for the
 * machines sel4c boots on, and a clean error for every kind of damaged blob.
 *   test_fdt SMALL.dtb [QEMU.dtb METHOD NCPUS]...
 */
#include "../../formats/fdt/fdt.h"

#include <stdlib.h>

#include "check.h"

static uint8_t *load(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    uint8_t *buf = malloc(1 << 20);
    *size = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static void test_small(const uint8_t *blob, size_t size)
{
    sel4c_fdt_t fdt;
    CHECK(sel4c_fdt_check(&fdt, blob, size) == SEL4C_FDT_OK);
    int root = sel4c_fdt_path(&fdt, "/");
    CHECK(root >= 0);
    CHECK(sel4c_fdt_prop_has_string(&fdt, root, "compatible", "sel4c,other"));
    CHECK(!sel4c_fdt_prop_has_string(&fdt, root, "compatible", "sel4c"));
    int mem = sel4c_fdt_path(&fdt, "/memory");
    uint32_t cell = 0;
    CHECK(mem >= 0 && strcmp(sel4c_fdt_name(&fdt, mem), "memory@40000000") == 0);
    CHECK(sel4c_fdt_prop_cell(&fdt, mem, "reg", 1, &cell) && cell == 0x40000000);
    CHECK(sel4c_fdt_prop_cell(&fdt, mem, "reg", 3, &cell) && cell == 0x80000000);
    CHECK(!sel4c_fdt_prop_cell(&fdt, mem, "reg", 4, &cell));
    CHECK(sel4c_fdt_path(&fdt, "/cpus/cpu@1") >= 0);
    CHECK(sel4c_fdt_path(&fdt, "/cpus/cpu@2") < 0);
    CHECK(sel4c_fdt_path(&fdt, "/nothing") < 0);
    int n = 0;
    for (int c = sel4c_fdt_first_child(&fdt, sel4c_fdt_path(&fdt, "/cpus")); c >= 0;
         c = sel4c_fdt_next_sibling(&fdt, c)) {
        CHECK(sel4c_fdt_prop_cell(&fdt, c, "reg", 0, &cell) && cell == (uint32_t)n);
        n++;
    }
    CHECK(n == 2);
    CHECK(sel4c_fdt_prop_has_string(&fdt, sel4c_fdt_path(&fdt, "/psci"), "method", "smc"));
    CHECK(sel4c_fdt_prop(&fdt, root, "absent", NULL) == NULL);
}

static void test_damaged(const uint8_t *good, size_t size)
{
    uint8_t *b = malloc(size);
    sel4c_fdt_t fdt;
#define DAMAGED(expect, edit)                                                                      \
    do {                                                                                           \
        memcpy(b, good, size);                                                                     \
        edit;                                                                                      \
        CHECK(sel4c_fdt_check(&fdt, b, size) == (expect));                                         \
    } while (0)
    uint32_t st = sel4c_fdt32(good + 8);
    CHECK(sel4c_fdt_check(&fdt, good, 39) == SEL4C_FDT_TRUNCATED);
    CHECK(sel4c_fdt_check(&fdt, good, size - 1) == SEL4C_FDT_TRUNCATED);
    DAMAGED(SEL4C_FDT_BAD_MAGIC, b[0] = 0);
    DAMAGED(SEL4C_FDT_BAD_VERSION, b[23] = 3);
    DAMAGED(SEL4C_FDT_BAD_LAYOUT, b[11] |= 2);       /* misaligned structure block */
    DAMAGED(SEL4C_FDT_BAD_LAYOUT, b[36] = 0x7f);     /* structure block past the end */
    DAMAGED(SEL4C_FDT_BAD_STRUCTURE, b[st + 3] = 7); /* unknown token */
    DAMAGED(SEL4C_FDT_BAD_STRUCTURE, b[st + 3] = 2); /* END_NODE before any node */
    /* every byte of the structure block flipped in turn: never a crash, ok or an error */
    for (uint32_t i = st; i < st + sel4c_fdt32(good + 36); i++) {
        memcpy(b, good, size);
        b[i] ^= 0xff;
        if (sel4c_fdt_check(&fdt, b, size) == SEL4C_FDT_OK) {
            int node = sel4c_fdt_path(&fdt, "/cpus/cpu@1");
            (void)sel4c_fdt_prop(&fdt, node, "reg", NULL);
        }
    }
    free(b);
}

static void test_qemu(const uint8_t *blob, size_t size, const char *method, int ncpus)
{
    sel4c_fdt_t fdt;
    CHECK(sel4c_fdt_check(&fdt, blob, size) == SEL4C_FDT_OK);
    int psci = sel4c_fdt_path(&fdt, "/psci");
    CHECK(psci >= 0);
    CHECK(sel4c_fdt_prop_has_string(&fdt, psci, "method", method));
    int n = 0;
    for (int c = sel4c_fdt_first_child(&fdt, sel4c_fdt_path(&fdt, "/cpus")); c >= 0;
         c = sel4c_fdt_next_sibling(&fdt, c))
        n += strncmp(sel4c_fdt_name(&fdt, c), "cpu@", 4) == 0;
    CHECK(n == ncpus);
    CHECK(sel4c_fdt_path(&fdt, "/pl011") >= 0);
}

int main(int argc, char **argv)
{
    if (argc < 2 || (argc - 2) % 3) {
        fprintf(stderr, "usage: test_fdt SMALL.dtb [QEMU.dtb METHOD NCPUS]...\n");
        return 2;
    }
    size_t size;
    uint8_t *small = load(argv[1], &size);
    test_small(small, size);
    test_damaged(small, size);
    for (int i = 2; i < argc; i += 3) {
        uint8_t *q = load(argv[i], &size);
        test_qemu(q, size, argv[i + 1], atoi(argv[i + 2]));
        free(q);
    }
    free(small);
    return check_done("test_fdt");
}
