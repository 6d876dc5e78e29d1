/* Flattened device tree reader. */
#include "fdt.h"

enum { TOKEN_BEGIN = 1, TOKEN_END = 2, TOKEN_PROP = 3, TOKEN_NOP = 4, TOKEN_FINISH = 9 };

static uint32_t align4(uint32_t x)
{
    return (x + 3) & ~3u;
}

/* Length of the NUL-terminated string at `p` within `max` bytes, or -1 if unterminated. */
static int64_t bounded_strlen(const uint8_t *p, uint32_t max)
{
    for (uint32_t i = 0; i < max; i++)
        if (!p[i])
            return i;
    return -1;
}

static bool str_eq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static uint32_t token_at(const sel4c_fdt_t *f, uint32_t off)
{
    return sel4c_fdt32(f->blob + f->struct_off + off);
}

/*
 * Offset just past the token at `off` in the structure block; validated structure only.
 * For a BEGIN_NODE that is the first token inside the node.
 */
static uint32_t skip_token(const sel4c_fdt_t *f, uint32_t off)
{
    const uint8_t *s = f->blob + f->struct_off;
    switch (token_at(f, off)) {
    case TOKEN_BEGIN:
        return off + 4 +
               align4((uint32_t)bounded_strlen(s + off + 4, f->struct_size - off - 4) + 1);
    case TOKEN_PROP: return off + 12 + align4(sel4c_fdt32(s + off + 4));
    default: return off + 4;
    }
}

sel4c_fdt_err_t sel4c_fdt_check(sel4c_fdt_t *fdt, const void *blob, size_t avail)
{
    const uint8_t *b = blob;
    if (avail < 40)
        return SEL4C_FDT_TRUNCATED;
    if (sel4c_fdt32(b) != SEL4C_FDT_MAGIC)
        return SEL4C_FDT_BAD_MAGIC;
    uint32_t size = sel4c_fdt32(b + 4), st_off = sel4c_fdt32(b + 8);
    uint32_t str_off = sel4c_fdt32(b + 12), version = sel4c_fdt32(b + 20);
    uint32_t last_comp = sel4c_fdt32(b + 24), str_size = sel4c_fdt32(b + 32);
    uint32_t st_size = sel4c_fdt32(b + 36);
    if (size > avail || size < 40)
        return SEL4C_FDT_TRUNCATED;
    if (version < 16 || last_comp > 17)
        return SEL4C_FDT_BAD_VERSION;
    if ((st_off & 3) || (st_size & 3) || st_off < 40 || st_off > size || st_size > size - st_off ||
        str_off > size || str_size > size - str_off)
        return SEL4C_FDT_BAD_LAYOUT;
    *fdt = (sel4c_fdt_t){b, size, st_off, st_size, str_off, str_size};

    /* Walk the whole structure block once so lookups can trust it. */
    const uint8_t *s = b + st_off;
    uint32_t off = 0;
    int depth = 0;
    bool finished = false, seen_root = false;
    while (!finished) {
        if (off > st_size - 4 || st_size < 4)
            return SEL4C_FDT_BAD_STRUCTURE;
        switch (sel4c_fdt32(s + off)) {
        case TOKEN_BEGIN: {
            int64_t n = bounded_strlen(s + off + 4, st_size - off - 4);
            if (n < 0 || (depth == 0 && seen_root))
                return SEL4C_FDT_BAD_STRUCTURE;
            seen_root = true;
            depth++;
            off += 4 + align4((uint32_t)n + 1);
            break;
        }
        case TOKEN_END:
            if (depth-- == 0)
                return SEL4C_FDT_BAD_STRUCTURE;
            off += 4;
            break;
        case TOKEN_PROP: {
            if (depth == 0 || off > st_size - 12)
                return SEL4C_FDT_BAD_STRUCTURE;
            uint32_t len = sel4c_fdt32(s + off + 4), name = sel4c_fdt32(s + off + 8);
            if (len > st_size - off - 12 || name >= str_size ||
                bounded_strlen(b + str_off + name, str_size - name) < 0)
                return SEL4C_FDT_BAD_STRUCTURE;
            off += 12 + align4(len);
            break;
        }
        case TOKEN_NOP: off += 4; break;
        case TOKEN_FINISH:
            if (depth != 0 || !seen_root)
                return SEL4C_FDT_BAD_STRUCTURE;
            finished = true;
            break;
        default: return SEL4C_FDT_BAD_STRUCTURE;
        }
    }
    return SEL4C_FDT_OK;
}

