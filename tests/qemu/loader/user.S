/* The initial user image of the loader tests: a magic string the test kernel looks for. */
    .section .text
    .global _start
    .ascii USER_MAGIC_STR
_start:
    b       _start
