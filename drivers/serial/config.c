/*
 * The serial driver PD's configuration when the system links none of its own: the regions
 * mapped (nclients 0), named client0, client1... Weak, and alone in its file, so that a
 * system's definition replaces it and the PD never sees this initializer at compile time.
 */
#include <sel4c/drivers/serial.h>

__attribute__((weak)) const sel4c_serial_config_t sel4c_serial_config = {
    .names = {"client0", "client1", "client2", "client3", "client4", "client5", "client6",
              "client7", "client8", "client9"},
};
