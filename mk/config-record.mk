# The kernel configuration record (tools/config-record/record.h) of each configuration's
# target libraries: build/<config>/runtime/config_record.o, a member of libsel4c_runtime.a and
# libmicrokit.a, which their linker scripts pull into every program (EXTERN).
CONFIG_RECORD_SRCS := $(TOP)/tools/config-record/main.c $(TOP)/tools/config-record/record.c \
    $(TOP)/tools/common/sel4_config.c $(TOP)/tools/common/file_io.c $(COMMON_CORE_SRCS) \
    $(VERSION_SRCS) $(wildcard $(TOP)/formats/elf/*.c)
CONFIG_RECORD_TOOL := $(HOST_BUILD)/bin/sel4c-config-record
$(CONFIG_RECORD_TOOL): $(call host_objs,$(CONFIG_RECORD_SRCS))
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ -lcjson -o $@
# $(call config_record_obj,config)
config_record_obj = $(BUILD)/$(1)/runtime/config_record.o

define config_record_rules
$(BUILD)/$(1)/runtime/config_record.S: $(CONFIG_RECORD_TOOL) $(call sel4_include_dir,$(1))/kernel/gen_config.json
	@mkdir -p $$(dir $$@)
	$(CONFIG_RECORD_TOOL) $(call sel4_include_dir,$(1))/kernel/gen_config.json -o $$@
$(call config_record_obj,$(1)): $(BUILD)/$(1)/runtime/config_record.S
	$(TARGET_CC) $(TARGET_CFLAGS) -c $$< -o $$@
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call config_record_rules,$(c))))
