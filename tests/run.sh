#!/usr/bin/env bash
# Runs the tests listed in LIST (one "name<TAB>command" per line) from the top directory.
# A command passes with exit 0 and is skipped with exit 77 (its last output line says why);
# anything else fails. Prints one line per test and ends with "N passed, N failed, N skipped".
set -u
list=$1
logdir=$2
mkdir -p "$logdir"
passed=0 failed=0 skipped=0
failures=()
while IFS=$'\t' read -r name cmd; do
    name="${name#"${name%%[![:space:]]*}"}" # make joins list lines with a space
    [ -n "$name" ] || continue
    log="$logdir/${name//\//_}.log"
    start=$(date +%s%N)
    timeout --kill-after=10 "${TEST_TIMEOUT:-900}" bash -c "$cmd" </dev/null >"$log" 2>&1
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1))
        printf 'PASS  %s (%d.%03ds)\n' "$name" $((ms / 1000)) $((ms % 1000))
    elif [ $rc -eq 77 ]; then
        skipped=$((skipped + 1))
        printf 'SKIP  %s: %s\n' "$name" "$(grep -v '^\s*$' "$log" | tail -n 1)"
    else
        failed=$((failed + 1))
        failures+=("$name")
        [ $rc -eq 124 ] && echo "(timed out)" >>"$log"
        printf 'FAIL  %s (exit %d, log %s)\n' "$name" "$rc" "$log"
        tail -n 25 "$log" | sed 's/^/      | /'
    fi
done <"$list"
[ ${#failures[@]} -eq 0 ] || printf 'failed: %s\n' "${failures[*]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
