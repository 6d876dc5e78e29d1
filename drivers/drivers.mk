# Device drivers (docs/drivers.md): per driver, its device logic as a library and a thin PD
# program around it, per configuration where the driver can run:
#
#   build/<config>/lib/libsel4c_driver_<d>.a  the library (link it before microkit_link)
#   build/<config>/drivers/<d>.elf            the driver PD (drivers/<d>/pd.c)
#
# Every driver PD is passive, so it needs MCS; the timer also needs the EL1 physical counter
# and timer at user level (EXPORT_PCNT_USER, EXPORT_PTMR_USER).
DRIVERS_DIR := $(TOP)/drivers
DRIVERS := timer rtc serial
DRIVER_CONFIGS_timer := $(foreach c,$(SEL4_ARM_CONFIGS),$(if $(and $(call sel4_is_mcs,$(c)),\
    $(call sel4_kernel_on,$(c),EXPORT_PCNT_USER),$(call sel4_kernel_on,$(c),EXPORT_PTMR_USER)),$(c)))
DRIVER_CONFIGS_rtc := $(foreach c,$(SEL4_ARM_CONFIGS),$(if $(call sel4_is_mcs,$(c)),$(c)))
DRIVER_CONFIGS_serial := $(SEL4_ARM_CONFIGS)
# The libraries a driver's PD links after its own (the serial driver's queues)
DRIVER_LIBS_serial = $(call queue_lib,$(1))
# Library sources: drivers/<d>/*.c but pd.c, and drivers/<d>/arch/<arch>/*.c
driver_srcs = $(filter-out %/pd.c,$(wildcard $(DRIVERS_DIR)/$(1)/*.c)) \
    $(wildcard $(DRIVERS_DIR)/$(1)/arch/$(TARGET_ARCH)/*.c)
# $(call driver_lib,config,driver), $(call driver_elf,config,driver)
driver_lib = $(BUILD)/$(1)/lib/libsel4c_driver_$(2).a
driver_elf = $(BUILD)/$(1)/drivers/$(2).elf

define driver_rules
$(BUILD)/$(1)/drivers/$(2)/%.o: $(DRIVERS_DIR)/$(2)/%.c $(call gen_stamp,$(1)) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) -ffunction-sections -fdata-sections -MMD -MP -c $$< -o $$@
$(call driver_lib,$(1),$(2)): $(patsubst $(DRIVERS_DIR)/$(2)/%.c,$(BUILD)/$(1)/drivers/$(2)/%.o,$(call driver_srcs,$(2)))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && $(CROSS_COMPILE)ar rcs $$@ $$^
$(call driver_elf,$(1),$(2)): $(BUILD)/$(1)/drivers/$(2)/pd.o $(call driver_lib,$(1),$(2)) $(call DRIVER_LIBS_$(2),$(1)) $(call microkit_lib,$(1)) $(MICROKIT_LDS)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(call driver_lib,$(1),$(2)) $(call DRIVER_LIBS_$(2),$(1)) $(call microkit_link,$(1)) -o $$@
-include $(patsubst $(DRIVERS_DIR)/$(2)/%.c,$(BUILD)/$(1)/drivers/$(2)/%.d,$(call driver_srcs,$(2)) $(DRIVERS_DIR)/$(2)/pd.c)
endef
$(foreach d,$(DRIVERS),$(foreach c,$(DRIVER_CONFIGS_$(d)),$(eval $(call driver_rules,$(c),$(d)))))

# $(call serial_driver_rules,config,CONFIG_C,ELF): the serial driver PD at ELF, linked with a
# system's own sel4c_serial_config (CONFIG_C: its clients' names)
define serial_driver_rules
$(3): $(2) $(BUILD)/$(1)/drivers/serial/pd.o $(call driver_lib,$(1),serial) $(call queue_lib,$(1)) \
    $(call microkit_lib,$(1)) $(MICROKIT_LDS) | deps
	@mkdir -p $$(dir $$@)
	$(TARGET_CC) $(call user_cflags,$(1)) $(PD_LDFLAGS) $$< $(BUILD)/$(1)/drivers/serial/pd.o \
	    $(call driver_lib,$(1),serial) $(call queue_lib,$(1)) $(call microkit_link,$(1)) -o $$@
endef

# What a configuration builds: every driver's library, and the PDs of those with a pd.c
driver_outputs = $(foreach d,$(DRIVERS),$(if $(filter $(1),$(DRIVER_CONFIGS_$(d))),\
    $(call driver_lib,$(1),$(d)) $(if $(wildcard $(DRIVERS_DIR)/$(d)/pd.c),$(call driver_elf,$(1),$(d)))))
drivers: $(call driver_outputs,$(SEL4_CONFIG))
drivers-all: $(foreach c,$(SEL4_ARM_CONFIGS),$(call driver_outputs,$(c)))
all: drivers
.PHONY: drivers drivers-all
