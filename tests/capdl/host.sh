#!/usr/bin/env bash
# sel4c-capdl on the host: the fixture in text and JSON reads the same, text -> binary ->
# text round-trips, output is deterministic, embedding yields a sound ELF, and each kind of
# bad spec is refused with file:line, exit 2 and no output file.
#   host.sh SEL4C_CAPDL INITIALIZER READELF
set -u
tool=$1 init=$2 readelf=$3
fx=tests/fixtures/capdl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
yes "sel4c capdl fill data" | head -c 5000 >"$tmp/blob.bin"

"$tool" check "$fx/system.cdl" --files "$tmp" >/dev/null || bad "check of the fixture"
"$tool" print "$fx/system.cdl" >"$tmp/text.txt" || bad "print text"
"$tool" print "$fx/system.json" >"$tmp/json.txt" || bad "print json"
cmp -s "$tmp/text.txt" "$tmp/json.txt" || bad "JSON and text forms print differently"
"$tool" print "$tmp/text.txt" >"$tmp/again.txt" && cmp -s "$tmp/text.txt" "$tmp/again.txt" ||
    bad "the normalized form is not a fixed point"
"$tool" serialize "$fx/system.cdl" --files "$tmp" -o "$tmp/a.bin" || bad "serialize"
"$tool" serialize "$fx/system.json" --files "$tmp" -o "$tmp/b.bin" || bad "serialize json"
cmp -s "$tmp/a.bin" "$tmp/b.bin" || bad "binary from JSON and from text differ"
"$tool" print "$tmp/a.bin" >"$tmp/round.txt" || bad "print binary"
cmp -s "$tmp/text.txt" "$tmp/round.txt" || { bad "text -> binary -> text differs"; diff "$tmp/text.txt" "$tmp/round.txt" | head; }
"$tool" stats "$fx/system.cdl" | grep -q "^frame  *4  *2105344$" || bad "stats: frames"

out=$("$tool" embed --initializer "$init" --spec "$fx/system.cdl" --files "$tmp" -o "$tmp/img.elf") ||
    bad "embed"
echo "$out" | grep -q "1 frames embedded for zero copy" || bad "embed: zero-copy frame count: $out"
stored=$(echo "$out" | sed -n 's/.*stored as \([0-9]*\)$/\1/p')
[ -n "$stored" ] && [ "$stored" -lt 100 ] || bad "embed: fill data not compressed ($out)"
[ -z "$("$readelf" -a "$tmp/img.elf" 2>&1 >/dev/null)" ] || bad "embedded image: readelf warns"
"$tool" embed --initializer "$tmp/blob.bin" --spec "$fx/system.cdl" --files "$tmp" -o "$tmp/x.elf" \
    2>/dev/null && bad "embed into a non-ELF succeeded"
[ -e "$tmp/x.elf" ] && bad "failed embed left an output file"

# The SMC capability: a cap to it in a CNode survives text -> binary -> text.
printf 'arch aarch64\nobjects {\n  smc = arm_smc\n  cn = cnode (3 bits)\n}\ncaps {\n  cn {\n    0x7: smc\n  }\n}\n' >"$tmp/smc.cdl"
"$tool" serialize "$tmp/smc.cdl" --files "$tmp" -o "$tmp/smc.bin" || bad "serialize an SMC cap"
"$tool" print "$tmp/smc.bin" | grep -q "0x7: smc" || bad "the SMC cap did not survive"

