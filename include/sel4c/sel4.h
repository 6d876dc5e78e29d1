/*
 * The typed sel4c API: one distinct type per capability kind (sel4c/gen/cap_types.h) and one
 * function per kernel invocation (sel4c/gen/invocations.h), each also in a _with_ipc form
 * that takes the IPC buffer explicitly. Errors are sel4c_err_t and must be checked.
 */
#pragma once

#include <sel4/sel4.h>
#include <sel4c/error.h>
#include <sel4c/gen/cap_types.h>
#include <sel4c/gen/invocations.h>
