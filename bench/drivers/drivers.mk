# bench/drivers (bench/drivers/run.sh): the timer's interrupt-to-client instructions and
# timeouts per second, the serial multiplexer's bytes per second, on the Microkit kernels.
BENCH_DRIVERS_CONFIGS := aarch64-microkit aarch64-microkit-smp
bench_drivers_dir = $(BUILD)/$(1)/bench/drivers
define bench_drivers_rules
$(call bench_drivers_dir,$(1))/bench_%.elf: $(TOP)/bench/drivers/bench_%.c $(call driver_lib,$(1),timer) \
    $(call queue_lib,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call driver_lib,$(1),timer) \
	    $(call queue_lib,$(1)) $(call microkit_link,$(1)) -o $$@
$(call bench_drivers_dir,$(1))/timer.elf $(call bench_drivers_dir,$(1))/serial.elf: $(call bench_drivers_dir,$(1))/%.elf: $(BUILD)/$(1)/drivers/%.elf
	@mkdir -p $$(dir $$@)
	cp $$< $$@
bench-drivers-$(1): $(addprefix $(call bench_drivers_dir,$(1))/,timer.elf serial.elf bench_timer.elf bench_serial.elf) \
    $(SYSBUILD) $(QEMU_RUN) $(call sdk_elf_stamp,$(1)) | deps
	@cd $(TOP) && bench/drivers/run.sh $(1) $(SEL4_INSTALLS)/$(1) $(SYSBUILD) $(call sdk_elf_dir,$(1)) \
	    $(QEMU_RUN) $(call bench_drivers_dir,$(1))
.PHONY: bench-drivers-$(1)
endef
$(foreach c,$(BENCH_DRIVERS_CONFIGS),$(eval $(call bench_drivers_rules,$(c))))
bench-drivers: $(BENCH_DRIVERS_CONFIGS:%=bench-drivers-%)
bench: bench-drivers
.PHONY: bench-drivers