# Each case: a spec (text after the shared preamble) and the message it must produce.
pre='arch aarch64
objects {
  ep = ep
  cn = cnode (2 bits)
  f = frame (4k)
  pt = pt
  pt2 = pt
  pd = pd
  t = tcb
  n = notification'
case_() { # name, expected message, rest of spec
    printf '%s\n%s\n' "$pre" "$3" >"$tmp/$1.cdl"
    "$tool" serialize "$tmp/$1.cdl" --files "$tmp" -o "$tmp/$1.out" 2>"$tmp/$1.err"
    rc=$?
    [ $rc = 2 ] || bad "$1: exit $rc, expected 2"
    grep -q "^$tmp/$1.cdl:[0-9]*: error: .*$2" "$tmp/$1.err" || { bad "$1: no \"$2\" with file:line"; cat "$tmp/$1.err"; }
    [ -e "$tmp/$1.out" ] && bad "$1: output written"
}
case_ smc-in-untyped "takes no memory" '  u = ut (12 bits) { s = arm_smc }
}'
case_ smc-holds-caps "holds no caps" '  s = arm_smc
}
caps { s { 0x1: ep } }'
case_ dangling "which is not an object" '}
caps { cn { 0x1: nothing } }'
case_ duplicate-slot "filled twice" '}
caps { cn { 0x1: ep (RW)
0x1: n (W) } }'
case_ frame-grant "cannot have grant" '}
caps { cn { 0x1: f (RWG) } }'
case_ pt-twice "is mapped in .pd. and in .pd." '  pd2 = pd
}
caps { pd { 0: pt }
pd2 { 1: pt } }'
case_ cnode-slot "outside its 2-bit CNode" '}
caps { cn { 0x4: ep } }'
case_ tcb-slot "expected a cnode" '}
caps { t { cspace: ep } }'
case_ pt-level "expected a pt or 2M/4k frame" '}
caps { pd { 0: pd } }'
case_ write-only "write-only" '}
caps { pt { 0: f (W) } }'
case_ unknown-type "unknown object type .widget." '  w = widget
}'
case_ frame-size "does not exist on AArch64" '  g = frame (64k)
}'
case_ fill-past-end "extends past its end" '  h = frame (4k, fill: [{4000 200 CDL_FrameFill_FileData "blob.bin" 0}])
}'
case_ fill-overlap "fills overlap" '  h = frame (4k, fill: [{0 200 CDL_FrameFill_FileData "blob.bin" 0}, {100 200 CDL_FrameFill_FileData "blob.bin" 0}])
}'
case_ fill-file "not found" '  h = frame (4k, fill: [{0 200 CDL_FrameFill_FileData "missing.bin" 0}])
}'
case_ irq-unmapped "has no number" '  i = irq
}'
case_ redefined "already defined at line" '  ep = notification
}'
case_ string "unterminated string" '  h = frame (4k, fill: [{0 200 CDL_FrameFill_FileData "blob.bin 0}])
}'
case_ unaligned "not aligned to its size" '  d = frame (4k, paddr: 0x1234)
}'
case_ vcpu "not supported yet" '  v = vcpu
}'
case_ eof "expected a name or number, found .end of file." ''
# objects declared inside untypeds
case_ child-larger "frame .big. (2^21 bytes) is larger than its untyped .u. (2^12 bytes)" '  u = ut (12 bits) { big = frame (2M) }
}'
case_ children-overflow "children overflow their parent untyped" '  u = ut (13 bits) { a = frame (4k), b = frame (4k), c = frame (4k) }
}'
case_ child-paddr-free-parent "has a physical address, its untyped .u. none" '  u = ut (16 bits) { d = frame (4k, paddr: 0x40000000) }
}'
case_ child-paddr-outside "outside the free part of the parent" '  u = ut (16 bits, paddr: 0x40000000) { d = frame (4k, paddr: 0x40010000) }
}'
case_ children-overlap "outside the free part of the parent" '  u = ut (16 bits, paddr: 0x40000000) { d = frame (4k, paddr: 0x40001000)  e = frame (4k, paddr: 0x40001000) }
}'
case_ irq-in-untyped "irq .i. takes no memory" '  u = ut (12 bits) { i = irq }
}
irq maps { 3: i }'
case_ untyped-no-size "untyped .u. needs a size" '  u = ut
}'
case_ unsized-fixed-children "untyped .u. needs a size" '  u = ut (paddr: 0x40000000) { d = frame (4k, paddr: 0x40000000) }
}'
case_ path-not-untyped "holds objects (a path names it), so it is an untyped" '  q/x = ep
  q = ep
}'
case_ path-two-parents "is inside untyped .u1. and .u2." '  u1 = ut (16 bits) { m1/x1 = ep }
  u2 = ut (16 bits) { m1/x2 = ep }
}'
case_ array-range "index range outside array .a." '  a[2] = ep
}
caps { cn { 1: a[1..2] } }'
case_ not-array ".ep. is not an array" '  u = ut (12 bits) { ep[0] }
}'
case_ array-size "array size out of range" '  a[0] = ep
}'
case_ array-braces "cannot hold declarations" '  a[2] = ut (12 bits) { x = ep }
}'
case_ braces-not-untyped "only untyped objects hold other objects" '  e2 = ep { x = ep }
}'
case_ child-unknown "named inside an untyped, is not an object" '  u = ut (12 bits) { ghost }
}'
case_ child-twice "is inside untyped .u. and .v." '  u = ut (12 bits) { ep }
  v = ut (12 bits) { ep }
}'
deep=$(for i in $(seq 70); do printf 'u%s = ut (40 bits) { ' "$i"; done; for i in $(seq 70); do printf '} '; done)
case_ nested-too-deep "nested more than 64 deep" "$deep
}"
# nesting: checked against RAM and device memory, printed nested, round trip, no zero copy
n="$fx/nested.cdl"
"$tool" check "$n" --files "$tmp" --untyped 28@0x40000000 --untyped 24@0x9000000,device >/dev/null ||
    bad "check of the nested fixture"
