# sel4c-qemu-run: boots an image in QEMU and judges it by its console (system tests).
QEMU_RUN_SRCS := $(wildcard $(TOP)/tools/qemu-run/*.c) $(VERSION_SRCS)
QEMU_RUN := $(HOST_BUILD)/bin/sel4c-qemu-run

$(QEMU_RUN): $(call host_objs,$(QEMU_RUN_SRCS))
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ -o $@

all: $(QEMU_RUN)
