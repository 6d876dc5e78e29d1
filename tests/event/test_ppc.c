/*
 * The timer and RTC clients' messages (lib/event/timer_ppc.c, rtc_ppc.c) with the recorder
 * (tests/recorder) in place of the kernel: the labels, words and endpoint of each PP call of
 * <sel4c/protocol/timer.h> and <sel4c/protocol/rtc.h>, the replies read back, refusals by the
 * driver, and no system call on a channel the PD may not PP-call.
 */
#include <microkit.h>
#include <sel4c/protocol/rtc.h>
#include <sel4c/protocol/timer.h>
#include <sel4c/rtc.h>
#include <sel4c/timer.h>

#include "check.h"

sel4c_recorder_t sel4c_recorder;
LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;
static seL4_IPCBuffer ipc;

#define SYS(s) ((seL4_Word)(long)(s))
#define CH     3

static unsigned calls_made; /* other than debug output */
static void hook(void)
{
    if (sel4c_recorder.sys != SYS(seL4_SysDebugPutChar))
        calls_made++;
}

static void reply(seL4_Word label, seL4_Word length, seL4_Word mr0)
{
    sel4c_recorder.reply_info = seL4_MessageInfo_new(label, 0, 0, length).words[0];
    sel4c_recorder.reply_mr[0] = mr0;
}

static void check_call(seL4_Word label, seL4_Word length)
{
    seL4_MessageInfo_t info = {{sel4c_recorder.info}};
    CHECK(sel4c_recorder.sys == SYS(seL4_SysCall));
    CHECK_EQ_U64(sel4c_recorder.dest, BASE_ENDPOINT_CAP + CH);
    CHECK_EQ_U64(seL4_MessageInfo_get_label(info), label);
    CHECK_EQ_U64(seL4_MessageInfo_get_length(info), length);
}

int main(void)
{
    __sel4_ipc_buffer = &ipc;
    sel4c_recorder.hook = hook;
    microkit_pps = 1ull << CH;

    reply(0, 1, 123456789);
    CHECK_EQ_U64(sel4c_timer_driver_time(CH), 123456789);
    check_call(SEL4C_TIMER_GET_TIME, 0);

    reply(0, 0, 0);
    CHECK(sel4c_timer_driver_set_timeout(CH, 777000));
    check_call(SEL4C_TIMER_SET_TIMEOUT, 1);
    CHECK_EQ_U64(sel4c_recorder.mr[0], 777000);
    reply(SEL4C_TIMER_ERROR, 0, 0);
    CHECK(!sel4c_timer_driver_set_timeout(CH, 5));

    int64_t s = 42;
    reply(0, 1, 1764672000);
    CHECK(sel4c_rtc_seconds(CH, &s) == SEL4C_NO_ERROR && s == 1764672000);
    check_call(SEL4C_RTC_GET_SECONDS, 0);
    s = 42;
    reply(SEL4C_RTC_ERROR, 0, 0);
    CHECK(sel4c_rtc_seconds(CH, &s) == SEL4C_ILLEGAL_OPERATION && s == 42);
    reply(0, 0, 99); /* no word */
    CHECK(sel4c_rtc_seconds(CH, &s) == SEL4C_ILLEGAL_OPERATION && s == 42);

    /* a channel the PD may not PP-call: refused before any system call */
    unsigned before = calls_made;
    CHECK(sel4c_rtc_seconds(CH + 1, &s) == SEL4C_ILLEGAL_OPERATION && s == 42);
    CHECK_EQ_U64(calls_made, before);
    return check_done("test_ppc");
}
