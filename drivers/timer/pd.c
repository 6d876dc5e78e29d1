/*
 * The timer driver as a protection domain (docs/drivers.md, drivers/timer/timer.system): a
 * passive PD serving <sel4c/protocol/timer.h> on the ARM generic timer.
 *
 * Configuration: the timer's interrupt is channel TIMER_IRQ_CHANNEL; every other channel of
 * the PD is a client (the system builder patches the PD's channels into
 * microkit_notifications). A PD that links this driver with others calls
 * sel4c_timer_service_init with its own list instead.
 *
 * Refusals are reported on the console at a channel's 1st, 2nd, 4th, 8th... refusal, so a
 * client that keeps sending bad requests cannot flood the console.
 */
#include <stdio.h>

#include <microkit.h>
#include <sel4c/drivers/timer.h>
#include <sel4c/protocol/timer.h>

#if !defined(CONFIG_EXPORT_PCNT_USER) || !defined(CONFIG_EXPORT_PTMR_USER)
#error                                                                                             \
    "the timer driver reads the EL1 physical counter and timer at user level: it needs a kernel with EXPORT_PCNT_USER and EXPORT_PTMR_USER"
#endif

#define TIMER_IRQ_CHANNEL 0

static sel4c_timer_service_t service;

/* One hardware deadline: the earliest outstanding, or none. */
static void program(void)
{
    uint64_t deadline;
    if (sel4c_timer_next_deadline(&service, &deadline))
        sel4c_generic_timer_set(deadline);
    else
        sel4c_generic_timer_stop();
}

void init(void)
{
    unsigned channels[SEL4C_TIMER_MAX_CLIENTS], n = 0;
    for (unsigned ch = 0; ch <= SEL4C_TIMER_MAX_CHANNEL; ch++)
        if (ch != TIMER_IRQ_CHANNEL && (microkit_notifications >> ch & 1) &&
            n < SEL4C_TIMER_MAX_CLIENTS)
            channels[n++] = ch;
    sel4c_err_t err = sel4c_timer_service_init(&service, channels, n);
    if (err != SEL4C_NO_ERROR)
        printf("%s: error: configuration refused: %s\n", microkit_name, sel4c_strerror(err));
    if (!(microkit_irqs >> TIMER_IRQ_CHANNEL & 1))
        printf("%s: error: no timer interrupt on channel %u\n", microkit_name, TIMER_IRQ_CHANNEL);
    sel4c_generic_timer_stop();
}

void notified(microkit_channel ch)
{
    if (ch != TIMER_IRQ_CHANNEL)
        return; /* a client's signal is not part of the protocol: ignored */
    uint64_t notify = sel4c_timer_expire(&service, sel4c_generic_timer_now());
    for (unsigned c = 0; notify; c++, notify >>= 1)
        if (notify & 1)
            microkit_notify(c);
    /* the interrupt is level-triggered: a later deadline (or none) lowers it before the ack */
    program();
    microkit_irq_ack(TIMER_IRQ_CHANNEL);
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    sel4c_timer_request_t req = {
        .channel = ch,
        .label = microkit_msginfo_get_label(msginfo),
        .count = (unsigned)microkit_msginfo_get_count(msginfo),
    };
    if (req.count)
        req.mr0 = microkit_mr_get(0);
    sel4c_timer_reply_t r = sel4c_timer_handle(&service, &req, sel4c_generic_timer_now());
    if (r.label == SEL4C_TIMER_ERROR) {
        if ((r.refused & (r.refused - 1)) == 0)
            printf("%s: channel %u: refused label %llu: %s (%llu refused from it)\n", microkit_name,
                   ch, (unsigned long long)req.label, sel4c_timer_refusal_str(r.refusal),
                   (unsigned long long)r.refused);
        return microkit_msginfo_new(SEL4C_TIMER_ERROR, 0);
    }
    if (req.label == SEL4C_TIMER_SET_TIMEOUT)
        program();
    if (r.count)
        microkit_mr_set(0, r.mr0);
    return microkit_msginfo_new(r.label, r.count);
}
