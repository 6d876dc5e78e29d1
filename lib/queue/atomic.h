/*
 * Single-copy atomic accesses to the shared indices and flags, with the ordering each use
 * names at its call site. Frama-C's WP has no model of atomics: under __FRAMAC__ these are
 * plain accesses, so the proofs (docs/queues.md) are about the sequential index logic, and the
 * orderings are covered by the thread tests (tests/queue/test_stress.c) and the seL4 systems.
 */
#pragma once

#ifdef __FRAMAC__
#define q_load_acquire(p)     (*(p))
#define q_load_relaxed(p)     (*(p))
#define q_store_release(p, v) (*(p) = (v))
#define q_store_relaxed(p, v) (*(p) = (v))
#define q_fence_seq_cst()     ((void)0)
#else
#define q_load_acquire(p)     __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define q_load_relaxed(p)     __atomic_load_n((p), __ATOMIC_RELAXED)
#define q_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define q_store_relaxed(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define q_fence_seq_cst()     __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
