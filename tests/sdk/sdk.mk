# sdk/*: the installed SDK used from outside the source tree, on every configuration's kernel.
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TEST_DEPS += $(SDK_TOOLS) $(call gen_stamp,$(c)) $(call sdk_libs,$(c)) $(call sdk_elf_stamp,$(c)))\
  $(eval TESTS += sdk/install-$(c))\
  $(eval TEST_CMD_sdk/install-$(c) := tests/sdk/install.sh $(c) $(SEL4_INSTALLS)/$(c) $(TARGET_CC) $(SEL4C_VERSION)))

# sdk/microkit-sdk-*: a Microkit project built against the Microkit-SDK-shaped tree and booted
TEST_DEPS += $(SYSBUILD)
TESTS += sdk/microkit-sdk-aarch64-microkit sdk/microkit-sdk-aarch64-microkit-smp
TEST_CMD_sdk/microkit-sdk-aarch64-microkit := tests/sdk/microkit-sdk.sh aarch64-microkit $(SEL4_INSTALLS)/aarch64-microkit debug $(CROSS_COMPILE)
TEST_CMD_sdk/microkit-sdk-aarch64-microkit-smp := tests/sdk/microkit-sdk.sh aarch64-microkit-smp $(SEL4_INSTALLS)/aarch64-microkit-smp smp-debug $(CROSS_COMPILE)

# sdk/any-prefix-*: installs under arbitrary names, with the tested configuration's files and
# with files of their own
TESTS += sdk/any-prefix-aarch64-microkit sdk/any-prefix-aarch64-microkit-smp sdk/any-prefix-copy
TEST_CMD_sdk/any-prefix-aarch64-microkit := tests/sdk/any-prefix.sh aarch64-microkit $(SEL4_INSTALLS)/aarch64-microkit
TEST_CMD_sdk/any-prefix-aarch64-microkit-smp := tests/sdk/any-prefix.sh aarch64-microkit-smp $(SEL4_INSTALLS)/aarch64-microkit-smp
TEST_CMD_sdk/any-prefix-copy := tests/sdk/any-prefix.sh aarch64-microkit $(SEL4_INSTALLS)/aarch64-microkit --copy

# sdk/getting-started: every command of docs/getting-started.md, on the Microkit kernel
TESTS += sdk/getting-started
TEST_CMD_sdk/getting-started := tests/sdk/getting-started.sh docs/getting-started.md $(SEL4_INSTALLS)/aarch64-microkit

# sdk/api-docs: make docs' reference of sel4c's headers, and its refusal of undocumented functions
TESTS += sdk/api-docs
TEST_CMD_sdk/api-docs := tests/sdk/api-docs.sh $(API_HEADERS)

# sdk/config-mismatch: images built for one kernel configuration are refused with another
TEST_DEPS += $(BUILD)/aarch64-microkit/examples/hello-root-task.elf $(call microkit_pd_elfs,aarch64-microkit)
TESTS += sdk/config-mismatch
TEST_CMD_sdk/config-mismatch := tests/sdk/config-mismatch.sh $(SHARED) $(BUILD) $(ADD_PAYLOAD) $(CAPDL_TOOL) $(SYSBUILD) $(KERNEL_LOADER) $(CROSS_COMPILE)readelf $(SEL4_INSTALLS)

# sdk/install-all: every install under SEL4_INSTALLS at once
TESTS += sdk/install-all
TEST_CMD_sdk/install-all := tests/sdk/install-all.sh $(SEL4_INSTALLS)/
