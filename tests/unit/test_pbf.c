/* The .pbf parser: layout of valid files, and a clear error for each kind of malformed one. */
#include "../../tools/bindgen/pbf.h"

#include <stdlib.h>
#include <unistd.h>

#include "check.h"

/* Parses `text`, capturing what went to stderr; returns whether it parsed. */
static bool parse_capture(const char *text, pbf_file_t *f, char *err, size_t errlen)
{
    fflush(stderr);
    FILE *tmp = tmpfile();
    int saved = dup(2);
    dup2(fileno(tmp), 2);
    bool ok = pbf_parse("t.pbf", text, f);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    rewind(tmp);
    size_t n = fread(err, 1, errlen - 1, tmp);
    err[n] = '\0';
    fclose(tmp);
    return ok;
}

static void expect_error(const char *text, const char *message)
{
    pbf_file_t f;
    char err[1024];
    bool ok = parse_capture(text, &f, err, sizeof err);
    CHECK(!ok);
    CHECK_STR_CONTAINS(err, message);
    CHECK(f.nblocks == 0 && f.nunions == 0);
}

static void test_layout(void)
{
    const char *text = "-- a comment\n"
                       "base 64\n"
                       "block MessageInfo {\n"
                       "    field label 52\n"
                       "    field capsUnwrapped 3\n"
                       "    field extraCaps 2\n"
                       "    field length 7\n"
                       "}\n"
                       "block Two (b, a) {\n"
                       "    padding 64 - 16\n"
                       "    field a 16\n"
                       "    field_high b 32\n"
                       "    padding word_size - 32\n"
                       "}\n";
    pbf_file_t f;
    char err[1024];
    CHECK(parse_capture(text, &f, err, sizeof err));
    CHECK(f.nblocks == 2);
    pbf_block_t *mi = &f.blocks[0];
    CHECK(mi->size == 64 && mi->base == 64);
    CHECK(pbf_block_field(mi, "length")->offset == 0);
    CHECK(pbf_block_field(mi, "extraCaps")->offset == 7);
    CHECK(pbf_block_field(mi, "capsUnwrapped")->offset == 9);
    CHECK(pbf_block_field(mi, "label")->offset == 12);
    CHECK(mi->nvisible == 4 && strcmp(mi->visible[0], "label") == 0);
    pbf_block_t *two = &f.blocks[1];
    CHECK(two->size == 128);
    CHECK(pbf_block_field(two, "b")->offset == 32 && pbf_block_field(two, "b")->high);
    CHECK(pbf_block_field(two, "a")->offset == 64);
    CHECK(two->nvisible == 2 && strcmp(two->visible[0], "b") == 0);
    pbf_free(&f);
}

static void test_union(void)
{
    const char *text = "base 64(48,1)\n"
                       "block A { padding 60 field t 4 }\n"
                       "block B { field_high x 44 padding 16 field t 4 }\n"
                       "tagged_union U t { tag A 0 tag B 0xa }\n";
    pbf_file_t f;
    char err[1024];
    CHECK(parse_capture(text, &f, err, sizeof err));
    CHECK(f.nunions == 1);
    CHECK(f.unions[0].ntags == 2 && f.unions[0].tags[1].value == 10);
    CHECK(f.unions[0].tag_offset == 0 && f.unions[0].tag_size == 4);
    CHECK(f.blocks[0].in_union && f.blocks[1].in_union);
    CHECK(f.blocks[1].base_bits == 48 && f.blocks[1].sign_extend);
    pbf_free(&f);
}

static void test_errors(void)
{
    expect_error("block X { field a 64 }\n", "t.pbf:1: error: a 'base' declaration");
    expect_error("base 64\nblock X {\n field a 65\n}\n",
                 "t.pbf:3: error: field 'a' of block 'X' crosses");
    expect_error("base 64\nblock X { field a 60 }\n", "t.pbf:2: error: block 'X' is 60 bits");
    expect_error("base 64\nblock X {\n  feld a 64\n}\n", "t.pbf:3: error: expected 'field'");
    expect_error("base 64\nblock X { field a 32 field a 32 }\n", "appears twice");
    expect_error("base 12\n", "t.pbf:1: error: base must be 8, 16, 32 or 64");
    expect_error(
        "base 64\nblock X { field a 64 \n",
        "t.pbf:3: error: expected 'field', 'field_high', 'padding' or '}', found 'end of file'");
    expect_error("base 64\nblock X { field a 99999999999999999999 }\n", "malformed integer");
    expect_error("base 64\nblock X { field a 64 }\nblock X { field b 64 }\n",
                 "t.pbf:3: error: block 'X' defined twice");
    expect_error("base 64\nblock A { field t 64 }\ntagged_union U t {\n tag B 1\n}\n",
                 "t.pbf:4: error: tag 'B' of 'U' names no block");
    expect_error("base 64\nblock A { field t 64 }\ntagged_union U x { tag A 1 }\n",
                 "has no tag field 'x'");
    expect_error("base 64\nblock A { padding 60 field t 4 }\ntagged_union U t { tag A 16 }\n",
                 "tag value 16 does not fit in 4 bits");
    expect_error("base 64\nblock A { padding 60 field t 4 }\nblock B { padding 56 field t 8 }\n"
                 "tagged_union U t { tag A 1 tag B 2 }\n",
                 "tag field of block 'B' is not where");
    expect_error("base 64\nblock X { field a 8 / 0 }\n", "division by zero");
    expect_error("base 64\nblock X { field v 64 }\n", "field name 'v' is reserved");
    expect_error("base 64\nblock X (a, z) { field a 32 field b 32 }\n", "names unknown field 'z'");
    expect_error("base 64\nblock X { field a 64 } $\n", "t.pbf:2: error: unexpected character '$'");
    expect_error("base 64\nblock X { field_ptr(12) a 64 }\n", "field_ptr is kernel-only");
}

int main(void)
{
    test_layout();
    test_union();
    test_errors();
    return check_done("test_pbf");
}
