/*
 * The Microkit API for protection domains (PDs), compatible with libmicrokit 2.x: the same
 * names, types, constants and semantics, so Microkit C components build unchanged. A PD
 * defines init() and notified(), and protected() if it serves PP calls, fault() if it has
 * children; it links the PD runtime (libmicrokit.a, docs/microkit.md).
 *
 * Channels are the ids a PD's .system file gives its ends of channels (0..61). A call on a
 * channel the PD does not have for that use is refused before any system call, and reported
 * as "<PD name>: <function>: channel <id>: <reason>" on the debug console unless NDEBUG is
 * defined; the call then does nothing (microkit_ppcall returns an empty message).
 */
#pragma once

#ifdef __cplusplus
/* As libmicrokit's: one of the entry points a PD defines is protected(), a C++ keyword. */
#error "<microkit.h> is for C only: its entry point protected() is a C++ keyword"
#endif

#include <sel4/sel4.h>
#include <sel4c/microkit.h>

typedef unsigned int microkit_channel;
typedef unsigned int microkit_child;
typedef unsigned int microkit_ioport;
typedef seL4_MessageInfo_t microkit_msginfo;

/* The PD's CSpace: a 64-slot root CNode whose slot 0 is the 512-slot CNode holding these
 * caps, so that cap N has CPtr N. */
#define MONITOR_EP                   5 /* passive PDs: the monitor, signalled after init() */
#define TCB_CAP                      6 /* the PD's own TCB */
#define ARM_SMC_CAP                  7 /* PDs with smc="true" */
#define BASE_OUTPUT_NOTIFICATION_CAP 10
#define BASE_ENDPOINT_CAP            74
#define BASE_IRQ_CAP                 138
#define BASE_TCB_CAP                 202
#define BASE_VM_TCB_CAP              266
#define BASE_VCPU_CAP                330
#define BASE_IOPORT_CAP              394
#define BASE_USER_CAPS               458

#define PD_ROOT_CAP_BITS 6
#define PD_ROOT_CAP_SIZE (1ULL << PD_ROOT_CAP_BITS)

#define MICROKIT_MAX_USER_CAPS  128
#define MICROKIT_MAX_CHANNELS   62
#define MICROKIT_MAX_CHANNEL_ID (MICROKIT_MAX_CHANNELS - 1)
#define MICROKIT_MAX_IOPORT_ID  MICROKIT_MAX_CHANNELS
#define MICROKIT_PD_NAME_LENGTH 64

/* Entry points the PD defines. init() runs once the runtime is ready (again after a restart);
 * notified() once per channel signalled, lowest id first. protected() answers a PP call on
 * `ch` with the reply's message info (its words set with microkit_mr_set). fault() handles a
 * fault of child `child`; it returns true to reply with *reply_msginfo (resuming the child).
 * The runtime's default protected() and fault() report the event and do nothing else. */
void init(void);
void notified(microkit_channel ch);
microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo);
seL4_Bool fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo);

/* The PD's name (NUL-terminated unless it is 64 characters long), written by the builder. */
extern char microkit_name[MICROKIT_PD_NAME_LENGTH];

/* A signal or IRQ acknowledgement kept for the next receive of the event loop, which sends
 * it in the same system call (microkit_deferred_irq_ack; the event loop puts one of the
 * deferred notifications here). */
extern seL4_Bool microkit_have_signal;
extern seL4_CPtr microkit_signal_cap;
extern seL4_MessageInfo_t microkit_signal_msg;
/* The channels microkit_deferred_notify was asked for since the last receive, bit i for
 * channel i: each is signalled once when the event loop next waits. */
extern seL4_Word sel4c_microkit_deferred_notifications;

/* The PD's channels by use, bit i for channel i, written by the builder. */
extern seL4_Word microkit_irqs;
extern seL4_Word microkit_notifications;
extern seL4_Word microkit_pps;
extern seL4_Word microkit_ioports; /* x86 only; always 0 here */

