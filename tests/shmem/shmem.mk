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

# compile/shmem-lib-*: the library builds for every configuration
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TEST_DEPS += $(call shmem_lib,$(c)))\
  $(eval TESTS += compile/shmem-lib-$(c))\
  $(eval TEST_CMD_compile/shmem-lib-$(c) := $(CROSS_COMPILE)nm $(call shmem_lib,$(c)) | grep -q ' T sel4c_dma_heap_alloc$$$$'))

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
