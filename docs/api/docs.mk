# make docs: the API reference of sel4c's own public headers, build/docs/api/html, from their
# comments with Debian's doxygen; fails on an undocumented public function (docs/api/).
API_HEADERS := $(wildcard $(TOP)/include/sel4c/*.h) $(TOP)/include/microkit.h
docs: | deps
	@$(TOP)/mk/deps.sh doxygen
	$(TOP)/docs/api/build.sh $(BUILD)/docs/api $(SEL4C_VERSION) $(API_HEADERS)
.PHONY: docs
