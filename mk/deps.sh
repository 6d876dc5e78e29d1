#!/bin/sh
# Installs the Debian packages sel4c needs, once. Quiet when everything is present.
# Usage: mk/deps.sh [package...]   (no arguments: the packages of every make target)
set -eu

packages="${*:-make gcc pkg-config libxml2-dev libcjson-dev gcc-aarch64-linux-gnu
  binutils-aarch64-linux-gnu picolibc-aarch64-linux-gnu qemu-system-arm device-tree-compiler
  clang-format libyaml-dev clang libclang-rt-14-dev libdw-dev liblz4-dev dpkg-dev g++ graphviz libxml2-utils
  g++-aarch64-linux-gnu openssl curl qemu-user libc6-dev-arm64-cross dosfstools mtools wrk slowhttptest spin frama-c-base why3 z3 python3 apache2-utils iperf}"

missing=""
for p in $packages; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

echo "sel4c: installing Debian packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "sel4c: error: need root (or sudo) to install:$missing" >&2
    exit 2
fi
export DEBIAN_FRONTEND=noninteractive
# Package lists are fetched once per machine; a failed install retries after an update.
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ]; then
    $sudo apt-get update -qq >&2
fi
# shellcheck disable=SC2086
if ! $sudo apt-get install -y -qq $missing >/dev/null; then
    $sudo apt-get update -qq >&2
    $sudo apt-get install -y -qq $missing >/dev/null
fi
