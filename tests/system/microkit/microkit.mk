# Tests of the PD runtime (lib/microkit): the event loop and API on the host, Microkit-style
# components linked both ways, and the PD programs of the Microkit system tests.

# unit/microkit-*: the event loop and API against the recorder, MCS and non-MCS
MICROKIT_UNIT_SRCS := tests/unit/test_microkit.c lib/microkit/event_loop.c lib/microkit/dbg.c \
    lib/microkit/console.c lib/microkit/config.c
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TESTS += unit/microkit-$(c))\
  $(eval TEST_CMD_unit/microkit-$(c) := gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined -fno-sanitize-recover=all -Itests/unit -Itests/recorder/include $(call cfg_includes,$(c)) $(MICROKIT_UNIT_SRCS) -o $(TEST_HOST_BIN)/microkit-$(c) && $(TEST_HOST_BIN)/microkit-$(c)))

# unit/microkit-ndebug: with NDEBUG, misuse is refused without a report
TESTS += unit/microkit-ndebug
TEST_CMD_unit/microkit-ndebug := gcc -std=gnu11 -O1 -g -DNDEBUG -Wall -Wextra -Werror -Itests/unit -Itests/recorder/include $(call cfg_includes,aarch64-mcs) $(MICROKIT_UNIT_SRCS) -o $(TEST_HOST_BIN)/microkit-ndebug && $(TEST_HOST_BIN)/microkit-ndebug
# unit/microkit-defaults: the runtime's protected() and fault() for PDs without their own
TESTS += unit/microkit-defaults
TEST_CMD_unit/microkit-defaults := gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined -fno-sanitize-recover=all -Itests/unit -Itests/recorder/include $(call cfg_includes,aarch64-mcs) tests/unit/test_microkit_defaults.c lib/microkit/event_loop.c lib/microkit/dbg.c lib/microkit/console.c lib/microkit/config.c -o $(TEST_HOST_BIN)/microkit-defaults && $(TEST_HOST_BIN)/microkit-defaults

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

# system/microkit-*: the systems of tests/system/microkit/*.system, built by sel4c-sysbuild and
# booted on each real kernel. Passive PDs need MCS; the timer needs the EL1 physical timer at
# user level (EXPORT_PTMR_USER); smc needs ALLOW_SMC_CALLS; notify-smp puts its PDs on two
# cores.
MICROKIT_PTMR_CONFIGS := $(foreach c,$(SEL4_ARM_CONFIGS),$(if $(call sel4_kernel_on,$(c),EXPORT_PTMR_USER),$(c)))
# $(call microkit_system,config,system,sentinels)
define microkit_system
TESTS += system/microkit-$(2)-$(1)
TEST_CMD_system/microkit-$(2)-$(1) := tests/system/microkit/boot.sh $(1) $(SEL4_INSTALLS)/$(1) \
    $(MICROKIT_TEST_DIR)/$(2).system $(BUILD)/$(1)/tests/microkit $(BUILD)/$(1)/tests/microkit-boot/$(2) \
    $(SYSBUILD) $(call sdk_elf_dir,$(1)) $(QEMU_RUN) $(3)
endef
# shmem-placed: the region the writer asks the address of is placed by sel4c-sysbuild, and the
# address the writer was given must be the report's (tests/system/microkit/placed.sh)
define microkit_placed
TESTS += system/microkit-shmem-placed-$(1)
TEST_CMD_system/microkit-shmem-placed-$(1) := tests/system/microkit/placed.sh \
    $(BUILD)/$(1)/tests/microkit-boot/shmem-placed $(1) $(SEL4_INSTALLS)/$(1) \
    $(MICROKIT_TEST_DIR)/shmem-placed.system $(BUILD)/$(1)/tests/microkit \
    $(BUILD)/$(1)/tests/microkit-boot/shmem-placed $(SYSBUILD) $(call sdk_elf_dir,$(1)) \
    $(QEMU_RUN) --pass "shm_reader: PASS shared memory"
endef
# console: the chatter PDs' lines must all be whole (tests/system/microkit/console.sh)
CONSOLE_SENTINELS := --pass "chatty_a: PASS 300 lines, message registers kept" \
    --pass "chatty_b: PASS 300 lines, message registers kept" \
    --pass "chatty_c: PASS 300 lines, message registers kept" \
    --pass "sel4c monitor: error: PD 'console_bad': console message of 100 bytes in 1 words ignored" \
    --pass "sel4c monitor: error: PD 'console_bad': console message of 9 bytes in 1 words ignored" \
    --pass "console_bad: PASS still printing after 2 bad messages"
