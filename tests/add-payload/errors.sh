#!/usr/bin/env bash
# sel4c-add-payload on bad input: a message naming the file and the reason, exit 2, and no
# output file (not even a temporary one).
#   errors.sh ADD_PAYLOAD LOADER TEST_KERNEL USER_ELF SHARED CROSS_CC
set -u
add_payload=$1 loader=$2 kernel=$3 user=$4 shared=$5 cross_cc=$6
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
qemu-system-aarch64 -machine virt,dumpdtb="$work/virt.dtb" -cpu cortex-a53 -m 2G -nographic >/dev/null 2>&1
cfg=tests/fixtures/loader/config-el1.json
platform=$shared/sel4/aarch64/support/platform_gen.yaml

# case NAME PATTERN ARGS...: runs the tool with ARGS, expects exit 2, PATTERN, no output
case_() {
    local name=$1 pattern=$2
    shift 2
    rm -f "$work"/out*
    "$add_payload" "$@" -o "$work/out.elf" >"$work/stdout" 2>"$work/stderr"
    local rc=$?
    if [ $rc -ne 2 ]; then
        echo "FAIL $name: exit $rc"; fails=$((fails + 1))
    elif ! grep -Eq "$pattern" "$work/stderr"; then
        echo "FAIL $name: stderr does not match /$pattern/:"; sed 's/^/  /' "$work/stderr"
        fails=$((fails + 1))
    elif ls "$work"/out* >/dev/null 2>&1; then
        echo "FAIL $name: an output file was left"; fails=$((fails + 1))
    else
        echo "ok   $name: $(head -n 1 "$work/stderr")"
    fi
}
std=(--loader "$loader" --kernel "$kernel" --kernel-config "$cfg" --platform "$platform"
     --dtb "$work/virt.dtb")

head -c 100 "$user" >"$work/truncated.elf"
printf 'not a device tree, though long enough to have a device tree header' >"$work/bad.dtb"
printf 'memory:\n  - start: 0x40000000\n    end: [oops\n' >"$work/bad.yaml"
printf 'memory:\n- start: 0x80000000\n  end: 0x90000000\n' >"$work/elsewhere.yaml"
printf '{"ARM_HYPERVISOR_SUPPORT": false}\n' >"$work/partial.json"
printf '{"ARM_HYPERVISOR_SUPPORT": true, "MAX_NUM_NODES": "1"}\n' >"$work/hyp.json"
printf '    .text\n    .global _start\n_start: b _start\n    .bss\n    .space 0x30000000\n' >"$work/huge.S"
$cross_cc -nostdlib -static -Wl,--build-id=none -T tests/qemu/loader/roottask.ld "$work/huge.S" \
    -o "$work/huge.elf"

case_ missing-app "nothing.elf: error: cannot read" "${std[@]}" --app "$work/nothing.elf"
case_ truncated-app "truncated.elf: error: (truncated|program header table outside)" \
    "${std[@]}" --app "$work/truncated.elf"
case_ host-binary "true: error: built for another architecture \(machine 62" "${std[@]}" \
    --app /bin/true
case_ not-a-loader "error: not a sel4c kernel loader" --loader "$kernel" --kernel "$kernel" \
    --kernel-config "$cfg" --platform "$platform" --dtb "$work/virt.dtb" --app "$user"
case_ bad-dtb "bad.dtb: error: not a device tree blob" --loader "$loader" --kernel "$kernel" \
    --kernel-config "$cfg" --platform "$platform" --dtb "$work/bad.dtb" --app "$user"
case_ bad-platform "bad.yaml:[0-9]+: error:" --loader "$loader" --kernel "$kernel" \
    --kernel-config "$cfg" --platform "$work/bad.yaml" --dtb "$work/virt.dtb" --app "$user"
case_ kernel-outside-memory "elsewhere.yaml: error: no memory region holds the kernel" \
    --loader "$loader" --kernel "$kernel" --kernel-config "$cfg" \
    --platform "$work/elsewhere.yaml" --dtb "$work/virt.dtb" --app "$user"
case_ partial-config "partial.json: error: needs ARM_HYPERVISOR_SUPPORT and MAX_NUM_NODES" \
    --loader "$loader" --kernel "$kernel" --kernel-config "$work/partial.json" \
    --platform "$platform" --dtb "$work/virt.dtb" --app "$user"
case_ config-mismatch "error: the kernel is linked at .* hypervisor support" --loader "$loader" \
    --kernel "$kernel" --kernel-config "$work/hyp.json" --platform "$platform" \
    --dtb "$work/virt.dtb" --app "$user"
case_ overlaps-loader "huge.elf: error: the payload .* overlaps the loader" "${std[@]}" \
    --app "$work/huge.elf"
case_ missing-args "usage: sel4c-add-payload" --loader "$loader" --app "$user"
case_ unknown-format "error: unknown --format 'srec' \(elf or binary\)" "${std[@]}" --app "$user" \
    --format srec
# a device tree whose memory reservation block runs off its end (offset: its last 8 bytes)
cp "$work/virt.dtb" "$work/rsvmap.dtb"
size=$(od -An -tu1 -j4 -N4 "$work/virt.dtb" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
printf "$(printf '\\%03o' $(((size - 8) >> 24 & 255)) $(((size - 8) >> 16 & 255)) \
    $(((size - 8) >> 8 & 255)) $(((size - 8) & 255)))" |
    dd of="$work/rsvmap.dtb" bs=1 seek=16 conv=notrunc status=none
case_ unterminated-rsvmap "rsvmap.dtb: error: the memory reservation block is not terminated" \
    --loader "$loader" --kernel "$kernel" --kernel-config "$cfg" --platform "$platform" \
    --dtb "$work/rsvmap.dtb" --app "$user"
"$add_payload" "${std[@]}" --app "$user" -o "$work/no/such/dir/out.elf" 2>"$work/stderr"
if [ $? -ne 2 ] || ! grep -q 'cannot write' "$work/stderr" || ls "$work/no" >/dev/null 2>&1; then
    echo "FAIL unwritable-output"; fails=$((fails + 1))
else
    echo "ok   unwritable-output: $(head -n 1 "$work/stderr")"
fi
[ $fails -eq 0 ] && echo "every bad input rejected cleanly"
exit $((fails > 0))
