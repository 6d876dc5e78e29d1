# Tests of lib/event (docs/event-loop.md): host tests under ASan and UBSan, the task switch
# natively and for AArch64 under qemu-user, and Microkit systems on real seL4.

EVENT_HOST_CONFIG := aarch64-microkit
EVENT_HOST_CFLAGS = -std=gnu11 -g -O1 -Wall -Wextra -Werror $(SAN_FLAGS) -I$(TOP)/tests/unit \
    $(call cfg_includes,$(EVENT_HOST_CONFIG))
EVENT_HOST_DEPS = $(call gen_stamp,$(EVENT_HOST_CONFIG)) $(wildcard $(TOP)/include/sel4c/*.h) \
    $(TOP)/lib/event/loop.h | deps
# $(call event_host_test,name,sources)
define event_host_test
$(TEST_HOST_BIN)/event/$(1): $(2) $(EVENT_HOST_DEPS)
	@mkdir -p $$(dir $$@)
	$(HOST_CC) $(EVENT_HOST_CFLAGS) $(2) -o $$@
TEST_DEPS += $(TEST_HOST_BIN)/event/$(1)
TESTS += unit/event-$(1)
TEST_CMD_unit/event-$(1) := $(TEST_HOST_BIN)/event/$(1)
endef

$(eval $(call event_host_test,timeout,$(TOP)/tests/event/test_timeout.c $(TOP)/lib/event/timeout.c))
EVENT_LOOP_SRCS := $(addprefix $(TOP)/lib/event/,timeout.c timer.c event.c task.c \
    arch/x86_64/context.c arch/x86_64/context.S)
$(eval $(call event_host_test,loop,$(TOP)/tests/event/test_loop.c $(EVENT_LOOP_SRCS)))
