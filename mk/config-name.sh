#!/bin/sh
# The build directory's name for a seL4 install, given by its libsel4 include directories.
# Build outputs depend only on the interface files (.xml, .pbf, gen_config.json), so the name
# comes from their contents, never from where the install is: a tested configuration whose
# files (in SHARED/sel4/<config>/libsel4/include) are identical gives its name; any other
# install is named by its architecture and features, from its own gen_config.json, and a hash
# of its files. Prints nothing when there is no kernel/gen_config.json.
#   config-name.sh INCLUDE_DIR... [-- SHARED CONFIG...]   e.g. aarch64-mcs-hyp-smp-1a2b3c4d
set -eu
dirs=
while [ $# -gt 0 ] && [ "$1" != -- ]; do dirs="$dirs $1"; shift; done
[ $# -gt 0 ] && shift # --
shared=${1:-}
[ $# -gt 0 ] && shift

files_hash() { # include directories
    for d in "$@"; do
        [ -d "$d" ] || continue
        (cd "$d" && find . \( -name '*.xml' -o -name '*.pbf' -o -name gen_config.json \) -type f |
            LC_ALL=C sort | while read -r f; do echo "$f"; cat "$f"; done)
    done | sha256sum | cut -c1-8
}

config=
for d in $dirs; do
    [ -f "$d/kernel/gen_config.json" ] && config=$d/kernel/gen_config.json && break
done
[ -n "$config" ] || exit 0
# shellcheck disable=SC2086
hash=$(files_hash $dirs)
for c in "$@"; do
    if [ "$(files_hash "$shared/sel4/$c/libsel4/include")" = "$hash" ]; then
        echo "$c"
        exit 0
    fi
done
setting() { sed -nE "s/^ *\"$1\": *\"?([^\",]*)\"?,? *\$/\\1/p" "$config"; }
name=$(setting SEL4_ARCH)
[ "$(setting KERNEL_MCS)" = true ] && name=$name-mcs
[ "$(setting ARM_HYPERVISOR_SUPPORT)" = true ] && name=$name-hyp
[ "$(setting MAX_NUM_NODES)" != 1 ] && name=$name-smp
echo "${name:-unknown}-$hash"
