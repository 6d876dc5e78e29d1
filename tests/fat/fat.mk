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

# fat/random-*: type, sectors per cluster, disk MiB, seed, operations
FAT_RANDOM_CASES := 12-8-16-11-300 16-1-32-12-800 32-1-40-13-800
$(foreach k,$(FAT_RANDOM_CASES),\
  $(eval TESTS += fat/random-$(k))\
  $(eval TEST_CMD_fat/random-$(k) := tests/fat/random.sh $(FATTEST) $(MKDISK) $(subst -, ,$(k))))

# fat/hostile-*: type, sectors per cluster, disk MiB
FAT_HOSTILE_CASES := 12-1-2 16-1-32 32-1-40
$(foreach k,$(FAT_HOSTILE_CASES),\
  $(eval TESTS += fat/hostile-$(k))\
  $(eval TEST_CMD_fat/hostile-$(k) := tests/fat/hostile.sh $(FATTEST) $(MKDISK) $(subst -, ,$(k))))

# fat/crash-*: type, sectors per cluster, disk MiB, seed, cuts checked
# every cut on FAT12 and FAT16; evenly spread cuts on FAT32 (each cut writes a 40 MiB image)
FAT_CRASH_CASES := 12-1-2-21-100000 16-1-8-22-100000 32-1-40-23-150
$(foreach k,$(FAT_CRASH_CASES),\
  $(eval TESTS += fat/crash-$(k))\
  $(eval TEST_CMD_fat/crash-$(k) := tests/fat/crash.sh $(FATTEST) $(MKDISK) $(subst -, ,$(k))))

# fuzz/fat: mount, walk, read and write arbitrary images, for a bounded time
$(TEST_HOST_BIN)/fuzz_fat: $(TOP)/tests/fat/fuzz_fat.c $(FAT_SRCS) $(FAT_HDRS) | deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -I$(TOP)/include $(filter %.c,$^) -o $@
TEST_DEPS += $(TEST_HOST_BIN)/fuzz_fat
TESTS += fuzz/fat
TEST_CMD_fuzz/fat := rm -rf $(BUILD)/fat-seeds && tests/fat/fuzz-seeds.sh $(BUILD)/fat-seeds && \
    tests/fuzz/fuzz.sh $(TEST_HOST_BIN)/fuzz_fat $(FUZZ_SECONDS) $(BUILD)/fat-seeds/fat12.img \
    $(BUILD)/fat-seeds/fat16.img $(BUILD)/fat-seeds/fat32.img

# fat/mbr: partition tables, valid and with each kind of bad entry; partitions as devices
TESTS += fat/mbr
TEST_CMD_fat/mbr := $(FATTEST) mbr

# bench/fat (make bench): sequential read MB/s through the library from images in memory
FAT_SEQREAD := $(HOST_BUILD)/bench/fat/seqread
$(FAT_SEQREAD): $(TOP)/bench/fat/seqread.c $(TOP)/tests/fat/ramdisk.h $(FAT_SRCS) $(FAT_HDRS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -Wall -Wextra -Werror -I$(TOP)/include $(filter %.c,$^) -o $@
bench-fat: $(FAT_SEQREAD) | deps
	@cd $(TOP) && bench/fat/seqread.sh $(FAT_SEQREAD)
bench: bench-fat
.PHONY: bench-fat
TEST_DEPS += $(FAT_SEQREAD)

# fat/misc-*: error codes, times, read-only mounts, full volumes (type, sectors/cluster, MiB)
FAT_MISC_CASES := 12-1-2 16-1-32 32-1-40
$(foreach k,$(FAT_MISC_CASES),\
  $(eval TESTS += fat/misc-$(k))\
  $(eval TEST_CMD_fat/misc-$(k) := tests/fat/misc.sh $(FATTEST) $(MKDISK) $(subst -, ,$(k))))

# fat/mkdisk: tools/mkdisk's bare images, partition entry and refusals
TESTS += fat/mkdisk
TEST_CMD_fat/mkdisk := tests/fat/mkdisk.sh $(FATTEST) $(MKDISK)

# system/fat-*: lib/fat in a Microkit PD, on a disk image in its data (tests/fat/system)
FAT_SYSTEM_DIR := $(TOP)/tests/fat/system
$(BUILD)/fat-pd-disk.img: $(FAT_SYSTEM_DIR)/image.sh $(TOP)/$(MKDISK) | deps
	@mkdir -p $(dir $@)
	$(FAT_SYSTEM_DIR)/image.sh $(TOP)/$(MKDISK) $@
define fat_pd_rule
$(BUILD)/$(1)/tests/fat/fat_pd.elf: $(FAT_SYSTEM_DIR)/fat_pd.c $(BUILD)/fat-pd-disk.img $(call fat_lib,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -DFAT_IMAGE='"$(BUILD)/fat-pd-disk.img"' $(PD_LDFLAGS) $$< \
	    $(call fat_lib,$(1)) $(call microkit_link,$(1)) -o $$@
TEST_DEPS += $(BUILD)/$(1)/tests/fat/fat_pd.elf
TESTS += system/fat-$(1)
TEST_CMD_system/fat-$(1) := tests/system/microkit/boot.sh $(1) $(SEL4_INSTALLS)/$(1) \
    $(FAT_SYSTEM_DIR)/fat.system $(BUILD)/$(1)/tests/fat $(BUILD)/$(1)/tests/fat-boot \
    $(SYSBUILD) $(call sdk_elf_dir,$(1)) $(QEMU_RUN) --pass "fat_pd: PASS"
endef
$(foreach c,aarch64-microkit aarch64-microkit-smp,$(eval $(call fat_pd_rule,$(c))))

# fat/sector4k-*: 4096-byte sectors (type, KiB, seed, operations)
FAT_4K_CASES := 12-16000-5-300 16-40000-6-500 32-300000-7-300
$(foreach k,$(FAT_4K_CASES),\
  $(eval TESTS += fat/sector4k-$(k))\
  $(eval TEST_CMD_fat/sector4k-$(k) := tests/fat/sector4k.sh $(FATTEST) $(subst -, ,$(k))))
