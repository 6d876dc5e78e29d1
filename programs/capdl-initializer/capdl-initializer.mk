# The CapDL initializer, one per configuration: a root task (sel4c runtime, no heap) with
# the CapDL spec library and LZ4's decoder, fetched from Debian's lz4 source at build time.
CAPDL_INIT_DIR := $(TOP)/programs/capdl-initializer
CAPDL_INIT_SRCS := $(wildcard $(CAPDL_INIT_DIR)/*.c) \
    $(wildcard $(CAPDL_INIT_DIR)/arch/$(TARGET_ARCH)/*.c) $(wildcard $(TOP)/formats/capdl/*.c)
LZ4_SRC_STAMP := $(BUILD)/debian-src/lz4.path
# $(call capdl_initializer,config)
capdl_initializer = $(BUILD)/$(1)/capdl-initializer/capdl-initializer.elf

$(LZ4_SRC_STAMP): $(TOP)/mk/debian-source.sh | deps
	@mkdir -p $(dir $@)
	$(TOP)/mk/debian-source.sh lz4 $(BUILD) > $@.tmp && mv $@.tmp $@

define capdl_init_rules
$(BUILD)/$(1)/capdl-initializer/lz4.o: $(LZ4_SRC_STAMP)
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -Wno-error -DLZ4_FREESTANDING=1 -DLZ4_memcpy=__builtin_memcpy \
	    -DLZ4_memset=__builtin_memset -DLZ4_memmove=__builtin_memmove -ffunction-sections \
	    -fdata-sections -c $$$$(cat $(LZ4_SRC_STAMP))/lib/lz4.c -o $$@
$(BUILD)/$(1)/capdl-initializer/%.o: $(TOP)/%.c $(call gen_stamp,$(1)) $(LZ4_SRC_STAMP) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -I$$$$(cat $(LZ4_SRC_STAMP))/lib -DLZ4_FREESTANDING=1 \
	    -DLZ4_memcpy=__builtin_memcpy -DLZ4_memset=__builtin_memset -DLZ4_memmove=__builtin_memmove \
	    -ffunction-sections -fdata-sections -MMD -MP \
	    -c $$< -o $$@
$(call capdl_initializer,$(1)): $(patsubst $(TOP)/%.c,$(BUILD)/$(1)/capdl-initializer/%.o,$(CAPDL_INIT_SRCS)) \
    $(BUILD)/$(1)/capdl-initializer/lz4.o $(call runtime_lib,$(1)) $(RUNTIME_LDS)
	$(TARGET_CC) $(call user_cflags,$(1)) $(ROOT_TASK_LDFLAGS) \
	    -Wl,--defsym=__sel4c_heap_size=0 $$(filter %.o,$$^) $(call runtime_link,$(1)) -o $$@
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call capdl_init_rules,$(c))))

capdl-initializer: $(call capdl_initializer,$(SEL4_CONFIG))
all: capdl-initializer
.PHONY: capdl-initializer
