#!/usr/bin/env bash
# The SDK as a user gets it: make install into a temporary prefix, then, from a directory
# outside the source tree and with nothing but the install, a libsel4-only program compiles
# with one -I; examples/getting-started's root task is built with pkg-config and booted; and
# the same project is built with the make fragment and its root task, CapDL system and
# Microkit system are booted on the configuration's kernel. Nothing installed may mention the
# source or build tree.
# Every installed tool answers --help (usage, exit 0) and --version (the SDK's VERSION).
#   install.sh CONFIG KERNEL-PREFIX CC VERSION
set -u
config=$1 kernel=$2 cc=$3 version=$4
top=$(pwd)
if [ ! -f "$kernel/bin/kernel.elf" ]; then
    echo "no seL4 kernel for $config at $kernel (build one, or set SEL4_INSTALLS)"
    exit 77
fi
tmp=$(mktemp -d /tmp/sel4c-sdk.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
sdk=$tmp/sdk
fail() { echo "FAIL: $*"; exit 1; }

make --no-print-directory -s install SEL4_CONFIG="$config" PREFIX="$sdk" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; fail "make install"; }
for f in bin/sel4c-bindgen bin/sel4c-add-payload bin/sel4c-capdl bin/sel4c-symbolize \
    bin/sel4c-qemu-run bin/sel4c-sysbuild share/sel4c/sel4c.mk "$config/lib/libsel4c_runtime.a" \
    "$config/lib/runtime.ld" "$config/lib/libmicrokit.a" "$config/lib/microkit.ld" \
    "$config/elf/kernel-loader.elf" "$config/elf/capdl-initializer.elf" "$config/elf/monitor.elf" \
    "$config/include/kernel/gen_config.json" "$config/include/sel4/sel4_arch/types.h" \
    "$config/include/sel4/arch/types.h" "$config/include/microkit.h" \
    "lib/pkgconfig/sel4c-$config.pc" "lib/pkgconfig/sel4c-microkit-$config.pc"; do
    [ -e "$sdk/$f" ] || fail "not installed: $f"
done
if grep -rl "$top" "$sdk"; then
    fail "the files above mention the source tree $top"
fi
echo "install: complete, and nothing in it mentions $top"
for t in "$sdk"/bin/*; do
    v=$("$t" --version) || fail "$t --version fails"
    [ "$v" = "$(basename "$t") $version" ] || fail "$t --version says '$v', not $version"
    "$t" --help | grep -q "^usage: $(basename "$t")" || fail "$t --help gives no usage"
done
echo "tools: --version and --help on each of: $(cd "$sdk/bin" && echo *)"

# A libsel4 user swaps only the -I path
cat >"$tmp/libsel4-only.c" <<'C'
#include <sel4/sel4.h>
seL4_Word call(seL4_CPtr ep, seL4_Word v)
{
    seL4_SetMR(0, v);
    seL4_MessageInfo_t info = seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    return seL4_MessageInfo_get_length(info) ? seL4_GetMR(0) : seL4_CapInitThreadTCB;
}
C
"$cc" -ffreestanding -Wall -Werror -I "$sdk/$config/include" -c "$tmp/libsel4-only.c" \
    -o "$tmp/libsel4-only.o" || fail "a libsel4 program does not compile with -I $sdk/$config/include"
echo "libsel4-only: compiles with -I <sdk>/$config/include alone"

cp -R examples/getting-started "$tmp/project"
cd "$tmp/project" || exit 1
boot() { # app sentinels...
    app=$1
    shift
    "$sdk/share/sel4c/boot-sel4.sh" "$kernel" "$app" "$sdk/bin/sel4c-add-payload" \
        "$sdk/$config/elf/kernel-loader.elf" "$sdk/bin/sel4c-qemu-run" -- --timeout 60 "$@"
}
export PKG_CONFIG_PATH=$sdk/lib/pkgconfig
# shellcheck disable=SC2046
"$cc" hello.c $(pkg-config --cflags --libs "sel4c-$config") -o hello-pkgconfig.elf ||
    fail "building with pkg-config"
boot hello-pkgconfig.elf --pass "hello: " --pass "sel4c: exit(0)" --fail "sel4c: abort" ||
    fail "the root task built with pkg-config"

m() { make --no-print-directory SEL4C="$sdk" SEL4C_CONFIG="$config" SEL4_PREFIX="$kernel" "$@"; }
m all || fail "building with the make fragment"
m run || fail "the root task built with the make fragment"
m run-capdl || fail "the CapDL system"
m run-system || fail "the Microkit system"
echo "PASS: $config from the install, outside the source tree"
