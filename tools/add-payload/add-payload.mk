# sel4c-add-payload: appends kernel, root task and device tree to the kernel loader.
ADD_PAYLOAD_SRCS := $(wildcard $(TOP)/tools/add-payload/*.c) $(TOP)/tools/common/sel4_config.c \
    $(TOP)/tools/common/file_io.c $(VERSION_SRCS) $(TOP)/tools/config-record/record.c \
    $(COMMON_CORE_SRCS) $(wildcard $(TOP)/formats/elf/*.c) $(TOP)/formats/fdt/fdt.c
ADD_PAYLOAD := $(HOST_BUILD)/bin/sel4c-add-payload

$(ADD_PAYLOAD): $(call host_objs,$(ADD_PAYLOAD_SRCS))
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ -lcjson -lyaml -o $@

all: $(ADD_PAYLOAD)
