# Tests of the device drivers (docs/drivers.md): their logic on the host under the sanitizers,
# and their PDs on real seL4 kernels (tests/system/drivers).

DRIVERS_HOST_CC := gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
    -fno-sanitize-recover=all $(call cfg_includes,aarch64-microkit)

# unit/drivers-timer: the timer service's per-client timeouts and request validation
TESTS += unit/drivers-timer
TEST_CMD_unit/drivers-timer := $(DRIVERS_HOST_CC) tests/drivers/test_timer.c \
    drivers/timer/service.c -o $(TEST_HOST_BIN)/drivers-timer && $(TEST_HOST_BIN)/drivers-timer
# unit/drivers-rtc: the PL031's identification and clock against a fake register page, and
# the service's label checks
TESTS += unit/drivers-rtc
TEST_CMD_unit/drivers-rtc := $(DRIVERS_HOST_CC) tests/drivers/test_rtc.c drivers/rtc/pl031.c \
    drivers/rtc/service.c -o $(TEST_HOST_BIN)/drivers-rtc && $(TEST_HOST_BIN)/drivers-rtc

# unit/drivers-serial: the console multiplexer against fake clients and a fake UART, the
# driver's side of real queues (bad indices included), and the PL011 code against a fake
# register page
TESTS += unit/drivers-serial
TEST_CMD_unit/drivers-serial := $(DRIVERS_HOST_CC) tests/drivers/test_serial.c \
    drivers/serial/mux.c drivers/serial/driver.c drivers/serial/pl011.c lib/queue/serial.c \
    lib/queue/error.c -o $(TEST_HOST_BIN)/drivers-serial && \
    $(TEST_HOST_BIN)/drivers-serial

# unit/drivers-serial-client: the serial client's line output against the driver's side of
# the same region: whole lines, long lines in pieces, dropped lines counted and announced,
# a corrupt queue
TESTS += unit/drivers-serial-client
TEST_CMD_unit/drivers-serial-client := $(DRIVERS_HOST_CC) tests/drivers/test_serial_client.c \
    drivers/serial/client.c drivers/serial/mux.c drivers/serial/driver.c lib/queue/serial.c \
    lib/queue/error.c -o $(TEST_HOST_BIN)/drivers-serial-client && \
    $(TEST_HOST_BIN)/drivers-serial-client

# drivers/fragments: the drivers' .system fragments pass sel4c-sysbuild's checks
TESTS += drivers/fragments
TEST_DEPS += $(call driver_outputs,aarch64-microkit)
TEST_CMD_drivers/fragments := tests/drivers/fragments.sh $(SYSBUILD) $(SHARED) $(BUILD)/aarch64-microkit/drivers

# qemu-run/input: sel4c-qemu-run types input into QEMU's console after a text appeared
TESTS += qemu-run/input
TEST_CMD_qemu-run/input := tests/drivers/qemu_run_input.sh $(QEMU_RUN)

# The PDs of the system tests and the driver PDs they use, in one directory per
# configuration: build/<config>/tests/drivers/
DRIVERS_TEST_DIR := $(TOP)/tests/system/drivers
DRIVERS_TEST_CONFIGS := aarch64-microkit aarch64-microkit-smp
drivers_test_dir = $(BUILD)/$(1)/tests/drivers
define drivers_test_rules
$(call drivers_test_dir,$(1))/%.elf: $(DRIVERS_TEST_DIR)/%.c $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call microkit_link,$(1)) -o $$@
$(foreach d,timer rtc,$(call drivers_test_dir,$(1))/$(d).elf): $(call drivers_test_dir,$(1))/%.elf: $(BUILD)/$(1)/drivers/%.elf
	@mkdir -p $$(dir $$@)
	cp $$< $$@
