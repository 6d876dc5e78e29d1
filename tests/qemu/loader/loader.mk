# QEMU tests of the kernel loader (no seL4 needed): test kernels linked as seL4 links itself,
# in an EL1, an EL2 and a 4-core variant, and a user image with a known first 8 bytes.
LOADER_TEST_DIR := $(TOP)/tests/qemu/loader
LOADER_TEST_BUILD := $(BUILD)/tests/loader
LOADER_TEST_USER := $(LOADER_TEST_BUILD)/user.elf
TEST_KERNEL_SRCS := $(LOADER_TEST_DIR)/test_kernel.S $(LOADER_TEST_DIR)/test_kernel.c
USER_DEFS := -DUSER_VADDR=0x400000 -DUSER_ENTRY=0x400008 -DUSER_MAGIC='"SEL4CUSR"'

# $(1) variant, $(2) expected EL, $(3) nodes, $(4) virtual base, $(5) physical base
define test_kernel
$(LOADER_TEST_BUILD)/test-kernel-$(1).elf: $(TEST_KERNEL_SRCS) $(LOADER_TEST_DIR)/test_kernel.ld | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(BAREMETAL_CFLAGS) -DEXPECT_EL=$(2) -DNUM_NODES=$(3) $(USER_DEFS) -static \
	    -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,--defsym=KERNEL_VADDR=$(4) \
	    -Wl,--defsym=KERNEL_PADDR=$(5) -T $(LOADER_TEST_DIR)/test_kernel.ld $(TEST_KERNEL_SRCS) -o $$@
TEST_DEPS += $(LOADER_TEST_BUILD)/test-kernel-$(1).elf
endef
$(eval $(call test_kernel,el1,1,1,0xffffffffc0000000,0x40000000))
$(eval $(call test_kernel,el2,2,1,0xffc0000000,0x60000000))
$(eval $(call test_kernel,smp,1,4,0xffffffffc0000000,0x40000000))

$(LOADER_TEST_USER): $(LOADER_TEST_DIR)/user.S $(LOADER_TEST_DIR)/roottask.ld | deps
	@mkdir -p $(dir $@)
	$(TARGET_CC) -nostdlib -static -Wl,--build-id=none -T $(LOADER_TEST_DIR)/roottask.ld \
	    -DUSER_MAGIC_STR='"SEL4CUSR"' $< -o $@
TEST_DEPS += $(LOADER_TEST_USER) $(KERNEL_LOADER) $(ADD_PAYLOAD)

# A stand-in for U-Boot's go: MMU and caches on, then a jump to 0x48000000
LOADER_TEST_GO := $(LOADER_TEST_BUILD)/firmware-go.elf
$(LOADER_TEST_GO): $(LOADER_TEST_DIR)/firmware.S $(LOADER_TEST_DIR)/firmware.ld | deps
	@mkdir -p $(dir $@)
	$(TARGET_CC) -nostdlib -static -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
	    -DGO_ADDR=0x48000000 -T $(LOADER_TEST_DIR)/firmware.ld $< -o $@
TEST_DEPS += $(LOADER_TEST_GO)

# U-Boot for QEMU, to boot binary images with booti (the tests skip without it)
.PHONY: loader-test-uboot
loader-test-uboot:
	-@$(TOP)/mk/deps.sh u-boot-qemu
TEST_DEPS += loader-test-uboot

# qemu/loader-*: one boot per case (see loader.sh)
loader_kernel_of = $(LOADER_TEST_BUILD)/test-kernel-$(if $(filter smp-% smc-on-el1 hvc-on-el2 bin-smp-%,$(1)),smp,$(if $(filter el2 el2-on-el1 bin-up bin-down bin-unaligned bin-go-el2 uboot-el2,$(1)),el2,el1)).elf
$(foreach c,el1-on-el1 el1-on-el2 el2 smp-hvc smp-smc el2-on-el1 bad-magic no-payload smc-on-el1 hvc-on-el2 \
    bin-at-link bin-smp-elsewhere bin-up bin-down bin-unaligned bin-go-el1 bin-go-el2 bin-over-loader \
    uboot-el1 uboot-el2,\
  $(eval TESTS += qemu/loader-$(c))\
  $(eval TEST_CMD_qemu/loader-$(c) := tests/qemu/loader/loader.sh $(c) $(ADD_PAYLOAD) $(KERNEL_LOADER) $(call loader_kernel_of,$(c)) $(LOADER_TEST_USER) $(SHARED) $(QEMU_RUN) $(LOADER_TEST_GO)))

