/*
 * Directories: locating entries by index along the cluster chain (or in the FAT12/16 root
 * region), assembling long names from their entries with every check VFAT allows, and adding
 * and removing entries in the order docs/fat.md explains.
 */
#include "fat_internal.h"

uint32_t dir_root(const sel4c_fat_t *vol)
{
    return vol->fat_type == 32 ? vol->root_cluster : 0;
}

void dir_iter_init(dir_iter_t *it, uint32_t first)
{
    it->first = first;
    it->clus = 0;
    it->clus_index = 0;
}

sel4c_fat_err_t dir_locate(sel4c_fat_t *vol, dir_iter_t *it, uint32_t index, uint64_t *sector,
                           uint32_t *offset, bool *end)
{
    uint32_t per_sector = vol->sector_size / DIR_ENTRY;
    *end = false;
    if (it->first == 0) {
        if (index >= vol->root_entries) {
            *end = true;
            return SEL4C_FAT_OK;
        }
        *sector = vol->root_start + index / per_sector;
        *offset = index % per_sector * DIR_ENTRY;
        return SEL4C_FAT_OK;
    }
    /* a directory holds at most 65536 entries, which bounds a walk along a looping chain */
    if (index >= DIR_MAX) {
        *end = true;
        return SEL4C_FAT_OK;
    }
    uint32_t per_clus = vol->cluster_size / DIR_ENTRY;
    if (it->clus == 0 || index < it->clus_index) {
        if (!cluster_valid(vol, it->first))
            return CORRUPT(vol, "directory starts outside the volume", 0, it->first);
        it->clus = it->first;
        it->clus_index = 0;
    }
    while (index >= it->clus_index + per_clus) {
        uint32_t next;
        ERR_CHECK(fat_next(vol, it->clus, &next));
        if (next == 0) {
            *end = true;
            return SEL4C_FAT_OK;
        }
        it->clus = next;
        it->clus_index += per_clus;
    }
    uint32_t in = index - it->clus_index;
    *sector = cluster_sector(vol, it->clus) + in / per_sector;
    *offset = in % per_sector * DIR_ENTRY;
    return SEL4C_FAT_OK;
}

static void decode_time(uint16_t date, uint16_t time, sel4c_fat_time_t *t)
{
    t->year = (uint16_t)(1980 + (date >> 9));
    t->month = (uint8_t)((date >> 5) & 0xF);
    t->day = (uint8_t)(date & 0x1F);
    t->hour = (uint8_t)(time >> 11);
    t->minute = (uint8_t)((time >> 5) & 0x3F);
    t->second = (uint8_t)((time & 0x1F) * 2);
}

void entry_to_stat(const uint8_t e[DIR_ENTRY], sel4c_fat_stat_t *st)
{
    st->attr = e[11];
    st->size = get32(e + 28);
    decode_time(get16(e + 16), get16(e + 14), &st->created);
    if (e[13] >= 100 && st->created.second < 59)
        st->created.second++;
    decode_time(get16(e + 24), get16(e + 22), &st->modified);
    decode_time(get16(e + 18), 0, &st->accessed);
}

static uint16_t clamp(uint32_t v, uint32_t lo, uint32_t hi)
{
    return (uint16_t)(v < lo ? lo : v > hi ? hi : v);
}

void entry_times_now(sel4c_fat_t *vol, uint8_t e[DIR_ENTRY], bool created)
{
    sel4c_fat_time_t t = {1980, 1, 1, 0, 0, 0};
    if (vol->clock)
        vol->clock(vol->clock_ctx, &t);
    uint16_t date = (uint16_t)((clamp(t.year, 1980, 2107) - 1980) << 9 |
                               clamp(t.month, 1, 12) << 5 | clamp(t.day, 1, 31));
    uint16_t sec = clamp(t.second, 0, 59);
    uint16_t time = (uint16_t)(clamp(t.hour, 0, 23) << 11 | clamp(t.minute, 0, 59) << 5 | sec / 2);
    if (created) {
        e[13] = (uint8_t)(sec % 2 * 100);
        put16(e + 14, time);
        put16(e + 16, date);
    }
    put16(e + 18, date);
    put16(e + 22, time);
    put16(e + 24, date);
}

/* The long name being assembled while walking a directory. */
typedef struct lfn_state {
    int next_ord; /* ordinal the next long entry must have; 0: the short entry is next */
    bool active;
    uint8_t sum;
    uint32_t start;
    uint16_t name[20 * LFN_CHARS];
    int len;
} lfn_state_t;

