# The network virtualisers (docs/network.md): PD programs compiled for a system, since they
# take their clients' MAC addresses from that system's net_config.h.
#
# $(call net_virt_rules,config,CONFIG_DIR,OUT_DIR) makes OUT_DIR/net_virt_rx.elf and
# OUT_DIR/net_virt_tx.elf with CONFIG_DIR/net_config.h.
NET_VIRT_DIR := $(TOP)/drivers/net
NET_VIRT_SRCS := $(NET_VIRT_DIR)/virt_rx.c $(NET_VIRT_DIR)/virt_tx.c $(NET_VIRT_DIR)/clients.c
net_virt_libs = $(call queue_lib,$(1)) $(call shmem_lib,$(1))
define net_virt_rules
$(3)/net_virt_%.elf: $(NET_VIRT_DIR)/virt_%_pd.c $(NET_VIRT_SRCS) $(NET_VIRT_DIR)/virt.h \
    $(NET_VIRT_DIR)/clients.h $(2)/net_config.h $(call net_virt_libs,$(1)) $(call microkit_lib,$(1)) \
    $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -I$(2) $(PD_LDFLAGS) $$< $(NET_VIRT_SRCS) \
	    $(call net_virt_libs,$(1)) $(call microkit_link,$(1)) -o $$@
endef
