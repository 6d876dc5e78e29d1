# Host programs: the tools and the unit tests.
# The part of tools/common that needs no library beyond libc.
COMMON_CORE_SRCS = $(TOP)/tools/common/strbuf.c $(TOP)/tools/common/diag.c
HOST_CC ?= gcc
HOST_CFLAGS ?= -O2 -g
HOST_CFLAGS += -std=gnu11 -Wall -Wextra -Werror -MMD -MP -ffile-prefix-map=$(TOP)=sel4c
XML_CFLAGS := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS := $(shell pkg-config --libs libxml-2.0 2>/dev/null || echo -lxml2)

include $(TOP)/mk/version.mk
# Every tool's --version: tools/common/version.c, the one file that knows the version.
VERSION_SRCS := $(TOP)/tools/common/version.c
$(HOST_BUILD)/tools/common/version.o: HOST_CFLAGS += -DSEL4C_VERSION='"$(SEL4C_VERSION)"'
$(HOST_BUILD)/tools/common/version.o: $(TOP)/mk/version.mk

# $(call host_objs,sources): object files of host sources under build/host/
host_objs = $(patsubst $(TOP)/%.c,$(HOST_BUILD)/%.o,$(abspath $(1)))

$(HOST_BUILD)/%.o: $(TOP)/%.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(XML_CFLAGS) $(HOST_CPPFLAGS_$(notdir $(dir $<))) -c $< -o $@
