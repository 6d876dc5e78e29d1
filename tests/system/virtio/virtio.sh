#!/usr/bin/env bash
# virtio.system on QEMU with a block device over a disk image this script generates (a known
# pattern) and an entropy device, on the legacy or the modern virtio-mmio transport. Besides
# the sentinels: the CRC-32 blk_client prints of blocks 0-15 must be the image's, the blocks
# it wrote must be in the image after QEMU exits (and differ from before), and both drivers
# must report the transport version asked for.
#   virtio.sh legacy|modern OUT BOOT-ARGS...   (OUT: boot.sh's output directory, in BOOT-ARGS)
set -u
mode=$1 out=$2
shift 2
case $mode in
legacy) version=1 qemu_mode=() ;;
modern) version=2 qemu_mode=(-global virtio-mmio.force-legacy=false) ;;
*) echo "virtio.sh: unknown transport $mode"; exit 2 ;;
esac
img=$out.disk.img
mkdir -p "$(dirname "$img")"
# 4 MiB of numbered 16-byte lines: every block differs from every other
seq -f '%015g' 0 300000 | head -c 4194304 >"$img" || exit 1
crc() { # CRC-32 (IEEE) of bytes [$2, $2 + $3) of file $1, as 0x%08x (gzip's trailer holds it)
    tail -c +$(($2 + 1)) "$1" | head -c "$3" | gzip -c | tail -c 8 | od -An -tx4 -N4 | tr -d ' ' |
        sed 's/^/0x/'
}
want_read=$(crc "$img" 0 65536)
before=$(crc "$img" $((100 * 4096)) $((4 * 4096)))

tests/system/microkit/boot.sh "$@" --fail "error:" \
    --pass "virtio-blk: device at 0xa003e00, virtio-mmio version $version" \
    --pass "virtio-rng: device at 0xa003c00, virtio-mmio version $version; pool of 4096 bytes" \
    --pass "blk_client: read crc" --pass "blk_client: wrote crc" \
    --pass "blk_client: 9 bad requests refused" --pass "blk_client: PASS" \
    --pass "rng_client: notification protocol passed" \
    --pass "rng_client: sel4c_rng_client_fill: 2 x 300 bytes, different" --pass "rng_client: PASS" \
    -- -drive "file=$img,if=none,format=raw,id=hd" -device virtio-blk-device,drive=hd \
    -object rng-random,filename=/dev/urandom,id=rng -device virtio-rng-device,rng=rng \
    "${qemu_mode[@]}"
rc=$?
[ $rc -eq 0 ] || exit $rc

got_read=$(sed -nE 's/.*blk_client: read crc (0x[0-9a-f]+).*/\1/p' "$out/console" | head -n 1)
wrote=$(sed -nE 's/.*blk_client: wrote crc (0x[0-9a-f]+).*/\1/p' "$out/console" | head -n 1)
after=$(crc "$img" $((100 * 4096)) $((4 * 4096)))
echo
echo "blocks 0-15: the client read crc $got_read, the image has $want_read"
echo "blocks 100-103: the client wrote crc $wrote; the image had $before, has $after"
[ -n "$got_read" ] && [ "$got_read" = "$want_read" ] || { echo "FAIL: blocks 0-15 differ"; exit 1; }
[ -n "$wrote" ] && [ "$wrote" = "$after" ] && [ "$after" != "$before" ] ||
    { echo "FAIL: the image does not hold what the client wrote"; exit 1; }
rm -f "$img"
