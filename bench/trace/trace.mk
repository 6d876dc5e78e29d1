# bench/trace: instructions counted by component in QEMU's execution log (-icount shift=0
# -singlestep -d exec,nochain: one line per instruction), each attributed by its PC. Every PD
# of the measured system is linked at its own base, so that its PCs are its own, with a link
# map, so that ranges.sh can split it by library; count.awk reads the log, streamed through a
# fifo, and counts the instructions of each component between two marker functions
# (marker.h). bench/storage and bench/net use it.
#
# $(call trace_lds,OUT,BASE) is a rule (for $(eval)) making OUT, $(MICROKIT_LDS) with the
# code at BASE (a hex address, a multiple of 64 KiB, above 0x200000) instead of 0x200000 and
# the headers' page 64 KiB below it. Link a PD with it through
# $(call trace_ldflags,OUT,ELF) instead of $(PD_LDFLAGS): that also writes ELF.map.
define trace_lds
$(1): $(MICROKIT_LDS) $(TOP)/bench/trace/trace.mk
	@mkdir -p $$(dir $$@)
	sed -e "s/0x1f0000/$$$$(printf 0x%x $$$$(($(2) - 0x10000)))/g" -e 's/0x200000/$(2)/g' $$< >$$@
endef
trace_ldflags = -nostartfiles -static -T $(1) -Wl,--build-id=sha1 -Wl,-Map=$(2).map
