#!/usr/bin/env bash
# The HTTP(S) server system (examples/http-server) on a real seL4 kernel, checked from the host
# through QEMU's hostfwd on 127.0.0.1 with curl, openssl and raw requests: every file of the
# site byte-exact over HTTP and HTTPS, directory index and redirect, HEAD, 404, 304, ranges,
# gzip siblings, Date, refused TLS versions, clients leaving mid-download, malformed requests
# answered and the server still serving, a lone request's log line on the console. Every
# request is bounded in time; the run ends with a request the server logs.
# With `load` (the legacy transport's run): also a slowloris client timed out while others are
# served, and more connections at once than the server has (robust.sh and bench/http-server
# load it further).
#   http.sh CONFIG PREFIX PD-DIR DISK SITE-DIR CERT OUT SYSBUILD SDK QEMU_RUN [modern|load]
set -u
config=$1 prefix=$2 pds=$3 disk=$4 site=$5 cert=$6 out=$7 sysbuild=$8 sdk=$9 qemu_run=${10}
mode=${11:-legacy}
transport=legacy
[ "$mode" = modern ] && transport=modern
. tests/system/http/server.sh
server_setup "$transport"
boot_server examples/http-server/http-server.system 400 --search-path "$pds" -- --fail "faulted"

check_site_files
echo "every file of the site ($n) byte-exact over HTTP and HTTPS"

c -o "$out/got" "$base/" && cmp -s "$out/got" "$site/index.html" || bad "/ is not index.html"
c -o "$out/got" "$base/docs/" && cmp -s "$out/got" "$site/docs/index.html" || bad "/docs/ is not its index.html"
loc=$(c -o /dev/null -w '%{http_code} %{redirect_url}' "$base/docs")
case $loc in "301 "*"/docs/") echo "/docs redirects: $loc" ;; *) bad "/docs: $loc" ;; esac

head=$(c -I "$base/index.html" | tr -d '\r')
echo "$head" | grep -q "^Content-Length: $(stat -c %s "$site/index.html")$" || bad "HEAD: $head"
echo "$head" | grep -q "^Content-Type: text/html" || bad "HEAD content type: $head"
date_hdr=$(echo "$head" | sed -n 's/^Date: //p')
skew=$(( $(date +%s) - $(date -d "$date_hdr" +%s 2>/dev/null || echo 0) ))
[ ${skew#-} -le 120 ] && echo "Date: $date_hdr (${skew}s from the host's clock)" || bad "Date '$date_hdr' is ${skew}s off"
lm=$(echo "$head" | sed -n 's/^Last-Modified: //p')
[ -n "$lm" ] || bad "no Last-Modified"

code=$(c -o /dev/null -w '%{http_code}' "$base/no/such/file")
[ "$code" = 404 ] && echo "404 for a missing file" || bad "missing file: $code"
code=$(c -o /dev/null -w '%{http_code}' -H "If-Modified-Since: $lm" "$base/index.html")
[ "$code" = 304 ] && echo "304 with If-Modified-Since" || bad "conditional GET: $code"
code=$(c -o "$out/got" -w '%{http_code}' -H "Range: bytes=1000-1999" "$base/big.bin")
[ "$code" = 206 ] && cmp -s "$out/got" <(tail -c +1001 "$site/big.bin" | head -c 1000) \
    && echo "206 for a range" || bad "range: $code"
code=$(c -o /dev/null -w '%{http_code}' -H "Range: bytes=99999999-" "$base/big.bin")
[ "$code" = 416 ] && echo "416 for a range past the end" || bad "unsatisfiable range: $code"
enc=$(c -o "$out/got" -D - -H "Accept-Encoding: gzip" "$base/style.css" | tr -d '\r' | sed -n 's/^Content-Encoding: //p')
[ "$enc" = gzip ] && [ -f "$site/style.css.gz" ] && cmp -s "$out/got" "$site/style.css.gz" \
    && echo "the gzip sibling for Accept-Encoding: gzip" || bad "gzip: '$enc'"

# raw requests: malformed ones get 400 and close; the server goes on
raw() { python3 - "$http" "$1" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=20)
s.sendall(sys.argv[2].encode().decode("unicode_escape").encode("latin-1"))
data = b""
try:
    while True:
        b = s.recv(4096)
        if not b:
            break
        data += b
except socket.timeout:
    data += b" (timeout)"
print(data.split(b"\r\n")[0].decode("latin-1"))
PY
}
for req in 'GARBAGE\r\n\r\n' 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n' \
           'GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n' 'GET /%2e%2e/x HTTP/1.1\r\nHost: x\r\n\r\n'; do
    line=$(raw "$req")
    case $line in "HTTP/1.1 400"*) echo "400 for $(printf '%s' "$req" | cut -c1-40)" ;; *) bad "raw request got '$line'" ;; esac
