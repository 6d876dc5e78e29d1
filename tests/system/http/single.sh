#!/usr/bin/env bash
# The HTTP(S) server as one PD (examples/http-server/single) on a real seL4 kernel: it boots,
# loads the site through its linked-in virtio-blk driver, and serves every file of the site
# byte-exact over HTTP and HTTPS, survives clients that leave mid-download over HTTPS, and
# answers 404; every request is bounded in time, and the run ends with a request the server
# logs.
#   single.sh CONFIG PREFIX PD-DIR DISK SITE-DIR CERT OUT SYSBUILD SDK QEMU_RUN
set -u
config=$1 prefix=$2 pds=$3 disk=$4 site=$5 cert=$6 out=$7 sysbuild=$8 sdk=$9 qemu_run=${10}
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "no seL4 kernel for $config at $prefix (build one, or set SEL4_INSTALLS)"
    exit 77
fi
rm -rf "$out" && mkdir -p "$out" || exit 1
cp "$disk" "$out/disk.img"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(port) https=$(port)
. examples/http-server/qemu-devices.sh
http_server_devices "$out/disk.img" "$http" "$https"
tools/qemu-run/boot-system.sh "$prefix" examples/http-server/single/http-server-single.system \
    "$sysbuild" "$sdk" "$qemu_run" --search-path "$pds" --report "$out/report.txt" -- \
    --timeout 300 --log "$out/console" --fail "seL4 called fail" --fail "error:" \
    --fail "faulted" --pass "serving HTTP on port 80 and HTTPS on port 443" \
    --pass "GET /end-of-test 404" -- "${devices[@]}" >"$out/boot.log" 2>&1 &
boot=$!
for _ in $(seq 1500); do
    grep -q "serving HTTP" "$out/console" 2>/dev/null && break
    kill -0 $boot 2>/dev/null || break
    sleep 0.1
done

fail=0
bad() { echo "FAIL: $*"; fail=1; }
c() { curl -sS --max-time 60 "$@"; }
base=http://127.0.0.1:$http tls=(--cacert "$cert" --resolve "localhost:$https:127.0.0.1")
sbase=https://localhost:$https

n=0
while IFS= read -r f; do
    p=${f#"$site"}
    c -o "$out/got" "$base$p" && cmp -s "$out/got" "$f" || bad "http $p differs"
    c "${tls[@]}" -o "$out/got" "$sbase$p" && cmp -s "$out/got" "$f" || bad "https $p differs"
    n=$((n + 1))
done < <(find "$site" -type f | sort)
[ $n -gt 0 ] || bad "no files in $site"
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
