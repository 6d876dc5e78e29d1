# The kernel loader: one bare-metal ELF per architecture, independent of the kernel's
# configuration (the payload says what the kernel needs).
LOADER_DIR := $(TOP)/programs/kernel-loader
LOADER_BUILD := $(BUILD)/loader
KERNEL_LOADER := $(LOADER_BUILD)/kernel-loader.elf
# Flags for bare-metal code that runs with the MMU off: no FP/SIMD (may trap), no unaligned
# accesses (device memory), nothing from a C library.
BAREMETAL_CFLAGS := -std=gnu11 -ffreestanding -nostdlib -O2 -g -Wall -Wextra -Werror \
    -mcpu=cortex-a53 -mgeneral-regs-only -mstrict-align -fno-stack-protector -fno-pic \
    -fno-omit-frame-pointer -fno-asynchronous-unwind-tables -ffile-prefix-map=$(TOP)=sel4c
LOADER_SRCS := $(wildcard $(LOADER_DIR)/*.c) $(wildcard $(LOADER_DIR)/arch/$(TARGET_ARCH)/*.c) \
    $(wildcard $(LOADER_DIR)/arch/$(TARGET_ARCH)/*.S) $(TOP)/formats/fdt/fdt.c
LOADER_LDS := $(LOADER_DIR)/arch/$(TARGET_ARCH)/kernel-loader.ld

$(KERNEL_LOADER): $(LOADER_SRCS) $(LOADER_LDS) $(wildcard $(LOADER_DIR)/*.h $(TOP)/formats/*/*.h) | deps
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(BAREMETAL_CFLAGS) -DLOADER_UART_BASE=$(LOADER_UART_BASE) -static \
	    -Wl,--build-id=none -Wl,-z,max-page-size=4096 -T $(LOADER_LDS) $(LOADER_SRCS) -o $@

loader: $(KERNEL_LOADER)
all: loader
.PHONY: loader
