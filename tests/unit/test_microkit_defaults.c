/*
 * The runtime's own protected() and fault(), for PDs that define neither: a PP call gets an
 * empty reply and a fault leaves the child stopped, each reported. The recorder stands in
 * for the kernel, as in test_microkit.c.
 */
#include <setjmp.h>

#include <microkit.h>

#include "check.h"

sel4c_recorder_t sel4c_recorder;
LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;
static seL4_IPCBuffer ipc;

#define SYS(s) ((seL4_Word)(long)(s))

static char console[512];
static unsigned console_len;
static seL4_Word syscalls[8], infos[8];
static unsigned nsyscalls, receives;
static jmp_buf out_of_loop;

static void hook(void)
{
    sel4c_recorder_t *r = &sel4c_recorder;
    if (r->sys == SYS(seL4_SysDebugPutChar)) {
        if (console_len < sizeof console - 1)
            console[console_len++] = (char)r->dest;
        return;
    }
    if (nsyscalls < 8) {
        syscalls[nsyscalls] = r->sys;
        infos[nsyscalls++] = r->info;
    }
    /* the events: a PP call on channel 3, then a fault of child 2, then the end */
    if (receives == 2)
        longjmp(out_of_loop, 1);
    r->reply_badge = receives++ == 0 ? (1ull << 63) | 3 : (1ull << 62) | 2;
    r->reply_info = seL4_MessageInfo_new(receives == 1 ? 5 : seL4_Fault_VMFault, 0, 0, 1).words[0];
}

void init(void)
{
}

void notified(microkit_channel ch)
{
    (void)ch;
}

int main(void)
{
    __sel4_ipc_buffer = &ipc;
    sel4c_recorder.hook = hook;
    strcpy(microkit_name, "server");
    if (!setjmp(out_of_loop))
        sel4c_microkit_run();
    CHECK_EQ_U64(nsyscalls, 3);
    CHECK_EQ_U64(syscalls[0], SYS(seL4_SysRecv));
    /* the PP call's reply: empty */
    CHECK_EQ_U64(syscalls[1], SYS(seL4_SysReplyRecv));
    CHECK_EQ_U64(infos[1], 0);
    /* no reply to the fault */
    CHECK_EQ_U64(syscalls[2], SYS(seL4_SysRecv));
    const char *expected =
        "server: protected: channel 3: PP call received, but the PD defines no protected(); "
        "empty reply\n"
        "server: fault: child 2: fault received, but the PD defines no fault(); child left "
        "stopped\n";
    if (strcmp(console, expected) != 0) {
        fprintf(stderr, "console \"%s\", expected \"%s\"\n", console, expected);
        check_failures++;
    }
    return check_done("microkit defaults");
}
