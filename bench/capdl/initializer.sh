#!/usr/bin/env bash
# The CapDL initializer on the system-test specs: system calls made next to the minimum the
# spec needs, fill bytes written and zero-copy frames (bytes copied for them: none), stack
# high-water mark (the initializer prints these at log level info), instructions from its
# first instruction to the last thread started (QEMU, one instruction per translation block,
# log restricted to its code), and its size.
#   initializer.sh CONFIG PREFIX CAPDL_TOOL INITIALIZER SPEC_DIR GEN_CONFIG ADD_PAYLOAD LOADER SPEC[@EMBED_OPTION]...
set -eu
config=$1 prefix=$2 tool=$3 init=$4 dir=$5 gen_config=$6 add_payload=$7 loader=$8
shift 8
size=$(aarch64-linux-gnu-size "$init" | awk 'NR == 2 { print $1 + $2 }')
echo "capdl ($config): initializer $size bytes of code and data (no heap)"
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "capdl ($config): not measured: no seL4 kernel at $prefix"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
qemu=(qemu-system-aarch64 -machine virt -cpu cortex-a53 -m 2G -nographic -monitor none)
"${qemu[@]}" -serial none -machine dumpdtb="$work/virt.dtb" >/dev/null 2>&1
done_pc=$(aarch64-linux-gnu-nm "$init" | awk '$3 == "sel4c_capdl_done" { print $1 }')
text=0x400000..0x500000 # the initializer's image; nothing else runs before it is done
for arg in "$@"; do
    spec=${arg%%@*} option=
    [ "$spec" = "$arg" ] || option=${arg#*@}
    name=$(basename "$spec" .cdl)
    # shellcheck disable=SC2086
    "$tool" embed --initializer "$init" --spec "$spec" --files "$dir" --kernel-config "$gen_config" \
        --log-level info $option -o "$work/app.elf" >/dev/null
    "$add_payload" --loader "$loader" --sel4-prefix "$prefix" --dtb "$work/virt.dtb" \
        --app "$work/app.elf" -o "$work/image.elf" >/dev/null
    rm -f "$work/console" "$work/trace"
    timeout 20 "${qemu[@]}" -serial file:"$work/console" -singlestep -d exec,nochain \
        -dfilter "$text" -D "$work/trace" -kernel "$work/image.elf" >/dev/null 2>&1 &
    qpid=$!
    for _ in $(seq 100); do grep -q "system calls" "$work/console" 2>/dev/null && break; sleep 0.1; done
    kill "$qpid" 2>/dev/null || true
    wait "$qpid" 2>/dev/null || true
    count=$(awk -v d="$done_pc" '/^Trace/ { n++; if (index($0, "/00000000" d "/") || index($0, "/" d "/")) { print n - 1; exit } }' "$work/trace")
    line=$(grep -a -o "capdl: .*" "$work/console" | head -n 1)
    echo "capdl ($config) $name: ${line#capdl: }; ${count:-?} instructions to the last thread started"
done
