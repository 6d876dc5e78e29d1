/*
 * Program header types sel4c adds to ELF files, in the OS-specific range PT_LOOS..PT_HIOS.
 * Their segments are not loaded by themselves; each one's user documents its contents.
 */
#pragma once

#define SEL4C_PT_LOOS 0x60000000u
#define SEL4C_PT_HIOS 0x6fffffffu

/* A kernel-loader payload header (formats/loader/payload.h), also covered by a PT_LOAD. */
#define SEL4C_PT_LOADER_PAYLOAD 0x6534c001u
/* A serialized CapDL spec for the CapDL initializer. */
#define SEL4C_PT_CAPDL_SPEC 0x6534c002u
