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
$(eval $(call event_host_test,civil,$(TOP)/tests/event/test_civil.c $(TOP)/lib/event/civil.c))

# unit/event-task-*: the task switch of each architecture. x86-64 natively; AArch64 built with
# the cross compiler (glibc from libc6-dev-arm64-cross) and run under qemu-user, with UBSan
# (ASan's shadow memory does not run under qemu-user).
EVENT_TASK_SRCS = $(TOP)/tests/event/test_task.c $(TOP)/tests/event/arch/$(1)/regs.S \
    $(addprefix $(TOP)/lib/event/,timeout.c timer.c event.c task.c arch/$(1)/context.c \
    arch/$(1)/context.S)
$(eval $(call event_host_test,task-x86_64,$(call EVENT_TASK_SRCS,x86_64)))
EVENT_TASK_AARCH64 := $(TEST_HOST_BIN)/event/task-aarch64
$(EVENT_TASK_AARCH64): $(call EVENT_TASK_SRCS,aarch64) $(EVENT_HOST_DEPS)
	@mkdir -p $(dir $@)
	$(CROSS_COMPILE)gcc -std=gnu11 -g -O1 -Wall -Wextra -Werror -fsanitize=undefined \
	    -fno-sanitize-recover=all -I$(TOP)/tests/unit $(call cfg_includes,$(EVENT_HOST_CONFIG)) \
	    $(call EVENT_TASK_SRCS,aarch64) -o $@
TEST_DEPS += $(EVENT_TASK_AARCH64)
TESTS += unit/event-task-aarch64
TEST_CMD_unit/event-task-aarch64 := qemu-aarch64 -L /usr/aarch64-linux-gnu $(EVENT_TASK_AARCH64)
