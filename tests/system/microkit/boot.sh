#!/usr/bin/env bash
# Builds a system of tests/system/microkit with sel4c-sysbuild and boots it on a real seL4
# kernel, judged by the sentinels. With --symbolize, a backtrace on the console must resolve
# to FUNCS (in this order) in ELF. The report and the console are kept in OUT.
#   boot.sh CONFIG PREFIX SYSTEM PD-DIR OUT SYSBUILD SDK QEMU_RUN
#           [--symbolize SYMBOLIZE ELF "FUNCS"] SENTINEL ARGS... [-- QEMU-ARGS...]
set -u
config=$1 prefix=$2 system=$3 pds=$4 out=$5 sysbuild=$6 sdk=$7 qemu_run=$8
shift 8
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
# Three minutes: a region at a fixed address makes the kernel clear the 512 MiB boot untyped
# it lies in, which takes tens of seconds under QEMU on a loaded machine (SMP most).
tools/qemu-run/boot-system.sh "$prefix" "$system" "$sysbuild" "$sdk" "$qemu_run" \
    --search-path "$pds" --report "$out/report.txt" -- \
    --timeout 180 --log "$out/console" --fail "seL4 called fail" --fail "sel4c capdl: error" \
    --fail "[error]" --fail "FAIL" "$@"
rc=$?
[ ! -f "$out/console" ] || cat "$out/console"
[ $rc -eq 0 ] || exit 1
[ -n "$symbolize" ] || exit 0
"$symbolize" "$elf" "$out/console" >"$out/symbolized" || { cat "$out/symbolized"; exit 1; }
got=$(grep -oE '^  0x[0-9a-f]+ [a-z_0-9]+' "$out/symbolized" | awk '{ print $2 }' | tr '\n' ' ')
case "$got" in
*"$funcs"*) echo "backtrace resolves to: $got" ;;
*) echo "FAILED: backtrace resolves to: $got (expected $funcs)"; exit 1 ;;
esac
