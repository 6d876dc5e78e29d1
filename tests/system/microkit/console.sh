#!/usr/bin/env bash
# console.system (or console-smp.system): besides boot.sh's sentinels, every line the chatter
# PDs printed must be on the console whole, none cut into another, and each PD's 300 in order.
#   console.sh OUT BOOT-ARGS...   (OUT: boot.sh's output directory, also in BOOT-ARGS)
set -u
out=$1
shift
tests/system/microkit/boot.sh "$@" || exit $?
# A line longer than the console's buffer goes in pieces, so another PD's line may come
# between the pieces of the "message registers set" line: each chatter line is checked where
# it starts, not only at the start of a console line.
python3 - "$out/console" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read().replace("\r", "")
last, bad = {}, 0
for piece in re.split(r"(?=chatty_[abc]: )", text):
    if not piece.startswith("chatty_"):
        continue
    first = piece.split("\n", 1)[0]
    pd, rest = first[:8], first[10:]
    m = re.fullmatch(r"line (\d+) of 300: (0123456789){6} end", rest)
    if m:
        n = int(m.group(1))
        if n != last.get(pd, 0) + 1:
            print(f"FAIL: {pd} line {n} after line {last.get(pd, 0)}"); bad += 1
        last[pd] = n
    elif not (rest == "PASS 300 lines, message registers kept" or
              rest.startswith("message registers set, ")):
        print(f"FAIL: cut line: {first!r}"); bad += 1
for pd in ("chatty_a", "chatty_b", "chatty_c"):
    if last.get(pd) != 300:
        print(f"FAIL: {pd} printed {last.get(pd, 0)} whole lines of 300"); bad += 1
if not bad:
    print("every chatter line whole and in order (3 x 300)")
sys.exit(1 if bad else 0)
PY
