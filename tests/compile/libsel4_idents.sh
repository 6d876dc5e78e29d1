#!/usr/bin/env bash
# Every header and identifier libsel4 installs for configuration CONFIG, provided by sel4c
# with a compatible definition. libsel4's headers are read by the compilers themselves:
# macros from `cc -dM -E`, declarations from clang's AST (tests/compile/decls.c). Then a
# probe file, one check per line, is compiled against libsel4 (checks it cannot compile
# are dropped: say, sizeof of an incomplete type) and must compile against sel4c, giving
# the same values:
#   macros          defined, object- or function-like with the same parameters; the value
#                   of every one that is an integer constant expression
#   enum constants  the value
#   typedefs, tags  size and alignment; a typedef of a scalar or pointer names the same type
#   members         offset and size
#   functions       assignable to a pointer of libsel4's prototype (no incompatible pointer)
#   variables       redeclarable with libsel4's type and thread-local storage
# Headers of another CPU or kernel flavour (which fail in libsel4 too) are checked for
# presence only. Skips (77) when the install is absent.
#   libsel4_idents.sh CONFIG PREFIX CC "SEL4C_INCLUDES" DECLS
set -eu
config=$1 prefix=$2 cc=$3 includes=$4 decls=$5
libsel4=$prefix/libsel4/include
if [ ! -d "$libsel4" ]; then
    echo "no seL4 install at $prefix (set SEL4_INSTALLS)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
triple=$(basename "${cc%-gcc}")
# shellcheck disable=SC2206
sel4c=($includes)
# the probes are judged by errors only: warnings (deprecated names, unused) do not count
cflags=("-std=gnu11" "-ffreestanding" "-fmax-errors=0" "-fno-zero-initialized-in-bss"
    "-Werror=incompatible-pointer-types" "-Wno-deprecated-declarations")

# 1. Headers: each at the same path in sel4c. Those that compile after sel4/sel4.h make up
#    the translation unit whose identifiers are checked.
(cd "$libsel4" && find . -name '*.h' | sed 's|^\./||' | LC_ALL=C sort) >"$work/headers"
missing=0
while read -r h; do
    printf '#if !__has_include(<%s>)\n#error missing\n#endif\n' "$h" >"$work/has.c"
    if ! $cc "${sel4c[@]}" -E "$work/has.c" -o /dev/null 2>/dev/null; then
        echo "missing header: $h"
        missing=$((missing + 1))
        continue
    fi
    printf '#include <sel4/sel4.h>\n#include <%s>\n' "$h" >"$work/one.c"
    if $cc "${cflags[@]}" -I"$libsel4" -fsyntax-only "$work/one.c" 2>/dev/null; then
        echo "$h" >>"$work/tu-headers"
    else
        echo "$h" >>"$work/other-headers"
    fi
done <"$work/headers"
{
    echo '#include <sel4/sel4.h>'
    sed 's/.*/#include <&>/' "$work/tu-headers"
} >"$work/tu.h"
echo '#include <stdint.h>' >"$work/base.h"

# 2. What libsel4 declares: macros (name, and parameters when function-like) and
#    declarations, less what <stdint.h> and the compiler declare.
macros() { # FILE INCLUDE-FLAGS...: "NAME", or "NAME/N" for a macro of N parameters
    local f=$1
    shift
    $cc "${cflags[@]}" "$@" -dM -E "$f" | sed -nE 's/^#define ([A-Za-z_][A-Za-z0-9_]*(\([^)]*\))?).*/\1/p' |
        awk -F'(' 'NF == 1 { print; next } { p = $2; sub(/\)$/, "", p); print $1 "/" (p == "" ? 0 : split(p, a, ",")) }' |
        LC_ALL=C sort -u
}
macros "$work/base.h" >"$work/base-macros"
macros "$work/tu.h" -I"$libsel4" | LC_ALL=C comm -23 - "$work/base-macros" >"$work/macros"
macros "$work/tu.h" "${sel4c[@]}" >"$work/sel4c-macros"
ast() { clang --target="$triple" -ffreestanding -std=gnu11 -I"$libsel4" -fsyntax-only \
    -Xclang -ast-dump=json -x c "$1" >"$work/ast.json" && "$decls" "$work/ast.json"; }
ast "$work/base.h" >"$work/base-decls.txt" && ast "$work/tu.h" >"$work/tu-decls.txt" ||
    { echo "clang cannot read libsel4's headers"; exit 1; }
LC_ALL=C sort "$work/base-decls.txt" >"$work/base-decls"
LC_ALL=C sort "$work/tu-decls.txt" | LC_ALL=C comm -23 - "$work/base-decls" >"$work/decls"
[ -s "$work/decls" ] && [ -s "$work/macros" ] || { echo "nothing read from libsel4's headers"; exit 1; }

