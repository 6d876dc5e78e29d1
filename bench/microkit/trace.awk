# Reads QEMU's execution log of http.system booting and running the IPC benchmark (one
# instruction per line: -singlestep -d exec,nochain) and prints the figures of
# bench/microkit/measure.sh, which passes the addresses below (16 hex digits each, as QEMU
# prints them) and the symbol table `syms` ("program address name" lines, each program's
# sorted by address).
#
# Boot, on core 0, in stages that follow each other in time:
#   loader       from the first instruction to the first outside the loader (kernel entry)
#   kernel boot  to the initializer's entry
#   initializer  to sel4c_capdl_done (every thread started), its system calls included
#   PD start-up  to the first instruction of the last PD's init(): the monitor, then each PD
#                from its _start (pd_starts) to its init(), in the order `pds` names them (by
#                priority; the benchmark checks it is that order)
# Instructions are attributed to the kernel or to the program running (the loader, the
# initializer, the monitor, the PD started last), and to their functions.
#
# IPC, after the last PD's init(): the web server calls a marker function at the top of each
# round trip; an iteration is the instructions from one marker to the next of the same kind
# (the last of each loop, which runs into the next loop's set-up, is not counted). Within
# it, user instructions alternate between the web server and its peer at each return from
# the kernel: web server, kernel, peer, kernel, web server. An iteration with another shape
# (a timer interrupt in it) is still counted in the median, and counted as irregular.
#
# Comparisons are of 16-digit hex strings, prefixed with "x" so that awk never compares
# them as numbers.
BEGIN {
    FS = "[][/]"
    while ((getline line < syms) > 0) {
        split(line, f, " ")
        nsym[f[1]]++
        symaddr[f[1], nsym[f[1]]] = "x" f[2]
        symname[f[1], nsym[f[1]]] = f[3]
    }
    close(syms)
    llo = "x" loader_lo; lhi = "x" loader_hi; klo = "x" kernel_lo; khi = "x" kernel_hi
    ientry = "x" init_entry; idone = "x" init_done
    mentry = "x" monitor_entry; user_top = "x0000000000400000"
    npds = split(pds, pdname, " ")
    split(pd_inits, f, " ")
    for (i = 1; i <= npds; i++) pdinit[i] = "x" f[i]
    split(pd_starts, f, " ")
    for (i = 1; i <= npds; i++) pdstart[i] = "x" f[i]
    # markers: "kind:address:peer:baseline ...", the baseline being the raw loop compared
    nkinds = split(markers, f, " ")
    for (i = 1; i <= nkinds; i++) {
        split(f[i], g, ":")
        kind[i] = g[1]; marker["x" g[2]] = g[1]; peer[g[1]] = g[3]; baseline[g[1]] = g[4]
    }
    stage_name[1] = "loader"; stage_name[2] = "kernel boot"
    stage_name[3] = "CapDL initializer"; stage_name[4] = "PD start-up"
}

# The function of `prog` at `pc`: the last symbol at or below it.
function lookup(prog, pc,    lo, hi, mid) {
    lo = 1; hi = nsym[prog]
    if (hi == 0 || pc < symaddr[prog, 1]) return "?"
    while (lo < hi) {
        mid = int((lo + hi + 1) / 2)
        if (symaddr[prog, mid] <= pc) lo = mid
        else hi = mid - 1
    }
    return symname[prog, lo]
}

# Ends the current IPC iteration when the next marker is of the same kind.
function close_iteration(next_kind,    k, m) {
    k = cur
    if (next_kind != k) return
    m = ++samples[k]
    val["total", k, m] = n - t0; val["kernel", k, m] = ik
    val["client", k, m] = iuc; val["peer", k, m] = iup
    irregular[k] += k == "empty" ? useg != 1 : useg != 3
}

/^Trace / {
    cpu = substr($1, 7, index($1, ":") - 7)
    if (cpu != "0") { others[cpu]++; next }
    if (finished) next
    pc = "x" $3
    n++
    kern = pc >= klo && pc < khi

    # stage boundaries: the instruction that opens a stage is its first
    if (stage == 0) stage = 1
    else if (stage == 1 && !(pc >= llo && pc < lhi)) stage = 2
    else if (stage == 2 && pc == ientry) stage = 3
    else if (stage == 3 && pc == idone) {
        stage = 4; owner = "initializer"; seg_start = n; kernel_since_done = 0
    }
    # PD start-up in segments: until the first PD starts (the initializer suspends, the
    # monitor starts and waits), then each PD's _start to init() and init() to the next start
    if (stage == 4) {
        if (kern) kernel_since_done = 1
        else if (pc == mentry && kernel_since_done && !monitor_seen) {
            monitor_seen = 1; owner = "monitor"
        }
        else if (started < npds && pc == pdstart[started + 1]) {
            if (started) { after_init[started] = n - seg_start; after_init_k[started] = seg_k }
            else { before_pds = n - seg_start; before_pds_k = seg_k }
            started++
            seg_start = n; seg_k = 0
        } else if (started && !init_seen[started] && pc == pdinit[started]) {
            init_seen[started] = 1
            to_init[started] = n - seg_start; to_init_k[started] = seg_k
            seg_start = n; seg_k = 0
            if (started == npds) { stage = 5; boot_end = n }
        }
        seg_k += kern
    }
    if (stage <= 4) {
        count[stage]++
        if (kern) { kcount[stage]++; prog = "kernel" }
        else if (stage == 1) prog = "loader"
        else if (stage == 3) prog = "initializer"
        else if (pc < user_top) prog = started ? pdname[started] : "?"
        else prog = owner
        hits[stage, prog, pc]++
    }
    if (stage < 5) next

    # IPC: iterations between markers
    if (pc in marker) {
        k = marker[pc]
        if (cur != "") close_iteration(k)
        iteration[k]++
        cur = k; t0 = n; ik = 0; iuc = 0; iup = 0; useg = 1; prev_kern = 0; on_client = 1
        sampling = iteration[k] == sample
        if (k == "end") { finished = 1; next }
    }
    if (cur == "") next
    if (kern) {
        ik++
        prev_kern = 1
    } else {
        if (prev_kern) { useg++; on_client = !on_client }
        prev_kern = 0
        if (on_client) iuc++
        else iup++
    }
    if (sampling) {
        nseq[cur]++
        seq[cur, nseq[cur]] = (kern ? "kernel" : on_client ? client_pd : peer[cur]) " " pc
    }
}

