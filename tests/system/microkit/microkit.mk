# Tests of the PD runtime (lib/microkit): the event loop and API on the host, Microkit-style
# components linked both ways, and the PD programs of the Microkit system tests.

# unit/microkit-*: the event loop and API against the recorder, MCS and non-MCS
MICROKIT_UNIT_SRCS := tests/unit/test_microkit.c lib/microkit/event_loop.c lib/microkit/dbg.c \
    lib/microkit/config.c
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TESTS += unit/microkit-$(c))\
  $(eval TEST_CMD_unit/microkit-$(c) := gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined -fno-sanitize-recover=all -Itests/unit -Itests/recorder/include $(call cfg_includes,$(c)) $(MICROKIT_UNIT_SRCS) -o $(TEST_HOST_BIN)/microkit-$(c) && $(TEST_HOST_BIN)/microkit-$(c)))

# compile/microkit-link-*: tests/compile/microkit/*.c with Microkit's flags, linked with plain
# ld -lmicrokit -Tmicrokit.ld and with PD_LDFLAGS, and the images checked
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TEST_DEPS += microkit-$(c))\
  $(eval TESTS += compile/microkit-link-$(c))\
  $(eval TEST_CMD_compile/microkit-link-$(c) := tests/compile/microkit_link.sh $(c) $(BUILD)/$(c)/lib $(TARGET_CC) "$(call cfg_includes,$(c))" "$(call user_cflags,$(c)) $(PD_LDFLAGS)" "$(call microkit_link,$(c))" $(CROSS_COMPILE) $(BUILD)/$(c)/tests/microkit-link))

# The PD programs of the Microkit system tests (tests/system/microkit/*.system say what each
# system is and which console lines mean success): build/<config>/tests/microkit/<name>.elf.
# The system tests themselves need sel4c-sysbuild.
MICROKIT_TEST_DIR := $(TOP)/tests/system/microkit
MICROKIT_PDS := $(basename $(notdir $(wildcard $(MICROKIT_TEST_DIR)/*.c)))
microkit_pd_elfs = $(MICROKIT_PDS:%=$(BUILD)/$(1)/tests/microkit/%.elf)
define microkit_pd_rule
$(BUILD)/$(1)/tests/microkit/%.elf: $(MICROKIT_TEST_DIR)/%.c $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call microkit_link,$(1)) -o $$@
endef
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval $(call microkit_pd_rule,$(c)))\
  $(eval TEST_DEPS += $(call microkit_pd_elfs,$(c))))
microkit-pds: $(foreach c,$(SEL4_ARM_CONFIGS),$(call microkit_pd_elfs,$(c)))
.PHONY: microkit-pds
