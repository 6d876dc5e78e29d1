#!/usr/bin/env bash
# Labelled PC ranges for count.awk, from PD ELF files and their link maps:
#   ranges.sh [--pd LABEL ELF [MAP [--part LABEL ERE]...]]... >ranges
# --pd: every executable LOAD segment of ELF is LABEL. With MAP (ld's -Map output of that
# link), each input section of .text whose "SECTION FILE" (e.g. ".text.memcpy
# /usr/lib/.../libc.a(memcpy.o)") matches an --part's extended regular expression is that
# part's LABEL instead (the first --part that matches wins); the rest stays the PD's.
# Prints "START END LABEL PD" lines (decimal, END exclusive; PD is the --pd LABEL the range
# belongs to, a part's too), sorted and disjoint; fails, saying which, if two PDs' code
# overlaps (link one elsewhere: trace.mk's trace_lds).
set -eu
readelf=${READELF:-aarch64-linux-gnu-readelf}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
usage() { echo "usage: ranges.sh [--pd LABEL ELF [MAP [--part LABEL ERE]...]]..." >&2; exit 2; }
n=0
while [ $# -gt 0 ]; do
    [ "$1" = --pd ] && [ $# -ge 3 ] || usage
    n=$((n + 1)) label=$2 elf=$3
    shift 3
    [ -f "$elf" ] || { echo "ranges.sh: error: no ELF file $elf" >&2; exit 1; }
    # (mawk has no strtonum: the hex fields are converted by hand)
    "$readelf" -lW "$elf" | awk -v label="$label" '
        function hex(h,    i, v) {
            sub(/^0x/, "", h); v = 0; h = tolower(h)
            for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
            return v
        }
        $1 == "LOAD" && /E +0x[0-9a-f]+$/ { printf "%d %d %s\n", hex($3), hex($3) + hex($6), label }' \
        >"$work/pd$n"
    [ -s "$work/pd$n" ] || { echo "ranges.sh: error: $elf has no executable segment" >&2; exit 1; }
    : >"$work/parts$n"
    if [ $# -gt 0 ] && [ "$1" != --pd ] && [ "$1" != --part ]; then
        map=$1
        shift
        [ -f "$map" ] || { echo "ranges.sh: error: no link map $map" >&2; exit 1; }
        rules=()
        while [ $# -ge 3 ] && [ "$1" = --part ]; do
            rules+=("$2" "$3")
            shift 3
        done
        # (the rules go through the environment: awk -v would take their backslashes as escapes)
        RULES=$(printf '%s\n' "${rules[@]+"${rules[@]}"}") awk '
            function hex(h,    i, v) {
                sub(/^0x/, "", h); v = 0; h = tolower(h)
                for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
                return v
            }
            BEGIN { nr = split(ENVIRON["RULES"], r, "\n"); for (i = 1; i + 1 <= nr; i += 2) { lab[++nl] = r[i]; ere[nl] = r[i + 1] } }
            /^Linker script and memory map/ { on = 1 }
            !on { next }
            # an input section: " .text.f 0xADDR 0xSIZE file", or its name alone on a line
            # when long, the rest on the next
            /^ \.text/ { name = $1; if (NF < 4) next; $0 = substr($0, length(name) + 2) }
            name != "" && $1 ~ /^0x/ && $2 ~ /^0x/ && $3 != "" {
                a = hex($1); s = hex($2); key = name " " $3
                for (i = 1; i <= nl && a && s; i++)
                    if (key ~ ere[i]) { printf "%d %d %s\n", a, a + s, lab[i]; break }
            }
            { name = "" }' "$map" >"$work/parts$n"
    fi
    [ $# -eq 0 ] || [ "$1" = --pd ] || usage
done
# The PDs' ranges must be disjoint; each PD's parts are cut out of its ranges.
sort -n -k1,1 "$work"/pd* | awk '
    NR > 1 && $1 < end { printf "ranges.sh: error: the code of %s and %s overlaps at %#x\n", last, $3, $1 > "/dev/stderr"; bad = 1 }
    { if ($2 > end) end = $2; last = $3 }
    END { exit bad }'
for i in $(seq "$n"); do
    sort -n -k1,1 "$work/parts$i" | awk -v pd="$work/pd$i" '
        BEGIN { while ((getline ln < pd) > 0) { split(ln, f, " "); lo[++np] = f[1]; hi[np] = f[2]; lab = f[3] } }
        { s[++k] = $1; e[k] = $2; l[k] = $3 }
        END {
            for (p = 1; p <= np; p++) {
                at = lo[p]
                for (i = 1; i <= k; i++) {
                    if (e[i] <= lo[p] || s[i] >= hi[p]) continue
                    if (s[i] > at) printf "%d %d %s %s\n", at, s[i], lab, lab
                    printf "%d %d %s %s\n", (s[i] > at ? s[i] : at), e[i], l[i], lab
                    if (e[i] > at) at = e[i]
                }
                if (at < hi[p]) printf "%d %d %s %s\n", at, hi[p], lab, lab
            }
        }'
done | sort -n -k1,1