const char *sel4c_fdt_strerror(sel4c_fdt_err_t err)
{
    switch (err) {
    case SEL4C_FDT_OK: return "no error";
    case SEL4C_FDT_TRUNCATED: return "device tree truncated";
    case SEL4C_FDT_BAD_MAGIC: return "not a device tree blob (bad magic)";
    case SEL4C_FDT_BAD_VERSION: return "unsupported device tree version";
    case SEL4C_FDT_BAD_LAYOUT: return "device tree blocks outside the blob or misaligned";
    case SEL4C_FDT_BAD_STRUCTURE: return "malformed device tree structure block";
    }
    return "unknown device tree error";
}

/* The offset of the next BEGIN_NODE or END_NODE token at or after `off` (skipping props). */
static uint32_t next_node_token(const sel4c_fdt_t *f, uint32_t off)
{
    for (;;) {
        uint32_t t = token_at(f, off);
        if (t == TOKEN_BEGIN || t == TOKEN_END || t == TOKEN_FINISH)
            return off;
        off = skip_token(f, off);
    }
}

/* The offset just past the END_NODE closing the node at `node`. */
static uint32_t skip_node(const sel4c_fdt_t *f, uint32_t node)
{
    int depth = 0;
    uint32_t off = node;
    do {
        uint32_t t = token_at(f, off);
        depth += t == TOKEN_BEGIN ? 1 : t == TOKEN_END ? -1 : 0;
        off = skip_token(f, off);
    } while (depth > 0);
    return off;
}

int sel4c_fdt_first_child(const sel4c_fdt_t *f, int node)
{
    if (node < 0)
        return -1;
    uint32_t off = next_node_token(f, skip_token(f, (uint32_t)node));
    return token_at(f, off) == TOKEN_BEGIN ? (int)off : -1;
}

int sel4c_fdt_next_sibling(const sel4c_fdt_t *f, int node)
{
    if (node < 0)
        return -1;
    uint32_t off = next_node_token(f, skip_node(f, (uint32_t)node));
    return token_at(f, off) == TOKEN_BEGIN ? (int)off : -1;
}

const char *sel4c_fdt_name(const sel4c_fdt_t *f, int node)
{
    return (const char *)f->blob + f->struct_off + node + 4;
}

/* Whether node name `name` matches path component [c, c+n): exactly, or up to its '@'. */
static bool name_matches(const char *name, const char *c, uint32_t n)
{
    uint32_t i = 0;
    for (; i < n; i++)
        if (name[i] != c[i])
            return false;
    return name[i] == '\0' || name[i] == '@';
}

int sel4c_fdt_path(const sel4c_fdt_t *f, const char *path)
{
    int node = (int)next_node_token(f, 0);
    if (*path != '/')
        return -1;
    while (*path) {
        while (*path == '/')
            path++;
        if (!*path)
            break;
        uint32_t n = 0;
        while (path[n] && path[n] != '/')
            n++;
        int child = sel4c_fdt_first_child(f, node);
        while (child >= 0 && !name_matches(sel4c_fdt_name(f, child), path, n))
            child = sel4c_fdt_next_sibling(f, child);
        if (child < 0)
            return -1;
        node = child;
        path += n;
    }
    return node;
}

const void *sel4c_fdt_prop(const sel4c_fdt_t *f, int node, const char *name, uint32_t *len)
{
    if (node < 0)
        return NULL;
    for (uint32_t off = skip_token(f, (uint32_t)node);; off = skip_token(f, off)) {
        uint32_t t = token_at(f, off);
        if (t == TOKEN_BEGIN || t == TOKEN_END || t == TOKEN_FINISH)
            return NULL;
        if (t != TOKEN_PROP)
            continue;
        const uint8_t *p = f->blob + f->struct_off + off;
        const char *pname = (const char *)f->blob + f->strings_off + sel4c_fdt32(p + 8);
        if (str_eq(pname, name)) {
            if (len)
                *len = sel4c_fdt32(p + 4);
            return p + 12;
        }
    }
}

bool sel4c_fdt_prop_has_string(const sel4c_fdt_t *f, int node, const char *name, const char *s)
{
    uint32_t len;
    const char *v = sel4c_fdt_prop(f, node, name, &len);
    for (uint32_t i = 0; v && i < len;) {
        int64_t n = bounded_strlen((const uint8_t *)v + i, len - i);
        if (n < 0)
            return false;
        if (str_eq(v + i, s))
            return true;
        i += (uint32_t)n + 1;
    }
    return false;
}

bool sel4c_fdt_prop_cell(const sel4c_fdt_t *f, int node, const char *name, uint32_t i,
                         uint32_t *out)
{
    uint32_t len;
    const uint8_t *v = sel4c_fdt_prop(f, node, name, &len);
    if (!v || i >= len / 4)
        return false;
    *out = sel4c_fdt32(v + 4 * i);
    return true;
}
