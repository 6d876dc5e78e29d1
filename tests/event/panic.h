/*
 * sel4c_panic for host tests, and a way to check that something panics: expect_panic runs
 * `fn` in a child process whose panic prints the message and exits 42; the parent checks
 * the status and that the message contains `want`.
 */
#pragma once

#include <stdarg.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

void sel4c_panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("sel4c: panic: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    fflush(stdout);
    _exit(42);
}

static void expect_panic(void (*fn)(void), const char *want)
{
    int fds[2];
    if (pipe(fds)) {
        CHECK(!"pipe");
        return;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 1);
        fn();
        fflush(stdout);
        _exit(0);
    }
    close(fds[1]);
    char out[1024];
    size_t len = 0;
    ssize_t n;
    while (len < sizeof out - 1 && (n = read(fds[0], out + len, sizeof out - 1 - len)) > 0)
        len += (size_t)n;
    out[len] = '\0';
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);
    CHECK_STR_CONTAINS(out, want);
}