/* The kernel's debug console (kernels built with printing; otherwise nothing is printed). */
void microkit_dbg_putc(int c);
void microkit_dbg_puts(const char *s);
/* The decimal digits of x. */
void microkit_dbg_put8(seL4_Uint8 x);
void microkit_dbg_put32(seL4_Uint32 x);

/* Stops the PD on an unrecoverable error: reports `err` with a backtrace and raises a fault
 * (a trap instruction), which the kernel delivers to the PD's parent or the monitor. */
__attribute__((noreturn, cold)) void sel4c_microkit_crash(seL4_Error err);

/* libmicrokit's name for sel4c_microkit_crash(). */
static inline void microkit_internal_crash(seL4_Error err)
{
    sel4c_microkit_crash(err);
}

#ifdef NDEBUG
#define SEL4C_MICROKIT_REFUSE(fn, what, id, reason)                                                \
    ((void)(fn), (void)(what), (void)(id), (void)(reason))
#else
#define SEL4C_MICROKIT_REFUSE(fn, what, id, reason) sel4c_microkit_refuse(fn, what, id, reason)
#endif

/* Whether `ch` is one of `mask`'s channels; reports the call `fn` when it is not. */
static inline seL4_Bool sel4c_microkit_channel_ok(const char *fn, microkit_channel ch,
                                                  seL4_Word mask, const char *reason)
{
    if (__builtin_expect(ch <= MICROKIT_MAX_CHANNEL_ID && ((mask >> ch) & 1), 1))
        return seL4_True;
    SEL4C_MICROKIT_REFUSE(fn, "channel", ch,
                          ch > MICROKIT_MAX_CHANNEL_ID ? "out of range (channels are 0..61)"
                                                       : reason);
    return seL4_False;
}

/* Whether `child` is a child PD of this one; reports the call `fn` when it is not. */
static inline seL4_Bool sel4c_microkit_child_ok(const char *fn, microkit_child child)
{
    if (__builtin_expect(child < 64 && ((sel4c_microkit_children >> child) & 1), 1))
        return seL4_True;
    SEL4C_MICROKIT_REFUSE(fn, "child", child,
                          child >= 64 ? "out of range (child ids are 0..63)"
                                      : "not a child of this PD");
    return seL4_False;
}

#define SEL4C_MICROKIT_NOT_NOTIFY "not a channel this PD may notify"
#define SEL4C_MICROKIT_NOT_IRQ    "not an IRQ of this PD"
#define SEL4C_MICROKIT_NOT_PP     "not a channel this PD may PP-call"

/* Signals the PD at the other end of channel `ch`. */
static inline void microkit_notify(microkit_channel ch)
{
    if (sel4c_microkit_channel_ok("microkit_notify", ch, microkit_notifications,
                                  SEL4C_MICROKIT_NOT_NOTIFY))
        seL4_Signal(BASE_OUTPUT_NOTIFICATION_CAP + ch);
}

/* Acknowledges the IRQ of channel `ch`, so that it can be delivered again. */
static inline void microkit_irq_ack(microkit_channel ch)
{
    if (!sel4c_microkit_channel_ok("microkit_irq_ack", ch, microkit_irqs, SEL4C_MICROKIT_NOT_IRQ))
        return;
    seL4_Error err = seL4_IRQHandler_Ack(BASE_IRQ_CAP + ch);
    if (err != seL4_NoError)
        sel4c_microkit_failed("microkit_irq_ack", "channel", ch, err);
}

/* Calls the PD at the other end of channel `ch` (a protected procedure) with the message
 * words set by microkit_mr_set, and returns its reply's message info. */
static inline microkit_msginfo microkit_ppcall(microkit_channel ch, microkit_msginfo msginfo)
{
    if (!sel4c_microkit_channel_ok("microkit_ppcall", ch, microkit_pps, SEL4C_MICROKIT_NOT_PP))
        return seL4_MessageInfo_new(0, 0, 0, 0);
    return seL4_Call(BASE_ENDPOINT_CAP + ch, msginfo);
}

/* Sends the signal or acknowledgement kept in microkit_have_signal now (event_loop.c). */
void sel4c_microkit_send_kept_signal(void);

