# sdk/*: the installed SDK used from outside the source tree, on every configuration's kernel.
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TEST_DEPS += $(SDK_TOOLS) $(call gen_stamp,$(c)) $(call sdk_libs,$(c)) $(call sdk_elf_stamp,$(c)))\
  $(eval TESTS += sdk/install-$(c))\
  $(eval TEST_CMD_sdk/install-$(c) := tests/sdk/install.sh $(c) $(SEL4_INSTALLS)/$(c) $(TARGET_CC)))
