# sel4c-symbolize: backtraces on the console to functions, files and lines (elfutils libdw).
SYMBOLIZE := $(HOST_BUILD)/bin/sel4c-symbolize
$(SYMBOLIZE): $(call host_objs,$(TOP)/tools/symbolize/main.c $(VERSION_SRCS))
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ -ldw -lelf -o $@
all: $(SYMBOLIZE)
