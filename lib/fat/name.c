/*
 * Names: 8.3 short names and their display form, long names between UTF-8 and the UTF-16 that
 * VFAT stores, the checksum that ties long entries to their short entry, and the numeric-tail
 * alias a long name gets (Microsoft's FAT specification, "basis-name generation").
 */
#include "fat_internal.h"

uint8_t lfn_checksum(const uint8_t short_name[11])
{
    uint8_t sum = 0;
    for (int i = 0; i < 11; i++)
        sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + short_name[i]);
    return sum;
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static uint16_t ascii_upper16(uint16_t c)
{
    return c >= 'a' && c <= 'z' ? (uint16_t)(c - 'a' + 'A') : c;
}

/* Short names are in an OEM code page; bytes outside ASCII are shown as '?'. */
static char short_char(uint8_t c, bool lower)
{
    if (c >= 0x80 || c < 0x20)
        return '?';
    return lower ? ascii_lower((char)c) : (char)c;
}

void short_to_text(const uint8_t raw[11], uint8_t case_flags, bool use_case, char out[13])
{
    int n = 0, base = 8, ext = 3;
    while (base > 0 && raw[base - 1] == ' ')
        base--;
    while (ext > 0 && raw[8 + ext - 1] == ' ')
        ext--;
    for (int i = 0; i < base; i++) {
        uint8_t c = i == 0 && raw[0] == 0x05 ? 0xE5 : raw[i]; /* 0x05 stands for 0xE5 */
        out[n++] = short_char(c, use_case && (case_flags & 0x08));
    }
    if (ext > 0) {
        out[n++] = '.';
        for (int i = 0; i < ext; i++)
            out[n++] = short_char(raw[8 + i], use_case && (case_flags & 0x10));
    }
    out[n] = 0;
}

