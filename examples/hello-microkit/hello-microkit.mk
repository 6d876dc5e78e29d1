# examples/hello-microkit: two protection domains, built with sel4c-sysbuild for the Microkit
# configuration (make run boots it).
HELLO_MICROKIT_DIR := $(TOP)/examples/hello-microkit
HELLO_MICROKIT_PDS := greeter client
# $(call hello_microkit_dir,config): where its PD images are built
hello_microkit_dir = $(BUILD)/$(1)/examples/hello-microkit
define hello_microkit_rules
$(call hello_microkit_dir,$(1))/%.elf: $(HELLO_MICROKIT_DIR)/%.c $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call microkit_link,$(1)) -o $$@
hello-microkit-$(1): $(HELLO_MICROKIT_PDS:%=$(call hello_microkit_dir,$(1))/%.elf) \
    $(SYSBUILD) $(call sdk_elf_stamp,$(1)) $(QEMU_RUN)
.PHONY: hello-microkit-$(1)
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call hello_microkit_rules,$(c))))
examples: hello-microkit-$(SEL4_CONFIG)