# serial.system's driver: the driver's PD with the test's configuration of names
$(eval $(call serial_driver_rules,$(1),$(DRIVERS_TEST_DIR)/serial_config.c,$(call drivers_test_dir,$(1))/serial_driver.elf))
# serial_panic's stdout is a serial client
$(call drivers_test_dir,$(1))/serial_panic.elf: $(DRIVERS_TEST_DIR)/serial_panic.c $(call driver_lib,$(1),serial) \
    $(call queue_lib,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call driver_lib,$(1),serial) $(call queue_lib,$(1)) \
	    $(call microkit_link,$(1)) -o $$@
# the other serial clients use the queues
$(call drivers_test_dir,$(1))/serial_%.elf: $(DRIVERS_TEST_DIR)/serial_%.c $(call queue_lib,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call queue_lib,$(1)) $(call microkit_link,$(1)) -o $$@
endef
$(foreach c,$(DRIVERS_TEST_CONFIGS),$(eval $(call drivers_test_rules,$(c))))

# $(call drivers_system,config,system,PD programs,sentinels[,script])
define drivers_system
TEST_DEPS += $(3:%=$(call drivers_test_dir,$(1))/%.elf) $(SYSBUILD) $(call sdk_elf_stamp,$(1))
TESTS += system/drivers-$(2)-$(1)
TEST_CMD_system/drivers-$(2)-$(1) := $(or $(5),tests/system/microkit/boot.sh) $(1) $(SEL4_INSTALLS)/$(1) \
    $(DRIVERS_TEST_DIR)/$(2).system $(call drivers_test_dir,$(1)) $(BUILD)/$(1)/tests/drivers-boot/$(2) \
    $(SYSBUILD) $(call sdk_elf_dir,$(1)) $(QEMU_RUN) $(4)
endef
$(foreach c,$(DRIVERS_TEST_CONFIGS),\
  $(eval $(call drivers_system,$(c),timer,timer timer_client timer_bad,\
    --pass "timer_a: PASS 1000 timeouts fired" --pass "timer_b: PASS 1000 timeouts fired" --pass "timer_a: PASS 10 pairs" --pass "timer_b: PASS 10 pairs" \
    --pass "timer_a: PASS the counter is the driver's clock" \
    --pass "timer_bad: PASS refused: bad label$(comma) missing argument$(comma) timeout 33 of 32" \
    --pass "timer: channel 3: refused label 7: the label is neither GET_TIME nor SET_TIMEOUT (1 refused from it)" \
    --pass "timer: channel 3: refused label 1: SET_TIMEOUT without its timeout in MR0 (2 refused from it)")))
# the PL031's seconds against the host's clock (tests/system/drivers/rtc.sh)
$(foreach c,$(DRIVERS_TEST_CONFIGS),\
  $(eval $(call drivers_system,$(c),rtc,rtc rtc_client,\
    --pass "rtc_client: PASS" --pass "rtc: channel 1: refused label 9: not GET_SECONDS (1 refused from it)",\
    tests/system/drivers/rtc.sh)))
# three clients' lines interleaved whole, input to the selected client, a corrupt queue
# refused, a panicking client's last lines out (tests/system/drivers/serial.sh)
$(foreach c,$(DRIVERS_TEST_CONFIGS),\
  $(eval $(call drivers_system,$(c),serial,serial_driver serial_client serial_bad serial_panic,\
    --pass "serial_a: done" --pass "serial_b: done" --pass "serial_c: done" \
    --pass "[serial] serial_bad refused: " --pass "serial_bad: good line" \
    --input-after "serial_c: done" --input 'to a\r' --pass "serial_a: received: to a" \
    --input-after "serial_a: received: to a" --input '\x1c1to b\r' \
    --pass "[serial] input to serial_b" --pass "serial_b: received: to b" \
    --input-after "serial_b: received: to b" --input '\x1c4go\r' \
    --pass "serial_panic: about to panic" --pass "serial_panic: sel4c: panic: on purpose (7)" \
    --pass "serial_panic: sel4c: thread suspended",\
    tests/system/drivers/serial.sh)))
