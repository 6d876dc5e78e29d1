# The monitor: the fault handler and passive-PD helper of sel4c-sysbuild's systems, one per
# configuration, started by the CapDL initializer as a process (docs/runtime.md).
MONITOR_DIR := $(TOP)/programs/monitor
MONITOR_SRCS := $(wildcard $(MONITOR_DIR)/*.c) $(wildcard $(MONITOR_DIR)/arch/$(TARGET_ARCH)/*.c)
# $(call monitor_elf,config)
monitor_elf = $(BUILD)/$(1)/monitor/monitor.elf

define monitor_rules
$(call monitor_elf,$(1)): $(MONITOR_SRCS) $(wildcard $(MONITOR_DIR)/*.h) $(call runtime_lib,$(1)) $(RUNTIME_LDS)
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PROCESS_LDFLAGS) $(MONITOR_SRCS) $(call runtime_link,$(1)) -o $$@
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call monitor_rules,$(c))))
monitor: $(call monitor_elf,$(SEL4_CONFIG))
all: monitor
.PHONY: monitor
