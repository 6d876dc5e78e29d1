# The FAT filesystem library and MBR partitions (docs/fat.md), one archive per configuration:
# build/<config>/lib/libsel4c_fat.a. Freestanding: it needs only memcpy, memset and memcmp
# (picolibc's in a PD), so it builds the same for the host tests (tests/fat/fat.mk).
FAT_DIR := $(TOP)/lib/fat
FAT_SRCS := $(wildcard $(FAT_DIR)/*.c)
FAT_HDRS := $(wildcard $(FAT_DIR)/*.h) $(TOP)/include/sel4c/fat.h $(TOP)/include/sel4c/mbr.h \
    $(TOP)/include/sel4c/blk.h
# $(call fat_lib,config)
fat_lib = $(BUILD)/$(1)/lib/libsel4c_fat.a

define fat_rules
$(BUILD)/$(1)/fat/%.o: $(FAT_DIR)/%.c $(FAT_HDRS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(TARGET_CFLAGS) -I$(TOP)/include -ffunction-sections -fdata-sections -MMD -MP -c $$< -o $$@
$(call fat_lib,$(1)): $(patsubst $(FAT_DIR)/%.c,$(BUILD)/$(1)/fat/%.o,$(FAT_SRCS))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && $(CROSS_COMPILE)ar rcs $$@ $$^
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call fat_rules,$(c))))

fat: $(call fat_lib,$(SEL4_CONFIG))
all: fat
.PHONY: fat
