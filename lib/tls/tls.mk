# TLS (include/sel4c/tls.h): mbedTLS 2.28 from Debian's source package, fetched into build/
# when first needed, configured by lib/tls/mbedtls_config.h, per configuration:
#   build/<config>/lib/libsel4c_tls.a   mbedTLS and sel4c's TLS sessions
# and for the host tests: build/host/tls/libsel4c_tls.a.
TLS_DIR := $(TOP)/lib/tls
TLS_SRCS := $(wildcard $(TLS_DIR)/*.c)
MBEDTLS_SRC_STAMP := $(BUILD)/debian-src/mbedtls.path
# mbedTLS's library files (those its configuration leaves empty compile to nothing).
MBEDTLS_FILES := aes asn1parse asn1write base64 bignum chacha20 chachapoly cipher cipher_wrap \
    constant_time ctr_drbg ecdh ecdsa ecp ecp_curves entropy error gcm md memory_buffer_alloc \
    oid pem pk pk_wrap pkparse platform platform_util poly1305 rsa rsa_internal sha256 sha512 \
    ssl_ciphersuites ssl_cli ssl_msg ssl_srv ssl_tls x509 x509_crt
MBEDTLS_INCLUDES = -I$(TLS_DIR) -I$$$$(cat $(MBEDTLS_SRC_STAMP))/include \
    '-DMBEDTLS_CONFIG_FILE="mbedtls_config.h"'
MBEDTLS_CFLAGS := -Wno-error -ffunction-sections -fdata-sections

$(MBEDTLS_SRC_STAMP): $(TOP)/mk/debian-source.sh | deps
	@mkdir -p $(dir $@)
	$(TOP)/mk/debian-source.sh mbedtls $(BUILD) > $@.tmp && mv $@.tmp $@

# $(call tls_archive,objdir,archive,CC,CFLAGS,AR)
define tls_archive
$(2): $(TLS_SRCS) $(TLS_DIR)/mbedtls_config.h $(TOP)/include/sel4c/tls.h $(MBEDTLS_SRC_STAMP)
	@mkdir -p $(1)/mbedtls $$(dir $$@)
	set -e; m=$$$$(cat $(MBEDTLS_SRC_STAMP))/library; for f in $(MBEDTLS_FILES); do \
	    $(3) $(4) $(MBEDTLS_CFLAGS) $(MBEDTLS_INCLUDES) -c $$$$m/$$$$f.c -o $(1)/mbedtls/$$$$f.o; \
	done
	set -e; for f in $(TLS_SRCS); do \
	    $(3) $(4) -ffunction-sections -fdata-sections $(MBEDTLS_INCLUDES) -c $$$$f -o $(1)/$$$$(basename $$$${f%.c}).o; \
	done
	rm -f $$@ && $(5) rcs $$@ $(1)/mbedtls/*.o $(patsubst $(TLS_DIR)/%.c,$(1)/%.o,$(TLS_SRCS))
endef

tls_lib = $(BUILD)/$(1)/lib/libsel4c_tls.a
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call tls_archive,$(BUILD)/$(c)/tls,$(call tls_lib,$(c)),$(TARGET_CC),$(call user_cflags,$(c)),$(CROSS_COMPILE)ar)))
TLS_HOST_LIB := $(BUILD)/host/tls/libsel4c_tls.a
TLS_HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I$(TOP)/include \
    -fsanitize=address,undefined -fno-sanitize-recover=all
$(eval $(call tls_archive,$(BUILD)/host/tls/obj,$(TLS_HOST_LIB),$(HOST_CC),$(TLS_HOST_CFLAGS),ar))

tls: $(call tls_lib,$(SEL4_CONFIG))
.PHONY: tls

# The server's certificate and key: generated once per build tree with openssl (an ECDSA P-256
# key and a self-signed certificate for localhost and 127.0.0.1, valid ten years), unless the
# user names their own with TLS_CERT=file TLS_KEY=file (PEM, the key unencrypted).
TLS_GENERATED_CERT := $(BUILD)/tls/server-cert.pem
TLS_GENERATED_KEY := $(BUILD)/tls/server-key.pem
TLS_CERT ?= $(TLS_GENERATED_CERT)
TLS_KEY ?= $(TLS_GENERATED_KEY)
$(TLS_GENERATED_KEY): | deps
	@mkdir -p $(dir $@)
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
	    -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
	    -keyout $@.tmp -out $(TLS_GENERATED_CERT) 2>/dev/null && mv $@.tmp $@
$(TLS_GENERATED_CERT): $(TLS_GENERATED_KEY)
