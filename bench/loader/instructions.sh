#!/usr/bin/env bash
# Instructions the kernel loader executes from its entry to the jump into the kernel,
# counted by QEMU (one instruction per translation block, every execution logged, the log
# restricted to the loader's addresses), next to the floor: a plain 8-byte-word copy of the
# payload bytes (4 instructions a word: load, store, count, branch) and a word-wise zeroing
# of the bytes the loader clears (3 a word). Also the loader's own size.
#   instructions.sh ADD_PAYLOAD LOADER ROOTTASK PREFIX|- TEST_KERNEL KERNEL_CONFIG PLATFORM SIZE
set -eu
add_payload=$1 loader=$2 roottask=$3 prefix=$4 test_kernel=$5 test_config=$6 platform=$7 size=$8
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
qemu=(qemu-system-aarch64 -machine virt -cpu cortex-a53 -m 2G -nographic -monitor none)
"${qemu[@]}" -machine dumpdtb="$work/virt.dtb" >/dev/null 2>&1
if [ -f "$prefix/bin/kernel.elf" ]; then
    what="seL4 kernel ($prefix)"
    args=(--sel4-prefix "$prefix")
else
    what="the loader test kernel (no seL4 kernel at $prefix)"
    args=(--kernel "$test_kernel" --kernel-config "$test_config" --platform "$platform")
fi
summary=$("$add_payload" --loader "$loader" "${args[@]}" --dtb "$work/virt.dtb" \
    --app "$roottask" -o "$work/image.elf")
placed=$(echo "$summary" | sed -E 's/.* ([0-9]+) bytes placed.*/\1/')
zeroed=$(echo "$summary" | sed -E 's/.* ([0-9]+) to zero.*/\1/')
range=$(aarch64-linux-gnu-readelf -sW "$loader" | awk '$8 == "__loader_start" { s = $2 }
    $8 == "__loader_end" { e = $2 } END { printf "0x%s..0x%s", s, e }')
timeout 10 "${qemu[@]}" -serial none -singlestep -d exec,nochain -dfilter "$range" \
    -D "$work/trace" -kernel "$work/image.elf" >/dev/null 2>&1 || true
executed=$(grep -c '^Trace' "$work/trace")
floor=$(( (placed + 7) / 8 * 4 + (zeroed + 7) / 8 * 3 ))
echo "loader: $what"
echo "loader: payload $placed bytes (placed by the boot firmware, copied by the loader: 0)," \
    "$zeroed bytes zeroed"
echo "loader: $executed instructions from entry to kernel entry; floor (word copy + word zero)" \
    "$floor instructions; ratio $(awk -v a="$executed" -v b="$floor" 'BEGIN { printf "%.3f", a / b }')"
echo "loader: size $size"
