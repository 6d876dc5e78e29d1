# Shared-memory ring queues (docs/queues.md), one library per configuration:
# build/<config>/lib/libsel4c_queue.a. The code is freestanding and also built on the host by
# the tests (tests/queue/queue.mk). PDs link it before $(call microkit_link,config).
QUEUE_DIR := $(TOP)/lib/queue
QUEUE_SRCS := $(wildcard $(QUEUE_DIR)/*.c)
# $(call queue_lib,config)
queue_lib = $(BUILD)/$(1)/lib/libsel4c_queue.a

define queue_rules
$(BUILD)/$(1)/queue/%.o: $(QUEUE_DIR)/%.c | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -ffunction-sections -fdata-sections -MMD -MP -c $$< -o $$@
$(call queue_lib,$(1)): $(patsubst $(QUEUE_DIR)/%.c,$(BUILD)/$(1)/queue/%.o,$(QUEUE_SRCS))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && $(CROSS_COMPILE)ar rcs $$@ $$^
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call queue_rules,$(c))))

queue: $(call queue_lib,$(SEL4_CONFIG))
all: queue
.PHONY: queue
