# sel4c's prebuilt images per configuration, laid out as sel4c-sysbuild's --sdk expects them:
# build/<config>/elf/{kernel-loader,capdl-initializer,monitor}.elf.
# $(call sdk_elf_dir,config)
sdk_elf_dir = $(BUILD)/$(1)/elf
sdk_elf_stamp = $(BUILD)/$(1)/elf/.stamp

define sdk_rules
$(call sdk_elf_stamp,$(1)): $(KERNEL_LOADER) $(call capdl_initializer,$(1)) $(call monitor_elf,$(1))
	@mkdir -p $$(dir $$@)
	cp $(KERNEL_LOADER) $(call sdk_elf_dir,$(1))/kernel-loader.elf
	cp $(call capdl_initializer,$(1)) $(call sdk_elf_dir,$(1))/capdl-initializer.elf
	cp $(call monitor_elf,$(1)) $(call sdk_elf_dir,$(1))/monitor.elf
	touch $$@
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call sdk_rules,$(c))))
sdk: $(call sdk_elf_stamp,$(SEL4_CONFIG))
all: sdk
.PHONY: sdk
