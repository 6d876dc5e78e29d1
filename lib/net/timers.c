/* lwIP's timers on the PD's timer client (<sel4c/net_timers.h>). */
#include <sel4c/log.h>
#include <sel4c/net.h>
#include <sel4c/net_timers.h>

static sel4c_timer_t *timer_client;
static sel4c_timeout_t next;

static void fire(sel4c_timeout_t *t, void *arg);

/* Armed for lwIP's next timer, but never further than SEL4C_NET_TIMERS_MAX_MS away: frames
 * that arrive meanwhile can make an earlier timer due (a new connection's TCP timer, say),
 * and this bounds how late it runs without re-arming on every frame. */
static sel4c_err_t arm(void)
{
    uint32_t ms = sel4c_net_next_timeout_ms();
    if (ms > SEL4C_NET_TIMERS_MAX_MS)
        ms = SEL4C_NET_TIMERS_MAX_MS;
    /* +1 ns: lwIP's clock is in whole milliseconds; fire just after the one it waits for. */
    return sel4c_timer_after(timer_client, &next, (uint64_t)ms * 1000000 + 1, fire, NULL);
}

static void fire(sel4c_timeout_t *t, void *arg)
{
    (void)t;
    (void)arg;
    sel4c_net_poll();
    sel4c_err_t err = arm();
    if (err != SEL4C_NO_ERROR)
        sel4c_error("net: cannot arm lwIP's timers: %s; they stop", sel4c_strerror(err));
}

sel4c_err_t sel4c_net_run_timers(sel4c_timer_t *timer)
{
    timer_client = timer;
    return arm();
}
