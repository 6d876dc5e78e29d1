# examples/hello-root-task, linked for configuration $(SEL4_CONFIG)
HELLO_ELF = $(BUILD)/$(SEL4_CONFIG)/examples/hello-root-task.elf
$(BUILD)/%/examples/hello-root-task.elf: $(TOP)/examples/hello-root-task/main.c $(BUILD)/%/lib/libsel4c_runtime.a $(RUNTIME_LDS) | deps
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(call user_cflags,$*) $(ROOT_TASK_LDFLAGS) $(filter %.c,$^) $(call runtime_link,$*) -o $@
examples: $(HELLO_ELF)
all: examples
.PHONY: examples
