# Counts the instructions in QEMU's execution log (-singlestep -d exec,nochain: one line per
# instruction, "Trace 0: HOST [CS_BASE/PC/FLAGS/CFLAGS] ...") by component, in the windows
# from an instruction at `start` to the next at `stop` (hex addresses, e.g. from nm; when they
# are equal, each window runs to the next start). Reads the log on stdin, so that it can be
# a fifo QEMU writes: logs are gigabytes.
#   awk -f count.awk -v ranges=FILE -v start=ADDR -v stop=ADDR [-v kernel=ADDR] <log
# ranges: "START END LABEL [PD]" lines (ranges.sh). A PC at or above `kernel` (default
# 0x8000000000, seL4's kernel window on AArch64) is "kernel"; one in no range is "other".
# Prints, for each window and then their sum:
#   window K TOTAL LABEL=N LABEL=N ... exits=N switches=N
#   sum WINDOWS TOTAL LABEL=N ... exits=N switches=N
# labels in the order of their first range, then kernel and other; exits: returns from the
# kernel to user code; switches: those into another PD than the user code before (each a
# change of address space, which costs more than its instructions under TCG, as QEMU flushes
# its TLB). One core only: the log of several interleaves their instructions.
function hex(h,    i, v) { # (mawk has no strtonum)
    sub(/^0x/, "", h); h = tolower(h); v = 0
    for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
    return v
}
BEGIN {
    FS = "[][/]"
    if (ranges == "" || start == "" || stop == "") {
        print "count.awk: error: needs -v ranges=FILE -v start=ADDR -v stop=ADDR" > "/dev/stderr"
        bad = 1; exit 1
    }
    while ((getline line < ranges) > 0) {
        split(line, f, " ")
        rs[++nr] = f[1] + 0; re[nr] = f[2] + 0; rl[nr] = f[3]; rp[f[3]] = f[4] != "" ? f[4] : f[3]
        if (!(f[3] in seen)) { seen[f[3]] = 1; labels[++nl] = f[3] }
    }
    close(ranges)
    labels[++nl] = "kernel"; labels[++nl] = "other"; rp["other"] = "other"
    kbase = hex(kernel == "" ? "0x8000000000" : kernel)
    a0 = hex(start); a1 = hex(stop)
}
# the label of a PC, and whether it is a marker: computed once per distinct PC
function classify(pc,    v, lo, hi, mid) {
    v = hex(pc)
    mark[pc] = (v == a0 ? 1 : 0) + (v == a1 ? 2 : 0)
    if (v >= kbase) return memo[pc] = "kernel"
    lo = 1; hi = nr
    while (lo < hi) { mid = int((lo + hi + 1) / 2); if (rs[mid] <= v) lo = mid; else hi = mid - 1 }
    return memo[pc] = (nr && rs[lo] <= v && v < re[lo]) ? rl[lo] : "other"
}
function close_window(    i, s) {
    windows++
    s = sprintf("window %d %d", windows, total)
    for (i = 1; i <= nl; i++) { s = s sprintf(" %s=%d", labels[i], cur[labels[i]]); sum[labels[i]] += cur[labels[i]]; cur[labels[i]] = 0 }
    sumtotal += total; total = 0
    print s sprintf(" exits=%d switches=%d", exits, switches)
    sumexits += exits; sumswitches += switches; exits = switches = 0
}
# (QEMU logs other lines too, cpu_io_recompile's for one: not instructions)
!/^Trace / { next }
{
    pc = $3
    lab = (pc in memo) ? memo[pc] : classify(pc)
    m = mark[pc]
    if (on && m >= 2) { close_window(); on = 0; if (a0 == a1) m = 1; else next }
    if (!on && m % 2 == 1) on = 1
    if (on) {
        cur[lab]++; total++
        if (lab != "kernel" && prev == "kernel") {
            exits++
            if (rp[lab] != lastpd) switches++
        }
    }
    if (lab != "kernel") lastpd = rp[lab]
    prev = lab
}
END {
    if (bad) exit 1
    s = sprintf("sum %d %d", windows, sumtotal)
    for (i = 1; i <= nl; i++) s = s sprintf(" %s=%d", labels[i], sum[labels[i]])
    print s sprintf(" exits=%d switches=%d", sumexits, sumswitches)
}