/*
 * Like microkit_notify, but done when the event loop next waits for an event: once, however
 * often it was asked for in between, and (on MCS kernels) one of them in the same system
 * call as the receive. A PD that produces many items for a peer in one event tells it once,
 * and a peer of higher priority runs after the PD is done rather than after each item.
 * Unlike libmicrokit's, which keeps one and lets a second replace the first, none is lost.
 */
static inline void microkit_deferred_notify(microkit_channel ch)
{
    if (!sel4c_microkit_channel_ok("microkit_deferred_notify", ch, microkit_notifications,
                                   SEL4C_MICROKIT_NOT_NOTIFY))
        return;
    sel4c_microkit_deferred_notifications |= (seL4_Word)1 << ch;
}

/* Like microkit_irq_ack, but done by the event loop's next receive, in the same system call
 * on MCS kernels. A second one for another IRQ sends the first at once. */
static inline void microkit_deferred_irq_ack(microkit_channel ch)
{
    if (!sel4c_microkit_channel_ok("microkit_deferred_irq_ack", ch, microkit_irqs,
                                   SEL4C_MICROKIT_NOT_IRQ))
        return;
    if (microkit_have_signal && microkit_signal_cap != BASE_IRQ_CAP + ch)
        sel4c_microkit_send_kept_signal();
    microkit_have_signal = seL4_True;
    microkit_signal_msg = seL4_MessageInfo_new(IRQAckIRQ, 0, 0, 0);
    microkit_signal_cap = BASE_IRQ_CAP + ch;
}

/* Child PDs: start child `pd` afresh at `entry_point` (its registers other than pc are left
 * as they were; sel4c's runtime sets up its stack itself), suspend it, resume it. */
static inline void microkit_pd_restart(microkit_child pd, seL4_Word entry_point)
{
    if (!sel4c_microkit_child_ok("microkit_pd_restart", pd))
        return;
    seL4_UserContext regs = {0};
    regs.pc = entry_point;
    seL4_Error err = seL4_TCB_WriteRegisters(BASE_TCB_CAP + pd, seL4_True, 0, 1, &regs);
    if (err != seL4_NoError)
        sel4c_microkit_failed("microkit_pd_restart", "child", pd, err);
}

static inline void microkit_pd_stop(microkit_child pd)
{
    if (!sel4c_microkit_child_ok("microkit_pd_stop", pd))
        return;
    seL4_Error err = seL4_TCB_Suspend(BASE_TCB_CAP + pd);
    if (err != seL4_NoError)
        sel4c_microkit_failed("microkit_pd_stop", "child", pd, err);
}

static inline void microkit_pd_resume(microkit_child pd)
{
    if (!sel4c_microkit_child_ok("microkit_pd_resume", pd))
        return;
    seL4_Error err = seL4_TCB_Resume(BASE_TCB_CAP + pd);
    if (err != seL4_NoError)
        sel4c_microkit_failed("microkit_pd_resume", "child", pd, err);
}

/* Message info of `count` message words with `label`, and its fields. */
static inline microkit_msginfo microkit_msginfo_new(seL4_Word label, seL4_Uint16 count)
{
    return seL4_MessageInfo_new(label, 0, 0, count);
}

static inline seL4_Word microkit_msginfo_get_label(microkit_msginfo msginfo)
{
    return seL4_MessageInfo_get_label(msginfo);
}

static inline seL4_Word microkit_msginfo_get_count(microkit_msginfo msginfo)
{
    return seL4_MessageInfo_get_length(msginfo);
}

/* Message word `mr` of the message being built or the one received last. */
static inline void microkit_mr_set(seL4_Uint8 mr, seL4_Word value)
{
    seL4_SetMR(mr, value);
}

static inline seL4_Word microkit_mr_get(seL4_Uint8 mr)
{
    return seL4_GetMR(mr);
}

/*
 * The CPtr of slot `slot` (1..63) of the PD's root CNode, where a system places user caps:
 * the root CNode resolves the top PD_ROOT_CAP_BITS bits. seL4_CapNull for other slots.
 */
