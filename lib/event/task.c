/*
 * Cooperative tasks (<sel4c/task.h>). The loop's context is the stack sel4c_event_run was
 * called on; tasks switch only to and from it, never to each other, so a blocked task's
 * state is exactly its saved context and the list it is on.
 */
#include <string.h>

#include "loop.h"

#define CANARY 0x5e14c57ac4ca4a21ull /* anything unlikely to be written by chance */

sel4c_timer_t *sel4c_loop_timer;

static struct {
    sel4c_context_t ctx; /* the loop's, while a task runs */
    sel4c_task_t *current;
    sel4c_cond_t ready;
    sel4c_cond_t channel[SEL4C_EVENT_CHANNELS];
} tasks;

static void push(sel4c_cond_t *list, sel4c_task_t *t)
{
    t->next = NULL;
    if (list->tail)
        list->tail->next = t;
    else
        list->head = t;
    list->tail = t;
}

static sel4c_task_t *pop(sel4c_cond_t *list)
{
    sel4c_task_t *t = list->head;
    if (t) {
        list->head = t->next;
        if (!list->head)
            list->tail = NULL;
        t->next = NULL;
    }
    return t;
}

static void make_ready(sel4c_task_t *t)
{
    t->state = SEL4C_TASK_READY;
    t->waits = NULL;
    push(&tasks.ready, t);
}

static void check_canary(const sel4c_task_t *t)
{
    uint64_t diff = 0;
    for (unsigned i = 0; i < SEL4C_TASK_CANARY_WORDS; i++)
        diff |= t->canary[i] ^ CANARY;
    if (diff)
        sel4c_panic("task '%s': stack overflow (the canary at %p is overwritten)", t->name,
                    (void *)t->canary);
}

/* Where a new task's context starts. */
static __attribute__((noreturn)) void task_start(sel4c_task_t *t)
{
    t->fn(t->arg);
    t->state = SEL4C_TASK_DONE;
    check_canary(t);
    sel4c_context_switch(&t->ctx, &tasks.ctx);
    __builtin_unreachable(); /* nothing switches to a done task */
}

sel4c_err_t sel4c_task_spawn(sel4c_task_t *t, const char *name, void *stack, size_t size,
                             void (*fn)(void *arg), void *arg)
{
    if (!fn)
        return SEL4C_INVALID_ARGUMENT;
    if ((uintptr_t)stack % 16 || size % 16)
        return SEL4C_ALIGNMENT_ERROR;
    if (size < SEL4C_TASK_MIN_STACK)
        return SEL4C_RANGE_ERROR;
    if (t->state && t->state != SEL4C_TASK_DONE)
        return SEL4C_ILLEGAL_OPERATION;
    memset(t, 0, sizeof *t);
    t->name = name ? name : "(unnamed)";
    t->fn = fn;
    t->arg = arg;
    t->canary = stack;
    for (unsigned i = 0; i < SEL4C_TASK_CANARY_WORDS; i++)
        t->canary[i] = CANARY;
    sel4c_context_init(&t->ctx, (char *)stack + size, task_start, t);
    make_ready(t);
    return SEL4C_NO_ERROR;
}

sel4c_task_t *sel4c_task_self(void)
{
    return tasks.current;
}

void sel4c_loop_run_tasks(void)
{
    sel4c_task_t *t;
    while ((t = pop(&tasks.ready))) {
        check_canary(t);
        t->state = SEL4C_TASK_RUNNING;
        tasks.current = t;
        /* back here, the task has checked its canary as it switched out */
        sel4c_context_switch(&tasks.ctx, &t->ctx);
        tasks.current = NULL;
    }
}

void sel4c_loop_wake_channel(unsigned ch)
{
    sel4c_cond_broadcast(&tasks.channel[ch]);
}

/* The running task, or a panic naming `fn` outside tasks. */
static sel4c_task_t *self_or_panic(const char *fn)
{
    if (!tasks.current)
        sel4c_panic("%s: called outside a task", fn);
    return tasks.current;
}

/* Switches back to the loop until something makes the task ready again. */
static void block(sel4c_task_t *self)
{
    check_canary(self);
    sel4c_context_switch(&self->ctx, &tasks.ctx);
}

void sel4c_task_yield(void)
{
    sel4c_task_t *self = self_or_panic("sel4c_task_yield");
    make_ready(self);
    block(self);
}

static void wait_on(sel4c_task_t *self, sel4c_cond_t *c)
{
    self->state = SEL4C_TASK_WAITING;
    self->waits = c;
    push(c, self);
    block(self);
}

void sel4c_task_wait(sel4c_cond_t *c)
{
    wait_on(self_or_panic("sel4c_task_wait"), c);
}

void sel4c_task_wait_channel(unsigned ch)
{
    sel4c_task_t *self = self_or_panic("sel4c_task_wait_channel");
    if (ch >= SEL4C_EVENT_CHANNELS)
        sel4c_panic("sel4c_task_wait_channel: task '%s': channel %u: out of range", self->name, ch);
    wait_on(self, &tasks.channel[ch]);
}

void sel4c_task_wait_ready(unsigned ch, sel4c_ready_fn ready, void *arg)
{
    self_or_panic("sel4c_task_wait_ready");
    while (!ready(arg))
        sel4c_task_wait_channel(ch);
}

static void wake_sleeper(sel4c_timeout_t *t, void *arg)
{
    (void)t;
    make_ready(arg);
}

sel4c_err_t sel4c_task_sleep(uint64_t ns)
{
    sel4c_task_t *self = self_or_panic("sel4c_task_sleep");
    if (!sel4c_loop_timer)
        return SEL4C_ILLEGAL_OPERATION;
    sel4c_err_t err = sel4c_timer_after(sel4c_loop_timer, &self->sleep, ns, wake_sleeper, self);
    if (err != SEL4C_NO_ERROR)
        return err;
    self->state = SEL4C_TASK_WAITING;
    block(self);
    return SEL4C_NO_ERROR;
}

void sel4c_cond_signal(sel4c_cond_t *c)
{
    sel4c_task_t *t = pop(c);
    if (t)
        make_ready(t);
}

void sel4c_cond_broadcast(sel4c_cond_t *c)
{
    sel4c_task_t *t;
    while ((t = pop(c)))
        make_ready(t);
}
