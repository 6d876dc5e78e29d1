# examples/clock: the timer and RTC driver PDs and a client printing the time every second
# (make run-clock), for the configurations the timer driver runs on.
CLOCK_DIR := $(TOP)/examples/clock
clock_dir = $(BUILD)/$(1)/examples/clock
define clock_rules
$(call clock_dir,$(1))/clock.elf: $(CLOCK_DIR)/clock.c $(call event_lib,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call event_lib,$(1)) $(call microkit_link,$(1)) -o $$@
$(call clock_dir,$(1))/timer.elf $(call clock_dir,$(1))/rtc.elf: $(call clock_dir,$(1))/%.elf: $(BUILD)/$(1)/drivers/%.elf
	@mkdir -p $$(dir $$@)
	cp $$< $$@
clock-$(1): $(addprefix $(call clock_dir,$(1))/,clock.elf timer.elf rtc.elf) $(SYSBUILD) $(call sdk_elf_stamp,$(1)) $(QEMU_RUN)
.PHONY: clock-$(1)
TEST_DEPS += clock-$(1)
TESTS += system/clock-$(1)
TEST_CMD_system/clock-$(1) := tests/system/microkit/boot.sh $(1) $(SEL4_INSTALLS)/$(1) $(CLOCK_DIR)/clock.system \
    $(call clock_dir,$(1)) $(BUILD)/$(1)/tests/clock $(SYSBUILD) $(call sdk_elf_dir,$(1)) $(QEMU_RUN) \
    --pass "clock: done after 5 ticks" --pass " GMT"
endef
$(foreach c,$(DRIVER_CONFIGS_timer),$(if $(filter $(c),$(DRIVER_CONFIGS_rtc)),$(eval $(call clock_rules,$(c)))))
