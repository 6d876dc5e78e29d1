# sel4c @VERSION@: the make fragment for projects built against an installed SDK.
#
#   SEL4C_CONFIG := aarch64-mcs             # a configuration of the install (PREFIX/<name>)
#   SEL4_PREFIX  := /path/to/seL4/install   # the kernel images are built and booted for
#   include /path/to/sel4c/share/sel4c/sel4c.mk
#
#   hello.elf: hello.c
#           $(SEL4C_CC) $(SEL4C_CFLAGS) $(SEL4C_ROOT_TASK_LDFLAGS) $^ $(SEL4C_ROOT_TASK_LIBS) -o $@
#   image.elf: hello.elf
#           $(call sel4c_root_task_image,$<,$@)
#   run: hello.elf
#           $(call sel4c_boot_root_task,$<,--timeout 60 --pass "sel4c: exit(0)")
#
# Everything is found from this file's own place in the install, so the install can move.
# docs/getting-started.md (installed in share/doc/sel4c) walks through a complete project.

SEL4C_PREFIX := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)
SEL4C_VERSION := @VERSION@
SEL4C_INSTALLED_CONFIGS := $(notdir $(patsubst %/sel4c-config.mk,%,\
    $(wildcard $(SEL4C_PREFIX)/*/sel4c-config.mk)))
ifeq ($(filter $(SEL4C_CONFIG),$(SEL4C_INSTALLED_CONFIGS)),)
$(error SEL4C_CONFIG=$(SEL4C_CONFIG) is not installed in $(SEL4C_PREFIX); installed: $(SEL4C_INSTALLED_CONFIGS))
endif
SEL4C_SDK := $(SEL4C_PREFIX)/$(SEL4C_CONFIG)
include $(SEL4C_SDK)/sel4c-config.mk

# Compiling: C for seL4 userspace with picolibc and the SDK's one include directory.
SEL4C_CC ?= $(SEL4C_CROSS_COMPILE)gcc
SEL4C_CFLAGS := $(SEL4C_ARCH_CFLAGS) -ffreestanding --specs=picolibc.specs -I$(SEL4C_SDK)/include

# Linking, after SEL4C_CFLAGS (its --specs=picolibc.specs links picolibc): LDFLAGS, then the
# objects, then LIBS.
SEL4C_LDFLAGS := -nostartfiles -static -Wl,--build-id=sha1
# A root task (the runtime of docs/runtime.md): the whole runtime, as libc calls into it.
SEL4C_ROOT_TASK_LDFLAGS := $(SEL4C_LDFLAGS) -T $(SEL4C_SDK)/lib/runtime.ld
SEL4C_ROOT_TASK_LIBS := -Wl,--whole-archive $(SEL4C_SDK)/lib/libsel4c_runtime.a -Wl,--no-whole-archive \
    $(SEL4C_SDK)/lib/libsel4.a
# A process started by a CapDL system (its own entry, a 16 KiB heap and stack).
SEL4C_PROCESS_LDFLAGS := $(SEL4C_ROOT_TASK_LDFLAGS) -Wl,-e,_sel4c_process_start \
    -Wl,--defsym=__sel4c_heap_size=0x4000 -Wl,--defsym=__sel4c_stack_size=0x4000
SEL4C_PROCESS_LIBS := $(SEL4C_ROOT_TASK_LIBS)
# A Microkit protection domain (libmicrokit's API, docs/microkit.md).
SEL4C_PD_LDFLAGS := $(SEL4C_LDFLAGS) -T $(SEL4C_SDK)/lib/microkit.ld
SEL4C_PD_LIBS := -L$(SEL4C_SDK)/lib -lmicrokit

# The tools and the prebuilt images of this configuration.
SEL4C_ADD_PAYLOAD := $(SEL4C_PREFIX)/bin/sel4c-add-payload
SEL4C_CAPDL := $(SEL4C_PREFIX)/bin/sel4c-capdl
SEL4C_SYSBUILD := $(SEL4C_PREFIX)/bin/sel4c-sysbuild
SEL4C_SYMBOLIZE := $(SEL4C_PREFIX)/bin/sel4c-symbolize
SEL4C_QEMU_RUN := $(SEL4C_PREFIX)/bin/sel4c-qemu-run
SEL4C_ELF_DIR := $(SEL4C_SDK)/elf
SEL4C_LOADER := $(SEL4C_ELF_DIR)/kernel-loader.elf
SEL4C_INITIALIZER := $(SEL4C_ELF_DIR)/capdl-initializer.elf
SEL4C_KERNEL_CONFIG = $(SEL4_PREFIX)/libsel4/include/kernel/gen_config.json

# $(call sel4c_root_task_image,APP.elf,IMAGE.elf): the bootable image of a root task
sel4c_root_task_image = $(SEL4C_ADD_PAYLOAD) --loader $(SEL4C_LOADER) --sel4-prefix $(SEL4_PREFIX) \
    --app $(1) -o $(2)
# $(call sel4c_capdl_image,SPEC,FILES-DIR,OUT.elf): the CapDL initializer with a spec, a root task
sel4c_capdl_image = $(SEL4C_CAPDL) embed --initializer $(SEL4C_INITIALIZER) --spec $(1) \
    --files $(2) --kernel-config $(SEL4C_KERNEL_CONFIG) -o $(3)
# $(call sel4c_system_image,SYSTEM,SEARCH-DIRS,IMAGE,REPORT): a Microkit system's image
sel4c_system_image = $(SEL4C_SYSBUILD) $(1) --sel4-prefix $(SEL4_PREFIX) --sdk $(SEL4C_ELF_DIR) \
    $(addprefix --search-path ,$(2)) -o $(3) -r $(4)
# Booting in QEMU, on the machine the kernel's configuration asks for, judged by the console
# with sel4c-qemu-run's ARGS (--timeout, --pass TEXT, --fail TEXT):
# $(call sel4c_boot_root_task,APP.elf,ARGS)
sel4c_boot_root_task = $(SEL4C_PREFIX)/share/sel4c/boot-sel4.sh $(SEL4_PREFIX) $(1) \
    $(SEL4C_ADD_PAYLOAD) $(SEL4C_LOADER) $(SEL4C_QEMU_RUN) -- $(2)
# $(call sel4c_boot_system,SYSTEM,SEARCH-DIRS,ARGS)
sel4c_boot_system = $(SEL4C_PREFIX)/share/sel4c/boot-system.sh $(SEL4_PREFIX) $(1) \
    $(SEL4C_SYSBUILD) $(SEL4C_ELF_DIR) $(SEL4C_QEMU_RUN) $(addprefix --search-path ,$(2)) -- $(3)
