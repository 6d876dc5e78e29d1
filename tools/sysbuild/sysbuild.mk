# sel4c-sysbuild: Microkit system descriptions to bootable images.
include $(TOP)/mk/version.mk
SYSBUILD_DIR := $(TOP)/tools/sysbuild
# The back end: CapDL spec, patched images, physical layout, report, picture, boot image.
SYSBUILD_BACK_SRCS := $(addprefix $(SYSBUILD_DIR)/,build.c spec.c patch.c vspace.c layout.c \
    report.c svg.c)
# The front end: reading and checking a system (also the unit test's and the fuzzer's).
SYSBUILD_LIB_SRCS := $(filter-out %/main.c $(SYSBUILD_BACK_SRCS),$(wildcard $(SYSBUILD_DIR)/*.c)) \
    $(TOP)/tools/common/sel4_config.c $(TOP)/tools/common/file_io.c $(COMMON_CORE_SRCS) \
    $(wildcard $(TOP)/formats/elf/*.c)
SYSBUILD_SRCS := $(SYSBUILD_DIR)/main.c $(SYSBUILD_LIB_SRCS) $(SYSBUILD_BACK_SRCS) \
    $(filter-out %/main.c,$(wildcard $(TOP)/tools/capdl/*.c)) $(CAPDL_FORMAT_SRCS) \
    $(filter-out %/main.c,$(wildcard $(TOP)/tools/add-payload/*.c)) $(TOP)/formats/fdt/fdt.c \
    $(TOP)/tools/config-record/record.c
SYSBUILD := $(HOST_BUILD)/bin/sel4c-sysbuild
# Libraries of the tool and of every test build of it.
SYSBUILD_LIBS := $(XML_LIBS) -lcjson -llz4 -lyaml -lm

$(call host_objs,$(SYSBUILD_DIR)/main.c): HOST_CFLAGS += -DSEL4C_VERSION='"$(SEL4C_VERSION)"'
$(call host_objs,$(SYSBUILD_DIR)/main.c): $(TOP)/mk/version.mk

$(SYSBUILD): $(call host_objs,$(SYSBUILD_SRCS))
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ $(SYSBUILD_LIBS) -o $@

all: $(SYSBUILD)
