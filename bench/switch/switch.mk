# bench/switch: what a change of PD costs the host under QEMU (measure.sh), on the Microkit
# kernels. `make bench` runs it; make test builds its PD.
BENCH_SWITCH_CONFIGS := aarch64-microkit aarch64-microkit-smp
bench_switch_elf = $(BUILD)/$(1)/bench/switch/switch.elf
define bench_switch_rules
$(call bench_switch_elf,$(1)): $(TOP)/bench/switch/switch.c $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call microkit_link,$(1)) -o $$@
endef
$(foreach c,$(BENCH_SWITCH_CONFIGS),$(eval $(call bench_switch_rules,$(c))))
TEST_DEPS += $(foreach c,$(BENCH_SWITCH_CONFIGS),$(call bench_switch_elf,$(c)))

.PHONY: bench-switch
bench-switch: $(SYSBUILD) $(QEMU_RUN) $(foreach c,$(BENCH_SWITCH_CONFIGS),$(call sdk_elf_stamp,$(c)) $(call bench_switch_elf,$(c))) | deps
	@cd $(TOP) && for c in $(BENCH_SWITCH_CONFIGS); do bench/switch/measure.sh $$c $(SEL4_INSTALLS)/$$c \
	    $(SYSBUILD) $(BUILD)/$$c/elf $(dir $(call bench_switch_elf,$$c)) $(QEMU_RUN) || exit 1; done
bench: bench-switch
