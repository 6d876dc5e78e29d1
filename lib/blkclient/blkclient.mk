#The block client with its write - back cache(docs / storage.md), one library per configuration:
#build / < config> / lib / libsel4c_blkclient.a.A PD links it, then what it builds on, before
#$(call microkit_link, config):
#$(call blkclient_link, c) = libsel4c_blkclient.a libsel4c_event.a libsel4c_queue.a
#libsel4c_shmem.a
#All files but notify_microkit.c are freestanding and also build on the host
#(tests / storage), which replaces the notification with a fake driver.
BLKCLIENT_DIR := $(TOP)/lib/blkclient
BLKCLIENT_SRCS := $(wildcard $(BLKCLIENT_DIR)/*.c)
# $(call blkclient_lib,config)
blkclient_lib = $(BUILD)/$(1)/lib/libsel4c_blkclient.a
blkclient_link = $(call blkclient_lib,$(1)) $(call event_lib,$(1)) $(call queue_lib,$(1)) \
    $(call shmem_lib,$(1))

define blkclient_rules
$(BUILD)/$(1)/blkclient/%.o: $(BLKCLIENT_DIR)/%.c $(call gen_stamp,$(1)) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -ffunction-sections -fdata-sections -MMD -MP -c $$< -o $$@
$(call blkclient_lib,$(1)): $(patsubst $(BLKCLIENT_DIR)/%.c,$(BUILD)/$(1)/blkclient/%.o,$(BLKCLIENT_SRCS))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && $(CROSS_COMPILE)ar rcs $$@ $$^
-include $(patsubst $(BLKCLIENT_DIR)/%.c,$(BUILD)/$(1)/blkclient/%.d,$(BLKCLIENT_SRCS))
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call blkclient_rules,$(c))))

blkclient: $(call blkclient_lib,$(SEL4_CONFIG))
all: blkclient
.PHONY: blkclient
