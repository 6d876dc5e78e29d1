# Target (seL4 userspace) toolchain: freestanding cross gcc with Debian's picolibc.
# Architecture-specific settings live in mk/arch-<arch>.mk.
TARGET_ARCH ?= aarch64
include $(TOP)/mk/arch-$(TARGET_ARCH).mk

# Debug info and __FILE__ name sources as sel4c/..., so installed libraries and images do not
# refer to the build machine's tree.
PREFIX_MAP_CFLAGS = -ffile-prefix-map=$(TOP)=sel4c
TARGET_CFLAGS := -std=gnu11 -ffreestanding -O2 -g -Wall -Wextra -Werror $(ARCH_CFLAGS) \
    $(PREFIX_MAP_CFLAGS)
# Include path of the libsel4-compatible headers: arch-specific before generic, then the
# generated ones of configuration $(1).
sel4_includes = $(ARCH_INCLUDES:%=-I$(TOP)/include/arch/%) -I$(TOP)/include -I$(BUILD)/$(1)/include
