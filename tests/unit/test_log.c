/* Logging on the host: thresholds, line format, truncation, and whole lines from threads. */
#include <pthread.h>
#include <stdbool.h>

#include <sel4c/log.h>

#include "check.h"

static char out[1 << 16];
static size_t out_len;
static int yields;

void sel4c_runtime_putc(char c)
{
    if (out_len < sizeof out)
        out[out_len++] = c;
}

void sel4c_runtime_puts(const char *s)
{
    for (; *s; s++)
        sel4c_runtime_putc(*s);
}

void sel4c_runtime_yield(void)
{
    __atomic_fetch_add(&yields, 1, __ATOMIC_RELAXED);
    sched_yield();
}

static void *logger(void *arg)
{
    for (int i = 0; i < 200; i++)
        sel4c_info("thread %c line %d abcdefghijklmnopqrstuvwxyz", (char)(long)arg, i);
    return NULL;
}

int main(void)
{
    sel4c_info("hello %d", 42);
    sel4c_debug("not shown at the default threshold");
    sel4c_log_set_level(SEL4C_LOG_TRACE);
    sel4c_debug("now shown");
    sel4c_trace("above the compile-time maximum: compiled out");
    sel4c_log_set_level(SEL4C_LOG_ERROR);
    sel4c_warn("filtered");
    sel4c_error("kept");
    out[out_len] = '\0';
    CHECK(strcmp(out, "[info] hello 42\n[debug] now shown\n[error] kept\n") == 0);

    out_len = 0;
    char big[400];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sel4c_error("%s", big);
    CHECK(out_len == 255 + 1 && out[out_len - 1] == '\n');

    /* several threads: every line arrives whole */
    out_len = 0;
    sel4c_log_set_level(SEL4C_LOG_INFO);
    sel4c_log_multithreaded();
    pthread_t th[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, logger, (void *)('a' + i));
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    out[out_len] = '\0';
    int lines = 0;
    for (char *l = out; *l; lines++) {
        char *nl = strchr(l, '\n');
        CHECK(nl != NULL);
        if (!nl)
            break;
        *nl = '\0';
        char c;
        int n;
        CHECK(sscanf(l, "[info] thread %c line %d abcdefghijklmnopqrstuvwxyz", &c, &n) == 2);
        CHECK(strlen(l) == strlen("[info] thread a line  abcdefghijklmnopqrstuvwxyz") + (n < 10 ? 1
                                                                                         : n < 100
                                                                                             ? 2
                                                                                             : 3));
        l = nl + 1;
    }
    CHECK(lines == 800);
    return check_done("test_log");
}
