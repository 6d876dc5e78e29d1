/*
 * The calling thread's IPC buffer and its message registers, capability slots and receive
 * path. The buffer pointer is set by the runtime (seL4_SetIPCBuffer) for each thread.
 */
#pragma once

#include <sel4/types.h>

SEL4C_C_LINKAGE LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;

#ifdef CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC
SEL4C_C_LINKAGE LIBSEL4_THREAD_LOCAL char __sel4_print_error;

/* The kernel's description of the last invocation error, in the IPC buffer. */
LIBSEL4_INLINE_FUNC char *seL4_GetDebugError(void)
{
    return (char *)(__sel4_ipc_buffer->msg + DEBUG_MESSAGE_START);
}

LIBSEL4_INLINE_FUNC void seL4_SetPrintError(char print_error)
{
    __sel4_print_error = print_error;
}

LIBSEL4_INLINE_FUNC char seL4_CanPrintError(void)
{
    return __sel4_print_error;
}
#endif

LIBSEL4_INLINE_FUNC void seL4_SetIPCBuffer(seL4_IPCBuffer *ipc_buffer)
{
    __sel4_ipc_buffer = ipc_buffer;
}

LIBSEL4_INLINE_FUNC seL4_IPCBuffer *seL4_GetIPCBuffer(void)
{
    return __sel4_ipc_buffer;
}

LIBSEL4_INLINE_FUNC seL4_Word seL4_GetMR(int i)
{
    return seL4_GetIPCBuffer()->msg[i];
}

LIBSEL4_INLINE_FUNC void seL4_SetMR(int i, seL4_Word mr)
{
    seL4_GetIPCBuffer()->msg[i] = mr;
}

LIBSEL4_INLINE_FUNC seL4_Word seL4_GetUserData(void)
{
    return seL4_GetIPCBuffer()->userData;
}

LIBSEL4_INLINE_FUNC void seL4_SetUserData(seL4_Word data)
{
    seL4_GetIPCBuffer()->userData = data;
}

/* The badge of the i-th unwrapped capability of the last received message. */
LIBSEL4_INLINE_FUNC seL4_Word seL4_GetBadge(int i)
{
    return seL4_GetIPCBuffer()->caps_or_badges[i];
}

LIBSEL4_INLINE_FUNC seL4_CPtr seL4_GetCap(int i)
{
    return (seL4_CPtr)seL4_GetIPCBuffer()->caps_or_badges[i];
}

/* Sets the i-th capability of the next message sent. */
LIBSEL4_INLINE_FUNC void seL4_SetCap(int i, seL4_CPtr cptr)
{
    seL4_GetIPCBuffer()->caps_or_badges[i] = (seL4_Word)cptr;
}

LIBSEL4_INLINE_FUNC void seL4_GetCapReceivePath(seL4_CPtr *receiveCNode, seL4_CPtr *receiveIndex,
                                                seL4_Word *receiveDepth)
{
    seL4_IPCBuffer *ipc = seL4_GetIPCBuffer();
    if (receiveCNode)
        *receiveCNode = ipc->receiveCNode;
    if (receiveIndex)
        *receiveIndex = ipc->receiveIndex;
    if (receiveDepth)
        *receiveDepth = ipc->receiveDepth;
}

/* Where a capability received in the next message is put. */
LIBSEL4_INLINE_FUNC void seL4_SetCapReceivePath(seL4_CPtr receiveCNode, seL4_CPtr receiveIndex,
                                                seL4_Word receiveDepth)
{
    seL4_IPCBuffer *ipc = seL4_GetIPCBuffer();
    ipc->receiveCNode = receiveCNode;
    ipc->receiveIndex = receiveIndex;
    ipc->receiveDepth = receiveDepth;
}

/* As in libsel4, the system calls come with this header. */
#include <sel4/syscalls.h>