done
line=$(raw 'DELETE / HTTP/1.1\r\nHost: x\r\n\r\n')
case $line in "HTTP/1.1 405"*) echo "405 for DELETE" ;; *) bad "DELETE got '$line'" ;; esac

# TLS: only 1.2
for v in -tls1_1 -tls1_3; do
    if echo | timeout 20 openssl s_client -connect "127.0.0.1:$https" $v >/dev/null 2>&1; then bad "TLS $v accepted"; else echo "TLS $v refused"; fi
done
code=$(c "${tls[@]}" -o /dev/null -w '%{http_code}' "$sbase/")
[ "$code" = 200 ] && echo "HTTPS still serving after the refusals" || bad "HTTPS after refusals: $code"
# Clients that leave in the middle of a download over HTTPS, while TLS still holds output.
for _ in 1 2 3; do c "${tls[@]}" --max-time 0.3 -o /dev/null "$sbase/big.bin" 2>/dev/null; done
code=$(c "${tls[@]}" -o /dev/null -w '%{http_code}' "$sbase/")
[ "$code" = 200 ] && echo "HTTPS still serving after clients left mid-download" || bad "HTTPS after clients left: $code"

if [ "$mode" = load ]; then
    # slowloris: a request head one byte a second is cut off by the head deadline (10 s)
    slow=$(python3 - "$http" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
start = time.time()
s.sendall(b"GET / HTTP/1.1\r\n")
try:
    for i in range(30):
        time.sleep(1)
        s.sendall(b"X")
        s.settimeout(0.01)
        try:
            if s.recv(1) == b"":
                break
        except socket.timeout:
            pass
except OSError:
    pass
print("%.1f" % (time.time() - start))
PY
)
    code=$(c -o /dev/null -w '%{http_code}' "$base/index.html")
    case $slow in 9.* | 1[0-4].*) echo "slowloris connection closed after ${slow}s; others served ($code)" ;;
        *) bad "slowloris connection lasted ${slow}s" ;; esac
    # more connections than the server has: waiting ones are reset to make room, the server
    # goes on
    python3 - "$http" <<'PY'
import socket, sys
conns = []
for i in range(100):
    try:
        conns.append(socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5))
    except OSError:
        pass
for s in conns:
    s.close()
PY
    sleep 2
    code=$(c -o /dev/null -w '%{http_code}' "$base/index.html")
    [ "$code" = 200 ] && echo "100 connections at once: the server still serves" || bad "after 100 connections: $code"
fi

# the access log holds lines for the serial PD to take in batches (pd.c): the line of a
# request that nothing follows still reaches the console, through the server's tick
c -o /dev/null "$base/log-probe"
for waited in $(seq 0 20); do
    grep -q "http: GET /log-probe 404" "$out/console" && break
    sleep 0.1
done
if grep -q "http: GET /log-probe 404" "$out/console"; then
    echo "a lone request's log line on the console after $((waited * 100)) ms at most"
else
    bad "a lone request's log line not on the console within 2 s"
fi

c -o /dev/null "$base/end-of-test"
wait $boot
rc=$?
cat "$out/boot.log"
grep -E "^(http-server|site|virtio|net_virt)" "$out/console" | head -20
echo "access log lines: $(grep -c '^server: http: ' "$out/console")"
[ $rc -eq 0 ] || bad "the console's sentinels"
[ $fail -eq 0 ] && echo PASS
exit $fail
