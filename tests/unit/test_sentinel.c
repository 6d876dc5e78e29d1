/* Sentinel matching of the QEMU runner, including output interleaved by several cores. */
#include "../../tools/qemu-run/sentinel.h"

#include "check.h"

/* Feeds `text` from stream offset 0; returns whether the sentinel completed. */
static bool feed(const char *sentinel, const char *text)
{
    sentinel_t s;
    sentinel_init(&s, sentinel);
    bool done = false;
    for (size_t i = 0; text[i]; i++)
        done |= sentinel_feed(&s, text[i], i);
    return done;
}

int main(void)
{
    CHECK(feed("PASS: hello", "boot...\nPASS: hello\n"));
    CHECK(!feed("PASS: hello", "boot...\nPASS: hell\n"));
    /* two cores printing at once */
    CHECK(feed("PASS: hello", "PcAorSeS :1 :h eblolo"));
    CHECK(feed("[core 0] ok", "[c[ocroer e1 ]0 ]o ko k"));
    /* a false start followed by the real thing */
    CHECK(feed("PASS: hello", "PASS: he\nPASS: hello"));
    CHECK(feed("abc", "aaaaaaaaaaaaabc"));
    /* characters scattered over a long log are not a match */
    CHECK(!feed("PASS", "P..............................A..............S............S"));
    CHECK(!feed("", "anything"));
    /* ordinary text that happens to contain the letters in order */
    CHECK(!feed("sel4c loader: error", "sel4c kernel loader: entered at EL1\nstarted 4 cores"));
    /* four cores printing in turn */
    CHECK(feed("node 0 ok", "nnnnooooddddeeee    0123    oooookkkk"));
    CHECK(feed("x", "abcx"));
    return check_done("test_sentinel");
}
