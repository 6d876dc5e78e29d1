# system/http-server-*: the HTTP(S) server system of examples/http-server on the Microkit
# kernels, on the legacy virtio transport with load and robustness checks and on the modern
# one (tests/system/http/http.sh).
$(foreach c,$(HTTP_SERVER_CONFIGS),\
  $(eval TEST_DEPS += http-server-$(c))\
  $(eval TESTS += system/http-server-$(c) system/http-server-modern-$(c))\
  $(eval TEST_CMD_system/http-server-$(c) := tests/system/http/http.sh $(c) $(SEL4_INSTALLS)/$(c) \
    $(call http_server_dir,$(c)) $(HTTP_SERVER_DISK) $(HTTP_SERVER_SITE) $(TLS_CERT) \
    $(BUILD)/$(c)/tests/http-server $(SYSBUILD) $(call sdk_elf_dir,$(c)) $(QEMU_RUN) load)\
  $(eval TEST_CMD_system/http-server-modern-$(c) := tests/system/http/http.sh $(c) $(SEL4_INSTALLS)/$(c) \
    $(call http_server_dir,$(c)) $(HTTP_SERVER_DISK) $(HTTP_SERVER_SITE) $(TLS_CERT) \
    $(BUILD)/$(c)/tests/http-server-modern $(SYSBUILD) $(call sdk_elf_dir,$(c)) $(QEMU_RUN) modern))
# system/http-server-single-*: the same server as one PD (examples/http-server/single).
$(foreach c,$(HTTP_SERVER_CONFIGS),\
  $(eval TEST_DEPS += http-server-single-$(c))\
  $(eval TESTS += system/http-server-single-$(c))\
  $(eval TEST_CMD_system/http-server-single-$(c) := tests/system/http/single.sh $(c) \
    $(SEL4_INSTALLS)/$(c) $(call http_server_dir,$(c)) $(HTTP_SERVER_DISK) $(HTTP_SERVER_SITE) \
    $(TLS_CERT) $(BUILD)/$(c)/tests/http-server-single $(SYSBUILD) $(call sdk_elf_dir,$(c)) \
    $(QEMU_RUN)))
