# bench/http-server: the HTTP(S) system's requests/s and MB/s under QEMU, against the same
# server as one PD (measure.sh), and the instructions of a request by component in both
# (instructions.sh), for which every PD is relinked at a base of its own with a link map
# (bench/trace).
bench_hs_dir = $(BUILD)/$(1)/bench/http-server
# The traced PDs of http-server.system: the server keeps 0x200000 (its site arena fills the
# space up to its mappings), the others are put above every PD's mappings.
BENCH_HS_BASES := virtio_net=0x5000000 net_virt_rx=0x5100000 net_virt_tx=0x5200000 \
    virtio_blk=0x5300000 virtio_rng=0x5400000 timer=0x5500000 rtc=0x5600000 serial=0x5700000
bench_hs_base = $(patsubst $(2)=%,%,$(filter $(2)=%,$(BENCH_HS_BASES)))

# $(call bench_hs_traced,config,OUT_ELF,BASE,INPUTS,CFLAGS): OUT_ELF linked from INPUTS at
# BASE, with OUT_ELF.map.
define bench_hs_traced
$(call trace_lds,$(2).ld,$(3))
$(2): $(2).ld $(4) $(call microkit_lib,$(1)) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(5) $(call trace_ldflags,$(2).ld,$$@) $(4) \
	    $(call microkit_link,$(1)) -o $$@
endef

define bench_hs_rules
$(call bench_hs_dir,$(1))/multi/server.elf: $(HTTP_SERVER_SRCS) $(HTTP_SERVER_CERT_C) \
    $(call HTTP_SERVER_LIBS,$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -I$(HTTP_SERVER_DIR) \
	    $(call trace_ldflags,$(MICROKIT_LDS),$$@) $(HTTP_SERVER_SRCS) $(HTTP_SERVER_CERT_C) \
	    $(call HTTP_SERVER_LIBS,$(1)) $(call microkit_link,$(1)) -o $$@
$(call bench_hs_dir,$(1))/single/server_single.elf: $(HTTP_SERVER_SINGLE_SRCS) \
    $(HTTP_SERVER_CERT_C) $(call HTTP_SERVER_LIBS,$(1)) $(call driver_lib,$(1),timer) \
    $(call driver_lib,$(1),rtc) $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -I$(HTTP_SERVER_DIR) \
	    $(call trace_ldflags,$(MICROKIT_LDS),$$@) $(HTTP_SERVER_SINGLE_SRCS) \
	    $(HTTP_SERVER_CERT_C) $(call HTTP_SERVER_LIBS,$(1)) $(call driver_lib,$(1),timer) \
	    $(call driver_lib,$(1),rtc) $(call microkit_link,$(1)) -o $$@
$(foreach d,net blk rng,$(eval $(call bench_hs_traced,$(1),$(call bench_hs_dir,$(1))/multi/virtio_$(d).elf,$(call bench_hs_base,,virtio_$(d)),$(VIRTIO_DIR)/$(d)_driver.c $(call virtio_lib,$(1)) $(call queue_lib,$(1)) $(call shmem_lib,$(1)),)))
$(foreach d,rx tx,$(eval $(call bench_hs_traced,$(1),$(call bench_hs_dir,$(1))/multi/net_virt_$(d).elf,$(call bench_hs_base,,net_virt_$(d)),$(NET_VIRT_DIR)/virt_$(d)_pd.c $(NET_VIRT_SRCS) $(call net_virt_libs,$(1)),-I$(HTTP_SERVER_DIR))))
$(foreach d,timer rtc,$(eval $(call bench_hs_traced,$(1),$(call bench_hs_dir,$(1))/multi/$(d).elf,$(call bench_hs_base,,$(d)),$(BUILD)/$(1)/drivers/$(d)/pd.o $(call driver_lib,$(1),$(d)),)))
$(eval $(call bench_hs_traced,$(1),$(call bench_hs_dir,$(1))/multi/serial.elf,$(call bench_hs_base,,serial),$(HTTP_SERVER_DIR)/serial_config.c $(BUILD)/$(1)/drivers/serial/pd.o $(call driver_lib,$(1),serial) $(call queue_lib,$(1)),))
bench-http-server-pds-$(1): $(addprefix $(call bench_hs_dir,$(1))/multi/,server.elf \
    virtio_net.elf net_virt_rx.elf net_virt_tx.elf virtio_blk.elf virtio_rng.elf timer.elf \
    rtc.elf serial.elf) $(call bench_hs_dir,$(1))/single/server_single.elf
.PHONY: bench-http-server-pds-$(1)
endef
$(eval $(call bench_hs_rules,aarch64-microkit))

bench-http-server: http-server-aarch64-microkit http-server-single-aarch64-microkit \
    bench-http-server-pds-aarch64-microkit | deps
	@$(TOP)/bench/http-server/measure.sh aarch64-microkit $(SEL4_INSTALLS)/aarch64-microkit \
	    $(call http_server_dir,aarch64-microkit) $(HTTP_SERVER_DISK) $(TLS_CERT) $(SYSBUILD) \
	    $(call sdk_elf_dir,aarch64-microkit) $(QEMU_RUN)
	@$(TOP)/bench/http-server/instructions.sh aarch64-microkit $(SEL4_INSTALLS)/aarch64-microkit \
	    $(call bench_hs_dir,aarch64-microkit) $(HTTP_SERVER_DISK) $(TLS_CERT) $(SYSBUILD) \
	    $(call sdk_elf_dir,aarch64-microkit)
bench: bench-http-server
.PHONY: bench-http-server
