#!/usr/bin/env bash
# make install-all: every seL4 install under INSTALLS, each built from its own interface files,
# installed under its directory's name with the kernel configuration it was built for.
#   install-all.sh INSTALLS
set -u
installs=${1%/}
kernels=$(cd "$installs" 2>/dev/null && for d in */; do
    [ -f "$d/bin/kernel.elf" ] && [ -f "$d/libsel4/include/kernel/gen_config.json" ] && echo "${d%/}"
done)
if [ -z "$kernels" ]; then
    echo "no seL4 install under $installs/ (build one, or set SEL4_INSTALLS)"
    exit 77
fi
tmp=$(mktemp -d /tmp/sel4c-all.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
make --no-print-directory install-all SEL4_INSTALLS="$installs" PREFIX="$tmp/sdk" >"$tmp/log" 2>&1 ||
    { tail -20 "$tmp/log"; fail "make install-all"; }
for k in $kernels; do
    for f in lib/libsel4c_runtime.a lib/libmicrokit.a elf/capdl-initializer.elf elf/monitor.elf \
        include/sel4/sel4.h; do
        [ -f "$tmp/sdk/$k/$f" ] || fail "$k: no $f"
    done
    cmp -s "$tmp/sdk/$k/include/kernel/gen_config.json" "$installs/$k/libsel4/include/kernel/gen_config.json" ||
        fail "$k: not built for $installs/$k's configuration"
    [ -f "$tmp/sdk/lib/pkgconfig/sel4c-$k.pc" ] || fail "$k: no pkg-config file"
done
if grep -rl "$(pwd)" "$tmp/sdk"; then fail "the files above mention the source tree"; fi
echo "PASS: make install-all installed:" $kernels
