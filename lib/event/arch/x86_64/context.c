/* A new task's first frame, as sel4c_context_switch (switch.S) restores it. */
#include <string.h>

#include <sel4c/task.h>

void sel4c_context_entry(void);

void sel4c_context_init(sel4c_context_t *ctx, void *top, void (*start)(sel4c_task_t *),
                        sel4c_task_t *task)
{
    /* control words, r15, r14, r13, r12, rbx, rbp, return address: 8 words, so that after
     * the return rsp is `top`, 16-byte aligned */
    uint64_t *frame = (uint64_t *)top - 8;
    memset(frame, 0, 8 * sizeof *frame);
    frame[0] = 0x1f80 | (uint64_t)0x037f << 32; /* MXCSR and x87 control word at reset */
    frame[3] = (uint64_t)start;                 /* r13 */
    frame[4] = (uint64_t)task;                  /* r12 */
    frame[7] = (uint64_t)sel4c_context_entry;   /* return address */
    ctx->sp = frame;
}