static const uint8_t lfn_offsets[LFN_CHARS] = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

sel4c_fat_err_t dir_next(sel4c_fat_t *vol, dir_iter_t *it, uint32_t *index, dir_found_t *f,
                         bool *end)
{
    lfn_state_t lfn = {.active = false};
    for (;;) {
        uint64_t sector;
        uint32_t offset;
        ERR_CHECK(dir_locate(vol, it, *index, &sector, &offset, end));
        uint8_t *s, e[DIR_ENTRY];
        if (!*end) {
            ERR_CHECK(cache_get(vol, sector, &s));
            __builtin_memcpy(e, s + offset, DIR_ENTRY);
            *end = e[0] == 0;
        }
        if (*end) {
            if (lfn.active)
                return CORRUPT(vol, "long name entries at the end of a directory", sector, 0);
            return SEL4C_FAT_OK;
        }
        uint32_t idx = (*index)++;
        if (e[0] == DELETED_MARK) {
            if (lfn.active)
                return CORRUPT(vol, "long name entries followed by a deleted entry", sector, 0);
            continue;
        }
        if ((e[11] & 0x3F) == ATTR_LFN) {
            int ord = e[0] & 0x1F;
            if (e[0] & 0x40) {
                if (lfn.active)
                    return CORRUPT(vol, "long name sequence interrupted by another", sector, 0);
                if (ord == 0 || ord > 20)
                    return CORRUPT(vol, "long name entry with a bad sequence number", sector, 0);
                lfn.active = true;
                lfn.sum = e[13];
                lfn.start = idx;
                lfn.len = ord * LFN_CHARS;
                lfn.next_ord = ord;
            } else if (!lfn.active || ord != lfn.next_ord || (e[0] & 0xA0) != 0) {
                return CORRUPT(vol, "long name entries out of order", sector, 0);
            } else if (e[13] != lfn.sum) {
                return CORRUPT(vol, "long name entries with different checksums", sector, 0);
            }
            if (ord != lfn.next_ord)
                return CORRUPT(vol, "long name entries out of order", sector, 0);
            for (int i = 0; i < LFN_CHARS; i++)
                lfn.name[(ord - 1) * LFN_CHARS + i] = get16(e + lfn_offsets[i]);
            lfn.next_ord--;
            continue;
        }
        if (e[11] & SEL4C_FAT_ATTR_VOLUME_ID) {
            if (lfn.active)
                return CORRUPT(vol, "long name entries before a volume label", sector, 0);
            continue;
        }
        __builtin_memcpy(f->raw, e, DIR_ENTRY);
        f->index = idx;
        f->sector = sector;
        f->offset = offset;
        f->lfn_index = lfn.active ? lfn.start : idx;
        entry_to_stat(e, &f->st);
        f->st.first_cluster = entry_cluster(vol, e);
        short_to_text(e, 0, false, f->st.short_name);
        if (lfn.active) {
            if (lfn.next_ord != 0)
                return CORRUPT(vol, "long name sequence incomplete", sector, 0);
            if (lfn_checksum(e) != lfn.sum)
                return CORRUPT(vol, "long name checksum does not match its short entry", sector, 0);
            int n = 0;
            while (n < lfn.len && lfn.name[n] != 0)
                n++;
            if (n > 255)
                return CORRUPT(vol, "long name longer than 255 characters", sector, 0);
            if (n == 0 || !utf16_to_utf8(lfn.name, n, f->st.name, sizeof f->st.name))
                return CORRUPT(vol, "long name empty or not valid UTF-16", sector, 0);
        } else {
            short_to_text(e, e[12], true, f->st.name);
        }
        return SEL4C_FAT_OK;
    }
}

sel4c_fat_err_t dir_lookup(sel4c_fat_t *vol, uint32_t first, const char *name, size_t len,
                           dir_found_t *f)
{
    dir_iter_t it;
    dir_iter_init(&it, first);
    uint32_t index = 0;
    for (;;) {
        bool end;
        ERR_CHECK(dir_next(vol, &it, &index, f, &end));
        if (end)
            return SEL4C_FAT_ERR_NOT_FOUND;
        if (name_equal(name, len, f->st.name) || name_equal(name, len, f->st.short_name))
            return SEL4C_FAT_OK;
    }
}

