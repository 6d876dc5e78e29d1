# The version of sel4c, the one place it is written (tools print it with --version).
SEL4C_VERSION := 0.1.0