# $(call microkit_console,config,system)
define microkit_console
TESTS += system/microkit-$(2)-$(1)
TEST_CMD_system/microkit-$(2)-$(1) := tests/system/microkit/console.sh \
    $(BUILD)/$(1)/tests/microkit-boot/$(2) $(1) $(SEL4_INSTALLS)/$(1) \
    $(MICROKIT_TEST_DIR)/$(2).system $(BUILD)/$(1)/tests/microkit \
    $(BUILD)/$(1)/tests/microkit-boot/$(2) $(SYSBUILD) $(call sdk_elf_dir,$(1)) \
    $(QEMU_RUN) $(CONSOLE_SENTINELS)
endef
MONITOR_SAW_FAULTER := --pass "sel4c monitor: PD 'faulter' faulted: VM fault on data access at address 0x10"
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TEST_DEPS += $(SYSBUILD) $(call sdk_elf_stamp,$(c)) $(SYMBOLIZE))\
  $(eval $(call microkit_system,$(c),hello,--pass "hello$(comma) world" --pass "hello: printf 42 0x2a" --pass "hello: malloc: no heap region" --pass "hello: PASS"))\
  $(eval $(call microkit_system,$(c),notify,--pass "ping: PASS 100 round trips" --pass "pong: PASS 100 notifications"))\
  $(eval $(call microkit_system,$(c),restart,--pass "parent: microkit_pd_restart: child 5: not a child of this PD" --pass "parent: child 0 VM fault$(comma) restart 1" --pass "child: microkit_internal_crash: error 7: stopping the PD with a fault" --pass "parent: child 0 trapped$(comma) restart 2" --pass "child: run 3" --pass "child: PASS survived 2 restarts"))\
  $(eval $(call microkit_system,$(c),fault,--pass "faulter: about to fault" $(MONITOR_SAW_FAULTER) --pass "sel4c monitor: PD 'faulter' is stopped" --pass "ticker: tick 5" --pass "ticker: PASS still running after faulter's fault"))\
  $(eval $(call microkit_system,$(c),shmem,--pass "shm_writer: paddr 0x7f000000" --pass "shm_reader: PASS shared memory"))\
  $(eval $(call microkit_placed,$(c)))\
  $(eval $(call microkit_console,$(c),console))\
  $(eval $(call microkit_system,$(c),stdio,--symbolize $(SYMBOLIZE) $(BUILD)/$(c)/tests/microkit/stdio.elf "sel4c_panic panic_here init" --pass "stdio: PASS printf heap tls constructors typed-api" --pass "sel4c: panic: stdio: deliberate panic 42" --pass "sel4c: thread suspended"))\
  $(if $(call sel4_is_mcs,$(c)),$(eval $(call microkit_system,$(c),ppcall,--pass "pp_server: init" --pass "sel4c monitor: PD 'pp_server' is passive" --pass "pp_client: microkit_ppcall: channel 2: not a channel this PD may PP-call" --pass "pp_client: PASS ppcall")))\
  $(if $(call sel4_is_smp,$(c)),$(eval $(call microkit_console,$(c),console-smp)))\
  $(if $(call sel4_is_smp,$(c)),$(eval $(call microkit_system,$(c),notify-smp,--pass "ping: PASS 100 round trips" --pass "pong: PASS 100 notifications"))))
$(foreach c,$(SEL4_ARM_CONFIGS),$(if $(call sel4_kernel_on,$(c),ALLOW_SMC_CALLS),\
  $(eval $(call microkit_system,$(c),smc,--pass "smc: PASS PSCI version 1."))))
$(foreach c,$(MICROKIT_PTMR_CONFIGS),\
  $(eval $(call microkit_system,$(c),timer,--pass "timer_client: PASS 3 rounds of 5 ticks")))

# system/hello-microkit-*: the example make run boots, on every kernel
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TEST_DEPS += hello-microkit-$(c))\
  $(eval TESTS += system/hello-microkit-$(c))\
  $(eval TEST_CMD_system/hello-microkit-$(c) := tests/system/microkit/boot.sh $(c) $(SEL4_INSTALLS)/$(c) \
    examples/hello-microkit/hello.system $(call hello_microkit_dir,$(c)) $(BUILD)/$(c)/tests/microkit-boot/hello-microkit \
    $(SYSBUILD) $(call sdk_elf_dir,$(c)) $(QEMU_RUN) --pass 'client: "hello, caller number 3"' --pass "hello-microkit: done"))

# sysbuild/backend-*: the back end's CSpaces against golden copies (MCS and not), its
# report and picture, and nothing written when a build fails
$(foreach c,aarch64-microkit aarch64,\
  $(eval TESTS += sysbuild/backend-$(c))\
  $(eval TEST_CMD_sysbuild/backend-$(c) := tests/sysbuild/backend.sh $(SYSBUILD) $(CAPDL_TOOL) $(c) $(SEL4_INSTALLS)/$(c) $(call sdk_elf_dir,$(c)) $(call hello_microkit_dir,$(c))))
