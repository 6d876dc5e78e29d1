#!/usr/bin/env bash
# Microkit systems: what booting one costs and what its IPC costs, in instructions.
#
# The system is http.system: the shape of an HTTP server demo (Ethernet, block, timer and
# RTC driver PDs serving a web server PD; stub programs) built by sel4c-sysbuild. QEMU boots
# it once with every instruction logged (-singlestep -d exec,nochain, -icount so that the
# timer interrupts fall at the same instructions every run), and trace.awk reads the log
# through a pipe:
#   - boot: instructions on core 0 from the loader's entry to the first instruction of the
#     last PD's init() (the web server's, the lowest priority), by stage: loader, kernel
#     boot, CapDL initializer (to its last thread started), PD start-up; each stage's kernel
#     and user share and its largest functions; each PD's _start to init();
#   - IPC, which the web server runs after init() (webserver.c), per round trip:
#     microkit_ppcall to the passive timer PD against seL4_Call on the same endpoint cap
#     with the timer in a raw seL4_ReplyRecv loop, and microkit_notify to the eth PD (its
#     notified() runs before the web server goes on) against seL4_Signal on the same
#     notification cap with eth in a raw seL4_Wait loop; the ratios with and without the
#     loop's own cost (the empty loop), and one iteration of each, function by function.
# A second image built with --initializer-log-level info boots without the log for the
# initializer's system calls against the spec's minimum. Also: the image's size. On SMP
# kernels only these: QEMU cannot log their boot in bounded time (below).
#   measure.sh CONFIG PREFIX SYSBUILD SDK_DIR PD_DIR
# (PD_DIR holds timer.elf eth.elf blk.elf rtc.elf webserver.elf built for CONFIG.) Prints
# figures; asserts nothing about them.
set -eu
config=$1 prefix=$2 sysbuild=$3 sdk=$4 pds_dir=$5
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "microkit ($config): not measured: no seL4 kernel at $prefix"
    exit 0
fi
work=$(mktemp -d)
qpid= apid=
trap 'for p in $qpid $apid; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
# shellcheck source=../../tools/qemu-run/qemu-machine.sh
. "$here/../../tools/qemu-run/qemu-machine.sh"
# shellcheck source=../qemu-guest.sh
. "$here/../qemu-guest.sh"
qemu_machine "$prefix" "$work"
args=() # the machine's command line without its -serial: the console goes to a file
for a in "${qemu[@]}"; do
    [ "$a" = -serial ] || [ "$a" = stdio ] || args+=("$a")
done
qemu=("${args[@]}")

pds="timer eth blk rtc webserver" # http.system's PDs by priority: the order they start
build() { # OUTPUT [SYSBUILD OPTIONS...]
    local out=$1
    shift
    "$sysbuild" "$here/http.system" --sel4-prefix "$prefix" --sdk "$sdk" --search-path "$pds_dir" \
        --dtb "$work/machine.dtb" -o "$out" -r "$out.report" "$@" >/dev/null
}
build "$work/image"
build "$work/info" --initializer-log-level info

# waits (at most $2 seconds) for "webserver: benchmark done" on the console $1
wait_done() { wait_for "$1" "webserver: benchmark done" "$2"; }

# The initializer's figures and the benchmark's own checks, without the log.
"${qemu[@]}" -serial "file:$work/info.console" -kernel "$work/info" >/dev/null 2>&1 &
qpid=$!
wait_done "$work/info.console" 30 || echo "microkit ($config): the info image did not finish"
stop_qemu
line=$(grep -a -o "capdl: .*system calls.*" "$work/info.console" | head -n 1)
echo "microkit ($config): initializer: ${line#capdl: }"
grep -a "^eth: " "$work/info.console" | sed "s/^/microkit ($config): /"
echo "microkit ($config): image $(sed -n '/^Boot image/{n;s/^ *//;p}' "$work/image.report")"
loaded=0
while read -r size; do loaded=$((loaded + size)); done < <(aarch64-linux-gnu-readelf -lW "$work/image" |
    awk '$1 == "LOAD" { print $5 }')
echo "microkit ($config): image: $loaded of its $(stat -c %s "$work/image") bytes are loaded;" \
    "the rest are the loader's debug sections and symbols, and alignment"
echo "microkit ($config): spec $(grep -m1 '^caps: ' "$work/image.report");" \
    "$(grep -m1 'binary spec' "$work/image.report" | sed 's/^ *//')"

