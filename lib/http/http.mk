# The HTTP/1.1 server core (include/sel4c/http.h) with llhttp's parser, taken from Debian's
# node-llhttp package (downloaded and unpacked into build/ when first needed), per
# configuration:
#   build/<config>/lib/libsel4c_http.a
# and for the host (tests, the host server): build/host/http/libsel4c_http.a, under ASan/UBSan.
HTTP_DIR := $(TOP)/lib/http
# (with lib/event's civil-time arithmetic, for HTTP-dates)
HTTP_SRCS := $(wildcard $(HTTP_DIR)/*.c) $(TOP)/lib/event/civil.c
HTTP_DEPS := $(HTTP_SRCS) $(wildcard $(HTTP_DIR)/*.h) $(TOP)/include/sel4c/http.h
LLHTTP_STAMP := $(BUILD)/debian-bin/node-llhttp.path
LLHTTP_FILES := api.c http.c llhttp.c
# llhttp's strict mode refuses what lenient parsers disagree on (bare LF line ends, ...). Its
# unreachable default cases trap (lib/http/llhttp_trap.c) rather than call abort(), so that
# PDs need no abort() from the C library.
LLHTTP_DEFS := -DLLHTTP_STRICT_MODE=1 -Dabort=sel4c_http_llhttp_trap
LLHTTP_CFLAGS := $(LLHTTP_DEFS) -w -ffunction-sections -fdata-sections
HTTP_INCLUDES = -I$(TOP)/include -I$$$$(cat $(LLHTTP_STAMP))/usr/share/include/llhttp
# llhttp's sources, for a rule that compiles them with the core in one command (the fuzzer)
http_llhttp_srcs = $(addprefix $$(cat $(LLHTTP_STAMP))/usr/share/llhttp/,$(LLHTTP_FILES))

$(LLHTTP_STAMP): $(TOP)/mk/debian-binary.sh | deps
	@mkdir -p $(dir $@)
	$(TOP)/mk/debian-binary.sh node-llhttp $(BUILD) > $@.tmp && mv $@.tmp $@

# $(call http_archive,objdir,archive,CC,CFLAGS,AR)
define http_archive
$(2): $(HTTP_DEPS) $(LLHTTP_STAMP)
	@mkdir -p $(1) $$(dir $$@)
	set -e; ll=$$$$(cat $(LLHTTP_STAMP))/usr/share/llhttp; for f in $(LLHTTP_FILES); do \
	    $(3) $(4) $(LLHTTP_CFLAGS) $(HTTP_INCLUDES) -c $$$$ll/$$$$f -o $(1)/llhttp_$$$${f%.c}.o; \
	done
	set -e; for f in $(HTTP_SRCS); do \
	    $(3) $(4) -ffunction-sections -fdata-sections $(HTTP_INCLUDES) -c $$$$f -o $(1)/$$$$(basename $$$${f%.c}).o; \
	done
	rm -f $$@ && $(5) rcs $$@ $(1)/llhttp_*.o $(foreach f,$(HTTP_SRCS),$(1)/$(basename $(notdir $(f))).o)
endef

http_lib = $(BUILD)/$(1)/lib/libsel4c_http.a
$(foreach c,$(SEL4_BUILD_CONFIGS),$(eval $(call http_archive,$(BUILD)/$(c)/http,$(call http_lib,$(c)),$(TARGET_CC),$(TARGET_CFLAGS) $(PICOLIBC_FLAGS),$(CROSS_COMPILE)ar)))
HTTP_HOST_LIB := $(BUILD)/host/http/libsel4c_http.a
HTTP_HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I$(TOP)/include \
    -fsanitize=address,undefined -fno-sanitize-recover=all
$(eval $(call http_archive,$(BUILD)/host/http/obj,$(HTTP_HOST_LIB),$(HOST_CC),$(HTTP_HOST_CFLAGS),ar))

http: $(call http_lib,$(SEL4_CONFIG)) $(HTTP_HOST_LIB)
.PHONY: http
