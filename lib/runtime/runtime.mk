# The C runtime for root tasks, one library per configuration (it uses that configuration's
# bindings), and how to link a root task with it.
RUNTIME_DIR := $(TOP)/lib/runtime
RUNTIME_SRCS := $(wildcard $(RUNTIME_DIR)/*.c) $(wildcard $(RUNTIME_DIR)/arch/$(TARGET_ARCH)/*.c) \
    $(wildcard $(RUNTIME_DIR)/arch/$(TARGET_ARCH)/*.S)
RUNTIME_LDS := $(RUNTIME_DIR)/arch/$(TARGET_ARCH)/runtime.ld
PICOLIBC_FLAGS := --specs=picolibc.specs
# $(call runtime_lib,config)
runtime_lib = $(BUILD)/$(1)/lib/libsel4c_runtime.a
# Flags for C code of seL4 programs of configuration $(1)
user_cflags = $(TARGET_CFLAGS) $(PICOLIBC_FLAGS) $(call sel4_includes,$(1))
# Link flags of a root task (after $(call user_cflags,config)): then objects, then
# $(call runtime_link,config): the whole runtime, as libc (linked after it) calls into it;
# picolibc.specs links with --gc-sections, which drops what the program does not use.
ROOT_TASK_LDFLAGS = -nostartfiles -static -T $(RUNTIME_LDS) -Wl,--build-id=sha1
# A process started by another component (docs/runtime.md): its own entry and a small heap.
PROCESS_LDFLAGS = $(ROOT_TASK_LDFLAGS) -Wl,-e,_sel4c_process_start \
    -Wl,--defsym=__sel4c_heap_size=0x4000 -Wl,--defsym=__sel4c_stack_size=0x4000
# The runtime builds on libsel4.a (lib/libsel4), linked after it.
runtime_link = -Wl,--whole-archive $(call runtime_lib,$(1)) -Wl,--no-whole-archive \
    $(call libsel4_lib,$(1))

define runtime_rules
$(BUILD)/$(1)/runtime/%.o: $(RUNTIME_DIR)/%.c $(call gen_stamp,$(1)) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -ffunction-sections -fdata-sections -MMD -MP -c $$< -o $$@
$(BUILD)/$(1)/runtime/%.o: $(RUNTIME_DIR)/%.S | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -c $$< -o $$@
# (libsel4.a comes with it: whatever links the runtime links libsel4.a too)
$(call runtime_lib,$(1)): $(patsubst $(RUNTIME_DIR)/%,$(BUILD)/$(1)/runtime/%.o,$(basename $(RUNTIME_SRCS))) \
    $(call config_record_obj,$(1)) $(call libsel4_lib,$(1))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && $(CROSS_COMPILE)ar rcs $$@ $$(filter %.o,$$^)
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call runtime_rules,$(c))))

runtime: $(call runtime_lib,$(SEL4_CONFIG))
all: runtime
.PHONY: runtime
