/* Naming and comment helpers shared by the generators. */
#include <ctype.h>
#include <string.h>

#include "gen.h"

void snake_case(const char *in, strbuf_t *out)
{
    size_t n = strlen(in);
    for (size_t i = 0; i < n; i++) {
        char c = in[i], prev = i ? in[i - 1] : '\0', next = in[i + 1];
        if (c == '_') {
            if (out->len && sb_str(out)[out->len - 1] != '_')
                sb_putc(out, '_');
            continue;
        }
        /*
         * A word starts at aB, and at the last capital of a run of three or more followed
         * by lowercase (IOPort, ASIDPool), not after a single capital (CNode).
         */
        bool run = i >= 2 && isupper((unsigned char)prev) && isupper((unsigned char)in[i - 2]);
        bool boundary = isupper((unsigned char)c) && i > 0 && prev != '_' &&
                        (islower((unsigned char)prev) || (run && islower((unsigned char)next)));
        if (boundary)
            sb_putc(out, '_');
        sb_putc(out, (char)tolower((unsigned char)c));
    }
}

void typed_cap_name(const char *cap_type, strbuf_t *out)
{
    if (strcmp(cap_type, "seL4_CPtr") == 0) {
        sb_put(out, "sel4c_cap_t");
        return;
    }
    sb_put(out, "sel4c_");
    snake_case(strncmp(cap_type, "seL4_", 5) == 0 ? cap_type + 5 : cap_type, out);
    sb_put(out, "_t");
}

void doc_paragraph(strbuf_t *out, const char *indent, const char *text)
{
    const size_t width = 96;
    size_t col = 0;
    const char *s = text;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t w = strcspn(s, " ");
        if (!w)
            break;
        if (col && col + 1 + w > width) {
            sb_putc(out, '\n');
            col = 0;
        }
        if (!col) {
            sb_put(out, indent);
            col = strlen(indent);
        } else {
            sb_putc(out, ' ');
            col++;
        }
        sb_putn(out, s, w);
        col += w;
        s += w;
    }
    if (col)
        sb_putc(out, '\n');
}
