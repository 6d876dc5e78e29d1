# bench/net: TCP throughput both ways (iperf 2 against lwIP's lwiperf), UDP packets/s, and
# instructions per packet by component (measure.sh), on the Microkit kernels. `make
# bench-net` runs it (and `make bench`); make test builds its PDs.
#
# Every PD of bench.system is linked at its own base with a link map (bench/trace), so that
# QEMU's execution log tells their instructions apart and the client's splits into lwIP and
# the rest.
BENCH_NET_CONFIGS := aarch64-microkit aarch64-microkit-smp
bench_net_dir = $(BUILD)/$(1)/bench/net
BENCH_NET_PDS := virtio_net net_virt_rx net_virt_tx timer bench_net
bench_net_elfs = $(BENCH_NET_PDS:%=$(call bench_net_dir,$(1))/%.elf)
BENCH_NET_LIBS = $(call net_lib,$(1)) $(call event_lib,$(1)) $(call queue_lib,$(1)) $(call shmem_lib,$(1))
define bench_net_rules
$(call trace_lds,$(call bench_net_dir,$(1))/virtio_net.ld,0x1000000)
$(call trace_lds,$(call bench_net_dir,$(1))/net_virt_rx.ld,0x1200000)
$(call trace_lds,$(call bench_net_dir,$(1))/net_virt_tx.ld,0x1400000)
$(call trace_lds,$(call bench_net_dir,$(1))/timer.ld,0x1600000)
$(call trace_lds,$(call bench_net_dir,$(1))/bench_net.ld,0x1800000)
$(call bench_net_dir,$(1))/virtio_net.elf: $(VIRTIO_DIR)/net_driver.c $(call bench_net_dir,$(1))/virtio_net.ld \
    $(call virtio_lib,$(1)) $(call queue_lib,$(1)) $(call shmem_lib,$(1)) $(call microkit_lib,$(1)) | deps
	$(TARGET_CC) $(call user_cflags,$(1)) $(call trace_ldflags,$(call bench_net_dir,$(1))/virtio_net.ld,$$@) $$< \
	    $(call virtio_lib,$(1)) $(call queue_lib,$(1)) $(call shmem_lib,$(1)) $(call microkit_link,$(1)) -o $$@
$(call bench_net_dir,$(1))/net_virt_%.elf: $(NET_VIRT_DIR)/virt_%_pd.c $(call bench_net_dir,$(1))/net_virt_%.ld \
    $(NET_VIRT_SRCS) $(NET_VIRT_DIR)/virt.h $(NET_VIRT_DIR)/clients.h $(TOP)/bench/net/net_config.h \
    $(call net_virt_libs,$(1)) $(call microkit_lib,$(1)) | deps
	$(TARGET_CC) $(call user_cflags,$(1)) -I$(TOP)/bench/net $(call trace_ldflags,$(call bench_net_dir,$(1))/net_virt_$$*.ld,$$@) \
	    $$< $(NET_VIRT_SRCS) $(call net_virt_libs,$(1)) $(call microkit_link,$(1)) -o $$@
$(call bench_net_dir,$(1))/timer.elf: $(BUILD)/$(1)/drivers/timer/pd.o $(call bench_net_dir,$(1))/timer.ld \
    $(call driver_lib,$(1),timer) $(call DRIVER_LIBS_timer,$(1)) $(call microkit_lib,$(1))
	$(TARGET_CC) $(call user_cflags,$(1)) $(call trace_ldflags,$(call bench_net_dir,$(1))/timer.ld,$$@) $$< \
	    $(call driver_lib,$(1),timer) $(call DRIVER_LIBS_timer,$(1)) $(call microkit_link,$(1)) -o $$@
$(call bench_net_dir,$(1))/bench_net.elf: $(TOP)/bench/net/bench_net.c $(TOP)/bench/net/net_config.h \
    $(TOP)/bench/trace/marker.h $(call bench_net_dir,$(1))/bench_net.ld $(BENCH_NET_LIBS) $(call microkit_lib,$(1)) | deps
	$(TARGET_CC) $(call user_cflags,$(1)) $(LWIP_INCLUDES) $(call trace_ldflags,$(call bench_net_dir,$(1))/bench_net.ld,$$@) \
	    $$< $(BENCH_NET_LIBS) $(call microkit_link,$(1)) -o $$@
endef
$(foreach c,$(BENCH_NET_CONFIGS),$(eval $(call bench_net_rules,$(c))))
TEST_DEPS += $(foreach c,$(BENCH_NET_CONFIGS),$(call bench_net_elfs,$(c)))

.PHONY: bench-net
bench-net: $(SYSBUILD) $(foreach c,$(BENCH_NET_CONFIGS),$(call sdk_elf_stamp,$(c)) $(call bench_net_elfs,$(c))) | deps
	@cd $(TOP) && for c in $(BENCH_NET_CONFIGS); do bench/net/measure.sh $$c $(SEL4_INSTALLS)/$$c \
	    $(SYSBUILD) $(call sdk_elf_dir,$$c) $(call bench_net_dir,$$c) || exit 1; done
bench: bench-net
