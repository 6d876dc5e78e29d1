#!/usr/bin/env bash
# sel4c-sysbuild's back end on examples/hello-microkit: the CSpaces it builds (every CNode's
# caps, and the TCBs' slots) against a golden copy, the spec accepted by sel4c-capdl, the
# report's and the picture's contents, and no output at all when the build fails.
#   backend.sh SYSBUILD CAPDL CONFIG PREFIX SDK PD-DIR
set -u
sysbuild=$1 capdl=$2 config=$3 prefix=$4 sdk=$5 pds=$6
golden=tests/fixtures/sysbuild/golden/hello-microkit-$config.caps
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "no seL4 kernel for $config at $prefix (build one, or set SEL4_INSTALLS)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$sysbuild" examples/hello-microkit/hello.system --sel4-prefix "$prefix" --sdk "$sdk" \
    --search-path "$pds" -o "$work/loader.img" -r "$work/report.txt" --capdl "$work/spec.cdl" \
    --svg "$work/system.svg" || fail "the build failed"

# The caps of CNodes and TCBs do not depend on the images' bytes: compare them whole.
awk '/^caps \{/ { in_caps = 1; next }
     in_caps && /^}/ { in_caps = 0; keep = 0 }
     in_caps && /^  [^ ].* \{$/ { keep = ($1 ~ /\.(cnode|cspace|tcb)$/) }
     in_caps && keep { print }' "$work/spec.cdl" >"$work/caps"
if [ -n "${SEL4C_UPDATE_GOLDEN:-}" ]; then
    cp "$work/caps" "$golden"
fi
diff -u "$golden" "$work/caps" || fail "the CSpaces differ from $golden"
"$capdl" check "$work/spec.cdl" >/dev/null || fail "sel4c-capdl refuses the spec"

for want in "Protection domain \`greeter\` (index 0)" "priority 150" \
    "74: pp endpoint     greeter.endpoint (RWGP) badge 0x8000000000000001" \
    "1: input           greeter.endpoint" "channel 0 -> \`greeter\` (its channel 1), pp, notify" \
    "map greeting         [0x4000000, 0x4001000) r" "setvar greeting" \
    "greeting         0x1000 bytes in 4 KiB pages, placed at boot by the initializer" \
    "CapDL spec" "Boot image"; do
    grep -qF -- "$want" "$work/report.txt" || fail "the report lacks: $want"
done
if command -v xmllint >/dev/null; then
    xmllint --noout "$work/system.svg" || fail "the picture is not well-formed XML"
fi
grep -q '</svg>' "$work/system.svg" || fail "the picture is not SVG"
for want in '>greeter</text>' '>client</text>' '>pp, notify</text>' '>prio 150</text>'; do
    grep -qF -- "$want" "$work/system.svg" || fail "the picture lacks: $want"
done

# A failing build writes nothing, not even the outputs that could be made.
rm -f "$work"/loader.img "$work"/report.txt "$work"/spec.cdl "$work"/system.svg
if "$sysbuild" examples/hello-microkit/hello.system --sel4-prefix "$prefix" --sdk "$work" \
    --search-path "$pds" -o "$work/loader.img" -r "$work/report.txt" --capdl "$work/spec.cdl" \
    >"$work/out" 2>&1; then
    fail "a build without the SDK's images succeeded"
fi
grep -q "$work/[a-z-]*\.elf" "$work/out" || fail "no message naming the missing image of the SDK"
for f in loader.img report.txt spec.cdl; do
    [ ! -e "$work/$f" ] || fail "$f written by a failed build"
done
echo "ok: CSpaces as golden, spec accepted, report and picture complete, nothing written on error"
