#!/usr/bin/env bash
# lib/tls against real clients on loopback: curl verifies the certificate (and fails without
# the CA), and of every TLS 1.2 suite openssl knows, exactly the ECDHE AEAD suites that the
# ECDSA certificate allows are accepted; TLS 1.3 and 1.1 are refused.
#   clients.sh TLS_SERVER CERT KEY
set -u
server=$1 cert=$2 key=$3
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
trap 'kill $pid 2>/dev/null; rm -f "$log"' EXIT
"$server" "$cert" "$key" "$port" 60 >"$log" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
fail=0
body=$(timeout 10 curl -sS --cacert "$cert" "https://localhost:$port/")
if [ "$body" = hello ]; then echo "curl --cacert: verified and answered"; else echo "FAIL: curl --cacert got '$body'"; fail=1; fi
if timeout 10 curl -sS "https://localhost:$port/" >/dev/null 2>&1; then
    echo "FAIL: curl without the CA accepted the certificate"; fail=1
else
    echo "curl without the CA: certificate refused"
fi
accepted=()
for c in $(openssl ciphers -tls1_2 'ALL:COMPLEMENTOFALL' | tr ':' ' '); do
    if echo | timeout 5 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -cipher "$c" \
        -servername localhost >/dev/null 2>&1; then
        accepted+=("$c")
    fi
done
got=$(printf '%s\n' "${accepted[@]}" | sort | tr '\n' ' ')
want="ECDHE-ECDSA-AES128-GCM-SHA256 ECDHE-ECDSA-AES256-GCM-SHA384 ECDHE-ECDSA-CHACHA20-POLY1305 "
echo "TLS 1.2 suites accepted: $got"
[ "$got" = "$want" ] || { echo "FAIL: expected exactly: $want"; fail=1; }
for v in -tls1_3 -tls1_1; do
    if echo | timeout 5 openssl s_client -connect "127.0.0.1:$port" $v >/dev/null 2>&1; then
        echo "FAIL: $v accepted"; fail=1
    else
        echo "$v: refused"
    fi
done
kill $pid 2>/dev/null
wait $pid 2>/dev/null
cat "$log" | sort | uniq -c | sort -rn | head -12
[ $fail -eq 0 ] && echo PASS
exit $fail
