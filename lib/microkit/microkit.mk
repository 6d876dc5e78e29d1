# The runtime of Microkit-compatible protection domains (docs/microkit.md), per configuration:
#
#   build/<config>/lib/libmicrokit.a  everything a PD needs (this runtime, the parts of
#                                     lib/runtime it reuses, picolibc and libgcc), merged
#   build/<config>/lib/microkit.ld    the linker script, next to it for -L lookups
#
# so that a Microkit project links with `ld ... -L<that dir> -lmicrokit -Tmicrokit.ld`. Our own
# PDs: $(TARGET_CC) $(call user_cflags,config) $(PD_LDFLAGS) objects $(call microkit_link,config)

MICROKIT_DIR := $(TOP)/lib/microkit
MICROKIT_SRCS := $(wildcard $(MICROKIT_DIR)/*.c) $(wildcard $(MICROKIT_DIR)/arch/$(TARGET_ARCH)/*.S)
MICROKIT_LDS := $(MICROKIT_DIR)/arch/$(TARGET_ARCH)/microkit.ld
# What a PD takes from lib/runtime: start-up pieces, console, exit/abort/panic, logging
MICROKIT_RUNTIME_OBJS := start console panic log tls_image arch/$(TARGET_ARCH)/tls \
    arch/$(TARGET_ARCH)/backtrace config_record \
    $(if $(wildcard $(TOP)/lib/runtime/arch/$(TARGET_ARCH)/string.S),arch/$(TARGET_ARCH)/string)
# Debian's picolibc for the target, and the compiler's libgcc
PICOLIBC_LIBC ?= /usr/lib/picolibc/$(patsubst %-,%,$(CROSS_COMPILE))/lib/libc.a
TARGET_LIBGCC = $(shell $(TARGET_CC) $(ARCH_CFLAGS) -print-libgcc-file-name)

# $(call microkit_lib,config)
microkit_lib = $(BUILD)/$(1)/lib/libmicrokit.a
microkit_objs = $(patsubst $(MICROKIT_DIR)/%,$(BUILD)/$(1)/microkit/%.o,$(basename $(MICROKIT_SRCS))) \
    $(MICROKIT_RUNTIME_OBJS:%=$(BUILD)/$(1)/runtime/%.o)
# Link flags of a PD (after $(call user_cflags,config)), then objects, then microkit_link.
PD_LDFLAGS = -nostartfiles -static -T $(MICROKIT_LDS) -Wl,--build-id=sha1
microkit_link = -L$(BUILD)/$(1)/lib -lmicrokit

define microkit_rules
$(BUILD)/$(1)/microkit/%.o: $(MICROKIT_DIR)/%.c $(call gen_stamp,$(1)) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -ffunction-sections -fdata-sections -MMD -MP -c $$< -o $$@
$(BUILD)/$(1)/microkit/%.o: $(MICROKIT_DIR)/%.S | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -c $$< -o $$@
# One archive in the order the linker should prefer definitions: ours, libsel4.a, picolibc.
$(call microkit_lib,$(1)): $(call microkit_objs,$(1)) $(call libsel4_lib,$(1)) $(PICOLIBC_LIBC) \
    $(MICROKIT_DIR)/microkit.mk | deps
	@mkdir -p $$(dir $$@)
	rm -f $$@
	{ echo "CREATE $$@"; for o in $(call microkit_objs,$(1)); do echo "ADDMOD $$$$o"; done; \
	  echo "ADDLIB $(call libsel4_lib,$(1))"; echo "ADDLIB $(PICOLIBC_LIBC)"; echo "ADDLIB $(TARGET_LIBGCC)"; echo SAVE; echo END; } \
	  | $(CROSS_COMPILE)ar -M
	# picolibc's members that define what the runtime defines (abort, __assert_func, sbrk,
	# memcpy) leave, or the linker could take theirs: abort() would then need kill() and
	# getpid(), and memcpy would copy a byte at a time.
	$(CROSS_COMPILE)nm -g --defined-only $(call microkit_objs,$(1)) 2>/dev/null | awk 'NF == 3 { print $$$$3 }' | sort -u >$$@.ours
	$(CROSS_COMPILE)nm -g --defined-only -A $(PICOLIBC_LIBC) 2>/dev/null | awk 'NF == 3 && $$$$2 ~ /[TDBR]/ { n = split($$$$1, a, ":"); print $$$$3, a[n - 1] }' \
	  | sort | join $$@.ours - | awk '{ print $$$$2 }' | sort -u | xargs -r $(CROSS_COMPILE)ar d $$@
	rm -f $$@.ours
	$(CROSS_COMPILE)ranlib $$@
$(BUILD)/$(1)/lib/microkit.ld: $(MICROKIT_LDS)
	@mkdir -p $$(dir $$@)
	cp $$< $$@
microkit-$(1): $(call microkit_lib,$(1)) $(BUILD)/$(1)/lib/microkit.ld
.PHONY: microkit-$(1)
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call microkit_rules,$(c))))

# (AArch64 configurations only, so far)
microkit: $(if $(filter $(SEL4_CONFIG),$(SEL4_BUILD_CONFIGS)),microkit-$(SEL4_CONFIG))
all: microkit
.PHONY: microkit
