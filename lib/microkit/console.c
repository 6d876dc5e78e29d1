/*
 * A PD's console: whole lines to the monitor, which prints them one at a time.
 *
 * PDs that printed straight to the kernel's debug console (one system call per character)
 * had their lines cut into each other's whenever one was preempted mid-line. Here the
 * runtime collects a line (stdout, stderr and microkit_dbg_*) and sends it in one message
 * on the console endpoint sel4c-sysbuild gives every PD (badged with the PD, see
 * programs/monitor/monitor_abi.h): label = bytes, the bytes in the message registers. The
 * send returns once the monitor has the line, so a PD never waits for the UART and a line
 * printed before a fault is on the console before the monitor's report of it.
 *
 * A line goes at '\n', when the buffer is full, and at fflush(stdout); what a PD holds
 * when it faults is lost. The message registers the send overwrites are restored, so
 * printing between microkit_mr_set and microkit_ppcall (or before reading a PP call's
 * arguments) is safe. Images the builder did not give a console (sel4c_microkit_console
 * 0) print to the kernel's debug console a character at a time, as before.
 */
#include <string.h>

#include <microkit.h>

#include "internal.h"

#define LINE_WORDS 32 /* 256 bytes: longer lines go in pieces */

static union {
    seL4_Word words[LINE_WORDS];
    char bytes[LINE_WORDS * sizeof(seL4_Word)];
} line;
static unsigned used;

void sel4c_microkit_console_flush(void)
{
#ifdef CONFIG_PRINTING
    if (!used)
        return;
    seL4_Word *mrs = seL4_GetIPCBuffer()->msg, saved[LINE_WORDS];
    unsigned words = (used + sizeof(seL4_Word) - 1) / sizeof(seL4_Word);
    memcpy(saved, mrs, words * sizeof(seL4_Word));
    memcpy(mrs, line.words, words * sizeof(seL4_Word));
    seL4_Send(sel4c_microkit_console, seL4_MessageInfo_new(used, 0, 0, words));
    memcpy(mrs, saved, words * sizeof(seL4_Word));
#endif
    used = 0;
}

int sel4c_microkit_console_putc(char c)
{
    line.bytes[used++] = c;
    if (c == '\n' || used == sizeof line.bytes)
        sel4c_microkit_console_flush();
    return 0;
}

void microkit_dbg_putc(int c)
{
#ifdef CONFIG_PRINTING
    if (sel4c_microkit_console)
        sel4c_microkit_console_putc((char)c);
    else
        seL4_DebugPutChar((char)c);
#else
    (void)c;
#endif
}