"$tool" print "$n" >"$tmp/nested.txt" || bad "print nested"
for line in '  pd_ut = ut (20 bits) {' '    pd_cspace_ut = ut (12 bits) {' '      pd_cn = cnode (6 bits)' \
    '    pd_pages = ut (16 bits) {' '      pd_ipc = frame (4k)' '    low_ep = ep' \
    '  sized_by_children = ut (12 bits) {' '    0xa: loose_ep (RWG)' '  path_ut = ut (16 bits) {' \
    '    path_mid = ut (11 bits) {' '    path_ep = ep' '    low_extra = ep' '  uart_ut = ut (12 bits, paddr: 0x9000000) {' '    uart = frame (4k, paddr: 0x9000000)'; do
    grep -qxF -- "$line" "$tmp/nested.txt" || bad "print nested: no line \"$line\""
done
"$tool" serialize "$n" --files "$tmp" -o "$tmp/nested.bin" && "$tool" print "$tmp/nested.bin" >"$tmp/nested2.txt" &&
    cmp -s "$tmp/nested.txt" "$tmp/nested2.txt" || bad "nested: text -> binary -> text differs"
"$tool" print "$tmp/nested.txt" | cmp -s - "$tmp/nested.txt" || bad "nested: print is not a fixed point"
out=$("$tool" embed --initializer "$init" --spec "$n" --files "$tmp" -o "$tmp/nested.elf") || bad "embed nested"
echo "$out" | grep -q " 0 frames embedded for zero copy" || bad "frames inside an untyped embedded for zero copy: $out"
# the plan: children from their untyped (ordinary ones below a fixed one first), device frames
"$tool" plan "$n" --untyped 28@0x40000000 --untyped 24@0x9000000,device >"$tmp/plan.txt" || bad "plan nested"
for line in '0x48000000 cnode low_cn' '0x48000200 ep low_ep' '0x48003000 frame low_frame' \
    'pd_ut+0x0 ut pd_pages' 'pd_pages+0x1000 frame pd_ipc' '0x9000000 frame uart' \
    '0x40000000 ut pd_ut'; do
    grep -qxF -- "$line" "$tmp/plan.txt" || bad "plan nested: no line \"$line\""
done
# ordinary objects fill the gap below a fixed object when that saves padding ...
{ echo 'arch aarch64'; echo 'objects {'; echo '  top = frame (4k, paddr: 0x4000f000)'
  for i in $(seq 15); do echo "  f$i = frame (4k)"; done; echo '}'; } >"$tmp/gap.cdl"
