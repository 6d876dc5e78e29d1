/*
 * The PD runtime's event loop and the Microkit API on the host, with the recorder
 * (tests/recorder) in place of the kernel: each test scripts the events the PD receives and
 * checks the system calls it makes, in order, and what it prints on the debug console.
 * Built for MCS kernels (deferred signals ride on NBSendRecv) and for non-MCS ones (a send,
 * then the receive).
 */
#include <setjmp.h>
#include <stdbool.h>

#include <microkit.h>

#include "check.h"

sel4c_recorder_t sel4c_recorder;
LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;
static seL4_IPCBuffer ipc;
extern bool microkit_passive;

#define SYS(s) ((seL4_Word)(long)(s))

/* The system calls made, except debug output, which goes to `console`. */
typedef struct call {
    seL4_Word sys, dest, src, info, mr0, mr1, mr2;
} call_t;
static call_t calls[32];
static unsigned ncalls;
static char console[512];
static unsigned console_len;

/* The events the loop receives, in order; when they run out the test leaves the loop. */
typedef struct event {
    seL4_Word badge, info, mr0, mr1;
} event_t;
static const event_t *events;
static unsigned nevents, next_event;
static jmp_buf out_of_loop;
/* The answer of an invocation (seL4_Call to a kernel object): its error */
static seL4_Word invocation_error;

/* What the PD's entry points saw and do. */
static unsigned inits;
static microkit_channel notified_log[16];
static unsigned nnotified;
static void (*on_notified)(microkit_channel ch);
static seL4_Word protected_ch, protected_label, protected_count, protected_arg;
static void (*on_protected)(void);
static microkit_child fault_child;
static seL4_Word fault_label;
static seL4_Bool fault_reply;
static unsigned faults;

static bool is_receive(seL4_Word sys)
{
    return sys == SYS(seL4_SysRecv) || sys == SYS(seL4_SysReplyRecv)
#ifdef CONFIG_KERNEL_MCS
           || sys == SYS(seL4_SysNBSendRecv)
#endif
        ;
}

static void hook(void)
{
    sel4c_recorder_t *r = &sel4c_recorder;
    if (r->sys == SYS(seL4_SysDebugPutChar)) {
        if (console_len < sizeof console - 1)
            console[console_len++] = (char)r->dest;
        return;
    }
    if (ncalls < sizeof calls / sizeof calls[0])
        calls[ncalls++] = (call_t){r->sys, r->dest, r->src, r->info, r->mr[0], r->mr[1], r->mr[2]};
    if (is_receive(r->sys)) {
        if (next_event == nevents)
            longjmp(out_of_loop, 1);
        const event_t *e = &events[next_event++];
        r->reply_badge = e->badge;
        r->reply_info = e->info;
        r->reply_mr[0] = e->mr0;
        r->reply_mr[1] = e->mr1;
    } else if (r->sys == SYS(seL4_SysCall)) {
        r->reply_info = seL4_MessageInfo_new(invocation_error, 0, 0, 0).words[0];
    }
}

static void reset(void)
{
    sel4c_recorder = (sel4c_recorder_t){0};
    sel4c_recorder.hook = hook;
    __sel4_ipc_buffer = &ipc;
    ipc = (seL4_IPCBuffer){0};
    ncalls = console_len = 0;
    memset(console, 0, sizeof console);
    events = NULL;
    nevents = next_event = 0;
    invocation_error = 0;
    inits = nnotified = faults = 0;
    on_notified = NULL;
    on_protected = NULL;
    protected_ch = protected_label = protected_count = protected_arg = 0;
    fault_child = 0;
    fault_reply = seL4_False;
    microkit_have_signal = seL4_False;
    sel4c_microkit_deferred_notifications = 0;
    microkit_passive = false;
    microkit_irqs = microkit_notifications = microkit_pps = 0;
    sel4c_microkit_children = 0;
    memset(microkit_name, 0, sizeof microkit_name);
    strcpy(microkit_name, "client");
}

