#!/usr/bin/env bash
# Real clients against the HTTP core over Linux sockets (sel4c-http-serve) on 127.0.0.1, on a
# port the kernel picks: curl for every case (downloads compared with cmp), raw requests for
# what curl will not send, a bounded wrk run with no errors, and slowhttptest's slowloris while
# curl still gets answers. Every wait is bounded.
#   clients.sh SERVE
set -u -o pipefail
trap "" PIPE # writes to a connection the server closed fail instead of ending the script
serve=$1
for tool in curl wrk slowhttptest gzip cmp; do
    command -v "$tool" >/dev/null || { echo "skip: $tool is not installed"; exit 77; }
done
work=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fails=0
fail() {
    echo "FAIL: $*"
    fails=$((fails + 1))
}

# The site.
site=$work/site
mkdir -p "$site/sub" "$site/noindex" "$site/deep/er"
printf '<h1>home</h1>\n' >"$site/index.html"
printf 'sub index\n' >"$site/sub/index.html"
printf 'deep\n' >"$site/deep/er/page.txt"
head -c 3000000 /dev/urandom >"$site/big.bin"
for i in $(seq 1 400); do echo "body { margin: ${i}px; }"; done >"$site/style.css"
gzip -9 -k "$site/style.css"
printf 'spaced\n' >"$site/a b.txt"
printf 'accent\n' >"$site/caf$(printf '\xc3\xa9').txt"
printf 'secret\n' >"$work/secret.txt"
touch -d '2001-09-09 01:46:40 UTC' "$site/index.html"

"$serve" "$site" --port-file "$work/port" --log "$work/access.log" --seconds 120 \
    --max-conns 512 --head-timeout-ms 2000 --idle-timeout-ms 3000 --send-timeout-ms 2000 \
    2>"$work/serve.err" &
pid=$!
for _ in $(seq 100); do
    [ -s "$work/port" ] && break
    sleep 0.1
done
[ -s "$work/port" ] || { cat "$work/serve.err"; echo "FAIL: the server did not start"; exit 1; }
port=$(cat "$work/port")
url=http://127.0.0.1:$port
c() { curl -sS --max-time 10 "$@"; }

# status URL [curl options...]: the status code of a request
status() {
    local u=$1
    shift
    c -o /dev/null -w '%{http_code}' "$@" "$u"
}
expect_status() {
    local want=$1 got
    shift
    got=$(status "$@")
    [ "$got" = "$want" ] || fail "$*: status $got, want $want"
}
# raw REQUEST: the server's whole answer to bytes curl would not send (the connection is
# closed by the server, or after 5 seconds)
raw() {
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf "$1" >&3
    timeout 5 cat <&3
    exec 3<&- 3>&-
}

# Downloads, byte for byte.
c -o "$work/got" "$url/" && cmp -s "$work/got" "$site/index.html" || fail "GET /"
c -o "$work/got" "$url/big.bin" && cmp -s "$work/got" "$site/big.bin" || fail "GET /big.bin"
c -o "$work/got" "$url/sub/" && cmp -s "$work/got" "$site/sub/index.html" || fail "GET /sub/"
c -o "$work/got" "$url/a%20b.txt" && cmp -s "$work/got" "$site/a b.txt" || fail "escaped name"
c -o "$work/got" "$url/caf%C3%A9.txt" && cmp -s "$work/got" "$site/café.txt" || fail "UTF-8 name"
c -o "$work/got" "$url/deep/er/../er/./page.txt" --path-as-is &&
    cmp -s "$work/got" "$site/deep/er/page.txt" || fail "dot segments"
c -o "$work/got" "$url//index.html" --path-as-is && cmp -s "$work/got" "$site/index.html" ||
    fail "//index.html"

# HEAD, types, dates.
head=$(c -I "$url/big.bin") || fail "HEAD"
grep -qi '^content-length: 3000000' <<<"$head" || fail "HEAD length: $head"
grep -qi '^content-type: application/octet-stream' <<<"$head" || fail "HEAD type: $head"
head=$(c -I "$url/index.html")
grep -qi '^content-type: text/html; charset=utf-8' <<<"$head" || fail "html type: $head"
grep -qi '^last-modified: Sun, 09 Sep 2001 01:46:40 GMT' <<<"$head" || fail "Last-Modified: $head"
grep -qiE '^date: [A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} GMT' <<<"$head" ||
    fail "Date: $head"

# Conditional GET.
expect_status 304 "$url/index.html" -H 'If-Modified-Since: Sun, 09 Sep 2001 01:46:40 GMT'
expect_status 200 "$url/index.html" -H 'If-Modified-Since: Sun, 09 Sep 2001 01:46:39 GMT'
expect_status 304 "$url/index.html" -z 'Sun, 09 Sep 2001 02:00:00 GMT'

# Ranges.
c -o "$work/got" -r 1000-1999 "$url/big.bin" && cmp -s "$work/got" <(head -c 2000 "$site/big.bin" | tail -c 1000) ||
    fail "range 1000-1999"
