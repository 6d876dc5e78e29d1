/* stdout and stderr of a PD through a serial client (<sel4c/serial_client.h>). */
#include <microkit.h>
#include <sel4c/runtime.h>
#include <sel4c/serial_client.h>

/* The runtime's output hook takes no context: one client per PD carries stdout. */
static sel4c_serial_client_t *out;
static unsigned out_channel;

static int serial_putc(char ch)
{
    if (sel4c_serial_client_putc(out, ch))
        microkit_notify(out_channel);
    return 0;
}

void sel4c_serial_stdout(sel4c_serial_client_t *c, unsigned channel)
{
    out = c;
    out_channel = channel;
    sel4c_set_output(serial_putc);
}
