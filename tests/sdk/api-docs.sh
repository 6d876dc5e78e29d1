#!/bin/sh
# make docs' generator: the API reference of sel4c's public headers builds, documents what
# their comments say (a group comment covers the functions below it), and an undocumented
# public function fails the build, named with its header and line.
#   api-docs.sh HEADER...
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v doxygen >/dev/null || mk/deps.sh doxygen || fail "no doxygen"
docs/api/build.sh "$tmp/ok" test "$@" || fail "the reference of the headers does not build"
for f in sel4c_thread_create microkit_pd_stop microkit_msginfo_get_count microkit_dbg_puts; do
    grep -rq "$f" "$tmp/ok/html" || fail "$f is not in the reference"
done
# microkit_pd_stop is documented by the comment above microkit_pd_restart
awk '/memtitle.*microkit_pd_stop\(\)/ { f = 1 } f' "$tmp/ok/html/microkit_8h.html" | head -30 |
    grep -q "suspend it" || fail "microkit_pd_stop lacks its group's comment"
mkdir -p "$tmp/inc"
cp --parents "$@" "$tmp/inc/"
objects=$(find "$tmp/inc" -name objects.h)
printf '\n/* documented */\nint sel4c_documented(void);\n\nint sel4c_forgotten(int x);\n' >>"$objects"
# shellcheck disable=SC2046
if docs/api/build.sh "$tmp/bad" test $(find "$tmp/inc" -name '*.h') 2>"$tmp/err"; then
    fail "an undocumented function did not fail the build"
fi
grep -q "objects.h:[0-9]*: warning: Member sel4c_forgotten" "$tmp/err" ||
    fail "the error does not name sel4c_forgotten: $(cat "$tmp/err")"
grep -q sel4c_documented "$tmp/err" && fail "a documented function was reported"
echo "PASS: the reference builds; undocumented functions fail it"
