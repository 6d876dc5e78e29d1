# system/net-*: the network test system (tests/system/net/net.system) on the Microkit
# kernels: the virtio-net driver, the virtualisers, the timer and two echo clients, checked
# from the host through QEMU's user networking (tests/system/net/net.sh), on the legacy and
# the modern virtio transport.
NET_SYSTEM_DIR := $(TOP)/tests/system/net
NET_SYSTEM_CONFIGS := $(filter $(DRIVER_CONFIGS_timer),$(SEL4_ARM_CONFIGS))
net_system_dir = $(BUILD)/$(1)/tests/net
NET_ECHO_LIBS = $(call net_lib,$(1)) $(call event_lib,$(1)) $(call queue_lib,$(1)) $(call shmem_lib,$(1))
define net_system_rules
$(eval $(call net_virt_rules,$(1),$(NET_SYSTEM_DIR),$(call net_system_dir,$(1))))
$(call net_system_dir,$(1))/echo_%.elf: $(NET_SYSTEM_DIR)/echo.c $(NET_SYSTEM_DIR)/net_config.h \
    $(NET_ECHO_LIBS) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -I$(NET_SYSTEM_DIR) -DECHO_$$(shell echo $$* | tr a-z A-Z) \
	    -DNET_MAC_INDEX=$$(if $$(filter tcp,$$*),0,1) $(PD_LDFLAGS) $$< $(NET_ECHO_LIBS) \
	    $(call microkit_link,$(1)) -o $$@
$(call net_system_dir,$(1))/garbage.elf: $(NET_SYSTEM_DIR)/garbage.c $(NET_SYSTEM_DIR)/net_config.h \
    $(call queue_lib,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -I$(NET_SYSTEM_DIR) $(PD_LDFLAGS) $$< $(call queue_lib,$(1)) \
	    $(call microkit_link,$(1)) -o $$@
$(call net_system_dir,$(1))/timer.elf: $(call driver_elf,$(1),timer)
	@mkdir -p $$(dir $$@)
	cp $$< $$@
$(call net_system_dir,$(1))/virtio_net.elf: $(BUILD)/$(1)/drivers/virtio/virtio_net.elf
	@mkdir -p $$(dir $$@)
	cp $$< $$@
TEST_DEPS += $(addprefix $(call net_system_dir,$(1))/,echo_tcp.elf echo_udp.elf garbage.elf net_virt_rx.elf \
    net_virt_tx.elf timer.elf virtio_net.elf)
TESTS += system/net-legacy-$(1) system/net-modern-$(1)
TEST_CMD_system/net-legacy-$(1) := tests/system/net/net.sh legacy $(1) $(SEL4_INSTALLS)/$(1) \
    $(call net_system_dir,$(1)) $(BUILD)/$(1)/tests/net-boot/legacy $(SYSBUILD) $(call sdk_elf_dir,$(1)) $(QEMU_RUN)
TEST_CMD_system/net-modern-$(1) := tests/system/net/net.sh modern $(1) $(SEL4_INSTALLS)/$(1) \
    $(call net_system_dir,$(1)) $(BUILD)/$(1)/tests/net-boot/modern $(SYSBUILD) $(call sdk_elf_dir,$(1)) $(QEMU_RUN)
endef
$(foreach c,$(NET_SYSTEM_CONFIGS),$(eval $(call net_system_rules,$(c))))
