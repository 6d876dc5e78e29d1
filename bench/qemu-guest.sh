# Sourced by the benchmark scripts that run a guest in QEMU in the background, its pid in
# $qpid:
#   wait_for FILE TEXT SECONDS  true once TEXT is in FILE (a console); false once QEMU has
#                               exited, or after SECONDS
#   stop_qemu                   stops QEMU and forgets its pid
#   kernel_cores PREFIX         the cores of the kernel installed at PREFIX (MAX_NUM_NODES)
#   sym ELF SYMBOL              SYMBOL's address in ELF, in nm's hex digits
wait_for() {
    local i
    for i in $(seq $(($3 * 10))); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        kill -0 "$qpid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
stop_qemu() {
    kill "$qpid" 2>/dev/null || true
    wait "$qpid" 2>/dev/null || true
    qpid=
}
kernel_cores() {
    sed -nE 's/.*"MAX_NUM_NODES": "([0-9]+)".*/\1/p' "$1/libsel4/include/kernel/gen_config.json"
}
sym() { aarch64-linux-gnu-nm "$1" | awk -v s="$2" '$3 == s { print $1; exit }'; }
