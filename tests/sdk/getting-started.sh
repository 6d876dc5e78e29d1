#!/usr/bin/env bash
# Runs docs/getting-started.md: its `sh` blocks, in order, as one script from the top of the
# checkout (HOME and SEL4C in a temporary directory, SEL4 the given install), and checks each
# file the guide shows (after a `<!-- file: PATH -->` line) against PATH, which the SDK
# installs. So the guide's commands and files are the ones that work.
#   getting-started.sh GUIDE KERNEL-PREFIX
set -u
guide=$1 kernel=$2
if [ ! -f "$kernel/bin/kernel.elf" ]; then
    echo "no seL4 kernel at $kernel (build one, or set SEL4_INSTALLS)"
    exit 77
fi
tmp=$(mktemp -d /tmp/sel4c-guide.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Files shown in the guide equal the files
awk -v out="$tmp/shown" '
    /^<!-- file: .* -->$/ { path = $3; next }
    path != "" && /^```/ && !inside { inside = 1; f = out "." ++n; print path > (out ".list"); next }
    inside && /^```$/ { inside = 0; path = ""; next }
    inside { print > f }
' "$guide"
n=0
while read -r path; do
    n=$((n + 1))
    cmp -s "$tmp/shown.$n" "$path" || { diff "$path" "$tmp/shown.$n"; fail "the guide shows $path differently"; }
done <"$tmp/shown.list"
[ "$n" -ge 4 ] || fail "only $n files shown in $guide"
echo "getting-started: the $n files shown are the installed ones"

# The commands
{
    echo "set -euxo pipefail"
    awk '/^```sh$/ { inside = 1; next } inside && /^```$/ { inside = 0; next } inside' "$guide"
} >"$tmp/guide.sh"
grep -c . "$tmp/guide.sh" >/dev/null || fail "no commands in $guide"
mkdir -p "$tmp/home"
HOME=$tmp/home SEL4=$kernel SEL4C=$tmp/home/sel4c bash "$tmp/guide.sh" || fail "a command of the guide failed"
echo "PASS: every command of $guide"
