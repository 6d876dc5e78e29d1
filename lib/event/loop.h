/* What the event loop's files share (not a public header). */
#pragma once

#include <sel4c/event.h>
#include <sel4c/runtime.h>
#include <sel4c/task.h>
#include <sel4c/timer.h>

/* The timer sel4c_task_sleep uses: the first initialised. */
extern sel4c_timer_t *sel4c_loop_timer;

/* Whether a handler is running (set by sel4c_event_dispatch). */
extern bool sel4c_loop_in_handler;

/* task.c, for event.c: wake the tasks waiting for `ch`; run the ready tasks until all are
 * blocked. */
void sel4c_loop_wake_channel(unsigned ch);
void sel4c_loop_run_tasks(void);
