# The event loop, cooperative tasks, timeouts and the timer and RTC clients (docs/event-loop.md),
# one library per configuration: build/<config>/lib/libsel4c_event.a. A PD links it before
# $(call microkit_link,config):
#   $(TARGET_CC) $(call user_cflags,c) $(PD_LDFLAGS) pd.c $(call event_lib,c) $(call microkit_link,c)
# The files other than *_ppc.c are freestanding and also build on the host (tests/event).

EVENT_DIR := $(TOP)/lib/event
EVENT_SRCS := $(wildcard $(EVENT_DIR)/*.c) $(wildcard $(EVENT_DIR)/arch/$(TARGET_ARCH)/*.c) \
    $(wildcard $(EVENT_DIR)/arch/$(TARGET_ARCH)/*.S)
# $(call event_lib,config)
event_lib = $(BUILD)/$(1)/lib/libsel4c_event.a

define event_rules
$(BUILD)/$(1)/event/%.o: $(EVENT_DIR)/%.c $(call gen_stamp,$(1)) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -ffunction-sections -fdata-sections -MMD -MP -c $$< -o $$@
$(BUILD)/$(1)/event/%.o: $(EVENT_DIR)/%.S | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -c $$< -o $$@
$(call event_lib,$(1)): $(patsubst $(EVENT_DIR)/%,$(BUILD)/$(1)/event/%.o,$(basename $(EVENT_SRCS)))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && $(CROSS_COMPILE)ar rcs $$@ $$^
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call event_rules,$(c))))

event: $(call event_lib,$(SEL4_CONFIG))
all: event
.PHONY: event
