# sel4c-capdl: CapDL specs (text, JSON, binary): check, print, stats, serialize, embed.
CAPDL_FORMAT_SRCS := $(wildcard $(TOP)/formats/capdl/*.c)
CAPDL_TOOL_SRCS := $(wildcard $(TOP)/tools/capdl/*.c) $(CAPDL_FORMAT_SRCS) \
    $(TOP)/tools/common/sel4_config.c $(TOP)/tools/common/file_io.c $(COMMON_CORE_SRCS) \
    $(VERSION_SRCS) $(TOP)/tools/config-record/record.c \
    $(wildcard $(TOP)/formats/elf/*.c)
CAPDL_TOOL := $(HOST_BUILD)/bin/sel4c-capdl

$(CAPDL_TOOL): $(call host_objs,$(CAPDL_TOOL_SRCS))
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ -lcjson -llz4 -lm -o $@

all: $(CAPDL_TOOL)