/* The number N if the short name `raw` is `basis` with the tail "~N", else 0. */
static uint32_t alias_tail(const uint8_t raw[11], const uint8_t basis[11])
{
    int end = 8, digits;
    while (end > 0 && raw[end - 1] == ' ')
        end--;
    for (digits = end; digits > 0 && raw[digits - 1] >= '0' && raw[digits - 1] <= '9';)
        digits--;
    if (digits == end || digits == 0 || raw[digits - 1] != '~' || end - digits > 6)
        return 0;
    uint32_t num = 0;
    for (int i = digits; i < end; i++)
        num = num * 10 + (uint32_t)(raw[i] - '0');
    uint8_t a[11];
    alias_with_tail(basis, num, a);
    return num != 0 && __builtin_memcmp(a, raw, 11) == 0 ? num : 0;
}

#define TAIL_WINDOW 1024

/* Which tails from .. from+TAIL_WINDOW-1 the directory's short names use with `basis` (bit
   N-from of `used`), and whether the basis itself is used. One walk of the directory. */
static sel4c_fat_err_t aliases_used(sel4c_fat_t *vol, uint32_t first, const uint8_t basis[11],
                                    uint32_t from, uint64_t used[TAIL_WINDOW / 64],
                                    bool *basis_used)
{
    dir_iter_t it;
    dir_iter_init(&it, first);
    uint32_t index = 0;
    dir_found_t f;
    __builtin_memset(used, 0, TAIL_WINDOW / 8);
    *basis_used = false;
    for (;;) {
        bool end;
        ERR_CHECK(dir_next(vol, &it, &index, &f, &end));
        if (end)
            return SEL4C_FAT_OK;
        *basis_used |= __builtin_memcmp(f.raw, basis, 11) == 0;
        uint32_t num = alias_tail(f.raw, basis);
        if (num >= from && num - from < TAIL_WINDOW)
            used[(num - from) / 64] |= 1ull << ((num - from) % 64);
    }
}

/*
 * A short name for a long one that no entry of the directory has: the lowest free numeric
 * tail. A directory holds at most 65536 entries, so a free tail is found within 65 walks of
 * the directory, even in a hostile one full of aliases.
 */
static sel4c_fat_err_t make_alias(sel4c_fat_t *vol, uint32_t first, const uint16_t *utf16, int n,
                                  uint8_t alias[11])
{
    uint8_t basis[11];
    bool lossy;
    alias_basis(utf16, n, basis, &lossy);
    for (uint32_t from = 1; from <= 999999; from += TAIL_WINDOW) {
        uint64_t used[TAIL_WINDOW / 64];
        bool basis_used;
        ERR_CHECK(aliases_used(vol, first, basis, from, used, &basis_used));
        /* a name that only differs in case from its basis keeps the basis, as Windows does */
        if (from == 1 && !lossy && !basis_used) {
            char text[13];
            short_to_text(basis, 0, false, text);
            char utf8[SEL4C_FAT_NAME_MAX];
            size_t len = 0;
            if (utf16_to_utf8(utf16, n, utf8, sizeof utf8)) {
                while (utf8[len])
                    len++;
                if (name_equal(utf8, len, text)) {
                    __builtin_memcpy(alias, basis, 11);
                    return SEL4C_FAT_OK;
                }
            }
        }
        for (uint32_t k = 0; k < TAIL_WINDOW && from + k <= 999999; k++) {
            if (!(used[k / 64] & 1ull << (k % 64))) {
                alias_with_tail(basis, from + k, alias);
                return SEL4C_FAT_OK;
            }
        }
    }
    return SEL4C_FAT_ERR_NO_SPACE;
}

static sel4c_fat_err_t write_entry(sel4c_fat_t *vol, dir_iter_t *it, uint32_t index,
                                   const uint8_t e[DIR_ENTRY], uint64_t *sector, uint32_t *offset)
{
    bool end;
    ERR_CHECK(dir_locate(vol, it, index, sector, offset, &end));
    if (end)
        return CORRUPT(vol, "directory entry vanished while writing", 0, it->first);
    uint8_t *s;
    ERR_CHECK(cache_get(vol, *sector, &s));
    __builtin_memcpy(s + *offset, e, DIR_ENTRY);
    return cache_write(vol, *sector, s);
}

