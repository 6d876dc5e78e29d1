/* The serial driver's configuration in serial.system: the clients' console names. */
#include <sel4c/drivers/serial.h>

const sel4c_serial_config_t sel4c_serial_config = {
    .colour = false,
    .nclients = 5,
    .names = {"serial_a", "serial_b", "serial_c", "serial_bad", "serial_panic"},
};
