#!/usr/bin/env bash
# make run: builds the HTTP(S) server system with sel4c-sysbuild for a real seL4 kernel and
# boots it in QEMU, its console on this terminal, until QEMU is stopped (Ctrl-A X).
#   run.sh PREFIX CONFIG PD-DIR DISK CERT SYSBUILD SDK [HTTP_PORT HTTPS_PORT]
set -eu
prefix=$1 config=$2 pds=$3 disk=$4 cert=$5 sysbuild=$6 sdk=$7 http=${8:-8080} https=${9:-8443}
here=$(dirname "$0")
. "$here/../../tools/qemu-run/require-kernel.sh"
require_kernel "$prefix" "$config"
. "$here/../../tools/qemu-run/qemu-machine.sh"
. "$here/qemu-devices.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
qemu_machine "$prefix" "$work"
"$sysbuild" "$here/http-server.system" --sel4-prefix "$prefix" --sdk "$sdk" \
    --dtb "$work/machine.dtb" --search-path "$pds" -o "$work/loader.img"
# The image is the system's only copy of the site: QEMU writes nothing back (snapshot).
http_server_devices "$disk" "$http" "$https"
cat <<MSG
make run: the HTTP(S) server system on $prefix
  http://127.0.0.1:$http/
  https://127.0.0.1:$https/   (its certificate: curl --cacert $cert https://localhost:$https/)
  Stop QEMU with Ctrl-A X.
MSG
exec "${qemu[@]/-serial stdio/-serial mon:stdio}" "${devices[@]}" -snapshot -kernel "$work/loader.img"
