# bench/event: host figures of lib/event (bench/event/bench_event.c), run by make bench.
BENCH_EVENT := $(HOST_BUILD)/bench/bench_event
$(BENCH_EVENT): $(TOP)/bench/event/bench_event.c $(addprefix $(TOP)/lib/event/,timeout.c timer.c \
    event.c task.c arch/x86_64/context.c arch/x86_64/switch.S) $(call gen_stamp,aarch64-microkit) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -Wall -Wextra -Werror $(call sel4_includes,aarch64-microkit) \
	    $(filter %.c %.S,$^) -o $@
bench-event: $(BENCH_EVENT)
	@$(BENCH_EVENT)
bench: bench-event
.PHONY: bench-event
