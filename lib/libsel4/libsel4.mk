# libsel4.a: what libsel4's own library defines and nothing else (the IPC buffer pointer,
# the boot info pointer and its accessors, the print-error flag), one per configuration.
# Programs with a runtime of their own link it; sel4c's runtimes link on top of it.
LIBSEL4_DIR := $(TOP)/lib/libsel4
LIBSEL4_SRCS := $(wildcard $(LIBSEL4_DIR)/*.c)
# $(call libsel4_lib,config)
libsel4_lib = $(BUILD)/$(1)/lib/libsel4.a

define libsel4_rules
$(BUILD)/$(1)/libsel4/%.o: $(LIBSEL4_DIR)/%.c $(call gen_stamp,$(1)) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(TARGET_CFLAGS) $(call sel4_includes,$(1)) -MMD -MP -c $$< -o $$@
$(call libsel4_lib,$(1)): $(patsubst $(LIBSEL4_DIR)/%.c,$(BUILD)/$(1)/libsel4/%.o,$(LIBSEL4_SRCS))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && $(CROSS_COMPILE)ar rcs $$@ $$^
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call libsel4_rules,$(c))))

libsel4: $(if $(filter $(SEL4_CONFIG),$(SEL4_BUILD_CONFIGS)),$(call libsel4_lib,$(SEL4_CONFIG)))
all: libsel4
.PHONY: libsel4