bool utf16_to_utf8(const uint16_t *in, int n, char *out, size_t out_size)
{
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        uint32_t c = in[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && in[i + 1] >= 0xDC00 && in[i + 1] <= 0xDFFF)
            c = 0x10000 + ((c - 0xD800) << 10) + (in[++i] - 0xDC00);
        else if (c >= 0xD800 && c <= 0xDFFF)
            return false;
        uint8_t b[4];
        int len;
        if (c < 0x80) {
            b[0] = (uint8_t)c;
            len = 1;
        } else if (c < 0x800) {
            b[0] = (uint8_t)(0xC0 | c >> 6);
            b[1] = (uint8_t)(0x80 | (c & 0x3F));
            len = 2;
        } else if (c < 0x10000) {
            b[0] = (uint8_t)(0xE0 | c >> 12);
            b[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            b[2] = (uint8_t)(0x80 | (c & 0x3F));
            len = 3;
        } else {
            b[0] = (uint8_t)(0xF0 | c >> 18);
            b[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
            b[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            b[3] = (uint8_t)(0x80 | (c & 0x3F));
            len = 4;
        }
        if (o + (size_t)len >= out_size)
            return false;
        for (int k = 0; k < len; k++)
            out[o++] = (char)b[k];
    }
    out[o] = 0;
    return true;
}

/* One code point from UTF-8 at `s` (of `len` bytes); 0 bytes used means invalid. */
static int utf8_decode(const uint8_t *s, size_t len, uint32_t *cp)
{
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    int n = s[0] < 0x80             ? 1
            : (s[0] & 0xE0) == 0xC0 ? 2
            : (s[0] & 0xF0) == 0xE0 ? 3
            : (s[0] & 0xF8) == 0xF0 ? 4
                                    : 0;
    if (n == 0 || (size_t)n > len)
        return 0;
    uint32_t c = n == 1 ? s[0] : s[0] & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3F);
    }
    if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

static bool short_valid_char(uint16_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    for (const char *p = "!#$%&'()-@^_`{}~"; *p; p++)
        if (c == (uint16_t)*p)
            return true;
    return false;
}

sel4c_fat_err_t name_prepare(const char *name, size_t len, uint16_t *utf16, int *n,
                             uint8_t short_name[11], bool *fits_short)
{
    if (len == 0 || (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
        return SEL4C_FAT_ERR_INVALID;
    /* Windows drops trailing dots and spaces; refusing them keeps names what the caller said */
    if (name[len - 1] == '.' || name[len - 1] == ' ')
        return SEL4C_FAT_ERR_INVALID;
    int count = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        int used = utf8_decode((const uint8_t *)name + i, len - i, &c);
        if (used == 0 || c < 0x20 || c == 0x7F)
            return SEL4C_FAT_ERR_INVALID;
        for (const char *p = "\"*/:<>?\\|"; *p; p++)
            if (c == (uint32_t)*p)
                return SEL4C_FAT_ERR_INVALID;
        if (count + (c >= 0x10000 ? 2 : 1) > 255)
            return SEL4C_FAT_ERR_INVALID;
        if (c >= 0x10000) {
            utf16[count++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
            utf16[count++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            utf16[count++] = (uint16_t)c;
        }
        i += (size_t)used;
    }
    *n = count;

    /* a valid 8.3 name as it stands: upper case, 1-8 characters, optionally '.' and 1-3 */
    __builtin_memset(short_name, ' ', 11);
    *fits_short = false;
    int dot = -1;
    for (int i = 0; i < count; i++) {
        if (utf16[i] == '.') {
            if (dot >= 0)
                return SEL4C_FAT_OK;
            dot = i;
        } else if (!short_valid_char(utf16[i])) {
            return SEL4C_FAT_OK;
        }
    }
    int base = dot < 0 ? count : dot, ext = dot < 0 ? 0 : count - dot - 1;
    if (base < 1 || base > 8 || ext > 3 || (dot >= 0 && ext == 0))
        return SEL4C_FAT_OK;
    for (int i = 0; i < base; i++)
        short_name[i] = (uint8_t)utf16[i];
    for (int i = 0; i < ext; i++)
        short_name[8 + i] = (uint8_t)utf16[dot + 1 + i];
    if (short_name[0] == 0xE5)
        short_name[0] = 0x05;
    *fits_short = true;
    return SEL4C_FAT_OK;
}

/* A character of the basis: upper-cased, '_' for what a short name cannot hold. */
static uint8_t basis_char(uint16_t c, bool *lossy)
{
    c = ascii_upper16(c);
    if (short_valid_char(c))
        return (uint8_t)c;
    *lossy = true;
    return '_';
}

void alias_basis(const uint16_t *utf16, int n, uint8_t basis[11], bool *lossy)
{
    __builtin_memset(basis, ' ', 11);
    *lossy = false;
    int start = 0, last_dot = -1;
    while (start < n && (utf16[start] == '.' || utf16[start] == ' ')) {
        start++;
        *lossy = true;
    }
    for (int i = start; i < n; i++)
        if (utf16[i] == '.')
            last_dot = i;
    int end = last_dot < 0 ? n : last_dot, b = 0;
    for (int i = start; i < end; i++) {
        if (utf16[i] == ' ' || utf16[i] == '.') {
            *lossy = true; /* embedded spaces and periods are dropped */
            continue;
        }
        if (b == 8) {
            *lossy = true;
            break;
        }
        basis[b++] = basis_char(utf16[i], lossy);
    }
    if (b == 0)
        basis[b++] = '_';
    if (last_dot >= 0) {
        int e = 0;
        for (int i = last_dot + 1; i < n; i++) {
            if (utf16[i] == ' ') {
                *lossy = true;
                continue;
            }
            if (e == 3) {
                *lossy = true;
                break;
            }
            basis[8 + e++] = basis_char(utf16[i], lossy);
        }
    }
}

void alias_with_tail(const uint8_t basis[11], uint32_t num, uint8_t out[11])
{
    char tail[8];
    int t = 0;
    char digits[8];
    int d = 0;
    do {
        digits[d++] = (char)('0' + num % 10);
        num /= 10;
    } while (num && d < 7);
    tail[t++] = '~';
    while (d)
        tail[t++] = digits[--d];
    int base = 8;
    while (base > 0 && basis[base - 1] == ' ')
        base--;
    if (base > 8 - t)
        base = 8 - t;
    __builtin_memcpy(out, basis, 11);
    for (int i = base; i < 8; i++)
        out[i] = ' ';
    for (int i = 0; i < t; i++)
        out[base + i] = (uint8_t)tail[i];
}

bool name_equal(const char *a, size_t alen, const char *b)
{
    size_t i = 0;
    for (; i < alen; i++) {
        if (b[i] == 0 || ascii_lower(a[i]) != ascii_lower(b[i]))
            return false;
    }
    return b[i] == 0;
}
