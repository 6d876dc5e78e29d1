# bench/storage: sequential read MB/s through FAT, the block client's cache and the virtio-blk
# driver under QEMU, and instructions per 4 KiB by layer (measure.sh), on the Microkit kernels.
# `make bench` runs it; make test builds its PDs.
BENCH_STORAGE_CONFIGS := aarch64-microkit aarch64-microkit-smp
bench_storage_dir = $(BUILD)/$(1)/bench/storage
bench_storage_elfs = $(call bench_storage_dir,$(1))/bench_fs.elf $(call bench_storage_dir,$(1))/virtio_blk.elf
define bench_storage_rules
# bench_fs is linked at 0x1100000 instead of 0x200000, so that QEMU's log tells its
# instructions from the driver's; its link map says which library each function is from.
$(call trace_lds,$(call bench_storage_dir,$(1))/bench_fs.ld,0x1100000)
$(call bench_storage_dir,$(1))/bench_fs.elf: $(TOP)/bench/storage/bench_fs.c $(call bench_storage_dir,$(1))/bench_fs.ld $(call fat_lib,$(1)) $(call blkclient_link,$(1)) $(call microkit_lib,$(1)) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -I$(TOP)/bench/virtio/arch/$(TARGET_ARCH) \
	    $(call trace_ldflags,$(call bench_storage_dir,$(1))/bench_fs.ld,$$@) \
	    $$< $(call fat_lib,$(1)) $(call blkclient_link,$(1)) $(call microkit_link,$(1)) -o $$@
$(call bench_storage_dir,$(1))/virtio_blk.elf: $(BUILD)/$(1)/drivers/virtio/virtio_blk.elf
	@mkdir -p $$(dir $$@)
	cp $$< $$@
endef
$(foreach c,$(BENCH_STORAGE_CONFIGS),$(eval $(call bench_storage_rules,$(c))))
TEST_DEPS += $(foreach c,$(BENCH_STORAGE_CONFIGS),$(call bench_storage_elfs,$(c)))

.PHONY: bench-storage
bench-storage: $(SYSBUILD) $(foreach c,$(BENCH_STORAGE_CONFIGS),$(call sdk_elf_stamp,$(c)) $(call bench_storage_elfs,$(c))) | deps
	@cd $(TOP) && for c in $(BENCH_STORAGE_CONFIGS); do bench/storage/measure.sh $$c $(SEL4_INSTALLS)/$$c \
	    $(SYSBUILD) $(BUILD)/$$c/elf $(BUILD)/$$c/bench/storage || exit 1; done
bench: bench-storage
