/*
 * The kernel configuration a target library or image was built for, recorded in it so that
 * tools can refuse to pair it with another kernel (before boot, where a mismatch would show
 * only as a crash).
 *
 * The record is a string in the ELF section .sel4c.kernel_config (not loaded; symbol
 * sel4c_kernel_config):
 *   "sel4c-kernel-config 1 <fingerprint> <summary>"
 * The fingerprint is 16 hex digits of FNV-1a-64 over the kernel's gen_config.json settings,
 * sorted by name, one "NAME=value\n" each (booleans true or false), so two kernels with the
 * same settings have the same fingerprint whatever their file's order or layout. The summary
 * says the settings that matter most ("aarch64 qemu-arm-virt, MCS, hypervisor, 4 cores").
 * sel4c's runtime and PD runtime carry it (mk/config-record.mk); their linker scripts pull it
 * into every program linked with them.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "../common/sel4_config.h"
#include "../common/strbuf.h"

#define CONFIG_RECORD_SECTION "sel4c.kernel_config"
#define CONFIG_RECORD_PREFIX  "sel4c-kernel-config 1 "

/* Appends the record of `cfg` (as above, without a terminating NUL) to `out`. */
void config_record(const config_t *cfg, strbuf_t *out);

/*
 * Checks that the ELF image `data` (`size` bytes, from `image_path`) fits the kernel whose
 * gen_config.json is `config_path`: an image with a record must have been built for the same
 * settings. An image without one (not linked with sel4c's libraries) is not checked. Reports
 * a mismatch, an unreadable configuration or a malformed record as "image_path: error: ..."
 * and returns false.
 */
bool config_record_check(const char *image_path, const void *data, size_t size,
                         const char *config_path);

/* The same for an image read from `image_path`. */
bool config_record_check_file(const char *image_path, const char *config_path);
