# make install PREFIX=dir: the SDK for SEL4_CONFIG; make install-all: for every seL4 install
# under SEL4_INSTALLS. docs/sdk.md describes the layout:
#
#   PREFIX/bin/                 the host tools
#   PREFIX/<name>/              per configuration: include/, lib/, elf/, sel4c-config.mk
#   PREFIX/lib/pkgconfig/       sel4c-<name>.pc, sel4c-process-<name>.pc, sel4c-microkit-<name>.pc
#   PREFIX/share/sel4c/         sel4c.mk (the make fragment), the QEMU boot scripts and
#                               examples/getting-started (docs/getting-started.md)
#   PREFIX/share/doc/sel4c/     README, CHANGELOG, docs
#
# <name> is INSTALL_NAME, by default SEL4_CONFIG.
PREFIX ?= /usr/local
INSTALL_NAME ?= $(SEL4_CONFIG)
SDK_TOOLS = $(BINDGEN) $(ADD_PAYLOAD) $(CAPDL_TOOL) $(SYMBOLIZE) $(QEMU_RUN) $(SYSBUILD)
SDK_SCRIPTS := $(TOP)/tools/qemu-run/boot-sel4.sh $(TOP)/tools/qemu-run/boot-system.sh \
    $(TOP)/tools/qemu-run/qemu-machine.sh
SDK_DOCS := $(TOP)/README.md $(TOP)/CHANGELOG.md $(wildcard $(TOP)/docs/*.md)
# The project of docs/getting-started.md
SDK_EXAMPLE := $(addprefix $(TOP)/examples/getting-started/,Makefile hello.c objects.cdl message.txt \
    pd.c hello.system)
# What lib/ of a configuration holds, one file a line
sdk_libs = $(call runtime_lib,$(1)) $(call libsel4_lib,$(1)) $(RUNTIME_LDS) \
    $(call microkit_lib,$(1)) $(BUILD)/$(1)/lib/microkit.ld \
    $(call shmem_lib,$(1)) $(call sync_lib,$(1)) $(call queue_lib,$(1))
sdk_elfs = $(addprefix $(call sdk_elf_dir,$(1))/,kernel-loader.elf capdl-initializer.elf monitor.elf)

.PHONY: install install-all install-tools
install-tools: $(SDK_TOOLS)
	install -d $(PREFIX)/bin $(PREFIX)/share/sel4c $(PREFIX)/share/doc/sel4c
	install -m 755 $(SDK_TOOLS) $(PREFIX)/bin/
	install -m 755 $(SDK_SCRIPTS) $(PREFIX)/share/sel4c/
	sed 's/@VERSION@/$(SEL4C_VERSION)/' $(TOP)/sdk/sel4c.mk > $(PREFIX)/share/sel4c/sel4c.mk
	install -m 644 $(SDK_DOCS) $(PREFIX)/share/doc/sel4c/
	install -d $(PREFIX)/share/sel4c/examples/getting-started
	install -m 644 $(SDK_EXAMPLE) $(PREFIX)/share/sel4c/examples/getting-started/

# $(call install_config,config): installs it as PREFIX/INSTALL_NAME
define install_config
install-config-$(1): $(call gen_stamp,$(1)) $(call sdk_libs,$(1)) $(call sdk_elf_stamp,$(1))
	$(TOP)/sdk/install-config.sh $(INSTALL_NAME) $(PREFIX)/$(INSTALL_NAME) $(PREFIX)/lib/pkgconfig \
	    $(TOP) $(BUILD)/$(1)/include $(call sel4_include_dir,$(1)) "$(ARCH_INCLUDES)" \
	    "$(ARCH_CFLAGS)" $(CROSS_COMPILE) $(SEL4C_VERSION) -- $(call sdk_libs,$(1)) -- $(call sdk_elfs,$(1))
.PHONY: install-config-$(1)
endef
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call install_config,$(c))))

install: install-tools
ifneq ($(filter $(SEL4_CONFIG),$(SEL4_BUILD_CONFIGS)),)
install: install-config-$(SEL4_CONFIG)
else
install:
	@echo "make install: $(SEL4_CONFIG): sel4c builds its libraries for AArch64 only" >&2; exit 2
endif

# Every install under SEL4_INSTALLS, each built from its own interface files, as its directory
# is named.
install-all: install-tools
	@set -e; for d in $(SEL4_INSTALLS)/*/; do \
	    [ -f $$d/libsel4/include/kernel/gen_config.json ] || continue; \
	    n=$$(basename $$d); \
	    echo "make install-all: $$n"; \
	    $(MAKE) --no-print-directory install-config-$$($(TOP)/mk/config-name.sh \
	        $$d/libsel4/include -- $(SHARED) $(SEL4_CONFIGS)) \
	        SEL4_PREFIX=$$d INSTALL_NAME=$$n PREFIX=$(PREFIX); \
	done

# make install-microkit-sdk: SEL4_CONFIG also as a Microkit SDK's board configuration, with
# the kernel of SEL4_PREFIX (default SEL4_INSTALLS/SEL4_CONFIG), in MICROKIT_SDK_DIR.
MICROKIT_SDK_DIR ?= $(PREFIX)/microkit-sdk
MICROKIT_SDK_KERNEL = $(if $(SEL4_PREFIX),$(SEL4_PREFIX),$(SEL4_INSTALLS)/$(SEL4_CONFIG))
install-microkit-sdk: install
	$(TOP)/sdk/install-microkit-sdk.sh $(PREFIX)/$(INSTALL_NAME) $(MICROKIT_SDK_KERNEL) \
	    $(MICROKIT_SDK_DIR) $(SYSBUILD) $(TOP)/sdk/microkit $(SEL4C_VERSION)
.PHONY: install-microkit-sdk
