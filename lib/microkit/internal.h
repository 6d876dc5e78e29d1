/* Internal interfaces of the PD runtime. */
#pragma once

/* Prints "<PD name>: <fn>: <text>" and a newline on the debug console. */
void sel4c_microkit_report(const char *fn, const char *text);
