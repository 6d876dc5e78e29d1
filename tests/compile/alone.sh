#!/usr/bin/env bash
# Every public header of configuration CONFIG (hand-written and generated) compiles when it
# is included first and alone, as C11 and as C++17, with the cross compilers and on the host
# (system-call primitives replaced by the recorder), with -Wall -Wextra -Werror. The
# exceptions are libsel4's headers for another CPU (sel4/arch/constants_cortex_*.h) or
# kernel flavour (sel4/syscalls_mcs.h, sel4/syscalls_master.h), and microkit.h as C++ (its
# entry point protected() is a C++ keyword, as in libmicrokit): those must stop at #error.
#   alone.sh CONFIG CROSS_PREFIX "INCLUDES"
set -eu
config=$1 cross=$2 includes=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2206
inc=($includes)
host_inc=(-Itests/recorder/include "${inc[@]}")
# each header once, as the include path finds it (the first directory that has it)
for flag in "${inc[@]}"; do
    dir=${flag#-I}
    (cd "$dir" && find . -name '*.h' | sed 's|^\./||')
done | grep -v "^arch/" | awk '!seen[$0]++' | LC_ALL=C sort >"$work/headers"
compilers=(
    "${cross}gcc -std=c11 -x c" "${cross}g++ -std=c++17 -x c++"
    "gcc -std=c11 -x c" "g++ -std=c++17 -x c++"
)
checked=0 refused=0 failed=0
while read -r h; do
    printf '#include <%s>\n' "$h" >"$work/one.h"
    for compiler in "${compilers[@]}"; do
        paths=("${inc[@]}")
        case $compiler in "${cross}"*) ;; *) paths=("${host_inc[@]}") ;; esac
        # shellcheck disable=SC2086
        if $compiler -ffreestanding -Wall -Wextra -Werror "${paths[@]}" -fsyntax-only \
            "$work/one.h" >"$work/out" 2>&1; then
            checked=$((checked + 1))
            continue
        fi
        case $h in
        sel4/arch/constants_cortex_*.h | sel4/syscalls_mcs.h | sel4/syscalls_master.h | \
            microkit.h)
            if grep -q "error: #error" "$work/out"; then
                refused=$((refused + 1))
                continue
            fi
            ;;
        esac
        echo "$h does not compile alone with ${compiler%% *} (${compiler#* }):"
        head -15 "$work/out" | sed 's/^/  | /'
        failed=$((failed + 1))
    done
done <"$work/headers"
[ $failed -eq 0 ] || exit 1
echo "$config: $(wc -l <"$work/headers") headers; $checked compiles alone (C11 and C++17, cross and host)," \
    "$refused refusals by #error (another CPU's or kernel flavour's header, microkit.h as C++)"
