#!/usr/bin/env bash
# A cheap check for `make test` that bench/microkit's measurement can run: its log reader
# (trace.awk) parses, and its system builds with sel4c-sysbuild from the PDs built for
# CONFIG (only checked against the kernel's configuration, and the test skipped, when there is no
# kernel at PREFIX).
# Nothing is booted: the measurement is `make bench`'s.
#   smoke.sh CONFIG PREFIX GEN_CONFIG SYSBUILD SDK_DIR PD_DIR
set -eu
config=$1 prefix=$2 gen_config=$3 sysbuild=$4 sdk=$5 pds_dir=$6
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$(awk -f "$here/trace.awk" -v syms=/dev/null </dev/null 2>&1 || true)
case "$out" in
*"the log ends before"*) ;;
*) echo "trace.awk: $out"; exit 1 ;;
esac
if [ -f "$prefix/bin/kernel.elf" ]; then
    "$sysbuild" "$here/http.system" --sel4-prefix "$prefix" --sdk "$sdk" --search-path "$pds_dir" \
        -o "$work/image" -r "$work/report"
else
    "$sysbuild" check "$here/http.system" --kernel-config "$gen_config" --search-path "$pds_dir"
    echo "no seL4 kernel for $config at $prefix: the system checked, not built"
    exit 77
fi
