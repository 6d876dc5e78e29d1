# The test suite: each test is a name and a shell command run from the top directory.
# TESTS lists the names in order; TEST_CMD_<name> is the command; TEST_DEPS what make builds
# first. A command exits 0 to pass, 77 to skip (saying why on its last line), else fails.

TEST_HOST_BIN := $(HOST_BUILD)/tests

# unit/pbf: the .pbf parser
PBF_TEST := $(TEST_HOST_BIN)/test_pbf
$(PBF_TEST): $(call host_objs,$(TOP)/tests/unit/test_pbf.c $(TOP)/tools/bindgen/pbf.c $(COMMON_CORE_SRCS))
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ -o $@
TESTS += unit/pbf
TEST_CMD_unit/pbf := $(PBF_TEST)
TEST_DEPS += $(PBF_TEST) $(BINDGEN)

# unit/sentinel: the QEMU runner's console matching
SENTINEL_TEST := $(TEST_HOST_BIN)/test_sentinel
$(SENTINEL_TEST): $(call host_objs,$(TOP)/tests/unit/test_sentinel.c $(TOP)/tools/qemu-run/sentinel.c)
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ -o $@
TESTS += unit/sentinel
TEST_CMD_unit/sentinel := $(SENTINEL_TEST)
TEST_DEPS += $(SENTINEL_TEST) $(QEMU_RUN)

TESTS += bindgen/duplicate-label
TEST_CMD_bindgen/duplicate-label := tests/bindgen/duplicate.sh $(BINDGEN) $(SHARED)/sel4/aarch64/libsel4/include

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

# Generated headers of every tested configuration, and tools the tests run.
TEST_DEPS += $(foreach c,$(SEL4_CONFIGS),$(call gen_stamp,$(c)))
GEN_BITFIELD_TEST := $(TEST_HOST_BIN)/gen_bitfield_test
$(GEN_BITFIELD_TEST): $(call host_objs,$(TOP)/tests/unit/gen_bitfield_test.c $(TOP)/tools/bindgen/pbf.c $(COMMON_CORE_SRCS))
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ -o $@
TEST_DEPS += $(GEN_BITFIELD_TEST)

# $(call cfg_includes,config): include flags for the headers of a configuration
cfg_includes = $(call sel4_includes,$(1))
pbf_of = $(SHARED)/sel4/$(1)/libsel4/include/sel4/$(2).pbf

# unit/bitfields-*: every field of every block of each configuration, and a feature fixture
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TESTS += unit/bitfields-$(c)-shared unit/bitfields-$(c)-arch)\
  $(eval TEST_CMD_unit/bitfields-$(c)-shared := tests/unit/bitfields.sh $(GEN_BITFIELD_TEST) $(call pbf_of,$(c),shared_types) sel4/shared_types_gen.h $(call cfg_includes,$(c)))\
  $(eval TEST_CMD_unit/bitfields-$(c)-arch := tests/unit/bitfields.sh $(GEN_BITFIELD_TEST) $(call pbf_of,$(c),sel4_arch/types) sel4/sel4_arch/types_gen.h $(call cfg_includes,$(c))))
FIXTURE_BF := $(HOST_BUILD)/tests/fixture/features_gen.h
$(FIXTURE_BF): $(TOP)/tests/fixtures/pbf/features.pbf $(BINDGEN)
	@mkdir -p $(dir $@)
	$(BINDGEN) --bitfields $< -o $@
TEST_DEPS += $(FIXTURE_BF)
TESTS += unit/bitfields-fixture
TEST_CMD_unit/bitfields-fixture := tests/unit/bitfields.sh $(GEN_BITFIELD_TEST) tests/fixtures/pbf/features.pbf features_gen.h -I$(dir $(FIXTURE_BF)) $(call cfg_includes,aarch64)

# compile/*: the full API per configuration, cross and host; the typed API's type safety
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TESTS += compile/headers-$(c))\
  $(eval TEST_CMD_compile/headers-$(c) := tests/compile/headers.sh $(c) $(TARGET_CC) "$(TARGET_CFLAGS)" "$(call cfg_includes,$(c))"))
# compile/alone-*: every public header compiles included first and alone, C11 and C++17
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TESTS += compile/alone-$(c))\
  $(eval TEST_CMD_compile/alone-$(c) := tests/compile/alone.sh $(c) $(CROSS_COMPILE) "$(call cfg_includes,$(c))"))