"$tool" plan "$tmp/gap.cdl" --untyped 16@0x40000000 >"$tmp/gap.txt" || bad "plan gap"
grep -q padding "$tmp/gap.txt" && bad "gap below a fixed frame padded though 15 frames fill it"
grep -qx '0x4000e000 frame f15' "$tmp/gap.txt" && grep -qx '0x4000f000 frame top' "$tmp/gap.txt" ||
    { bad "plan gap: frames not in the gap"; cat "$tmp/gap.txt"; }
# ... and otherwise the gap takes one retype of equal pieces (31 x 16 MiB below 0x7f000000)
printf 'arch aarch64\nobjects {\n  top = frame (4k, paddr: 0x7f000000)\n  e = ep\n}\n' >"$tmp/far.cdl"
"$tool" plan "$tmp/far.cdl" --untyped 29@0x60000000 >"$tmp/far.txt" || bad "plan far"
[ "$(grep -c padding "$tmp/far.txt")" = 1 ] && grep -qx '0x60000000 padding 31 x 2^24' "$tmp/far.txt" ||
    { bad "plan far: padding not one retype"; cat "$tmp/far.txt"; }
"$tool" plan "$tmp/far.cdl" 2>/dev/null && bad "plan without untypeds succeeded"
# object arrays: declared once, selected in braces, holders and targets; print round trips
a="$fx/arrays.cdl"
"$tool" print "$a" >"$tmp/arrays.txt" || bad "print arrays"
for line in '  eps[5] = ep' '  slabs[4] = ut (12 bits)' '    slabs[3]' '    eps[2]' '  slabs[2] = ut {' \
    '    helper = ep' '    0x5: eps[4] (RW, badge: 0x3)' '    0x9: pages[2] (R)' '  34: irqs[1]'; do
    grep -qxF -- "$line" "$tmp/arrays.txt" || bad "print arrays: no line \"$line\""
done
[ "$(grep -c '0x1: eps\[0\] (RW, badge: 0x3)' "$tmp/arrays.txt")" = 2 ] || bad "arrays: caps not given to cns[1] and cns[2]"
grep -q '^    eps\[3\]$' "$tmp/arrays.txt" && bad "arrays: eps[3] inside keep"
"$tool" print "$tmp/arrays.txt" | cmp -s - "$tmp/arrays.txt" || bad "arrays: print is not a fixed point"
"$tool" serialize "$a" --files "$tmp" -o "$tmp/arrays.bin" && "$tool" print "$tmp/arrays.bin" |
    cmp -s - "$tmp/arrays.txt" || bad "arrays: text -> binary -> text differs"
# ... and the plan refuses what the memory given cannot hold
printf 'arch aarch64\nobjects {\n  d = ut (12 bits, paddr: 0x9000000) { dev_ep = ep }\n}\n' >"$tmp/dev.cdl"
"$tool" check "$tmp/dev.cdl" --untyped 24@0x9000000,device 2>"$tmp/dev.err" && bad "device untyped with an endpoint accepted"
grep -q "dev.cdl:[0-9]*: error: .dev_ep. does not fit the given untypeds: device untyped holds an object that is neither a frame nor untyped" "$tmp/dev.err" ||
    { bad "device untyped: message"; cat "$tmp/dev.err"; }
