# The network stack (include/sel4c/{net,tcp,udp}.h): lwIP 2.1.3 from Debian's source package,
# fetched into build/ when first needed, with our port (lib/net/lwip) and API, per
# configuration:
#   build/<config>/lib/libsel4c_net.a   lwIP and sel4c's network API
# and for the host tests: build/host/net/libsel4c_net.a. The client of sDDF's network queues
# (client.c) needs libsel4c_queue.a and libsel4c_shmem.a after it; a client PD's wiring
# (client_pd.c, <sel4c/net_client_pd.h>) needs libsel4c_event.a.
NET_DIR := $(TOP)/lib/net
NET_SRCS := $(wildcard $(NET_DIR)/*.c)
# (client_pd.c makes Microkit calls: seL4 configurations only)
NET_HOST_SRCS := $(filter-out %/client_pd.c,$(NET_SRCS))
LWIP_SRC_STAMP := $(BUILD)/debian-src/lwip.path
# lwIP's files we build: the core, IPv4, Ethernet, and lwiperf (the throughput benchmark).
LWIP_FILES := core/init.c core/def.c core/inet_chksum.c core/ip.c core/mem.c core/memp.c \
    core/netif.c core/pbuf.c core/stats.c core/tcp.c core/tcp_in.c core/tcp_out.c \
    core/timeouts.c core/udp.c core/ipv4/dhcp.c core/ipv4/etharp.c core/ipv4/icmp.c \
    core/ipv4/ip4.c core/ipv4/ip4_addr.c core/ipv4/ip4_frag.c netif/ethernet.c \
    apps/lwiperf/lwiperf.c
LWIP_INCLUDES = -I$(NET_DIR)/lwip -I$$$$(cat $(LWIP_SRC_STAMP))/src/include
# lwIP's own sources are not ours to make warning-free.
LWIP_CFLAGS := -Wno-error -Wno-unused-parameter -Wno-address -ffunction-sections -fdata-sections

$(LWIP_SRC_STAMP): $(TOP)/mk/debian-source.sh | deps
	@mkdir -p $(dir $@)
	$(TOP)/mk/debian-source.sh lwip $(BUILD) > $@.tmp && mv $@.tmp $@

# $(call net_archive,objdir,archive,CC,CFLAGS,AR,deps,sources): lwIP's objects and ours into one
# archive
define net_archive
$(2): $(7) $(wildcard $(NET_DIR)/*.h $(NET_DIR)/lwip/*.h $(NET_DIR)/lwip/arch/*.h) \
    $(addprefix $(TOP)/include/sel4c/,net.h tcp.h udp.h net_client.h net_client_pd.h) $(LWIP_SRC_STAMP) $(6)
	@mkdir -p $(1)/lwip $$(dir $$@)
	set -e; lwip=$$$$(cat $(LWIP_SRC_STAMP))/src; for f in $(LWIP_FILES); do \
	    $(3) $(4) $(LWIP_CFLAGS) $(LWIP_INCLUDES) -c $$$$lwip/$$$$f -o $(1)/lwip/$$$$(echo $$$$f | tr / _ | sed 's/\.c$$$$/.o/'); \
	done
	set -e; for f in $(7); do \
	    $(3) $(4) -ffunction-sections -fdata-sections $(LWIP_INCLUDES) -c $$$$f -o $(1)/$$$$(basename $$$${f%.c}).o; \
	done
	rm -f $$@ && $(5) rcs $$@ $(1)/lwip/*.o $(patsubst $(NET_DIR)/%.c,$(1)/%.o,$(7))
endef

net_lib = $(BUILD)/$(1)/lib/libsel4c_net.a
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call net_archive,$(BUILD)/$(c)/net,$(call net_lib,$(c)),$(TARGET_CC),$(call user_cflags,$(c)),$(CROSS_COMPILE)ar,$(call gen_stamp,$(c)),$(NET_SRCS))))
NET_HOST_LIB := $(BUILD)/host/net/libsel4c_net.a
NET_HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror $(call sel4_includes,aarch64) \
    -fsanitize=address,undefined -fno-sanitize-recover=all
$(eval $(call net_archive,$(BUILD)/host/net/obj,$(NET_HOST_LIB),$(HOST_CC),$(NET_HOST_CFLAGS),ar,$(call gen_stamp,aarch64),$(NET_HOST_SRCS)))

net: $(call net_lib,$(SEL4_CONFIG))
.PHONY: net
