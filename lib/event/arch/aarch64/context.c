/* A new task's first frame, as sel4c_context_switch (switch.S) restores it. */
#include <string.h>

#include <sel4c/task.h>

void sel4c_context_entry(void);

void sel4c_context_init(sel4c_context_t *ctx, void *top, void (*start)(sel4c_task_t *),
                        sel4c_task_t *task)
{
    uint64_t *frame = (uint64_t *)top - 20; /* x19..x30, d8..d15 */
    memset(frame, 0, 20 * sizeof *frame);
    frame[0] = (uint64_t)task;                 /* x19 */
    frame[1] = (uint64_t)start;                /* x20 */
    frame[11] = (uint64_t)sel4c_context_entry; /* x30: where the switch returns */
    ctx->sp = frame;
}
