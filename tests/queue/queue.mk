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

# unit/queue-stress: a producer and a consumer thread, 2 million entries per queue kind, in
# order and intact, waiting by the signalling protocol (ThreadSanitizer; gcc warns that it does
# not model the seq_cst fence, whose pairing the Spin model checks)
$(TEST_HOST_BIN)/test_queue_stress: $(TOP)/tests/queue/test_stress.c $(QUEUE_TEST_DEPS) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(QUEUE_HOST_CFLAGS) -Wno-tsan -fsanitize=thread $(filter %.c,$^) -lpthread -o $@
TESTS += unit/queue-stress
TEST_CMD_unit/queue-stress := $(TEST_HOST_BIN)/test_queue_stress 2000000

TEST_DEPS += $(TEST_HOST_BIN)/test_queue $(TEST_HOST_BIN)/test_queue_layout \
    $(TEST_HOST_BIN)/test_queue_layout_aarch64 $(TEST_HOST_BIN)/test_queue_stress
