#!/usr/bin/env bash
# What booting through the kernel loader costs, for each image form: every byte the boot
# path copies, by whichever stage copies it (the boot firmware placing ELF segments or the
# binary image; the loader moving itself, copying its payload header and the regions), and
# the instructions the loader executes from its entry to the jump into the kernel, counted
# by QEMU (one instruction per translation block, every execution logged, the log
# restricted to the loader's addresses, where it is linked and where it was loaded). Next to
# them the floor: a plain 8-byte-word copy of the bytes the loader copies (4 instructions a
# word: load, store, count, branch) and a word-wise zeroing of those it clears (3 a word);
# and the loader's copy routines alone against the word copy (the aim: at most 1.2 times).
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
echo "loader: $what; size $size"

# the loader's functions, [start, end) by the next symbol, to attribute instructions
aarch64-linux-gnu-nm -n "$loader" | awk '$2 ~ /^[tT]$/ { print $1, $3 }' >"$work/syms"
sym() { awk -v s="$1" '$2 == s { print "0x" $1 }' "$work/syms"; }
link=$(sym __loader_start)
end=$(aarch64-linux-gnu-readelf -sW "$loader" | awk '$8 == "__loader_end" { print "0x" $2 }')
data_end=$(aarch64-linux-gnu-readelf -sW "$loader" | awk '$8 == "__loader_data_end" { print "0x" $2 }')
copy_funcs="region_copy region_copy_down region_move arch_copy arch_copy_down"

# run FORM LOAD: LOAD is "" (QEMU -kernel) or an address for a binary image
run() {
    local form=$1 load=$2 image=$work/image.$1 summary
    summary=$("$add_payload" --loader "$loader" "${args[@]}" --dtb "$work/virt.dtb" \
        --app "$roottask" --format "$form" -o "$image" | tail -n 1)
    local placed copied zeroed
    placed=$(echo "$summary" | sed -E 's/.* ([0-9]+) bytes placed by the boot firmware.*/\1/')
    copied=$(echo "$summary" | sed -E 's/.* ([0-9]+) copied and.*/\1/')
    zeroed=$(echo "$summary" | sed -E 's/.* ([0-9]+) zeroed by the loader.*/\1/')
    local boot=(-kernel "$image") here=$link moved=0 how="through QEMU -kernel"
    if [ -n "$load" ]; then
        boot=(-device loader,file="$image",addr="$load" -device loader,addr="$load",cpu-num=0)
        here=$load moved=$((data_end - link)) how="loaded at $load"
    fi
    [ "$form" = binary ] && placed=$(stat -c %s "$image") # the firmware loads the whole file
    copied=$((copied + moved))
    timeout 10 "${qemu[@]}" -serial none -singlestep -d exec,nochain \
        -dfilter "$link..$((end - 1)),$here..$((here + end - link - 1))" -D "$work/trace" \
        "${boot[@]}" >/dev/null 2>&1 || true
    # instructions in all, and in the copy routines (addresses where loaded taken as linked)
    local counts
    counts=$(awk -v symfile="$work/syms" -v link="$link" -v here="$here" -v funcs="$copy_funcs" '
        function hex(s,  i, v) {
            v = 0; s = tolower(s); sub(/^0x/, "", s)
            for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
            return v
        }
        BEGIN { n = split(funcs, f, " "); for (i = 1; i <= n; i++) copy[f[i]] = 1
                link = hex(link); here = hex(here) }
        FILENAME == symfile { a[++k] = hex($1); name[k] = $2; next }
        /^Trace/ {
            pc = hex($3); total++
            if (pc < link || pc >= link + 268435456) pc += link - here # 256 MiB
            for (i = k; i >= 1 && a[i] > pc; i--) ;
            if (i >= 1 && (name[i] in copy)) copying++
        }
        END { printf "%d %d", total, copying }' FS=' ' "$work/syms" FS='[][/]' "$work/trace")
    local executed=${counts% *} copying=${counts#* }
    local floor=$(((copied + 7) / 8 * 4 + (zeroed + 7) / 8 * 3)) copy_floor=$(((copied + 7) / 8 * 4))
    echo "loader: $form image $how: the boot path copies $((placed + copied)) bytes" \
        "(the firmware $placed, the loader $copied: itself $moved, its payload header and the" \
        "regions $((copied - moved))); the loader zeroes $zeroed"
    echo "loader: $form image $how: $executed instructions from entry to kernel entry; floor" \
        "(word copy + word zero) $floor; ratio $(awk -v a="$executed" -v b="$floor" \
        'BEGIN { printf "%.3f", a / b }')"
    echo "loader: $form image $how: copying $copied bytes took $copying instructions, a word" \
        "copy $copy_floor; ratio $(awk -v a="$copying" -v b="$copy_floor" \
        'BEGIN { printf "%.3f", a / b }')"
}
run elf ""
run binary ""
run binary 0x48000000
