# Benchmarks: `make bench` builds and runs each; they print figures and assert nothing.
.PHONY: bench
bench: $(BINDGEN) $(call gen_stamp,aarch64) | deps
	@$(TOP)/bench/bindgen-time.sh $(BINDGEN) $(SHARED)
	@cd $(TOP) && bench/typed-vs-raw/compare.sh $(TARGET_CC) "$(TARGET_CFLAGS) $(call sel4_includes,aarch64)" $(TARGET_OBJDUMP)
