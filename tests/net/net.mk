# Tests of the network stack (lib/net).
NET_TEST_LIBS := $(NET_HOST_LIB) $(TOP)/lib/queue/*.c $(TOP)/lib/shmem/*.c

# net/tcp-udp: the TCP and UDP API between two lwIP stacks in two host processes, joined by a
# socket pair; net/queues: the same joined by sDDF queues through a virtualiser process;
# net/queues-corrupt: with a virtualiser that hands out bad descriptors too
$(TEST_HOST_BIN)/test_tcp_udp: $(TOP)/tests/net/test_tcp_udp.c $(TOP)/tests/net/link_socket.c $(NET_HOST_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(NET_HOST_CFLAGS) $(filter %.c %.a,$^) -o $@
$(TEST_HOST_BIN)/test_net_queues: $(TOP)/tests/net/test_tcp_udp.c $(TOP)/tests/net/link_queues.c \
    $(NET_HOST_LIB) $(wildcard $(TOP)/lib/queue/*.c $(TOP)/lib/shmem/*.c)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(NET_HOST_CFLAGS) $(filter %.c %.a,$^) -o $@
TEST_DEPS += $(TEST_HOST_BIN)/test_tcp_udp $(TEST_HOST_BIN)/test_net_queues \
    $(foreach c,$(SEL4_ARM_CONFIGS),$(call net_lib,$(c)))
TESTS += net/tcp-udp net/queues net/queues-corrupt
TEST_CMD_net/tcp-udp := $(TEST_HOST_BIN)/test_tcp_udp
TEST_CMD_net/queues := $(TEST_HOST_BIN)/test_net_queues
TEST_CMD_net/queues-corrupt := LINK_CORRUPT=1 $(TEST_HOST_BIN)/test_net_queues

# net/virtualisers: the virtualisers' routing and checks against fake peers on queues in memory
$(TEST_HOST_BIN)/test_net_virt: $(TOP)/tests/net/test_virt.c $(NET_VIRT_SRCS) $(TOP)/drivers/net/virt.h \
    $(wildcard $(TOP)/lib/queue/*.c $(TOP)/lib/shmem/*.c) $(call gen_stamp,aarch64)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(NET_HOST_CFLAGS) $(filter-out %/clients.c,$(filter %.c,$^)) -o $@
TEST_DEPS += $(TEST_HOST_BIN)/test_net_virt
TESTS += net/virtualisers
TEST_CMD_net/virtualisers := $(TEST_HOST_BIN)/test_net_virt
