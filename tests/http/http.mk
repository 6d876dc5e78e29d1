# Tests of the HTTP core (lib/http) on the host.

# http/core: raw requests to the core over an in-memory site, exact responses (ASan/UBSan)
HTTP_CORE_TEST := $(TEST_HOST_BIN)/test_http
$(HTTP_CORE_TEST): $(TOP)/tests/http/test_http.c $(HTTP_HOST_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HTTP_HOST_CFLAGS) $^ -o $@
TEST_DEPS += $(HTTP_CORE_TEST) $(foreach c,$(SEL4_ARM_CONFIGS),$(call http_lib,$(c)))
TESTS += http/core
TEST_CMD_http/core := $(HTTP_CORE_TEST)
