# sel4c-bindgen, and the generated headers of each configuration.
BINDGEN_SRCS := $(wildcard $(TOP)/tools/bindgen/*.c) $(wildcard $(TOP)/tools/common/*.c)
BINDGEN := $(HOST_BUILD)/bin/sel4c-bindgen

$(BINDGEN): $(call host_objs,$(BINDGEN_SRCS))
	@mkdir -p $(dir $@)
	$(HOST_CC) $^ $(XML_LIBS) -lcjson -o $@

# build/<config>/include: the generated headers, regenerated when the tool or inputs change.
# $(call gen_stamp,config) names the stamp file that stands for that directory.
gen_stamp = $(BUILD)/$(1)/include/.stamp

$(call gen_stamp,$(SEL4_CONFIG)): $(BINDGEN) $(wildcard $(subst :, ,$(SEL4_INCLUDE_DIRS:%=%/*/*)))
	$(BINDGEN) -I $(SEL4_INCLUDE_DIRS) -o $(dir $@)
	@touch $@

# The other tested configurations always come from ../shared.
$(foreach c,$(filter-out $(SEL4_CONFIG),$(SEL4_CONFIGS)),$(eval \
$(call gen_stamp,$(c)): $(BINDGEN) ; $(BINDGEN) -I $(SHARED)/sel4/$(c)/libsel4/include -o $$(dir $$@) && touch $$@))

bindings: $(call gen_stamp,$(SEL4_CONFIG))
