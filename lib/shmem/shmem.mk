# Shared-memory accessors and DMA buffer allocators (include/sel4c/shmem.h, dma.h), one
# library per configuration. Freestanding: tests/shmem also builds the sources for the host.
SHMEM_DIR := $(TOP)/lib/shmem
SHMEM_SRCS := $(wildcard $(SHMEM_DIR)/*.c)
# $(call shmem_lib,config)
shmem_lib = $(BUILD)/$(1)/lib/libsel4c_shmem.a

define shmem_rules
$(BUILD)/$(1)/shmem/%.o: $(SHMEM_DIR)/%.c $(call gen_stamp,$(1)) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -ffunction-sections -fdata-sections -MMD -MP -c $$< -o $$@
$(call shmem_lib,$(1)): $(patsubst $(SHMEM_DIR)/%.c,$(BUILD)/$(1)/shmem/%.o,$(SHMEM_SRCS))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && $(CROSS_COMPILE)ar rcs $$@ $$^
-include $(patsubst $(SHMEM_DIR)/%.c,$(BUILD)/$(1)/shmem/%.d,$(SHMEM_SRCS))
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call shmem_rules,$(c))))

shmem: $(call shmem_lib,$(SEL4_CONFIG))
all: shmem
.PHONY: shmem
