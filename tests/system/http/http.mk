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

# system/http-server-{wrk,slow,fault}-*: load, slow clients and driver faults
# (tests/system/http/robust.sh). The fault variant's virtio_blk and virtio_rng are the drivers
# linked with test code that makes them fault (fault_*.c, through -Wl,--wrap=notified).
http_fault_dir = $(BUILD)/$(1)/tests/http-server-fault-pds
robust_args = $(1) $(SEL4_INSTALLS)/$(1) $(call http_server_dir,$(1)) $(HTTP_SERVER_DISK) \
    $(HTTP_SERVER_SITE) $(TLS_CERT) $(BUILD)/$(1)/tests/http-server-$(2) $(SYSBUILD) \
    $(call sdk_elf_dir,$(1)) $(QEMU_RUN) tests/system/http/count.lua $(2)
define http_fault_rules
$(call http_fault_dir,$(1))/virtio_%.elf: $(VIRTIO_DIR)/%_driver.c $(TOP)/tests/system/http/fault_%.c \
    $(call virtio_lib,$(1)) $(call queue_lib,$(1)) $(call shmem_lib,$(1)) $(call microkit_lib,$(1)) \
    $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) -Wl,--wrap=notified $$< \
	    $(TOP)/tests/system/http/fault_$$*.c $(call virtio_lib,$(1)) $(call queue_lib,$(1)) \
	    $(call shmem_lib,$(1)) $(call microkit_link,$(1)) -o $$@
http-server-fault-$(1): http-server-$(1) $(call http_fault_dir,$(1))/virtio_blk.elf \
    $(call http_fault_dir,$(1))/virtio_rng.elf
.PHONY: http-server-fault-$(1)
endef
$(foreach c,$(HTTP_SERVER_CONFIGS),\
  $(eval $(call http_fault_rules,$(c)))\
  $(eval TEST_DEPS += http-server-fault-$(c))\
  $(eval TESTS += system/http-server-wrk-$(c) system/http-server-slow-$(c) system/http-server-fault-$(c))\
  $(eval TEST_CMD_system/http-server-wrk-$(c) := tests/system/http/robust.sh $(call robust_args,$(c),wrk))\
  $(eval TEST_CMD_system/http-server-slow-$(c) := tests/system/http/robust.sh $(call robust_args,$(c),slow))\
  $(eval TEST_CMD_system/http-server-fault-$(c) := tests/system/http/robust.sh $(call robust_args,$(c),fault) \
    $(call http_fault_dir,$(c))))
