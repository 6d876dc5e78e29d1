# Tests of the shared-memory queues (lib/queue, docs/queues.md): host unit tests under the
# sanitizers, the shared layouts on the host and on AArch64, a two-thread stress test under
# ThreadSanitizer, the WP proof, and the seL4 systems of tests/system/queue.

QUEUE_TEST_SRCS := $(wildcard $(TOP)/lib/queue/*.c)
QUEUE_TEST_DEPS := $(QUEUE_TEST_SRCS) $(wildcard $(TOP)/lib/queue/*.h $(TOP)/include/sel4c/queue.h \
    $(TOP)/include/sel4c/queue/*.h) $(TOP)/tests/queue/check.h
QUEUE_HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I$(TOP)/include

# unit/queue: every operation and every kind of peer misbehaviour (ASan, UBSan)
$(TEST_HOST_BIN)/test_queue: $(TOP)/tests/queue/test_queue.c $(QUEUE_TEST_DEPS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(QUEUE_HOST_CFLAGS) $(SAN_FLAGS) $(filter %.c,$^) -o $@
TESTS += unit/queue
TEST_CMD_unit/queue := $(TEST_HOST_BIN)/test_queue

# unit/queue-layout, unit/queue-layout-aarch64: sizes and offsets as docs/queues.md gives
# them, on the host and on AArch64 (under qemu-user)
$(TEST_HOST_BIN)/test_queue_layout: $(TOP)/tests/queue/test_layout.c $(QUEUE_TEST_DEPS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(QUEUE_HOST_CFLAGS) $(SAN_FLAGS) $< $(TOP)/lib/queue/error.c -o $@
$(TEST_HOST_BIN)/test_queue_layout_aarch64: $(TOP)/tests/queue/test_layout.c $(QUEUE_TEST_DEPS) | deps
	@mkdir -p $(dir $@)
	$(CROSS_COMPILE)gcc $(QUEUE_HOST_CFLAGS) -static $< $(TOP)/lib/queue/error.c -o $@
TESTS += unit/queue-layout unit/queue-layout-aarch64
TEST_CMD_unit/queue-layout := $(TEST_HOST_BIN)/test_queue_layout
TEST_CMD_unit/queue-layout-aarch64 := qemu-aarch64 $(TEST_HOST_BIN)/test_queue_layout_aarch64

# unit/queue-stress: a producer and a consumer thread, 2 million entries through the generic,
# network and serial queues, in order and intact, waiting by the signalling protocol
# (ThreadSanitizer, which does not model the seq_cst fence: -Wno-tsan quiets gcc saying so;
# a lost wake-up would hang both threads, and the test fails after ten minutes)
$(TEST_HOST_BIN)/test_queue_stress: $(TOP)/tests/queue/test_stress.c $(QUEUE_TEST_DEPS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(QUEUE_HOST_CFLAGS) -Wno-tsan -fsanitize=thread $(filter %.c,$^) -lpthread -o $@
TESTS += unit/queue-stress
TEST_CMD_unit/queue-stress := $(TEST_HOST_BIN)/test_queue_stress 2000000

TEST_DEPS += $(TEST_HOST_BIN)/test_queue $(TEST_HOST_BIN)/test_queue_layout \
    $(TEST_HOST_BIN)/test_queue_layout_aarch64 $(TEST_HOST_BIN)/test_queue_stress

# The PDs of tests/system/queue (build/<config>/tests/queue/<name>.elf), linked with
# libsel4c_queue.a before libmicrokit.
QUEUE_SYS_DIR := $(TOP)/tests/system/queue
QUEUE_PDS := qproducer qconsumer qbad qcheck
QUEUE_SYS_CONFIGS := aarch64-microkit aarch64-microkit-smp
queue_pd_elfs = $(QUEUE_PDS:%=$(BUILD)/$(1)/tests/queue/%.elf)
define queue_pd_rule
$(BUILD)/$(1)/tests/queue/%.elf: $(QUEUE_SYS_DIR)/%.c $(QUEUE_SYS_DIR)/qmsg.h $(call queue_lib,$(1)) \
    $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call queue_lib,$(1)) $(call microkit_link,$(1)) -o $$@
endef

# system/microkit-queue-*: the systems of tests/system/queue/*.system built by sel4c-sysbuild
# and booted on the Microkit kernels: 1,000,000 entries between two PDs (on two cores on SMP),
# and a consumer reporting each kind of misbehaviour of its producer. On two cores QEMU needs
# about two minutes of an idle host for the exchange, and more on a loaded one: ten at most.
# $(call queue_system,config,system,sentinels)
define queue_system
TESTS += system/microkit-queue-$(2)-$(1)
TEST_CMD_system/microkit-queue-$(2)-$(1) := tests/system/microkit/boot.sh $(1) $(SEL4_INSTALLS)/$(1) \
    $(QUEUE_SYS_DIR)/$(2).system $(BUILD)/$(1)/tests/queue $(BUILD)/$(1)/tests/queue-boot/$(2) \
    $(SYSBUILD) $(call sdk_elf_dir,$(1)) $(QEMU_RUN) $(3)
endef
QUEUE_EXCHANGE_PASS := --pass "qproducer: done$(comma) 1000000 entries" --pass "qconsumer: PASS 1000000 entries in order"
QUEUE_CORRUPT_PASS := --pass "qcheck: rejected: corrupt queue: the producer's tail is more than capacity ahead of head" \
    --pass "qcheck: rejected: bad descriptor: offset outside the data region" \
    --pass "qcheck: rejected: bad descriptor: length runs past the buffer" \
    --pass "qcheck: rejected: bad descriptor: offset is not the start of a buffer" \
    --pass "qcheck: PASS 3 good descriptors$(comma) 5 bad inputs reported$(comma) still running"
$(foreach c,$(QUEUE_SYS_CONFIGS),\
  $(eval $(call queue_pd_rule,$(c)))\
  $(eval TEST_DEPS += $(call queue_pd_elfs,$(c)) $(SYSBUILD) $(call sdk_elf_stamp,$(c)))\
  $(eval $(call queue_system,$(c),corrupt,$(QUEUE_CORRUPT_PASS)))\
  $(if $(call sel4_is_smp,$(c)),\
    $(eval $(call queue_system,$(c),queue-smp,$(QUEUE_EXCHANGE_PASS) --timeout 600)),\
    $(eval $(call queue_system,$(c),queue,$(QUEUE_EXCHANGE_PASS)))))

# proof/queue-wp: WP proves the index logic's and the generic queue's contracts
# (tests/queue/wp.sh; about a minute on 2 cores)
TESTS += proof/queue-wp
TEST_CMD_proof/queue-wp := tests/queue/wp.sh $(BUILD)/proof/queue

