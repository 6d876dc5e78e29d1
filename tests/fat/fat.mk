# fat/*: the FAT library (lib/fat) on the host under ASan and UBSan, against dosfstools and
# mtools; its fuzzer; libsel4c_fat.a for every configuration.
FATTEST := $(TEST_HOST_BIN)/fattest
MKDISK := tools/mkdisk/mkdisk.sh
FAT_HOST_SRCS := $(FAT_SRCS)
$(FATTEST): $(TOP)/tests/fat/fattest.c $(TOP)/tests/fat/ramdisk.h $(FAT_SRCS) $(FAT_HDRS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -g -O1 -Wall -Wextra -Werror $(SAN_FLAGS) -I$(TOP)/include \
	    $(filter %.c,$^) -o $@
TEST_DEPS += $(FATTEST) $(foreach c,$(SEL4_ARM_CONFIGS),$(call fat_lib,$(c)))

# fat/read-*: FAT type, sectors per cluster, disk MiB
FAT_READ_CASES := 12-1-2 12-4-8 16-1-32 16-8-64 32-1-40 32-2-80
$(foreach k,$(FAT_READ_CASES),\
  $(eval TESTS += fat/read-$(k))\
  $(eval TEST_CMD_fat/read-$(k) := tests/fat/read.sh $(FATTEST) $(MKDISK) $(subst -, ,$(k))))
