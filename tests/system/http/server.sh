# Sourced by http.sh, single.sh and robust.sh: setting up, booting and checking an HTTP(S)
# server system. The caller sets config, prefix, pds, disk, site, cert, out, sysbuild, sdk and
# qemu_run from its arguments first.

fail=0
bad() { echo "FAIL: $*"; fail=1; }
c() { curl -sS --max-time 60 "$@"; }

# server_setup [TRANSPORT]: exits 77 without a kernel; a fresh $out with a copy of the disk
# (the system may write; the built image stays as it is), free ports $http and $https, QEMU's
# ${devices[@]} for them, and the URLs $base, $sbase with curl's ${tls[@]}.
server_setup() {
    if [ ! -f "$prefix/bin/kernel.elf" ]; then
        echo "no seL4 kernel for $config at $prefix (build one, or set SEL4_INSTALLS)"
        exit 77
    fi
    rm -rf "$out" && mkdir -p "$out" || exit 1
    cp "$disk" "$out/disk.img"
    port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
    http=$(port) https=$(port)
    . examples/http-server/qemu-devices.sh
    http_server_devices "$out/disk.img" "$http" "$https" "${1:-legacy}"
    base=http://127.0.0.1:$http sbase=https://localhost:$https
    tls=(--cacert "$cert" --resolve "localhost:$https:127.0.0.1")
}

# boot_server SYSTEM TIMEOUT [SEARCH-ARGS...] -- [QEMU-RUN-ARGS...]: boots SYSTEM in the
# background ($boot), passing when the server serves and the run ends with the request for
# /end-of-test, and waits (bounded) until it serves or the boot ends.
boot_server() {
    local system=$1 timeout=$2 search=()
    shift 2
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        search+=("$1")
        shift
    done
    [ $# -gt 0 ] && shift
    tools/qemu-run/boot-system.sh "$prefix" "$system" "$sysbuild" "$sdk" "$qemu_run" \
        "${search[@]}" --report "$out/report.txt" -- --timeout "$timeout" --log "$out/console" \
        --fail "seL4 called fail" --fail "error:" "$@" \
        --pass "serving HTTP on port 80 and HTTPS on port 443" \
        --pass "GET /end-of-test 404" -- "${devices[@]}" >"$out/boot.log" 2>&1 &
    boot=$!
    for _ in $(seq 1500); do
        grep -q "serving HTTP" "$out/console" 2>/dev/null && break
        kill -0 $boot 2>/dev/null || break
        sleep 0.1
    done
}

# check_site_files [LABEL]: every file of $site over HTTP and HTTPS, byte-exact ($n of them);
# failures are prefixed with LABEL.
check_site_files() {
    local f p
    n=0
    while IFS= read -r f; do
        p=${f#"$site"}
        c -o "$out/got" "$base$p" && cmp -s "$out/got" "$f" || bad "${1:+$1: }http $p differs"
        c "${tls[@]}" -o "$out/got" "$sbase$p" && cmp -s "$out/got" "$f" || bad "${1:+$1: }https $p differs"
        n=$((n + 1))
    done < <(find "$site" -type f | sort)
    [ $n -gt 0 ] || bad "no files in $site"
}