c -o "$work/got" -r -500 "$url/big.bin" && cmp -s "$work/got" <(tail -c 500 "$site/big.bin") ||
    fail "suffix range"
expect_status 206 "$url/big.bin" -r 2999999-
expect_status 416 "$url/big.bin" -r 3000000-
range_head=$(c -s -D - -o /dev/null -r 3000000- "$url/big.bin")
grep -qi '^content-range: bytes \*/3000000' <<<"$range_head" || fail "416 Content-Range: $range_head"
expect_status 200 "$url/big.bin" -r 0-1,5-6 # several ranges: the whole file
# Resume a cut download.
head -c 1234567 "$site/big.bin" >"$work/partial"
c -C - -o "$work/partial" "$url/big.bin" && cmp -s "$work/partial" "$site/big.bin" || fail "resume"

# Precompressed siblings.
gz_head=$(c -s -D - -o "$work/got" --compressed "$url/style.css")
cmp -s "$work/got" "$site/style.css" || fail "gzip body"
grep -qi '^content-encoding: gzip' <<<"$gz_head" || fail "gzip header: $gz_head"
grep -qi '^vary: accept-encoding' <<<"$gz_head" || fail "Vary: $gz_head"
plain_head=$(c -s -D - -o "$work/got" "$url/style.css")
cmp -s "$work/got" "$site/style.css" && ! grep -qi '^content-encoding' <<<"$plain_head" &&
    grep -qi '^vary: accept-encoding' <<<"$plain_head" || fail "no gzip: $plain_head"
c -o "$work/got" -H 'Accept-Encoding: gzip' "$url/style.css" && cmp -s "$work/got" "$site/style.css.gz" ||
    fail "the .gz bytes as stored"

# Directories.
got=$(c -o /dev/null -w '%{http_code} %{redirect_url}' "$url/sub")
[ "$got" = "301 $url/sub/" ] || fail "redirect: $got"
c -L -o "$work/got" "$url/sub" && cmp -s "$work/got" "$site/sub/index.html" || fail "follow redirect"
expect_status 404 "$url/noindex/"
expect_status 404 "$url/missing.html"

