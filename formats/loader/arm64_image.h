/*
 * The arm64 Linux Image header (Linux Documentation/arch/arm64/booting.rst) at the start of
 * the kernel loader, so that a raw binary image boots with QEMU -kernel and U-Boot booti.
 * The loader's entry code lays it out; sel4c-add-payload fills in the offset and size.
 * Little-endian fields, by byte offset.
 */
#pragma once

#define ARM64_IMAGE_CODE0       0  /* a branch to the entry point */
#define ARM64_IMAGE_TEXT_OFFSET 8  /* load address minus a 2 MiB-aligned RAM base */
#define ARM64_IMAGE_SIZE        16 /* bytes the image occupies from its start */
#define ARM64_IMAGE_FLAGS       24
#define ARM64_IMAGE_MAGIC       56 /* "ARM\x64" */
#define ARM64_IMAGE_HEADER_SIZE 64

#define ARM64_IMAGE_MAGIC_VALUE 0x644d5241u
/* flags: little-endian, 4 KiB pages, placed at text_offset from the base of RAM */
#define ARM64_IMAGE_FLAGS_VALUE (1u << 1)
