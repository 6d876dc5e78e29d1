# Tests of lib/event (docs/event-loop.md): host tests under ASan and UBSan, the task switch
# natively and for AArch64 under qemu-user, and Microkit systems on real seL4.

EVENT_HOST_CONFIG := aarch64-microkit
EVENT_HOST_CFLAGS = -std=gnu11 -g -O1 -Wall -Wextra -Werror $(SAN_FLAGS) -I$(TOP)/tests/unit \
    $(call cfg_includes,$(EVENT_HOST_CONFIG))
EVENT_HOST_DEPS = $(call gen_stamp,$(EVENT_HOST_CONFIG)) $(wildcard $(TOP)/include/sel4c/*.h) \
    $(TOP)/lib/event/loop.h | deps
# $(call event_host_test,name,sources)
define event_host_test
$(TEST_HOST_BIN)/event/$(1): $(2) $(EVENT_HOST_DEPS)
	@mkdir -p $$(dir $$@)
	$(HOST_CC) $(EVENT_HOST_CFLAGS) $(2) -o $$@
TEST_DEPS += $(TEST_HOST_BIN)/event/$(1)
TESTS += unit/event-$(1)
TEST_CMD_unit/event-$(1) := $(TEST_HOST_BIN)/event/$(1)
endef

$(eval $(call event_host_test,timeout,$(TOP)/tests/event/test_timeout.c $(TOP)/lib/event/timeout.c))
EVENT_LOOP_SRCS := $(addprefix $(TOP)/lib/event/,timeout.c timer.c event.c task.c \
    arch/x86_64/context.c arch/x86_64/switch.S)
$(eval $(call event_host_test,loop,$(TOP)/tests/event/test_loop.c $(EVENT_LOOP_SRCS) \
    $(TOP)/lib/queue/queue.c $(TOP)/lib/queue/error.c))
$(eval $(call event_host_test,civil,$(TOP)/tests/event/test_civil.c $(TOP)/lib/event/civil.c))

# unit/event-task-*: the task switch of each architecture. x86-64 natively; AArch64 built with
# the cross compiler (glibc from libc6-dev-arm64-cross) and run under qemu-user, with UBSan
# (ASan's shadow memory does not run under qemu-user).
EVENT_TASK_SRCS = $(TOP)/tests/event/test_task.c $(TOP)/tests/event/arch/$(1)/regs.S \
    $(addprefix $(TOP)/lib/event/,timeout.c timer.c event.c task.c arch/$(1)/context.c \
    arch/$(1)/switch.S)
$(eval $(call event_host_test,task-x86_64,$(call EVENT_TASK_SRCS,x86_64)))
EVENT_TASK_AARCH64 := $(TEST_HOST_BIN)/event/task-aarch64
$(EVENT_TASK_AARCH64): $(call EVENT_TASK_SRCS,aarch64) $(EVENT_HOST_DEPS)
	@mkdir -p $(dir $@)
	$(CROSS_COMPILE)gcc -std=gnu11 -g -O1 -Wall -Wextra -Werror -fsanitize=undefined \
	    -fno-sanitize-recover=all -I$(TOP)/tests/unit $(call cfg_includes,$(EVENT_HOST_CONFIG)) \
	    $(call EVENT_TASK_SRCS,aarch64) -o $@
TEST_DEPS += $(EVENT_TASK_AARCH64)
TESTS += unit/event-task-aarch64
TEST_CMD_unit/event-task-aarch64 := qemu-aarch64 -L /usr/aarch64-linux-gnu $(EVENT_TASK_AARCH64)

# system/event-*: the Microkit systems of tests/system/event/*.system on real seL4 kernels
# whose EL1 physical timer and counter are at user level (timer_server.c drives the one and
# reads the other: EXPORT_PTMR_USER, EXPORT_PCNT_USER); the PDs link
# libsel4c_event.a (and libsel4c_queue.a). event-smp puts the pinger and the producer on
# another core (SMP kernels).
EVENT_SYSTEM_DIR := $(TOP)/tests/system/event
EVENT_PDS := $(basename $(notdir $(wildcard $(EVENT_SYSTEM_DIR)/*.c)))
event_pd_elfs = $(EVENT_PDS:%=$(BUILD)/$(1)/tests/event/%.elf)
define event_pd_rule
$(BUILD)/$(1)/tests/event/%.elf: $(EVENT_SYSTEM_DIR)/%.c $(call event_lib,$(1)) $(call queue_lib,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call event_lib,$(1)) $(call queue_lib,$(1)) $(call microkit_link,$(1)) -o $$@
endef
# $(call event_system,config,system)
define event_system
TESTS += system/$(2)-$(1)
TEST_CMD_system/$(2)-$(1) := tests/system/microkit/boot.sh $(1) $(SEL4_INSTALLS)/$(1) \
    $(EVENT_SYSTEM_DIR)/$(2).system $(BUILD)/$(1)/tests/event $(BUILD)/$(1)/tests/event-boot/$(2) \
    $(SYSBUILD) $(call sdk_elf_dir,$(1)) $(QEMU_RUN) \
    --pass "evloop: PASS 3 sleepers, 100 pings answered, 1000 queue entries in order, 20 periodic ticks on the grid"
endef
EVENT_SYSTEM_CONFIGS := $(foreach c,$(MICROKIT_PTMR_CONFIGS),$(if $(call sel4_kernel_on,$(c),EXPORT_PCNT_USER),$(c)))
$(foreach c,$(EVENT_SYSTEM_CONFIGS),\
  $(eval $(call event_pd_rule,$(c)))\
  $(eval TEST_DEPS += $(call event_pd_elfs,$(c)) $(SYSBUILD) $(call sdk_elf_stamp,$(c)))\
  $(eval $(call event_system,$(c),event))\
  $(if $(call sel4_is_smp,$(c)),$(eval $(call event_system,$(c),event-smp))))

# unit/event-ppc: the timer and RTC clients' PP calls, with the recorder in place of the kernel
EVENT_PPC_SRCS := $(TOP)/tests/event/test_ppc.c $(TOP)/lib/event/timer_ppc.c \
    $(TOP)/lib/event/rtc_ppc.c $(TOP)/lib/microkit/dbg.c $(TOP)/lib/microkit/console.c $(TOP)/lib/microkit/config.c
$(TEST_HOST_BIN)/event/ppc: $(EVENT_PPC_SRCS) $(EVENT_HOST_DEPS)
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -g -O1 -Wall -Wextra -Werror $(SAN_FLAGS) -I$(TOP)/tests/unit \
	    -I$(TOP)/tests/recorder/include $(call cfg_includes,$(EVENT_HOST_CONFIG)) $(EVENT_PPC_SRCS) -o $@
TEST_DEPS += $(TEST_HOST_BIN)/event/ppc
TESTS += unit/event-ppc
TEST_CMD_unit/event-ppc := $(TEST_HOST_BIN)/event/ppc

# system/event-drivers-*: the timer and RTC clients with sel4c's driver PDs (drivers/), where
# both build (MCS, the EL1 physical counter and timer at user level)
EVENT_DRIVER_CONFIGS := $(filter $(DRIVER_CONFIGS_timer),$(DRIVER_CONFIGS_rtc))
define event_driver_rules
$(foreach d,timer rtc,$(BUILD)/$(1)/tests/event/$(d).elf): $(BUILD)/$(1)/tests/event/%.elf: $(BUILD)/$(1)/drivers/%.elf
	@mkdir -p $$(dir $$@)
	cp $$< $$@
TEST_DEPS += $(BUILD)/$(1)/tests/event/timer.elf $(BUILD)/$(1)/tests/event/rtc.elf
TESTS += system/event-drivers-$(1)
TEST_CMD_system/event-drivers-$(1) := tests/system/microkit/boot.sh $(1) $(SEL4_INSTALLS)/$(1) \
    $(EVENT_SYSTEM_DIR)/event-drivers.system $(BUILD)/$(1)/tests/event $(BUILD)/$(1)/tests/event-boot/drivers \
    $(SYSBUILD) $(call sdk_elf_dir,$(1)) $(QEMU_RUN) \
    --pass "clock: PASS 3 sleepers, 200 timeouts in order, 20 periodic ticks on the grid" \
    --pass "clock: PASS rtc advanced"
endef
$(foreach c,$(filter $(EVENT_SYSTEM_CONFIGS),$(EVENT_DRIVER_CONFIGS)),$(eval $(call event_driver_rules,$(c))))
