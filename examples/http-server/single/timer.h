/*
 * The timer client's driver protocol (<sel4c/timer.h>'s sel4c_timer_driver_time and
 * sel4c_timer_driver_set_timeout) served inside the PD by the ARM generic timer
 * (<sel4c/drivers/timer.h>), where lib/event/timer_ppc.c makes PP calls to a timer driver
 * PD: a PD that links timer.c takes these definitions, and the event library's are not
 * linked. The client's channel is the timer interrupt's. As with sDDF's driver, one deadline
 * is kept, each request replacing the last.
 */
#ifndef HTTP_SERVER_SINGLE_TIMER_H
#define HTTP_SERVER_SINGLE_TIMER_H

/* Call on the timer's interrupt before the timer client's handler runs (sel4c_event_dispatch):
 * the interrupt is level-triggered, so a deadline that has passed is taken off the hardware
 * (the client then asks for its next one). */
void single_timer_irq(void);

#endif
