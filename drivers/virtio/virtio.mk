# virtio drivers (docs/virtio.md): the transport, virtqueue and device logic as one library per
# configuration, and the driver PD programs around it.
#
#   build/<config>/lib/libsel4c_virtio.a           the library (objects under build/<config>/virtio/)
#   build/<config>/drivers/virtio/virtio_blk.elf   the virtio-blk driver PD
#   build/<config>/drivers/virtio/virtio_rng.elf   the virtio-rng driver PD
#   build/<config>/drivers/virtio/virtio_net.elf   the virtio-net driver PD
#
# A PD linking the library: $(call virtio_lib,config) before $(call microkit_link,config). The
# driver PDs also link lib/queue (the sDDF block queues) and lib/shmem (the DMA allocator).
VIRTIO_DIR := $(TOP)/drivers/virtio
VIRTIO_LIB_SRCS := transport.c virtq.c start.c blk.c rng.c net.c mmio_access.c rng_client.c \
    netdev.c blkdev.c
VIRTIO_PD_NAMES := virtio_blk virtio_rng virtio_net
virtio_lib = $(BUILD)/$(1)/lib/libsel4c_virtio.a
virtio_pd_elfs = $(VIRTIO_PD_NAMES:%=$(BUILD)/$(1)/drivers/virtio/%.elf)
# The library's own include flags: the barriers of the target architecture (or, in host tests,
# the host's).
virtio_cflags = -I$(VIRTIO_DIR)/arch/$(1)

define virtio_rules
$(BUILD)/$(1)/virtio/%.o: $(VIRTIO_DIR)/%.c $(call gen_stamp,$(1)) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(call virtio_cflags,$(TARGET_ARCH)) -ffunction-sections -fdata-sections -MMD -MP -c $$< -o $$@
$(call virtio_lib,$(1)): $(VIRTIO_LIB_SRCS:%.c=$(BUILD)/$(1)/virtio/%.o)
	@mkdir -p $$(dir $$@)
	rm -f $$@ && $(CROSS_COMPILE)ar rcs $$@ $$^
$(BUILD)/$(1)/drivers/virtio/virtio_%.elf: $(VIRTIO_DIR)/%_driver.c $(call virtio_lib,$(1)) $(call queue_lib,$(1)) $(call shmem_lib,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call virtio_lib,$(1)) $(call queue_lib,$(1)) $(call shmem_lib,$(1)) $(call microkit_link,$(1)) -o $$@
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call virtio_rules,$(c))))
-include $(foreach c,$(SEL4_BUILD_CONFIGS),$(VIRTIO_LIB_SRCS:%.c=$(BUILD)/$(c)/virtio/%.d))

# (the driver PDs named as targets, so make keeps them when it builds them for others)
virtio: $(call virtio_lib,$(SEL4_CONFIG)) $(if $(filter $(SEL4_CONFIG),$(SEL4_BUILD_CONFIGS)),\
    $(call virtio_pd_elfs,$(SEL4_CONFIG)))
all: virtio
.PHONY: virtio
