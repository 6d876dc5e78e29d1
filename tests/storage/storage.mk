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
