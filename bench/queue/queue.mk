# bench/queue: the shared-memory queues (docs/queues.md). On the host, two threads on two
# cores: messages per second for batch sizes 1 and 32 against a plain Lamport ring; on seL4
# under QEMU, instructions per enqueue+dequeue pair (one core) and notifications per 1,000
# messages (one core and two). Included from bench/bench.mk; `make bench` runs it.
BENCH_QUEUE_HOST := $(HOST_BUILD)/bench/queue-host
$(BENCH_QUEUE_HOST): $(TOP)/bench/queue/host.c $(QUEUE_TEST_DEPS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -Wall -Wextra -Werror -I$(TOP)/include $(filter %.c,$^) -lpthread -o $@

# The PD of bench/queue/qbench.c, per Microkit configuration
define queue_bench_rule
$(BUILD)/$(1)/bench/queue/qbench.elf: $(TOP)/bench/queue/qbench.c \
    $(TOP)/bench/queue/arch/$(TARGET_ARCH)/counter.h $(call queue_lib,$(1)) $(call microkit_lib,$(1)) \
    $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -I$(TOP)/bench/queue/arch/$(TARGET_ARCH) $(PD_LDFLAGS) $$< \
	    $(call queue_lib,$(1)) $(call microkit_link,$(1)) -o $$@
endef
$(foreach c,$(QUEUE_SYS_CONFIGS),$(eval $(call queue_bench_rule,$(c))))

.PHONY: bench-queue
bench-queue: $(BENCH_QUEUE_HOST) $(SYSBUILD) $(QEMU_RUN) \
    $(foreach c,$(QUEUE_SYS_CONFIGS),$(BUILD)/$(c)/bench/queue/qbench.elf $(call queue_pd_elfs,$(c)) $(call sdk_elf_stamp,$(c))) | deps
	@$(BENCH_QUEUE_HOST) 5000000
	@cd $(TOP) && for c in $(QUEUE_SYS_CONFIGS); do \
	    system=queue; [ $$c = aarch64-microkit ] || system=queue-smp; \
	    bench/queue/target.sh $$c $(SEL4_INSTALLS)/$$c $(SYSBUILD) $(call sdk_elf_dir,$$c) $(QEMU_RUN) \
	        $(BUILD)/$$c/bench/queue $(BUILD)/$$c/tests/queue $(BUILD)/$$c/bench/queue/out $$system || exit 1; done
bench: bench-queue