static inline seL4_CPtr microkit_cspace_root_slot_to_cptr(seL4_Word slot)
{
    if (slot == 0 || slot >= PD_ROOT_CAP_SIZE)
        return seL4_CapNull;
    return slot << (seL4_WordBits - PD_ROOT_CAP_BITS);
}

#if defined(CONFIG_ARM_HYPERVISOR_SUPPORT)
/* Virtual machines of this PD (hypervisor kernels): vCPU `vcpu`'s TCB and vCPU object.
 * Failures are reported with the kernel's error; the call then has no effect. */
static inline void microkit_vcpu_restart(microkit_child vcpu, seL4_Word entry_point)
{
    seL4_UserContext regs = {0};
    regs.pc = entry_point;
    seL4_Error err = seL4_TCB_WriteRegisters(BASE_VM_TCB_CAP + vcpu, seL4_True, 0, 1, &regs);
    if (err != seL4_NoError)
        sel4c_microkit_failed("microkit_vcpu_restart", "vcpu", vcpu, err);
}

static inline void microkit_vcpu_stop(microkit_child vcpu)
{
    seL4_Error err = seL4_TCB_Suspend(BASE_VM_TCB_CAP + vcpu);
    if (err != seL4_NoError)
        sel4c_microkit_failed("microkit_vcpu_stop", "vcpu", vcpu, err);
}

static inline void microkit_vcpu_arm_inject_irq(microkit_child vcpu, seL4_Uint16 irq,
                                                seL4_Uint8 priority, seL4_Uint8 group,
                                                seL4_Uint8 index)
{
    seL4_Error err = seL4_ARM_VCPU_InjectIRQ(BASE_VCPU_CAP + vcpu, irq, priority, group, index);
    if (err != seL4_NoError)
        sel4c_microkit_failed("microkit_vcpu_arm_inject_irq", "vcpu", vcpu, err);
}

static inline void microkit_vcpu_arm_ack_vppi(microkit_child vcpu, seL4_Word irq)
{
    seL4_Error err = seL4_ARM_VCPU_AckVPPI(BASE_VCPU_CAP + vcpu, irq);
    if (err != seL4_NoError)
        sel4c_microkit_failed("microkit_vcpu_arm_ack_vppi", "vcpu", vcpu, err);
}

/* Returns 0 when the register cannot be read. */
static inline seL4_Word microkit_vcpu_arm_read_reg(microkit_child vcpu, seL4_Word reg)
{
    seL4_ARM_VCPU_ReadRegs_t r = seL4_ARM_VCPU_ReadRegs(BASE_VCPU_CAP + vcpu, reg);
    if (r.error != seL4_NoError)
        sel4c_microkit_failed("microkit_vcpu_arm_read_reg", "vcpu", vcpu, (seL4_Error)r.error);
    return r.value;
}

static inline void microkit_vcpu_arm_write_reg(microkit_child vcpu, seL4_Word reg, seL4_Word value)
{
    seL4_Error err = seL4_ARM_VCPU_WriteRegs(BASE_VCPU_CAP + vcpu, reg, value);
    if (err != seL4_NoError)
        sel4c_microkit_failed("microkit_vcpu_arm_write_reg", "vcpu", vcpu, err);
}
#endif /* CONFIG_ARM_HYPERVISOR_SUPPORT */

#if defined(CONFIG_ALLOW_SMC_CALLS)
/* Forwards a Secure Monitor Call (PDs with smc="true"); *response is left untouched when
 * the kernel refuses it, which is reported. */
static inline void microkit_arm_smc_call(seL4_ARM_SMCContext *args, seL4_ARM_SMCContext *response)
{
    seL4_Error err = seL4_ARM_SMC_Call(ARM_SMC_CAP, args, response);
    if (err != seL4_NoError)
        sel4c_microkit_failed("microkit_arm_smc_call", "cap", ARM_SMC_CAP, err);
}
#endif /* CONFIG_ALLOW_SMC_CALLS */