static void run(const event_t *script, unsigned n)
{
    events = script;
    nevents = n;
    if (!setjmp(out_of_loop))
        sel4c_microkit_run();
}

/* The entry points */
void init(void)
{
    inits++;
}

void notified(microkit_channel ch)
{
    if (nnotified < 16)
        notified_log[nnotified++] = ch;
    if (on_notified)
        on_notified(ch);
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    protected_ch = ch;
    protected_label = microkit_msginfo_get_label(msginfo);
    protected_count = microkit_msginfo_get_count(msginfo);
    protected_arg = microkit_mr_get(0) + microkit_mr_get(1);
    if (on_protected)
        on_protected();
    microkit_mr_set(0, protected_arg * 10);
    return microkit_msginfo_new(0x55, 1);
}

seL4_Bool fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo)
{
    faults++;
    fault_child = child;
    fault_label = microkit_msginfo_get_label(msginfo);
    *reply_msginfo = microkit_msginfo_new(0, 0);
    return fault_reply;
}

#define BADGE_FAULT    (1ull << 62)
#define BADGE_ENDPOINT (1ull << 63)
#define INFO(label, n) (seL4_MessageInfo_new((label), 0, 0, (n)).words[0])
#define LABEL(info)    ((info) >> 12)
#define LENGTH(info)   ((info)&0x7f)

static void expect_recv(unsigned i)
{
    CHECK(i < ncalls);
    CHECK_EQ_U64(calls[i].sys, SYS(seL4_SysRecv));
    CHECK_EQ_U64(calls[i].src, 1); /* INPUT_CAP */
}

static void expect_reply_recv(unsigned i, seL4_Word label, seL4_Word length)
{
    CHECK(i < ncalls);
    CHECK_EQ_U64(calls[i].sys, SYS(seL4_SysReplyRecv));
    CHECK_EQ_U64(calls[i].src, 1);
    CHECK_EQ_U64(LABEL(calls[i].info), label);
    CHECK_EQ_U64(LENGTH(calls[i].info), length);
}

/* A deferred signal to `cap` with `label`, and then the receive: one call on MCS, two
 * without. Returns the index of the call after them. */
static unsigned expect_signal_then_recv(unsigned i, seL4_Word cap, seL4_Word label)
{
#ifdef CONFIG_KERNEL_MCS
    CHECK(i < ncalls);
    CHECK_EQ_U64(calls[i].sys, SYS(seL4_SysNBSendRecv));
    CHECK_EQ_U64(calls[i].dest, cap);
    CHECK_EQ_U64(calls[i].src, 1);
    CHECK_EQ_U64(LABEL(calls[i].info), label);
    CHECK_EQ_U64(LENGTH(calls[i].info), 0);
    return i + 1;
#else
    CHECK(i + 1 < ncalls);
    CHECK_EQ_U64(calls[i].sys, SYS(seL4_SysSend));
    CHECK_EQ_U64(calls[i].dest, cap);
    CHECK_EQ_U64(LABEL(calls[i].info), label);
    expect_recv(i + 1);
    return i + 2;
#endif
}

static void test_notifications_in_order(void)
{
    reset();
    const event_t script[] = {{(1u << 7) | (1u << 0) | (1u << 5) | (1u << 2), 0, 0, 0},
                              {1ull << 61, 0, 0, 0}};
    run(script, 2);
    CHECK_EQ_U64(inits, 1);
    CHECK_EQ_U64(nnotified, 5);
    CHECK_EQ_U64(notified_log[0], 0);
    CHECK_EQ_U64(notified_log[1], 2);
    CHECK_EQ_U64(notified_log[2], 5);
    CHECK_EQ_U64(notified_log[3], 7);
    CHECK_EQ_U64(notified_log[4], 61);
    CHECK_EQ_U64(ncalls, 3); /* three receives, the last one ends the test */
    expect_recv(0);
    expect_recv(1);
    expect_recv(2);
    CHECK_EQ_U64(console_len, 0);
}

