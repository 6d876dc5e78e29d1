/*
 * Moving the loader to the address it is linked at, for a binary image loaded elsewhere.
 * This runs where the image was loaded, before anything else: the code is free of absolute
 * addresses (AArch64's small code model reaches code and data PC-relatively, and nothing
 * here or in what it calls uses pointers stored in data), and its stack and bss are the
 * image's zero padding there. Only the loader moves; the payload stays where it was loaded
 * and loader_main() copies each region from there.
 */
#include "../../formats/loader/arm64_image.h"
#include "loader.h"

extern char __loader_start[], __loader_data_end[], __loader_end[];

void loader_relocate(uint64_t here, uint64_t linked);
void loader_relocate(uint64_t here, uint64_t linked)
{
    /* lengths, not addresses: differences of symbols are the same wherever the code runs */
    uint64_t file = (uintptr_t)__loader_data_end - (uintptr_t)__loader_start;
    uint64_t memory = (uintptr_t)__loader_end - (uintptr_t)__loader_start;
    uint64_t size = *(const volatile uint64_t *)(uintptr_t)(here + ARM64_IMAGE_SIZE);
    console_init(LOADER_UART_BASE);
    if (size == 0)
        loader_fail("loaded at %x, but linked at %x and not a binary image: boot the ELF image "
                    "with an ELF loader (QEMU -kernel, U-Boot bootelf), or make a binary one "
                    "(sel4c-add-payload --format binary)",
                    here, linked);
    if (here < linked + memory && linked < here + size)
        loader_fail("the image [%x, %x) was loaded over where the loader runs [%x, %x): load it "
                    "at %x (where nothing needs to move) or clear of that range",
                    here, here + size, linked, linked + memory, linked);
    region_copy(linked, here, file);
}