# Methods, errors.
allow=$(c -s -D - -o /dev/null -X POST -d x "$url/")
grep -q '^HTTP/1.1 405' <<<"$allow" && grep -qi '^allow: GET, HEAD' <<<"$allow" || fail "405: $allow"
expect_status 405 "$url/" -X DELETE
expect_status 405 "$url/" -X PUT -d x
expect_status 400 "$url/../secret.txt" --path-as-is
expect_status 400 "$url/%2e%2e/secret.txt" --path-as-is
expect_status 400 "$url/sub/..%2f..%2fsecret.txt" --path-as-is
expect_status 400 "$url/index.html%00.txt"
expect_status 400 "$url/sub%5c..%5c..%5csecret.txt"
expect_status 414 "$url/$(head -c 3000 /dev/zero | tr '\0' a)"
expect_status 431 "$url/" -H "X-Big: $(head -c 9000 /dev/zero | tr '\0' b)"
expect_status 413 "$url/" -X GET --data-binary "@$site/style.css"
expect_status 200 "$url/" -X GET --data-binary 'small body'
got=$(raw 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n')
grep -q '^HTTP/1.1 400' <<<"$got" || fail "two Hosts: $got"

# Raw requests.
got=$(raw 'GET / HTTP/2.0\r\nHost: x\r\n\r\n')
grep -q '^HTTP/1.1 505' <<<"$got" || fail "505: $got"
got=$(raw 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /secret HTTP/1.1\r\nHost: x\r\n\r\n')
[ "$(grep -c '^HTTP/1.1' <<<"$got")" = 1 ] && grep -q '^HTTP/1.1 400' <<<"$got" ||
    fail "CL+TE smuggling: $got"
got=$(raw 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab')
grep -q '^HTTP/1.1 400' <<<"$got" || fail "two Content-Lengths: $got"
got=$(raw 'GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n')
grep -q '^HTTP/1.1 400' <<<"$got" || fail "bad chunk: $got"
got=$(raw 'GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /sub/ HTTP/1.1\r\nHost: x\r\n\r\nHEAD /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
[ "$(grep -c '^HTTP/1.1 200' <<<"$got")" = 3 ] && grep -q 'sub index' <<<"$got" ||
    fail "pipelining: $got"
got=$(raw 'GET / HTTP/1.0\r\n\r\n')
grep -q '^Connection: close' <<<"$got" && grep -q '<h1>home' <<<"$got" || fail "HTTP/1.0: $got"

# Keep-alive: curl reuses one connection for several URLs; HTTP/1.0 only when asked.
c -v -o /dev/null -o /dev/null -o /dev/null "$url/" "$url/sub/" "$url/big.bin" 2>"$work/ka" ||
    fail "keep-alive run"
[ "$(grep -c 'Re-using existing connection' "$work/ka")" = 2 ] || fail "keep-alive: $(grep -i connect "$work/ka")"
c -0 -v -o /dev/null -o /dev/null -H 'Connection: keep-alive' "$url/" "$url/sub/" 2>"$work/ka10" ||
    fail "HTTP/1.0 keep-alive run"
grep -q 'Re-using existing connection' "$work/ka10" || fail "HTTP/1.0 keep-alive"
c -0 -v -o /dev/null -o /dev/null "$url/" "$url/sub/" 2>"$work/close10" || fail "HTTP/1.0 run"
! grep -q 'Re-using existing connection' "$work/close10" || fail "HTTP/1.0 closes"

# Slowloris by hand: a head that never ends is cut off at the head deadline (2 s).
start=$(date +%s%N)
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET / HTTP/1.1\r\nHost: x\r\n' >&3
for i in 1 2 3 4 5 6; do printf 'X-%d: y\r\n' "$i" >&3 2>/dev/null || break; sleep 0.5; done
timeout 10 cat <&3 >"$work/slow"
exec 3<&- 3>&-
elapsed=$((($(date +%s%N) - start) / 1000000))
[ ! -s "$work/slow" ] && [ "$elapsed" -ge 1900 ] && [ "$elapsed" -lt 8000 ] ||
    fail "slow head: closed after ${elapsed} ms with $(wc -c <"$work/slow") bytes"

# An idle kept-alive connection is closed at the idle deadline (3 s).
start=$(date +%s%N)
exec 3<>"/dev/tcp/127.0.0.1/$port"
timeout 10 cat <&3 >"$work/idle"
exec 3<&- 3>&-
elapsed=$((($(date +%s%N) - start) / 1000000))
[ ! -s "$work/idle" ] && [ "$elapsed" -ge 2900 ] && [ "$elapsed" -lt 9000 ] ||
    fail "idle connection: closed after ${elapsed} ms"

# A client that asks for 30 MB and reads nothing is cut off at the send deadline (2 s).
exec 3<>"/dev/tcp/127.0.0.1/$port"
for _ in $(seq 10); do printf 'GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n' >&3; done
for _ in $(seq 100); do
    grep -q 'refused: deadline: the client took no response byte' "$work/access.log" && break
    sleep 0.1
done
exec 3<&- 3>&-
grep -q 'refused: deadline: the client took no response byte' "$work/access.log" ||
    fail "a client that does not read was not cut off"

# Load: wrk, bounded, with no errors and only 2xx.
timeout 30 wrk -t2 -c64 -d3s "$url/index.html" >"$work/wrk" 2>&1 || fail "wrk failed: $(cat "$work/wrk")"
if grep -qE 'Socket errors|Non-2xx' "$work/wrk"; then fail "wrk errors: $(cat "$work/wrk")"; fi
grep -qE '^ *[0-9]+ requests in' "$work/wrk" || fail "wrk: $(cat "$work/wrk")"
echo "wrk -t2 -c64 -d3s /index.html (ASan build): $(grep -E 'requests in|Requests/sec' "$work/wrk" | tr -s ' ' | tr '\n' ' ')"

# slowhttptest's slowloris (150 connections for 6 s) while curl keeps asking.
timeout 30 slowhttptest -H -c 150 -r 100 -i 1 -x 10 -l 6 -p 3 -u "$url/" >"$work/slow.out" 2>&1 &
slow_pid=$!
sleep 1
answered=0 asked=0
for _ in $(seq 10); do
    asked=$((asked + 1))
    [ "$(status "$url/" --max-time 3)" = 200 ] && answered=$((answered + 1))
    sleep 0.4
done
wait "$slow_pid"
sed -i 's/\x1b\[[0-9;]*m//g' "$work/slow.out" # its colours
[ "$answered" = "$asked" ] || fail "under slowloris curl got $answered answers of $asked"
grep -q 'service available: *YES' "$work/slow.out" || fail "slowhttptest: $(tail -n 5 "$work/slow.out")"
echo "slowhttptest -H -c 150: curl answered $answered of $asked; $(grep -o 'service available: *[A-Z]*' "$work/slow.out" | tail -n 1 | tr -s ' '); $(grep -E 'Exit status|Test ended' "$work/slow.out" | tr '\n' ' ')"

# The server survived it all, and logged each request.
expect_status 200 "$url/"
grep -q '^GET /big.bin 200 3000000 ' "$work/access.log" || fail "access log: $(head -n 3 "$work/access.log")"
grep -q "^GET /../secret.txt 400 16 [0-9]*ms refused: path: '..' climbs above the site root$" "$work/access.log" ||
    fail "access log of a traversal: $(grep secret "$work/access.log")"
echo "access log: $(wc -l <"$work/access.log") requests, $(grep -c refused "$work/access.log") refused, e.g.:"
grep refused "$work/access.log" | sort -u -k5 | head -n 6 | sed 's/^/  /' 
kill "$pid"
wait "$pid"
rc=$?
pid=""
[ "$rc" = 0 ] || fail "the server exited with $rc: $(tail -n 20 "$work/serve.err")"
if grep -q 'ERROR: AddressSanitizer\|runtime error' "$work/serve.err"; then
    fail "sanitizer: $(cat "$work/serve.err")"
fi
[ "$fails" = 0 ] || exit 1
echo "http clients: ok"
