# sel4c-sysbuild: Microkit system descriptions to bootable images.
include $(TOP)/mk/version.mk
SYSBUILD_SRCS := $(wildcard $(TOP)/tools/sysbuild/*.c) $(TOP)/tools/common/sel4_config.c \
    $(TOP)/tools/common/file_io.c $(COMMON_CORE_SRCS) $(wildcard $(TOP)/formats/elf/*.c)
# Everything but the command line, for the unit test and the fuzzer.
SYSBUILD_LIB_SRCS := $(filter-out %/main.c %/build.c,$(SYSBUILD_SRCS))
SYSBUILD := $(HOST_BUILD)/bin/sel4c-sysbuild
# Libraries of the tool and of every test build of it (add the back end's here).
SYSBUILD_LIBS := $(XML_LIBS) -lcjson

$(call host_objs,$(TOP)/tools/sysbuild/main.c): HOST_CFLAGS += -DSEL4C_VERSION='"$(SEL4C_VERSION)"'
$(call host_objs,$(TOP)/tools/sysbuild/main.c): $(TOP)/mk/version.mk

$(SYSBUILD): $(call host_objs,$(SYSBUILD_SRCS))
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ $(SYSBUILD_LIBS) -o $@

all: $(SYSBUILD)
