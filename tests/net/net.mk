# Tests of the network stack (lib/net).

# net/tcp-udp: the TCP and UDP API between two lwIP stacks in two host processes
NET_TCP_UDP_TEST := $(TEST_HOST_BIN)/test_tcp_udp
$(NET_TCP_UDP_TEST): $(TOP)/tests/net/test_tcp_udp.c $(NET_HOST_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(NET_HOST_CFLAGS) $^ -o $@
TEST_DEPS += $(NET_TCP_UDP_TEST) $(foreach c,$(SEL4_ARM_CONFIGS),$(call net_lib,$(c)))
TESTS += net/tcp-udp
TEST_CMD_net/tcp-udp := $(NET_TCP_UDP_TEST)
