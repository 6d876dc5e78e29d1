# bench/virtio: the virtio-blk driver's throughput and instructions per request under QEMU
# (measure.sh), on the Microkit kernels. `make bench` runs it; make test builds its PDs.
BENCH_VIRTIO_CONFIGS := aarch64-microkit aarch64-microkit-smp
bench_virtio_dir = $(BUILD)/$(1)/bench/virtio
bench_virtio_elfs = $(call bench_virtio_dir,$(1))/bench_client.elf $(call bench_virtio_dir,$(1))/virtio_blk.elf
define bench_virtio_rules
$(call bench_virtio_dir,$(1))/bench_client.elf: $(TOP)/bench/virtio/bench_client.c $(call queue_lib,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -I$(TOP)/bench/virtio/arch/$(TARGET_ARCH) $(PD_LDFLAGS) $$< $(call queue_lib,$(1)) $(call microkit_link,$(1)) -o $$@
$(call bench_virtio_dir,$(1))/virtio_blk.elf: $(BUILD)/$(1)/drivers/virtio/virtio_blk.elf
	@mkdir -p $$(dir $$@)
	cp $$< $$@
endef
$(foreach c,$(BENCH_VIRTIO_CONFIGS),$(eval $(call bench_virtio_rules,$(c))))
TEST_DEPS += $(foreach c,$(BENCH_VIRTIO_CONFIGS),$(call bench_virtio_elfs,$(c)) $(call virtio_pd_elfs,$(c)))

.PHONY: bench-virtio
bench-virtio: $(SYSBUILD) $(foreach c,$(BENCH_VIRTIO_CONFIGS),$(call sdk_elf_stamp,$(c)) $(call bench_virtio_elfs,$(c))) | deps
	@cd $(TOP) && for c in $(BENCH_VIRTIO_CONFIGS); do bench/virtio/measure.sh $$c $(SEL4_INSTALLS)/$$c \
	    $(SYSBUILD) $(BUILD)/$$c/elf $(BUILD)/$$c/bench/virtio || exit 1; done
bench: bench-virtio
