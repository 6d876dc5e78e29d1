# Tests of the virtio drivers (drivers/virtio, docs/virtio.md).

# unit/virtio-legacy, unit/virtio-modern: the transport, virtqueue, block and entropy logic
# against a fake device in memory (tests/virtio/fake_device.c), under the sanitizers
VIRTIO_UNIT_SRCS := tests/virtio/test_virtio.c tests/virtio/fake_device.c \
    $(addprefix drivers/virtio/,transport.c virtq.c start.c blk.c rng.c)
VIRTIO_HOST_ARCH := $(shell uname -m)
$(foreach v,legacy:1 modern:2,\
  $(eval TESTS += unit/virtio-$(word 1,$(subst :, ,$(v))))\
  $(eval TEST_CMD_unit/virtio-$(word 1,$(subst :, ,$(v))) := gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror $(SAN_FLAGS) -Iinclude $(call virtio_cflags,$(VIRTIO_HOST_ARCH)) $(VIRTIO_UNIT_SRCS) -o $(TEST_HOST_BIN)/virtio-$(word 1,$(subst :, ,$(v))) && $(TEST_HOST_BIN)/virtio-$(word 1,$(subst :, ,$(v))) $(word 2,$(subst :, ,$(v)))))
