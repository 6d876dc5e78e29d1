#!/usr/bin/env bash
# sel4c-sysbuild against its fixtures (tests/fixtures/sysbuild):
#   invalid/*.system  line 1 is `<!-- expect: LINE:COL: MESSAGE -->`: the tool must exit 2 and
#                     print FILE:LINE:COL: error: ...MESSAGE... and write no output file
#   valid/*.system    `check` must print "ok" and exit 0
# An optional `<!-- config: NAME -->` line picks the kernel configuration (default
# aarch64-microkit) and `<!-- mode: build -->` runs build mode (for program image checks)
# instead of `check`. Program images are small AArch64 ELFs built here from pd.c.
#   fixtures.sh SYSBUILD SHARED_DIR CC
set -eu -o pipefail
tool=$(realpath "$1") shared=$2 cc=$3
fix=tests/fixtures/sysbuild
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Program images: a Microkit PD and variants lacking what the builder needs.
elves=$work/elf
mkdir -p "$elves"
build_elf() { # name, extra flags
    local name=$1
    shift
    "$cc" -nostdlib -static -ffreestanding -O1 -Wl,--build-id=none "$@" "$fix/pd.c" \
        -o "$elves/$name" 2>"$work/cc.log" || { cat "$work/cc.log"; exit 1; }
}
build_elf pd.elf -Wl,-Ttext=0x200000
build_elf noname.elf -Wl,-Ttext=0x200000 -DNO_NAME
build_elf noirqs.elf -Wl,-Ttext=0x200000 -DNO_IRQS
build_elf shortpps.elf -Wl,-Ttext=0x200000 -DPPS_TYPE=uint32_t
build_elf high.elf -Wl,-Ttext=0xffffffd000
printf "%0128d\n" 0 >"$elves/notelf.elf" # text, longer than an ELF header
gcc -nostdlib -static -ffreestanding -O1 "$fix/pd.c" -o "$elves/x86.elf" # the host's machine
cp "$fix"/files/* "$elves/"

pass=0 fail=0
directive() { # file, key
    sed -n "1,3s/^<!-- $2: \(.*\) -->\$/\1/p" "$1"
}
run() { # file, output directory
    local f=$1 out=$2 config mode
    config=$(directive "$f" config)
    mode=$(directive "$f" mode)
    config=${config:-aarch64-microkit}
    if [ "$mode" = build ]; then
        (cd "$out" && "$tool" "$OLDPWD/$f" --sel4-prefix "$shared/sel4/$config" \
            --search-path "$elves" -o "$out/loader.img" -r "$out/report.txt" \
            --capdl "$out/spec.cdl")
    else
        (cd "$out" && "$tool" check "$OLDPWD/$f" \
            --kernel-config "$shared/sel4/$config/libsel4/include/kernel/gen_config.json" \
            --search-path "$elves")
    fi
}

for f in "$fix"/invalid/*.system; do
    expect=$(directive "$f" expect)
    out=$work/out/$(basename "$f" .system)
    mkdir -p "$out"
    status=0
    run "$f" "$out" >"$work/stdout" 2>"$work/stderr" || status=$?
    where=${expect%%: *} msg=${expect#*: }
    if [ -z "$expect" ]; then
        echo "FAIL $f: no expect line"
    elif [ "$status" != 2 ]; then
        echo "FAIL $f: exit $status, expected 2"
    elif ! grep -qF -- "$PWD/$f:$where: error: " "$work/stderr"; then
        echo "FAIL $f: no error at $where"
    elif ! grep -F -- "$PWD/$f:$where: error: " "$work/stderr" | grep -qF -- "$msg"; then
        echo "FAIL $f: the error at $where does not say: $msg"
    elif [ -n "$(ls -A "$out")" ]; then
        echo "FAIL $f: left output: $(ls -A "$out")"
    else
        pass=$((pass + 1))
        continue
    fi
    sed 's/^/    /' "$work/stderr"
    fail=$((fail + 1))
done
ninvalid=$pass

for f in "$fix"/valid/*.system; do
    out=$work/out/$(basename "$f" .system)
    mkdir -p "$out"
    status=0
    run "$f" "$out" >"$work/stdout" 2>"$work/stderr" || status=$?
    if [ "$status" = 0 ] && [ "$(cat "$work/stdout")" = ok ] && [ ! -s "$work/stderr" ]; then
        pass=$((pass + 1))
    else
        echo "FAIL $f: exit $status"
        sed 's/^/    /' "$work/stdout" "$work/stderr"
        fail=$((fail + 1))
    fi
done

# Every error is reported, not only the first; the count is exact.
for f in "$fix"/multiple-errors*.system; do
    status=0
    "$tool" check "$f" \
        --kernel-config "$shared/sel4/aarch64-microkit/libsel4/include/kernel/gen_config.json" \
        2>"$work/stderr" || status=$?
    n=$(grep -c ': error: ' "$work/stderr" || true)
    if [ "$status" = 2 ] && [ "$n" = "$(directive "$f" errors)" ]; then
        pass=$((pass + 1))
    else
        echo "FAIL $f: exit $status, $n errors"
        cat "$work/stderr"
        fail=$((fail + 1))
    fi
done

# The command line: version, help, and refusals that name what is missing.
cli() { # expected status, expected text, arguments...
    local want=$1 text=$2 status=0
    shift 2
    "$tool" "$@" >"$work/stdout" 2>"$work/stderr" || status=$?
    if [ "$status" = "$want" ] && grep -qF -- "$text" "$work/stdout" "$work/stderr"; then
        pass=$((pass + 1))
    else
        echo "FAIL sel4c-sysbuild $*: exit $status (expected $want, saying: $text)"
        cat "$work/stdout" "$work/stderr"
        fail=$((fail + 1))
    fi
}
version=$(sed -n 's/^SEL4C_VERSION := //p' mk/version.mk)
cli 0 "sel4c-sysbuild $version" --version
cli 0 "usage: sel4c-sysbuild" --help
cli 2 "no system description given" check --kernel-config x.json
cli 2 "give --sel4-prefix or --kernel-config" check "$fix/valid/smp.system"
cli 2 "give --sel4-prefix (the seL4 install to build for)" "$fix/valid/smp.system"
cli 2 "--kernel-config is for check" "$fix/valid/smp.system" --sel4-prefix "$shared/sel4/aarch64" \
    --kernel-config x.json
cli 2 "--initializer-log-level: \`loud\` is not error, warn, info or debug" "$fix/valid/smp.system" \
    --sel4-prefix "$shared/sel4/aarch64" --initializer-log-level loud
cli 2 "more than one system description" check a.system b.system --kernel-config x.json
cli 2 "nowhere.json: error: cannot read" check "$fix/valid/smp.system" --kernel-config nowhere.json
cli 2 "sel4c-sysbuild builds AArch64 systems; this kernel is x86_64" check "$fix/valid/smp.system" \
    --kernel-config "$shared/sel4/x86_64/libsel4/include/kernel/gen_config.json"

echo "$pass passed ($ninvalid distinct errors), $fail failed"
[ "$fail" = 0 ]