TESTS += compile/typed-mismatch
TEST_CMD_compile/typed-mismatch := tests/compile/typed_mismatch.sh $(TARGET_CC) "$(TARGET_CFLAGS) $(call cfg_includes,aarch64)"

# unit/marshal-*: invocation messages with the recorder in place of the kernel
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TESTS += unit/marshal-$(c))\
  $(eval TEST_CMD_unit/marshal-$(c) := gcc -std=gnu11 -O1 -Wall -Wextra -Werror -Itests/unit -Itests/recorder/include $(call cfg_includes,$(c)) tests/unit/test_marshal.c -o $(TEST_HOST_BIN)/marshal-$(c) && $(TEST_HOST_BIN)/marshal-$(c)))

# unit/fdt: the device tree reader, under the address and undefined-behaviour sanitizers
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
FDT_TEST := $(TEST_HOST_BIN)/test_fdt
$(FDT_TEST): $(TOP)/tests/unit/test_fdt.c $(TOP)/formats/fdt/fdt.c $(TOP)/formats/fdt/fdt.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -g -O1 -Wall -Wextra -Werror $(SAN_FLAGS) $(filter %.c,$^) -o $@
TEST_DEPS += $(FDT_TEST)
TESTS += unit/fdt
TEST_CMD_unit/fdt := tests/unit/fdt.sh $(FDT_TEST)

# compile/libsel4-compat-*: against each real install, a libsel4 client compiles with both
# libsel4 and sel4c, and the ABI values of tests/compile/abi_values.c agree
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TESTS += compile/libsel4-compat-$(c))\
  $(eval TEST_CMD_compile/libsel4-compat-$(c) := tests/compile/libsel4_compat.sh $(c) $(SEL4_INSTALLS)/$(c) $(TARGET_CC) "$(TARGET_CFLAGS)" "$(call cfg_includes,$(c))" $(CROSS_COMPILE)objcopy))

# compile/libsel4-idents-*: every header and identifier of each real install's libsel4, read
# by the compilers (clang's AST through tests/compile/decls.c), provided compatibly by sel4c
DECLS_TOOL := $(TEST_HOST_BIN)/decls
$(DECLS_TOOL): $(TOP)/tests/compile/decls.c | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 -Wall -Wextra -Werror $< -lcjson -o $@
TEST_DEPS += $(DECLS_TOOL)
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TESTS += compile/libsel4-idents-$(c))\
  $(eval TEST_CMD_compile/libsel4-idents-$(c) := tests/compile/libsel4_idents.sh $(c) $(SEL4_INSTALLS)/$(c) $(TARGET_CC) "$(call cfg_includes,$(c))" $(DECLS_TOOL)))

# compile/libsel4-lib-*: libsel4.a defines libsel4's symbols (its source in each real install)
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TEST_DEPS += $(call libsel4_lib,$(c)))\
  $(eval TESTS += compile/libsel4-lib-$(c))\
  $(eval TEST_CMD_compile/libsel4-lib-$(c) := tests/compile/libsel4_lib.sh $(c) $(SEL4_INSTALLS)/$(c) $(TARGET_CC) $(call libsel4_lib,$(c)) $(CROSS_COMPILE)readelf))

include $(TOP)/tests/qemu/loader/loader.mk
include $(TOP)/tests/virtio/virtio.mk


