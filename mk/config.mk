# Which seL4 configuration to build for, and where its interface files are.
#
#   SEL4_PREFIX=dir        a seL4 install: dir/bin/kernel.elf, dir/libsel4/include, dir/support;
#                          any install, under any name: its build directory is named after its
#                          own files (mk/config-name.sh): a tested configuration's name when they
#                          are that configuration's, else e.g. aarch64-mcs-1a2b3c4d
#   SEL4_INCLUDE_DIRS=a:b  libsel4 include directories (interface files) without a full install
#   SEL4_CONFIG=name       one of the configurations sel4c tests; its interface files are taken
#                          from ../shared/sel4/<name> unless one of the above is given
#   SEL4_INSTALLS=dir      kernels for system tests: dir/<config>/ per configuration

SEL4_ARM_CONFIGS := aarch64 aarch64-mcs aarch64-mcs-hyp aarch64-smp aarch64-microkit \
    aarch64-microkit-smp
SEL4_CONFIGS := $(SEL4_ARM_CONFIGS) x86_64
SHARED ?= $(abspath $(TOP)/../shared)

# Properties of a configuration come from its recorded settings, never its name.
# $(call sel4_include_dir,config): its libsel4 include directory (interface files): a tested
# configuration's in ../shared, else SEL4_INCLUDE_DIRS' (the configuration of SEL4_PREFIX)
sel4_include_dir = $(if $(filter $(1),$(SEL4_CONFIGS)),$(SHARED)/sel4/$(1)/libsel4/include,\
    $(firstword $(subst :, ,$(SEL4_INCLUDE_DIRS))))
# $(call sel4_setting,config,kernel|sel4,NAME): NAME's value in <config>'s gen_config.json
# (true, false, or the string's contents).
sel4_setting = $(shell sed -nE 's/^ *"$(3)": *"?([^",]*)"?,? *$$/\1/p' \
    $(call sel4_include_dir,$(1))/$(2)/gen_config.json)
# Non-empty when the kernel option is set: $(call sel4_kernel_on,config,KERNEL_MCS)
sel4_kernel_on = $(filter true,$(call sel4_setting,$(1),kernel,$(2)))
sel4_is_mcs = $(call sel4_kernel_on,$(1),KERNEL_MCS)
sel4_is_smp = $(filter-out 1,$(call sel4_setting,$(1),kernel,MAX_NUM_NODES))
# AArch64 VSpace levels: a hypervisor kernel with a 40-bit PA uses stage-2 tables of 3 levels
sel4_vspace_levels = $(if $(and $(call sel4_kernel_on,$(1),ARM_HYPERVISOR_SUPPORT),\
    $(call sel4_kernel_on,$(1),ARM_PA_SIZE_BITS_40)),3,4)
SEL4_INSTALLS ?= /opt/sel4

ifneq ($(SEL4_PREFIX),)
SEL4_INCLUDE_DIRS ?= $(SEL4_PREFIX)/libsel4/include
SEL4_CONFIG ?= $(shell $(TOP)/mk/config-name.sh $(subst :, ,$(SEL4_INCLUDE_DIRS)) -- $(SHARED) \
    $(SEL4_CONFIGS))
ifeq ($(SEL4_CONFIG),)
$(error SEL4_PREFIX=$(SEL4_PREFIX): no kernel/gen_config.json in $(SEL4_INCLUDE_DIRS))
endif
else
SEL4_CONFIG ?= aarch64
SEL4_INCLUDE_DIRS ?= $(SHARED)/sel4/$(SEL4_CONFIG)/libsel4/include
endif
# Configurations whose target libraries and images have rules: the tested AArch64 ones, and
# SEL4_CONFIG when it names another AArch64 install.
SEL4_BUILD_CONFIGS := $(SEL4_ARM_CONFIGS) $(if $(filter-out $(SEL4_CONFIGS),$(SEL4_CONFIG)),\
    $(if $(filter aarch64,$(call sel4_setting,$(SEL4_CONFIG),kernel,SEL4_ARCH)),$(SEL4_CONFIG)))

BUILD := $(TOP)/build
comma := ,
HOST_BUILD := $(BUILD)/host
