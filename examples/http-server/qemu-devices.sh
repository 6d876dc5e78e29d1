# Sourced by run.sh and the system's tests: the QEMU devices of http-server.system, in the
# order its transports and IRQs assume (network, disk, entropy).
#   http_server_devices DISK HTTP_PORT HTTPS_PORT [modern]
# sets the array `devices`; the host's 127.0.0.1:HTTP_PORT and :HTTPS_PORT reach the server's
# ports 80 and 443 (it takes 10.0.2.15 from QEMU's DHCP server).
http_server_devices() {
    local disk=$1 http=$2 https=$3
    devices=(-netdev "user,id=net0,hostfwd=tcp:127.0.0.1:$http-10.0.2.15:80,hostfwd=tcp:127.0.0.1:$https-10.0.2.15:443"
             -device virtio-net-device,netdev=net0
             -drive "file=$disk,if=none,format=raw,id=hd0" -device virtio-blk-device,drive=hd0
             -object rng-random,filename=/dev/urandom,id=rng0 -device virtio-rng-device,rng=rng0)
    [ "${4:-}" != modern ] || devices+=(-global virtio-mmio.force-legacy=false)
}
