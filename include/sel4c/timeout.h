/*
 * Timeout bookkeeping: any number of pending timeouts ordered by their deadline, each a node
 * the caller provides (nothing is allocated). It is freestanding and knows nothing of
 * clocks: the caller passes "now" in. The timer client (<sel4c/timer.h>) builds on it.
 *
 * Time is a 64-bit count of nanoseconds. Deadlines are compared by their difference as a
 * signed number, so a clock that wraps (2^64 ns is 584 years, but a clock may start
 * anywhere) and deadlines computed past the wrap order correctly as long as every pending
 * deadline and "now" lie within 2^63 ns of each other. Delays and periods are limited to
 * SEL4C_TIMEOUT_MAX_DELAY (2^62 ns, 146 years), which keeps that true.
 *
 * The set is a pairing heap over the nodes: start is O(1), cancel and taking the earliest
 * O(log n) amortised. Equal deadlines expire in the order they were started.
 *
 * Not thread-safe: one thread (a PD's) owns a set and its nodes.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sel4c/error.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEL4C_TIMEOUT_MAX_DELAY (UINT64_C(1) << 62)

#define SEL4C_NS  UINT64_C(1)
#define SEL4C_US  UINT64_C(1000)
#define SEL4C_MS  UINT64_C(1000000)
#define SEL4C_SEC UINT64_C(1000000000)

typedef struct sel4c_timeout sel4c_timeout_t;

/* Runs when `t` expires, with the argument it was started with. */
typedef void (*sel4c_timeout_fn)(sel4c_timeout_t *t, void *arg);

/* One timeout. Its fields are private: use the functions below. Zero-initialised (or
 * never started) it is not pending. It must stay in place while pending. */
struct sel4c_timeout {
    sel4c_timeout_t *child, *next, *prev; /* heap links; prev is the parent of a first child */
    uint64_t deadline, period, seq;
    sel4c_timeout_fn fn;
    void *arg;
    bool pending;
    bool deferred; /* started during sel4c_timeouts_expire, not yet in the heap */
};

/* A set of pending timeouts. */
typedef struct sel4c_timeouts {
    sel4c_timeout_t *root;
    size_t count;
    uint64_t seq;              /* start order, for equal deadlines */
    sel4c_timeout_t *deferred; /* see sel4c_timeouts_expire */
} sel4c_timeouts_t;

/* An empty set. */
void sel4c_timeouts_init(sel4c_timeouts_t *set);

/*
 * Starts `t` in `set`: it expires at `deadline`, then (`period` > 0) every `period` ns after
 * that, each next deadline computed from the last one, not from when it ran, so it does not
 * drift. A pending `t` is restarted. `fn` runs for each expiry from sel4c_timeouts_expire.
 * Errors: SEL4C_INVALID_ARGUMENT if `fn` is NULL; SEL4C_RANGE_ERROR if `period` exceeds
 * SEL4C_TIMEOUT_MAX_DELAY. Nothing changes on error.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_timeouts_start(sel4c_timeouts_t *set, sel4c_timeout_t *t,
                                                  uint64_t deadline, uint64_t period,
                                                  sel4c_timeout_fn fn, void *arg);

/* Cancels `t`: returns true if it was pending in `set`, false if it was not (no effect). */
bool sel4c_timeouts_cancel(sel4c_timeouts_t *set, sel4c_timeout_t *t);

/* Whether `t` is pending, and its (next) deadline. */
static inline bool sel4c_timeout_pending(const sel4c_timeout_t *t)
{
    return t->pending;
}
static inline uint64_t sel4c_timeout_deadline(const sel4c_timeout_t *t)
{
    return t->deadline;
}

/* The number of pending timeouts. */
static inline size_t sel4c_timeouts_count(const sel4c_timeouts_t *set)
{
    return set->count;
}

/* The earliest pending timeout, or NULL. */
static inline sel4c_timeout_t *sel4c_timeouts_first(const sel4c_timeouts_t *set)
{
    return set->root;
}

/* Whether deadline `a` comes before `b` (wrap-safe, see above). */
static inline bool sel4c_time_before(uint64_t a, uint64_t b)
{
    return (int64_t)(a - b) < 0;
}

/*
 * Runs every timeout whose deadline is at or before `now`, earliest first, and returns how
 * many callbacks ran. A periodic timeout is restarted before its callback runs, at its first
 * deadline after `now` (periods missed entirely are skipped, not run late in a burst).
 * Callbacks may start and cancel any timeout of the set, their own included; a timeout
 * started by a callback with a deadline already past runs at the next call, not in this one,
 * so a callback that restarts itself cannot keep this call from returning. A callback must
 * not call sel4c_timeouts_expire on the same set.
 */
size_t sel4c_timeouts_expire(sel4c_timeouts_t *set, uint64_t now);

#ifdef __cplusplus
}
#endif