static void test_protected_call_and_reply(void)
{
    reset();
    const event_t script[] = {{BADGE_ENDPOINT | 3, INFO(7, 2), 20, 22}, {1u << 4, 0, 0, 0}};
    run(script, 2);
    CHECK_EQ_U64(protected_ch, 3);
    CHECK_EQ_U64(protected_label, 7);
    CHECK_EQ_U64(protected_count, 2);
    CHECK_EQ_U64(protected_arg, 42);
    CHECK_EQ_U64(ncalls, 3);
    expect_recv(0);
    expect_reply_recv(1, 0x55, 1); /* the reply goes with the next receive */
    CHECK_EQ_U64(calls[1].mr0, 420);
    CHECK_EQ_U64(nnotified, 1); /* the event received with the reply was handled */
    CHECK_EQ_U64(notified_log[0], 4);
    expect_recv(2); /* a notification needs no reply */
}

static void test_fault_reply_only_when_asked(void)
{
    reset();
    const event_t script[] = {{BADGE_FAULT | 5, INFO(seL4_Fault_VMFault, 4), 0, 0},
                              {BADGE_FAULT | 9, INFO(seL4_Fault_UserException, 2), 0, 0}};
    fault_reply = seL4_True;
    events = script;
    nevents = 1;
    if (!setjmp(out_of_loop))
        sel4c_microkit_run();
    CHECK_EQ_U64(faults, 1);
    CHECK_EQ_U64(fault_child, 5);
    CHECK_EQ_U64(fault_label, seL4_Fault_VMFault);
    CHECK_EQ_U64(ncalls, 2);
    expect_recv(0);
    expect_reply_recv(1, 0, 0); /* fault() returned true: the child is resumed */

    reset();
    fault_reply = seL4_False;
    run(script + 1, 1);
    CHECK_EQ_U64(faults, 1);
    CHECK_EQ_U64(fault_child, 9);
    CHECK_EQ_U64(fault_label, seL4_Fault_UserException);
    CHECK_EQ_U64(ncalls, 2);
    expect_recv(0);
    expect_recv(1); /* false: no reply, the child stays stopped */
}

static void deferred_notify_2(microkit_channel ch)
{
    (void)ch;
    microkit_deferred_notify(2);
}

static void deferred_irq_ack_1(microkit_channel ch)
{
    (void)ch;
    microkit_deferred_irq_ack(1);
}

static void test_deferred_signals(void)
{
    reset();
    microkit_notifications = 1u << 2;
    on_notified = deferred_notify_2;
    const event_t script[] = {{1u << 0, 0, 0, 0}};
    run(script, 1);
    expect_recv(0);
    CHECK_EQ_U64(ncalls, expect_signal_then_recv(1, BASE_OUTPUT_NOTIFICATION_CAP + 2, 0));
    CHECK(!microkit_have_signal);

    reset();
    microkit_irqs = 1u << 1;
    on_notified = deferred_irq_ack_1;
    run(script + 0, 1);
    /* the start-up acknowledgement of channel 1's IRQ, the first receive, then the deferred
     * acknowledgement with the second */
    CHECK_EQ_U64(calls[0].sys, SYS(seL4_SysCall));
    CHECK_EQ_U64(calls[0].dest, BASE_IRQ_CAP + 1);
    CHECK_EQ_U64(LABEL(calls[0].info), IRQAckIRQ);
    expect_recv(1);
    unsigned end = expect_signal_then_recv(2, BASE_IRQ_CAP + 1, IRQAckIRQ);
    CHECK_EQ_U64(ncalls, end);
    CHECK_EQ_U64(console_len, 0);
}

static void deferred_notify_many(microkit_channel ch)
{
    (void)ch;
    microkit_deferred_notify(5);
    microkit_deferred_notify(2);
    microkit_deferred_notify(5);
    microkit_deferred_notify(3);
    microkit_deferred_notify(2);
}

