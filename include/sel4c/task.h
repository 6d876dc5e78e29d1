/*
 * Cooperative tasks of a protection domain's event loop (<sel4c/event.h>): each runs on a
 * stack the caller provides until it waits (for a condition, a channel, a ready queue, a
 * sleep) or yields; the loop runs the ready ones, in the order they became ready, after the
 * handlers of a notification, and returns to the Microkit loop when all are blocked.
 *
 * A task is sequential code that reads like a thread's, without locks: nothing else runs
 * between two of its waits. Handlers wake tasks by signalling conditions. Tasks and handlers
 * share the PD's single thread; never call these from another thread.
 *
 * Stacks. The lowest 64 bytes of a task's stack hold a canary that is checked at every
 * switch to and from the task; when it has been overwritten the PD panics naming the task
 * ("task 'http': stack overflow"). The check catches most overflows after the fact, not all
 * (a frame that jumps over the canary): size stacks for the deepest call, and keep large
 * buffers off them. The stack must be 16-byte aligned and at least SEL4C_TASK_MIN_STACK.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sel4c/error.h>
#include <sel4c/event.h>
#include <sel4c/timeout.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEL4C_TASK_MIN_STACK    1024
#define SEL4C_TASK_CANARY_WORDS 8

typedef struct sel4c_task sel4c_task_t;

/* A saved context: the stack pointer of a switched-out task (the registers are on its
 * stack). */
typedef struct sel4c_context {
    void *sp;
} sel4c_context_t;

/* A condition tasks wait on and handlers (or tasks) signal. It has no memory: a signal with
 * no task waiting is lost, so wait in a loop on the state it stands for:
 *     while (!rx_pending) sel4c_task_wait(&rx_cond); */
typedef struct sel4c_cond {
    sel4c_task_t *head, *tail;
} sel4c_cond_t;

#define SEL4C_COND_INIT                                                                            \
    {                                                                                              \
        0, 0                                                                                       \
    }

enum sel4c_task_state {
    SEL4C_TASK_READY = 1,
    SEL4C_TASK_RUNNING,
    SEL4C_TASK_WAITING,
    SEL4C_TASK_DONE,
};

/* A task. Its fields are private. It must stay in place until it is done. */
struct sel4c_task {
    sel4c_context_t ctx;
    const char *name;
    uint64_t *canary;
    void (*fn)(void *arg);
    void *arg;
    sel4c_task_t *next;  /* in the run queue or the list it waits on */
    sel4c_cond_t *waits; /* the condition it waits on, if any */
    sel4c_timeout_t sleep;
    enum sel4c_task_state state;
};

/*
 * Starts `t`, named `name` (for reports; not copied), running `fn(arg)` on the `size` bytes
 * at `stack`. It first runs at the next sel4c_event_run or dispatch (or yield of a running
 * task). When fn returns the task is done and its stack is free again. Errors:
 * SEL4C_INVALID_ARGUMENT (fn NULL), SEL4C_ALIGNMENT_ERROR (stack not 16-byte aligned),
 * SEL4C_RANGE_ERROR (size below SEL4C_TASK_MIN_STACK), SEL4C_ILLEGAL_OPERATION (t is
 * already started and not done).
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_task_spawn(sel4c_task_t *t, const char *name, void *stack,
                                              size_t size, void (*fn)(void *arg), void *arg);

/* Whether `t` has returned from its function. */
static inline bool sel4c_task_done(const sel4c_task_t *t)
{
    return t->state == SEL4C_TASK_DONE;
}

/* The running task, or NULL in a handler or outside the loop. */
sel4c_task_t *sel4c_task_self(void);

/* The calls below are for tasks only: called elsewhere they panic. */

/* Lets the other ready tasks run first, then continues. It does not let handlers run: a task
 * that waits for an event waits for it, it does not poll with yield. */
void sel4c_task_yield(void);

/* Waits until `c` is signalled. */
void sel4c_task_wait(sel4c_cond_t *c);

/* Waits for the next notification of channel `ch`. */
void sel4c_task_wait_channel(unsigned ch);

/* Waits until `ready(arg)` is true, checking it now and after each notification of `ch`
 * (a queue: see sel4c_event_on_ready for what `ready` does). */
void sel4c_task_wait_ready(unsigned ch, sel4c_ready_fn ready, void *arg);

/* Waits until the queue of consumer `c` has an entry, notified on channel `ch` by its
 * producer (the signalling protocol of <sel4c/queue.h>: no notification is lost). */
static inline void sel4c_task_wait_queue(sel4c_queue_consumer_t *c, unsigned ch)
{
    sel4c_task_wait_ready(ch, sel4c_queue_consumer_ready, c);
}

/* Waits until the queue of producer `p` has space, notified on channel `ch` by its
 * consumer. */
static inline void sel4c_task_wait_space(sel4c_queue_producer_t *p, unsigned ch)
{
    sel4c_task_wait_ready(ch, sel4c_queue_producer_ready, p);
}

/*
 * Sleeps for at least `ns` nanoseconds, on the PD's timer client (the first initialised,
 * <sel4c/timer.h>). Errors: SEL4C_ILLEGAL_OPERATION (no timer client), and those of
 * sel4c_timer_after (the task did not sleep).
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_task_sleep(uint64_t ns);

/* Wakes the task that has waited longest on `c` (none: nothing happens). From handlers and
 * tasks; the woken task runs after the current handler or task. */
void sel4c_cond_signal(sel4c_cond_t *c);

/* Wakes every task waiting on `c`. */
void sel4c_cond_broadcast(sel4c_cond_t *c);

/* The architecture's switch (lib/event/arch/<arch>/switch.S): saves the callee-saved
 * registers on the current stack and its pointer in *from, then resumes *to. */
void sel4c_context_switch(sel4c_context_t *from, const sel4c_context_t *to);

/* A context that, switched to, calls start(task) on the stack ending at `top` (16-byte
 * aligned); start must not return. */
void sel4c_context_init(sel4c_context_t *ctx, void *top, void (*start)(sel4c_task_t *),
                        sel4c_task_t *task);

#ifdef __cplusplus
}
#endif
