#!/usr/bin/env bash
# The HTTP(S) server as one PD (examples/http-server/single) on a real seL4 kernel: it boots,
# loads the site through its linked-in virtio-blk driver, and serves every file of the site
# byte-exact over HTTP and HTTPS, survives clients that leave mid-download over HTTPS, and
# answers 404; every request is bounded in time, and the run ends with a request the server
# logs.
#   single.sh CONFIG PREFIX PD-DIR DISK SITE-DIR CERT OUT SYSBUILD SDK QEMU_RUN
set -u
config=$1 prefix=$2 pds=$3 disk=$4 site=$5 cert=$6 out=$7 sysbuild=$8 sdk=$9 qemu_run=${10}
. tests/system/http/server.sh
server_setup
boot_server examples/http-server/single/http-server-single.system 300 --search-path "$pds" -- \
    --fail "faulted"

check_site_files
echo "every file of the site ($n) byte-exact over HTTP and HTTPS, from one PD"
# Clients that leave in the middle of a download over HTTPS, while TLS still holds output.
for _ in 1 2 3; do c "${tls[@]}" --max-time 0.3 -o /dev/null "$sbase/big.bin" 2>/dev/null; done
code=$(c "${tls[@]}" -o /dev/null -w '%{http_code}' "$sbase/index.html")
[ "$code" = 200 ] && echo "HTTPS still serving after clients left mid-download" || bad "HTTPS after clients left: $code"
code=$(c -o /dev/null -w '%{http_code}' "$base/no/such/file")
[ "$code" = 404 ] && echo "404 for a missing file" || bad "missing file: $code"

c -o /dev/null "$base/end-of-test" 2>/dev/null # the run ends as the server logs it
wait $boot
rc=$?
[ $rc -eq 0 ] || bad "the run ended with status $rc (console: $out/console)"
grep -c "^http: " "$out/console" | sed 's/^/server log: /; s/$/ requests/'
[ $fail -eq 0 ] && echo PASS || { tail -20 "$out/console"; exit 1; }
