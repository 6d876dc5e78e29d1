# Thread synchronisation (include/sel4c/sync.h), one library per configuration. Only ntfn.c
# makes system calls; tests/shmem builds the rest for the host with a stand-in for it.
SYNC_DIR := $(TOP)/lib/sync
SYNC_SRCS := $(wildcard $(SYNC_DIR)/*.c)
SYNC_ALGO_SRCS := $(filter-out $(SYNC_DIR)/ntfn.c,$(SYNC_SRCS))
# $(call sync_lib,config)
sync_lib = $(BUILD)/$(1)/lib/libsel4c_sync.a

define sync_rules
$(BUILD)/$(1)/sync/%.o: $(SYNC_DIR)/%.c $(call gen_stamp,$(1)) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -ffunction-sections -fdata-sections -MMD -MP -c $$< -o $$@
$(call sync_lib,$(1)): $(patsubst $(SYNC_DIR)/%.c,$(BUILD)/$(1)/sync/%.o,$(SYNC_SRCS))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && $(CROSS_COMPILE)ar rcs $$@ $$^
-include $(patsubst $(SYNC_DIR)/%.c,$(BUILD)/$(1)/sync/%.d,$(SYNC_SRCS))
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call sync_rules,$(c))))

sync: $(call sync_lib,$(SEL4_CONFIG))
all: sync
.PHONY: sync
