# AArch64 (seL4_ARCH aarch64, ARM family).
CROSS_COMPILE ?= aarch64-linux-gnu-
TARGET_CC := $(CROSS_COMPILE)gcc
TARGET_OBJDUMP := $(CROSS_COMPILE)objdump
ARCH_CFLAGS := -mcpu=cortex-a53 -fno-omit-frame-pointer
ARCH_INCLUDES := aarch64 arm
# QEMU virt's PL011: where the kernel loader prints
LOADER_UART_BASE ?= 0x09000000
