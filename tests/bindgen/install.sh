#!/usr/bin/env bash
# Bindings generated from a real seL4 install must equal those generated from the same
# configuration's interface files in ../shared. Skips (exit 77) when the install is absent.
set -eu
bindgen=$1
prefix=$2
shared_include=$3
if [ ! -d "$prefix/libsel4/include" ]; then
    echo "no seL4 install at $prefix (set SEL4_INSTALLS or SEL4_PREFIX)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bindgen" -I "$prefix/libsel4/include" -o "$work/install"
"$bindgen" -I "$shared_include" -o "$work/shared"
diff -ru "$work/shared" "$work/install"
echo "bindings from $prefix equal those from $shared_include"