static void deferred_notify_and_irq_acks(microkit_channel ch)
{
    (void)ch;
    microkit_deferred_irq_ack(1);
    microkit_deferred_notify(2);
    microkit_deferred_irq_ack(4);
    microkit_deferred_irq_ack(4);
}

/* Deferred notifications are sent once each, none lost: all but the highest channel
 * signalled before the receive, that one with it; with an IRQ acknowledgement kept for the
 * receive, every notification is signalled and a second acknowledgement sends the first. */
static void test_deferred_notifications_coalesce(void)
{
    reset();
    microkit_notifications = (1u << 2) | (1u << 3) | (1u << 5);
    on_notified = deferred_notify_many;
    const event_t script[] = {{1u << 0, 0, 0, 0}};
    run(script, 1);
    expect_recv(0);
    CHECK_EQ_U64(calls[1].sys, SYS(seL4_SysSend));
    CHECK_EQ_U64(calls[1].dest, BASE_OUTPUT_NOTIFICATION_CAP + 2);
    CHECK_EQ_U64(calls[2].sys, SYS(seL4_SysSend));
    CHECK_EQ_U64(calls[2].dest, BASE_OUTPUT_NOTIFICATION_CAP + 3);
    CHECK_EQ_U64(ncalls, expect_signal_then_recv(3, BASE_OUTPUT_NOTIFICATION_CAP + 5, 0));
    CHECK(!microkit_have_signal);
    CHECK_EQ_U64(sel4c_microkit_deferred_notifications, 0);

    reset();
    microkit_notifications = 1u << 2;
    microkit_irqs = (1u << 1) | (1u << 4);
    on_notified = deferred_notify_and_irq_acks;
    run(script, 1);
    /* start-up acknowledgements of IRQs 1 and 4, the first receive */
    CHECK_EQ_U64(calls[0].dest, BASE_IRQ_CAP + 1);
    CHECK_EQ_U64(calls[1].dest, BASE_IRQ_CAP + 4);
    expect_recv(2);
    /* IRQ 1's acknowledgement sent when IRQ 4's is deferred, the notification signalled,
     * IRQ 4's (asked twice) with the receive */
    CHECK_EQ_U64(calls[3].sys, SYS(seL4_SysSend));
    CHECK_EQ_U64(calls[3].dest, BASE_IRQ_CAP + 1);
    CHECK_EQ_U64(LABEL(calls[3].info), IRQAckIRQ);
    CHECK_EQ_U64(calls[4].sys, SYS(seL4_SysSend));
    CHECK_EQ_U64(calls[4].dest, BASE_OUTPUT_NOTIFICATION_CAP + 2);
    CHECK_EQ_U64(ncalls, expect_signal_then_recv(5, BASE_IRQ_CAP + 4, IRQAckIRQ));
    CHECK_EQ_U64(console_len, 0);
}

static void deferred_notify_in_protected(void)
{
    microkit_deferred_notify(2);
}

static void test_deferred_signal_before_reply(void)
{
    reset();
    microkit_notifications = 1u << 2;
    on_protected = deferred_notify_in_protected;
    const event_t script[] = {{BADGE_ENDPOINT | 1, INFO(0, 2), 1, 2}};
    run(script, 1);
    CHECK_EQ_U64(ncalls, 3);
    expect_recv(0);
    /* a reply and a signal cannot share a system call: the signal goes first */
    CHECK_EQ_U64(calls[1].sys, SYS(seL4_SysSend));
    CHECK_EQ_U64(calls[1].dest, BASE_OUTPUT_NOTIFICATION_CAP + 2);
    expect_reply_recv(2, 0x55, 1);
    CHECK_EQ_U64(calls[2].mr0, 30);
}

static void test_passive_handshake(void)
{
    reset();
    microkit_passive = true;
    run(NULL, 0);
    CHECK_EQ_U64(inits, 1);
    unsigned end = expect_signal_then_recv(0, MONITOR_EP, 0);
    CHECK_EQ_U64(ncalls, end);
}

