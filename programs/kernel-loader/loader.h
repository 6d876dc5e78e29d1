/* Internal interfaces of the kernel loader: generic flow in C, hardware in arch/<arch>/. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "../../formats/loader/payload.h"

#define LOADER_MAX_CORES 8

/* console.c: output on the platform UART (before the MMU is on) */
void console_init(uintptr_t uart_base);
void console_puts(const char *s);
/* Prints a message with %s, %u (64-bit), %x (64-bit hex) and %c. */
void console_printf(const char *fmt, ...);
/* Prints "sel4c loader: error: <message>" and stops this core for good. */
__attribute__((noreturn)) void loader_fail(const char *fmt, ...);

/* regions.c: byte-exact copy and zeroing on top of the arch's bulk routines */
/* Copies upwards: for destinations below their source or apart from it. */
void region_copy(uint64_t dest, uint64_t src, uint64_t size);
/* Copies like memmove: the ranges may overlap either way. */
void region_move(uint64_t dest, uint64_t src, uint64_t size);
void region_zero(uint64_t dest, uint64_t size);

/* arch: exception level, MMU, PSCI, kernel entry */
unsigned arch_current_el(void);
uint64_t arch_mpidr(void);
void arch_drop_to_el1(void);
/* Builds the boot page tables for `p`; the loader image spans [start, end). */
void arch_build_page_tables(const sel4c_loader_payload_t *p, uint64_t start, uint64_t end,
                            bool kernel_at_el2);
/* Turns the MMU on with the tables built above, at the current exception level. */
void arch_enable_mmu(bool kernel_at_el2);
/* Stops with a message unless PSCI calls over SMC (else HVC) reach firmware from here. */
void arch_check_psci_conduit(bool smc);
uint64_t arch_psci_smc(uint64_t fn, uint64_t a, uint64_t b, uint64_t c);
uint64_t arch_psci_hvc(uint64_t fn, uint64_t a, uint64_t b, uint64_t c);
void arch_copy(void *dest, const void *src, uint64_t size);
void arch_copy_down(void *dest, const void *src, uint64_t size);
void arch_zero(void *dest, uint64_t size);
__attribute__((noreturn)) void arch_enter_kernel(uint64_t ui_start, uint64_t ui_end,
                                                 int64_t pv_offset, uint64_t ui_entry, uint64_t dtb,
                                                 uint64_t dtb_size, uint64_t entry, uint64_t core);
void secondary_entry(void);
/* Reports an unexpected exception (vector slot, syndrome, return address, fault address). */
__attribute__((noreturn)) void loader_exception(uint64_t slot, uint64_t esr, uint64_t elr,
                                                uint64_t far);
