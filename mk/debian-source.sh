#!/bin/sh
# Fetches and unpacks a Debian source package into a directory under build/, once, using a
# private apt configuration (the system's sources may list no deb-src). Prints the path of
# the unpacked tree.
# Usage: mk/debian-source.sh PACKAGE BUILD_DIR
set -eu
pkg=$1
top=$2/debian-src
mkdir -p "$top/lists/partial" "$top/src"
found=$(find "$top/src" -maxdepth 1 -type d -name "$pkg-*" | head -n 1)
if [ -n "$found" ]; then
    echo "$found"
    exit 0
fi
cat >"$top/sources.list" <<LIST
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
LIST
apt_opts="-o Dir::Etc::SourceList=$top/sources.list -o Dir::Etc::SourceParts=/dev/null
  -o Dir::State::Lists=$top/lists -o APT::Sandbox::User=root -q"
if [ ! -e "$top/lists/.updated" ]; then
    # shellcheck disable=SC2086
    apt-get $apt_opts update >"$top/update.log" 2>&1 || {
        echo "sel4c: error: cannot fetch Debian's source index (see $top/update.log)" >&2
        exit 2
    }
    touch "$top/lists/.updated"
fi
# shellcheck disable=SC2086
(cd "$top/src" && apt-get $apt_opts source "$pkg" >"$top/$pkg.log" 2>&1) || {
    echo "sel4c: error: cannot fetch the Debian source of $pkg (see $top/$pkg.log)" >&2
    exit 2
}
find "$top/src" -maxdepth 1 -type d -name "$pkg-*" | head -n 1
