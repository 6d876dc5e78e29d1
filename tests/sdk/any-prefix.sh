#!/usr/bin/env bash
# Any seL4 install works, whatever its directory is called: `make run-hello SEL4_PREFIX=...` with
# the install under /tmp/.../my-kernel (a symbolic link: the same files as the tested
# configuration, so its build directory is reused), and with a copy whose files differ from
# every tested configuration (its gen_config.json reformatted), which is built under a name
# from its own files and boots too; make install then installs it under that name.
#   any-prefix.sh CONFIG KERNEL-PREFIX [--copy]
set -u
config=$1 kernel=$2 copy=${3:-}
if [ ! -f "$kernel/bin/kernel.elf" ]; then
    echo "no seL4 kernel for $config at $kernel (build one, or set SEL4_INSTALLS)"
    exit 77
fi
tmp=$(mktemp -d /tmp/sel4c-prefix.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p "$tmp/xyz"
if [ -z "$copy" ]; then
    ln -s "$kernel" "$tmp/xyz/my-kernel"
    expect=$config
else
    cp -R "$kernel" "$tmp/xyz/my-kernel"
    sed -i 's/^{$/{ /' "$tmp/xyz/my-kernel/libsel4/include/kernel/gen_config.json"
    expect=
fi
name=$(make --no-print-directory -s -f - SEL4_PREFIX="$tmp/xyz/my-kernel" print-config <<'MK'
include Makefile
print-config: ; @echo $(SEL4_CONFIG)
MK
)
name=$(echo "$name" | tail -1)
echo "SEL4_PREFIX=$tmp/xyz/my-kernel builds as: $name"
if [ -n "$expect" ]; then
    [ "$name" = "$expect" ] || fail "expected $expect, the configuration with the same files"
else
    case $name in "$config"* | *my-kernel* | "") fail "expected a name from the files" ;; esac
fi
make --no-print-directory run-hello SEL4_PREFIX="$tmp/xyz/my-kernel" >"$tmp/run.log" 2>&1
rc=$?
tail -5 "$tmp/run.log"
[ $rc = 0 ] || fail "make run-hello SEL4_PREFIX=$tmp/xyz/my-kernel"
if [ -n "$copy" ]; then
    make --no-print-directory -s install SEL4_PREFIX="$tmp/xyz/my-kernel" PREFIX="$tmp/sdk" \
        >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "make install"; }
    [ -f "$tmp/sdk/$name/lib/libsel4c_runtime.a" ] || fail "not installed as $name"
    cmp -s "$tmp/sdk/$name/include/kernel/gen_config.json" \
        "$tmp/xyz/my-kernel/libsel4/include/kernel/gen_config.json" ||
        fail "the installed kernel configuration is not the install's"
fi
echo "PASS: an install at $tmp/xyz/my-kernel ($config) builds as $name and boots"
