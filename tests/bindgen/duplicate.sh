#!/usr/bin/env bash
# A method marked duplicate="true" shares the invocation label of one listed earlier: it
# gets its own stub under that label, and the label numbering stays as it was. The same
# method without the mark is an error.
#   duplicate.sh BINDGEN INCLUDE_DIR
set -eu
bindgen=$1 good=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bindgen" -I "$good" -o "$work/plain"
add_method() { # $1: attributes of the new method
    rm -rf "$work/in"
    cp -R "$good" "$work/in"
    awk -v m="<method id=\"TCBResume\" name=\"Restart\" $1><brief>Resume, by another name</brief></method>" '
        /<interface name="seL4_TCB"/ { in_tcb = 1 }
        in_tcb && /<\/interface>/ { print m; in_tcb = 0 }
        { print }' "$good/interfaces/object-api.xml" >"$work/in/interfaces/object-api.xml"
}
add_method 'duplicate="true"'
"$bindgen" -I "$work/in" -o "$work/dup"
diff "$work/plain/sel4/invocation.h" "$work/dup/sel4/invocation.h"
grep -A4 '^sel4c_tcb_restart_with_ipc(' "$work/dup/sel4c/gen/invocations.h" | grep -q 'seL4_MessageInfo_new(TCBResume, 0, 0, 0)'
grep -q '^seL4_TCB_Restart(seL4_TCB _service)$' "$work/dup/interfaces/sel4_client.h"
echo "duplicate method: own stub, shared label, numbering unchanged"
add_method ''
if "$bindgen" -I "$work/in" -o "$work/bad" 2>"$work/err"; then
    echo "an unmarked duplicate label was accepted"; exit 1
fi
grep -q "object-api.xml:[0-9]*: error: invocation label 'TCBResume' used by two enabled methods" "$work/err"
[ ! -e "$work/bad" ]
echo "unmarked duplicate: $(cat "$work/err")"
