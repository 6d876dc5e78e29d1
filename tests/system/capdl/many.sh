#!/bin/sh
# Writes a spec fragment with N more objects (endpoints, notifications, CNodes, frames and
# untyped memory), all reachable from a 12-bit CNode in slot 6 of the ping process.
n=${1:-1000}
echo "arch aarch64"
echo "objects {"
echo "  many_cnode = cnode (12 bits)"
i=0
while [ "$i" -lt "$n" ]; do
    case $((i % 5)) in
    0) echo "  many_$i = ep" ;;
    1) echo "  many_$i = notification" ;;
    2) echo "  many_$i = cnode (2 bits)" ;;
    3) echo "  many_$i = frame (4k)" ;;
    4) echo "  many_$i = ut (12 bits)" ;;
    esac
    i=$((i + 1))
done
echo "}"
echo "caps {"
echo "  ping_cnode {"
echo "    0x6: many_cnode (guard: 0, guard_size: 52)"
echo "  }"
echo "  many_cnode {"
i=0
while [ "$i" -lt "$n" ]; do
    case $((i % 5)) in
    0) echo "    $((i + 1)): many_$i (RWG, badge: $i)" ;;
    3) echo "    $((i + 1)): many_$i (RW)" ;;
    *) echo "    $((i + 1)): many_$i" ;;
    esac
    i=$((i + 1))
done
echo "  }"
echo "}"
