# sel4c: C support for seL4 userspace.
#
#   make                 build the host tools and the bindings of SEL4_CONFIG (default aarch64)
#   make test            build and run every test; ends with "N passed, N failed, N skipped"
#                        (T='pattern...' runs only the matching tests)
#   make run             build the HTTP(S) server system (examples/http-server), boot it in QEMU
#   make run-hello       the smallest Microkit example (examples/hello-microkit)
#   make install PREFIX=dir   the SDK for SEL4_CONFIG (make install-all: every SEL4_INSTALLS)
#   make docs            the API reference of sel4c's headers (build/docs/api/html)
#   make format-check    check the C sources against .clang-format
#   make clean
#
# See mk/config.mk for SEL4_PREFIX, SEL4_INCLUDE_DIRS, SEL4_CONFIG and SEL4_INSTALLS.

.DEFAULT_GOAL := all
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
.SUFFIXES:
.DELETE_ON_ERROR:

include $(TOP)/mk/config.mk
include $(TOP)/mk/host.mk
include $(TOP)/mk/target.mk
include $(TOP)/tools/bindgen/bindgen.mk
include $(TOP)/tools/qemu-run/qemu-run.mk
include $(TOP)/tools/add-payload/add-payload.mk
include $(TOP)/tools/symbolize/symbolize.mk
include $(TOP)/tools/capdl/capdl.mk
include $(TOP)/tools/sysbuild/sysbuild.mk
include $(TOP)/programs/kernel-loader/kernel-loader.mk
include $(TOP)/mk/config-record.mk
include $(TOP)/lib/libsel4/libsel4.mk
include $(TOP)/lib/runtime/runtime.mk
include $(TOP)/lib/microkit/microkit.mk
include $(TOP)/lib/net/net.mk
include $(TOP)/lib/tls/tls.mk
include $(TOP)/lib/queue/queue.mk
include $(TOP)/lib/shmem/shmem.mk
include $(TOP)/lib/sync/sync.mk
include $(TOP)/drivers/virtio/virtio.mk
include $(TOP)/drivers/net/net.mk
include $(TOP)/lib/event/event.mk
include $(TOP)/drivers/drivers.mk
include $(TOP)/lib/fat/fat.mk
include $(TOP)/lib/http/http.mk
include $(TOP)/programs/capdl-initializer/capdl-initializer.mk
include $(TOP)/programs/monitor/monitor.mk
include $(TOP)/mk/sdk.mk
include $(TOP)/mk/install.mk
include $(TOP)/docs/api/docs.mk
include $(TOP)/examples/hello-root-task/hello.mk
include $(TOP)/examples/hello-microkit/hello-microkit.mk
include $(TOP)/examples/http-server/http-server.mk
include $(TOP)/tests/tests.mk
include $(TOP)/bench/bench.mk

.PHONY: all deps test run run-hello run-root-task clean format-check bindings

# Installs missing Debian packages (quietly does nothing when all are present).
deps:
	@$(TOP)/mk/deps.sh

all: bindings

define newline


endef

# make test T='unit/queue% system/microkit-hello-%' runs only the tests matching the patterns.
SELECTED_TESTS = $(if $(T),$(filter $(T),$(TESTS)),$(TESTS))
test: $(TEST_DEPS) | deps
	@mkdir -p $(BUILD)
	$(file >$(BUILD)/tests.list,$(foreach t,$(SELECTED_TESTS),$(t)	$(TEST_CMD_$(t))$(newline)))
	@$(TOP)/tests/run.sh $(BUILD)/tests.list $(BUILD)/test-logs

# make run boots examples/http-server (the HTTP(S) system), on the Microkit configuration's
# kernel unless a configuration or a kernel is given; make run-hello boots
# examples/hello-microkit, make run-root-task examples/hello-root-task.
RUN_CONFIG = $(if $(or $(SEL4_PREFIX),$(filter-out file,$(origin SEL4_CONFIG))),$(SEL4_CONFIG),aarch64-microkit)
RUN_PREFIX = $(if $(SEL4_PREFIX),$(SEL4_PREFIX),$(SEL4_INSTALLS)/$(RUN_CONFIG))
ifneq ($(filter $(RUN_CONFIG),$(HTTP_SERVER_CONFIGS)),)
run: http-server-$(RUN_CONFIG) | deps
	@$(TOP)/examples/http-server/run.sh $(RUN_PREFIX) $(RUN_CONFIG) $(call http_server_dir,$(RUN_CONFIG)) \
	    $(HTTP_SERVER_DISK) $(TLS_CERT) $(SYSBUILD) $(call sdk_elf_dir,$(RUN_CONFIG))
else
run:
	@echo "make run: the HTTP(S) system needs an MCS kernel with the generic timer at user level" \
	    "(EXPORT_PCNT_USER, EXPORT_PTMR_USER), as aarch64-microkit has; $(RUN_CONFIG) has not." \
	    "Try make run-hello." >&2; exit 2
endif
run-hello: hello-microkit-$(RUN_CONFIG) | deps
	@$(TOP)/examples/hello-microkit/run.sh $(RUN_PREFIX) $(RUN_CONFIG) \
	    $(call hello_microkit_dir,$(RUN_CONFIG)) $(SYSBUILD) $(call sdk_elf_dir,$(RUN_CONFIG)) $(QEMU_RUN)
run-root-task: $(HELLO_ELF) $(ADD_PAYLOAD) $(KERNEL_LOADER) $(QEMU_RUN) | deps
	@$(TOP)/examples/hello-root-task/run.sh $(if $(SEL4_PREFIX),$(SEL4_PREFIX),$(SEL4_INSTALLS)/$(SEL4_CONFIG)) \
	    $(ADD_PAYLOAD) $(KERNEL_LOADER) $(HELLO_ELF) $(QEMU_RUN)

FORMAT_SRCS = $(shell cd $(TOP) && git ls-files '*.c' '*.h' 2>/dev/null)
format-check: | deps
	@cd $(TOP) && clang-format --dry-run -Werror $(FORMAT_SRCS) && echo "format-check: ok"

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -path $(BUILD)/debian-src -prune -o -type f -name '*.d' -print 2>/dev/null)
