# system/capdl-*: CapDL systems of our own, created by the initializer on every real kernel.
# Each spec is the processes' part (tests/capdl/mkspec from their ELF files) plus the
# test's own objects and caps (tests/system/capdl/<test>.cdl, and <test>-mcs.cdl on MCS).
MKSPEC := $(TEST_HOST_BIN)/capdl-mkspec
$(MKSPEC): $(TOP)/tests/capdl/mkspec.c $(wildcard $(TOP)/formats/elf/*.c) $(TOP)/tools/common/file_io.c \
    $(COMMON_CORE_SRCS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -g -O1 -Wall -Wextra -Werror $(filter %.c,$^) -o $@

CAPDL_TEST_DIR := $(TOP)/tests/system/capdl
$(BUILD)/%/tests/capdl/process.elf: $(CAPDL_TEST_DIR)/process.c $(BUILD)/%/lib/libsel4c_runtime.a $(RUNTIME_LDS) | deps
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(call user_cflags,$*) $(PROCESS_LDFLAGS) $(filter %.c,$^) $(call runtime_link,$*) -o $@

capdl_levels = $(if $(filter aarch64-mcs-hyp,$(1)),3,4)
capdl_mcs = $(if $(filter %-mcs %-mcs-hyp,$(1)),--mcs)
capdl_fragments = $(CAPDL_TEST_DIR)/$(2).cdl $(if $(capdl_mcs),$(wildcard $(CAPDL_TEST_DIR)/$(2)-mcs.cdl))
# $(call capdl_test,config,test,processes): the spec and the image of one test
define capdl_test
$(BUILD)/$(1)/tests/capdl/$(2).cdl: $(MKSPEC) $(BUILD)/$(1)/tests/capdl/process.elf $(call capdl_fragments,$(1),$(2))
	$(MKSPEC) --levels $(call capdl_levels,$(1)) $(call capdl_mcs,$(1)) $(3) > $$@.tmp
	cat $(call capdl_fragments,$(1),$(2)) >> $$@.tmp && mv $$@.tmp $$@
$(BUILD)/$(1)/tests/capdl/$(2).elf: $(BUILD)/$(1)/tests/capdl/$(2).cdl $(CAPDL_TOOL) $(call capdl_initializer,$(1))
	$(CAPDL_TOOL) embed --initializer $(call capdl_initializer,$(1)) --spec $$< \
	    --files $(BUILD)/$(1)/tests/capdl --kernel-config $(SHARED)/sel4/$(1)/libsel4/include/kernel/gen_config.json -o $$@
TEST_DEPS += $(BUILD)/$(1)/tests/capdl/$(2).elf
TESTS += system/capdl-$(2)-$(1)
endef


$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval $(call capdl_test,$(c),pingpong,ping=$(BUILD)/$(c)/tests/capdl/process.elf$(comma)arg=0 pong=$(BUILD)/$(c)/tests/capdl/process.elf$(comma)arg=1))\
  $(eval TEST_CMD_system/capdl-pingpong-$(c) := tests/system/root-task.sh $(call root_task_args,$(c),$(BUILD)/$(c)/tests/capdl/pingpong.elf) --pass "capdl-test: PASS badge 0x11" --pass "capdl-test: PASS ping-pong" --fail "capdl-test: FAIL" --fail "sel4c capdl: error" --fail "[error]"))
