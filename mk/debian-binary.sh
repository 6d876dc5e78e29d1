#!/bin/sh
# Downloads a Debian binary package and unpacks it into a directory under build/, once.
# Prints the path of the unpacked tree (the package's files under it as installed, e.g.
# TREE/usr/share/...). Nothing is installed on the machine.
# Usage: mk/debian-binary.sh PACKAGE BUILD_DIR
set -eu
pkg=$1
top=$2/debian-bin/$pkg
if [ -e "$top/.unpacked" ]; then
    echo "$top/tree"
    exit 0
fi
rm -rf "$top"
mkdir -p "$top"
# apt-get download writes into the current directory (as root, without handing the download
# to the _apt user). A machine whose package lists were never fetched gets them once.
download() {
    (cd "$top" && apt-get -o APT::Sandbox::User=root download -q "$pkg" >>"$top/download.log" 2>&1)
}
if ! download; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq >>"$top/download.log" 2>&1 || true
    fi
    download || {
        echo "sel4c: error: cannot download the Debian package $pkg (see $top/download.log)" >&2
        exit 2
    }
fi
deb=$(find "$top" -maxdepth 1 -name "${pkg}_*.deb" | head -n 1)
[ -n "$deb" ] || {
    echo "sel4c: error: no .deb of $pkg in $top after downloading" >&2
    exit 2
}
dpkg-deb -x "$deb" "$top/tree"
touch "$top/.unpacked"
echo "$top/tree"
