#!/usr/bin/env bash
# Images know the kernel configuration they were built for (tools/config-record): the runtime
# and PD runtime record it, every program linked with them carries it, and sel4c-add-payload,
# sel4c-capdl embed and sel4c-sysbuild refuse an image built for another configuration with
# one message naming both, exit status 2 and no output; the same settings in another order
# or layout are accepted.
#   config-mismatch.sh SHARED BUILD ADD_PAYLOAD CAPDL SYSBUILD LOADER READELF KERNELS
set -u
shared=$1 build=$2 add_payload=$3 capdl=$4 sysbuild=$5 loader=$6 readelf=$7 kernels=$8
built=aarch64-microkit other=aarch64
for c in $built $other; do
    if [ ! -f "$kernels/$c/bin/kernel.elf" ]; then
        echo "no seL4 kernel for $c at $kernels/$c (build one, or set SEL4_INSTALLS)"
        exit 77
    fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
app=$build/$built/examples/hello-root-task.elf
pd=$build/$built/tests/microkit/hello.elf
elf=$build/$built/elf
for f in "$app" "$pd" "$elf/capdl-initializer.elf" "$elf/monitor.elf" "$build/$built/lib/libmicrokit.a"; do
    "$readelf" -p .sel4c.kernel_config "$f" 2>/dev/null | grep -q "sel4c-kernel-config 1 [0-9a-f]\{16\} aarch64 qemu-arm-virt, MCS, hypervisor, 1 core, debug" ||
        fail "$f carries no record of $built"
done
echo "records: in the runtime, the PD runtime, a root task, a PD, the initializer and the monitor"

refused() { # what output command...
    what=$1 out=$2
    shift 2
    "$@" >"$tmp/out" 2>&1
    rc=$?
    [ $rc != 0 ] || { cat "$tmp/out"; fail "$what: accepted"; }
    [ $rc = 2 ] || fail "$what: exit status $rc, not 2"
    grep -q "error: built for another seL4 kernel configuration: the image's is [0-9a-f]\{16\} aarch64 qemu-arm-virt, MCS, hypervisor, 1 core, debug, the kernel's (.*) is [0-9a-f]\{16\} aarch64 qemu-arm-virt, non-MCS, no hypervisor" "$tmp/out" ||
        { cat "$tmp/out"; fail "$what: not the message"; }
    [ ! -e "$out" ] || fail "$what: left $out"
    echo "refused: $what: $(grep error: "$tmp/out" | head -1 | cut -c1-120)..."
}
refused "root task for $built on $other" "$tmp/a.elf" \
    "$add_payload" --loader "$loader" --sel4-prefix "$kernels/$other" --app "$app" -o "$tmp/a.elf"
"$add_payload" --loader "$loader" --sel4-prefix "$kernels/$built" --app "$app" -o "$tmp/ok.elf" >/dev/null ||
    fail "root task for $built on $built refused"

printf 'arch aarch64\nobjects {\n  e = ep\n}\n' >"$tmp/spec.cdl"
refused "initializer for $built with $other's configuration" "$tmp/c.elf" \
    "$capdl" embed --initializer "$elf/capdl-initializer.elf" --spec "$tmp/spec.cdl" --files "$tmp" \
    --kernel-config "$shared/sel4/$other/libsel4/include/kernel/gen_config.json" -o "$tmp/c.elf"
# the same settings, reordered and reformatted, are the same configuration
json=$shared/sel4/$built/libsel4/include/kernel/gen_config.json
{ echo "{"; grep '":' "$json" | sed 's/,$//' | sort -r | sed '$!s/$/,/'; echo "}"; } >"$tmp/reordered.json"
"$capdl" embed --initializer "$elf/capdl-initializer.elf" --spec "$tmp/spec.cdl" --files "$tmp" \
    --kernel-config "$tmp/reordered.json" -o "$tmp/c.elf" >/dev/null ||
    fail "the same configuration in another order was refused"

printf '<system><protection_domain name="hello"><program_image path="hello.elf"/></protection_domain></system>\n' >"$tmp/s.system"
refused "PD for $built on $other" "$tmp/s.img" \
    "$sysbuild" "$tmp/s.system" --sel4-prefix "$kernels/$other" --sdk "$elf" \
    --search-path "$(dirname "$pd")" -o "$tmp/s.img" -r "$tmp/s.txt"
grep -q "monitor.elf: error: built for another" "$tmp/out" || fail "the monitor's mismatch is not reported"
"$sysbuild" "$tmp/s.system" --sel4-prefix "$kernels/$built" --sdk "$elf" \
    --search-path "$(dirname "$pd")" -o "$tmp/s.img" -r "$tmp/s.txt" >/dev/null || fail "PD on its own kernel refused"
echo "PASS: images built for another configuration are refused before boot"
