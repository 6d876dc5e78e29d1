# Tests of shared memory (lib/shmem), thread synchronisation (lib/sync) and the Spin model of
# the signalling protocol (tests/proof): docs/shmem.md.
SHMEM_TEST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I$(TOP)/tests/unit \
    $(call sel4_includes,aarch64)

# unit/shmem, unit/dma: the accessors and the allocators on the host, under ASan/UBSan
$(TEST_HOST_BIN)/test_shmem: $(TOP)/tests/shmem/test_shmem.c $(TOP)/lib/shmem/shmem.c \
    $(TOP)/include/sel4c/shmem.h $(call gen_stamp,aarch64) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(SHMEM_TEST_CFLAGS) $(SAN_FLAGS) $(filter %.c,$^) -lpthread -o $@
$(TEST_HOST_BIN)/test_dma: $(TOP)/tests/shmem/test_dma.c $(SHMEM_SRCS) $(TOP)/include/sel4c/dma.h \
    $(TOP)/include/sel4c/shmem.h $(call gen_stamp,aarch64) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(SHMEM_TEST_CFLAGS) $(SAN_FLAGS) $(filter %.c,$^) -o $@
TEST_DEPS += $(TEST_HOST_BIN)/test_shmem $(TEST_HOST_BIN)/test_dma
TESTS += unit/shmem unit/dma
TEST_CMD_unit/shmem := $(TEST_HOST_BIN)/test_shmem
TEST_CMD_unit/dma := $(TEST_HOST_BIN)/test_dma

# compile/shmem-libs-*: both libraries build for every configuration (Microkit's included)
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TEST_DEPS += $(call shmem_lib,$(c)) $(call sync_lib,$(c)))\
  $(eval TESTS += compile/shmem-libs-$(c))\
  $(eval TEST_CMD_compile/shmem-libs-$(c) := $(CROSS_COMPILE)nm $(call shmem_lib,$(c)) | grep -q ' T sel4c_dma_heap_alloc$$$$' && \
    $(CROSS_COMPILE)nm $(call sync_lib,$(c)) | grep -q ' T sel4c_sync_ntfn_wait$$$$'))

# unit/sync: lib/sync's algorithms against a pthread stand-in for notifications, under
# ThreadSanitizer, with system calls counted
$(TEST_HOST_BIN)/test_sync: $(TOP)/tests/shmem/test_sync.c $(TOP)/tests/shmem/sync_host.c \
    $(SYNC_ALGO_SRCS) $(TOP)/tests/shmem/sync_host.h $(TOP)/lib/sync/ntfn.h \
    $(TOP)/include/sel4c/sync.h $(call gen_stamp,aarch64) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(SHMEM_TEST_CFLAGS) -fsanitize=thread $(filter %.c,$^) -lpthread -o $@
TEST_DEPS += $(TEST_HOST_BIN)/test_sync
TESTS += unit/sync
TEST_CMD_unit/sync := timeout 120 $(TEST_HOST_BIN)/test_sync

# system/sync-*: threads of a root task contend on lib/sync's objects on a real kernel
# (threads need a thread-local IPC buffer pointer: not on the Microkit configurations)
SYNC_SYSTEM_CONFIGS := aarch64 aarch64-mcs aarch64-smp
$(BUILD)/%/tests/shmem/sync.elf: $(TOP)/tests/shmem/sync_root_task.c $(BUILD)/%/lib/libsel4c_sync.a \
    $(BUILD)/%/lib/libsel4c_runtime.a $(RUNTIME_LDS) | deps
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(call user_cflags,$*) $(ROOT_TASK_LDFLAGS) $< $(call sync_lib,$*) \
	    $(call runtime_link,$*) -o $@
$(foreach c,$(SYNC_SYSTEM_CONFIGS),\
  $(eval TEST_DEPS += $(BUILD)/$(c)/tests/shmem/sync.elf)\
  $(eval TESTS += system/sync-$(c))\
  $(eval TEST_CMD_system/sync-$(c) := tests/system/root-task.sh $(call root_task_args,$(c),$(BUILD)/$(c)/tests/shmem/sync.elf) \
    --timeout 180 --pass "sync: PASS event" --pass "sync: PASS mutex" --pass "sync: PASS semaphore" \
    --pass "sel4c: exit(0)" --fail "sync: FAIL" --fail "sel4c: abort"))

# proof/signal-spin: Spin checks the queue signalling protocol with store buffers, and finds
# the lost wake-up in each of its mutants (tests/proof/signal.pml)
TESTS += proof/signal-spin
TEST_CMD_proof/signal-spin := tests/proof/signal-spin.sh tests/proof

# bench/shmem (make bench): host figures of the accessors, the allocators and sync
SHMEM_BENCH := $(HOST_BUILD)/bench/bench_shmem
$(SHMEM_BENCH): $(TOP)/bench/shmem/bench_shmem.c $(SHMEM_SRCS) $(SYNC_ALGO_SRCS) \
    $(TOP)/tests/shmem/sync_host.c $(call gen_stamp,aarch64) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -Wall -Wextra -Werror $(call sel4_includes,aarch64) \
	    $(filter %.c,$^) -lpthread -o $@
bench-shmem: $(SHMEM_BENCH)
	@$(SHMEM_BENCH)
bench: bench-shmem
.PHONY: bench-shmem
