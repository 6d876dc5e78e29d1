# Tests of the HTTP core (lib/http) on the host.

# http/core: raw requests to the core over an in-memory site, exact responses (ASan/UBSan)
HTTP_CORE_TEST := $(TEST_HOST_BIN)/test_http
$(HTTP_CORE_TEST): $(TOP)/tests/http/test_http.c $(HTTP_HOST_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HTTP_HOST_CFLAGS) $^ -o $@
TEST_DEPS += $(HTTP_CORE_TEST) $(foreach c,$(SEL4_ARM_CONFIGS),$(call http_lib,$(c)))
TESTS += http/core
TEST_CMD_http/core := $(HTTP_CORE_TEST)

# sel4c-http-serve: the core over Linux sockets, for real clients (tests/http/serve.c)
HTTP_SERVE := $(TEST_HOST_BIN)/sel4c-http-serve
$(HTTP_SERVE): $(TOP)/tests/http/serve.c $(HTTP_HOST_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HTTP_HOST_CFLAGS) $^ -o $@
TEST_DEPS += $(HTTP_SERVE)
# http/clients: curl for every case (downloads compared with cmp), a bounded wrk run, and
# slowhttptest's slowloris while curl still gets answers; all on 127.0.0.1
TESTS += http/clients
TEST_CMD_http/clients := tests/http/clients.sh $(HTTP_SERVE)

# fuzz/http-request: libFuzzer on the request path (tests/fuzz/fuzz_http.c), llhttp included
$(TEST_HOST_BIN)/fuzz_http: $(TOP)/tests/fuzz/fuzz_http.c $(HTTP_DEPS) $(LLHTTP_STAMP) | deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) $(LLHTTP_DEFS) $(subst $$$$,$$,$(HTTP_INCLUDES)) $< $(HTTP_SRCS) \
	    $(http_llhttp_srcs) -o $@
TEST_DEPS += $(TEST_HOST_BIN)/fuzz_http
TESTS += fuzz/http-request
TEST_CMD_fuzz/http-request := tests/fuzz/fuzz.sh $(TEST_HOST_BIN)/fuzz_http $(FUZZ_SECONDS) $(wildcard tests/fixtures/http/*.req)

# system/http-core-*: the core in a Microkit PD (tests/http/pd), on the Microkit kernels
HTTP_PD_CONFIGS := aarch64-microkit aarch64-microkit-smp
define http_pd_rule
$(BUILD)/$(1)/tests/http/http_core.elf: $(TOP)/tests/http/pd/http_core.c $(call http_lib,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call http_lib,$(1)) $(call microkit_link,$(1)) -o $$@
TEST_DEPS += $(BUILD)/$(1)/tests/http/http_core.elf $(SYSBUILD) $(call sdk_elf_stamp,$(1))
TESTS += system/http-core-$(1)
TEST_CMD_system/http-core-$(1) := tests/system/microkit/boot.sh $(1) $(SEL4_INSTALLS)/$(1) \
    tests/http/pd/http.system $(BUILD)/$(1)/tests/http $(BUILD)/$(1)/tests/http-boot \
    $(SYSBUILD) $(call sdk_elf_dir,$(1)) $(QEMU_RUN) \
    --pass "http_core: PASS 3 pipelined responses" --pass "http_core: PASS traversal refused"
endef
$(foreach c,$(HTTP_PD_CONFIGS),$(eval $(call http_pd_rule,$(c))))

# bench/http (make bench): throughput of an -O2 build of sel4c-http-serve under wrk
HTTP_SERVE_O2 := $(BUILD)/host/bench/sel4c-http-serve
$(HTTP_SERVE_O2): $(TOP)/tests/http/serve.c $(HTTP_DEPS) $(LLHTTP_STAMP) | deps
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -O2 $(LLHTTP_DEFS) $(subst $$$$,$$,$(HTTP_INCLUDES)) $< $(HTTP_SRCS) \
	    $(http_llhttp_srcs) -o $@
bench: bench-http
bench-http: $(HTTP_SERVE_O2) $(call http_lib,aarch64-microkit) | deps
	@cd $(TOP) && bench/http/wrk.sh $(HTTP_SERVE_O2) $(call http_lib,aarch64-microkit) $(CROSS_COMPILE)size
.PHONY: bench-http
