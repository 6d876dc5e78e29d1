# unit/string-aarch64: the runtime's memcpy, memmove and memset (lib/runtime/arch/aarch64/
# string.S) under qemu-aarch64, renamed so that the test's C library keeps its own.
STRING_TEST_AARCH64 := $(TEST_HOST_BIN)/string/test-aarch64
$(STRING_TEST_AARCH64): $(TOP)/tests/string/test_string.c $(TOP)/lib/runtime/arch/aarch64/string.S | deps
	@mkdir -p $(dir $@)
	$(CROSS_COMPILE)gcc -c -Dmemcpy=sel4c_test_memcpy -Dmemmove=sel4c_test_memmove \
	    -Dmemset=sel4c_test_memset $(TOP)/lib/runtime/arch/aarch64/string.S -o $@-string.o
	$(CROSS_COMPILE)gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror -static \
	    $(TOP)/tests/string/test_string.c $@-string.o -o $@
TEST_DEPS += $(STRING_TEST_AARCH64)
TESTS += unit/string-aarch64
TEST_CMD_unit/string-aarch64 := qemu-aarch64 $(STRING_TEST_AARCH64)
