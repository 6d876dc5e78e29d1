/*
 * What the PDs of http.system share for the IPC benchmark (bench/microkit/measure.sh).
 *
 * The raw baselines receive on the PD's input cap themselves, as a PD written directly
 * against libsel4 would: its CPtrs are those of the cap layout sel4c-sysbuild gives every PD
 * (docs/microkit.md), which lib/microkit's event loop uses too.
 */
#pragma once

#include <microkit.h>

#define INPUT_CAP 1 /* the PD's endpoint (PP servers, passive PDs) or its notification */
#define REPLY_CAP 4 /* the reply object (MCS) */

/* The web server's PP calls to the timer: BENCH_RAW_BEGIN makes protected() serve calls
 * with a raw seL4_ReplyRecv loop until a call with BENCH_RAW_END. Other labels: an empty
 * reply, the benchmark's call. */
#define BENCH_RAW_BEGIN 0x7e1
#define BENCH_RAW_END   0x7e2

/* How many round trips each loop of the benchmark makes. */
#define BENCH_ROUNDS 100