# 3. The probe: one check per line, after a header of HEAD lines; desc says what line i
#    checks. (Macro presence is compared from the -dM lists directly.)
HEAD=4
awk -F'\t' -v macros="$work/macros" -v desc="$work/desc" '
function v(expr, what) { n++; printf "V(v_%d, %s)\n", n, expr; print what > desc }
function check(line, what) { n++; print line; print what > desc }
BEGIN {
    print "#include \"tu.h\""
    print "#define V(id, e) const long long id __attribute__((used)) = (long long)(e);"
    print "#define SEL4C_OFF(t, m) __builtin_offsetof(t, m)"
    print "#define SEL4C_MSIZE(t, m) sizeof(((t *)0)->m)"
    n = 0
    while ((getline m < macros) > 0)
        if (m !~ /\//)
            v("(" m ")", "macro " m " value")
}
$1 == "enumconst" { v($2, "enum constant " $2 " value") }
$1 == "typedef"   { if ($3 ~ /unnamed|anonymous/)
                        check("typedef " $2 " sel4c_t_" NR ";", "typedef " $2)
                    else
                        check("_Static_assert(__builtin_types_compatible_p(" $2 ", " $3 "), \"\");", "typedef " $2 " names " $3)
                    v("sizeof(" $2 ")", "typedef " $2 " size"); v("_Alignof(" $2 ")", "typedef " $2 " alignment") }
$1 == "tag"       { v("sizeof(" $2 ")", $2 " size"); v("_Alignof(" $2 ")", $2 " alignment") }
$1 == "member" && $4 != "bitfield" {
                    v("SEL4C_OFF(" $2 ", " $3 ")", $2 "." $3 " offset")
                    v("SEL4C_MSIZE(" $2 ", " $3 ")", $2 "." $3 " size") }
$1 == "member" && $4 == "bitfield" {
                    check("static inline long long sel4c_b_" NR "(" $2 " *p) { return p->" $3 "; }", $2 "." $3 " (bit-field)") }
$1 == "function" {
    # "ret (params)": the last parenthesised group is the parameter list
    t = $3; depth = 0
    for (i = length(t); i > 0; i--) {
        c = substr(t, i, 1)
        if (c == ")") depth++
        else if (c == "(" && --depth == 0) break
    }
    ret = substr(t, 1, i - 1); params = substr(t, i)
    check(ret "(*const sel4c_f_" NR ")" params " __attribute__((used)) = " $2 ";", "function " $2 ": " t) }
$1 == "var" {
    t = $3; decl = (index(t, "[") ? substr(t, 1, index(t, "[") - 1) $2 substr(t, index(t, "[")) : t " " $2)
    check("extern " ($4 == "tls" ? "__thread " : "") decl ";", "variable " $2 ": " t) }
' "$work/decls" >"$work/probe.c"
cp "$work/tu.h" "$work/probe-tu.h"
sed -i 's|"tu.h"|"probe-tu.h"|' "$work/probe.c"

# The probe lines (item numbers) that compile against INCLUDES produces errors for.
failing() { # INCLUDE-FLAGS...
    $cc "${cflags[@]}" "$@" -S -o "$work/probe.s" "$work/probe.c" 2>"$work/errors" && return 0
    grep -oE "probe\.c:[0-9]+:[0-9]+: (error|note: in expansion)" "$work/errors" |
        sed -E 's/probe\.c:([0-9]+):.*/\1/' | awk -v h=$HEAD '$1 > h { print $1 - h }' | sort -un
}
# Against libsel4: drop what it cannot compile itself, until the probe compiles.
for round in 1 2 3 4 5 6 7 8; do
    failing -I"$libsel4" >"$work/drop" || true
    [ -s "$work/drop" ] || break
    awk -v h=$HEAD 'NR == FNR { drop[$1 + h] = 1; next } !(FNR in drop)' "$work/drop" "$work/probe.c" >"$work/p2"
    awk 'NR == FNR { drop[$1] = 1; next } !(FNR in drop)' "$work/drop" "$work/desc" >"$work/d2"
    mv "$work/p2" "$work/probe.c"
    mv "$work/d2" "$work/desc"
done
if [ -s "$work/drop" ]; then
    echo "the probe does not compile against libsel4:"
    head -20 "$work/errors"
    exit 1
fi
# "n value" per V(v_n, ...) of the compiled probe; a string literal's value is its text
values() { awk 'NR == FNR { if ($1 ~ /^\.LC[0-9]+:$/) l = substr($1, 1, length($1) - 1)
                          else if (l && $1 == ".string") { sub(/^[ \t]*\.string[ \t]*/, ""); str[l] = $0; l = "" }
                          next }
    /^v_[0-9]+:/ { id = $1; sub(":", "", id); next }
    id && $1 == ".xword" { print substr(id, 3), ($2 in str ? str[$2] : $2); id = "" }
    id && $1 == ".zero" { print substr(id, 3), 0; id = "" }' "$work/probe.s" "$work/probe.s" | sort -n; }
values >"$work/libsel4-values"

# Against sel4c: every check must compile and every value be the same.
failed=0
if ! failing "${sel4c[@]}" >"$work/fail"; then :; fi
if [ -s "$work/fail" ]; then
    echo "sel4c lacks or differs (probe check: what):"
    awk 'NR == FNR { bad[$1] = 1; next } (FNR in bad) { print "  " $0 }' "$work/fail" "$work/desc"
    grep -E "error" "$work/errors" | head -40 | sed 's/^/    | /'
    failed=1
else
    values >"$work/sel4c-values"
    # the check number of each value: V lines carry v_<n>, n counted over V lines only
    grep -n "^V(v_" "$work/probe.c" | sed -E 's/^([0-9]+):V\(v_([0-9]+),.*/\2 \1/' >"$work/vline"
    join <(sort "$work/libsel4-values") <(sort "$work/sel4c-values") | awk '$2 != $3' >"$work/diff" || true
    if [ -s "$work/diff" ]; then
        echo "values differ (libsel4 | sel4c):"
        while read -r id a b; do
            line=$(awk -v id="$id" '$1 == id { print $2 }' "$work/vline")
            echo "  $(sed -n "$((line - HEAD))p" "$work/desc"): $a | $b"
        done <"$work/diff"
        failed=1
    fi
    if [ "$(wc -l <"$work/libsel4-values")" != "$(wc -l <"$work/sel4c-values")" ]; then
        echo "value counts differ"
        failed=1
    fi
fi
# Each header on its own gives at least the macros libsel4's does on its own (code may
# include just one header). The configuration comes first: some of libsel4's headers use
# it without including it.
while read -r h; do
    printf '#include <sel4/config.h>\n#include <%s>\n' "$h" >"$work/alone.h"
    macros "$work/alone.h" -I"$libsel4" >"$work/alone-libsel4" 2>/dev/null || continue
    nalone=$((${nalone:-0} + 1))
    macros "$work/alone.h" "${sel4c[@]}" >"$work/alone-sel4c" 2>/dev/null || true
    LC_ALL=C comm -23 "$work/alone-libsel4" "$work/alone-sel4c" | LC_ALL=C comm -23 - "$work/base-macros" >"$work/alone-missing"
    if [ -s "$work/alone-missing" ]; then
        echo "<$h> alone lacks macros that libsel4's gives: $(head -8 "$work/alone-missing" | tr '\n' ' ')"
        failed=1
    fi
    # and its declarations by name (their definitions were compared above), where libsel4's
    # header compiles on its own
    ast "$work/alone.h" >"$work/alone-decls" 2>/dev/null || continue
    nalone_decls=$((${nalone_decls:-0} + 1))
    LC_ALL=C sort "$work/alone-decls" | LC_ALL=C comm -23 - "$work/base-decls" |
        awk -F'\t' '{ n++ }
            $1 == "enumconst" { print "static const long long sel4c_e_" n " __attribute__((unused)) = sizeof(" $2 ");" }
            $1 == "function" || $1 == "var" { print "static const long long sel4c_e_" n " __attribute__((unused)) = sizeof(&" $2 ");" }
            $1 == "typedef" { print "typedef " $2 " sel4c_t_" n ";" }' >"$work/alone-body.c"
    cat "$work/alone.h" "$work/alone-body.c" >"$work/alone.c"
    if ! $cc "${cflags[@]}" "${sel4c[@]}" -fsyntax-only "$work/alone.c" 2>"$work/alone-errors"; then
        echo "<$h> alone lacks declarations that libsel4's gives:"
        grep "error" "$work/alone-errors" | head -8 | sed 's/^/  | /'
        failed=1
    fi
done <"$work/tu-headers"
# Macros: each of libsel4's, as object- or function-like with the same parameters.
LC_ALL=C comm -23 "$work/macros" "$work/sel4c-macros" >"$work/missing-macros"
if [ -s "$work/missing-macros" ]; then
    echo "macros missing or with other parameters in sel4c:"
    sed 's/^/  /' "$work/missing-macros"
    failed=1
fi
[ $missing -eq 0 ] || { echo "$missing headers missing"; failed=1; }
[ $failed -eq 0 ] || exit 1

count() { grep -c "^$1" "$work/decls" || true; }
nmacros=$(wc -l <"$work/macros")
nchecks=$(wc -l <"$work/desc")
nvalues=$(wc -l <"$work/libsel4-values")
total=$((nmacros + $(wc -l <"$work/decls")))
echo "$config: $(wc -l <"$work/headers") headers ($(wc -l <"$work/other-headers" 2>/dev/null || echo 0) of another CPU or kernel flavour, presence only)"
echo "$config: $total identifiers checked: $nmacros macros, $(count enumconst) enum constants, $(count typedef) typedefs, $(count tag) tags, $(count member) members, $(count function) functions, $(count var) variables"
echo "$config: $nchecks probe checks compile against sel4c, $nvalues values equal; nothing missing"
echo "$config: each of libsel4's headers alone gives no more than sel4c's: $nalone for macros, $nalone_decls for declarations"
