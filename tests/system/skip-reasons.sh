#!/usr/bin/env bash
# Every test that needs a seL4 install skips when it is missing, and says so on its last line
# (the runner shows that line as the reason). Runs each command of the test list that names
# INSTALLS with INSTALLS replaced by a directory that does not exist, and expects exit 77
# with that directory named on the last line of output.
#   skip-reasons.sh LIST INSTALLS
set -u
list=$1 installs=${2%/}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
missing=$work/no-installs
[ -f "$list" ] || { echo "no test list $list (make test writes it)"; exit 1; }
checked=0 fails=0
while IFS=$'\t' read -r name cmd; do
    name="${name#"${name%%[![:space:]]*}"}"
    case "$cmd" in *"$installs/"*) ;; *) continue ;; esac
    checked=$((checked + 1))
    timeout 60 bash -c "${cmd//"$installs/"/"$missing/"}" </dev/null >"$work/out" 2>&1
    rc=$?
    last=$(grep -v '^\s*$' "$work/out" | tail -n 1)
    if [ $rc -ne 77 ]; then
        echo "FAIL $name: exit $rc without its install, not 77 (skip)"
        fails=$((fails + 1))
    elif [[ "$last" != *"$missing"* ]]; then
        echo "FAIL $name: the last line does not name the missing install: $last"
        fails=$((fails + 1))
    fi
done <"$list"
[ $checked -gt 0 ] || { echo "no test in $list names $installs"; exit 1; }
echo "$checked tests skip without their install, naming it last ($fails did not)"
[ $fails -eq 0 ]
