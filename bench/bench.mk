# Benchmarks: `make bench` builds and runs each; they print figures and assert nothing.
.PHONY: bench
