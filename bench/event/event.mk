# bench/event (make bench, or make bench-event): host figures of lib/event
# (bench/event/bench_event.c) and instruction counts of its AArch64 build under qemu-user
# (bench/event/instructions.sh).
BENCH_EVENT := $(HOST_BUILD)/bench/bench_event
$(BENCH_EVENT): $(TOP)/bench/event/bench_event.c $(addprefix $(TOP)/lib/event/,timeout.c timer.c \
    event.c task.c arch/x86_64/context.c arch/x86_64/switch.S) $(call gen_stamp,aarch64-microkit) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -Wall -Wextra -Werror $(call sel4_includes,aarch64-microkit) \
	    $(filter %.c %.S,$^) -o $@
# the same code for AArch64, counted under qemu-user (bench/event/instructions.sh)
BENCH_EVENT_COUNT := $(HOST_BUILD)/bench/event-count-aarch64
$(BENCH_EVENT_COUNT): $(TOP)/bench/event/count.c $(addprefix $(TOP)/lib/event/,timeout.c timer.c \
    event.c task.c arch/aarch64/context.c arch/aarch64/switch.S) $(call gen_stamp,aarch64-microkit) | deps
	@mkdir -p $(dir $@)
	$(CROSS_COMPILE)gcc -std=gnu11 -O2 -Wall -Wextra -Werror -static \
	    $(call sel4_includes,aarch64-microkit) $(filter %.c %.S,$^) -o $@
bench-event: $(BENCH_EVENT) $(BENCH_EVENT_COUNT)
	@$(BENCH_EVENT)
	@$(TOP)/bench/event/instructions.sh $(BENCH_EVENT_COUNT)
bench: bench-event
.PHONY: bench-event