/* `need` consecutive free entries, growing the directory by a zeroed cluster if needed. */
static sel4c_fat_err_t find_free(sel4c_fat_t *vol, uint32_t first, uint32_t need, uint32_t *at)
{
    dir_iter_t it;
    dir_iter_init(&it, first);
    uint32_t run = 0, run_start = 0;
    for (uint32_t index = 0;; index++) {
        uint64_t sector;
        uint32_t offset;
        bool end;
        ERR_CHECK(dir_locate(vol, &it, index, &sector, &offset, &end));
        if (end) {
            if (first == 0 || index >= DIR_MAX)
                return SEL4C_FAT_ERR_NO_SPACE;
            /* the new cluster is zeroed (all entries free) before it is linked in */
            uint32_t c;
            ERR_CHECK(fat_alloc(vol, true, &c));
            ERR_CHECK(fat_set(vol, it.clus, c));
            index--; /* look at the same index again, now in the new cluster */
            continue;
        }
        uint8_t *s;
        ERR_CHECK(cache_get(vol, sector, &s));
        uint8_t b = s[offset];
        if (b == 0 || b == DELETED_MARK) {
            if (run++ == 0)
                run_start = index;
            if (run == need) {
                *at = run_start;
                return SEL4C_FAT_OK;
            }
        } else {
            run = 0;
        }
    }
}

sel4c_fat_err_t dir_add(sel4c_fat_t *vol, uint32_t first, const char *name, size_t len,
                        const uint8_t proto[DIR_ENTRY], dir_found_t *f)
{
    uint16_t utf16[256];
    int n;
    uint8_t short_name[11];
    bool fits;
    ERR_CHECK(name_prepare(name, len, utf16, &n, short_name, &fits));
    if (!fits)
        ERR_CHECK(make_alias(vol, first, utf16, n, short_name));
    uint32_t longs = fits ? 0 : (uint32_t)(n + LFN_CHARS - 1) / LFN_CHARS;
    uint32_t at;
    ERR_CHECK(find_free(vol, first, longs + 1, &at));

    uint8_t e[DIR_ENTRY];
    uint8_t sum = lfn_checksum(short_name);
    dir_iter_t it;
    dir_iter_init(&it, first);
    /* long entries first, the short entry last: until it is written no file exists */
    for (uint32_t k = 0; k < longs; k++) {
        uint32_t ord = longs - k;
        __builtin_memset(e, 0, sizeof e);
        e[0] = (uint8_t)(ord | (k == 0 ? 0x40 : 0));
        e[11] = ATTR_LFN;
        e[13] = sum;
        for (int i = 0; i < LFN_CHARS; i++) {
            int pos = (int)(ord - 1) * LFN_CHARS + i;
            uint16_t c = pos < n ? utf16[pos] : pos == n ? 0 : 0xFFFF;
            put16(e + lfn_offsets[i], c);
        }
        uint64_t sector;
        uint32_t offset;
        ERR_CHECK(write_entry(vol, &it, at + k, e, &sector, &offset));
    }
    __builtin_memcpy(e, proto, DIR_ENTRY);
    __builtin_memcpy(e, short_name, 11);
    e[12] = 0;
    ERR_CHECK(write_entry(vol, &it, at + longs, e, &f->sector, &f->offset));
    __builtin_memcpy(f->raw, e, DIR_ENTRY);
    f->lfn_index = at;
    f->index = at + longs;
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t dir_remove(sel4c_fat_t *vol, uint32_t first, const dir_found_t *f)
{
    dir_iter_t it;
    dir_iter_init(&it, first);
    /*
     * The short entry goes first, then the long entries from the last to the first. A crash in
     * between leaves long entries that begin a sequence (the first has its start bit) before a
     * free entry: an orphan fsck.fat deletes. Deleting the first long entry first would leave
     * fragments without a start, which fsck.fat does not repair on its own.
     */
    for (uint32_t k = 0; k <= f->index - f->lfn_index; k++) {
        uint32_t i = f->index - k;
        uint64_t sector;
        uint32_t offset;
        bool end;
        ERR_CHECK(dir_locate(vol, &it, i, &sector, &offset, &end));
        if (end)
            return CORRUPT(vol, "directory entry vanished while removing", 0, first);
        uint8_t *s;
        ERR_CHECK(cache_get(vol, sector, &s));
        s[offset] = DELETED_MARK;
        ERR_CHECK(cache_write(vol, sector, s));
    }
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t dir_is_empty(sel4c_fat_t *vol, uint32_t first, bool *empty)
{
    dir_iter_t it;
    dir_iter_init(&it, first);
    uint32_t index = 0;
    dir_found_t f;
    for (;;) {
        bool end;
        ERR_CHECK(dir_next(vol, &it, &index, &f, &end));
        if (end) {
            *empty = true;
            return SEL4C_FAT_OK;
        }
        if (__builtin_memcmp(f.raw, ".          ", 11) != 0 &&
            __builtin_memcmp(f.raw, "..         ", 11) != 0) {
            *empty = false;
            return SEL4C_FAT_OK;
        }
    }
}