static void test_irqs_acked_at_start(void)
{
    reset();
    microkit_irqs = (1ull << 3) | (1ull << 40);
    run(NULL, 0);
    CHECK_EQ_U64(ncalls, 3);
    CHECK_EQ_U64(calls[0].sys, SYS(seL4_SysCall));
    CHECK_EQ_U64(calls[0].dest, BASE_IRQ_CAP + 3);
    CHECK_EQ_U64(LABEL(calls[0].info), IRQAckIRQ);
    CHECK_EQ_U64(calls[1].dest, BASE_IRQ_CAP + 40);
    expect_recv(2);
}

/* Each refused call: the exact report, no system call, no effect. */
static void expect_refused(const char *report)
{
#ifdef NDEBUG
    report = ""; /* refused all the same, silently */
#endif
    CHECK_EQ_U64(ncalls, 0);
    if (strcmp(console, report) != 0) {
        fprintf(stderr, "report \"%s\", expected \"%s\"\n", console, report);
        check_failures++;
    }
    console_len = 0;
    memset(console, 0, sizeof console);
}

static void test_misuse_is_reported(void)
{
    reset();
    microkit_notifications = 1u << 1;
    microkit_irqs = 1u << 2;
    microkit_pps = 1u << 3;
    sel4c_microkit_children = 1u << 4;

    microkit_notify(5);
    expect_refused("client: microkit_notify: channel 5: not a channel this PD may notify\n");
    microkit_notify(62);
    expect_refused("client: microkit_notify: channel 62: out of range (channels are 0..61)\n");
    microkit_irq_ack(1);
    expect_refused("client: microkit_irq_ack: channel 1: not an IRQ of this PD\n");
    microkit_msginfo r = microkit_ppcall(1, microkit_msginfo_new(1, 1));
    expect_refused("client: microkit_ppcall: channel 1: not a channel this PD may PP-call\n");
    CHECK_EQ_U64(r.words[0], 0);
    microkit_deferred_notify(3);
    expect_refused(
        "client: microkit_deferred_notify: channel 3: not a channel this PD may notify\n");
    microkit_deferred_irq_ack(100);
    expect_refused(
        "client: microkit_deferred_irq_ack: channel 100: out of range (channels are 0..61)\n");
    CHECK(!microkit_have_signal);
    microkit_pd_restart(3, 0x200000);
    expect_refused("client: microkit_pd_restart: child 3: not a child of this PD\n");
    microkit_pd_stop(64);
    expect_refused("client: microkit_pd_stop: child 64: out of range (child ids are 0..63)\n");
    microkit_pd_resume(0);
    expect_refused("client: microkit_pd_resume: child 0: not a child of this PD\n");

    /* a 64-character name has no terminator: the report stops at the array's end */
    memset(microkit_name, 'n', sizeof microkit_name);
    microkit_notify(0);
    char expected[128];
    (void)snprintf(expected, sizeof expected,
                   "%.64s: microkit_notify: channel 0: not a channel this PD may notify\n",
                   "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn");
    expect_refused(expected);
}