# unit/elf: the ELF library under sanitizers, on built-in images and the kernel loader
ELF_TEST := $(TEST_HOST_BIN)/test_elf
$(ELF_TEST): $(TOP)/tests/unit/test_elf.c $(wildcard $(TOP)/formats/elf/*.c $(TOP)/formats/elf/*.h) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -g -O1 -Wall -Wextra -Werror $(SAN_FLAGS) $(filter %.c,$^) -o $@
TEST_DEPS += $(ELF_TEST)
TESTS += unit/elf
TEST_CMD_unit/elf := tests/unit/elf.sh $(ELF_TEST) $(KERNEL_LOADER) $(CROSS_COMPILE)readelf

# compile/formats-freestanding: the shared format code builds for bare metal
TESTS += compile/formats-freestanding
TEST_CMD_compile/formats-freestanding := for f in formats/*/*.c; do $(TARGET_CC) $(BAREMETAL_CFLAGS) -c $$f -o /dev/null || exit 1; done

# fuzz/*: libFuzzer on the parsers of outside input, for a bounded time each
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
$(TEST_HOST_BIN)/fuzz_elf: $(TOP)/tests/fuzz/fuzz_elf.c $(wildcard $(TOP)/formats/elf/*.c) | deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) $^ -o $@
$(TEST_HOST_BIN)/fuzz_fdt: $(TOP)/tests/fuzz/fuzz_fdt.c $(TOP)/formats/fdt/fdt.c | deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) $^ -o $@
CAPDL_FUZZ_SRCS := $(filter-out %/main.c,$(wildcard $(TOP)/tools/capdl/*.c)) $(CAPDL_FORMAT_SRCS) \
    $(wildcard $(TOP)/formats/elf/*.c) \
    $(TOP)/tools/common/file_io.c $(TOP)/tools/common/sel4_config.c $(COMMON_CORE_SRCS)
$(TEST_HOST_BIN)/fuzz_capdl_text: $(TOP)/tests/fuzz/fuzz_capdl_text.c $(CAPDL_FUZZ_SRCS) | deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -D_GNU_SOURCE $^ -lcjson -llz4 -lm -o $@
$(TEST_HOST_BIN)/fuzz_capdl_binary: $(TOP)/tests/fuzz/fuzz_capdl_binary.c $(CAPDL_FORMAT_SRCS) | deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) $^ -o $@
TEST_DEPS += $(TEST_HOST_BIN)/fuzz_elf $(TEST_HOST_BIN)/fuzz_fdt $(TEST_HOST_BIN)/fuzz_capdl_text \
    $(TEST_HOST_BIN)/fuzz_capdl_binary
FUZZ_SECONDS ?= 20
TESTS += fuzz/elf-reader fuzz/fdt-reader
TEST_CMD_fuzz/elf-reader := tests/fuzz/fuzz.sh $(TEST_HOST_BIN)/fuzz_elf $(FUZZ_SECONDS) $(KERNEL_LOADER) $(LOADER_TEST_BUILD)/test-kernel-el2.elf $(LOADER_TEST_USER)
TEST_CMD_fuzz/fdt-reader := dtc -q -I dts -O dtb tests/fixtures/fdt/small.dts -o $(BUILD)/small.dtb && tests/fuzz/fuzz.sh $(TEST_HOST_BIN)/fuzz_fdt $(FUZZ_SECONDS) $(BUILD)/small.dtb

TESTS += fuzz/capdl-text fuzz/capdl-binary
TEST_CMD_fuzz/capdl-text := tests/fuzz/fuzz.sh $(TEST_HOST_BIN)/fuzz_capdl_text $(FUZZ_SECONDS) tests/fixtures/capdl/system.cdl \
    tests/fixtures/capdl/system.json tests/fixtures/capdl/nested.cdl tests/fixtures/capdl/arrays.cdl \
    tests/system/capdl/shared.cdl tests/system/capdl/untyped.cdl
TEST_CMD_fuzz/capdl-binary := $(CAPDL_TOOL) serialize tests/fixtures/capdl/system.cdl --files tests/fixtures/capdl -o $(BUILD)/capdl-seed.bin && \
    $(CAPDL_TOOL) serialize tests/fixtures/capdl/nested.cdl --files tests/fixtures/capdl -o $(BUILD)/capdl-seed-nested.bin && \
    tests/fuzz/fuzz.sh $(TEST_HOST_BIN)/fuzz_capdl_binary $(FUZZ_SECONDS) $(BUILD)/capdl-seed.bin $(BUILD)/capdl-seed-nested.bin

# capdl/host: sel4c-capdl's readers, round trips, embedding and refusals
TESTS += capdl/host
TEST_CMD_capdl/host := tests/capdl/host.sh $(CAPDL_TOOL) $(call capdl_initializer,aarch64) $(CROSS_COMPILE)readelf
TEST_DEPS += $(CAPDL_TOOL) $(call capdl_initializer,aarch64)

# add-payload/bad-input: sel4c-add-payload refuses bad input cleanly
TESTS += add-payload/bad-input
TEST_CMD_add-payload/bad-input := tests/add-payload/errors.sh $(ADD_PAYLOAD) $(KERNEL_LOADER) $(LOADER_TEST_BUILD)/test-kernel-el1.elf $(LOADER_TEST_USER) $(SHARED) $(TARGET_CC)

# system/hello-*: examples/hello-root-task on every configuration's real kernel
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TEST_DEPS += $(BUILD)/$(c)/examples/hello-root-task.elf)\
  $(eval TESTS += system/hello-$(c))\
  $(eval TEST_CMD_system/hello-$(c) := tests/system/root-task.sh $(c) $(SEL4_INSTALLS)/$(c) $(BUILD)/$(c)/examples/hello-root-task.elf $(ADD_PAYLOAD) $(KERNEL_LOADER) $(QEMU_RUN) --pass "hello-root-task: signalled and received" --pass "sel4c: exit(0)" --fail "sel4c: abort"))

# system/runtime-*: the runtime's own checks, and abort's backtrace through sel4c-symbolize
define runtime_test_elf
$(BUILD)/%/tests/runtime/$(1).elf: $(TOP)/tests/system/runtime/$(1).c $(BUILD)/%/lib/libsel4c_runtime.a $(RUNTIME_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $$(call user_cflags,$$*) $(ROOT_TASK_LDFLAGS) $$(filter %.c,$$^) $$(call runtime_link,$$*) -o $$@
endef
$(eval $(call runtime_test_elf,checks))
$(eval $(call runtime_test_elf,abort))
$(eval $(call runtime_test_elf,threads))
# threads run where libsel4's IPC buffer pointer is thread-local, and are refused elsewhere
threads_pass = $(if $(filter true,$(call sel4_setting,$(1),sel4,LIB_SEL4_USE_THREAD_LOCALS)),\
    --pass "runtime: PASS threads-tls" --pass "runtime: PASS child-fault" --pass "runtime: the root task goes on",\
    --pass "runtime: PASS threads-refused")
root_task_args = $(1) $(SEL4_INSTALLS)/$(1) $(2) $(ADD_PAYLOAD) $(KERNEL_LOADER) $(QEMU_RUN)
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(eval TEST_DEPS += $(BUILD)/$(c)/tests/runtime/checks.elf $(BUILD)/$(c)/tests/runtime/abort.elf $(BUILD)/$(c)/tests/runtime/threads.elf $(SYMBOLIZE))\
  $(eval TESTS += system/runtime-$(c) system/threads-$(c) system/abort-backtrace-$(c))\
  $(eval TEST_CMD_system/threads-$(c) := tests/system/root-task.sh $(call root_task_args,$(c),$(BUILD)/$(c)/tests/runtime/threads.elf) $(call threads_pass,$(c)) --pass "sel4c: exit(0)" --fail "runtime: FAIL" --fail "sel4c: abort")\
  $(eval TEST_CMD_system/runtime-$(c) := tests/system/root-task.sh $(call root_task_args,$(c),$(BUILD)/$(c)/tests/runtime/checks.elf) --pass "runtime: PASS constructors" --pass "runtime: PASS bootinfo" --pass "runtime: PASS tls" --pass "runtime: PASS heap-exhaustion" --pass "[info] runtime: log line at info" --pass "sel4c: exit(0)" --fail "runtime: FAIL" --fail "must be filtered" --fail "sel4c: abort")\
  $(eval TEST_CMD_system/abort-backtrace-$(c) := tests/system/runtime/abort.sh $(SYMBOLIZE) $(BUILD)/$(c)/tests/runtime/abort.elf $(call root_task_args,$(c),$(BUILD)/$(c)/tests/runtime/abort.elf) --pass "sel4c: abort"))

# compile/install: make install's include directory and libsel4.a, used on their own
TESTS += compile/install
TEST_CMD_compile/install := tests/compile/install.sh aarch64-microkit $(CROSS_COMPILE)

# system/libsel4-headers-*, system/own-runtime-*, system/own-runtime-cxx-*: a libsel4 client
# with the test's own start-up and sel4c's libsel4.a, built with libsel4's headers and with
# sel4c's (as C and as C++), on each real kernel
libsel4_test_libsel4 := system/libsel4-headers
libsel4_test_sel4c := system/own-runtime
libsel4_test_sel4c-c++ := system/own-runtime-cxx
$(foreach c,$(SEL4_ARM_CONFIGS),\
  $(foreach h,libsel4 sel4c sel4c-c++,\
    $(eval TESTS += $(libsel4_test_$(h))-$(c))\
    $(eval TEST_CMD_$(libsel4_test_$(h))-$(c) := tests/system/libsel4/program.sh $(h) $(c) $(SEL4_INSTALLS)/$(c) $(TARGET_CC) "$(TARGET_CFLAGS)" "$(call cfg_includes,$(c))" $(call libsel4_lib,$(c)) $(ADD_PAYLOAD) $(KERNEL_LOADER) $(QEMU_RUN))))

# unit/log: logging thresholds and whole lines from several threads (host, thread sanitizer)
LOG_TEST := $(TEST_HOST_BIN)/test_log
$(LOG_TEST): $(TOP)/tests/unit/test_log.c $(TOP)/lib/runtime/log.c $(TOP)/include/sel4c/log.h | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -g -O1 -Wall -Wextra -Werror -fsanitize=thread -DSEL4C_LOG_MAX=SEL4C_LOG_DEBUG \
	    -I$(TOP)/include $(filter %.c,$^) -lpthread -o $@
TEST_DEPS += $(LOG_TEST)
TESTS += unit/log
TEST_CMD_unit/log := $(LOG_TEST)
include $(TOP)/tests/system/capdl/capdl.mk
include $(TOP)/tests/system/microkit/microkit.mk
include $(TOP)/tests/drivers/drivers.mk
include $(TOP)/tests/net/net.mk
include $(TOP)/tests/system/net/net.mk
include $(TOP)/tests/system/http/http.mk
include $(TOP)/tests/tls/tls.mk
include $(TOP)/tests/queue/queue.mk
include $(TOP)/tests/shmem/shmem.mk
include $(TOP)/tests/event/event.mk
include $(TOP)/tests/http/http.mk

# sysbuild/*: sel4c-sysbuild's reader, checks and image checks against the fixtures (every
# error case at its line and column), and the model the reader builds, field by field
SYSBUILD_READ_TEST := $(TEST_HOST_BIN)/test_sysbuild_read
$(SYSBUILD_READ_TEST): $(call host_objs,$(TOP)/tests/sysbuild/test_read.c $(SYSBUILD_LIB_SRCS))
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ $(SYSBUILD_LIBS) -o $@
# The same fixtures through a build under AddressSanitizer (leaks included) and UBSan: every
# error path runs.
SYSBUILD_ASAN := $(TEST_HOST_BIN)/sel4c-sysbuild-asan
$(SYSBUILD_ASAN): $(SYSBUILD_SRCS) $(wildcard $(TOP)/tools/sysbuild/*.h) $(TOP)/mk/version.mk | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -g -O1 -Wall -Wextra -Werror -fsanitize=address,undefined \
	    -fno-sanitize-recover=all -DSEL4C_VERSION='"$(SEL4C_VERSION)"' $(XML_CFLAGS) \
	    $(SYSBUILD_SRCS) $(SYSBUILD_LIBS) -o $@
TESTS += sysbuild/fixtures sysbuild/fixtures-asan sysbuild/read
TEST_CMD_sysbuild/fixtures := tests/sysbuild/fixtures.sh $(SYSBUILD) $(SHARED) $(TARGET_CC)
TEST_CMD_sysbuild/fixtures-asan := tests/sysbuild/fixtures.sh $(SYSBUILD_ASAN) $(SHARED) $(TARGET_CC)
TEST_CMD_sysbuild/read := $(SYSBUILD_READ_TEST) $(SHARED)
TEST_DEPS += $(SYSBUILD) $(SYSBUILD_ASAN) $(SYSBUILD_READ_TEST)

# fuzz/sysbuild: the .system reader, prefill resolution and checks on arbitrary input
SYSBUILD_FUZZ_SRCS := $(SYSBUILD_LIB_SRCS)
$(TEST_HOST_BIN)/fuzz_sysbuild: $(TOP)/tests/fuzz/fuzz_sysbuild.c $(SYSBUILD_FUZZ_SRCS) | deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) $(XML_CFLAGS) $^ $(SYSBUILD_LIBS) -o $@
TEST_DEPS += $(TEST_HOST_BIN)/fuzz_sysbuild
TESTS += fuzz/sysbuild
TEST_CMD_fuzz/sysbuild := tests/fuzz/fuzz.sh $(TEST_HOST_BIN)/fuzz_sysbuild $(FUZZ_SECONDS) $(wildcard tests/fixtures/sysbuild/valid/*.system) tests/fixtures/sysbuild/multiple-errors.system


# system/skip-reasons: every test needing a seL4 install skips without it, naming it last
TESTS += system/skip-reasons
TEST_CMD_system/skip-reasons := tests/system/skip-reasons.sh $(BUILD)/tests.list $(SEL4_INSTALLS)

include $(TOP)/tests/sdk/sdk.mk
include $(TOP)/tests/fat/fat.mk
include $(TOP)/tests/storage/storage.mk
include $(TOP)/tests/string/string.mk