# The median of `what` ("total", "kernel", "client", "peer") over loop k's iterations.
function median(k, what,    m, i, j, v, a) {
    m = samples[k]
    for (i = 1; i <= m; i++) a[i] = val[what, k, i]
    for (i = 2; i <= m; i++) {
        v = a[i]
        for (j = i - 1; j >= 1 && a[j] > v; j--) a[j + 1] = a[j]
        a[j + 1] = v
    }
    return m ? a[int((m + 1) / 2)] : 0
}

END {
    if (!boot_end) { print "microkit: error: the log ends before the last PD's init()"; exit 1 }
    # the boot
    boot = boot_end - 1
    printf "boot, core 0: %d instructions from the loader's entry to the first of %s's init()\n",
        boot, pdname[npds]
    printf "  %-20s %12s %7s %12s %12s\n", "stage", "instructions", "share", "kernel", "user"
    for (s = 1; s <= 4; s++) {
        printf "  %-20s %12d %6.1f%% %12d %12d\n", stage_name[s], count[s], 100 * count[s] / boot,
            kcount[s], count[s] - kcount[s]
        kboot += kcount[s]
    }
    printf "  %-20s %12d %6.1f%% %12d %12d\n", "total", boot, 100, kboot, boot - kboot
    printf "PD start-up: %d instructions (kernel %d) until the first PD starts (the initializer " \
        "suspends, the monitor starts and waits), then:\n", before_pds, before_pds_k
    printf "  %-12s %16s %16s %32s\n", "PD", "_start to init", "(kernel)", "init to the next PD's _start"
    for (i = 1; i <= npds; i++) {
        if (i < npds) after = sprintf("%d (kernel %d)", after_init[i], after_init_k[i])
        else after = "-"
        printf "  %-12s %16d %16d %32s\n", pdname[i], to_init[i], to_init_k[i], after
    }
    for (c in others)
        printf "other cores: core %s executed %d instructions before the benchmark ended\n", c, others[c]
    # where each stage's instructions go, by program and function
    for (key in hits) {
        split(key, f, SUBSEP)
        fn = f[2] ":" lookup(f[2], f[3])
        byfn[f[1], fn] += hits[key]
        if (!((f[1], fn) in seen)) {
            seen[f[1], fn] = 1
            fns[f[1], ++nfn[f[1]]] = fn
        }
    }
    for (s = 1; s <= 4; s++) {
        printf "  %s, largest:", stage_name[s]
        for (r = 1; r <= 6; r++) {
            best = ""; bestv = 0
            for (i = 1; i <= nfn[s]; i++) {
                fn = fns[s, i]
                if (!((s, fn) in taken) && byfn[s, fn] > bestv) { best = fn; bestv = byfn[s, fn] }
            }
            if (best == "") break
            taken[s, best] = 1
            printf "%s %s %d", (r > 1 ? "," : ""), best, bestv
        }
        printf "\n"
    }
    # IPC
    if (!finished) { print "microkit: error: the log ends before the benchmark's end marker"; exit 1 }
    printf "ipc: instructions per round trip, median of %d; the peer is the PD called or " \
        "notified; against the raw loop, also less the empty loop's (the marker and the loop)\n",
        samples[kind[1]]
    printf "  %-8s %7s %7s %10s %6s %10s %8s %11s\n", "loop", "total", "kernel", "webserver", "peer",
        "irregular", "vs raw", "less loop"
    empty = median("empty", "total")
    for (i = 1; i <= nkinds; i++) {
        k = kind[i]
        if (k == "end") continue
        t = median(k, "total")
        printf "  %-8s %7d %7d %10d %6d %10d", k, t, median(k, "kernel"), median(k, "client"),
            median(k, "peer"), irregular[k]
        if (baseline[k] != "") {
            b = median(baseline[k], "total")
            printf " %8.3f %11.3f", t / b, (t - empty) / (b - empty)
        }
        printf "\n"
    }
    # the sample iteration of each loop, function by function in the order executed
    for (i = 1; i <= nkinds; i++) {
        k = kind[i]
        if (k == "end" || k == "empty") continue
        printf "ipc %s, iteration %d:", k, sample
        last = ""; run = 0; who = ""
        for (j = 1; j <= nseq[k]; j++) {
            split(seq[k, j], f, " ")
            fn = f[1] == "kernel" ? "kernel" : lookup(f[1], f[2])
            if ((f[1] != who || fn != last) && run) { printf " %s %d", last, run; run = 0 }
            if (f[1] != who)
                printf "%s%s", (who == "" ? "" : ";"), (f[1] == "kernel" ? "" : " " f[1] ":")
            who = f[1]; last = fn; run++
        }
        if (run) printf " %s %d", last, run
        printf "\n"
    }
}