static void test_allowed_calls(void)
{
    reset();
    microkit_notifications = 1u << 1;
    microkit_irqs = 1u << 2;
    microkit_pps = 1u << 3;
    sel4c_microkit_children = 1u << 4;

    microkit_notify(1);
    CHECK_EQ_U64(ncalls, 1);
    CHECK_EQ_U64(calls[0].sys, SYS(seL4_SysSend));
    CHECK_EQ_U64(calls[0].dest, BASE_OUTPUT_NOTIFICATION_CAP + 1);

    ncalls = 0;
    microkit_irq_ack(2);
    CHECK_EQ_U64(ncalls, 1);
    CHECK_EQ_U64(calls[0].dest, BASE_IRQ_CAP + 2);
    CHECK_EQ_U64(LABEL(calls[0].info), IRQAckIRQ);

    ncalls = 0;
    microkit_mr_set(0, 6);
    microkit_mr_set(1, 7);
    sel4c_recorder.hook = NULL; /* answer a PP call: label 9, one word */
    sel4c_recorder.reply_info = INFO(9, 1);
    sel4c_recorder.reply_mr[0] = 42;
    microkit_msginfo r = microkit_ppcall(3, microkit_msginfo_new(5, 2));
    sel4c_recorder.hook = hook;
    CHECK_EQ_U64(sel4c_recorder.sys, SYS(seL4_SysCall));
    CHECK_EQ_U64(sel4c_recorder.dest, BASE_ENDPOINT_CAP + 3);
    CHECK_EQ_U64(LABEL(sel4c_recorder.info), 5);
    CHECK_EQ_U64(sel4c_recorder.mr[0], 6);
    CHECK_EQ_U64(sel4c_recorder.mr[1], 7);
    CHECK_EQ_U64(microkit_msginfo_get_label(r), 9);
    CHECK_EQ_U64(microkit_msginfo_get_count(r), 1);
    CHECK_EQ_U64(microkit_mr_get(0), 42);

    ncalls = 0;
    microkit_pd_restart(4, 0x201000);
    CHECK_EQ_U64(ncalls, 1);
    CHECK_EQ_U64(calls[0].sys, SYS(seL4_SysCall));
    CHECK_EQ_U64(calls[0].dest, BASE_TCB_CAP + 4);
    CHECK_EQ_U64(LABEL(calls[0].info), TCBWriteRegisters);
    CHECK_EQ_U64(calls[0].mr0 & 1, 1);    /* resume */
    CHECK_EQ_U64(calls[0].mr1, 1);        /* one register: pc */
    CHECK_EQ_U64(calls[0].mr2, 0x201000); /* pc comes first */

    ncalls = 0;
    microkit_pd_stop(4);
    microkit_pd_resume(4);
    CHECK_EQ_U64(ncalls, 2);
    CHECK_EQ_U64(LABEL(calls[0].info), TCBSuspend);
    CHECK_EQ_U64(LABEL(calls[1].info), TCBResume);
    CHECK_EQ_U64(console_len, 0);

    /* the kernel refusing is reported with its error */
    ncalls = 0;
    invocation_error = seL4_InvalidCapability;
    microkit_pd_resume(4);
    CHECK_EQ_U64(ncalls, 1);
    CHECK_STR_CONTAINS(
        console, "client: microkit_pd_resume: child 4: seL4 error 2 (seL4_InvalidCapability)\n");
}

static void test_helpers(void)
{
    reset();
    CHECK_EQ_U64(microkit_cspace_root_slot_to_cptr(0), seL4_CapNull);
    CHECK_EQ_U64(microkit_cspace_root_slot_to_cptr(1), 1ull << 58);
    CHECK_EQ_U64(microkit_cspace_root_slot_to_cptr(63), 63ull << 58);
    CHECK_EQ_U64(microkit_cspace_root_slot_to_cptr(64), seL4_CapNull);
    microkit_dbg_put32(4294967295u);
    microkit_dbg_putc(' ');
    microkit_dbg_put8(0);
    microkit_dbg_putc(' ');
    microkit_dbg_put8(255);
    CHECK(strcmp(console, "4294967295 0 255") == 0);
    CHECK_EQ_U64(SEL4C_MICROKIT_IPC_BUFFER, seL4_UserTop & ~0xfffull);
    CHECK_EQ_U64(SEL4C_MICROKIT_STACK_TOP, SEL4C_MICROKIT_IPC_BUFFER - 4096);
}

int main(void)
{
    test_notifications_in_order();
    test_protected_call_and_reply();
    test_fault_reply_only_when_asked();
    test_deferred_signals();
    test_deferred_signal_before_reply();
    test_deferred_notifications_coalesce();
    test_passive_handshake();
    test_irqs_acked_at_start();
    test_misuse_is_reported();
    test_allowed_calls();
    test_helpers();
#ifdef CONFIG_KERNEL_MCS
    return check_done("microkit (MCS)");
#else
    return check_done("microkit (non-MCS)");
#endif
}