# system/loader-*: real kernels from SEL4_INSTALLS booted through the loader with a minimal
# root task built for each configuration's bindings
ROOTTASK_SRCS := $(LOADER_TEST_DIR)/roottask.S $(LOADER_TEST_DIR)/roottask.c
define roottask
$(LOADER_TEST_BUILD)/roottask-$(1).elf: $(ROOTTASK_SRCS) $(LOADER_TEST_DIR)/roottask.ld $(call gen_stamp,$(1)) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(BAREMETAL_CFLAGS) $(call sel4_includes,$(1)) -static -Wl,--build-id=none \
	    -T $(LOADER_TEST_DIR)/roottask.ld $(ROOTTASK_SRCS) -o $$@
TEST_DEPS += $(LOADER_TEST_BUILD)/roottask-$(1).elf
endef
$(foreach c,$(SEL4_ARM_CONFIGS),$(eval $(call roottask,$(c))))

# $(1) config, $(2) test name suffix, $(3) machine, $(4) cores[, $(5) binary image: "image"
# for QEMU -kernel, or the address to load it at]
define loader_boot
TESTS += system/loader-$(1)-$(2)
TEST_CMD_system/loader-$(1)-$(2) := tests/system/loader-boot.sh $(1) $(3) $(4) $(SEL4_INSTALLS)/$(1) $(LOADER_TEST_BUILD)/roottask-$(1).elf $(ADD_PAYLOAD) $(KERNEL_LOADER) $(QEMU_RUN) $(5)
endef
$(eval $(call loader_boot,aarch64,el1,virt,1))
$(eval $(call loader_boot,aarch64,el2,virt$(comma)virtualization=on,1))
$(eval $(call loader_boot,aarch64-mcs,el1,virt,1))
$(eval $(call loader_boot,aarch64-mcs-hyp,el2,virt$(comma)virtualization=on,1))
$(eval $(call loader_boot,aarch64-smp,hvc,virt,4))
$(eval $(call loader_boot,aarch64-smp,smc,virt$(comma)virtualization=on,4))
$(eval $(call loader_boot,aarch64-microkit,el2,virt$(comma)virtualization=on,1))
$(eval $(call loader_boot,aarch64-microkit-smp,smc,virt$(comma)virtualization=on,4))
$(eval $(call loader_boot,aarch64,binary-el1,virt,1,image))
$(eval $(call loader_boot,aarch64-mcs-hyp,binary-el2,virt$(comma)virtualization=on,1,image))
$(eval $(call loader_boot,aarch64-smp,binary-elsewhere,virt,4,0x48000000))
$(eval $(call loader_boot,aarch64-mcs-hyp,binary-across,virt$(comma)virtualization=on,1,0x5ffc0000))
$(eval $(call loader_boot,aarch64-smp,uboot-booti,virt,4,uboot))

# system/loader-aarch64-smp-wrong-dtb: the install's tree on the machine with the other
# PSCI conduit is refused with a message
TESTS += system/loader-aarch64-smp-wrong-dtb
TEST_CMD_system/loader-aarch64-smp-wrong-dtb := tests/system/loader-wrong-dtb.sh aarch64-smp $(SEL4_INSTALLS)/aarch64-smp $(LOADER_TEST_BUILD)/roottask-aarch64-smp.elf $(ADD_PAYLOAD) $(KERNEL_LOADER) $(QEMU_RUN)
