/* The serial driver's configuration in http-server.system: its one client's console name. */
#include <sel4c/drivers/serial.h>

const sel4c_serial_config_t sel4c_serial_config = {
    .colour = false,
    .nclients = 1,
    .names = {"server"},
};
