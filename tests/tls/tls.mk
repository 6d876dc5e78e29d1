# Tests of TLS (lib/tls).
TLS_TEST_CFLAGS = $(TLS_HOST_CFLAGS) -I$(TLS_DIR) -I$$(cat $(MBEDTLS_SRC_STAMP))/include \
    '-DMBEDTLS_CONFIG_FILE="mbedtls_config.h"'

# tls/memory: sessions against mbedTLS's client in memory (suites, refusals, pool)
TLS_MEMORY_TEST := $(TEST_HOST_BIN)/test_tls_memory
$(TLS_MEMORY_TEST): $(TOP)/tests/tls/test_tls_memory.c $(TLS_HOST_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(TLS_TEST_CFLAGS) $^ -o $@
# tls/clients: curl and openssl s_client on loopback against a host server on lib/tls
TLS_SERVER_TEST := $(TEST_HOST_BIN)/tls_server
$(TLS_SERVER_TEST): $(TOP)/tests/tls/tls_server.c $(TLS_HOST_LIB)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(TLS_HOST_CFLAGS) $^ -o $@
TEST_DEPS += $(TLS_MEMORY_TEST) $(TLS_SERVER_TEST) $(TLS_GENERATED_CERT) \
    $(foreach c,$(SEL4_ARM_CONFIGS),$(call tls_lib,$(c)))
TESTS += tls/memory tls/clients
TEST_CMD_tls/memory := $(TLS_MEMORY_TEST) $(TLS_GENERATED_CERT) $(TLS_GENERATED_KEY)
TEST_CMD_tls/clients := tests/tls/clients.sh $(TLS_SERVER_TEST) $(TLS_GENERATED_CERT) $(TLS_GENERATED_KEY)
