/*
 * The bitfield description language of libsel4's .pbf files: `base`, `block` with `field`,
 * `field_high` and `padding`, and `tagged_union` with `tag`. A block's first field holds its
 * highest bits; the last field ends at bit 0 of word 0.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

typedef struct pbf_field {
    char *name;      /* NULL for padding */
    unsigned offset; /* bit offset from bit 0 of word 0 */
    unsigned size;   /* bits */
    bool high;       /* field_high: stores the top `size` bits of a base_bits-wide value */
    int line;
} pbf_field_t;

typedef struct pbf_block {
    char *name;
    unsigned base;       /* word size in bits: 8, 16, 32 or 64 */
    unsigned base_bits;  /* significant bits of field_high values (== base unless `base N(M,S)`) */
    bool sign_extend;    /* field_high values are sign-extended from base_bits */
    unsigned size;       /* total bits, a multiple of base */
    pbf_field_t *fields; /* declaration order (highest bits first), padding included */
    unsigned nfields;
    char **visible; /* parameter order of _new: the `(a, b)` list, else declaration order */
    unsigned nvisible;
    bool in_union; /* member of a tagged union: emitted only through the union */
    int line;
} pbf_block_t;

typedef struct pbf_tag {
    char *block_name;
    pbf_block_t *block; /* resolved */
    uint64_t value;
    int line;
} pbf_tag_t;

typedef struct pbf_union {
    char *name;
    char *tag_field;
    pbf_tag_t *tags;
    unsigned ntags;
    unsigned base;
    unsigned size;       /* bits, equal for every member block */
    unsigned tag_offset; /* resolved position of the tag field, equal in every member */
    unsigned tag_size;
    int line;
} pbf_union_t;

typedef struct pbf_file {
    const char *path;
    pbf_block_t *blocks;
    unsigned nblocks;
    pbf_union_t *unions;
    unsigned nunions;
} pbf_file_t;

/*
 * Parses and checks `text` (the contents of `path`). Errors are reported as `path:line: error:`
 * through diag_error(); returns false if there was any, and the file must then not be used.
 */
bool pbf_parse(const char *path, const char *text, pbf_file_t *out);
pbf_field_t *pbf_block_field(const pbf_block_t *b, const char *name);
void pbf_free(pbf_file_t *f);
