# Benchmarks: `make bench` builds and runs each; they print figures and assert nothing.

include $(TOP)/bench/queue/queue.mk
include $(TOP)/bench/trace/trace.mk

# bench/microkit: the PDs of the HTTP-server-shaped system, per Microkit configuration (the
# variables come before the bench rule, which names them as prerequisites)
BENCH_MICROKIT_CONFIGS := aarch64-microkit aarch64-microkit-smp
BENCH_MICROKIT_PDS := timer eth blk rtc webserver
bench_microkit_pds = $(BENCH_MICROKIT_PDS:%=$(BUILD)/$(1)/bench/microkit/%.elf)
define bench_microkit_rule
$(BUILD)/$(1)/bench/microkit/%.elf: $(TOP)/bench/microkit/%.c $(TOP)/bench/microkit/bench.h $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call microkit_link,$(1)) -o $$@
# the web server at a base of its own (bench/trace): its markers are PCs no other PD executes
$(call trace_lds,$(BUILD)/$(1)/bench/microkit/webserver.ld,0x300000)
$(BUILD)/$(1)/bench/microkit/webserver.elf: $(TOP)/bench/microkit/webserver.c $(TOP)/bench/microkit/bench.h \
    $(call microkit_lib,$(1)) $(BUILD)/$(1)/bench/microkit/webserver.ld | deps
	$(TARGET_CC) $(call user_cflags,$(1)) $(call trace_ldflags,$(BUILD)/$(1)/bench/microkit/webserver.ld,$$@) $$< \
	    $(call microkit_link,$(1)) -o $$@
endef
$(foreach c,$(BENCH_MICROKIT_CONFIGS),$(eval $(call bench_microkit_rule,$(c))))
bench-microkit-pds: $(foreach c,$(BENCH_MICROKIT_CONFIGS),$(call bench_microkit_pds,$(c)))
.PHONY: bench-microkit-pds
# make test: the PDs build and the system builds from them (bench/microkit/smoke.sh)
TEST_DEPS += $(call bench_microkit_pds,aarch64-microkit)
TESTS += bench/microkit-smoke
TEST_CMD_bench/microkit-smoke := bench/microkit/smoke.sh aarch64-microkit $(SEL4_INSTALLS)/aarch64-microkit \
    $(SHARED)/sel4/aarch64-microkit/libsel4/include/kernel/gen_config.json $(SYSBUILD) \
    $(BUILD)/aarch64-microkit/elf $(BUILD)/aarch64-microkit/bench/microkit

include $(TOP)/bench/event/event.mk
include $(TOP)/bench/drivers/drivers.mk
.PHONY: bench
bench: $(BINDGEN) $(call gen_stamp,aarch64) $(ADD_PAYLOAD) $(KERNEL_LOADER) $(TEST_DEPS) $(BUILD)/aarch64/bench/runtime-minimal.elf \
    $(SYSBUILD) $(foreach c,$(BENCH_MICROKIT_CONFIGS),$(call sdk_elf_stamp,$(c)) $(call bench_microkit_pds,$(c))) | deps
	@$(TOP)/bench/bindgen-time.sh $(BINDGEN) $(SHARED)
	@cd $(TOP) && bench/typed-vs-raw/compare.sh $(TARGET_CC) "$(TARGET_CFLAGS) $(call sel4_includes,aarch64)" $(TARGET_OBJDUMP)
	@cd $(TOP) && bench/loader/instructions.sh $(ADD_PAYLOAD) $(KERNEL_LOADER) \
	    $(LOADER_TEST_BUILD)/roottask-aarch64.elf $(SEL4_INSTALLS)/aarch64 \
	    $(LOADER_TEST_BUILD)/test-kernel-el1.elf tests/fixtures/loader/config-el1.json \
	    $(SHARED)/sel4/aarch64/support/platform_gen.yaml \
	    "$$($(CROSS_COMPILE)size $(KERNEL_LOADER) | awk 'NR == 2 { printf "%d bytes of code and data, %d of bss and stacks", $$1 + $$2, $$3 }')"
	@cd $(TOP) && bench/runtime/startup.sh $(SEL4_INSTALLS)/aarch64 $(ADD_PAYLOAD) $(KERNEL_LOADER) \
	    $(BUILD)/aarch64/bench/runtime-minimal.elf $(LOADER_TEST_BUILD)/roottask-aarch64.elf

	@cd $(TOP) && for c in aarch64 aarch64-mcs; do bench/capdl/initializer.sh $$c $(SEL4_INSTALLS)/$$c \
	    $(CAPDL_TOOL) $(BUILD)/$$c/capdl-initializer/capdl-initializer.elf $(BUILD)/$$c/tests/capdl \
	    $(SHARED)/sel4/$$c/libsel4/include/kernel/gen_config.json $(ADD_PAYLOAD) $(KERNEL_LOADER) \
	    $(foreach t,pingpong shared fixed notify many untyped,$(BUILD)/$$c/tests/capdl/$(t).cdl) \
	    $(BUILD)/$$c/tests/capdl/copied.cdl@--no-zero-copy || exit 1; done
	@cd $(TOP) && for c in $(BENCH_MICROKIT_CONFIGS); do bench/microkit/measure.sh $$c $(SEL4_INSTALLS)/$$c \
	    $(SYSBUILD) $(BUILD)/$$c/elf $(BUILD)/$$c/bench/microkit || exit 1; done

$(BUILD)/%/bench/runtime-minimal.elf: $(TOP)/bench/runtime/minimal.c $(BUILD)/%/lib/libsel4c_runtime.a $(RUNTIME_LDS) | deps
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(call user_cflags,$*) $(ROOT_TASK_LDFLAGS) $(filter %.c,$^) $(call runtime_link,$*) -o $@
include $(TOP)/bench/virtio/virtio.mk
include $(TOP)/bench/http-server/http-server.mk
include $(TOP)/bench/storage/storage.mk
include $(TOP)/bench/net/net.mk
include $(TOP)/bench/switch/switch.mk
