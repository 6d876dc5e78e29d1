/*
 * Entry of a process started by another component (the CapDL initializer, a root task):
 * the starter sets sp to the top of the process's stack (16-byte aligned) and passes
 * x0 = the IPC buffer's address, x1 = an argument word, x2 = the process's own TCB in its
 * CSpace (0 if it has none). docs/runtime.md states this contract.
 */
    .section .text._sel4c_process_start, "ax"
    .global _sel4c_process_start
_sel4c_process_start:
    mov     x29, xzr
    mov     x30, xzr
    bl      sel4c_process_start
1:  b       1b
