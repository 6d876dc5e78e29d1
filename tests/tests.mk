# The test suite: each test is a name and a shell command run from the top directory.
# TESTS lists the names in order; TEST_CMD_<name> is the command; TEST_DEPS what make builds
# first. A command exits 0 to pass, 77 to skip (saying why on its last line), else fails.

TEST_HOST_BIN := $(HOST_BUILD)/tests

# unit/pbf: the .pbf parser
PBF_TEST := $(TEST_HOST_BIN)/test_pbf
$(PBF_TEST): $(call host_objs,$(TOP)/tests/unit/test_pbf.c $(TOP)/tools/bindgen/pbf.c $(wildcard $(TOP)/tools/common/*.c))
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ -o $@
TESTS += unit/pbf
TEST_CMD_unit/pbf := $(PBF_TEST)
TEST_DEPS += $(PBF_TEST) $(BINDGEN)

TESTS += bindgen/bad-input
TEST_CMD_bindgen/bad-input := tests/bindgen/errors.sh $(BINDGEN) $(SHARED)/sel4/aarch64/libsel4/include

$(foreach c,$(SEL4_CONFIGS),\
  $(eval TESTS += bindgen/generate-$(c))\
  $(eval TEST_CMD_bindgen/generate-$(c) := tests/bindgen/generate.sh $(BINDGEN) $(SHARED)/sel4/$(c)/libsel4/include $(c)))

# Against every real install: each configuration under SEL4_INSTALLS, and SEL4_PREFIX.
$(foreach c,$(SEL4_CONFIGS),\
  $(eval TESTS += bindgen/install-$(c))\
  $(eval TEST_CMD_bindgen/install-$(c) := tests/bindgen/install.sh $(BINDGEN) $(SEL4_INSTALLS)/$(c) $(SHARED)/sel4/$(c)/libsel4/include))
ifneq ($(SEL4_PREFIX),)
TESTS += bindgen/install-prefix
TEST_CMD_bindgen/install-prefix := tests/bindgen/install.sh $(BINDGEN) $(SEL4_PREFIX) $(SHARED)/sel4/$(SEL4_CONFIG)/libsel4/include
endif
