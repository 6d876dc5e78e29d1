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

# From the configuration's settings (mk/config.mk): VSpace levels, MCS, more than one core
capdl_levels = $(call sel4_vspace_levels,$(1))
capdl_mcs = $(if $(call sel4_is_mcs,$(1)),--mcs)
capdl_smp = $(call sel4_is_smp,$(1))
# The test's fragment, and its -mcs fragment on MCS kernels
capdl_fragments = $(CAPDL_TEST_DIR)/$(1).cdl $(if $(call capdl_mcs,$(2)),$(wildcard $(CAPDL_TEST_DIR)/$(1)-mcs.cdl))
# $(call capdl_test,config,test,processes,fragments,sentinels[,embed options]): spec, image, test
define capdl_test
$(BUILD)/$(1)/tests/capdl/$(2).cdl: $(MKSPEC) $(BUILD)/$(1)/tests/capdl/process.elf $(4)
	$(MKSPEC) --levels $(call capdl_levels,$(1)) $(call capdl_mcs,$(1)) $(3) > $$@.tmp
	cat $(4) >> $$@.tmp && mv $$@.tmp $$@
$(BUILD)/$(1)/tests/capdl/$(2).elf: $(BUILD)/$(1)/tests/capdl/$(2).cdl $(CAPDL_TOOL) $(call capdl_initializer,$(1))
	$(CAPDL_TOOL) embed --initializer $(call capdl_initializer,$(1)) --spec $$< \
	    --files $(BUILD)/$(1)/tests/capdl --kernel-config $(SHARED)/sel4/$(1)/libsel4/include/kernel/gen_config.json $(6) -o $$@
TEST_DEPS += $(BUILD)/$(1)/tests/capdl/$(2).elf
TESTS += system/capdl-$(2)-$(1)
TEST_CMD_system/capdl-$(2)-$(1) := tests/system/root-task.sh $(call root_task_args,$(1),$(BUILD)/$(1)/tests/capdl/$(2).elf) \
    $(5) --fail "capdl-test: FAIL" --fail "sel4c capdl: error" --fail "[error]"
endef
$(BUILD)/capdl-many.cdl: $(CAPDL_TEST_DIR)/many.sh
	@mkdir -p $(dir $@)
	$< 1000 > $@.tmp && mv $@.tmp $@

proc = $(1)=$(BUILD)/$(2)/tests/capdl/process.elf$(comma)arg=$(3)$(if $(4),$(comma)$(4))
PINGPONG_PASS := --pass "capdl-test: PASS badge 0x11" --pass "capdl-test: PASS ping-pong"
# The first retype from a boot untyped clears all of it; for the 512 MiB one holding
# 0x7e000000 and 0x7f000000 that takes half a minute on SMP kernels under QEMU (TCG).
SLOW_CLEAR := --timeout 180
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval $(call capdl_test,$(c),pingpong,$(call proc,ping,$(c),0) $(call proc,pong,$(c),1),$(call capdl_fragments,pingpong,$(c)),$(PINGPONG_PASS)))\
  $(eval $(call capdl_test,$(c),shared,$(call proc,writer,$(c),2) $(call proc,reader,$(c),3),$(call capdl_fragments,shared,$(c)),--pass "capdl-test: PASS shared frame"))\
  $(eval $(call capdl_test,$(c),fixed,$(call proc,fixed,$(c),4),$(call capdl_fragments,fixed,$(c)),--pass "capdl-test: PASS fixed paddr 0x7f000000" $(SLOW_CLEAR)))\
  $(eval $(call capdl_test,$(c),notify,$(call proc,signaller,$(c),5,$(if $(call capdl_smp,$(c)),core=1)) $(call proc,waiter,$(c),6,$(if $(call capdl_smp,$(c)),core=2)),$(call capdl_fragments,notify,$(c)),--pass "capdl-test: PASS notification badge 0x3"))\
  $(eval $(call capdl_test,$(c),untyped,$(call proc,placed,$(c),7,ut=20@0x7e000000) $(call proc,nested,$(c),8,ut=20),$(call capdl_fragments,untyped,$(c)),--pass "capdl-test: PASS frames from the untyped at 0x7e000000" --pass "capdl-test: PASS nested untyped notification badge 0x9" $(SLOW_CLEAR)))\
  $(eval $(call capdl_test,$(c),copied,$(call proc,ping,$(c),0) $(call proc,pong,$(c),1),$(call capdl_fragments,pingpong,$(c)),$(PINGPONG_PASS),--no-zero-copy))\
  $(eval $(call capdl_test,$(c),many,$(call proc,ping,$(c),0) $(call proc,pong,$(c),1),$(call capdl_fragments,pingpong,$(c)) $(BUILD)/capdl-many.cdl,$(PINGPONG_PASS))))