"$tool" check "$n" --untyped 28@0x40000000 --untyped 24@0x9000000 >/dev/null || bad "nested fixture in RAM only"
"$tool" check "$n" --untyped 16@0x40000000 --untyped 24@0x9000000,device 2>/dev/null && bad "nested fixture fits 64 KiB"
# fit: the objects need more than the untypeds given
printf '%s\n}\n' "$pre" >"$tmp/fit.cdl"
"$tool" check "$tmp/fit.cdl" --untyped 12@0x40000000 2>"$tmp/fit.err" && bad "fit: check passed"
grep -q "does not fit the given untypeds" "$tmp/fit.err" || bad "fit: no message"
"$tool" check "$tmp/fit.cdl" --untyped 20@0x40000000 >/dev/null || bad "fit: 1 MiB should do"
# damaged binary and JSON
cp "$tmp/a.bin" "$tmp/bad.bin"
printf '\377\377\377\177' | dd of="$tmp/bad.bin" bs=1 seek=$((120 + 8)) conv=notrunc 2>/dev/null
"$tool" print "$tmp/bad.bin" 2>"$tmp/bad.err" >/dev/null && bad "damaged binary accepted"
grep -q "invalid spec: objects 0: caps outside the cap table" "$tmp/bad.err" || { bad "damaged binary: message"; cat "$tmp/bad.err"; }
# binary: each parent in range, an untyped, before its child; children fit (checked by open)
printf 'arch aarch64\nobjects {\n  e = ep\n  u = ut (13 bits) { a = frame (4k), b = frame (4k) }\n}\n' >"$tmp/p.cdl"
"$tool" serialize "$tmp/p.cdl" --files "$tmp" -o "$tmp/p.bin" || bad "serialize p.cdl"
# objects in order: u, e, a, b; records of 40 bytes after the 120-byte header
patch_bin() { # name, offset, 4 bytes (octal escapes), expected message
    cp "$tmp/p.bin" "$tmp/$1.bin"
    printf "$3" | dd of="$tmp/$1.bin" bs=1 seek="$2" conv=notrunc 2>/dev/null
    "$tool" print "$tmp/$1.bin" >/dev/null 2>"$tmp/$1.err" && bad "$1: damaged binary accepted"
    grep -q "invalid spec: objects [0-9]*: $4" "$tmp/$1.err" || { bad "$1: message"; cat "$tmp/$1.err"; }
}
patch_bin parent-range $((120 + 40 * 3 + 32)) '\377\0\0\0' "parent untyped out of range"
patch_bin parent-not-ut $((120 + 40 * 3 + 32)) '\2\0\0\0' "parent is not an untyped"
patch_bin parent-after $((120 + 40 * 2 + 32)) '\4\0\0\0' "parent untyped does not come before its child"
patch_bin child-larger-bin $((120 + 5)) '\13' "object larger than its parent untyped"
patch_bin overflow-bin $((120 + 5)) '\14' "children overflow their parent untyped"
printf '{"arch": "aarch64", "objects": [' >"$tmp/bad.json"
"$tool" print "$tmp/bad.json" 2>"$tmp/badj.err" >/dev/null && bad "malformed JSON accepted"
grep -q "bad.json:1: error: malformed JSON" "$tmp/badj.err" || bad "malformed JSON: message"
printf '{"arch": "aarch64", "objects": [{"name": "a", "type": "ep", "caps": [{"slot": 1, "object": "b"}]}]}' >"$tmp/dang.json"
"$tool" print "$tmp/dang.json" 2>"$tmp/dang.err" >/dev/null && bad "JSON dangling cap accepted"
grep -q "objects\[0\] .a.: cap to .b., which is not an object" "$tmp/dang.err" || bad "JSON dangling: message"
printf '{"arch": "aarch64", "objects": [{"name": "a", "type": "ep"}, {"name": "b", "type": "ep", "parent": "a"}]}' >"$tmp/par.json"
"$tool" print "$tmp/par.json" 2>"$tmp/par.err" >/dev/null && bad "JSON parent that is no untyped accepted"
grep -q "objects\[1\] .b.: .parent. .a. is not an untyped object" "$tmp/par.err" || bad "JSON parent: message"
printf '{"arch": "aarch64", "objects": [{"name": "a", "type": "ut", "size_bits": 12, "parent": "b"}, {"name": "b", "type": "ut", "size_bits": 12, "parent": "a"}]}' >"$tmp/cyc.json"
"$tool" print "$tmp/cyc.json" 2>"$tmp/cyc.err" >/dev/null && bad "JSON cycle of untypeds accepted"
grep -q "error: .a. is inside itself" "$tmp/cyc.err" || { bad "JSON cycle: message"; cat "$tmp/cyc.err"; }
[ $fails = 0 ] || exit 1
echo "sel4c-capdl: fixtures, round trips, nesting, embedding and 49 kinds of bad input as expected"
