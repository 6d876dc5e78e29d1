#!/usr/bin/env bash
# sel4c-bindgen on bad input: a "file:line: error:" message, exit 2, and no output written
# (a fresh output directory is not created; an existing one is left as it was).
set -u
bindgen=$1
good=$2 # a valid libsel4 include directory
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0

# Runs bindgen on a copy of the good inputs changed by `mutate`; checks the outcome.
#   case NAME EXPECTED-STDERR-REGEX MUTATION-COMMAND...
case_() {
    local name=$1 pattern=$2
    shift 2
    rm -rf "$work/in" "$work/out" "$work/old"
    cp -R "$good" "$work/in"
    (cd "$work/in" && eval "$@")
    "$bindgen" -I "$work/in" -o "$work/out" 2>"$work/err"
    local rc=$?
    if [ $rc -ne 2 ]; then
        echo "FAIL $name: exit $rc, expected 2"; fails=$((fails + 1))
    elif ! grep -Eq "$pattern" "$work/err"; then
        echo "FAIL $name: stderr does not match /$pattern/:"; sed 's/^/  /' "$work/err"
        fails=$((fails + 1))
    elif [ -e "$work/out" ]; then
        echo "FAIL $name: output directory was created"; fails=$((fails + 1))
    else
        echo "ok   $name: $(head -n 1 "$work/err")"
    fi
    # the same failure must leave an existing output directory untouched
    "$bindgen" -I "$good" -o "$work/old" || { echo "FAIL: good input rejected"; exit 1; }
    local before after
    before=$(cd "$work/old" && find . -type f -exec sha256sum {} + | sort)
    "$bindgen" -I "$work/in" -o "$work/old" 2>/dev/null
    after=$(cd "$work/old" && find . -type f -exec sha256sum {} + | sort)
    if [ "$before" != "$after" ]; then
        echo "FAIL $name: existing output was modified"; fails=$((fails + 1))
    fi
}

xml=interfaces/object-api.xml
case_ missing-file '^sel4/shared_types.pbf: error: not found in the include directories' \
    rm sel4/shared_types.pbf
case_ malformed-xml "/$xml:[0-9]+: error: " "sed -i '/<\/interface>/,\$d' $xml"
case_ unknown-type "/$xml:[0-9]+: error: unknown parameter type 'seL4_Bogus' for 'type' of seL4_Untyped_Retype" \
    "sed -i '0,/type=\"seL4_Word\"/s//type=\"seL4_Bogus\"/' $xml"
case_ bad-direction "/$xml:[0-9]+: error: parameter direction must be 'in' or 'out'" \
    "sed -i '0,/dir=\"in\"/s//dir=\"sideways\"/' $xml"
case_ bad-condition "/$xml:[0-9]+: error: unknown element <maybe> in a condition" \
    "sed -i '0,/<not>/s//<maybe>/; 0,/<\/not>/s//<\/maybe>/' $xml"
case_ malformed-pbf '/sel4/shared_types.pbf:[0-9]+: error: expected' \
    "sed -i 's/field label 52/feld label 52/' sel4/shared_types.pbf"
case_ pbf-bad-size '/sel4/sel4_arch/types.pbf:[0-9]+: error: block .* bits, not a multiple' \
    "sed -i '0,/padding 60/s//padding 59/' sel4/sel4_arch/types.pbf"
case_ malformed-json '/kernel/gen_config.json:[0-9]+: error: malformed JSON' \
    "sed -i 's/\"KERNEL_MCS\": false,/\"KERNEL_MCS\" false,/' kernel/gen_config.json"
case_ unsupported-arch "/kernel/gen_config.json: error: SEL4_ARCH 'aarch32' is not supported" \
    "sed -i 's/\"SEL4_ARCH\": \"aarch64\"/\"SEL4_ARCH\": \"aarch32\"/' kernel/gen_config.json"
case_ syscall-list "/api/syscall.xml:[0-9]+: error: no <api-master> element" \
    "sed -i 's/api-master/api-other/g' api/syscall.xml"

[ $fails -eq 0 ] && echo "all bad-input cases rejected cleanly"
exit $((fails > 0))
