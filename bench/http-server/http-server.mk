# bench/http-server: the HTTP(S) system's requests/s and MB/s under QEMU (measure.sh).
bench-http-server: http-server-aarch64-microkit | deps
	@$(TOP)/bench/http-server/measure.sh aarch64-microkit $(SEL4_INSTALLS)/aarch64-microkit \
	    $(call http_server_dir,aarch64-microkit) $(HTTP_SERVER_DISK) $(TLS_CERT) $(SYSBUILD) \
	    $(call sdk_elf_dir,aarch64-microkit) $(QEMU_RUN)
bench: bench-http-server
.PHONY: bench-http-server
