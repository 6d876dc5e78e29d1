# Which seL4 configuration to build for, and where its interface files are.
#
#   SEL4_PREFIX=dir        a seL4 install: dir/bin/kernel.elf, dir/libsel4/include, dir/support
#   SEL4_INCLUDE_DIRS=a:b  libsel4 include directories (interface files) without a full install
#   SEL4_CONFIG=name       one of the configurations sel4c tests; its interface files are taken
#                          from ../shared/sel4/<name> unless one of the above is given
#   SEL4_INSTALLS=dir      kernels for system tests: dir/<config>/ per configuration

SEL4_CONFIGS := aarch64 aarch64-mcs aarch64-mcs-hyp aarch64-smp x86_64
SEL4_ARM_CONFIGS := aarch64 aarch64-mcs aarch64-mcs-hyp aarch64-smp
SHARED ?= $(abspath $(TOP)/../shared)
SEL4_INSTALLS ?= /opt/sel4

ifneq ($(SEL4_PREFIX),)
SEL4_CONFIG ?= $(notdir $(abspath $(SEL4_PREFIX)))
SEL4_INCLUDE_DIRS ?= $(SEL4_PREFIX)/libsel4/include
else
SEL4_CONFIG ?= aarch64
SEL4_INCLUDE_DIRS ?= $(SHARED)/sel4/$(SEL4_CONFIG)/libsel4/include
endif

BUILD := $(TOP)/build
comma := ,
HOST_BUILD := $(BUILD)/host
