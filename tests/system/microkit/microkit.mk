# Tests of the PD runtime (lib/microkit): the event loop and API on the host, Microkit-style
# components linked both ways, and the PD programs of the Microkit system tests.

# unit/microkit-*: the event loop and API against the recorder, MCS and non-MCS
MICROKIT_UNIT_SRCS := tests/unit/test_microkit.c lib/microkit/event_loop.c lib/microkit/dbg.c \
    lib/microkit/config.c
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TESTS += unit/microkit-$(c))\
  $(eval TEST_CMD_unit/microkit-$(c) := gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined -fno-sanitize-recover=all -Itests/unit -Itests/recorder/include $(call cfg_includes,$(c)) $(MICROKIT_UNIT_SRCS) -o $(TEST_HOST_BIN)/microkit-$(c) && $(TEST_HOST_BIN)/microkit-$(c)))

# unit/microkit-ndebug: with NDEBUG, misuse is refused without a report
TESTS += unit/microkit-ndebug
TEST_CMD_unit/microkit-ndebug := gcc -std=gnu11 -O1 -g -DNDEBUG -Wall -Wextra -Werror -Itests/unit -Itests/recorder/include $(call cfg_includes,aarch64-mcs) $(MICROKIT_UNIT_SRCS) -o $(TEST_HOST_BIN)/microkit-ndebug && $(TEST_HOST_BIN)/microkit-ndebug
# unit/microkit-defaults: the runtime's protected() and fault() for PDs without their own
TESTS += unit/microkit-defaults
TEST_CMD_unit/microkit-defaults := gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined -fno-sanitize-recover=all -Itests/unit -Itests/recorder/include $(call cfg_includes,aarch64-mcs) tests/unit/test_microkit_defaults.c lib/microkit/event_loop.c lib/microkit/dbg.c lib/microkit/config.c -o $(TEST_HOST_BIN)/microkit-defaults && $(TEST_HOST_BIN)/microkit-defaults

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

# system/microkit-*: those PDs booted on each real kernel before sel4c-sysbuild exists, through
# tests/capdl/pdspec (the builder contract's layout in CapDL) and the CapDL initializer.
# The timer needs the EL1 physical timer at user level (EXPORT_PTMR_USER).
PDSPEC := $(TEST_HOST_BIN)/microkit-pdspec
$(PDSPEC): $(TOP)/tests/capdl/pdspec.c $(wildcard $(TOP)/formats/elf/*.c) $(TOP)/tools/common/file_io.c \
    $(COMMON_CORE_SRCS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -g -O1 -Wall -Wextra -Werror $(filter %.c,$^) -o $@
MICROKIT_PTMR_CONFIGS := $(filter aarch64-mcs-hyp aarch64-microkit aarch64-microkit-smp,$(SEL4_ARM_CONFIGS))
microkit_user_top = $(if $(filter 3,$(call capdl_levels,$(1))),0xffffffffff,0x7fffffffffff)
# $(call microkit_boot,config,test,pdspec items,sentinels)
define microkit_boot
TESTS += system/microkit-$(2)-$(1)
TEST_CMD_system/microkit-$(2)-$(1) := tests/system/microkit/boot.sh $(1) $(SEL4_INSTALLS)/$(1) \
    $(BUILD)/$(1)/tests/microkit-boot/$(2) \
    "--levels $(call capdl_levels,$(1)) $(call capdl_mcs,$(1)) --user-top $(call microkit_user_top,$(1)) $(3)" \
    $(PDSPEC) $(CAPDL_TOOL) $(call capdl_initializer,$(1)) $(ADD_PAYLOAD) $(KERNEL_LOADER) $(QEMU_RUN) $(4)
endef
mkpd = $(1)=$(BUILD)/$(2)/tests/microkit/$(1).elf$(if $(3),$(comma)$(3))
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TEST_DEPS += $(PDSPEC) $(CAPDL_TOOL) $(call capdl_initializer,$(c)) $(SYMBOLIZE))\
  $(eval $(call microkit_boot,$(c),hello,$(call mkpd,hello,$(c)),--pass "hello$(comma) world" --pass "hello: printf 42 0x2a" --pass "hello: malloc: no heap region" --pass "hello: PASS"))\
  $(eval $(call microkit_boot,$(c),notify,$(call mkpd,ping,$(c)) $(call mkpd,pong,$(c)) ch=ping:0:pong:3,--pass "ping: PASS 100 round trips" --pass "pong: PASS 100 notifications"))\
  $(eval $(call microkit_boot,$(c),ppcall,$(call mkpd,pp_server,$(c),prio=200) $(call mkpd,pp_client,$(c)) ch=pp_client:0:pp_server:1:pp ch=pp_client:2:pp_server:4,--pass "pp_server: init" --pass "pp_client: microkit_ppcall: channel 2: not a channel this PD may PP-call" --pass "pp_client: PASS ppcall"))\
  $(eval $(call microkit_boot,$(c),restart,$(call mkpd,parent,$(c),prio=200) $(call mkpd,child,$(c),parent=parent:0),--pass "parent: microkit_pd_restart: child 5: not a child of this PD" --pass "parent: child 0 VM fault$(comma) restart 1" --pass "child: microkit_internal_crash: error 7: stopping the PD with a fault" --pass "parent: child 0 trapped$(comma) restart 2" --pass "child: run 3" --pass "child: PASS survived 2 restarts"))\
  $(eval $(call microkit_boot,$(c),fault,$(call mkpd,faulter,$(c),prio=200) $(call mkpd,ticker,$(c)),--pass "faulter: about to fault" --pass "ticker: tick 5" --pass "ticker: PASS still running after faulter's fault"))\
  $(eval $(call microkit_boot,$(c),stdio,$(call mkpd,stdio,$(c),heap=0x40000@0x10000000),--symbolize $(SYMBOLIZE) $(BUILD)/$(c)/tests/microkit/stdio.elf "sel4c_panic panic_here init" --pass "stdio: PASS printf heap tls constructors typed-api" --pass "sel4c: panic: stdio: deliberate panic 42" --pass "sel4c: thread suspended")))
$(foreach c,$(MICROKIT_PTMR_CONFIGS),\
  $(eval $(call microkit_boot,$(c),timer,$(call mkpd,timer,$(c),prio=200$(comma)irq=30:0) $(call mkpd,timer_client,$(c)) ch=timer_client:0:timer:1:pp,--pass "timer_client: PASS 3 rounds of 5 ticks")))
