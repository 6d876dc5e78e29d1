#!/usr/bin/env bash
# The Microkit SDK drop-in: make install, then make install-microkit-sdk with the kernel of a
# seL4 install, then a Microkit-style project (tests/sdk/microkit-project, a Makefile that
# knows nothing of sel4c) is built from outside the source tree with MICROKIT_SDK pointing at
# the tree, overriding only the compiler's name, and its image boots in QEMU. The tool's
# command line is checked too: unknown options fail, unimplemented ones only warn.
#   microkit-sdk.sh CONFIG KERNEL-PREFIX MICROKIT-CONFIG CROSS_COMPILE
set -u
config=$1 kernel=$2 mconfig=$3 cross=$4
if [ ! -f "$kernel/bin/kernel.elf" ]; then
    echo "no seL4 kernel for $config at $kernel (build one, or set SEL4_INSTALLS)"
    exit 77
fi
tmp=$(mktemp -d /tmp/sel4c-msdk.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
sdk=$tmp/sdk msdk=$tmp/sdk/microkit-sdk board=qemu_virt_aarch64
make --no-print-directory -s install-microkit-sdk SEL4_CONFIG="$config" SEL4_PREFIX="$kernel" \
    PREFIX="$sdk" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "make install-microkit-sdk"; }
bdir=$msdk/board/$board/$mconfig
for f in bin/microkit include/microkit.h include/kernel/gen_config.h include/sel4/sel4.h \
    lib/libmicrokit.a lib/microkit.ld elf/sel4.elf sel4/bin/kernel.elf; do
    case $f in bin/*) p=$msdk/$f ;; *) p=$bdir/$f ;; esac
    [ -e "$p" ] || fail "not in the Microkit SDK tree: $p"
done
cmp -s "$kernel/bin/kernel.elf" "$bdir/elf/sel4.elf" || fail "elf/sel4.elf is not $kernel's kernel"
if grep -rl "$(pwd)" "$msdk"; then fail "the files above mention the source tree"; fi

cp -R tests/sdk/microkit-project "$tmp/project"
cd "$tmp/project" || exit 1
make --no-print-directory BUILD_DIR=build MICROKIT_SDK="$msdk" MICROKIT_BOARD=$board \
    MICROKIT_CONFIG="$mconfig" CC="${cross}gcc" LD="${cross}ld" 2>&1 | tee build.log
[ "${PIPESTATUS[0]}" = 0 ] || fail "the Microkit project does not build"
grep -q "microkit: warning: --viper-output is not implemented" build.log ||
    fail "no warning for --viper-output"
[ -s build/report.txt ] || fail "no report"

# The tool's command line: as Microkit's, refusals exit 1 and say why
m() { "$msdk/bin/microkit" "$@" >out.txt 2>&1; }
m counter.system --board $board --config nope && fail "an unknown configuration was accepted"
grep -q "has no configuration 'nope'; available: .*$mconfig" out.txt || fail "$(cat out.txt)"
m counter.system --board $board --config "$mconfig" --frobnicate && fail "an unknown option was accepted"
grep -q "unrecognized argument: --frobnicate" out.txt || fail "$(cat out.txt)"
m counter.system --config "$mconfig" && fail "a missing --board was accepted"
grep -q "required: --board" out.txt || fail "$(cat out.txt)"
m --version && grep -q "^microkit (sel4c " out.txt || fail "--version: $(cat out.txt)"
m counter.system --board $board --config "$mconfig" --search-path build --image-type elf \
    --capdl-json x.json -o img2 -r rep2 || fail "--image-type elf: $(cat out.txt)"
grep -q "warning: --capdl-json" out.txt && [ -s img2 ] || fail "--capdl-json: $(cat out.txt)"

. "$msdk/../share/sel4c/qemu-machine.sh"
qemu_machine "$kernel" "$tmp"
"$msdk/../bin/sel4c-qemu-run" --timeout 60 --pass "tick: done after 3 rounds" \
    --pass "tock: done after 3 rounds" --fail FAIL --fail "seL4 called fail" -- \
    "${qemu[@]}" -kernel build/loader.img || fail "the image does not boot as expected"
echo "PASS: a Microkit project built with MICROKIT_SDK=<sel4c's tree> boots on $config"
