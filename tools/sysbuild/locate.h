/*
 * Source positions for the .system reader. libxml2 gives an element only the line where its
 * start tag ended, and attributes no position at all; errors must point at the element or
 * the attribute. This scanner walks the (already well-formed) text once and records, in
 * document order, where each start tag begins, where each of its attributes' names begins,
 * and where the first non-blank text directly inside it is. The i-th start tag is the i-th
 * element of libxml2's tree in document order.
 *
 * Columns count characters (UTF-8 sequences), starting at 1.
 */
#pragma once

#include <stddef.h>

#include "system.h"

typedef struct sb_src_attr {
    const char *name; /* into the text, not terminated */
    size_t len;
    sb_loc_t loc;
} sb_src_attr_t;

typedef struct sb_src_tag {
    sb_loc_t loc;  /* the '<' */
    sb_loc_t text; /* first non-blank character of its own text, {0,0} when none */
    size_t first_attr, nattrs;
} sb_src_tag_t;

typedef struct sb_src {
    sb_src_tag_t *tags;
    size_t ntags;
    sb_src_attr_t *attrs;
    size_t nattrs;
    sb_loc_t doctype; /* where a <!DOCTYPE is, if any */
} sb_src_t;

void sb_src_scan(sb_src_t *src, const char *text, size_t size);
/* The position of attribute `name` of tag `tag`, or the tag's position when not found. */
sb_loc_t sb_src_attr(const sb_src_t *src, size_t tag, const char *name);
void sb_src_free(sb_src_t *src);
