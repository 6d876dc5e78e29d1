# Tests of the virtio drivers (drivers/virtio, docs/virtio.md).

# unit/virtio-legacy, unit/virtio-modern: the transport, virtqueue, block and entropy logic,
# and the blocking block device and polled entropy read over them, against a fake device in
# memory (tests/virtio/fake_device.c), under the sanitizers
VIRTIO_UNIT_SRCS := tests/virtio/test_virtio.c tests/virtio/fake_device.c \
    $(addprefix drivers/virtio/,transport.c virtq.c start.c blk.c rng.c blkdev.c)
VIRTIO_HOST_ARCH := $(shell uname -m)
$(foreach v,legacy:1 modern:2,\
  $(eval TESTS += unit/virtio-$(word 1,$(subst :, ,$(v))))\
  $(eval TEST_CMD_unit/virtio-$(word 1,$(subst :, ,$(v))) := gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror $(SAN_FLAGS) -Iinclude $(call virtio_cflags,$(VIRTIO_HOST_ARCH)) $(VIRTIO_UNIT_SRCS) -o $(TEST_HOST_BIN)/virtio-$(word 1,$(subst :, ,$(v))) && $(TEST_HOST_BIN)/virtio-$(word 1,$(subst :, ,$(v))) $(word 2,$(subst :, ,$(v)))))

# The client PDs of the virtio system tests, next to copies of the driver PDs (the system
# builder takes one search path): build/<config>/tests/virtio/*.elf
VIRTIO_TEST_DIR := $(TOP)/tests/system/virtio
VIRTIO_CLIENTS := $(basename $(notdir $(wildcard $(VIRTIO_TEST_DIR)/*.c)))
virtio_test_elfs = $(foreach p,$(VIRTIO_CLIENTS) $(VIRTIO_PD_NAMES),$(BUILD)/$(1)/tests/virtio/$(p).elf)
define virtio_test_rules
$(BUILD)/$(1)/tests/virtio/%.elf: $(VIRTIO_TEST_DIR)/%.c $(call virtio_lib,$(1)) $(call queue_lib,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call virtio_lib,$(1)) $(call queue_lib,$(1)) $(call microkit_link,$(1)) -o $$@
$(BUILD)/$(1)/tests/virtio/virtio_%.elf: $(BUILD)/$(1)/drivers/virtio/virtio_%.elf
	@mkdir -p $$(dir $$@)
	cp $$< $$@
endef

# system/virtio-legacy-*, system/virtio-modern-*: tests/system/virtio/virtio.sh on each
# Microkit kernel
VIRTIO_SYSTEM_CONFIGS := aarch64-microkit aarch64-microkit-smp
$(foreach c,$(VIRTIO_SYSTEM_CONFIGS),\
  $(eval $(call virtio_test_rules,$(c)))\
  $(eval TEST_DEPS += $(call virtio_test_elfs,$(c)) $(call virtio_pd_elfs,$(c)))\
  $(foreach m,legacy modern,\
    $(eval TESTS += system/virtio-$(m)-$(c))\
    $(eval TEST_CMD_system/virtio-$(m)-$(c) := tests/system/virtio/virtio.sh $(m) \
      $(BUILD)/$(c)/tests/virtio-boot/$(m) $(c) $(SEL4_INSTALLS)/$(c) \
      $(VIRTIO_TEST_DIR)/virtio.system $(BUILD)/$(c)/tests/virtio \
      $(BUILD)/$(c)/tests/virtio-boot/$(m) $(SYSBUILD) $(call sdk_elf_dir,$(c)) $(QEMU_RUN))))