# The logged run uses -icount: virtual time follows the instructions executed, so timer
# interrupts fall at the same instructions every run. Not on SMP kernels: QEMU 7.2 runs the
# cores of a machine in turn, each for as long as no timer is due, so with -icount a core
# spinning while another boots the kernel holds the machine for hundreds of millions of
# instructions; without -icount, logging slows the cores so much that the MCS kernel's
# budget interrupts swamp the boot.
cores=$(kernel_cores "$prefix")
if [ "$cores" != 1 ]; then
    echo "microkit ($config): instructions not counted: QEMU cannot log an SMP kernel's boot" \
        "in bounded time (with -icount, spinning cores stall it; without, budget interrupts swamp it)"
    exit 0
fi

# Addresses for trace.awk, from the images (16 hex digits, as QEMU logs them).
hex16() { printf "%016x" "$1"; }
entry() { hex16 "$(aarch64-linux-gnu-readelf -hW "$1" | awk '/Entry point/ { print $4 }')"; }
# [lowest, highest) virtual address of the loadable segments, of those with flags $2 if given
span() {
    aarch64-linux-gnu-readelf -lW "$1" | awk -v flags="${2:-}" '
        $1 == "LOAD" && (flags == "" || $7 $8 == flags) {
            print $3, $6 # vaddr, memsz
        }' | {
        lo= hi=0
        while read -r v m; do
            [ -n "$lo" ] && [ $((v)) -ge $((lo)) ] || lo=$((v))
            [ $((v + m)) -le $((hi)) ] || hi=$((v + m))
        done
        echo "$(hex16 "$lo") $(hex16 "$hi")"
    }
}
kernel=$prefix/bin/kernel.elf loader=$sdk/kernel-loader.elf
initializer=$sdk/capdl-initializer.elf monitor=$sdk/monitor.elf
read -r loader_lo loader_hi < <(span "$loader")
read -r kernel_lo kernel_hi < <(span "$kernel")
web=$pds_dir/webserver.elf
pd_inits= pd_starts= markers=
for pd in $pds; do
    pd_inits+="$(sym "$pds_dir/$pd.elf" init) "
    pd_starts+="$(sym "$pds_dir/$pd.elf" _start) "
done
for m in empty:: ppcall:timer:call call:timer: notify:eth:signal notify61:eth:signal signal:eth: end::; do
    markers+="${m%%:*}:$(sym "$web" "mark_${m%%:*}"):${m#*:} "
done
# The markers and the web server's init() must be addresses no other PD executes.
for pd in $pds; do
    [ "$pd" = webserver ] && continue
    read -r _ text_end < <(span "$pds_dir/$pd.elf" "RE")
    for a in $(sym "$web" init) $(sym "$web" mark_empty); do
        if [[ $a < $text_end ]]; then
            echo "microkit ($config): error: the web server's markers at 0x$a are within $pd's code"
            exit 1
        fi
    done
done
{
    for p in kernel:$kernel loader:$loader initializer:$initializer monitor:$monitor; do
        aarch64-linux-gnu-nm -n "${p#*:}" | awk -v p="${p%%:*}" '$2 ~ /^[tTwW]$/ { print p, $1, $3 }'
    done
    for pd in $pds; do
        aarch64-linux-gnu-nm -n "$pds_dir/$pd.elf" | awk -v p="$pd" '$2 ~ /^[tTwW]$/ { print p, $1, $3 }'
    done
} >"$work/syms"

# The logged run: QEMU writes the log into a pipe that trace.awk reads as it goes.
mkfifo "$work/log"
awk -f "$here/trace.awk" -v syms="$work/syms" -v loader_lo="$loader_lo" -v loader_hi="$loader_hi" \
    -v kernel_lo="$kernel_lo" -v kernel_hi="$kernel_hi" -v init_entry="$(entry "$initializer")" \
    -v init_done="$(sym "$initializer" sel4c_capdl_done)" -v pd_starts="$pd_starts" \
    -v monitor_entry="$(entry "$monitor")" -v pds="$pds" -v pd_inits="$pd_inits" \
    -v markers="$markers" -v client_pd=webserver -v sample=50 \
    <"$work/log" >"$work/figures" &
apid=$!
"${qemu[@]}" -serial "file:$work/console" -icount shift=0 -singlestep \
    -d exec,nochain -D "$work/log" -kernel "$work/image" >/dev/null 2>&1 &
qpid=$!
wait_done "$work/console" 300 || echo "microkit ($config): the logged run did not finish"
stop_qemu
wait "$apid" || true
apid=
sed "s/^/microkit ($config): /" "$work/figures"
