# Tests of the block client and storage on seL4 (lib/blkclient, docs/storage.md).

# unit/blkclient: the client and its cache against a fake driver on queues in memory, with the
# event loop's real tasks, under ASan and UBSan. unit/blkclient-fat: the FAT library on the
# client over a disk image from tools/mkdisk (tests/storage/host_fat.sh).
BLKCLIENT_HOST_CONFIG := aarch64-microkit
BLKCLIENT_TEST := $(TEST_HOST_BIN)/storage/test_blkclient
BLKCLIENT_TEST_SRCS := $(TOP)/tests/storage/test_blkclient.c \
    $(filter-out %/notify_microkit.c,$(wildcard $(TOP)/lib/blkclient/*.c)) \
    $(addprefix $(TOP)/lib/event/,timeout.c timer.c event.c task.c arch/x86_64/context.c \
    arch/x86_64/switch.S) $(addprefix $(TOP)/lib/queue/,blk.c error.c) \
    $(addprefix $(TOP)/lib/shmem/,shmem.c dma_slots.c) $(wildcard $(TOP)/lib/fat/*.c)
$(BLKCLIENT_TEST): $(BLKCLIENT_TEST_SRCS) $(wildcard $(TOP)/lib/blkclient/*.h) \
    $(wildcard $(TOP)/include/sel4c/*.h) $(call gen_stamp,$(BLKCLIENT_HOST_CONFIG)) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -g -O1 -Wall -Wextra -Werror $(SAN_FLAGS) -I$(TOP)/tests/unit \
	    -I$(TOP)/lib/blkclient $(call cfg_includes,$(BLKCLIENT_HOST_CONFIG)) \
	    $(BLKCLIENT_TEST_SRCS) -o $@
TEST_DEPS += $(BLKCLIENT_TEST)
TESTS += unit/blkclient unit/blkclient-fat
TEST_CMD_unit/blkclient := $(BLKCLIENT_TEST)
TEST_CMD_unit/blkclient-fat := tests/storage/host_fat.sh $(BLKCLIENT_TEST) \
    $(HOST_BUILD)/tests/storage/host-fat

# The client PD of the storage system tests, next to a copy of the virtio-blk driver PD (the
# system builder takes one search path): build/<config>/tests/storage/*.elf
STORAGE_TEST_DIR := $(TOP)/tests/system/storage
storage_test_elfs = $(BUILD)/$(1)/tests/storage/fs_client.elf $(BUILD)/$(1)/tests/storage/virtio_blk.elf
define storage_test_rules
$(BUILD)/$(1)/tests/storage/fs_client.elf: $(STORAGE_TEST_DIR)/fs_client.c $(call blkclient_link,$(1)) $(call fat_lib,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call fat_lib,$(1)) $(call blkclient_link,$(1)) $(call microkit_link,$(1)) -o $$@
$(BUILD)/$(1)/tests/storage/virtio_blk.elf: $(BUILD)/$(1)/drivers/virtio/virtio_blk.elf
	@mkdir -p $$(dir $$@)
	cp $$< $$@
endef

# system/storage-{good,loop,bpb}-*: tests/system/storage/storage.sh on each Microkit kernel
STORAGE_SYSTEM_CONFIGS := aarch64-microkit aarch64-microkit-smp
$(foreach c,$(STORAGE_SYSTEM_CONFIGS),\
  $(eval $(call storage_test_rules,$(c)))\
  $(eval TEST_DEPS += $(call storage_test_elfs,$(c)))\
  $(foreach m,good loop bpb,\
    $(eval TESTS += system/storage-$(m)-$(c))\
    $(eval TEST_CMD_system/storage-$(m)-$(c) := tests/system/storage/storage.sh $(m) \
      $(BUILD)/$(c)/tests/storage-boot/$(m) $(c) $(SEL4_INSTALLS)/$(c) \
      $(STORAGE_TEST_DIR)/storage.system $(BUILD)/$(c)/tests/storage \
      $(BUILD)/$(c)/tests/storage-boot/$(m) $(SYSBUILD) $(call sdk_elf_dir,$(c)) $(QEMU_RUN))))
