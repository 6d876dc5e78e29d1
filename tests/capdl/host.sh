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
# fit: the objects need more than the untypeds given
printf '%s\n}\n' "$pre" >"$tmp/fit.cdl"
"$tool" check "$tmp/fit.cdl" --untyped 12@0x40000000 2>"$tmp/fit.err" && bad "fit: check passed"
grep -q "does not fit the given untypeds" "$tmp/fit.err" || bad "fit: no message"
"$tool" check "$tmp/fit.cdl" --untyped 20@0x40000000 >/dev/null || bad "fit: 1 MiB should do"
# damaged binary and JSON
cp "$tmp/a.bin" "$tmp/bad.bin"
printf '\377\377\377\177' | dd of="$tmp/bad.bin" bs=1 seek=$((104 + 8)) conv=notrunc 2>/dev/null
"$tool" print "$tmp/bad.bin" 2>"$tmp/bad.err" >/dev/null && bad "damaged binary accepted"
grep -q "invalid spec: objects 0: caps outside the cap table" "$tmp/bad.err" || { bad "damaged binary: message"; cat "$tmp/bad.err"; }
printf '{"arch": "aarch64", "objects": [' >"$tmp/bad.json"
"$tool" print "$tmp/bad.json" 2>"$tmp/badj.err" >/dev/null && bad "malformed JSON accepted"
grep -q "bad.json:1: error: malformed JSON" "$tmp/badj.err" || bad "malformed JSON: message"
printf '{"arch": "aarch64", "objects": [{"name": "a", "type": "ep", "caps": [{"slot": 1, "object": "b"}]}]}' >"$tmp/dang.json"
"$tool" print "$tmp/dang.json" 2>"$tmp/dang.err" >/dev/null && bad "JSON dangling cap accepted"
grep -q "objects\[0\] .a.: cap to .b., which is not an object" "$tmp/dang.err" || bad "JSON dangling: message"
[ $fails = 0 ] || exit 1
echo "sel4c-capdl: fixtures, round trips, embedding and 22 kinds of bad input as expected"
