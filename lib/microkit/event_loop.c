/*
 * A PD's life after start-up: init(), the passive handshake, then one receive per event,
 * dispatched by badge. The builder badges the caps that reach the PD's input endpoint or
 * notification: bit 62 for faults of children (child id in the low byte), bit 63 for PP
 * calls (channel id in the low 6 bits), otherwise one bit per notifying channel.
 */
#include <stdbool.h>

#include <microkit.h>

#define INPUT_CAP          1
#define REPLY_CAP          4
#define BADGE_FAULT_BIT    62
#define BADGE_ENDPOINT_BIT 63
#define CHILD_MASK         0xff
#define CHANNEL_MASK       0x3f

seL4_Bool microkit_have_signal;
seL4_CPtr microkit_signal_cap;
seL4_MessageInfo_t microkit_signal_msg;
seL4_Word sel4c_microkit_deferred_notifications;

extern bool microkit_passive;

__attribute__((weak)) microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)msginfo;
    sel4c_microkit_refuse("protected", "channel", ch,
                          "PP call received, but the PD defines no protected(); empty reply");
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

__attribute__((weak)) seL4_Bool fault(microkit_child child, microkit_msginfo msginfo,
                                      microkit_msginfo *reply_msginfo)
{
    (void)msginfo;
    (void)reply_msginfo;
    sel4c_microkit_refuse("fault", "child", child,
                          "fault received, but the PD defines no fault(); child left stopped");
    return seL4_False;
}

void sel4c_microkit_send_kept_signal(void)
{
    if (microkit_have_signal) {
        microkit_have_signal = seL4_False;
        seL4_Send(microkit_signal_cap, microkit_signal_msg);
    }
}

/* Signals the deferred notifications: with keep_one, all but one at once, and that one (the
 * highest channel) kept to go with the receive, unless something else is kept for it
 * already; without, all of them at once. */
static void send_deferred_notifications(bool keep_one)
{
    seL4_Word pending = sel4c_microkit_deferred_notifications;
    sel4c_microkit_deferred_notifications = 0;
    for (; pending; pending &= pending - 1) {
        seL4_CPtr cap = BASE_OUTPUT_NOTIFICATION_CAP + (seL4_CPtr)__builtin_ctzll(pending);
        if (keep_one && (pending & (pending - 1)) == 0 && !microkit_have_signal) {
            microkit_have_signal = seL4_True;
            microkit_signal_msg = seL4_MessageInfo_new(0, 0, 0, 0);
            microkit_signal_cap = cap;
        } else {
            seL4_Signal(cap);
        }
    }
}

/* The next event, sending a deferred signal first: in the same system call on MCS. */
static seL4_MessageInfo_t receive(seL4_Word *badge)
{
#ifdef CONFIG_KERNEL_MCS
    send_deferred_notifications(true);
    if (microkit_have_signal) {
        microkit_have_signal = seL4_False;
        return seL4_NBSendRecv(microkit_signal_cap, microkit_signal_msg, INPUT_CAP, badge,
                               REPLY_CAP);
    }
    return seL4_Recv(INPUT_CAP, badge, REPLY_CAP);
#else
    send_deferred_notifications(false);
    sel4c_microkit_send_kept_signal();
    return seL4_Recv(INPUT_CAP, badge);
#endif
}

/* Replies to the PP call or fault just handled and takes the next event. */
static seL4_MessageInfo_t reply_and_receive(seL4_MessageInfo_t reply, seL4_Word *badge)
{
    /* (the reply is what goes with the receive here) */
    send_deferred_notifications(false);
    sel4c_microkit_send_kept_signal();
#ifdef CONFIG_KERNEL_MCS
    return seL4_ReplyRecv(INPUT_CAP, reply, badge, REPLY_CAP);
#else
    return seL4_ReplyRecv(INPUT_CAP, reply, badge);
#endif
}

/* Calls the PD's entry point for the event; true when *reply is to be sent. */
static bool dispatch(seL4_Word badge, seL4_MessageInfo_t tag, seL4_MessageInfo_t *reply)
{
    if ((badge >> BADGE_FAULT_BIT) & 1)
        return fault(badge & CHILD_MASK, tag, reply);
    if (badge >> BADGE_ENDPOINT_BIT) {
        *reply = protected(badge & CHANNEL_MASK, tag);
        return true;
    }
    /* the lowest bit set first, and cleared: the cost is per channel notified, not per
     * channel id below the highest */
    for (; badge; badge &= badge - 1)
        notified((microkit_channel)__builtin_ctzll(badge));
    return false;
}

void sel4c_microkit_run(void)
{
    init();
    /* A passive PD tells the monitor it is ready while it waits for its first event; the
     * monitor then moves its scheduling context to its notification. */
    if (microkit_passive) {
        microkit_have_signal = seL4_True;
        microkit_signal_msg = seL4_MessageInfo_new(0, 0, 0, 0);
        microkit_signal_cap = MONITOR_EP;
    }
    /* The kernel may hold an IRQ delivered before the PD could run: acknowledge each once. */
    for (microkit_channel ch = 0; ch <= MICROKIT_MAX_CHANNEL_ID; ch++) {
        if ((microkit_irqs >> ch) & 1)
            microkit_irq_ack(ch);
    }
    bool have_reply = false;
    seL4_MessageInfo_t reply = seL4_MessageInfo_new(0, 0, 0, 0);
    for (;;) {
        seL4_Word badge = 0;
        seL4_MessageInfo_t tag = have_reply ? reply_and_receive(reply, &badge) : receive(&badge);
        have_reply = dispatch(badge, tag, &reply);
    }
}
