#!/usr/bin/env bash
# Boots PDs of tests/system/microkit on a real seL4 kernel, until sel4c-sysbuild builds
# their .system files: tests/capdl/pdspec writes the CapDL of the PDs laid out as the
# builder contract says (docs/microkit.md) and patches their images, the CapDL initializer
# creates them, and the console is judged by the sentinels. With --symbolize, the panic
# backtrace on the console must resolve to FUNCS (in this order) in ELF.
#   boot.sh CONFIG PREFIX OUT "PDSPEC ARGS" PDSPEC CAPDL INITIALIZER ADD_PAYLOAD LOADER QEMU_RUN
#           [--symbolize SYMBOLIZE ELF "FUNCS"] SENTINEL ARGS...
set -u
config=$1 prefix=$2 out=$3 spec_args=$4 pdspec=$5 capdl=$6 initializer=$7
add_payload=$8 loader=$9 qemu_run=${10}
shift 10
symbolize=
if [ "${1:-}" = --symbolize ]; then
    symbolize=$2 elf=$3 funcs=$4
    shift 4
fi
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "no seL4 kernel for $config at $prefix (build one, or set SEL4_INSTALLS)"
    exit 77
fi
rm -rf "$out" && mkdir -p "$out" || exit 1
# shellcheck disable=SC2086 # the PD and channel arguments are words
"$pdspec" --out "$out" $spec_args >"$out/system.cdl" || exit 1
"$capdl" embed --initializer "$initializer" --spec "$out/system.cdl" --files "$out" \
    --kernel-config "$prefix/libsel4/include/kernel/gen_config.json" -o "$out/image.elf" || exit 1
tools/qemu-run/boot-sel4.sh "$prefix" "$out/image.elf" "$add_payload" "$loader" "$qemu_run" -- \
    --timeout 60 --log "$out/console" --fail "seL4 called fail" --fail "sel4c capdl: error" \
    --fail "[error]" --fail "FAIL" "$@"
rc=$?
cat "$out/console"
[ $rc -eq 0 ] || exit 1
[ -n "$symbolize" ] || exit 0
"$symbolize" "$elf" "$out/console" >"$out/symbolized" || { cat "$out/symbolized"; exit 1; }
got=$(grep -oE '^  0x[0-9a-f]+ [a-z_0-9]+' "$out/symbolized" | awk '{ print $2 }' | tr '\n' ' ')
case "$got" in
*"$funcs"*) echo "backtrace resolves to: $got" ;;
*) echo "FAILED: backtrace resolves to: $got (expected $funcs)"; exit 1 ;;
esac
